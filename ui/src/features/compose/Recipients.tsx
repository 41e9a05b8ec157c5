// The letter's recipients: who it goes to (by office or person, as each
// resolves on the letter's date), adding more, joint letter or one copy
// each, and what resolution warns about.
import { useMemo, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { NewLetter, Office, RecipientChoice } from "../../ipc";
import { ErrorNote, readable } from "../../components/common";
import { RecipientPicker } from "./RecipientPicker";
import { AddGroupDialog, type GroupAdded } from "./AddGroup";
import type { ErrorFor, SetLetter } from "./LetterFields";

interface Props {
  form: NewLetter;
  set: SetLetter;
  offices: Office[];
  /** How each recipient resolves on the letter's date, in order (from the preview). */
  resolved: string[];
  warnings: string[];
  errorFor: ErrorFor;
  /** A new letter starts here: the recipient field takes the keyboard focus. */
  autoFocus?: boolean;
  /** A recipient or a group was taken off (its name): the form offers Undo. */
  onRemoved?: (what: string) => void;
  /** How each copy greets its addressees, as the preview laid them out. */
  greetings?: string[];
  /** Shown, not changed (a sent letter): no Remove, nothing to add. */
  readOnly?: boolean;
}

export function Recipients({ form, set, offices, resolved, warnings, errorFor, autoFocus, onRemoved, greetings = [], readOnly = false }: Props) {
  const [addingGroup, setAddingGroup] = useState(false);
  const officeTitle = useMemo(() => new Map(offices.map((o) => [o.id, o.title])), [offices]);
  // Rust adds a group's members and decides whether its greeting applies;
  // taking one off takes the members only it brought (asked again on the
  // letter's date) and decides the greeting again. A recipient added or
  // taken off by hand goes through Rust too, for the same greeting rule.
  const addGroup = useMutation({
    mutationFn: (g: GroupAdded) => ipc.letterAddGroup(form, g.group, g.leftOut),
    onSuccess: ({ letter }) => {
      set({ recipients: letter.recipients, extra: letter.extra });
      setAddingGroup(false);
    },
  });
  const removeGroup = useMutation({
    mutationFn: (i: number) => ipc.letterRemoveGroup(form, i),
    onSuccess: (letter, i) => {
      const label = form.extra.groups?.[i]?.label;
      set({ recipients: letter.recipients, extra: letter.extra });
      if (label) onRemoved?.(`the group ${label}`);
    },
  });
  const addRecipient = useMutation({
    mutationFn: (r: RecipientChoice) => ipc.letterAddRecipient(form, r),
    onSuccess: (letter) => set({ recipients: letter.recipients, extra: letter.extra }),
  });
  const removeRecipient = useMutation({
    mutationFn: (i: number) => ipc.letterRemoveRecipient(form, i),
    onSuccess: (letter, i) => {
      const r = form.recipients[i];
      const name = resolved[i] ?? (r?.to.by === "office" ? officeTitle.get(r.to.id) : undefined);
      set({ recipients: letter.recipients, extra: letter.extra });
      onRemoved?.(name ?? "the recipient");
    },
  });
  return (
    <fieldset className="recipients">
      <legend>Recipients</legend>
      {form.recipients.length === 0 && <p className="muted">Add the offices or people this letter goes to.</p>}
      <ol>
        {form.recipients.map((r, i) => {
          const name = resolved[i] ?? (r.to.by === "office" ? officeTitle.get(r.to.id) : `Person ${r.to.id}`);
          return (
          <li key={`${r.to.by}-${r.to.id}-${i}`}>
            <span>
              {r.role === "cc" ? "cc: " : ""}
              {name}
            </span>
            {!readOnly && (
              <button
                type="button"
                className="small"
                aria-label={`Remove ${name ?? "recipient"}`}
                onClick={() => removeRecipient.mutate(i)}
              >
                Remove
              </button>
            )}
          </li>
          );
        })}
      </ol>
      {!readOnly && (
        <>
          <RecipientPicker offices={offices} onAdd={(r) => addRecipient.mutate(r)} autoFocus={autoFocus} />
          <div className="actions start">
            <button type="button" className="small" onClick={() => setAddingGroup(true)}>
              Add a group…
            </button>
          </div>
        </>
      )}
      {(form.extra.groups ?? []).length > 0 && (
        <ul className="groups" aria-label="Groups">
          {(form.extra.groups ?? []).map((g, i) => (
            <li key={`${g.label}-${i}`}>
              <span>
                Group: {g.label}, {g.members} member{g.members === 1 ? "" : "s"}
              </span>
              {!readOnly && (
                <button
                  type="button"
                  className="small"
                  aria-label={`Remove the group ${g.label}`}
                  disabled={removeGroup.isPending}
                  onClick={() => removeGroup.mutate(i)}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removeGroup.isError && <ErrorNote error={removeGroup.error} prefix="The group was not removed" />}
      {addRecipient.isError && <ErrorNote error={addRecipient.error} prefix="The recipient was not added" />}
      {removeRecipient.isError && <ErrorNote error={removeRecipient.error} prefix="The recipient was not removed" />}
      {form.mode === "per_recipient" && greetings.length > 0 && (
        <p className="muted greeting" data-testid="copy-greetings">
          Each copy greets its own addressee: {greetings.slice(0, 3).map((g) => `“${g}”`).join(", ")}
          {greetings.length > 3 ? `, and ${greetings.length - 3} more` : ""}.
        </p>
      )}
      {form.mode === "joint" && form.extra.salutation && (
        <p className="muted greeting">
          A joint letter greets them: “{form.extra.salutation}”{" "}
          <button
            type="button"
            className="small"
            onClick={() => set({ extra: { ...form.extra, salutation: undefined } })}
          >
            Greet each by name instead
          </button>
        </p>
      )}
      {addingGroup && (
        <AddGroupDialog
          date={form.date}
          onClose={() => {
            setAddingGroup(false);
            addGroup.reset();
          }}
          onAdd={(g) => addGroup.mutate(g)}
          busy={addGroup.isPending}
          error={addGroup.error}
        />
      )}
      {errorFor("recipients") && <p className="error field-error">{errorFor("recipients")}</p>}
      <div className="radios" role="radiogroup" aria-label="Copies">
        <label>
          <input
            type="radio"
            name="mode"
            checked={form.mode === "joint"}
            onChange={() => set({ mode: "joint" })}
          />
          One joint letter
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={form.mode === "per_recipient"}
            onChange={() => set({ mode: "per_recipient" })}
          />
          One copy per recipient
        </label>
      </div>
      {warnings.map((w) => (
        <p key={w} className="warning" role="status">
          {readable(w)}
        </p>
      ))}
    </fieldset>
  );
}
