import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { NewOffice, OfficeKind } from "../../ipc";
import { DateDialog, Dialog } from "../../components/Dialog";
import { ErrorNote, fieldError, longDate, useToday } from "../../components/common";
import { TermFields } from "./TermFields";
import { DetailPane } from "../../components/DetailPane";
import { PAGE, Pager } from "../../components/Pager";
import { keys } from "../../queries";

export const KINDS: [OfficeKind, string][] = [
  ["cabinet_secretary", "Cabinet secretary"],
  ["trade_representative", "Trade representative"],
  ["senator", "Senator"],
  ["representative", "Representative"],
  ["governor", "Governor"],
  ["foreign_minister", "Foreign minister"],
  ["agency_head", "Agency head"],
  ["other", "Other"],
];

export const NO_OFFICE: NewOffice = {
  title: "",
  short_name: null,
  organization: null,
  // Nothing assumed: the kind decides how the holder is greeted.
  kind: "other",
  single_holder: true,
  address: [],
  email: null,
  contact_form: null,
};

/** Add an office (`id` null) or edit one. */
function OfficeForm(props: { id: number | null; start: NewOffice; onClose: () => void; onSaved: (id: number) => void }) {
  const [o, setO] = useState<NewOffice>(props.start);
  const save = useMutation({
    mutationFn: async () => {
      // Blank address lines are dropped rather than printed as gaps.
      const office = { ...o, address: o.address.map((l) => l.trim()).filter(Boolean) };
      if (props.id === null) return ipc.officeAdd(office);
      await ipc.officeEdit(props.id, office);
      return props.id;
    },
    onSuccess: (id) => props.onSaved(id),
  });
  const opt = (v: string) => (v.trim() ? v : null);
  const titleError = fieldError(save.error, "title");
  const emailError = fieldError(save.error, "email");
  const formError = fieldError(save.error, "contact_form");
  const adding = props.id === null;
  return (
    <Dialog title={adding ? "Add an office" : `Edit ${props.start.title}`} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label>
          Title
          <input value={o.title} aria-invalid={!!titleError} placeholder="Governor of Ohio" onChange={(e) => setO({ ...o, title: e.target.value })} />
        </label>
        {titleError && <p className="error field-error">{titleError}</p>}
        <div className="grid2">
          <label>
            Short name
            <input value={o.short_name ?? ""} onChange={(e) => setO({ ...o, short_name: opt(e.target.value) })} />
          </label>
          <label>
            Kind (decides the form of address)
            <select value={o.kind} onChange={(e) => setO({ ...o, kind: e.target.value as OfficeKind })}>
              {KINDS.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Organization
          <input value={o.organization ?? ""} onChange={(e) => setO({ ...o, organization: opt(e.target.value) })} />
        </label>
        <label>
          Mailing address (as printed, one line each)
          <textarea rows={3} value={o.address.join("\n")} onChange={(e) => setO({ ...o, address: e.target.value.split("\n") })} />
        </label>
        <div className="grid2">
          <label>
            E-mail address for letters
            <input
              value={o.email ?? ""}
              aria-invalid={!!emailError}
              placeholder="correspondence@agency.gov"
              onChange={(e) => setO({ ...o, email: opt(e.target.value) })}
            />
          </label>
          <label>
            Web contact form
            <input
              value={o.contact_form ?? ""}
              aria-invalid={!!formError}
              placeholder="https://"
              onChange={(e) => setO({ ...o, contact_form: opt(e.target.value) })}
            />
          </label>
        </div>
        {emailError && <p className="error field-error">{emailError}</p>}
        {formError && <p className="error field-error">{formError}</p>}
        <label className="check">
          <input type="checkbox" checked={!o.single_holder} onChange={(e) => setO({ ...o, single_holder: !e.target.checked })} />
          Held by several people at once (a delegation)
        </label>
        {!adding && <p className="muted">Letters already sent keep the address they were sent to.</p>}
        {save.isError && !titleError && !emailError && !formError && <ErrorNote error={save.error} prefix={adding ? "Not added" : "Not saved"} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {adding ? "Add office" : "Save"}
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function AddHolder({ officeId, onClose }: { officeId: number; onClose: () => void }) {
  const today = useToday();
  const [who, setWho] = useState("");
  const [personId, setPersonId] = useState<number | null>(null);
  // Until edited, the term starts today (the organization's today).
  const [startEdited, setStart] = useState<string | null>(null);
  const start = startEdited ?? today ?? "";
  const [end, setEnd] = useState("");
  // Something typed as the end that is not a date must not be taken for "still in office".
  const [endTyped, setEndTyped] = useState(false);
  const [acting, setActing] = useState(false);
  // The rooms this holder had in this term (a back-dated letter goes there); empty: the office's.
  const [address, setAddress] = useState("");
  const people = useQuery({
    queryKey: keys.officialsMatching(who.trim()),
    queryFn: () => ipc.officialsList(who.trim()),
    enabled: who.trim().length >= 2 && personId === null,
  });
  const add = useMutation({
    mutationFn: () => {
      if (personId === null) throw new Error("Choose the person who holds the office.");
      if (!start) throw new Error("Enter the day the term began, e.g. 09/24/2018.");
      if (!end && endTyped) throw new Error("Enter the day the term ended, or leave it empty.");
      const lines = address.split("\n").map((l) => l.trim()).filter(Boolean);
      return ipc.termAdd({ person_id: personId, office_id: officeId, start_on: start, end_on: end || null, acting, address: lines });
    },
    onSuccess: () => onClose(),
  });
  return (
    <Dialog title="Add a holder" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <label>
          Person
          <input
            value={who}
            placeholder="Type a name"
            onChange={(e) => {
              setWho(e.target.value);
              setPersonId(null);
            }}
          />
        </label>
        {personId === null && (people.data ?? []).length > 0 && (
          <ul className="suggestions" aria-label="People">
            {(people.data ?? []).slice(0, 6).map((p) => (
              <li key={p.person.id}>
                <button
                  type="button"
                  onClick={() => {
                    setPersonId(p.person.id);
                    setWho(p.person.full_name);
                  }}
                >
                  {p.person.full_name}
                </button>
              </li>
            ))}
          </ul>
        )}
        <TermFields
          start={start}
          end={end}
          acting={acting}
          onStart={setStart}
          onEnd={(d, unfinished) => {
            setEnd(d);
            setEndTyped(unfinished);
          }}
          onActing={setActing}
        />
        <label>
          Their address in this term, as printed, one line each (empty: the office’s)
          <textarea rows={2} value={address} onChange={(e) => setAddress(e.target.value)} />
        </label>
        {add.isError && <ErrorNote error={add.error} prefix="Not added" />}
        <div className="actions">
          <button type="submit" className="primary" disabled={add.isPending}>
            Add holder
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function OfficePanel({ id, onClose }: { id: number; onClose: () => void }) {
  const today = useToday() ?? "";
  const detail = useQuery({ queryKey: keys.officeById(id), queryFn: () => ipc.officeDetail(id) });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [retireOn, setRetireOn] = useState<string | null>(null);
  const [ending, setEnding] = useState<{ term: number; on: string } | null>(null);
  const retire = useMutation({
    mutationFn: (on: string | null) => ipc.officeRetire(id, on),
    onSuccess: () => setRetireOn(null),
  });
  const end = useMutation({
    mutationFn: (e: { term: number; on: string }) => ipc.termEnd(e.term, e.on),
    onSuccess: () => setEnding(null),
  });
  if (detail.isError) return <ErrorNote error={detail.error} />;
  if (!detail.data) return <p className="empty">Loading…</p>;
  const { office, holders, label, senate_class } = detail.data;
  return (
    <aside className="panel person" aria-label={label}>
      {/* The title has the row (beside Close only); what can be done with the office goes under it. */}
      <header className="screen-head">
        <h2 title={label !== office.title ? office.title : undefined}>{label}</h2>
        <button type="button" className="small" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="actions panel-actions" role="group" aria-label="Office actions">
        {!office.retired_on && (
          <button type="button" className="small" onClick={() => setAdding(true)}>
            Add holder…
          </button>
        )}
        <button type="button" className="small" onClick={() => setEditing(true)}>
          Edit…
        </button>
        {office.retired_on ? (
          <button type="button" className="small" disabled={retire.isPending} onClick={() => retire.mutate(null)}>
            Reinstate
          </button>
        ) : (
          <button type="button" className="small" onClick={() => setRetireOn(today)}>
            Retire…
          </button>
        )}
      </div>
      <p className="muted">
        {[office.organization, ...office.address].filter(Boolean).join(" · ") || "No address on record."}
      </p>
      {senate_class !== null && <p className="muted">A class {senate_class} Senate seat.</p>}
      {(office.email || office.contact_form) && (
        <p className="muted">
          {office.email && <>E-mail: {office.email}</>}
          {office.email && office.contact_form && " · "}
          {office.contact_form && <>Contact form: {office.contact_form}</>}
        </p>
      )}
      {office.retired_on && <p className="warning">Retired on {longDate(office.retired_on)}. Letters dated later are warned to choose its successor.</p>}
      {retire.isError && retireOn === null && <ErrorNote error={retire.error} prefix="Not reinstated" />}
      {holders.length === 0 ? (
        <p className="muted">Nobody has held this office in the record.</p>
      ) : (
        <ul aria-label="Holders">
          {holders.map((h) => (
            <li key={h.term_id}>
              {h.person}: {longDate(h.start_on)} – {h.end_on ? longDate(h.end_on) : "today"}
              {h.acting ? " (acting)" : ""}{" "}
              {!h.end_on && (
                <button type="button" className="small" onClick={() => setEnding({ term: h.term_id, on: today })}>
                  End term…
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {adding && <AddHolder officeId={id} onClose={() => setAdding(false)} />}
      {editing && (
        <OfficeForm
          id={id}
          start={{
            title: office.title,
            short_name: office.short_name,
            organization: office.organization,
            kind: office.kind,
            single_holder: office.single_holder,
            address: office.address,
            email: office.email,
            contact_form: office.contact_form,
          }}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
      {retireOn !== null && (
        <DateDialog
          title={`Retire ${office.title}`}
          note="For an office that was abolished or replaced. It stays in the record and in every letter sent to it."
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
      {ending && (
        <DateDialog
          title="End the term"
          label="Left office on"
          action="End term"
          value={ending.on}
          onChange={(on) => setEnding({ ...ending, on })}
          onSubmit={() => end.mutate(ending)}
          onClose={() => setEnding(null)}
          pending={end.isPending}
          error={end.error}
          errorPrefix="Not changed"
        />
      )}
    </aside>
  );
}

/** The offices, with the chosen one's holders beside the list; `start` opens one at once. */
export function Offices({ start = null }: { start?: number | null }) {
  const [filter, setFilter] = useState("");
  const [open, setOpen] = useState<number | null>(start);
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: keys.officesMatching(filter.trim()),
    queryFn: () => ipc.officesList(filter.trim()),
  });
  // The page shown (the whole list is here): another search starts at the first.
  const [offset, setOffset] = useState(0);
  const rows = list.data?.slice(offset, offset + PAGE) ?? [];
  return (
    <>
      <div className="filters" role="search">
        <label className="grow">
          Search offices
          <input
            type="search"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setOffset(0);
            }}
            placeholder="Title"
          />
        </label>
        <button type="button" onClick={() => setAdding(true)}>
          Add office…
        </button>
      </div>
      <div className={open !== null ? "master-detail open" : "master-detail"}>
        <div className="master">
          {list.isError && <ErrorNote error={list.error} prefix="Offices could not be loaded" />}
          {list.data && list.data.length === 0 && <p className="empty">No office matches.</p>}
          {list.data && (
            <Pager offset={offset} shown={rows.length} total={list.data.length} onOffset={setOffset} what="offices" />
          )}
          {list.data && list.data.length > 0 && (
            <table className="table" aria-label="Offices">
              <thead>
                <tr>
                  <th scope="col">Office</th>
                  <th scope="col">Organization</th>
                  <th scope="col">Held today by</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr
                    key={r.office.id}
                    className={r.office.id === open ? "clickable selected" : "clickable"}
                    aria-current={r.office.id === open ? "true" : undefined}
                    onClick={() => setOpen(r.office.id)}
                  >
                    <td>
                      <button
                        type="button"
                        className="link"
                        title={r.label !== r.office.title ? r.office.title : undefined}
                        onClick={() => setOpen(r.office.id)}
                      >
                        {r.label}
                      </button>
                    </td>
                    <td>{r.office.organization ?? ""}</td>
                    <td>
                      {r.office.retired_on ? (
                        <span className="muted">retired {longDate(r.office.retired_on)}</span>
                      ) : (
                        (r.holder ?? <span className="muted">no holder on record</span>)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {open !== null && (
          <DetailPane key={open}>
            <OfficePanel id={open} onClose={() => setOpen(null)} />
          </DetailPane>
        )}
      </div>
      {adding && (
        <OfficeForm
          id={null}
          start={NO_OFFICE}
          onClose={() => setAdding(false)}
          onSaved={(id) => {
            setAdding(false);
            setOpen(id);
          }}
        />
      )}
    </>
  );
}
