import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { queryOptions, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { LetterSummary, Status } from "../../ipc";
import { ErrorNote, longDate, StatusChip } from "../../components/common";
import { DateField } from "../../components/DateField";
import { keys } from "../../queries";

interface Props {
  onOpen: (id: number) => void;
  onNew: () => void;
  /** Show the deleted drafts (Letters, Deleted letters). */
  onShowDeleted?: () => void;
  /** Called once the list has been shown (the cold-start benchmark). */
  onShown?: () => void;
  searchRef?: React.RefObject<HTMLInputElement | null>;
}

const STATUSES: Status[] = ["draft", "approved", "signed", "sent"];

/** The letters with a status ("" for all). Start-up asks for this before the first render. */
export const lettersQuery = (status: Status | "") =>
  queryOptions({
    queryKey: keys.lettersWith(status),
    queryFn: () => ipc.lettersList(status || null),
    // Fresh for a moment, so the list start-up fetched is not fetched again
    // when it mounts; a change to the letters invalidates it at once (queries.ts).
    staleTime: 2000,
  });

function matches(l: LetterSummary, words: string[]): boolean {
  const text = [l.subject, l.issue ?? "", ...l.addressed_to, ...l.recipients].join(" ").toLowerCase();
  return words.every((w) => text.includes(w));
}

export function LettersList({ onOpen, onNew, onShowDeleted, onShown, searchRef }: Props) {
  const [status, setStatus] = useState<Status | "">("");
  const [issue, setIssue] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [text, setText] = useState("");
  const letters = useQuery(lettersQuery(status));
  const shown = useRef(false);
  // A layout effect: it runs as soon as the rows are in the document, before
  // the browser paints them (a passive effect would wait for a later frame).
  useLayoutEffect(() => {
    if (letters.data && !shown.current) {
      shown.current = true;
      onShown?.();
    }
  }, [letters.data, onShown]);

  // The issues of the letters shown, and the one chosen even when no letter
  // of the status chosen since is on it (the filter still applies).
  const issues = useMemo(() => {
    const found = new Set((letters.data ?? []).map((l) => l.issue).filter((i): i is string => !!i));
    if (issue) found.add(issue);
    return [...found];
  }, [letters.data, issue]);
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const rows = (letters.data ?? []).filter(
    (l) =>
      (!issue || l.issue === issue) &&
      (!from || l.date >= from) &&
      (!to || l.date <= to) &&
      matches(l, words),
  );

  return (
    <section className="screen" aria-labelledby="letters-title">
      <header className="screen-head">
        <h1 id="letters-title">Letters</h1>
        <button type="button" className="primary" onClick={onNew}>
          New letter
        </button>
        {onShowDeleted && (
          <button type="button" onClick={onShowDeleted}>
            Deleted letters
          </button>
        )}
      </header>
      <div className="filters" role="search">
        <label className="search">
          Search
          <input
            ref={searchRef}
            type="search"
            value={text}
            placeholder="Subject, recipient or issue"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as Status | "")}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.charAt(0).toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Issue
          <select value={issue} onChange={(e) => setIssue(e.target.value)}>
            <option value="">Any</option>
            {issues.map((i) => (
              <option key={i}>{i}</option>
            ))}
          </select>
        </label>
        <DateField label="From" value={from} placeholder="Any date" quiet onChange={(d) => setFrom(d)} />
        <DateField label="To" value={to} placeholder="Any date" quiet onChange={(d) => setTo(d)} />
      </div>
      {letters.isPending && <p className="empty">Loading letters…</p>}
      {letters.isError && <ErrorNote error={letters.error} prefix="The letters could not be loaded" />}
      {letters.data && letters.data.length === 0 && status !== "" && (
        <p className="empty">No {status} letters.</p>
      )}
      {letters.data && letters.data.length === 0 && status === "" && (
        <div className="empty-state">
          <p>No letters yet.</p>
          <button type="button" onClick={onNew}>
            Write the first letter
          </button>
        </div>
      )}
      {letters.data && letters.data.length > 0 && rows.length === 0 && (
        <p className="empty">No letter matches these filters.</p>
      )}
      {rows.length > 0 && (
        <table className="table" aria-label="Letters">
          <thead>
            <tr>
              {/* The letter's number, as the letter view, the sent log and `amicus` say it ("Letter 12"). */}
              <th scope="col" className="num">
                <span aria-hidden="true">No.</span>
                <span className="visually-hidden">Letter number</span>
              </th>
              <th scope="col">Date</th>
              <th scope="col">Subject</th>
              <th scope="col">To</th>
              <th scope="col">Issue</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.id} className="clickable" onClick={() => onOpen(l.id)}>
                <td className="num">{l.id}</td>
                <td className="nowrap">{longDate(l.date)}</td>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(l.id)}>
                    {l.subject}
                  </button>
                  {l.revision_of !== null && (
                    <span className="muted"> · revision of letter {l.revision_of}</span>
                  )}
                </td>
                <td title={l.addressed_to.length < l.recipients.length ? l.recipients.join("; ") : undefined}>
                  {l.addressed_to.join("; ")}
                </td>
                <td>{l.issue ?? "—"}</td>
                <td>
                  <StatusChip status={l.status} copies={{ total: l.copies, sent: l.copies_sent }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
