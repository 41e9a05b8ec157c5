// The only module that talks to the Tauri shell. Everything else imports
// these functions, so tests can replace this module with a mock.
import { invoke } from "@tauri-apps/api/core";
import { save } from "@tauri-apps/plugin-dialog";

/** Mirrors the shell's `IpcError`: a closed code the UI can branch on. */
export interface IpcError {
  code:
    | "invalid_data"
    | "template"
    | "typeset"
    | "io"
    | "not_found"
    | "conflict"
    | "database"
    | "internal";
  message: string;
  field?: string;
}

export interface Preview {
  title: string;
  /** One standalone SVG document per page, drawn from the PDF's own layout. */
  pages: string[];
}

export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

export function samplePreview(): Promise<Preview> {
  return invoke<Preview>("sample_preview");
}

/** Ask where to save: the native dialog, unless a test has fixed the path. */
export async function chooseExportPath(suggested: string): Promise<string | null> {
  const fixed = await invoke<string | null>("export_path_override");
  if (fixed) return fixed;
  return save({ defaultPath: suggested, filters: [{ name: "PDF", extensions: ["pdf"] }] });
}

export function exportSamplePdf(path: string): Promise<void> {
  return invoke("export_sample_pdf", { path });
}
