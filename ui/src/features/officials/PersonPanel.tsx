import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { NewPerson, TermView } from "../../ipc";
import { DateDialog, Dialog } from "../../components/Dialog";
import { ErrorNote, fieldError, longDate, useToday } from "../../components/common";
import { keys } from "../../queries";

const EMPTY: NewPerson = { full_name: "", family_name: "", honorific: null, salutation: null, email: null };

/** Add or edit a person. Fields staff change are kept by later roster imports. */
export function PersonForm(props: { id: number | null; start: NewPerson; onClose: () => void; onSaved: (id: number) => void }) {
  const [p, setP] = useState<NewPerson>(props.start);
  const save = useMutation({
    mutationFn: () => ipc.personSave(props.id, p),
    onSuccess: (id) => props.onSaved(id),
  });
  const opt = (v: string) => (v.trim() ? v : null);
  const nameError = fieldError(save.error, "full_name") ?? fieldError(save.error, "name");
  return (
    <Dialog title={props.id === null ? "Add an official" : `Edit ${props.start.full_name}`} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label>
          Full name
          <input value={p.full_name} aria-invalid={!!nameError} onChange={(e) => setP({ ...p, full_name: e.target.value })} />
        </label>
        {nameError && <p className="error field-error">{nameError}</p>}
        <label>
          Family name (for the salutation; from the full name when empty)
          <input value={p.family_name} onChange={(e) => setP({ ...p, family_name: e.target.value })} />
        </label>
        <div className="grid2">
          <label>
            Honorific (overrides the rule)
            <input value={p.honorific ?? ""} placeholder="The Honorable" onChange={(e) => setP({ ...p, honorific: opt(e.target.value) })} />
          </label>
          <label>
            Salutation (overrides the rule)
            <input value={p.salutation ?? ""} placeholder="Secretary Ross" onChange={(e) => setP({ ...p, salutation: opt(e.target.value) })} />
          </label>
        </div>
        <label>
          Email
          <input type="email" value={p.email ?? ""} onChange={(e) => setP({ ...p, email: opt(e.target.value) })} />
        </label>
        {save.isError && !nameError && <ErrorNote error={save.error} prefix="Not saved" />}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function PersonPanel({ id, onClose }: { id: number; onClose: () => void }) {
  const today = useToday() ?? "";
  const detail = useQuery({ queryKey: keys.personById(id), queryFn: () => ipc.personDetail(id) });
  const [editing, setEditing] = useState(false);
  const [retireOn, setRetireOn] = useState<string | null>(null);
  const retire = useMutation({
    mutationFn: (on: string) => ipc.personRetire(id, on),
    onSuccess: () => setRetireOn(null),
  });
  if (detail.isError) return <ErrorNote error={detail.error} />;
  if (!detail.data) return <p className="empty">Loading…</p>;
  const { person, terms, local_offices } = detail.data;
  return (
    <aside className="panel person" aria-label={person.full_name}>
      {/* As the office panel: the name has the row, what can be done goes under it. */}
      <header className="screen-head">
        <h2>{person.full_name}</h2>
        <button type="button" className="small" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="actions panel-actions" role="group" aria-label="Official actions">
        <button type="button" className="small" onClick={() => setEditing(true)}>
          Edit…
        </button>
        {!person.retired_on && (
          <button type="button" className="small" onClick={() => setRetireOn(today)}>
            Retire…
          </button>
        )}
      </div>
      <dl className="facts plain">
        <dt>Honorific</dt>
        <dd>{person.honorific ?? "by the office's rule"}</dd>
        <dt>Salutation</dt>
        <dd>{person.salutation ?? "by the office's rule"}</dd>
        <dt>Email</dt>
        <dd>{person.email ?? "—"}</dd>
        {person.retired_on && (
          <>
            <dt>Retired</dt>
            <dd>{longDate(person.retired_on)}</dd>
          </>
        )}
      </dl>
      <h3>Terms</h3>
      {terms.length === 0 ? (
        <p className="muted">No terms on record.</p>
      ) : (
        <ul aria-label="Terms">
          {terms.map((t, i) => (
            <li key={i}>
              {t.office}: {longDate(t.start_on)} – {termTo(t)}
              {t.acting ? " (acting)" : ""}
            </li>
          ))}
        </ul>
      )}
      {local_offices.length > 0 && (
        <>
          <h3>District offices</h3>
          <ul aria-label="District offices">
            {local_offices.map((o) => (
              <li key={o.key}>
                {o.address.join(", ")}
                {o.phone && (
                  <>
                    {" · "}
                    <span className="nowrap">{o.phone}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {editing && (
        <PersonForm
          id={id}
          start={{
            full_name: person.full_name,
            family_name: person.family_name,
            honorific: person.honorific,
            salutation: person.salutation,
            email: person.email,
          }}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
      {retireOn !== null && (
        <DateDialog
          title={`Retire ${person.full_name}`}
          note="A retired official stays in the record and in every letter sent to them."
          label="Retired on"
          action="Retire"
          value={retireOn}
          onChange={setRetireOn}
          onSubmit={() => retire.mutate(retireOn)}
          onClose={() => setRetireOn(null)}
          pending={retire.isPending}
          error={retire.error}
          errorPrefix="Not retired"
        />
      )}
    </aside>
  );
}

export { EMPTY as EMPTY_PERSON };

/** Where a term in a person's list runs to, as Rust classes its end. */
function termTo(t: TermView): string {
  if (t.end_on === null) return "today";
  if (t.term_end === "scheduled") return `today (term ends ${longDate(t.end_on)})`;
  if (t.term_end === "last_listed") return `${longDate(t.end_on)} (last listed then)`;
  return longDate(t.end_on);
}
