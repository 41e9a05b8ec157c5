// Adding a hand-made official in one step: the person, the office they hold
// (one on record, or a new one) and since when. Rust saves the three
// together or not at all (ipc.officialAdd).
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { IpcError, NewOffice, NewOfficial, NewPerson, OfficeKind } from "../../ipc";
import { Dialog } from "../../components/Dialog";
import { TermFields } from "./TermFields";
import { ErrorNote, fieldError, longDate, useToday } from "../../components/common";
import type { Choice } from "../../components/SearchSelect";
import { catalogQuery } from "../../queries";
import { EMPTY_PERSON } from "./PersonPanel";
import { KINDS, NO_OFFICE } from "./Offices";
import { OfficeSearch } from "./pickers";

/** A refusal the form makes itself, shaped like Rust's, shown at its field. */
const refuse = (field: string, message: string): IpcError => ({ code: "invalid_data", field, message });

/** The fields a refusal can name that this form shows beside a field of its own. */
const AT_A_FIELD = [
  "person.full_name",
  "person.family_name",
  "person.honorific",
  "person.salutation",
  "person.email",
  "office",
  "office.title",
  "office.organization",
  "office.kind",
  "office.address",
  "start_on",
  "end_on",
  "term",
  "acting",
];

/** What the form holds, as it was when sent. */
interface Form {
  person: NewPerson;
  mode: "existing" | "new";
  office: Choice | null;
  newOffice: NewOffice;
  start: string;
  end: string;
  endTyped: boolean;
  acting: boolean;
}

/** The part of the form a refusal of `field` is about (it stops applying once that part changes). */
function partOf(field: string): ((f: Form) => unknown) | null {
  if (field.startsWith("person.")) return (f) => f.person;
  if (field === "office") return (f) => [f.mode, f.office];
  if (field.startsWith("office.")) return (f) => f.newOffice;
  if (field === "start_on") return (f) => f.start;
  if (field === "end_on") return (f) => [f.end, f.endTyped];
  if (field === "term" || field === "acting") return (f) => [f.mode, f.office, f.start, f.end, f.acting];
  return null;
}

export function AddOfficial({ onClose, onAdded }: { onClose: () => void; onAdded: (personId: number, said: string) => void }) {
  const today = useToday();
  const catalog = useQuery(catalogQuery);
  const [person, setPerson] = useState<NewPerson>(EMPTY_PERSON);
  const [mode, setMode] = useState<"existing" | "new">("existing");
  const [office, setOffice] = useState<Choice | null>(null);
  const [newOffice, setNewOffice] = useState<NewOffice>(NO_OFFICE);
  // Until edited, the term starts today (the organization's today).
  const [startEdited, setStart] = useState<string | null>(null);
  const start = startEdited ?? today ?? "";
  const [end, setEnd] = useState("");
  // Something typed as the end that is not a date must not be taken for "still in office".
  const [endTyped, setEndTyped] = useState(false);
  const [acting, setActing] = useState(false);
  const opt = (v: string) => (v.trim() ? v : null);

  const form: Form = { person, mode, office, newOffice, start, end, endTyped, acting };
  const add = useMutation({
    mutationFn: async (f: Form) => {
      if (f.mode === "existing" && !f.office) {
        throw refuse("office", "Choose the office from the list, or add a new office.");
      }
      if (!f.start) throw refuse("start_on", "Enter the day the term began, e.g. 09/24/2018.");
      if (!f.end && f.endTyped) throw refuse("end_on", "Enter the day the term ended, or leave it empty.");
      const official: NewOfficial = {
        person: f.person,
        office_id: f.mode === "existing" ? (f.office?.id ?? null) : null,
        office:
          f.mode === "new"
            ? { ...f.newOffice, address: f.newOffice.address.map((l) => l.trim()).filter(Boolean) }
            : null,
        start_on: f.start,
        end_on: f.end || null,
        acting: f.acting,
      };
      return ipc.officialAdd(official);
    },
    onSuccess: (id, f) => {
      const title = f.mode === "existing" ? (f.office?.label ?? "") : f.newOffice.title.trim();
      onAdded(id, `Added ${f.person.full_name.trim()} as ${title} from ${longDate(f.start)}.`);
    },
  });
  /** A refusal of `field`, while what it refused is still on the form. */
  const err = (field: string) => {
    const sent = add.variables;
    const part = partOf(field);
    if (sent && part && JSON.stringify(part(sent)) !== JSON.stringify(part(form))) return null;
    return fieldError(add.error, field);
  };
  const elsewhere = add.isError && !(ipc.isIpcError(add.error) && add.error.field && AT_A_FIELD.includes(add.error.field));
  const nameError = err("person.full_name");
  const emailError = err("person.email");
  const titleError = err("office.title");
  const officeError = err("office");

  return (
    <Dialog title="Add an official" onClose={onClose} wide>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(form);
        }}
      >
        <fieldset>
          <legend>Person</legend>
          <label>
            Full name
            <input
              name="full_name"
              value={person.full_name}
              aria-invalid={nameError ? true : undefined}
              placeholder="Jane Doe"
              onChange={(e) => setPerson({ ...person, full_name: e.target.value })}
            />
          </label>
          {nameError && <p className="error field-error">{nameError}</p>}
          <div className="grid2">
            <label>
              Honorific (overrides the rule)
              <input
                value={person.honorific ?? ""}
                placeholder="The Honorable"
                onChange={(e) => setPerson({ ...person, honorific: opt(e.target.value) })}
              />
            </label>
            <label>
              Salutation (overrides the rule)
              <input
                value={person.salutation ?? ""}
                placeholder="Secretary Doe"
                onChange={(e) => setPerson({ ...person, salutation: opt(e.target.value) })}
              />
            </label>
          </div>
          {(err("person.honorific") ?? err("person.salutation") ?? err("person.family_name")) && (
            <p className="error field-error">{err("person.honorific") ?? err("person.salutation") ?? err("person.family_name")}</p>
          )}
          <label>
            Email
            <input
              type="email"
              value={person.email ?? ""}
              aria-invalid={emailError ? true : undefined}
              onChange={(e) => setPerson({ ...person, email: opt(e.target.value) })}
            />
          </label>
          {emailError && <p className="error field-error">{emailError}</p>}
        </fieldset>

        <fieldset>
          <legend>Office</legend>
          <div className="radios" role="radiogroup" aria-label="Which office">
            <label>
              <input type="radio" name="office-mode" checked={mode === "existing"} onChange={() => setMode("existing")} />
              An office on record
            </label>
            <label>
              <input type="radio" name="office-mode" checked={mode === "new"} onChange={() => setMode("new")} />
              A new office
            </label>
          </div>
          {mode === "existing" ? (
            <OfficeSearch
              label="Office"
              offices={catalog.data?.offices ?? []}
              chosen={office}
              onChoose={setOffice}
              placeholder="Title or organization, e.g. Secretary of Commerce"
              error={officeError}
            />
          ) : (
            <>
              <label>
                Title
                <input
                  name="office_title"
                  value={newOffice.title}
                  aria-invalid={titleError ? true : undefined}
                  placeholder="Secretary of Commerce"
                  onChange={(e) => setNewOffice({ ...newOffice, title: e.target.value })}
                />
              </label>
              {titleError && <p className="error field-error">{titleError}</p>}
              <div className="grid2">
                <label>
                  Organization
                  <input
                    value={newOffice.organization ?? ""}
                    onChange={(e) => setNewOffice({ ...newOffice, organization: opt(e.target.value) })}
                  />
                </label>
                <label>
                  Kind (decides the form of address)
                  <select
                    value={newOffice.kind}
                    onChange={(e) => setNewOffice({ ...newOffice, kind: e.target.value as OfficeKind })}
                  >
                    {KINDS.map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {(err("office.organization") ?? err("office.kind")) && (
                <p className="error field-error">{err("office.organization") ?? err("office.kind")}</p>
              )}
              <label>
                Mailing address (as printed, one line each)
                <textarea
                  rows={3}
                  value={newOffice.address.join("\n")}
                  onChange={(e) => setNewOffice({ ...newOffice, address: e.target.value.split("\n") })}
                />
              </label>
              {err("office.address") && <p className="error field-error">{err("office.address")}</p>}
              {officeError && <p className="error field-error">{officeError}</p>}
            </>
          )}
        </fieldset>

        <fieldset>
          <legend>Term</legend>
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
            errorFor={err}
          />
          {(err("term") ?? err("acting")) && <p className="error field-error">{err("term") ?? err("acting")}</p>}
        </fieldset>

        {elsewhere && <ErrorNote error={add.error} prefix="Not added" />}
        <div className="actions">
          <button type="submit" className="primary" disabled={add.isPending}>
            {add.isPending ? "Adding…" : "Add official"}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
