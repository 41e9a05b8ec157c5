// Follow-up work on a sent copy, shared by the sent log and the letter's
// copies: snooze or reassign its follow-up, log a call, meeting or e-mail
// that is not the reply, and the reply kept as a PDF.
import { useId, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { ContactKind, CopyContact, LogEntry, ReplyFile, SnoozeTo } from "../../ipc";
import { Dialog, NO_DATE } from "../../components/Dialog";
import { DateField } from "../../components/DateField";
import { ErrorNote, fieldError, longDate, useClock } from "../../components/common";
import { keys, teamStatusQuery } from "../../queries";

/** A refusal the dialog makes itself, shaped like Rust's, shown at its field. */
const refuse = (field: string, message: string) => ({ code: "invalid_data", field, message });

/** The copy a dialog acts on. */
export interface CopyWho {
  id: number;
  name: string | null;
  office: string | null;
}

const whoOf = (c: CopyWho) => c.name ?? c.office ?? "";

export const CONTACT_LABEL: Record<ContactKind, string> = {
  call: "Call",
  meeting: "Meeting",
  email: "E-mail",
  other: "Other",
};

/** The owners and groups the sent log filters by, and who "mine" is (the team login). */
export const logChoicesQuery = {
  queryKey: [...keys.sentLog, "choices"],
  queryFn: ipc.sentLogChoices,
};

/** "1 week" or "2 weeks" on (the days Rust gives: from when it was due, or today once overdue), or a day. */
export function SnoozeDialog(props: { copy: CopyWho; due: string; onClose: () => void; onDone: () => void }) {
  const quick = useQuery({
    queryKey: keys.snoozeChoices(props.copy.id),
    queryFn: () => ipc.followUpSnoozeChoices(props.copy.id),
  });
  const [choice, setChoice] = useState<number | "date">(1);
  const [date, setDate] = useState("");
  const snooze = useMutation({
    mutationFn: (to: SnoozeTo | null) =>
      to ? ipc.followUpSnooze(props.copy.id, to) : Promise.reject(refuse("to", NO_DATE)),
    onSuccess: props.onDone,
  });
  const name = useId();
  const dateError = choice === "date" ? fieldError(snooze.error, "to") : null;
  return (
    <Dialog title={`Snooze follow-up: ${whoOf(props.copy)}`} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          snooze.mutate(
            choice === "date" ? (date ? { kind: "date", value: date } : null) : { kind: "weeks", value: choice },
          );
        }}
      >
        <p className="muted">Due {longDate(props.due)}.</p>
        <fieldset className="choices">
          <legend>Follow up instead</legend>
          {(quick.data ?? []).map((c) => (
            <label key={c.weeks} className="check">
              <input type="radio" name={name} checked={choice === c.weeks} onChange={() => setChoice(c.weeks)} />
              In {c.weeks} week{c.weeks === 1 ? "" : "s"} ({longDate(c.on)})
            </label>
          ))}
          <label className="check">
            <input type="radio" name={name} checked={choice === "date"} onChange={() => setChoice("date")} />
            On another day
          </label>
        </fieldset>
        {choice === "date" && (
          <DateField label="Follow up on" name="to" value={date} error={dateError} onChange={(d) => setDate(d)} />
        )}
        {snooze.isError && !dateError && <ErrorNote error={snooze.error} prefix="Not snoozed" />}
        <div className="actions">
          <button type="submit" className="primary" disabled={snooze.isPending}>
            Snooze
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * The team record's logins and their roles, to give a follow-up to: on a
 * team record a follow-up goes to a login (the server refuses any other
 * name), so that "Mine" finds it. Refused on this computer's own record.
 */
export const teamUsersQuery = {
  queryKey: [...keys.teamStatus, "users"],
  queryFn: ipc.teamUsers,
};

/**
 * Give the follow-up to a colleague: on a team record, one of its logins
 * (listed with their roles); on this computer's own record, a name typed or
 * one already in use.
 */
export function AssignDialog(props: { copy: CopyWho; owner: string | null; onClose: () => void; onDone: () => void }) {
  const choices = useQuery(logChoicesQuery);
  const status = useQuery(teamStatusQuery);
  const team = !!status.data?.team;
  const users = useQuery({ ...teamUsersQuery, enabled: team });
  // The logins are offered once known; were they not to come, a name typed
  // is still checked by the server.
  const pick = team && !users.isError;
  const [edited, setOwner] = useState<string | null>(null);
  const me = choices.data?.me ?? "";
  const mine = props.owner ? "" : pick ? ((users.data ?? []).some((u) => u.name === me) ? me : "") : me;
  const owner = edited ?? mine;
  const assign = useMutation({
    mutationFn: (to: string) =>
      to.trim()
        ? ipc.followUpAssign(props.copy.id, to)
        : Promise.reject(refuse("owner", pick ? "Choose a colleague." : "Enter a staff member's name.")),
    onSuccess: props.onDone,
  });
  const list = useId();
  const error = fieldError(assign.error, "owner");
  return (
    <Dialog title={`${team ? "Reassign" : "Assign"} follow-up: ${whoOf(props.copy)}`} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          assign.mutate(owner);
        }}
      >
        <p className="muted">{props.owner ? `Now ${props.owner}'s.` : "Nobody's yet."}</p>
        {pick ? (
          <label>
            Give it to
            <select
              value={owner}
              disabled={!users.data}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setOwner(e.target.value)}
            >
              <option value="">{users.data ? "Choose a colleague…" : "Listing the team's logins…"}</option>
              {(users.data ?? []).map((u) => (
                <option key={u.name} value={u.name}>
                  {u.name} ({u.roles.length > 0 ? u.roles.join(", ") : "no role yet"})
                </option>
              ))}
            </select>
          </label>
        ) : (
          <>
            <label>
              Give it to
              <input
                list={list}
                value={owner}
                aria-invalid={error ? true : undefined}
                onChange={(e) => setOwner(e.target.value)}
              />
            </label>
            <datalist id={list}>
              {(choices.data?.owners ?? []).map((o) => (
                <option key={o} value={o} />
              ))}
            </datalist>
          </>
        )}
        {users.isError && team && <ErrorNote error={users.error} prefix="The team's logins could not be listed" />}
        {error && <p className="error field-error">{error}</p>}
        {assign.isError && !error && <ErrorNote error={assign.error} prefix="Not reassigned" />}
        <div className="actions">
          <button type="submit" className="primary" disabled={assign.isPending}>
            {team ? "Reassign" : "Assign"}
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Log a call, meeting or e-mail about the copy that is not its reply. */
export function ContactDialog(props: { copy: CopyWho; onClose: () => void; onDone: () => void }) {
  const today = useClock()?.today;
  const [onEdited, setOn] = useState<string | null>(null);
  const on = onEdited ?? today ?? "";
  const [kind, setKind] = useState<ContactKind>("call");
  const [who, setWho] = useState("");
  const [notes, setNotes] = useState("");
  const log = useMutation({
    mutationFn: (on: string) =>
      on ? ipc.copyContactLog(props.copy.id, { on, kind, who, notes }) : Promise.reject(refuse("on", NO_DATE)),
    onSuccess: props.onDone,
  });
  const onError = log.variables === on ? fieldError(log.error, "on") : null;
  const whoError = fieldError(log.error, "who");
  const notesError = fieldError(log.error, "notes");
  return (
    <Dialog title={`Log a call or meeting: ${whoOf(props.copy)}`} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          log.mutate(on);
        }}
      >
        <label>
          What
          <select value={kind} onChange={(e) => setKind(e.target.value as ContactKind)}>
            {(Object.entries(CONTACT_LABEL) as [ContactKind, string][]).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <DateField label="On" name="on" value={on} error={onError} onChange={(d) => setOn(d)} />
        <label>
          With (their side)
          <input
            value={who}
            placeholder="Jane Roe, trade counsel"
            aria-invalid={whoError ? true : undefined}
            onChange={(e) => setWho(e.target.value)}
          />
        </label>
        {whoError && <p className="error field-error">{whoError}</p>}
        <label>
          Notes
          <textarea rows={4} value={notes} aria-invalid={notesError ? true : undefined} onChange={(e) => setNotes(e.target.value)} />
        </label>
        {notesError && <p className="error field-error">{notesError}</p>}
        {log.isError && !onError && !whoError && !notesError && <ErrorNote error={log.error} prefix="Not logged" />}
        <div className="actions">
          <button type="submit" className="primary" disabled={log.isPending}>
            Log it
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** "120 KB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "Reply: reply.pdf, 120 KB — Open · Save a copy…" */
export function ReplyFileLinks({ file }: { file: ReplyFile }) {
  const open = useMutation({ mutationFn: () => ipc.replyFileOpen(file.id) });
  const save = useMutation({
    mutationFn: async () => {
      const path = await ipc.chooseSavePath(file.file_name, { name: "PDF", extensions: ["pdf"] });
      if (path) await ipc.replyFileSave(file.id, path);
      return path;
    },
  });
  return (
    <div className="reply-file">
      Reply: {file.file_name}, {fileSize(file.size)} —{" "}
      <button type="button" className="link" onClick={() => open.mutate()} aria-label={`Open ${file.file_name}`}>
        Open
      </button>{" "}
      ·{" "}
      <button type="button" className="link" onClick={() => save.mutate()} aria-label={`Save a copy of ${file.file_name}`}>
        Save a copy…
      </button>
      <div role="status" aria-live="polite">
        {save.data && <span className="muted">Saved to {save.data}</span>}
      </div>
      {open.isError && <ErrorNote error={open.error} prefix="Not opened" />}
      {save.isError && <ErrorNote error={save.error} prefix="Not saved" />}
    </div>
  );
}

/** Pick a PDF and keep it as the reply of a copy whose reply is recorded. */
export function AttachReplyButton({ copy }: { copy: CopyWho }) {
  const attach = useMutation({
    mutationFn: async () => {
      const path = await ipc.choosePdf();
      if (path) await ipc.replyAttach(copy.id, path);
    },
  });
  return (
    <>
      <button type="button" className="small" onClick={() => attach.mutate()} disabled={attach.isPending}>
        Attach reply PDF…
      </button>
      {attach.isError && <ErrorNote error={attach.error} prefix="Not attached" />}
    </>
  );
}

/** The calls, meetings and e-mails logged on a copy, in the order they happened. */
export function ContactList({ contacts }: { contacts: CopyContact[] }) {
  if (contacts.length === 0) return null;
  return (
    <ul className="contacts" aria-label="Calls and meetings">
      {contacts.map((c) => (
        <li key={c.id}>
          <span className="nowrap">{longDate(c.on)}</span> {CONTACT_LABEL[c.kind].toLowerCase()}
          {c.who && <> with {c.who}</>}
          {c.notes && <>: {c.notes}</>}
          {c.actor && <span className="muted"> (logged by {c.actor})</span>}
        </li>
      ))}
    </ul>
  );
}

const TIMES = ["", "once", "twice"];

/**
 * What was done about a copy's follow-up, in the sent log's row: the latest
 * call or meeting logged (and how many), and how often it was put off.
 */
export function FollowUpHistory({ entry }: { entry: LogEntry }) {
  const last = entry.last_contact;
  if (!last && entry.snoozes === 0) return null;
  return (
    <div className="muted follow-up-history">
      {last && (
        <div>
          {CONTACT_LABEL[last.kind]}
          {last.who && <> with {last.who}</>}, <span className="nowrap">{longDate(last.on)}</span>
          {entry.contacts > 1 && <> ({entry.contacts} logged)</>}
        </div>
      )}
      {entry.snoozes > 0 && <div>Put off {TIMES[entry.snoozes] ?? `${entry.snoozes} times`}</div>}
    </div>
  );
}

/** What a row offers for its follow-up: snooze, reassign, log a contact. */
export type FollowUpAction = "snooze" | "assign" | "contact";

export function FollowUpButtons(props: {
  due: string | null;
  replied: boolean;
  onAction: (action: FollowUpAction) => void;
}) {
  // Follow-ups go from one login to another on a team record; on this
  // computer's own record a name is noted (assigned, not handed over).
  const team = !!useQuery(teamStatusQuery).data?.team;
  return (
    <div className="row-actions">
      {props.due && !props.replied && (
        <button type="button" className="small" onClick={() => props.onAction("snooze")}>
          Snooze…
        </button>
      )}
      <button type="button" className="small" onClick={() => props.onAction("assign")}>
        {team ? "Reassign…" : "Assign…"}
      </button>
      <button type="button" className="small" onClick={() => props.onAction("contact")}>
        Log call…
      </button>
    </div>
  );
}

/** The dialog for the action chosen on a copy, if any. */
export function FollowUpDialog(props: {
  action: FollowUpAction;
  copy: CopyWho;
  due: string | null;
  owner: string | null;
  onClose: () => void;
}) {
  switch (props.action) {
    case "snooze":
      return <SnoozeDialog copy={props.copy} due={props.due ?? ""} onClose={props.onClose} onDone={props.onClose} />;
    case "assign":
      return <AssignDialog copy={props.copy} owner={props.owner} onClose={props.onClose} onDone={props.onClose} />;
    case "contact":
      return <ContactDialog copy={props.copy} onClose={props.onClose} onDone={props.onClose} />;
  }
}
