// A signed or sent letter's copies: when each was sent and how, when to
// follow up and whose follow-up it is, the reply and its notes, the calls and
// meetings logged, with the dialogs to record them.
import { useState } from "react";
import type { Event, EventKind, LetterDetail, RecipientView } from "../../ipc";
import { METHOD_LABEL, dayIn, longDate, useClock } from "../../components/common";
import { MarkSentDialog, ReplyDialog, type SentBefore } from "../log/dialogs";
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

const EVENT_WORDS: Record<EventKind, string> = {
  created: "Drafted",
  edited: "Edited",
  approved: "Approved",
  signed: "Signed",
  exported: "Exported",
  sent: "Sent",
  followed_up: "Followed up",
  replied: "Reply recorded",
  snoozed: "Follow-up snoozed",
  assigned: "Follow-up reassigned",
  reply_attached: "Reply PDF attached",
  printed: "Printed",
  deleted: "Deleted",
  restored: "Restored",
};

/** What happened to one copy, oldest first, with who and when (folded away). */
export function CopyHistory({ events }: { events: Event[] }) {
  const timeZone = useClock()?.time_zone;
  if (events.length === 0) return null;
  return (
    <details className="copy-history">
      <summary>History ({events.length})</summary>
      <ol>
        {events.map((e) => (
          <li key={e.id}>
            <span className="nowrap">{longDate(dayIn(e.at, timeZone))}</span> — {EVENT_WORDS[e.kind]}
            {e.detail && <>: {e.detail}</>}
            {e.actor && <span className="muted"> (by {e.actor})</span>}
          </li>
        ))}
      </ol>
    </details>
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
        {sendable && unsent >= 1 && unsentWithEmail === 0 && (
          <p className="muted" role="note">
            {unsent === 1
              ? "The copy left to send has no e-mail address on record"
              : `None of the ${unsent} copies left to send has an e-mail address on record`}
            , so nothing can go by email: use Send… on each copy for its contact form, a draft for your own mail program
            or paper (Envelopes &amp; labels…), or add the address to the office in Officials.
          </p>
        )}
        {/* Each copy is one block (a row of the table, drawn as a card): who
            and where it stands, when and how it went, the follow-up and whose
            it is, the reply and its notes, the calls logged; its actions wrap
            below. Nothing scrolls sideways beside the preview. The roles are
            spelled out: WebKit drops a table's when it is not drawn as one. */}
        <table className="copy-table" role="table" aria-label="Copies">
          <thead className="visually-hidden" role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">Recipient</th>
              <th scope="col" role="columnheader">Sent</th>
              <th scope="col" role="columnheader">Follow up</th>
              <th scope="col" role="columnheader">Reply</th>
              <th scope="col" role="columnheader">Calls and meetings</th>
              <th scope="col" role="columnheader">Actions</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {detail.recipients.map((r) => (
              <tr key={r.id} className="copy" role="row">
                <td className="copy-who" role="cell">
                  <strong>{r.name ?? r.office}</strong>
                  {r.role === "cc" ? " (cc)" : ""}
                  <div className="copy-status">
                    {r.name && r.office && <>{r.office} · </>}
                    {!r.sent_at ? "Not sent yet" : r.reply_on ? "Replied" : "Sent, no reply yet"}
                  </div>
                </td>
                <td className="copy-sent" role="cell">
                  {r.sent_at && (
                    <>
                      <span className="copy-label">Sent</span> <SentWhen r={r} />
                      {r.confirmation && (
                        <>
                          {" "}
                          <span className="muted confirmation" title="Confirmation">
                            {r.confirmation}
                          </span>
                        </>
                      )}
                    </>
                  )}
                </td>
                <td className="copy-follow-up" role="cell">
                  {r.sent_at && (
                    <>
                      <span className="copy-label">Follow up</span>{" "}
                      {r.follow_up_on ? (
                        <span className="nowrap">{longDate(r.follow_up_on)}</span>
                      ) : (
                        <span className="muted">no date set</span>
                      )}
                      {r.owner && (
                        <>
                          {" · "}
                          <span className="copy-owner" title="Whose follow-up it is">
                            {r.owner}
                          </span>
                        </>
                      )}
                    </>
                  )}
                </td>
                <td className="copy-reply" role="cell">
                  {r.reply_on && (
                    <>
                      <span className="copy-label">Reply</span> <span className="nowrap">{longDate(r.reply_on)}</span>
                      {r.reply_notes && <p className="reply-notes">{r.reply_notes}</p>}
                      {r.reply_file && <ReplyFileLinks file={r.reply_file} />}
                    </>
                  )}
                </td>
                <td className="copy-contacts" role="cell">
                  <ContactList contacts={r.contacts} />
                  <CopyHistory events={r.history} />
                </td>
                <td className="copy-actions" role="cell">
                  {!r.sent_at ? (
                    r.reach.email || r.reach.contact_form ? (
                      <button type="button" className="small" onClick={() => setChoosing(r)}>
                        Send…
                      </button>
                    ) : (
                      <button type="button" className="small" onClick={() => setSending(r)}>
                        Mark sent…
                      </button>
                    )
                  ) : (
                    <>
                      {r.reach.email && (
                        <button type="button" className="small" onClick={() => setEmailing({ copy: r.number, resend: true })}>
                          Resend…
                        </button>
                      )}
                      {!r.reply_on && (
                        <button type="button" className="small" onClick={() => setReplying(r)}>
                          Record reply…
                        </button>
                      )}
                      {r.reply_on && !r.reply_file && <AttachReplyButton copy={r} />}
                      <FollowUpButtons
                        due={r.follow_up_on}
                        replied={!!r.reply_on}
                        onAction={(action) => setActing({ copy: r, action })}
                      />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
