import { useLayoutEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { Office, RecipientChoice, Role } from "../../ipc";
import { keys } from "../../queries";
import { longDate } from "../../components/common";

interface Props {
  offices: Office[];
  onAdd: (r: RecipientChoice) => void;
  autoFocus?: boolean;
}

const normal = (s: string) => s.trim().toLowerCase().replace(/^u\.s\. /, "united states ");

/**
 * Offices matching what was typed, best first: an exact short name or title
 * ("USTR"), then one that starts with it, then a word that starts with it,
 * then a match anywhere ("ustr" inside "Industry" comes last). A retired
 * office stays reachable for letters dated before it went, after the rest.
 */
export function rankOffices(offices: Office[], text: string, most = 8): Office[] {
  const q = normal(text);
  if (!q) return [];
  const score = (o: Office) => {
    const names = [o.short_name ?? "", o.title].map(normal);
    const all = [...names, normal(o.organization ?? "")];
    let s: number;
    if (names.some((n) => n === q)) s = 0;
    else if (names.some((n) => n.startsWith(q))) s = 1;
    else if (all.some((n) => n.split(/[\s,.()–-]+/).some((w) => w.startsWith(q)))) s = 2;
    else if (all.some((n) => n.includes(q))) s = 3;
    else return null;
    return s + (o.retired_on !== null ? 10 : 0);
  };
  return offices
    .map((o) => ({ o, s: score(o) }))
    .filter((x): x is { o: Office; s: number } => x.s !== null)
    .sort((a, b) => a.s - b.s || a.o.title.localeCompare(b.o.title))
    .slice(0, most)
    .map((x) => x.o);
}

/**
 * Add an addressee by office ("U.S. Trade Representative", resolved at the
 * letter's date) or by person. Typing filters both, best match first; the
 * arrow keys move through the suggestions and Enter takes the highlighted one.
 */
export function RecipientPicker({ offices, onAdd, autoFocus }: Props) {
  const [text, setText] = useState("");
  const [role, setRole] = useState<Role>("to");
  const [highlight, setHighlight] = useState(0);
  // A new letter (Ctrl+N) starts with whom it is to: typing goes here. (Focused
  // once on mounting: the autofocus attribute is honoured only as a page loads.)
  const field = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    if (autoFocus) field.current?.focus();
  }, [autoFocus]);
  const people = useQuery({
    queryKey: keys.officialsMatching(text.trim()),
    queryFn: () => ipc.officialsList(text.trim()),
    enabled: text.trim().length >= 2,
  });
  const officeHits = rankOffices(offices, text);
  // Only for what was typed: the officials screen caches the unfiltered
  // list under the same key, which must not show up under an empty field.
  const personHits = text.trim().length >= 2 ? (people.data ?? []).slice(0, 6) : [];
  const choices: RecipientChoice[] = [
    ...officeHits.map((o): RecipientChoice => ({ role, to: { by: "office", id: o.id } })),
    ...personHits.map((p): RecipientChoice => ({ role, to: { by: "person", id: p.person.id } })),
  ];
  const current = Math.min(highlight, Math.max(choices.length - 1, 0));
  const add = (r: RecipientChoice) => {
    onAdd(r);
    setText("");
    setHighlight(0);
  };
  return (
    <div className="picker">
      <div className="picker-row">
        <label className="grow">
          Add recipient
          <input
            name="recipient"
            ref={field}
            value={text}
            placeholder="Office or name"
            onChange={(e) => {
              setText(e.target.value);
              setHighlight(0);
            }}
            role="combobox"
            aria-expanded={choices.length > 0}
            aria-controls="recipient-suggestions"
            aria-activedescendant={choices.length > 0 ? `suggestion-${current}` : undefined}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                e.preventDefault();
                const step = e.key === "ArrowDown" ? 1 : -1;
                setHighlight((current + step + choices.length) % Math.max(choices.length, 1));
              } else if (e.key === "Enter") {
                e.preventDefault();
                const chosen = choices[current];
                if (chosen) add(chosen);
              }
            }}
          />
        </label>
        <label>
          As
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="to">Addressee</option>
            <option value="cc">cc (tracked)</option>
          </select>
        </label>
      </div>
      {(officeHits.length > 0 || personHits.length > 0) && (
        <ul className="suggestions" aria-label="Suggestions" id="recipient-suggestions" role="listbox">
          {officeHits.map((o, i) => (
            <li key={`o${o.id}`} id={`suggestion-${i}`} role="option" aria-selected={i === current}>
              <button type="button" onClick={() => add({ role, to: { by: "office", id: o.id } })}>
                {o.title}
                <span className="muted">
                  {" "}
                  — office{o.organization ? `, ${o.organization}` : ""}
                  {o.retired_on ? ` (retired ${longDate(o.retired_on)})` : ""}
                </span>
              </button>
            </li>
          ))}
          {personHits.map((p, i) => (
            <li
              key={`p${p.person.id}`}
              id={`suggestion-${officeHits.length + i}`}
              role="option"
              aria-selected={officeHits.length + i === current}
            >
              <button type="button" onClick={() => add({ role, to: { by: "person", id: p.person.id } })}>
                {p.person.full_name}
                <span className="muted"> — {p.office ?? "no office on record"}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
