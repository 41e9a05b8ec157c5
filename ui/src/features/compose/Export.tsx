// Exporting a letter to PDF or as a Word document (.docx, to mark up in
// Word): the Export buttons, the choice between one file per copy and one
// combined file, the progress bar with Cancel, and how the export ended. The letter is saved first when it has unsaved changes; when
// saving would withdraw its approval, the export asks first.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { ExportFormat, ExportProgress, NewLetter } from "../../ipc";
import { Dialog } from "../../components/Dialog";
import { ErrorNote } from "../../components/common";

interface Options {
  form: NewLetter;
  /** Save the letter if it needs it; resolves to its id. */
  ensureSaved: () => Promise<number>;
  /**
   * The saved letter's id when saving the form's changes would withdraw its
   * approval (an approved or signed letter with unsaved changes): the export
   * then asks whether to save them or to export the letter as approved.
   */
  approvedId?: number | null;
  /** The files were written (the first is the one to offer to open). */
  onWritten: (files: string[]) => void;
}

/** The export's state, shared by its parts below. */
export function useExport({ form, ensureSaved, approvedId = null, onWritten }: Options) {
  const [choosing, setChoosing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Export the letter as approved, leaving the form's changes unsaved.
  const [keepApproved, setKeepApproved] = useState(false);
  // A copy to sign by hand: the signature space left blank.
  const [blank, setBlank] = useState(false);
  const [format, setFormat] = useState<ExportFormat>("pdf");
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const copies = form.mode === "per_recipient" ? form.recipients.filter((r) => r.role === "to").length : 1;
  const run = useMutation({
    mutationFn: async ({
      combined,
      keep,
      blank,
      format,
    }: {
      combined: boolean;
      keep: boolean;
      blank: boolean;
      format: ExportFormat;
    }) => {
      const id = keep && approvedId !== null ? approvedId : await ensureSaved();
      const name = `${form.subject.trim() || "Letter"} ${form.date}${blank ? " (to sign)" : ""}.${format}`.replace(/[/\\:]/g, "-");
      const kind = format === "docx" ? { name: "Word document", extensions: ["docx"] } : { name: "PDF", extensions: ["pdf"] };
      const path = await ipc.chooseSavePath(name, kind);
      if (!path) return null;
      setProgress({ done: 0, total: copies });
      try {
        return await ipc.letterExport(id, path, combined, setProgress, blank, format);
      } finally {
        setProgress(null);
      }
    },
    onSuccess: (written) => {
      if (written) onWritten(written);
    },
  });
  /** Export: changes that would withdraw an approval ask first; several copies ask how. */
  const proceed = (keep: boolean, blankCopy: boolean, as: ExportFormat) => {
    setKeepApproved(keep);
    setBlank(blankCopy);
    if (copies > 1) setChoosing(true);
    else run.mutate({ combined: false, keep, blank: blankCopy, format: as });
  };
  /** Export as PDF (the default) or as a Word document. */
  const start = (as: ExportFormat = "pdf") => {
    setFormat(as);
    if (approvedId !== null) setConfirming(true);
    else proceed(false, false, as);
  };
  /** Export a signed letter with the signature space blank, to sign by hand. */
  const startBlank = () => {
    setFormat("pdf");
    proceed(false, true, "pdf");
  };
  /** The answer to "save the changes first?": true saves them (withdrawing the approval). */
  const confirm = (save: boolean) => {
    setConfirming(false);
    proceed(!save, false, format);
  };
  return {
    copies,
    start,
    startBlank,
    blank,
    format,
    run,
    progress,
    choosing,
    setChoosing,
    confirming,
    setConfirming,
    confirm,
    keepApproved,
  };
}

export type Exporter = ReturnType<typeof useExport>;

export function ExportButton({ exporter, disabled }: { exporter: Exporter; disabled: boolean }) {
  const busy = exporter.run.isPending && exporter.format === "pdf";
  return (
    <button type="button" onClick={() => exporter.start("pdf")} disabled={exporter.run.isPending || disabled}>
      {busy ? "Exporting…" : "Export PDF…"}
    </button>
  );
}

/**
 * Export as a Word document (.docx): the same letter in editable paragraphs
 * and named styles, for colleagues who mark drafts up in Word.
 */
export function ExportWordButton({ exporter, disabled }: { exporter: Exporter; disabled: boolean }) {
  const busy = exporter.run.isPending && exporter.format === "docx";
  return (
    <button
      type="button"
      onClick={() => exporter.start("docx")}
      disabled={exporter.run.isPending || disabled}
      title="The letter as a Word document (.docx), to edit and mark up in Word"
    >
      {busy ? "Exporting…" : "Word document…"}
    </button>
  );
}

/** A signed letter drawn with its signature: export a copy with the space blank, to sign by hand. */
export function ExportBlankButton({ exporter }: { exporter: Exporter }) {
  return (
    <button
      type="button"
      onClick={exporter.startBlank}
      disabled={exporter.run.isPending}
      title="The same letter with the space above the signer's name left blank"
    >
      Export to sign by hand…
    </button>
  );
}

export function ExportProgressBar({ exporter: { progress } }: { exporter: Exporter }) {
  if (!progress) return null;
  return (
    <div className="export-progress">
      <progress aria-label="Exporting" value={progress.done} max={progress.total} />
      <span>
        {progress.done} of {progress.total} copies
      </span>
      <button type="button" className="small" onClick={() => void ipc.exportCancel()}>
        Cancel
      </button>
    </div>
  );
}

/** Why the export failed, or that it was cancelled. */
export function ExportOutcome({ exporter: { run } }: { exporter: Exporter }) {
  if (!run.isError) return null;
  return ipc.isIpcError(run.error) && run.error.code === "cancelled" ? (
    <p className="muted" role="status">Export cancelled; no file was written.</p>
  ) : (
    <ErrorNote error={run.error} prefix="Export failed" />
  );
}

/** One PDF per recipient or one combined PDF, asked when there are several copies. */
export function ExportChoice({ exporter }: { exporter: Exporter }) {
  if (exporter.confirming) return <WithdrawDialog exporter={exporter} />;
  return exporter.choosing ? <ChoiceDialog exporter={exporter} /> : null;
}

/** An approved letter with unsaved changes: export it as approved, or save the changes (back to draft). */
function WithdrawDialog({ exporter }: { exporter: Exporter }) {
  const close = () => exporter.setConfirming(false);
  return (
    <Dialog title="Export the approved letter?" onClose={close}>
      <p>
        This letter has changes that are not saved. Saving them withdraws its approval: it goes back to
        draft, and the {exporter.format === "docx" ? "Word document" : "PDF"} is marked as a draft.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => exporter.confirm(false)}>
          Export it as approved
        </button>
        <button type="button" onClick={() => exporter.confirm(true)}>
          Save changes and export the draft
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

function ChoiceDialog({ exporter }: { exporter: Exporter }) {
  const [combined, setCombined] = useState(false);
  const close = () => exporter.setChoosing(false);
  const word = exporter.format === "docx";
  return (
    <Dialog title={`Export ${exporter.copies} copies`} onClose={close}>
      <div className="radios vertical" role="radiogroup" aria-label="Files">
        <label>
          <input type="radio" name="files" checked={!combined} onChange={() => setCombined(false)} />
          {word ? "One Word document per recipient" : "One PDF per recipient"}
        </label>
        <label>
          <input type="radio" name="files" checked={combined} onChange={() => setCombined(true)} />
          {word ? "One Word document, a page break between the copies" : "One combined PDF"}
        </label>
      </div>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => {
            close();
            exporter.run.mutate({ combined, keep: exporter.keepApproved, blank: exporter.blank, format: exporter.format });
          }}
        >
          Export…
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
