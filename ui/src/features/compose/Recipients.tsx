// The letter's recipients: who it goes to (by office or person, as each
// resolves on the letter's date), adding more, joint letter or one copy
// each, and what resolution warns about.
import { useMemo, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { GroupExpansion, GroupNote, NewLetter, Office, RecipientChoice } from "../../ipc";
import { ErrorNote, readable } from "../../components/common";
import { keys } from "../../queries";
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
}

export function Recipients({ form, set, offices, resolved, warnings, errorFor, autoFocus }: Props) {
  const [addingGroup, setAddingGroup] = useState(false);
  const removeRecipient = (i: number) => {
    const recipients = form.recipients.filter((_, k) => k !== i);
    // With nobody left, neither the groups nor their greeting apply.
    if (recipients.length === 0) {
      set({ recipients, extra: { ...form.extra, groups: [], salutation: undefined } });
    } else {
      set({ recipients });
    }
  };
  const addGroup = (g: GroupAdded) => {
    const added = g.recipients.filter((r) => !form.recipients.some((x) => sameRecipient(x, r)));
    set({
      recipients: [...form.recipients, ...added],
      extra: {
        ...form.extra,
        groups: [...(form.extra.groups ?? []), g.note],
        salutation: greetingAfter(form.recipients, g) ?? undefined,
      },
    });
    setAddingGroup(false);
  };
  // A group taken off the letter takes its members with it, except those
  // another remaining group also brings. The letter records its groups, not
  // which group brought whom: the groups are asked for their members again,
  // on the letter's date (as they were added).
  const queryClient = useQueryClient();
  const expand = (g: GroupNote) =>
    queryClient.fetchQuery({
      queryKey: keys.groupOn(g.group, form.date),
      queryFn: () => ipc.groupExpand(g.group, form.date),
    });
  const removeGroup = useMutation({
    mutationFn: async (i: number) => {
      const groups = form.extra.groups ?? [];
      const gone = groups[i];
      if (!gone) return null;
      const rest = groups.filter((_, k) => k !== i);
      const [members, ...others] = await Promise.all([gone, ...rest].map(expand));
      return { gone, members: members as GroupExpansion, others };
    },
    onSuccess: (removed) => {
      if (!removed) return;
      set(afterGroupRemoved(form, removed.gone, removed.members, removed.others));
    },
  });
  const addRecipient = (r: RecipientChoice) => set({ recipients: [...form.recipients, r] });
  const officeTitle = useMemo(() => new Map(offices.map((o) => [o.id, o.title])), [offices]);
  return (
    <fieldset className="recipients">
      <legend>Recipients</legend>
      {form.recipients.length === 0 && <p className="muted">Add the offices or people this letter goes to.</p>}
      <ol>
        {form.recipients.map((r, i) => (
          <li key={`${r.to.by}-${r.to.id}-${i}`}>
            <span>
              {r.role === "cc" ? "cc: " : ""}
              {resolved[i] ?? (r.to.by === "office" ? officeTitle.get(r.to.id) : `Person ${r.to.id}`)}
            </span>
            <button
              type="button"
              className="small"
              aria-label={`Remove ${resolved[i] ?? "recipient"}`}
              onClick={() => removeRecipient(i)}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <RecipientPicker offices={offices} onAdd={addRecipient} autoFocus={autoFocus} />
      <div className="actions start">
        <button type="button" className="small" onClick={() => setAddingGroup(true)}>
          Add a group…
        </button>
      </div>
      {(form.extra.groups ?? []).length > 0 && (
        <ul className="groups" aria-label="Groups">
          {(form.extra.groups ?? []).map((g, i) => (
            <li key={`${g.label}-${i}`}>
              <span>
                Group: {g.label}, {g.members} member{g.members === 1 ? "" : "s"}
              </span>
              <button
                type="button"
                className="small"
                aria-label={`Remove the group ${g.label}`}
                disabled={removeGroup.isPending}
                onClick={() => removeGroup.mutate(i)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {removeGroup.isError && <ErrorNote error={removeGroup.error} prefix="The group was not removed" />}
      {form.extra.salutation && (
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
      {addingGroup && <AddGroupDialog date={form.date} onClose={() => setAddingGroup(false)} onAdd={addGroup} />}
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

const sameRecipient = (a: RecipientChoice, b: RecipientChoice) =>
  a.role === b.role && a.to.by === b.to.by && a.to.id === b.to.id;

/**
 * The letter's greeting once group `g` joins `before`: a committee's own
 * greeting only when everyone already addressed is in that committee;
 * otherwise none, so the template greets each addressee by name.
 */
export function greetingAfter(before: RecipientChoice[], g: GroupAdded): string | null {
  const within = before.every((r) => g.recipients.some((x) => sameRecipient(x, r)));
  return within ? g.salutation : null;
}

/**
 * The letter once group `gone` (its members `members`) is taken off: its
 * members leave the recipients unless a remaining group (whose members are
 * `others`) brings them too. A group's greeting stays
 * only while everyone addressed sits in a remaining group that has one.
 */
export function afterGroupRemoved(
  form: NewLetter,
  gone: GroupNote,
  members: GroupExpansion,
  others: GroupExpansion[],
): Pick<NewLetter, "recipients" | "extra"> {
  const inGroup = (e: GroupExpansion, r: RecipientChoice) => e.members.some((m) => sameRecipient(m.choice, r));
  const recipients = form.recipients.filter((r) => !inGroup(members, r) || others.some((e) => inGroup(e, r)));
  const groups = (form.extra.groups ?? []).filter((g) => g !== gone);
  const greeting =
    form.extra.salutation && recipients.length > 0
      ? others.find((e) => e.salutation && recipients.every((r) => inGroup(e, r)))?.salutation
      : undefined;
  return {
    recipients,
    extra: { ...form.extra, groups: recipients.length === 0 ? [] : groups, salutation: greeting ?? undefined },
  };
}
