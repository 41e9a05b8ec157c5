import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { IpcError, IssueView, NewPosition, Stance } from "../../ipc";
import { ErrorNote, StatusChip, fieldError, longDate, useToday } from "../../components/common";
import { Dialog } from "../../components/Dialog";
import { DateField } from "../../components/DateField";
import { Toast, useNotice } from "../../components/Toast";
import { keys } from "../../queries";
import { IssuePage } from "./IssuePage";

const STANCES: [Stance, string][] = [
  ["support", "Support"],
  ["oppose", "Oppose"],
  ["neutral", "Neutral"],
  ["monitor", "Monitor"],
];

/** A refusal the form makes itself, shaped like Rust's, shown at its field. */
const refuse = (field: string, message: string): IpcError => ({ code: "invalid_data", field, message });

/** Adopt a new version of the organization's position on an issue. */
function AdoptDialog({ view, onClose, onAdopted }: { view: IssueView; onClose: () => void; onAdopted: (said: string) => void }) {
  const today = useToday();
  const newest = view.positions[0]?.position;
  const [stance, setStance] = useState<Stance>(newest?.stance ?? "support");
  // Until edited, adopted today (the organization's today).
  const [onEdited, setOn] = useState<string | null>(null);
  const on = onEdited ?? today ?? "";
  // A new version starts from the words in force, to be edited.
  const [statement, setStatement] = useState(newest?.statement ?? "");
  const [rationale, setRationale] = useState("");
  const form: NewPosition = { stance, adopted_on: on, statement, rationale };
  const adopt = useMutation({
    mutationFn: (p: NewPosition) => {
      if (!p.statement.trim()) throw refuse("statement", "Write the position's statement: the words letters quote.");
      if (!p.adopted_on) throw refuse("adopted_on", "Enter the day it was adopted, e.g. 09/24/2018.");
      // Rust finds the issue by its id (or name).
      return ipc.positionAdopt(String(view.issue.id), { ...p, statement: p.statement.trim(), rationale: p.rationale.trim() });
    },
    onSuccess: (p) =>
      onAdopted(`Adopted version ${p.version} of the position on ${view.issue.name}, from ${longDate(p.adopted_on)}.`),
  });
  /** A refusal of `field`, while that field still holds what was refused. */
  const err = (field: keyof NewPosition) =>
    adopt.variables && adopt.variables[field] !== form[field] ? null : fieldError(adopt.error, field);
  const stanceError = err("stance");
  const onError = err("adopted_on");
  const statementError = err("statement");
  const rationaleError = err("rationale");
  const elsewhere =
    adopt.isError && !(ipc.isIpcError(adopt.error) && ["stance", "adopted_on", "statement", "rationale"].includes(adopt.error.field ?? ""));
  return (
    <Dialog title={`Adopt a new version: ${view.issue.name}`} onClose={onClose} wide>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          adopt.mutate(form);
        }}
      >
        {newest && (
          <p className="muted">
            In force now: version {newest.version} ({newest.stance}), adopted {longDate(newest.adopted_on)}. Letters
            already written keep the version they cite.
          </p>
        )}
        <div className="grid2">
          <div>
            <label>
              Stance
              <select
                name="stance"
                value={stance}
                aria-invalid={stanceError ? true : undefined}
                onChange={(e) => setStance(e.target.value as Stance)}
              >
                {STANCES.map(([s, label]) => (
                  <option key={s} value={s}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            {stanceError && <p className="error field-error">{stanceError}</p>}
          </div>
          <DateField label="Adopted on" name="adopted_on" value={on} error={onError} onChange={(d) => setOn(d)} />
        </div>
        <label>
          Statement (what letters quote)
          <textarea
            name="statement"
            rows={4}
            value={statement}
            aria-invalid={statementError ? true : undefined}
            onChange={(e) => setStatement(e.target.value)}
          />
        </label>
        {statementError && <p className="error field-error">{statementError}</p>}
        <label>
          Rationale (why, for the record)
          <textarea name="rationale" rows={3} value={rationale} onChange={(e) => setRationale(e.target.value)} />
        </label>
        {rationaleError && <p className="error field-error">{rationaleError}</p>}
        {elsewhere && <ErrorNote error={adopt.error} prefix="Not adopted" />}
        <div className="actions">
          <button type="submit" className="primary" disabled={adopt.isPending}>
            {adopt.isPending ? "Adopting…" : "Adopt this version"}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Each issue with every version of the organization's position, newest
 * first, and the letters citing each. `issue` is the one to show (a search
 * hit): it is scrolled to, marked and given the focus.
 */
export function Positions({ onOpen, issue = null }: { onOpen: (id: number) => void; issue?: number | null }) {
  const issues = useQuery({ queryKey: keys.issues, queryFn: ipc.issuesOverview });
  const [adopting, setAdopting] = useState<IssueView | null>(null);
  // The issue whose page is open (its record, charts and paragraph).
  const [opened, setOpened] = useState<number | null>(null);
  const [notice, setNotice] = useNotice();
  const chosen = useRef<HTMLHeadingElement>(null);
  const loaded = !!issues.data;
  useEffect(() => {
    if (!loaded || !chosen.current) return;
    chosen.current.scrollIntoView({ block: "start" });
    chosen.current.focus({ preventScroll: true });
  }, [loaded]);
  if (opened !== null) return <IssuePage issue={opened} onBack={() => setOpened(null)} onOpen={onOpen} />;
  return (
    <section className="screen" aria-labelledby="positions-title">
      <header className="screen-head">
        <h1 id="positions-title">Positions</h1>
      </header>
      {issues.isError && <ErrorNote error={issues.error} prefix="Positions could not be loaded" />}
      {issues.data && issues.data.length === 0 && <p className="empty">No issues yet.</p>}
      {issues.data?.map((i) => {
        const selected = i.issue.id === issue;
        return (
          <article
            key={i.issue.id}
            className={selected ? "panel selected" : "panel"}
            aria-current={selected ? "true" : undefined}
            aria-labelledby={`issue-${i.issue.id}`}
          >
            <header className="screen-head">
              <h2 id={`issue-${i.issue.id}`} ref={selected ? chosen : undefined} tabIndex={selected ? -1 : undefined}>
                {i.issue.name}
              </h2>
              <div className="actions">
                <button type="button" className="small" onClick={() => setOpened(i.issue.id)}>
                  Open the issue's page
                </button>
                <button type="button" className="small" onClick={() => setAdopting(i)}>
                  Adopt a new version…
                </button>
              </div>
            </header>
            <p className="muted">{i.issue.summary}</p>
            {i.positions.length === 0 && <p className="muted">No position adopted on this issue yet.</p>}
            {i.positions.map((v) => (
              <div key={v.position.id} className="version">
                <h3>
                  Version {v.position.version}: {v.position.stance}{" "}
                  <span className="muted">adopted {longDate(v.position.adopted_on)}</span>
                </h3>
                <p>{v.position.statement}</p>
                {v.position.rationale && <p className="muted">{v.position.rationale}</p>}
                {v.letters.length === 0 ? (
                  <p className="muted">No letter cites this version.</p>
                ) : (
                  <ul aria-label={`Letters citing version ${v.position.version}`}>
                    {v.letters.map((l) => (
                      <li key={l.id}>
                        <button type="button" className="link" onClick={() => onOpen(l.id)}>
                          {longDate(l.date)} — {l.subject}
                        </button>{" "}
                        <StatusChip status={l.status} />
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </article>
        );
      })}
      {adopting && (
        <AdoptDialog
          view={adopting}
          onClose={() => setAdopting(null)}
          onAdopted={(said) => {
            setAdopting(null);
            setNotice(said);
          }}
        />
      )}
      <Toast text={notice} onDismiss={() => setNotice(null)} />
    </section>
  );
}
