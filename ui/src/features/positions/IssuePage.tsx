import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { IssueRecord, Method, OfficeGroup, PositionParagraph } from "../../ipc";
import { ErrorNote, METHOD_LABEL, StatusChip, longDate } from "../../components/common";
import { DateField } from "../../components/DateField";
import { Toast, useNotice } from "../../components/Toast";
import { copyText } from "../../components/clipboard";

const METHODS: [Method, string][] = [
  ["mail", "#29548c"],
  ["email", "#599ecc"],
  ["fax", "#8c73b3"],
  ["hand", "#d99940"],
  ["portal", "#73a666"],
];

const GROUP_LABEL: Record<OfficeGroup, string> = {
  executive: "Executive",
  senate: "Senate",
  house: "House",
  committee: "Committee",
  foreign: "Foreign",
  other: "Other",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2017-09" → "Sep 17". */
const monthLabel = (m: string) => `${MONTHS[Number(m.slice(5, 7)) - 1] ?? ""} ${m.slice(2, 4)}`;

/** A round top for a chart's scale: 1, 2, 5, 10, 20, 50, … */
function niceMax(v: number): number {
  for (let step = 1; ; step *= 10) for (const m of [1, 2, 5]) if (v <= step * m) return Math.max(step * m, 1);
}

/** Letters and copies per month: stacked bars of copies by method, the month's letters above. */
function MonthChart({ record }: { record: IssueRecord }) {
  const months = record.numbers.months;
  const total = (m: (typeof months)[number]) => METHODS.reduce((n, [k]) => n + m.copies[k], 0);
  const scale = niceMax(Math.max(0, ...months.map(total)));
  const w = 640;
  const h = 150;
  const base = 120;
  const slot = (w - 30) / Math.max(months.length, 1);
  const bar = Math.min(slot * 0.6, 28);
  const thin = months.length > 18;
  const summary = months
    .filter((m) => m.letters > 0)
    .map((m) => `${monthLabel(m.month)}: ${m.letters} letters, ${total(m)} copies`)
    .join("; ");
  return (
    <figure className="chart">
      <figcaption>Letters and copies per month, by method</figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`Letters and copies per month. ${summary || "None sent."}`}>
        <text x={24} y={base - 100 + 4} textAnchor="end" className="axis">
          {scale}
        </text>
        <text x={24} y={base + 3} textAnchor="end" className="axis">
          0
        </text>
        <line x1={30} x2={w} y1={base} y2={base} stroke="#999" strokeWidth={0.5} />
        {months.map((m, i) => {
          const x = 30 + slot * i + (slot - bar) / 2;
          let y = base;
          return (
            <g key={m.month} data-month={m.month}>
              {METHODS.map(([k, color]) => {
                const bh = (100 * m.copies[k]) / scale;
                y -= bh;
                return bh > 0 ? (
                  <rect key={k} x={x} y={y} width={bar} height={bh} fill={color}>
                    <title>{`${monthLabel(m.month)}: ${m.copies[k]} by ${METHOD_LABEL[k].toLowerCase()}`}</title>
                  </rect>
                ) : null;
              })}
              {m.letters > 0 && (
                <text x={x + bar / 2} y={y - 3} textAnchor="middle" className="value">
                  {m.letters}
                </text>
              )}
              {(!thin || i % 3 === 0) && (
                <text x={30 + slot * i + slot / 2} y={base + 12} textAnchor="middle" className="axis">
                  {monthLabel(m.month)}
                </text>
              )}
            </g>
          );
        })}
        <g transform={`translate(30 ${base + 26})`}>
          <text x={0} y={0} className="axis">
            Bars: copies sent; above: letters.
          </text>
          {METHODS.map(([k, color], i) => (
            <g key={k} transform={`translate(${170 + i * 80} -8)`}>
              <rect width={9} height={9} fill={color} />
              <text x={12} y={8} className="axis">
                {METHOD_LABEL[k]}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}

/** Horizontal bars, one row each: (label, segments, note). */
function Bars({
  caption,
  rows,
}: {
  caption: string;
  rows: { label: string; parts: { n: number; color: string }[]; total: number; note: string }[];
}) {
  const scale = niceMax(Math.max(0, ...rows.map((r) => r.total)));
  const w = 640;
  const lw = 110;
  const nw = 200;
  const bw = w - lw - nw;
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      {rows.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <svg
          viewBox={`0 0 ${w} ${rows.length * 18 + 4}`}
          role="img"
          aria-label={`${caption}. ${rows.map((r) => `${r.label}: ${r.note}`).join("; ")}`}
        >
          {rows.map((r, i) => {
            let x = lw;
            return (
              <g key={r.label} transform={`translate(0 ${i * 18})`}>
                <text x={0} y={12} className="label">
                  {r.label}
                </text>
                {r.parts.map((p, k) => {
                  const pw = (bw * p.n) / scale;
                  const at = x;
                  x += pw;
                  return pw > 0 ? <rect key={k} x={at} y={3} width={pw} height={11} fill={p.color} /> : null;
                })}
                <text x={lw + bw + 8} y={12} className="label">
                  {r.note}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}

const days = (d: number) => (Number.isInteger(d) ? String(d) : d.toFixed(1));

function RepliesChart({ record }: { record: IssueRecord }) {
  return (
    <Bars
      caption="Replies and median days to reply, by office kind"
      rows={record.numbers.replies.map((g) => ({
        label: GROUP_LABEL[g.group],
        // Replies drawn over the copies sent.
        parts: [
          { n: g.replies, color: "#29548c" },
          { n: g.sent - g.replies, color: "#cdd6e0" },
        ],
        total: g.sent,
        note:
          g.sent === 0
            ? "none sent"
            : `${g.replies} of ${g.sent} replied; ${g.median_days === null ? "no replies" : `median ${days(g.median_days)} days`}`,
      }))}
    />
  );
}

function FollowUpChart({ record }: { record: IssueRecord }) {
  return (
    <Bars
      caption={`Follow-ups awaiting a reply, by owner, as of ${longDate(record.as_of)}`}
      rows={record.numbers.follow_ups.map((o) => ({
        label: o.owner ?? "Nobody",
        parts: [
          { n: o.overdue, color: "#bf2e26" },
          { n: o.due, color: "#cdd6e0" },
        ],
        total: o.due + o.overdue,
        note: `${o.overdue} overdue, ${o.due} due`,
      }))}
    />
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
      {error !== null && <ErrorNote error={error} prefix="Not copied" />}
    </section>
  );
}

/** The staff contact, and changing it. */
function Contact({ issue, contact }: { issue: number; contact: string | null }) {
  const client = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (name: string) => ipc.issueSetContact(String(issue), name.trim() ? name.trim() : null),
    onSuccess: () => {
      setEditing(null);
      void client.invalidateQueries({ queryKey: ["issue-page"] });
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
    queryKey: ["issue-page", issue, from, to],
    queryFn: () => ipc.issuePage(String(issue), from || null, to || null),
    // A new range keeps the page (and the field being typed in) until it comes.
    placeholderData: keepPreviousData,
  });
  const record = page.data?.record;
  const exportReport = useMutation({
    mutationFn: async (r: IssueRecord) => {
      const path = await ipc.chooseSavePath("board-report.pdf", { name: "PDF", extensions: ["pdf"] });
      if (!path) return null;
      return ipc.boardReportExport({ from: r.from, to: r.to, issues: [String(r.issue.id)], as_of: null }, path);
    },
    onSuccess: (w) => {
      if (w) setNotice(`Saved the board report (${w.pages} pages) to ${w.pdf}, and its rows to ${w.csv}.`);
    },
  });
  return (
    <section className="screen" aria-labelledby="issue-title">
      <header className="screen-head">
        <button type="button" className="link" onClick={onBack}>
          ← All positions
        </button>
      </header>
      {page.isError && <ErrorNote error={page.error} prefix="The issue's page could not be loaded" />}
      {record && page.data && (
        <>
          <header className="screen-head">
            <h1 id="issue-title">{record.issue.name}</h1>
            <button
              type="button"
              className="primary"
              disabled={exportReport.isPending}
              onClick={() => exportReport.mutate(record)}
            >
              {exportReport.isPending ? "Exporting…" : "Export board report…"}
            </button>
          </header>
          {exportReport.isError && <ErrorNote error={exportReport.error} prefix="Not exported" reveal />}
          <Contact issue={record.issue.id} contact={record.issue.staff_contact} />
          <div className="grid2 range">
            <DateField label="From" name="from" value={from || record.from} onChange={(d) => setFrom(d)} />
            <DateField label="To" name="to" value={to || record.to} onChange={(d) => setTo(d)} />
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
          <Paragraph paragraph={page.data.paragraph} onCopied={setNotice} />
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
