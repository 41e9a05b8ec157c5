import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { Office, RecipientChoice, Role } from "../../ipc";
import { keys } from "../../queries";

interface Props {
  offices: Office[];
  onAdd: (r: RecipientChoice) => void;
}

/**
 * Add an addressee by office ("U.S. Trade Representative", resolved at the
 * letter's date) or by person. Typing filters both; Enter adds the first.
 */
export function RecipientPicker({ offices, onAdd }: Props) {
  const [text, setText] = useState("");
  const [role, setRole] = useState<Role>("to");
  const q = text.trim().toLowerCase().replace(/^u\.s\. /, "united states ");
  const people = useQuery({
    queryKey: keys.officialsMatching(text.trim()),
    queryFn: () => ipc.officialsList(text.trim()),
    enabled: text.trim().length >= 2,
  });
  const officeHits = q
    ? offices
        .filter((o) =>
          [o.title, o.short_name ?? "", o.organization ?? ""].some((s) =>
            s.toLowerCase().replace(/^u\.s\. /, "united states ").includes(q),
          ),
        )
        // A retired office stays reachable for letters dated before it went; it comes last.
        .sort((a, b) => Number(a.retired_on !== null) - Number(b.retired_on !== null))
        .slice(0, 8)
    : [];
  const personHits = (people.data ?? []).slice(0, 6);
  const add = (r: RecipientChoice) => {
    onAdd(r);
    setText("");
  };
  return (
    <div className="picker">
      <div className="picker-row">
        <label className="grow">
          Add recipient
          <input
            name="recipient"
            value={text}
            placeholder="Office or name, e.g. Secretary of Commerce"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                const o = officeHits[0];
                if (o) add({ role, to: { by: "office", id: o.id } });
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
        <ul className="suggestions" aria-label="Suggestions">
          {officeHits.map((o) => (
            <li key={`o${o.id}`}>
              <button type="button" onClick={() => add({ role, to: { by: "office", id: o.id } })}>
                {o.title}
                <span className="muted">
                  {" "}
                  — office{o.organization ? `, ${o.organization}` : ""}
                  {o.retired_on ? ` (retired ${o.retired_on})` : ""}
                </span>
              </button>
            </li>
          ))}
          {personHits.map((p) => (
            <li key={`p${p.person.id}`}>
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
