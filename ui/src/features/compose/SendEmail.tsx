// Sending a signed letter's copies: by e-mail through the organization's
// mail server (one copy, a resend, or every unsent copy with progress and a
// stop button), as a draft for the staffer's own mail program, or through
// an office's web contact form. Whatever went out is then in the record.
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { EmailProgress, EmailResult, RecipientView } from "../../ipc";
import { Dialog } from "../../components/Dialog";
import { ErrorNote, longDate, useToday } from "../../components/common";
import { providerName } from "../settings/MailForm";
import { SignInAddress, useMailSignIn } from "../settings/signIn";
import { keys } from "../../queries";
import type { SentBefore } from "../log/dialogs";
import { copyText } from "../../components/clipboard";

const who = (r: RecipientView) => r.name ?? r.office ?? `Copy ${r.number}`;

/** One line of the outcome list. */
function Outcome({ r }: { r: EmailResult }) {
  const o = r.outcome;
  switch (o.kind) {
    case "sent":
    case "resent":
      return (
        <>
          <strong>{o.kind === "sent" ? "Sent" : "Sent again"}</strong> to {r.name} &lt;{r.address}&gt;
          <span className="muted"> — {o.message_id}</span>
        </>
      );
    case "refused":
      return (
        <>
          <strong className="error-text">Not sent</strong> to {r.name}: {o.reason}
        </>
      );
    case "no_address":
      return (
        <>
          <strong>Not sent</strong> to {r.name}: no e-mail address on record; send this copy another way.
        </>
      );
    case "not_tried":
      return (
        <>
          <strong>Not sent</strong> to {r.name}: {o.reason.replace(/^not sent: /, "")}
        </>
      );
  }
}

/**
 * E-mail copies of a letter: `copy` one copy (`resend`: again, after asking),
 * or null every unsent copy. Shows who gets what, then progress, then what
 * became of each copy.
 */
export function SendEmailDialog({
  letterId,
  copies,
  copy,
  resend = false,
  onClose,
}: {
  letterId: number;
  copies: RecipientView[];
  copy: number | null;
  resend?: boolean;
  onClose: () => void;
}) {
  const mail = useQuery({ queryKey: keys.mail, queryFn: ipc.mailSettings });
  const [progress, setProgress] = useState<EmailProgress | null>(null);
  const [stopping, setStopping] = useState(false);
  const send = useMutation({
    mutationFn: () => ipc.letterSendEmail(letterId, copy, resend, setProgress),
  });
  const { signIn, page } = useMailSignIn();
  const targets = copy === null ? copies.filter((r) => !r.sent_at) : copies.filter((r) => r.number === copy);
  const withAddress = targets.filter((r) => r.reach.email);
  const server = mail.data?.settings;
  const busy = send.isPending;
  const title = resend ? "Send again by email" : copy === null ? "Send by email" : `Send copy ${copy} by email`;
  const done = send.data;
  const sentCount = done?.filter((r) => r.outcome.kind === "sent" || r.outcome.kind === "resent").length ?? 0;
  // With a mailbox sign-in, signing in (again) is offered right here when no
  // one is signed in, the sending was refused for the sign-in, or a copy was
  // refused (a sign-in that expired mid-batch says so in its words).
  const viaSignIn = server?.sign_in ?? null;
  const offerSignIn =
    !!viaSignIn &&
    !busy &&
    (!mail.data?.signed_in_as ||
      (ipc.isIpcError(send.error) && send.error.code === "sign_in") ||
      !!done?.some((r) => r.outcome.kind === "refused"));
  // The sender alone (no server, no sign-in): enough for drafts, not to send.
  const draftsOnly = !!server && !!mail.data?.drafts_only;
  // A mailbox nobody on this computer is signed in to: sign in first.
  const needsSignIn = !!viaSignIn && !mail.data?.signed_in_as && !signIn.data;
  const through = !server
    ? ""
    : server.handover === "graph"
      ? "Microsoft Graph"
      : server.handover === "gmail"
        ? "the Gmail API"
        : `${server.server}:${server.port}`;
  return (
    <Dialog title={title} onClose={busy ? () => undefined : onClose} wide>
      {!server && mail.isSuccess && (
        <p className="error" role="alert">
          No mail server is set up yet. Fill in Settings → Sending email, then send from here.
        </p>
      )}
      {server && draftsOnly && (
        <p className="error" role="alert">
          Only the sender ({server.from_address}) is set up: drafts for your own mail program work (Send… on a copy), but
          sending from here needs the mail server, or a sign-in to the organization's mailbox, in Settings → Sending
          email.
        </p>
      )}
      {server && !draftsOnly && !done && (
        <p className="muted">
          From {server.from_name ? `${server.from_name} ` : ""}&lt;{server.from_address}&gt; through {through}
          {viaSignIn && mail.data?.signed_in_as ? `, signed in as ${mail.data.signed_in_as}` : ""},{" "}
          {targets.length === 1 ? "one message with the signed PDF attached" : "one message per copy with the signed PDF attached"}.
        </p>
      )}
      {resend && targets[0]?.sent_at && !done && (
        <p className="warning">
          This copy was already sent on {longDate(targets[0].sent_at)}. Sending it again is logged as a resend.
        </p>
      )}
      {!done && (
        <ul className="send-list" aria-label="Copies to send">
          {targets.map((r) => (
            <li key={r.id}>
              {who(r)}
              {r.office && r.name ? `, ${r.office}` : ""}
              {" — "}
              {r.reach.email ? <code>{r.reach.email}</code> : <span className="muted">no e-mail address on record</span>}
            </li>
          ))}
        </ul>
      )}
      {busy && progress && (
        <div role="status" aria-live="polite">
          <progress max={progress.total} value={progress.done} />
          <p>
            {progress.done < progress.total
              ? `Sending ${progress.done + 1} of ${progress.total}: ${progress.next}`
              : "Finishing…"}
          </p>
        </div>
      )}
      {send.isError && <ErrorNote error={send.error} prefix="Nothing was sent" />}
      {offerSignIn && viaSignIn && (
        <div className="actions" aria-live="polite">
          <span className="muted">
            {signIn.isPending
              ? "Finish signing in in your browser…"
              : signIn.data
                ? `Signed in as ${signIn.data.user}. Close this and send the rest again.`
                : "The organization's mailbox needs you to sign in."}
          </span>
          {signIn.isPending && (
            <button type="button" onClick={() => void ipc.mailSignInCancel()}>
              Cancel the sign-in
            </button>
          )}
          <button type="button" disabled={signIn.isPending} onClick={() => signIn.mutate(null)}>
            Sign in with {providerName(viaSignIn.provider)}
          </button>
        </div>
      )}
      {signIn.isPending && page && <SignInAddress page={page} />}
      {signIn.isError && <ErrorNote error={signIn.error} prefix="Not signed in" />}
      {done && (
        <>
          <p role="status">
            {sentCount === done.length
              ? `${sentCount === 1 ? "The copy was" : `All ${sentCount} copies were`} sent and recorded.`
              : `${sentCount} of ${done.length} sent. The others stay unsent and can be sent again.`}
          </p>
          <ul className="send-list" aria-label="What was sent">
            {done.map((r) => (
              <li key={r.recipient_id}>
                <Outcome r={r} />
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="actions">
        {busy ? (
          <button
            type="button"
            disabled={stopping}
            onClick={() => {
              setStopping(true);
              void ipc.sendCancel();
            }}
          >
            {stopping ? "Stopping after this message…" : "Stop after this message"}
          </button>
        ) : done ? (
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              disabled={!server || draftsOnly || needsSignIn || withAddress.length === 0}
              title={needsSignIn ? "Sign in to the organization's mailbox first" : undefined}
              onClick={() => send.mutate()}
            >
              {resend
                ? "Send again"
                : withAddress.length === 1
                  ? "Send 1 message"
                  : `Send ${withAddress.length} messages`}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}

/**
 * The ways one unsent copy can go: e-mail through the mail server, a draft
 * for the staffer's mail program, the office's contact form, or recording
 * a sending done some other way. The last three end in the mark-sent
 * dialog, filled in with what Amicus knows.
 */
export function SendCopyDialog({
  letterId,
  copy,
  onClose,
  onEmail,
  onRecord,
}: {
  letterId: number;
  copy: RecipientView;
  onClose: () => void;
  onEmail: () => void;
  onRecord: (previous: SentBefore | null) => void;
}) {
  const today = useToday();
  const [note, setNote] = useState<string | null>(null);
  const draft = useMutation({
    mutationFn: async () => {
      const d = await ipc.letterEmailDraft(letterId, copy.number);
      await ipc.openInViewer(d.path);
      return d;
    },
    onSuccess: (d) => setNote(`The draft to ${d.address} is open in your mail program. Send it there, then record it here.`),
  });
  const form = useMutation({
    mutationFn: async () => {
      const c = await ipc.letterContactForm(letterId, copy.number);
      await copyText(c.text, "the letter's text");
      await ipc.openWebPage(c.url);
      return c;
    },
    onSuccess: () =>
      setNote("The letter's text is on the clipboard and the contact form is open in your browser. Paste, send, then record it here."),
  });
  // What the mark-sent dialog starts from: how this copy was just sent.
  const sentNow: SentBefore | null = draft.data
    ? { on: today ?? "", method: "email", confirmation: draft.data.message_id, follow_up_on: null }
    : form.data
      ? { on: today ?? "", method: "portal", confirmation: null, follow_up_on: null }
      : null;
  const { email, contact_form } = copy.reach;
  return (
    <Dialog title={`Send copy ${copy.number}: ${who(copy)}`} onClose={onClose}>
      <div className="send-ways">
        {email ? (
          <>
            <button type="button" className="primary" onClick={onEmail}>
              Send by email to {email}
            </button>
            <button type="button" disabled={draft.isPending} onClick={() => draft.mutate()}>
              Open as draft in my mail program
            </button>
          </>
        ) : (
          <p className="muted">No e-mail address on record for {who(copy)}; add one under Officials to send by email.</p>
        )}
        {contact_form && (
          <button type="button" disabled={form.isPending} onClick={() => form.mutate()}>
            Open the contact form
          </button>
        )}
        <button type="button" onClick={() => onRecord(sentNow)}>
          {note ? "Record it sent…" : "Record it sent another way…"}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {note && <p className="notice">{note}</p>}
      </div>
      {draft.isError && <ErrorNote error={draft.error} prefix="No draft" />}
      {form.isError && <ErrorNote error={form.error} prefix="The contact form was not opened" />}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
