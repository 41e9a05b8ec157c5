import { useQuery } from "@tanstack/react-query";
import type { ClockView, Status } from "../ipc";
import { errorText, isIpcError } from "../ipc";
import { clockQuery } from "../queries";

const STATUS_LABEL: Record<Status, string> = {
  draft: "Draft",
  approved: "Approved",
  signed: "Signed",
  sent: "Sent",
};

/**
 * A letter's status. A sent letter with copies still to send says so
 * ("Partly sent, 1 of 2"): its text is fixed, but the job is not done.
 */
export function StatusChip({ status, copies }: { status: Status; copies?: { total: number; sent: number } }) {
  if (status === "sent" && copies && copies.sent < copies.total) {
    return (
      <span className="chip chip-partly">
        Partly sent, {copies.sent} of {copies.total}
      </span>
    );
  }
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
  if (isIpcError(error) && error.field === field) return errorText(error);
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

/**
 * The organization's clock as Rust reckons it (today in its time zone, the
 * follow-up default); undefined until it has answered. The browser's own
 * clock and time zone are never used for dates.
 */
export function useClock(): ClockView | undefined {
  return useQuery(clockQuery).data;
}

/** Today (YYYY-MM-DD) in the organization's time zone; undefined until known. */
export function useToday(): string | undefined {
  return useClock()?.today;
}

/** `days` after the day `iso` (YYYY-MM-DD): calendar arithmetic only, no clock or time zone. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
