// Deleting a draft: asked first, in a dialog naming the letter
// (DeleteDraftDialog); then said with an undo for a while (DeletedToast:
// "Draft deleted: Letter 12, …" with Undo, or Ctrl+Z). What may be deleted, and by whom, is
// Rust's (and on a team record the server's) to say: a refusal is shown.
import { useEffect, useRef } from "react";
import { useMutation } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import { Dialog } from "../../components/Dialog";
import { ErrorNote, readable } from "../../components/common";
import { Toast } from "../../components/Toast";

/** The draft deleted (or to delete), as the dialog and the toast name it. */
export interface DraftRef {
  id: number;
  subject: string;
}

/** How long the undo is offered after a draft is deleted. */
export const UNDO_MS = 20_000;

/** "Letter 12, “Dairy quotas”" (the number alone for a draft with no subject yet). */
export function letterName(d: DraftRef): string {
  const subject = d.subject.trim();
  return subject ? `Letter ${d.id}, “${subject}”` : `Letter ${d.id}`;
}

/** Asks before a draft is deleted; deletes it on "Delete draft". */
export function DeleteDraftDialog({
  draft,
  onClose,
  onDeleted,
}: {
  draft: DraftRef;
  onClose: () => void;
  onDeleted: (draft: DraftRef) => void;
}) {
  const remove = useMutation({
    mutationFn: () => ipc.letterDelete(draft.id),
    onSuccess: () => onDeleted(draft),
  });
  return (
    <Dialog title="Delete this draft?" onClose={onClose}>
      <p>
        {letterName(draft)} leaves the Letters list, the search and the sent log. It is kept, and Letters,
        Deleted letters brings it back as it is.
      </p>
      {remove.isError && <ErrorNote error={remove.error} prefix="Not deleted" />}
      <div className="actions">
        {/* The safe choice first: the dialog's focus lands on it. */}
        <button type="button" onClick={onClose}>
          Keep the draft
        </button>
        <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
          Delete draft
        </button>
      </div>
    </Dialog>
  );
}

/** Whether a key press is typing in a field (whose own Ctrl+Z it is). */
function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/**
 * "Draft deleted: Letter 12, “…”" with Undo for UNDO_MS after a draft was deleted (`draft`;
 * null: nothing to say). Undo, or Ctrl+Z outside a text field, restores it;
 * `onRestored` then says where to go. `onDone` when the offer ends.
 */
export function DeletedToast({
  draft,
  onDone,
  onRestored,
}: {
  draft: DraftRef | null;
  onDone: () => void;
  onRestored: (draft: DraftRef) => void;
}) {
  const undo = useMutation({
    mutationFn: (d: DraftRef) => ipc.letterRestore(d.id),
    onSuccess: (_, d) => {
      onDone();
      onRestored(d);
    },
  });
  const { reset } = undo;
  const latest = useRef({ undo, onDone });
  useEffect(() => {
    latest.current = { undo, onDone };
  });
  // A new deletion starts the offer again, and forgets an old refusal.
  useEffect(() => {
    if (!draft) return;
    reset();
    const t = setTimeout(() => latest.current.onDone(), UNDO_MS);
    return () => clearTimeout(t);
  }, [draft, reset]);
  useEffect(() => {
    if (!draft) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== "z") return;
      if (inField(e.target)) return;
      e.preventDefault();
      if (!latest.current.undo.isPending) latest.current.undo.mutate(draft);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [draft]);
  const text = !draft
    ? null
    : undo.isError
      ? `Not restored: ${readable(ipc.errorText(undo.error))}`
      : `Draft deleted: ${letterName(draft)}`;
  return (
    <Toast text={text} tone={undo.isError ? "warning" : "done"} onDismiss={onDone}>
      {draft && !undo.isError && (
        <button type="button" className="link" title="Ctrl+Z" disabled={undo.isPending} onClick={() => undo.mutate(draft)}>
          Undo
        </button>
      )}
    </Toast>
  );
}
