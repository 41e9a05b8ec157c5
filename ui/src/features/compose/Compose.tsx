// The letter editor. Compose loads what a letter needs (the catalog, and the
// letter or a new letter's defaults from Rust); ComposeForm holds the letter
// being edited, saves it (on request, and automatically for drafts), moves it
// through approval and signing, and lays out its parts: the fields
// (LetterFields), recipients (Recipients), export (Export), the copies' record
// (Copies) and the live preview (ComposePreview).
import { NOT_A_DATE, isWholeDate } from "./LetterFields";
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { Catalog, LetterDetail, NewLetter, Status } from "../../ipc";
import { useSettled } from "../../components/useSettled";
import { ErrorNote, StatusChip, dayIn, longDate, readable, useClock, useMay } from "../../components/common";
import { Toast, type Tone } from "../../components/Toast";
import { catalogQuery, clockQuery, keys } from "../../queries";
import { HeaderFields, TextFields } from "./LetterFields";
import { Recipients } from "./Recipients";
import { ComposePreview, useDraftPreview } from "./ComposePreview";
import { SignDigitallyDialog } from "./SignDigitally";
import { PaperDialog } from "./Paper";
import { PrintDialog } from "./Print";
import {
  ExportBlankButton,
  ExportButton,
  ExportChoice,
  ExportOutcome,
  ExportProgressBar,
  ExportWordButton,
  useExport,
} from "./Export";
import { Copies } from "./Copies";
import { LetterSteps } from "./LetterSteps";
import { useTeamConnection } from "../../recordEvents";
import { DeleteDraftDialog, type DraftRef } from "../letters/DeleteDraft";

export interface ComposeHandle {
  /** Unsaved changes that autosave has not written yet. */
  dirty: () => boolean;
  exportPdf: () => void;
}

interface Props {
  letterId: number | null;
  /** A new letter copied from this one ("Copy as new letter"). */
  copyOf?: number | null;
  onSaved: (id: number) => void;
  /** Start a new letter copied from `id`. */
  onCopy?: (id: number) => void;
  /** The draft was deleted (after its dialog): the screen goes, and its undo is offered. */
  onDeleted?: (draft: DraftRef) => void;
  /** A deleted draft was restored here: an undo still offered for it is over. */
  onRestored?: (id: number) => void;
  handle?: Ref<ComposeHandle>;
}

export function Compose(props: Props) {
  // The form is made once, from the letter as opened; saving a new letter
  // gives it an id without starting the form again.
  const [openedId] = useState(props.letterId);
  const catalog = useQuery(catalogQuery);
  const detail = useQuery({
    queryKey: keys.letterById(props.letterId),
    queryFn: () => ipc.letterOpen(props.letterId as number),
    enabled: props.letterId !== null,
  });
  // A new letter starts from Rust's defaults (today's date, the default
  // template and signer), asked afresh each time so the date is today's.
  // Like the letter opened, the copy's source is the form's start for good:
  // saving the copy gives it an id, and the form must not start again.
  const [copyOf] = useState(props.copyOf ?? null);
  const blank = useQuery({
    queryKey: keys.letterBlank,
    queryFn: ipc.letterBlank,
    enabled: openedId === null && copyOf === null,
  });
  // A copy is dated today, its recipients and position resolved for today.
  const clock = useQuery({ ...clockQuery, enabled: openedId === null && copyOf !== null });
  const copy = useQuery({
    queryKey: [...keys.letterCopy, copyOf, clock.data?.today],
    queryFn: () => ipc.letterCopy(copyOf as number, clock.data?.today ?? ""),
    enabled: openedId === null && copyOf !== null && clock.data !== undefined,
    staleTime: Infinity,
  });
  if (catalog.isError) return <ErrorNote error={catalog.error} prefix="Amicus could not load its templates" />;
  if (detail.isError) return <ErrorNote error={detail.error} prefix="The letter could not be opened" />;
  if (blank.isError && !blank.data) return <ErrorNote error={blank.error} prefix="A new letter could not be started" />;
  if (copy.isError) return <ErrorNote error={copy.error} prefix="The letter could not be copied" />;
  const start =
    openedId !== null
      ? detail.data?.draft
      : copyOf !== null
        ? copy.data
        : blank.isFetchedAfterMount
          ? blank.data
          : undefined;
  if (!catalog.data || !start) {
    return <p className="empty">Opening…</p>;
  }
  return <ComposeForm catalog={catalog.data} detail={detail.data ?? null} start={start} {...props} />;
}

/**
 * Which field of the form a refusal is about ("position.issue" → "issue",
 * "recipients[0].name" → "recipients"), or null for none of them.
 */
export function fieldOfForm(field: string): string | null {
  if (field === "position.issue") return "issue";
  const head = field.split(/[.[]/)[0] ?? "";
  const known: Record<string, string> = {
    template: "template",
    date: "date",
    issue: "issue",
    position: "position",
    position_id: "position",
    subject: "subject",
    body: "body",
    recipients: "recipients",
    cc: "cc",
    signer: "signer",
    signer_id: "signer",
  };
  return known[head] ?? null;
}

/** The letter's part each field of the form edits. */
const FORM_KEY: Record<string, keyof NewLetter> = {
  template: "template",
  date: "date",
  issue: "position_id",
  position: "position_id",
  subject: "subject",
  body: "body",
  recipients: "recipients",
  cc: "extra",
  signer: "signer_id",
};

/** Whether a save's refusal still applies: the field it is about holds what was sent. */
function stillApplies(error: unknown, sent: NewLetter | undefined, now: NewLetter): boolean {
  if (!ipc.isIpcError(error) || !error.field || !sent) return true;
  const at = fieldOfForm(error.field);
  const key = at ? FORM_KEY[at] : undefined;
  return !key || JSON.stringify(sent[key]) === JSON.stringify(now[key]);
}

/** A save the team record's server could not take: the form keeps it, and saves it once the server is back. */
const KEPT_UNTIL_BACK =
  "Not saved: the team record's server cannot be reached. Your changes are kept here and saved when it is back.";

/** The main button: what saving does to a letter in each state (Rust decides; this says it). */
const SAVE_LABEL: Record<Status, string> = {
  draft: "Save draft",
  approved: "Save changes (withdraws approval)",
  signed: "Save changes (withdraws approval and signature)",
  sent: "Save as a new revision",
};

/** Why Mark signed and Sign digitally… are unavailable to a login without the signer's role. */
const ONLY_SIGNERS = "Only a signer may sign letters on the team record";

/** Approve refused by the form (the letter is unfinished), said below the buttons and brought into view. */
function NotApprovedYet({ tries }: { tries: number }) {
  const note = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    note.current?.scrollIntoView({ block: "nearest" });
  }, [tries]);
  return (
    <p ref={note} className="warning" role="alert">
      Not approved yet: fill in what is marked above first.
    </p>
  );
}

interface FormProps extends Props {
  catalog: Catalog;
  detail: LetterDetail | null;
  /** The letter as the form starts: as opened, or a new letter's defaults. */
  start: NewLetter;
}

function ComposeForm({ catalog, detail, start, letterId, onSaved, onCopy, onDeleted, onRestored, handle }: FormProps) {
  const [form, setForm] = useState<NewLetter>(start);
  const [savedForm, setSavedForm] = useState<NewLetter | null>(detail?.draft ?? null);
  const [issueId, setIssueId] = useState<number | null>(() => {
    const p = start.position_id;
    return catalog.issues.find((i) => i.positions.some((v) => v.position.id === p))?.issue.id ?? null;
  });
  const [notice, setNotice] = useState<{ text: string; tone?: Tone; path?: string; undo?: boolean } | null>(null);
  // A notice goes away by itself after a while; a new one starts the wait again.
  useEffect(() => {
    if (!notice) return;
    // An undo stays offered longer: it takes a moment to decide.
    const t = setTimeout(() => setNotice(null), notice.undo ? 20_000 : 10_000);
    return () => clearTimeout(t);
  }, [notice]);
  const status = detail?.summary.status ?? "draft";
  // A deleted draft (opened from Deleted letters, or deleted in another
  // window): shown as it is, not saved, until restored.
  const deletedAt = detail?.summary.deleted_at ?? null;
  const timeZone = useClock()?.time_zone;
  const [deleting, setDeleting] = useState(false);
  const restore = useMutation({
    mutationFn: (id: number) => ipc.letterRestore(id),
    onSuccess: (_, id) => {
      setNotice({ text: "Draft restored." });
      onRestored?.(id);
    },
  });
  const dirty = JSON.stringify(form) !== JSON.stringify(savedForm);
  // Work that leaving would lose: a new letter only once something was
  // entered (a copy not yet saved counts: it was asked for).
  const unsaved =
    savedForm === null ? start.extra.copied_from != null || JSON.stringify(form) !== JSON.stringify(start) : dirty;
  // What the template still needs is said at its field only once the form
  // has been touched or approval tried: never before anything is typed.
  const [touched, setTouched] = useState(false);
  // How many times Approve was tried (each try brings its answer into view).
  const [triedApprove, setTriedApprove] = useState(0);
  // Undo and redo over the whole form (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y
  // outside a text field, where the field's own undo works; the Undo of a
  // removal's toast): each change is a step, a run of typing in one field
  // within a second one step.
  const history = useRef<{ past: NewLetter[]; future: NewLetter[]; last: string; at: number }>({
    past: [],
    future: [],
    last: "",
    at: 0,
  });
  const set = (patch: Partial<NewLetter>) => {
    setTouched(true);
    const h = history.current;
    const fields = Object.keys(patch).sort().join(",");
    const now = Date.now();
    const typing = fields === h.last && now - h.at < 1000 && ["subject", "body", "date"].includes(fields);
    if (!typing) {
      h.past = [...h.past.slice(-99), form];
      h.future = [];
    }
    h.last = fields;
    h.at = now;
    setForm((f) => ({ ...f, ...patch }));
  };
  const undo = () => {
    const h = history.current;
    const before = h.past.pop();
    if (!before) return false;
    h.future.push(form);
    h.last = "";
    setForm(before);
    return true;
  };
  const redo = () => {
    const h = history.current;
    const after = h.future.pop();
    if (!after) return false;
    h.past.push(form);
    h.last = "";
    setForm(after);
    return true;
  };
  const undoNow = useRef(undo);
  const redoNow = useRef(redo);
  useEffect(() => {
    undoNow.current = undo;
    redoNow.current = redo;
  });

  const draftPreview = useDraftPreview(
    form,
    letterId !== null && !dirty && status !== "draft" ? { id: letterId, status } : null,
  );
  const { preview } = draftPreview;
  // While the preview answers with an error, the last answer's list is stale: none.
  const stillNeeded = draftPreview.canPreview && !preview.isError ? (preview.data?.missing ?? []) : [];
  const missing = touched || triedApprove > 0 ? stillNeeded : [];
  // What resolution warns about is said under the recipients.
  const recipientWarnings = preview.data?.warnings ?? [];

  const save = useMutation({
    mutationFn: (f: NewLetter) => {
      // Never send what is not a date (the shell could not read it); say so at the field.
      if (!isWholeDate(f.date)) return Promise.reject({ code: "invalid_data", field: "date", message: NOT_A_DATE });
      return ipc.letterSave(letterId, f);
    },
    onSuccess: (drafted, f) => {
      setSavedForm(f);
      if (drafted.letter_id !== letterId) onSaved(drafted.letter_id);
      // A warning already under the recipients is not said again; any other is a warning, not success.
      const fresh = drafted.warnings.filter((w) => !recipientWarnings.includes(w));
      setNotice(
        fresh.length
          ? { text: ["Saved.", ...fresh.map((w) => `${readable(w)}${/[.!?]$/.test(w) ? "" : "."}`)].join(" "), tone: "warning" }
          : { text: status === "draft" ? "Draft saved." : "Saved." },
      );
    },
  });

  // Drafts that exist are saved automatically once typing stops.
  const autosaveForm = useSettled(form, 1500);
  useEffect(() => {
    // A date still being typed (or not on the calendar) waits: the date field says why.
    if (letterId !== null && status === "draft" && !deletedAt && !save.isPending && isWholeDate(autosaveForm.date) &&
        JSON.stringify(autosaveForm) !== JSON.stringify(savedForm)) {
      save.mutate(autosaveForm);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autosaveForm]);

  // On a team record the server decides who approves and signs; the
  // buttons say so before a click is refused. Everyone may on a file.
  const may = useMay();
  const step = useMutation({
    mutationFn: async (action: "approve" | "sign") => {
      if (letterId === null) throw new Error("Save the letter first.");
      if (action === "approve") await ipc.letterApprove(letterId);
      else await ipc.letterSign(letterId);
      return action;
    },
    onSuccess: (action) => setNotice({ text: action === "approve" ? "Letter approved." : "Letter signed." }),
  });

  const [signing, setSigning] = useState(false);
  const [onPaper, setOnPaper] = useState(false);
  const [printing, setPrinting] = useState(false);
  // A sent letter is read-only until someone chooses to revise it.
  const [revising, setRevising] = useState(false);
  const locked = status === "sent" && !revising;

  const exporter = useExport({
    form,
    approvedId: dirty && letterId !== null && (status === "approved" || status === "signed") ? letterId : null,
    ensureSaved: async () => {
      if (letterId !== null && !dirty) return letterId;
      const drafted = await ipc.letterSave(letterId, form);
      setSavedForm(form);
      if (drafted.letter_id !== letterId) onSaved(drafted.letter_id);
      return drafted.letter_id;
    },
    onWritten: (written) => {
      const files = written.length === 1 ? written[0] : `${written.length} files, ${written[0]} …`;
      setNotice({ text: `Saved to ${files}`, path: written[0] });
    },
  });

  useImperativeHandle(handle, () => ({
    dirty: () => unsaved,
    exportPdf: () => exporter.start("pdf"),
  }));

  // Ctrl+S saves wherever the focus is on this screen, dialogs included
  // (they are drawn at the end of the page, outside the form).
  const saveNow = useRef(() => save.mutate(form));
  // Ctrl+P prints a saved letter (a changed one is saved first by Ctrl+S).
  const printNow = useRef<() => void>(() => undefined);
  useEffect(() => {
    saveNow.current = () => {
      if (!deletedAt) save.mutate(form);
    };
    printNow.current = () => {
      if (letterId !== null && !dirty && !deletedAt && form.recipients.length > 0) setPrinting(true);
    };
  });
  // A save the server could not take (the team record's server is out of
  // reach) is made again, once, as soon as the server is back: with the
  // form as it is then. Until a save succeeds the letter is not saved.
  const waitingForServer = save.isError && ipc.isIpcError(save.error) && save.error.code === "unavailable";
  const saveWhenBack = useRef(false);
  useEffect(() => {
    saveWhenBack.current = waitingForServer;
  });
  useTeamConnection((connection) => {
    if (connection.state === "back" && saveWhenBack.current) {
      saveWhenBack.current = false;
      saveNow.current();
    }
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        saveNow.current();
      }
      // Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) step through the form's changes,
      // except in a text field, where the field undoes its own typing.
      const inText =
        e.target instanceof HTMLTextAreaElement ||
        (e.target instanceof HTMLInputElement && !["checkbox", "radio", "button"].includes(e.target.type));
      const key = e.key.toLowerCase();
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !inText && (key === "z" || key === "y")) {
        const again = key === "y" || e.shiftKey;
        if (again ? redoNow.current() : undoNow.current()) e.preventDefault();
      }
      // Ctrl+P prints the letter as saved (WebKit's own print would print the window).
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "p") {
        e.preventDefault();
        printNow.current();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  // A refusal of a field applies to what was sent: once that field is
  // edited (a valid date typed, a recipient added), it no longer shows.
  const saveError = stillApplies(save.error, save.variables, form) ? save.error : null;
  const formError = saveError ?? (preview.isError ? preview.error : null);
  const errorFor = (field: string) =>
    ipc.isIpcError(formError) && formError.field && fieldOfForm(formError.field) === field
      ? readable(ipc.errorText(formError))
      : null;
  // A refusal about no field of the form is said under the buttons.
  const saveErrorAtField = ipc.isIpcError(save.error) && !!save.error.field && fieldOfForm(save.error.field) !== null;

  return (
    <section className="compose" aria-labelledby="compose-title">
      <div className="compose-form">
        <header className="screen-head">
          <h1 id="compose-title">{letterId === null ? "New letter" : `Letter ${letterId}`}</h1>
          <StatusChip
            status={status}
            copies={detail ? { total: detail.summary.copies, sent: detail.summary.copies_sent } : undefined}
          />
          {dirty && letterId !== null && status === "draft" && !deletedAt && !waitingForServer && (
            <span className="muted">Saving soon…</span>
          )}
        </header>
        {detail && <LetterSteps steps={detail.steps} />}
        {start.extra.copied_from != null && letterId !== null && (
          <p className="muted">Copied from letter {start.extra.copied_from}.</p>
        )}
        {start.extra.copied_from != null && letterId === null && (
          <p className="info">
            A copy of letter {start.extra.copied_from}: its recipients are the same offices, addressed
            to whoever holds them on this letter's date, and it quotes the position in force on that
            date. Check the date, the text and the recipients, then save it as a new draft.
          </p>
        )}
        {deletedAt && letterId !== null && (
          <div className="warning" role="note" data-testid="deleted-note">
            <p>
              This draft was deleted on {longDate(dayIn(deletedAt, timeZone))}
              {detail?.summary.deleted_by ? ` by ${detail.summary.deleted_by}` : ""}. It is kept, out of the
              letters list, the search and the sent log; restore it to work on it again.
            </p>
            <button type="button" className="primary" disabled={restore.isPending} onClick={() => restore.mutate(letterId)}>
              Restore draft
            </button>
            {restore.isError && <ErrorNote error={restore.error} prefix="Not restored" />}
          </div>
        )}
        {status === "sent" && (
          <p className="info">
            {revising
              ? "Your changes make a new draft that revises this letter; the letter as sent stays as it was."
              : "This letter has been sent and stays as it was. To change it, start a revision: a new draft from it."}{" "}
            {!revising && (
              <button type="button" className="small" onClick={() => setRevising(true)}>
                Revise this letter…
              </button>
            )}
          </p>
        )}
        {(status === "approved" || status === "signed") && (
          <p className="info">
            This letter is {status}. Saving changes withdraws {status === "signed" ? "its approval and signature" : "its approval"}:
            it goes back to draft and must be approved{status === "signed" ? " and signed" : ""} again.
          </p>
        )}
        {/* A sent letter is shown as sent: nothing to change until a revision is started. */}
        <fieldset className="plain" disabled={locked}>
        <HeaderFields
          catalog={catalog}
          form={form}
          set={set}
          issueId={issueId}
          setIssueId={setIssueId}
          errorFor={errorFor}
          missing={missing}
          draft={status === "draft"}
        />
        <Recipients
          form={form}
          set={set}
          onRemoved={(what) => setNotice({ text: `Removed ${what}.`, undo: true })}
          greetings={preview.data?.greetings ?? []}
          offices={catalog.offices}
          resolved={preview.data?.resolved ?? []}
          warnings={preview.data?.warnings ?? []}
          errorFor={errorFor}
          autoFocus={letterId === null}
          readOnly={locked}
        />
        <TextFields catalog={catalog} form={form} set={set} errorFor={errorFor} missing={missing} />
        </fieldset>

        {!deletedAt && (
        <div className="actions">
          {!locked && (
            <button type="button" className="primary" onClick={() => save.mutate(form)} disabled={save.isPending}>
              {save.isPending ? "Saving…" : SAVE_LABEL[status]}
            </button>
          )}
          <ExportButton exporter={exporter} disabled={form.recipients.length === 0} />
          <ExportWordButton exporter={exporter} disabled={form.recipients.length === 0} />
          {letterId !== null && !dirty && detail?.signature_drawn && <ExportBlankButton exporter={exporter} />}
          {letterId !== null && status === "draft" && !dirty && (
            <button
              type="button"
              data-testid="approve"
              disabled={!may("approver")}
              title={may("approver") ? undefined : "Only an approver may approve letters on the team record"}
              onClick={() => {
                setTriedApprove((n) => n + 1);
                // An unfinished letter is not approved: its fields say what it still needs.
                if (stillNeeded.length === 0) step.mutate("approve");
              }}
            >
              Approve
            </button>
          )}
          {letterId !== null && status === "approved" && (
            <button
              type="button"
              disabled={!may("signer")}
              title={may("signer") ? undefined : ONLY_SIGNERS}
              onClick={() => step.mutate("sign")}
            >
              Mark signed
            </button>
          )}
          {letterId !== null && status === "approved" && !dirty && (
            <button
              type="button"
              disabled={!may("signer")}
              title={may("signer") ? undefined : ONLY_SIGNERS}
              onClick={() => setSigning(true)}
            >
              Sign digitally…
            </button>
          )}
          {letterId !== null && onCopy && (
            <button type="button" onClick={() => onCopy(letterId)}>
              Copy as new letter
            </button>
          )}
          {letterId !== null && !dirty && form.recipients.length > 0 && (
            <button type="button" onClick={() => setPrinting(true)} title="Ctrl+P">
              Print…
            </button>
          )}
          {letterId !== null && !dirty && form.recipients.length > 0 && (
            <button type="button" onClick={() => setOnPaper(true)}>
              Envelopes &amp; labels…
            </button>
          )}
          {letterId !== null && status === "draft" && onDeleted && (
            <button type="button" className="danger-quiet" disabled={save.isPending} onClick={() => setDeleting(true)}>
              Delete draft…
            </button>
          )}
        </div>
        )}
        {deleting && letterId !== null && onDeleted && (
          <DeleteDraftDialog
            draft={{ id: letterId, subject: form.subject }}
            onClose={() => setDeleting(false)}
            onDeleted={(draft) => {
              setDeleting(false);
              onDeleted(draft);
            }}
          />
        )}
        {letterId !== null && !dirty && !deletedAt && ((status === "draft" && !may("approver")) || (status === "approved" && !may("signer"))) && (
          <p className="muted" role="note" data-testid="role-note">
            {status === "draft"
              ? "Only an approver may approve letters on the team record: ask one to approve this draft."
              : `${ONLY_SIGNERS}: ask one to sign it.`}
          </p>
        )}
        <ExportProgressBar exporter={exporter} />
        {printing && letterId !== null && (
          <PrintDialog
            letterId={letterId}
            onClose={() => setPrinting(false)}
            onPrinted={(p) => {
              setPrinting(false);
              setNotice({
                text: `Printed ${p.sheets_of} ${p.sheets_of === 1 ? "copy" : "copies"} on ${p.printer}.`,
              });
            }}
          />
        )}
        {onPaper && letterId !== null && (
          <PaperDialog
            letterId={letterId}
            onClose={() => setOnPaper(false)}
            onWritten={(path, count, kind) => {
              setOnPaper(false);
              setNotice({ text: `Saved ${count} ${kind === "envelopes" ? "envelope" : "label"}${count === 1 ? "" : "s"} to ${path}`, path });
            }}
          />
        )}
        {signing && letterId !== null && (
          <SignDigitallyDialog
            letterId={letterId}
            signerId={form.signer_id}
            onClose={() => setSigning(false)}
            onSigned={({ signer, warnings }) => {
              setSigning(false);
              // A certificate about to expire: said with the news, as a warning.
              setNotice(
                warnings.length > 0
                  ? {
                      text: [
                        `Signed, and digitally signed by ${signer}.`,
                        ...warnings.map((w) => `${readable(w)}${/[.!?]$/.test(w) ? "" : "."}`),
                      ].join(" "),
                      tone: "warning",
                    }
                  : { text: `Signed, and digitally signed by ${signer}.` },
              );
            }}
          />
        )}
        <Toast text={notice?.text ?? null} tone={notice?.tone} onDismiss={() => setNotice(null)}>
          {notice?.undo && (
            <button
              type="button"
              className="link"
              onClick={() => {
                undo();
                setNotice(null);
              }}
            >
              Undo
            </button>
          )}
          {notice?.path && (
            <button
              type="button"
              className="link"
              onClick={() => {
                const path = notice.path as string;
                ipc.openInViewer(path).catch(() =>
                  setNotice({ text: `No program here opens that file; it is saved at ${path}` }),
                );
              }}
            >
              Open
            </button>
          )}
        </Toast>
        {triedApprove > 0 && stillNeeded.length > 0 && status === "draft" && (
          <NotApprovedYet tries={triedApprove} />
        )}
        {waitingForServer ? (
          <p className="warning" role="alert" data-testid="save-kept">
            {KEPT_UNTIL_BACK}
          </p>
        ) : (
          save.isError && !saveErrorAtField && <ErrorNote error={save.error} prefix="Not saved" />
        )}
        {/* The answer to Approve or Mark signed, brought into view: the buttons may be far down the form. */}
        {step.isError && <ErrorNote error={step.error} reveal />}
        <ExportOutcome exporter={exporter} />

        {detail && detail.recipients.length > 0 && (status === "signed" || status === "sent") && (
          <Copies
            detail={detail}
            letterDate={form.date}
            onMarked={(n) => setNotice({ text: `Marked ${n} ${n === 1 ? "copy" : "copies"} sent.` })}
          />
        )}
      </div>
      <ComposePreview {...draftPreview} />
      <ExportChoice exporter={exporter} />
    </section>
  );
}
