import { useEffect, useRef } from "react";
import { useQuery } from "@tanstack/react-query";
import type { ClockView, Method, Status, TeamRole } from "../ipc";
import { errorText, isIpcError } from "../ipc";
import { clockQuery, teamStatusQuery } from "../queries";
import { longDatesIn } from "./dates";

export { longDate } from "./dates";

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

/** How a copy went out, in words (the Sent log, the copies, the mark-sent dialog). */
export const METHOD_LABEL: Record<Method, string> = {
  mail: "Mail",
  email: "Email",
  fax: "Fax",
  hand: "Hand delivery",
  portal: "Web portal",
};

/**
 * A message from Rust as a sentence on its own: its first letter a capital
 * ("no holder of the office…" → "No holder of the office…"; a message that
 * starts with a path or file name is left as it is) and its dates written
 * the app's way ("2018-09-24" → "September 24, 2018").
 */
export function readable(message: string): string {
  const text = longDatesIn(message);
  return /^[a-z]+(?=$|[\s,;:!?'’)])/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * An error from a call, as an alert. After a prefix ("Not saved: …") the
 * message goes on the sentence; on its own it is one. `reveal`: the alert
 * answers something just asked for (Approve), so it is scrolled into view
 * and takes the focus, however far down the form it is.
 */
export function ErrorNote({ error, prefix, reveal }: { error: unknown; prefix?: string; reveal?: boolean }) {
  const note = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!reveal || !note.current) return;
    note.current.scrollIntoView({ block: "nearest" });
    note.current.focus({ preventScroll: true });
  }, [reveal, error]);
  return (
    <p ref={note} className="error" role="alert" tabIndex={reveal ? -1 : undefined}>
      {prefix ? `${prefix}: ${longDatesIn(errorText(error))}` : readable(errorText(error))}
    </p>
  );
}

/** The message of an error about `field`, if that is what it is about. */
export function fieldError(error: unknown, field: string): string | null {
  if (isIpcError(error) && error.field === field) return readable(errorText(error));
  return null;
}

/**
 * The organization's clock as Rust reckons it (today in its time zone, the
 * end of this week); undefined until it has answered. The browser's own
 * clock and time zone are never used for dates.
 */
export function useClock(): ClockView | undefined {
  return useQuery(clockQuery).data;
}

/**
 * What this session may do, by role: `may("approver")`. On this computer's
 * own record everyone has every role; on a team record, the roles the
 * server gave this login (an administrator passes every role rule, as in
 * crates/store/pg/02-roles.sql). Until the session is known, allowed: the
 * server decides in the end, and says so if it refuses.
 */
export function useMay(): (role: TeamRole) => boolean {
  const roles = useQuery(teamStatusQuery).data?.session.roles;
  return (role) => !roles || roles.includes(role) || roles.includes("admin");
}

/** Today (YYYY-MM-DD) in the organization's time zone; undefined until known. */
export function useToday(): string | undefined {
  return useClock()?.today;
}

/**
 * The day (YYYY-MM-DD) on which a moment (a timestamp, e.g.
 * "2026-12-01T03:00:00Z") fell in `timeZone`, the organization's: that
 * moment is November 30 in New York. Without a zone (the clock not known
 * yet), or one this system does not know, the timestamp's own date.
 */
export function dayIn(at: string, timeZone: string | undefined): string {
  const moment = new Date(at);
  if (!timeZone || Number.isNaN(moment.getTime())) return at.slice(0, 10);
  try {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).formatToParts(moment);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
    const [y, m, d] = [part("year"), part("month"), part("day")];
    return y && m && d ? `${y.padStart(4, "0")}-${m}-${d}` : at.slice(0, 10);
  } catch {
    return at.slice(0, 10);
  }
}

/**
 * Spell checking off (dates, template code). The window runs on Preact,
 * which sets the DOM's own `spellcheck` property; React's `spellCheck`
 * spelling would be dropped.
 */
export const NO_SPELLCHECK = { spellcheck: false } as const;
