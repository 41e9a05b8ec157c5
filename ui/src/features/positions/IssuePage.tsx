import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { IssuePage as IssuePageData, IssueRecord, Method, PositionParagraph } from "../../ipc";
import { ErrorNote, METHOD_LABEL, StatusChip, fieldError, longDate } from "../../components/common";
import { DateField } from "../../components/DateField";
import { Toast, useNotice } from "../../components/Toast";
import { copyText } from "../../components/clipboard";
import { BarChart } from "../../components/BarChart";
import { keys } from "../../queries";

const METHODS: [Method, string][] = [
  ["mail", "#29548c"],
  ["email", "#599ecc"],
  ["fax", "#8c73b3"],
  ["hand", "#d99940"],
  ["portal", "#73a666"],
];

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2017-09" → "Sep 17". */
const monthLabel = (m: string) => `${MONTHS[Number(m.slice(5, 7)) - 1] ?? ""} ${m.slice(2, 4)}`;

/** Letters and copies per month: stacked bars of copies by method, the month's letters above. */
function MonthChart({ record }: { record: IssueRecord }) {
  const months = record.numbers.months;
  const total = (m: (typeof months)[number]) => METHODS.reduce((n, [k]) => n + m.copies[k], 0);
  const summary = months
    .filter((m) => m.letters > 0)
    .map((m) => `${monthLabel(m.month)}: ${plural(m.letters, "letter")}, ${plural(total(m), "copy", "copies")}`)
    .join("; ");
  return (
    <figure className="chart">
      <figcaption>Letters and copies per month, by method</figcaption>
      <BarChart
        label={`Letters and copies per month. ${summary || "None sent."}`}
        categories={months.map((m) => monthLabel(m.month))}
        series={METHODS.map(([k, color]) => ({ label: METHOD_LABEL[k], color, values: months.map((m) => m.copies[k]) }))}
        stacked
        above={months.map((m) => m.letters)}
      />
      <p className="chart-legend">
        <span className="muted">Bars: copies sent; above: letters.</span>
        {METHODS.map(([k, color]) => (
          <span key={k}>
            <i style={{ background: color }} aria-hidden="true" />
            {METHOD_LABEL[k]}
          </span>
        ))}
      </p>
    </figure>
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Bars by category with a note for each: the numbers written out below the chart. */
function NotedBars({
  caption,
  rows,
  series,
  stacked,
}: {
  caption: string;
  rows: { label: string; values: number[]; note: string }[];
  series: { label: string; color: string }[];
  stacked: boolean;
}) {
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      {rows.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <>
          <BarChart
            label={`${caption}. ${rows.map((r) => `${r.label}: ${r.note}`).join("; ")}`}
            categories={rows.map((r) => r.label)}
            series={series.map((s, k) => ({ ...s, values: rows.map((r) => r.values[k] ?? 0) }))}
            stacked={stacked}
            height={150}
          />
          <p className="chart-legend">
            {series.map((s) => (
              <span key={s.label}>
                <i style={{ background: s.color }} aria-hidden="true" />
                {s.label}
              </span>
            ))}
          </p>
          <dl className="chart-notes" aria-hidden="true">
            {rows.map((r) => (
              <div key={r.label}>
                <dt>{r.label}</dt>
                <dd>{r.note}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </figure>
  );
}


function RepliesChart({ record }: { record: IssueRecord }) {
  return (
    <NotedBars
      caption="Replies and median days to reply, by office kind"
      // Replies drawn over the copies sent.
      series={[
        { label: "Copies sent", color: "#cdd6e0" },
        { label: "Replied", color: "#29548c" },
      ]}
      stacked={false}
      rows={record.numbers.replies.map((g) => ({ label: g.label, values: [g.sent, g.replies], note: g.note }))}
    />
  );
}

function FollowUpChart({ record }: { record: IssueRecord }) {
  return (
    <NotedBars
      caption={`Follow-ups awaiting a reply, by owner, as of ${longDate(record.as_of)}`}
      series={[
        { label: "Overdue", color: "#bf2e26" },
        { label: "Due", color: "#cdd6e0" },
      ]}
      stacked
      rows={record.numbers.follow_ups.map((o) => ({ label: o.label, values: [o.overdue, o.due], note: o.note }))}
    />
  );
}

/**
 * Which issues the board report covers, this one first: a page each, over
 * the range the page shows.
 */
function ReportIssues({
  record,
  chosen,
  onChange,
  busy,
  onExport,
  onCancel,
}: {
  record: IssueRecord;
  chosen: number[];
  onChange: (ids: number[]) => void;
  busy: boolean;
  onExport: () => void;
  onCancel: () => void;
}) {
  const issues = useQuery({ queryKey: keys.issues, queryFn: ipc.issuesOverview });
  const all = issues.data?.map((v) => v.issue) ?? [record.issue];
  // This issue first, then the others in the list's order.
  const ordered = [record.issue, ...all.filter((i) => i.id !== record.issue.id)];
  return (
    <form
      className="report-issues"
      aria-label="The board report"
      onSubmit={(e) => {
        e.preventDefault();
        onExport();
      }}
    >
      <fieldset>
        <legend>
          Issues in the report, {longDate(record.from)} to {longDate(record.to)} (a page each)
        </legend>
        {ordered.map((i) => (
          <label key={i.id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(i.id)}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? ordered.filter((o) => o.id === i.id || chosen.includes(o.id)).map((o) => o.id)
                    : chosen.filter((c) => c !== i.id),
                )
              }
            />
            {i.name}
          </label>
        ))}
      </fieldset>
      {issues.isError && <ErrorNote error={issues.error} prefix="The other issues could not be listed" />}
      <div className="actions">
        <button type="submit" className="small primary" disabled={busy || chosen.length === 0}>
          {busy ? "Exporting…" : "Export…"}
        </button>
        <button type="button" className="small" onClick={onCancel}>
          Cancel
        </button>
        {chosen.length === 0 && <span className="muted">Choose at least one issue.</span>}
      </div>
    </form>
  );
}

/** The paragraph's wording: how the organization is named, and the template. */
function Wording({ onSaved }: { onSaved: (said: string) => void }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<{ shortName: string; template: string } | null>(null);
  const wording = useQuery({ queryKey: keys.paragraphWording, queryFn: ipc.paragraphWording, enabled: open });
  const shown = form ?? (wording.data ? { shortName: wording.data.short_name ?? "", template: wording.data.template } : null);
  const save = useMutation({
    mutationFn: (w: { shortName: string; template: string | null }) => ipc.paragraphWordingSave(w.shortName || null, w.template),
    onSuccess: (w) => {
      // The record's change (settings) refreshes the page; the form's own
      // copy is what was kept.
      client.setQueryData(keys.paragraphWording, w);
      setForm(null);
      setOpen(false);
      onSaved(w.shipped ? "The paragraph is written by the shipped template." : "The paragraph's wording is saved.");
    },
  });
  if (!open) {
    return (
      <button type="button" className="small wording-open" onClick={() => setOpen(true)}>
        Change the wording…
      </button>
    );
  }
  return (
    <form
      className="wording"
      aria-label="The paragraph's wording"
      onSubmit={(e) => {
        e.preventDefault();
        if (shown) save.mutate(shown);
      }}
    >
      {wording.isError && <ErrorNote error={wording.error} prefix="The wording could not be loaded" />}
      {shown && (
        <>
          <label>
            The organization in a sentence
            <input
              name="short_name"
              value={shown.shortName}
              placeholder="its full name"
              onChange={(e) => setForm({ ...shown, shortName: e.target.value })}
            />
          </label>
          <label>
            Template (handlebars: organization, Organization, issue, stance, reaffirmed, letters, letter_count,
            staff_contact, from, to)
            <textarea
              name="template"
              className="code"
              rows={9}
              spellCheck={false}
              value={shown.template}
              onChange={(e) => setForm({ ...shown, template: e.target.value })}
            />
          </label>
          <div className="actions">
            <button type="submit" className="small primary" disabled={save.isPending}>
              Save
            </button>
            <button
              type="button"
              className="small"
              disabled={save.isPending || wording.data?.shipped === true}
              onClick={() => save.mutate({ shortName: shown.shortName, template: null })}
            >
              Restore the shipped template
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                setForm(null);
                setOpen(false);
                save.reset();
              }}
            >
              Cancel
            </button>
          </div>
        </>
      )}
      {save.isError && <ErrorNote error={save.error} prefix="Not saved" />}
    </form>
  );
}

/** The paragraph with its three Copy buttons. */
function Paragraph({ paragraph, onCopied }: { paragraph: PositionParagraph; onCopied: (said: string) => void }) {
  const [error, setError] = useState<unknown>(null);
  const copy = async (text: string, what: string) => {
    try {
      await copyText(text, "the paragraph");
      setError(null);
      onCopied(`The paragraph is on the clipboard as ${what}.`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="paragraph-title">
      <h2 id="paragraph-title">Position paragraph</h2>
      {paragraph.text.split("\n\n").map((p, i) => (
        <p key={i} className="paragraph-text">
          {p}
        </p>
      ))}
      <div className="actions">
        <button type="button" className="small" onClick={() => void copy(paragraph.text, "plain text")}>
          Copy paragraph
        </button>
        <button type="button" className="small" onClick={() => void copy(paragraph.markdown, "Markdown")}>
          Copy as Markdown
        </button>
        <button type="button" className="small" onClick={() => void copy(paragraph.html, "HTML")}>
          Copy as HTML
        </button>
      </div>
      <Wording onSaved={onCopied} />
      {error !== null && <ErrorNote error={error} prefix="Not copied" />}
    </section>
  );
}

/** The staff contact, and changing it. */
function Contact({ issue, contact }: { issue: number; contact: string | null }) {
  const [editing, setEditing] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (name: string) => ipc.issueSetContact(String(issue), name.trim() ? name.trim() : null),
    onSuccess: () => {
      setEditing(null);
    },
  });
  if (editing === null) {
    return (
      <p>
        Staff contact: <strong>{contact ?? "none named"}</strong>{" "}
        <button type="button" className="small" onClick={() => setEditing(contact ?? "")}>
          Change…
        </button>
      </p>
    );
  }
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(editing);
      }}
    >
      <label>
        Staff contact
        <input name="staff_contact" value={editing} onChange={(e) => setEditing(e.target.value)} />
      </label>
      <button type="submit" className="small primary" disabled={save.isPending}>
        Save
      </button>
      <button type="button" className="small" onClick={() => setEditing(null)}>
        Cancel
      </button>
      {save.isError && <ErrorNote error={save.error} prefix="Not saved" />}
    </form>
  );
}

/**
 * An issue's page: its staff contact, its positions on a timeline, the
 * newsletter's paragraph, the charts, and every letter with each copy; the
 * board report exported from it.
 */
export function IssuePage({ issue, onBack, onOpen }: { issue: number; onBack: () => void; onOpen: (id: number) => void }) {
  const [from, setFrom] = useState<string>("");
  const [to, setTo] = useState<string>("");
  const [notice, setNotice] = useNotice();
  const page = useQuery({
    queryKey: keys.issuePageFor(issue, from, to),
    queryFn: () => ipc.issuePage(String(issue), from || null, to || null),
    // A new range keeps the page (and the field being typed in) until it comes.
    placeholderData: keepPreviousData,
  });
  // A range refused (it ends before it starts) keeps the page last shown,
  // its fields holding what was typed and saying what is wrong.
  const [good, setGood] = useState<IssuePageData | null>(null);
  if (page.data && page.data !== good) setGood(page.data);
  const shown = page.data ?? good;
  const record = shown?.record;
  const fromError = fieldError(page.error, "from");
  const toError = fieldError(page.error, "to");
  const [choosing, setChoosing] = useState<number[] | null>(null);
  const exportReport = useMutation({
    mutationFn: async ({ r, issues }: { r: IssueRecord; issues: number[] }) => {
      const path = await ipc.chooseSavePath("board-report.pdf", { name: "PDF", extensions: ["pdf"] });
      if (!path) return null;
      return ipc.boardReportExport({ from: r.from, to: r.to, issues: issues.map(String), as_of: null }, path);
    },
    onSuccess: (w) => {
      if (w) {
        setChoosing(null);
        const replaced = w.replaced.length > 0 ? ` It replaced the earlier ${w.replaced.join(" and ")}.` : "";
        setNotice(`Saved the board report (${w.pages} pages) to ${w.pdf}, and its rows to ${w.rows.join(" and ")}.${replaced}`);
      }
    },
  });
  return (
    <section className="screen" aria-labelledby="issue-title">
      <header className="screen-head">
        <button type="button" className="link" onClick={onBack}>
          ← All positions
        </button>
      </header>
      {page.isError && !fromError && !toError && (
        <ErrorNote error={page.error} prefix="The issue's page could not be loaded" />
      )}
      {record && shown && (
        <>
          <header className="screen-head">
            <h1 id="issue-title">{record.issue.name}</h1>
            <button
              type="button"
              className="primary"
              disabled={exportReport.isPending || choosing !== null}
              onClick={() => setChoosing([record.issue.id])}
            >
              {exportReport.isPending ? "Exporting…" : "Export board report…"}
            </button>
          </header>
          {choosing !== null && (
            <ReportIssues
              record={record}
              chosen={choosing}
              onChange={setChoosing}
              busy={exportReport.isPending}
              onExport={() => exportReport.mutate({ r: record, issues: choosing })}
              onCancel={() => {
                setChoosing(null);
                exportReport.reset();
              }}
            />
          )}
          {exportReport.isError && <ErrorNote error={exportReport.error} prefix="Not exported" reveal />}
          <Contact issue={record.issue.id} contact={record.issue.staff_contact} />
          <div className="grid2 range">
            <DateField label="From" name="from" value={from || record.from} error={fromError} onChange={(d) => setFrom(d)} />
            <DateField label="To" name="to" value={to || record.to} error={toError} onChange={(d) => setTo(d)} />
          </div>
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">Positions</h2>
            <ol className="timeline" aria-label="Position versions, oldest first">
              {record.positions.map((p) => (
                <li key={p.id}>
                  <strong>
                    Version {p.version}: {p.stance}
                  </strong>{" "}
                  <span className="muted">adopted {longDate(p.adopted_on)}</span>
                  <p>{p.statement}</p>
                </li>
              ))}
            </ol>
          </section>
          <Paragraph paragraph={shown.paragraph} onCopied={setNotice} />
          <section aria-labelledby="charts-title">
            <h2 id="charts-title">
              From {longDate(record.from)} to {longDate(record.to)}
            </h2>
            <MonthChart record={record} />
            <RepliesChart record={record} />
            <FollowUpChart record={record} />
          </section>
          <section aria-labelledby="letters-title">
            <h2 id="letters-title">Letters</h2>
            {record.letters.length === 0 && <p className="muted">No letters in this period.</p>}
            {record.letters.map((l) => (
              <article key={l.id} className="panel">
                <h3>
                  <button type="button" className="link" onClick={() => onOpen(l.id)}>
                    {longDate(l.date)} — {l.subject}
                  </button>{" "}
                  <StatusChip status={l.status} />
                </h3>
                {l.groups.length > 0 && <p className="muted">To the groups: {l.groups.join("; ")}</p>}
                <table className="table" aria-label={`Copies of letter ${l.id}`}>
                  <thead>
                    <tr>
                      <th>To</th>
                      <th>Sent</th>
                      <th>Reply</th>
                      <th>Follow-up</th>
                      <th>Owner</th>
                    </tr>
                  </thead>
                  <tbody>
                    {l.copies.map((c) => (
                      <tr key={c.id}>
                        <td>
                          {c.role === "cc" ? "cc: " : ""}
                          {[c.office, c.person].filter(Boolean).join(" — ")}
                        </td>
                        <td>{c.method && c.sent_on ? `${METHOD_LABEL[c.method]}, ${longDate(c.sent_on)}` : "Not sent"}</td>
                        <td>
                          {c.reply_on
                            ? `${longDate(c.reply_on)}${c.days_to_reply !== null ? ` (${c.days_to_reply} days)` : ""}`
                            : "—"}
                        </td>
                        <td className={c.overdue ? "overdue" : undefined}>
                          {c.follow_up_on && !c.reply_on ? `${longDate(c.follow_up_on)}${c.overdue ? " — overdue" : ""}` : "—"}
                        </td>
                        <td>{c.owner ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </article>
            ))}
          </section>
        </>
      )}
      <Toast text={notice} onDismiss={() => setNotice(null)} />
    </section>
  );
}
