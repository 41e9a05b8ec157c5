import { useMutation, useQuery } from "@tanstack/react-query";
import * as ipc from "./ipc";
import { LetterPreview } from "./features/preview/LetterPreview";

function errorText(e: unknown): string {
  if (ipc.isIpcError(e)) return e.message;
  return e instanceof Error ? e.message : String(e);
}

export function App() {
  const preview = useQuery({ queryKey: ["sample-preview"], queryFn: ipc.samplePreview });
  const exporter = useMutation({
    mutationFn: async () => {
      const path = await ipc.chooseExportPath("KORUS letter.pdf");
      if (!path) return null;
      await ipc.exportSamplePdf(path);
      return path;
    },
  });

  return (
    <div className="app">
      <header className="toolbar">
        <div className="brand">Amicus</div>
        <div className="doc-title" title={preview.data?.title}>
          {preview.data?.title ?? "Loading letter…"}
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => exporter.mutate()}
          disabled={!preview.data || exporter.isPending}
        >
          {exporter.isPending ? "Exporting…" : "Export PDF…"}
        </button>
      </header>
      <div className="status" role="status" aria-live="polite">
        {exporter.isSuccess && exporter.data && <span>Saved to {exporter.data}</span>}
        {exporter.isError && <span className="error">Export failed: {errorText(exporter.error)}</span>}
      </div>
      <main className="preview-pane">
        {preview.isPending && <p className="empty">Preparing the preview…</p>}
        {preview.isError && (
          <p className="error" role="alert">
            The letter could not be previewed: {errorText(preview.error)}
          </p>
        )}
        {preview.data && <LetterPreview pages={preview.data.pages} />}
      </main>
    </div>
  );
}
