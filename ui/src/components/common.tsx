import type { Status } from "../ipc";
import { errorText, isIpcError } from "../ipc";

const STATUS_LABEL: Record<Status, string> = {
  draft: "Draft",
  approved: "Approved",
  signed: "Signed",
  sent: "Sent",
};

export function StatusChip({ status }: { status: Status }) {
  return <span className={`chip chip-${status}`}>{STATUS_LABEL[status]}</span>;
}

/** An error from a call, as an alert. */
export function ErrorNote({ error, prefix }: { error: unknown; prefix?: string }) {
  return (
    <p className="error" role="alert">
      {prefix ? `${prefix}: ` : ""}
      {errorText(error)}
    </p>
  );
}

/** The message of an error about `field`, if that is what it is about. */
export function fieldError(error: unknown, field: string): string | null {
  if (isIpcError(error) && error.field === field) return error.message;
  return null;
}

/** "September 5, 2017" for an ISO date. */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return iso;
  const months = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
  ];
  return `${months[m - 1]} ${d}, ${y}`;
}

/** Today as YYYY-MM-DD in local time. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00`);
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
