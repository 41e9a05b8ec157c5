// A signed or sent letter's copies: when each was sent and how, when to
// follow up, and whether a reply came, with the dialogs to record them.
import { useState } from "react";
import type { LetterDetail, RecipientView } from "../../ipc";
import { longDate } from "../../components/common";
import { MarkSentDialog, ReplyDialog } from "../log/dialogs";

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
                  {r.reply_on ? (
                    longDate(r.reply_on)
                  ) : r.sent_at ? (
                    <button type="button" className="small" onClick={() => setReplying(r)}>
                      Record reply…
                    </button>
                  ) : (
                    "—"
                  )}
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
