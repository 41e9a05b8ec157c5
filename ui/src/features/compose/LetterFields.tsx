// The letter form's own fields: template, date, issue and position above the
// recipients (HeaderFields), subject, body, cc lines and signer below them
// (TextFields). The position follows the issue and the date: Rust says which
// version was in force on the letter's date. What the template still needs
// (the preview's `missing`) is said calmly at the field that gives it.
import { useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Catalog, NewLetter } from "../../ipc";
import { errorText } from "../../ipc";
import { longDate, readable } from "../../components/common";
import { DateField } from "../../components/DateField";
import { positionInForceQuery } from "../../queries";
import { ParagraphDialog, insertParagraph } from "./Paragraphs";

/** A change to some of the letter's fields. */
export type SetLetter = (patch: Partial<NewLetter>) => void;
/** The message of a save or preview error about a field of the form ("date", "subject"), if there is one. */
export type ErrorFor = (field: string) => string | null;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a letter's date is a whole date (the date field gives "" for "02/30/2018"). */
export const isWholeDate = (date: string) => ISO_DATE.test(date);

/** What to say when the letter is saved with no date (the field says why a typed one is none). */
export const NOT_A_DATE = "Enter the letter's date: the month, day and year, e.g. 09/24/2018.";

/** Said at the Issue field when the template quotes the position and no issue is chosen. */
export const CHOOSE_ISSUE = "Choose an issue — this template quotes your position";

/** Calm notes for what the template still needs, by the preview's field path. */
const STILL_NEEDED: Record<string, string> = {
  subject: "Still to fill in: the letter's subject.",
  body: "Still to fill in: the letter's text.",
  "signer.title": "This template prints the signer's title, and this signer has none: choose a signer with a title.",
};

/** A calm note under a field (not an error: the letter is just unfinished). */
function Hint({ id, text }: { id: string; text: string | null }) {
  if (!text) return null;
  return (
    <p id={id} className="hint">
      {text}
    </p>
  );
}

type Version = Catalog["issues"][number]["positions"][number]["position"];

/**
 * Beside the position when the version the letter quotes is not the one in
 * force on its date (Rust says which is: `position_in_force`; approval is
 * refused until someone chooses): use the one in force, or keep the quoted
 * one on purpose (`extra.kept_position`).
 */
function SupersededNote({ form, set, quoted, inForce, draft }: { form: NewLetter; set: SetLetter; quoted: Version; inForce: Version; draft: boolean }) {
  const kept = form.extra.kept_position === quoted.id;
  // An approved, signed or sent letter quotes what was approved: said, for
  // the record, with nothing to choose (a change would withdraw the approval).
  if (!draft) {
    return (
      <p id="position-superseded" className="muted">
        This letter quotes version {quoted.version} of your position, as approved; version {inForce.version} was adopted
        on {longDate(inForce.adopted_on)}.
      </p>
    );
  }
  const use = () => {
    const extra = { ...form.extra };
    delete extra.kept_position;
    set({ position_id: inForce.id, extra });
  };
  return (
    <div id="position-superseded" className="warning" role="status">
      <p>
        This letter quotes version {quoted.version} of your position; version {inForce.version}, adopted{" "}
        {longDate(inForce.adopted_on)}, is the one in force on {longDate(form.date)}.{" "}
        {kept
          ? `Version ${quoted.version} is kept on purpose.`
          : "Choose one before the letter can be approved."}
      </p>
      <div className="actions">
        <button type="button" onClick={use}>
          Use version {inForce.version}
        </button>
        {!kept && (
          <button type="button" onClick={() => set({ extra: { ...form.extra, kept_position: quoted.id } })}>
            Keep version {quoted.version}
          </button>
        )}
      </div>
    </div>
  );
}

interface HeaderProps {
  catalog: Catalog;
  form: NewLetter;
  set: SetLetter;
  issueId: number | null;
  setIssueId: (id: number | null) => void;
  errorFor: ErrorFor;
  /** What the template still needs ("position.issue"), once the form has been touched; else empty. */
  missing: string[];
  /** A draft (or a new letter): the position it quotes may still be chosen. */
  draft?: boolean;
}

/** Template, date, issue and position, and the position the letter will quote. */
export function HeaderFields({ catalog, form, set, issueId, setIssueId, errorFor, missing, draft = true }: HeaderProps) {
  const client = useQueryClient();
  const issue = catalog.issues.find((i) => i.issue.id === issueId);
  const datable = isWholeDate(form.date);
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
    if (!isWholeDate(date)) return;
    client.fetchQuery(positionInForceQuery(forIssue, date)).then(
      (id) => {
        if (n === asked.current) set({ position_id: id });
      },
      // The query shows its error beside Position.
      () => undefined,
    );
  };
  const noneInForce = issue !== undefined && datable && inForce.data === null;
  const quoted = issue?.positions.find((v) => v.position.id === form.position_id)?.position;
  const current =
    datable && inForce.data != null ? issue?.positions.find((v) => v.position.id === inForce.data)?.position : undefined;
  const needsPosition = missing.includes("position.issue") || missing.includes("position.statement");
  const issueHint = needsPosition && issueId === null ? CHOOSE_ISSUE : null;
  const positionHint =
    needsPosition && issueId !== null && form.position_id === null
      ? "This template quotes your position: choose a version, or a date by which one was adopted."
      : null;
  const issueError = errorFor("issue");
  const positionError = errorFor("position") ?? (issue && inForce.isError ? readable(errorText(inForce.error)) : null);
  const templateError = errorFor("template");
  return (
    <>
      <div className="grid2">
        <div>
          <label>
            Template
            <select
              name="template"
              value={form.template}
              aria-invalid={templateError ? true : undefined}
              onChange={(e) => set({ template: e.target.value })}
            >
              {catalog.templates.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          {templateError && <p className="error field-error">{templateError}</p>}
        </div>
        <DateField
          label="Date"
          name="date"
          value={form.date}
          error={errorFor("date")}
          onChange={(date) => {
            set({ date });
            if (issueId !== null) followPosition(issueId, date);
          }}
        />
      </div>
      {/* Stacked on a narrower form: an issue's or a version's name is long. */}
      <div className="grid2 stack-narrow">
        <div>
          <label>
            Issue
            <select
              name="issue"
              value={String(issueId ?? "")}
              aria-invalid={issueError ? true : undefined}
              aria-describedby={issueHint ? "issue-hint" : undefined}
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
          {issueError ? <p className="error field-error">{issueError}</p> : <Hint id="issue-hint" text={issueHint} />}
        </div>
        <div>
          <label>
            Position
            <select
              name="position"
              value={String(form.position_id ?? "")}
              disabled={!issue}
              aria-invalid={positionError ? true : undefined}
              aria-describedby={noneInForce || quoted ? "position-note" : positionHint ? "position-hint" : undefined}
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
          {positionError ? (
            <p className="error field-error">{positionError}</p>
          ) : (
            !noneInForce && <Hint id="position-hint" text={positionHint} />
          )}
        </div>
      </div>
      {noneInForce && (
        <p id="position-note" className="warning">
          No position adopted on this issue by {longDate(form.date)}.
          {needsPosition && " This template quotes your position: choose a date by which one was adopted."}
        </p>
      )}
      {quoted && current && current.id !== quoted.id && (
        <SupersededNote form={form} set={set} quoted={quoted} inForce={current} draft={draft} />
      )}
      {!noneInForce && quoted && (
        <blockquote id="position-note" className="quoted" aria-label="The position the letter quotes">
          <p className="muted">Quoting your position of {longDate(quoted.adopted_on)}:</p>
          <p>{quoted.statement}</p>
        </blockquote>
      )}
    </>
  );
}

interface TextProps {
  catalog: Catalog;
  form: NewLetter;
  set: SetLetter;
  errorFor: ErrorFor;
  /** What the template still needs ("subject", "signer.title"), once the form has been touched; else empty. */
  missing: string[];
}

/** Subject, body, cc lines and signer. */
export function TextFields({ catalog, form, set, errorFor, missing }: TextProps) {
  const hint = (field: string) => (missing.includes(field) ? (STILL_NEEDED[field] ?? null) : null);
  const subjectError = errorFor("subject");
  const bodyError = errorFor("body");
  const ccError = errorFor("cc");
  const signerError = errorFor("signer");
  const langError = errorFor("lang");
  const body = useRef<HTMLTextAreaElement>(null);
  // Where the cursor was when the paragraph dialog opened.
  const [inserting, setInserting] = useState<number | null>(null);
  return (
    <>
      <label>
        Subject
        <input
          name="subject"
          value={form.subject}
          aria-invalid={subjectError ? true : undefined}
          aria-describedby={hint("subject") ? "subject-hint" : undefined}
          onChange={(e) => set({ subject: e.target.value })}
        />
      </label>
      {subjectError ? <p className="error field-error">{subjectError}</p> : <Hint id="subject-hint" text={hint("subject")} />}
      <label>
        Body
        <textarea
          ref={body}
          name="body"
          rows={10}
          value={form.body}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={hint("body") ? "body-hint" : undefined}
          onChange={(e) => set({ body: e.target.value })}
        />
      </label>
      {bodyError ? <p className="error field-error">{bodyError}</p> : <Hint id="body-hint" text={hint("body")} />}
      <div className="actions start">
        <button
          type="button"
          className="small"
          onClick={() => setInserting(body.current?.selectionStart ?? form.body.length)}
        >
          Insert paragraph…
        </button>
      </div>
      {inserting !== null && (
        <ParagraphDialog
          issueId={catalog.issues.find((i) => i.positions.some((p) => p.position.id === form.position_id))?.issue.id ?? null}
          onClose={() => setInserting(null)}
          onInsert={(p) => {
            const next = insertParagraph(form.body, inserting, p.body);
            const used = form.extra.paragraphs ?? [];
            set({
              body: next.body,
              extra: { ...form.extra, paragraphs: used.includes(p.id) ? used : [...used, p.id] },
            });
            setInserting(null);
            requestAnimationFrame(() => {
              body.current?.focus();
              body.current?.setSelectionRange(next.cursor, next.cursor);
            });
          }}
        />
      )}
      <label>
        Copies to (cc), one per line
        <textarea
          name="cc"
          rows={2}
          value={form.extra.cc.join("\n")}
          aria-invalid={ccError ? true : undefined}
          onChange={(e) => set({ extra: { ...form.extra, cc: e.target.value.split("\n") } })}
        />
      </label>
      {ccError && <p className="error field-error">{ccError}</p>}
      <label>
        Signer
        <select
          name="signer"
          value={String(form.signer_id)}
          aria-invalid={signerError ? true : undefined}
          aria-describedby={hint("signer.title") ? "signer-hint" : undefined}
          onChange={(e) => set({ signer_id: Number(e.target.value) })}
        >
          {catalog.signers.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.title ? `, ${s.title}` : ""}
            </option>
          ))}
        </select>
      </label>
      {signerError ? <p className="error field-error">{signerError}</p> : <Hint id="signer-hint" text={hint("signer.title")} />}
      <label>
        Language of the letter
        <select
          name="lang"
          value={form.extra.lang ?? catalog.default_language}
          aria-invalid={langError ? true : undefined}
          onChange={(e) => {
            const tag = e.target.value;
            set({ extra: { ...form.extra, lang: tag } });
          }}
        >
          {catalog.languages.map((l) => (
            <option key={l.tag} value={l.tag}>
              {l.name}
            </option>
          ))}
          {form.extra.lang && !catalog.languages.some((l) => l.tag === form.extra.lang) && (
            <option value={form.extra.lang}>{form.extra.lang}</option>
          )}
        </select>
      </label>
      {langError && <p className="error field-error">{langError}</p>}
    </>
  );
}
