// Exporting a letter to PDF: the Export button, the choice between one file
// per copy and one combined file, the progress bar with Cancel, and how the
// export ended. The letter is saved first when it has unsaved changes.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import * as ipc from "../../ipc";
import type { ExportProgress, NewLetter } from "../../ipc";
import { Dialog } from "../../components/Dialog";
import { ErrorNote } from "../../components/common";

interface Options {
  form: NewLetter;
  /** Save the letter if it needs it; resolves to its id. */
  ensureSaved: () => Promise<number>;
  /** The files were written (the first is the one to offer to open). */
  onWritten: (files: string[]) => void;
}

/** The export's state, shared by its parts below. */
export function useExport({ form, ensureSaved, onWritten }: Options) {
  const [choosing, setChoosing] = useState(false);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const copies = form.mode === "per_recipient" ? form.recipients.filter((r) => r.role === "to").length : 1;
  const run = useMutation({
    mutationFn: async (combined: boolean) => {
      const id = await ensureSaved();
      const name = `${form.subject.trim() || "Letter"} ${form.date}.pdf`.replace(/[/\\:]/g, "-");
      const path = await ipc.chooseSavePath(name, { name: "PDF", extensions: ["pdf"] });
      if (!path) return null;
      setProgress({ done: 0, total: copies });
      try {
        return await ipc.letterExport(id, path, combined, setProgress);
      } finally {
        setProgress(null);
      }
    },
    onSuccess: (written) => {
      if (written) onWritten(written);
    },
  });
  /** Export: a letter with several copies asks how first. */
  const start = () => {
    if (copies > 1) setChoosing(true);
    else run.mutate(false);
  };
  return { copies, start, run, progress, choosing, setChoosing };
}

export type Exporter = ReturnType<typeof useExport>;

export function ExportButton({ exporter, disabled }: { exporter: Exporter; disabled: boolean }) {
  return (
    <button type="button" onClick={exporter.start} disabled={exporter.run.isPending || disabled}>
      {exporter.run.isPending ? "Exporting…" : "Export PDF…"}
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
  return exporter.choosing ? <ChoiceDialog exporter={exporter} /> : null;
}

function ChoiceDialog({ exporter }: { exporter: Exporter }) {
  const [combined, setCombined] = useState(false);
  const close = () => exporter.setChoosing(false);
  return (
    <Dialog title={`Export ${exporter.copies} copies`} onClose={close}>
      <div className="radios vertical" role="radiogroup" aria-label="Files">
        <label>
          <input type="radio" name="files" checked={!combined} onChange={() => setCombined(false)} />
          One PDF per recipient
        </label>
        <label>
          <input type="radio" name="files" checked={combined} onChange={() => setCombined(true)} />
          One combined PDF
        </label>
      </div>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => {
            close();
            exporter.run.mutate(combined);
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
