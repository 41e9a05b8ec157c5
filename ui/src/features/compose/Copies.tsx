// A signed or sent letter's copies: when each was sent and how, when to
// follow up, and whether a reply came, with the dialogs to record them.
import { useState } from "react";
import type { LetterDetail, RecipientView } from "../../ipc";
import { METHOD_LABEL, longDate } from "../../components/common";
import { MarkSentDialog, ReplyCell, ReplyDialog, type SentBefore } from "../log/dialogs";
import {
  AttachReplyButton,
  ContactList,
  FollowUpButtons,
  FollowUpDialog,
  ReplyFileLinks,
  type FollowUpAction,
} from "../log/followups";
import { SendCopyDialog, SendEmailDialog } from "./SendEmail";

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

/** "September 25, 2018 by email": when a copy went out and how (the date kept whole). */
function SentWhen({ r }: { r: RecipientView }) {
  return (
    <>
      <span className="nowrap">{longDate(r.sent_at)}</span>
      {r.method && (
        <>
          {" "}
          <span className="nowrap">by {METHOD_LABEL[r.method].toLowerCase()}</span>
        </>
      )}
    </>
  );
}

export function Copies({
  detail,
  letterDate,
  onMarked,
}: {
  detail: LetterDetail;
  letterDate: string;
  /** Copies were marked sent (how many): what to tell the user. */
  onMarked?: (count: number) => void;
}) {
  const [sending, setSending] = useState<RecipientView | null>(null);
  // How the copy being marked sent just went out (a draft, a contact form).
  const [sentHow, setSentHow] = useState<SentBefore | null>(null);
  const [sendingAll, setSendingAll] = useState(false);
  const [choosing, setChoosing] = useState<RecipientView | null>(null);
  const [emailing, setEmailing] = useState<{ copy: number | null; resend: boolean } | null>(null);
  const [replying, setReplying] = useState<RecipientView | null>(null);
  const [acting, setActing] = useState<{ copy: RecipientView; action: FollowUpAction } | null>(null);
  const unsent = detail.recipients.filter((r) => !r.sent_at).length;
  const unsentWithEmail = detail.recipients.filter((r) => !r.sent_at && r.reach.email).length;
  // Only a signed letter goes out (a partly sent one is still signed, and sent).
  const sendable = detail.summary.status === "signed" || detail.summary.status === "sent";
  return (
    <>
      <fieldset className="copies">
        <legend>Copies</legend>
        {sendable && unsent >= 1 && detail.recipients.length >= 2 && (
          <div className="actions">
            {unsentWithEmail >= 1 && (
              <button type="button" className="small" onClick={() => setEmailing({ copy: null, resend: false })}>
                Send all by email…
              </button>
            )}
            <button type="button" className="small" onClick={() => setSendingAll(true)}>
              Mark all sent…
            </button>
          </div>
        )}
        {/* Dates and buttons stay whole: on a narrow form the table scrolls in its box instead. */}
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">Sent</th>
                <th scope="col" className="date">Follow up</th>
                <th scope="col" className="date">Reply</th>
              </tr>
            </thead>
            <tbody>
              {detail.recipients.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.name ?? r.office}
                    {r.role === "cc" ? " (cc)" : ""}
                    <ContactList contacts={r.contacts} />
                  </td>
                  <td className="sent">
                    {r.sent_at ? (
                      <>
                        <SentWhen r={r} />
                        {r.confirmation && (
                          <span className="muted confirmation" title="Confirmation">
                            {" "}
                            {r.confirmation}
                          </span>
                        )}
                        {r.reach.email && (
                          <>
                            {" "}
                            <button
                              type="button"
                              className="small"
                              onClick={() => setEmailing({ copy: r.number, resend: true })}
                            >
                              Resend…
                            </button>
                          </>
                        )}
                      </>
                    ) : r.reach.email || r.reach.contact_form ? (
                      <button type="button" className="small" onClick={() => setChoosing(r)}>
                        Send…
                      </button>
                    ) : (
                      <button type="button" className="small" onClick={() => setSending(r)}>
                        Mark sent…
                      </button>
                    )}
                  </td>
                  <td className="date">
                    {longDate(r.follow_up_on) || "—"}
                    {r.owner && <div className="muted">{r.owner}</div>}
                    {r.sent_at && (
                      <FollowUpButtons
                        due={r.follow_up_on}
                        replied={!!r.reply_on}
                        onAction={(action) => setActing({ copy: r, action })}
                      />
                    )}
                  </td>
                  <td className="date">
                    <ReplyCell
                      replyOn={r.reply_on}
                      replyNotes={r.reply_notes}
                      sent={!!r.sent_at}
                      onRecord={() => setReplying(r)}
                    />
                    {r.reply_file ? (
                      <ReplyFileLinks file={r.reply_file} />
                    ) : (
                      r.reply_on && <AttachReplyButton copy={r} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
      {choosing && (
        <SendCopyDialog
          letterId={detail.summary.id}
          copy={choosing}
          onClose={() => setChoosing(null)}
          onEmail={() => {
            setEmailing({ copy: choosing.number, resend: false });
            setChoosing(null);
          }}
          onRecord={(how) => {
            setSentHow(how);
            setSending(choosing);
            setChoosing(null);
          }}
        />
      )}
      {emailing && (
        <SendEmailDialog
          letterId={detail.summary.id}
          copies={detail.recipients}
          copy={emailing.copy}
          resend={emailing.resend}
          onClose={() => setEmailing(null)}
        />
      )}
      {sending && (
        <MarkSentDialog
          recipient={sending}
          letterDate={letterDate}
          previous={sentHow ?? lastSent(detail)}
          onClose={() => {
            setSending(null);
            setSentHow(null);
          }}
          onDone={() => {
            setSending(null);
            setSentHow(null);
          }}
        />
      )}
      {sendingAll && (
        <MarkSentDialog
          all={{ letterId: detail.summary.id, count: unsent }}
          letterDate={letterDate}
          previous={lastSent(detail)}
          onClose={() => setSendingAll(false)}
          onDone={(marked) => {
            setSendingAll(false);
            onMarked?.(marked);
          }}
        />
      )}
      {acting && (
        <FollowUpDialog
          action={acting.action}
          copy={acting.copy}
          due={acting.copy.follow_up_on}
          owner={acting.copy.owner}
          onClose={() => setActing(null)}
        />
      )}
      {replying && (
        <ReplyDialog recipient={replying} onClose={() => setReplying(null)} onDone={() => setReplying(null)} />
      )}
    </>
  );
}
