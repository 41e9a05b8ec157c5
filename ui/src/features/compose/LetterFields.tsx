// The letter form's own fields: template, date, issue and position above the
// recipients (HeaderFields), subject, body, cc lines and signer below them
// (TextFields). The position follows the issue and the date: Rust says which
// version was in force on the letter's date.
import { useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Catalog, NewLetter } from "../../ipc";
import { errorText } from "../../ipc";
import { longDate } from "../../components/common";
import { positionInForceQuery } from "../../queries";

/** A change to some of the letter's fields. */
export type SetLetter = (patch: Partial<NewLetter>) => void;
/** The message of a save or preview error about `field`, if there is one. */
export type ErrorFor = (field: string) => string | null;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a letter's date is a whole date (a date field gives "" for "02/30/2018"). */
export const isWholeDate = (date: string) => ISO_DATE.test(date);

/** What to say when the date field holds no real date. */
export const NOT_A_DATE = "That isn't a date on the calendar; enter the month, day and year, e.g. 09/24/2018.";

interface HeaderProps {
  catalog: Catalog;
  form: NewLetter;
  set: SetLetter;
  issueId: number | null;
  setIssueId: (id: number | null) => void;
  errorFor: ErrorFor;
}

/** Template, date, issue and position. */
export function HeaderFields({ catalog, form, set, issueId, setIssueId, errorFor }: HeaderProps) {
  const client = useQueryClient();
  const issue = catalog.issues.find((i) => i.issue.id === issueId);
  const datable = ISO_DATE.test(form.date);
  // Whether any position was in force on the letter's date (for the note beside Position).
  const inForce = useQuery({
    ...positionInForceQuery(issueId ?? 0, form.date),
    enabled: issueId !== null && datable,
  });
  // Only the answer to the latest question is applied (dates are typed a digit at a time).
  const asked = useRef(0);
  /** Put the version in force on `date` into the letter; none until Rust has answered. */
  const followPosition = (forIssue: number, date: string) => {
    const n = ++asked.current;
    if (!ISO_DATE.test(date)) return;
    client.fetchQuery(positionInForceQuery(forIssue, date)).then(
      (id) => {
        if (n === asked.current) set({ position_id: id });
      },
      // The query shows its error beside Position.
      () => undefined,
    );
  };
  const noneInForce = issue !== undefined && datable && inForce.data === null;
  const dateError = datable ? errorFor("date") : NOT_A_DATE;
  return (
    <div className="grid2">
      <label>
        Template
        <select name="template" value={form.template} onChange={(e) => set({ template: e.target.value })}>
          {catalog.templates.map((t) => (
            <option key={t.key} value={t.key}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Date
        <input
          type="date"
          name="date"
          value={form.date}
          aria-invalid={!!dateError}
          aria-describedby={dateError ? "date-error" : undefined}
          onChange={(e) => {
            const date = e.target.value;
            set({ date });
            if (issueId !== null) followPosition(issueId, date);
          }}
        />
        {dateError && (
          <span id="date-error" className="error field-error">
            {dateError}
          </span>
        )}
      </label>
      <label>
        Issue
        <select
          name="issue"
          value={issueId ?? ""}
          onChange={(e) => {
            const id = e.target.value ? Number(e.target.value) : null;
            setIssueId(id);
            // The old version belongs to another issue: none until Rust says which.
            set({ position_id: null });
            if (id === null) asked.current++;
            else followPosition(id, form.date);
          }}
        >
          <option value="">None</option>
          {catalog.issues.map((i) => (
            <option key={i.issue.id} value={i.issue.id}>
              {i.issue.name}
            </option>
          ))}
        </select>
      </label>
      <div>
        <label>
          Position
          <select
            name="position"
            value={form.position_id ?? ""}
            disabled={!issue}
            aria-describedby={noneInForce ? "position-note" : undefined}
            onChange={(e) => set({ position_id: e.target.value ? Number(e.target.value) : null })}
          >
            {(!issue || form.position_id === null) && <option value="">—</option>}
            {issue?.positions.map((v) => (
              <option key={v.position.id} value={v.position.id}>
                Version {v.position.version} ({v.position.stance}, adopted {longDate(v.position.adopted_on)})
              </option>
            ))}
          </select>
        </label>
        {noneInForce && (
          <p id="position-note" className="warning">
            No position on this issue had been adopted by {longDate(form.date)}.
          </p>
        )}
        {issue && inForce.isError && (
          <p className="error field-error">{errorText(inForce.error)}</p>
        )}
      </div>
    </div>
  );
}

interface TextProps {
  catalog: Catalog;
  form: NewLetter;
  set: SetLetter;
  errorFor: ErrorFor;
}

/** Subject, body, cc lines and signer. */
export function TextFields({ catalog, form, set, errorFor }: TextProps) {
  return (
    <>
      <label>
        Subject
        <input
          name="subject"
          value={form.subject}
          aria-invalid={!!errorFor("subject")}
          onChange={(e) => set({ subject: e.target.value })}
        />
      </label>
      {errorFor("subject") && <p className="error field-error">{errorFor("subject")}</p>}
      <label>
        Body
        <textarea
          name="body"
          rows={10}
          value={form.body}
          aria-invalid={!!errorFor("body")}
          onChange={(e) => set({ body: e.target.value })}
        />
      </label>
      {errorFor("body") && <p className="error field-error">{errorFor("body")}</p>}
      <label>
        Copies to (cc), one per line
        <textarea
          name="cc"
          rows={2}
          value={form.extra.cc.join("\n")}
          onChange={(e) => set({ extra: { ...form.extra, cc: e.target.value.split("\n") } })}
        />
      </label>
      <label>
        Signer
        <select name="signer" value={form.signer_id} onChange={(e) => set({ signer_id: Number(e.target.value) })}>
          {catalog.signers.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.title ? `, ${s.title}` : ""}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
