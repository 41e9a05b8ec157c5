import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { Method, SendReport } from "../../ipc";
import { Dialog, NO_DATE } from "../../components/Dialog";
import { DateField } from "../../components/DateField";
import { ErrorNote, METHOD_LABEL, fieldError, longDate, useClock } from "../../components/common";
import { keys } from "../../queries";

/** A refusal the dialog makes itself, shaped like Rust's, shown at its field. */
const refuse = (field: string, message: string) => ({ code: "invalid_data", field, message });

interface Who {
  id: number;
  name: string | null;
  office: string | null;
}

const METHODS = Object.entries(METHOD_LABEL) as [Method, string][];

/** How an earlier copy of the same letter went out: the next copy starts from it. */
export interface SentBefore {
  on: string;
  method: Method;
  confirmation: string | null;
  follow_up_on: string | null;
}

/** Every copy of a letter not yet sent, to mark sent the one way. */
export interface UnsentCopies {
  letterId: number;
  /** How many copies are not sent yet. */
  count: number;
}

/**
 * Record how a copy went out: one copy (`recipient`), or every copy of the
 * letter not yet sent (`all`). `onDone` is told how many copies were marked.
 */
export function MarkSentDialog(
  props: ({ recipient: Who; all?: undefined } | { all: UnsentCopies; recipient?: undefined }) & {
    letterDate: string;
    previous?: SentBefore | null;
    onClose: () => void;
    onDone: (marked: number) => void;
  },
) {
  const before = props.previous ?? null;
  const [on, setOn] = useState(before?.on ?? props.letterDate);
  const [method, setMethod] = useState<Method>(before?.method ?? "mail");
  const [confirmation, setConfirmation] = useState(before?.confirmation ?? "");
  // When the copy went, as it is recorded: noon UTC on the day given.
  const at = (day: string) => `${day}T12:00:00Z`;
  // Until edited, the follow-up is the earlier copy's, or Rust's default
  // for the day the copy went (and that default is what is recorded).
  const [followUpEdited, setFollowUp] = useState<string | null>(before?.follow_up_on ?? null);
  const byDefault = useQuery({
    queryKey: keys.followUpDefaultAt(at(on)),
    queryFn: () => ipc.followUpDefault(at(on)),
    enabled: !!on && followUpEdited === null,
  });
  const followUp = followUpEdited ?? byDefault.data ?? "";
  // Something typed as the follow-up that is not a date must not be taken for "none".
  const [followUpTyped, setFollowUpTyped] = useState(false);
  const send = useMutation({
    // The dates asked with, so a refusal of one shows until it is changed.
    mutationFn: ({ on, followUp, edited }: { on: string; followUp: string; edited: string | null }) => {
      if (!on) return Promise.reject(refuse("sent_on", NO_DATE));
      if (!followUp && followUpTyped) {
        return Promise.reject(refuse("follow_up_on", "Enter the day to follow up, or leave it empty."));
      }
      const report: SendReport = {
        method,
        at: at(on),
        confirmation: confirmation.trim() || null,
        follow_up: edited === null ? { kind: "default" } : edited ? { kind: "on", on: edited } : { kind: "none" },
      };
      if (props.all) return ipc.markAllSent(props.all.letterId, report);
      return ipc.markSent(props.recipient.id, report).then(() => 1);
    },
    onSuccess: (marked) => props.onDone(marked),
  });
  const onError = send.variables?.on === on ? fieldError(send.error, "sent_on") : null;
  const followUpError = send.variables?.followUp === followUp ? fieldError(send.error, "follow_up_on") : null;
  return (
    <Dialog
      title={
        props.all
          ? `Mark all ${props.all.count} copies sent`
          : `Mark sent: ${props.recipient.name ?? props.recipient.office ?? ""}`
      }
      onClose={props.onClose}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate({ on, followUp, edited: followUpEdited });
        }}
      >
        {props.all && (
          <p className="muted">Every copy not sent yet is marked sent on this day, this way, with one follow-up date.</p>
        )}
        <DateField label="Sent on" name="sent_on" value={on} error={onError} onChange={(d) => setOn(d)} />
        <label>
          How
          <select value={method} onChange={(e) => setMethod(e.target.value as Method)}>
            {METHODS.map(([m, label]) => (
              <option key={m} value={m}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Confirmation (tracking number, receipt)
          <input value={confirmation} onChange={(e) => setConfirmation(e.target.value)} />
        </label>
        <DateField
          label="Follow up on"
          name="follow_up_on"
          value={followUp}
          placeholder="No follow-up"
          error={followUpError}
          onChange={(d, typed) => {
            setFollowUp(d);
            setFollowUpTyped(typed === "partial" || typed === "wrong");
          }}
        />
        {send.isError && !onError && !followUpError && <ErrorNote error={send.error} prefix="Not recorded" />}
        <div className="actions">
          <button type="submit" className="primary" disabled={send.isPending}>
            {send.isPending ? "Archiving…" : "Mark sent"}
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ReplyDialog(props: { recipient: Who; onClose: () => void; onDone: () => void }) {
  const today = useClock()?.today;
  // Until edited, the reply came today (the organization's today).
  const [onEdited, setOn] = useState<string | null>(null);
  const on = onEdited ?? today ?? "";
  const [notes, setNotes] = useState("");
  // The reply itself, a PDF kept with the copy (optional).
  const [file, setFile] = useState<string | null>(null);
  const reply = useMutation({
    mutationFn: (on: string) =>
      on ? ipc.recordReply(props.recipient.id, on, notes, file) : Promise.reject(refuse("on", NO_DATE)),
    onSuccess: props.onDone,
  });
  // A refusal of the date shows until it is changed.
  const onError = reply.variables === on ? fieldError(reply.error, "on") : null;
  const fileError = fieldError(reply.error, "file");
  return (
    <Dialog title={`Record reply: ${props.recipient.name ?? props.recipient.office ?? ""}`} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          reply.mutate(on);
        }}
      >
        <DateField label="Reply received on" name="reply_on" value={on} error={onError} onChange={(d) => setOn(d)} />
        <label>
          Notes
          <textarea rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <div className="file-pick">
          Reply PDF (optional): <span>{file ? file.split(/[\\/]/).pop() : "none chosen"}</span>{" "}
          <button
            type="button"
            className="small"
            onClick={() => void ipc.choosePdf().then((p) => p && setFile(p))}
          >
            {file ? "Choose another PDF…" : "Choose PDF…"}
          </button>
          {file && (
            <button type="button" className="small" onClick={() => setFile(null)}>
              No PDF
            </button>
          )}
          {fileError && <p className="error field-error">{fileError}</p>}
        </div>
        {reply.isError && !onError && !fileError && <ErrorNote error={reply.error} prefix="Not recorded" />}
        <div className="actions">
          <button type="submit" className="primary" disabled={reply.isPending}>
            Record reply
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A copy's reply: its date (notes on hover), or, once sent, the button to record one. */
export function ReplyCell(props: {
  replyOn: string | null;
  replyNotes: string | null;
  sent: boolean;
  onRecord: () => void;
}) {
  if (props.replyOn) {
    return (
      <span className="nowrap" title={props.replyNotes ?? ""}>
        {longDate(props.replyOn)}
      </span>
    );
  }
  if (!props.sent) return <>—</>;
  return (
    <button type="button" className="small" onClick={props.onRecord}>
      Record reply…
    </button>
  );
}
