import { useState } from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { CsvSummary, ImportSummary, TermEnd } from "../../ipc";
import { ErrorNote, longDate } from "../../components/common";
import { PersonPanel } from "./PersonPanel";
import { Offices } from "./Offices";
import { AddOfficial } from "./AddOfficial";
import { DetailPane } from "../../components/DetailPane";
import { Dialog } from "../../components/Dialog";
import { Pager } from "../../components/Pager";
import { Toast, useNotice } from "../../components/Toast";
import { keys } from "../../queries";

function Summary({ s, dryRun }: { s: ImportSummary; dryRun: boolean }) {
  return (
    <div className="summary" aria-label="Import summary">
      <p>{dryRun ? "Nothing has changed yet. The import would make these changes:" : "Imported:"}</p>
      <ul>
        <li>
          Officials: {s.added} added, {s.updated} updated
        </li>
        <li>
          Offices: {s.offices_added} added, {s.offices_updated} updated
        </li>
        <li>
          Terms: {s.terms_added} added, {s.terms_updated} updated, {s.ended} ended
        </li>
        {s.local_offices_changed > 0 && <li>District offices: {s.local_offices_changed} changed</li>}
        {(s.committees_changed > 0 || s.memberships_changed > 0) && (
          <li>
            Committees: {s.committees_changed} changed; memberships: {s.memberships_changed} begun, changed or ended
          </li>
        )}
        <li>Skipped: {s.skipped.length}</li>
      </ul>
      <Names title="New to the record" names={s.arrivals} />
      <Names title="Leaving office" names={s.departures} />
      <Names title="Changed" names={s.changes} />
      <Names title="Left alone, and why" names={s.skipped} />
    </div>
  );
}

/** A list of names under its heading and count; long ones folded after the first few. */
function Names({ title, names }: { title: string; names: string[] }) {
  if (names.length === 0) return null;
  const first = names.slice(0, 8);
  const rest = names.slice(8);
  return (
    <div className="import-names">
      <h3>
        {title} ({names.length})
      </h3>
      <ul aria-label={title}>
        {first.map((n, i) => (
          <li key={`${n}-${i}`}>{n}</li>
        ))}
      </ul>
      {rest.length > 0 && (
        <details>
          <summary>{rest.length} more</summary>
          <ul aria-label={`${title}, more`}>
            {rest.map((n, i) => (
              <li key={`${n}-${i}`}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

type Source = { kind: "congress"; dir: string | null } | { kind: "posts" } | { kind: "csv"; file: string };

/**
 * A term's end as Rust classes it: a roster's end date still to come is the
 * term's scheduled end (the holder is in office), not a day they left; a
 * roster's "last listed" day is an upper bound on when they left.
 */
export function termEnd(kind: TermEnd | null, on: string | null): string {
  if (kind === null) return "";
  if (kind === "open" || on === null) return "in office";
  if (kind === "scheduled") return `in office; term ends ${longDate(on)}`;
  // The day a roster stopped listing them: they had left by then.
  if (kind === "last_listed") return `last listed ${longDate(on)}`;
  return `ended ${longDate(on)}`;
}

/** A CSV import's counts in the roster summary's shape. */
function fromCsv(c: CsvSummary): ImportSummary {
  return {
    added: c.persons_added,
    updated: 0,
    ended: 0,
    offices_added: c.offices_added,
    offices_updated: 0,
    terms_added: c.terms_added,
    terms_updated: 0,
    local_offices_changed: 0,
    committees_changed: 0,
    memberships_changed: 0,
    skipped: [],
    arrivals: [],
    departures: [],
    changes: [],
    changes_nothing: c.changes_nothing,
  };
}

/** Import officials: the shipped rosters, a congress-legislators folder or a CSV; reviewed (with names) before anything changes. */
function ImportDialog({ onClose }: { onClose: () => void }) {
  const [dir, setDir] = useState("");
  const [file, setFile] = useState("");
  const [pending, setPending] = useState<{ source: Source; summary: ImportSummary } | null>(null);
  const [done, setDone] = useState<ImportSummary | null>(null);
  const run = async (source: Source, dryRun: boolean): Promise<ImportSummary> => {
    if (source.kind === "congress") return ipc.importCongress(source.dir, dryRun);
    if (source.kind === "csv") return fromCsv(await ipc.importCsv(source.file, dryRun));
    return ipc.importPosts(dryRun);
  };
  const preview = useMutation({
    mutationFn: async (source: Source) => ({ source, summary: await run(source, true) }),
    onSuccess: (p) => {
      setDone(null);
      setPending(p);
    },
  });
  const apply = useMutation({
    mutationFn: (source: Source) => run(source, false),
    onSuccess: (s) => {
      setPending(null);
      setDone(s);
    },
  });
  return (
    <Dialog title="Import officials" onClose={onClose} wide>
      <p className="muted">Each import is reviewed first: nothing changes until you apply it.</p>
      <div className="actions start">
        <button type="button" className="primary" onClick={() => preview.mutate({ kind: "congress", dir: null })}>
          Review the congress roster shipped with Amicus…
        </button>
        <button type="button" onClick={() => preview.mutate({ kind: "posts" })}>
          Review the executive and foreign posts shipped with Amicus…
        </button>
      </div>
      <p className="muted">Or a newer roster folder, or an officials CSV file of your own:</p>
      <div className="picker-row">
        <label className="grow">
          Congress roster folder (congress-legislators YAML)
          <input value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/path/to/congress-legislators" />
        </label>
        <button
          type="button"
          onClick={async () => {
            const picked = await ipc.chooseFolder();
            if (picked) setDir(picked);
          }}
        >
          Browse…
        </button>
        <button
          type="button"
          disabled={!dir.trim() || preview.isPending}
          onClick={() => preview.mutate({ kind: "congress", dir: dir.trim() })}
        >
          Review import…
        </button>
      </div>
      <div className="picker-row">
        <label className="grow">
          Officials CSV file (columns as in “amicus export officials --csv”)
          <input value={file} onChange={(e) => setFile(e.target.value)} placeholder="/path/to/officials.csv" />
        </label>
        <button
          type="button"
          onClick={async () => {
            const picked = await ipc.chooseCsv();
            if (picked) setFile(picked);
          }}
        >
          Browse…
        </button>
        <button
          type="button"
          disabled={!file.trim() || preview.isPending}
          onClick={() => preview.mutate({ kind: "csv", file: file.trim() })}
        >
          Review CSV…
        </button>
      </div>
      {preview.isPending && <p className="muted">Reading…</p>}
      {preview.isError && <ErrorNote error={preview.error} prefix="Cannot import" />}
      {pending && pending.summary.changes_nothing && (
        <>
          <p className="notice">Nothing would change: the record already matches this import.</p>
          <Names title="Left alone, and why" names={pending.summary.skipped} />
        </>
      )}
      {pending && !pending.summary.changes_nothing && (
        <>
          <Summary s={pending.summary} dryRun />
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={apply.isPending}
              onClick={() => apply.mutate(pending.source)}
            >
              {apply.isPending ? "Importing…" : "Apply import"}
            </button>
            <button type="button" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </>
      )}
      {apply.isError && <ErrorNote error={apply.error} prefix="Import failed; nothing changed" />}
      <div role="status" aria-live="polite">
        {done && <Summary s={done} dryRun={false} />}
      </div>
      {(!pending || pending.summary.changes_nothing) && (
        <div className="actions">
          <button type="button" className={done ? "primary" : undefined} onClick={onClose}>
            {done ? "Done" : "Close"}
          </button>
        </div>
      )}
    </Dialog>
  );
}

/**
 * The officials: people (or offices) listed on the left, the chosen one's
 * details beside the list. `person` or `office` opens one at once (a search
 * hit, a new official).
 */
export function Officials({ person = null, office = null }: { person?: number | null; office?: number | null }) {
  const [filter, setFilter] = useState("");
  const [open, setOpen] = useState<number | null>(person);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [tab, setTab] = useState<"people" | "offices">(office !== null && person === null ? "offices" : "people");
  const [notice, setNotice] = useNotice();
  // The page shown: another search starts at the first.
  const [offset, setOffset] = useState(0);
  const page = useQuery({
    queryKey: keys.officialsPageMatching(filter.trim(), offset),
    queryFn: () => ipc.officialsPage(filter.trim(), offset),
    placeholderData: keepPreviousData,
  });
  const list = { ...page, data: page.data?.rows };
  const total = page.data?.total ?? 0;
  return (
    <section className="screen wide" aria-labelledby="officials-title">
      <header className="screen-head">
        <h1 id="officials-title">Officials</h1>
        <span className="actions">
          <button type="button" onClick={() => setImporting(true)}>
            Import…
          </button>
          <button type="button" onClick={() => setAdding(true)}>
            Add official…
          </button>
        </span>
      </header>
      <div className="tabs" role="tablist" aria-label="Officials">
        <button type="button" role="tab" aria-selected={tab === "people"} onClick={() => setTab("people")}>
          People
        </button>
        <button type="button" role="tab" aria-selected={tab === "offices"} onClick={() => setTab("offices")}>
          Offices
        </button>
      </div>
      {tab === "offices" && <Offices start={office} />}
      {tab === "people" && (
        <>
          <div className="filters" role="search">
            <label className="grow">
              Search officials
              <input
                type="search"
                value={filter}
                onChange={(e) => {
                  setFilter(e.target.value);
                  setOffset(0);
                }}
                placeholder="Name, office or state"
              />
            </label>
          </div>
          <div className={open !== null ? "master-detail open" : "master-detail"}>
            <div className="master">
              {list.data && (
                <Pager offset={offset} shown={list.data.length} total={total} onOffset={setOffset} what="officials" />
              )}
              {list.isError && <ErrorNote error={list.error} prefix="Officials could not be loaded" />}
              {list.data && list.data.length === 0 && (
                <p className="empty">{filter ? `Nobody matches “${filter}”.` : "No officials yet: Import… brings the congress roster and the executive posts."}</p>
              )}
              {list.data && list.data.length > 0 && (
                <table className="table" aria-label="Officials">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Office held or last held</th>
                      <th scope="col">Term</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.map((o) => (
                      <tr
                        key={o.person.id}
                        className={o.person.id === open ? "clickable selected" : "clickable"}
                        aria-current={o.person.id === open ? "true" : undefined}
                        onClick={() => setOpen(o.person.id)}
                      >
                        <td>
                          <button type="button" className="link" onClick={() => setOpen(o.person.id)}>
                            {o.person.full_name}
                          </button>
                          {o.person.retired_on && <span className="muted"> (retired)</span>}
                        </td>
                        <td>{o.office ?? "—"}</td>
                        <td>{termEnd(o.term_end, o.until)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
            {open !== null && (
              <DetailPane key={open}>
                <PersonPanel id={open} onClose={() => setOpen(null)} />
              </DetailPane>
            )}
          </div>
        </>
      )}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
      {adding && (
        <AddOfficial
          onClose={() => setAdding(false)}
          onAdded={(id, said) => {
            setAdding(false);
            setTab("people");
            setOpen(id);
            setNotice(said);
          }}
        />
      )}
      <Toast text={notice} onDismiss={() => setNotice(null)} />
    </section>
  );
}
