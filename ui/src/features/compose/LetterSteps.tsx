// Who did what on a letter, in one line under its status: "Drafted by dana
// on November 30, 2026 · approved by avery on November 30, 2026 · …". On a
// team record each step names the login that took it; on a single-user
// record nobody is named. The days are the organization's (its time zone).
import type { EventKind, WorkflowStep } from "../../ipc";
import { dayIn, longDate, useClock } from "../../components/common";

/** The steps the line tells, and how. */
const VERB: Partial<Record<EventKind, string>> = {
  created: "Drafted",
  deleted: "deleted",
  restored: "restored",
  approved: "approved",
  signed: "signed",
  sent: "sent",
};

/** The line for `steps` ("" when there is none to tell). */
export function stepsText(steps: readonly WorkflowStep[], timeZone: string | undefined): string {
  return steps
    .flatMap((s) => {
      const verb = VERB[s.kind];
      if (!verb) return [];
      return [`${verb}${s.by ? ` by ${s.by}` : ""} on ${longDate(dayIn(s.at, timeZone))}`];
    })
    .join(" · ");
}

export function LetterSteps({ steps }: { steps: readonly WorkflowStep[] }) {
  const timeZone = useClock()?.time_zone;
  const text = stepsText(steps, timeZone);
  if (!text) return null;
  return (
    <p className="muted steps" role="note" aria-label="Who did what" data-testid="letter-steps">
      {text}
    </p>
  );
}
