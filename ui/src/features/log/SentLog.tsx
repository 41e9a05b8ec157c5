import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { LogEntry, LogFilter } from "../../ipc";
import { ErrorNote, StatusChip, longDate, useToday } from "../../components/common";
import { keys } from "../../queries";
import { MarkSentDialog, ReplyCell, ReplyDialog } from "./dialogs";

interface Props {
  onOpen: (letterId: number) => void;
}

const METHOD_LABEL: Record<string, string> = {
  mail: "Mail",
  email: "Email",
  fax: "Fax",
  hand: "By hand",
  portal: "Web portal",
};

export function SentLog({ onOpen }: Props) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [dueOnly, setDueOnly] = useState(false);
  const [sending, setSending] = useState<LogEntry | null>(null);
  const [replying, setReplying] = useState<LogEntry | null>(null);
  // Overdue and "due" are reckoned on the organization's today, from Rust.
  const now = useToday();
  const filter: LogFilter = {
    issue_id: null,
    person_id: null,
    office_id: null,
    status: null,
    from: from || null,
    to: to || null,
    follow_up_due: dueOnly ? (now ?? null) : null,
    limit: 500,
  };
  const log = useQuery({
    queryKey: keys.sentLogWith(filter),
    queryFn: () => ipc.sentLog(filter),
    // "Due" needs today; until the clock answers there is nothing to ask.
    enabled: !dueOnly || now !== undefined,
  });
  const csv = useMutation({
    mutationFn: async () => {
      const path = await ipc.chooseSavePath("sent-log.csv", { name: "CSV", extensions: ["csv"] });
      if (!path) return null;
      await ipc.sentLogCsv(filter, path);
      return path;
    },
  });
  const overdue = (e: LogEntry) =>
    now !== undefined && !!e.follow_up_on && !e.reply_on && e.follow_up_on < now;

  return (
    <section className="screen" aria-labelledby="log-title">
      <header className="screen-head">
        <h1 id="log-title">Sent log</h1>
        <button type="button" onClick={() => csv.mutate()} disabled={csv.isPending}>
          Export CSV…
        </button>
      </header>
      <div className="filters">
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={dueOnly} onChange={(e) => setDueOnly(e.target.checked)} />
          Follow-up due, no reply
        </label>
      </div>
      <div role="status" aria-live="polite">
        {csv.data && <p className="notice">Saved to {csv.data}</p>}
      </div>
      {csv.isError && <ErrorNote error={csv.error} prefix="CSV not saved" />}
      {log.isPending && <p className="empty">Loading the log…</p>}
      {log.isError && <ErrorNote error={log.error} prefix="The log could not be loaded" />}
      {log.data && log.data.length === 0 && (
        <p className="empty">Nothing here yet: letters appear once they have recipients.</p>
      )}
      {log.data && log.data.length > 0 && (
        <table className="table" aria-label="Sent log">
          <thead>
            <tr>
              <th scope="col">Letter date</th>
              <th scope="col">Recipient</th>
              <th scope="col">Subject</th>
              <th scope="col">Sent</th>
              <th scope="col">Follow up</th>
              <th scope="col">Reply</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((e) => (
              <tr key={e.recipient_id} className={overdue(e) ? "overdue" : undefined}>
                <td className="nowrap">{longDate(e.date)}</td>
                <td>
                  {e.person ?? "(no holder on record)"}
                  {e.office && <div className="muted">{e.office}</div>}
                  {e.role === "cc" && <span className="muted"> (cc)</span>}
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(e.letter_id)}>
                    {e.subject}
                  </button>
                </td>
                <td>
                  {e.sent_at ? (
                    <>
                      {longDate(e.sent_at)}, {METHOD_LABEL[e.method ?? ""] ?? e.method}
                      {e.confirmation && <div className="muted">{e.confirmation}</div>}
                    </>
                  ) : e.status === "signed" || e.status === "sent" ? (
                    <button type="button" className="small" onClick={() => setSending(e)}>
                      Mark sent…
                    </button>
                  ) : (
                    <StatusChip status={e.status} />
                  )}
                </td>
                <td>
                  {longDate(e.follow_up_on) || "—"}
                  {overdue(e) && (
                    <div>
                      <span className="chip chip-overdue">Overdue</span>
                    </div>
                  )}
                </td>
                <td>
                  <ReplyCell
                    replyOn={e.reply_on}
                    replyNotes={e.reply_notes}
                    sent={!!e.sent_at}
                    onRecord={() => setReplying(e)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sending && (
        <MarkSentDialog
          recipient={{ id: sending.recipient_id, name: sending.person, office: sending.office }}
          letterDate={sending.date}
          onClose={() => setSending(null)}
          onDone={() => setSending(null)}
        />
      )}
      {replying && (
        <ReplyDialog
          recipient={{ id: replying.recipient_id, name: replying.person, office: replying.office }}
          onClose={() => setReplying(null)}
          onDone={() => setReplying(null)}
        />
      )}
    </section>
  );
}
