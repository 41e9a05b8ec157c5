// A signed or sent letter's copies: when each was sent and how, when to
// follow up, and whether a reply came, with the dialogs to record them.
import { useState } from "react";
import type { LetterDetail, RecipientView } from "../../ipc";
import { longDate } from "../../components/common";
import { MarkSentDialog, ReplyCell, ReplyDialog, type SentBefore } from "../log/dialogs";

/** The most recently sent copy, which the next copy's dialog starts from. */
function lastSent(detail: LetterDetail): SentBefore | null {
  const sent = detail.recipients.filter((r) => r.sent_at && r.method);
  sent.sort((a, b) => (a.sent_at ?? "").localeCompare(b.sent_at ?? ""));
  const last = sent[sent.length - 1];
  if (!last?.sent_at || !last.method) return null;
  return {
    on: last.sent_at.slice(0, 10),
    method: last.method,
    confirmation: last.confirmation,
    follow_up_on: last.follow_up_on,
  };
}

export function Copies({ detail, letterDate }: { detail: LetterDetail; letterDate: string }) {
  const [sending, setSending] = useState<RecipientView | null>(null);
  const [replying, setReplying] = useState<RecipientView | null>(null);
  return (
    <>
      <fieldset className="copies">
        <legend>Copies</legend>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Recipient</th>
              <th scope="col">Sent</th>
              <th scope="col">Follow up</th>
              <th scope="col">Reply</th>
            </tr>
          </thead>
          <tbody>
            {detail.recipients.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.name ?? r.office}
                  {r.role === "cc" ? " (cc)" : ""}
                </td>
                <td>
                  {r.sent_at ? (
                    `${longDate(r.sent_at)} by ${r.method}`
                  ) : (
                    <button type="button" className="small" onClick={() => setSending(r)}>
                      Mark sent…
                    </button>
                  )}
                </td>
                <td>{longDate(r.follow_up_on) || "—"}</td>
                <td>
                  <ReplyCell
                    replyOn={r.reply_on}
                    replyNotes={r.reply_notes}
                    sent={!!r.sent_at}
                    onRecord={() => setReplying(r)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      {sending && (
        <MarkSentDialog
          recipient={sending}
          letterDate={letterDate}
          previous={lastSent(detail)}
          onClose={() => setSending(null)}
          onDone={() => setSending(null)}
        />
      )}
      {replying && (
        <ReplyDialog recipient={replying} onClose={() => setReplying(null)} onDone={() => setReplying(null)} />
      )}
    </>
  );
}
