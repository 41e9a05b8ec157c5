// "Add a group…": a committee (or only its chair and ranking member) or a
// state's delegation, resolved at the letter's date. Each member is shown,
// with what the record could not resolve, and any of them can be left out
// before the group's seats join the letter's recipients.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { Chamber, GroupExpansion, GroupRef, RecipientChoice } from "../../ipc";
import { Dialog } from "../../components/Dialog";
import { ErrorNote, longDate, readable } from "../../components/common";
import { SearchSelect, type Choice } from "../../components/SearchSelect";
import { catalogQuery, keys } from "../../queries";

/** The group to add, and the members staff left out (Rust adds the rest). */
export interface GroupAdded {
  group: GroupRef;
  leftOut: RecipientChoice[];
}

export function AddGroupDialog({
  date,
  onClose,
  onAdd,
  busy = false,
  error = null,
}: {
  date: string;
  onClose: () => void;
  onAdd: (added: GroupAdded) => void;
  /** The group is being added: the button waits. */
  busy?: boolean;
  /** Why the group was not added, if it was refused. */
  error?: unknown;
}) {
  const [kind, setKind] = useState<"committee" | "delegation" | "list">("committee");
  const [listName, setListName] = useState("");
  const [text, setText] = useState("");
  const [chosen, setChosen] = useState<Choice | null>(null);
  const [leadersOnly, setLeadersOnly] = useState(false);
  const [state, setState] = useState("");
  const [chamber, setChamber] = useState<Chamber | "">("");
  const [dropped, setDropped] = useState<Set<number>>(new Set());
  const list = useQuery({ queryKey: keys.groups, queryFn: ipc.groupsList });
  // The states and territories with seats, by name (Rust's list).
  const states = useQuery(catalogQuery).data?.states ?? [];
  const committees = (list.data ?? []).filter((g) => g.group.kind === "committee");
  const lists = (list.data ?? []).filter((g) => g.group.kind === "list");
  const typed = text.trim().toLowerCase();
  // As people name committees ("Senate Finance", "House Ways and Means"):
  // every word typed is in the label, in any order.
  const words = typed.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
  const named = (label: string) => words.length > 0 && words.every((w) => label.toLowerCase().includes(w));
  // A code typed exactly first, then whole committees, then subcommittees
  // (whose labels name their committee in brackets).
  const rank = (label: string, code: string) =>
    code.toLowerCase() === typed ? 0 : label.startsWith("Subcommittee") ? 2 : 1;
  const options: Choice[] = committees
    .map((g, i) => ({ g, i }))
    .filter(({ g }) => named(g.label) || g.code.toLowerCase() === typed)
    .sort((a, b) => rank(a.g.label, a.g.code) - rank(b.g.label, b.g.code))
    .slice(0, 12)
    .map(({ g, i }) => ({ id: i, label: g.label, detail: `${g.code} · ${g.members} members today` }));
  const committee = chosen ? committees[chosen.id]?.group : undefined;
  const group: GroupRef | null =
    kind === "committee"
      ? committee?.kind === "committee"
        ? { ...committee, leaders_only: leadersOnly }
        : null
      : kind === "list"
        ? listName
          ? { kind: "list", name: listName }
          : null
        : state
          ? { kind: "delegation", state, chamber: chamber || null }
          : null;
  const expansion = useQuery({
    queryKey: keys.groupOn(group, date),
    queryFn: () => ipc.groupExpand(group as GroupRef, date),
    enabled: group !== null && !!date,
  });
  const e: GroupExpansion | undefined = group ? expansion.data : undefined;
  const kept = e ? e.members.filter((_, i) => !dropped.has(i)) : [];
  const reset = () => setDropped(new Set());
  return (
    <Dialog title="Add a group" onClose={onClose} wide>
      <div className="radios group-kind" role="radiogroup" aria-label="Kind of group">
        <label>
          <input type="radio" checked={kind === "committee"} onChange={() => (setKind("committee"), reset())} />
          A committee
        </label>
        <label>
          <input type="radio" checked={kind === "delegation"} onChange={() => (setKind("delegation"), reset())} />
          A state's delegation
        </label>
        <label>
          <input type="radio" checked={kind === "list"} onChange={() => (setKind("list"), reset())} />
          A saved list
        </label>
      </div>
      {kind === "committee" ? (
        <div className="group-committee">
          {list.isSuccess && committees.length === 0 && (
            <p className="muted">No committees in the record yet: import the congress roster (Officials → Import) to bring them.</p>
          )}
          <SearchSelect
            label="Committee"
            text={text}
            onText={setText}
            options={options}
            chosen={chosen}
            onChoose={(c) => {
              setChosen(c);
              reset();
            }}
            placeholder="Finance, Ways and Means, SSFI…"
            noMatch="No committee by that name or code."
          />
          <label className="check">
            <input
              type="checkbox"
              checked={leadersOnly}
              onChange={(ev) => {
                setLeadersOnly(ev.target.checked);
                reset();
              }}
            />
            Only the chair and the ranking member
          </label>
        </div>
      ) : kind === "list" ? (
        lists.length === 0 ? (
          <p className="muted">No saved lists yet: make one with `amicus groups save NAME --office …`.</p>
        ) : (
          <label>
            List
            <select value={listName} onChange={(ev) => (setListName(ev.target.value), reset())}>
              <option value="">Choose…</option>
              {lists.map((l) => (
                <option key={l.label} value={l.label}>
                  {l.label} ({l.members})
                </option>
              ))}
            </select>
          </label>
        )
      ) : (
        <div className="grid2">
          <label>
            State
            <select value={state} onChange={(ev) => (setState(ev.target.value), reset())}>
              <option value="">Choose…</option>
              {states.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name} ({s.code})
                </option>
              ))}
            </select>
          </label>
          <label>
            Chamber
            <select value={chamber} onChange={(ev) => (setChamber(ev.target.value as Chamber | ""), reset())}>
              <option value="">Both</option>
              <option value="senate">Senate</option>
              <option value="house">House</option>
            </select>
          </label>
        </div>
      )}
      {group && expansion.isError && <ErrorNote error={expansion.error} />}
      {e && (
        <>
          <p>
            <strong>{e.label}</strong> on {longDate(e.on)}: {e.members.length} member{e.members.length === 1 ? "" : "s"}.
            {e.salutation && <> A joint letter greets them “{e.salutation}”</>}
          </p>
          <ul className="send-list" aria-label="Members">
            {e.members.map((m, i) => (
              <li key={`${m.choice.to.by}-${m.choice.to.id}`}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={!dropped.has(i)}
                    onChange={(ev) => {
                      const next = new Set(dropped);
                      if (ev.target.checked) next.delete(i);
                      else next.add(i);
                      setDropped(next);
                    }}
                  />
                  {m.name}
                  {m.role ? ` (${m.role})` : ""}
                </label>
              </li>
            ))}
          </ul>
          {e.warnings.map((w) => (
            <p key={w} className="warning">
              {readable(w)}
            </p>
          ))}
        </>
      )}
      {error !== null && <ErrorNote error={error} prefix="The group was not added" />}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!e || kept.length === 0 || busy}
          onClick={() =>
            e &&
            group &&
            onAdd({ group, leftOut: e.members.filter((_, i) => dropped.has(i)).map((m) => m.choice) })
          }
        >
          {!e || kept.length === 0 ? "Add recipients" : kept.length === 1 ? "Add 1 recipient" : `Add ${kept.length} recipients`}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
