//! Letters: the list, drafting and its live preview, approving and signing, and
//! exporting the copies.

use std::path::PathBuf;

use amicus_app::{
    DraftPreview, Drafted, ExportFormat, ExportOptions, LetterDetail, LetterSummary, NewLetter,
    PaperChoice, PaperKind, PreviewHave, Status,
};
use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use crate::AppState;
use crate::cancel::Operation;

use super::Reply;

/// Pages of a letter: one standalone SVG per page, from the PDF's own layout.
#[derive(Serialize, ts_rs::TS)]
pub struct Preview {
    pub title: String,
    pub pages: Vec<String>,
}

#[tauri::command(async)]
pub fn sample_preview(state: State<'_, AppState>) -> Reply<Preview> {
    let (title, pages) = state.app()?.engine().sample_preview()?;
    Ok(Preview { title, pages })
}

#[tauri::command(async)]
pub fn letter_blank(state: State<'_, AppState>) -> Reply<NewLetter> {
    Ok(state.app()?.blank_letter()?)
}

/// A new, unsaved letter copied from letter `id`, dated `date`.
#[tauri::command(async)]
pub fn letter_copy(state: State<'_, AppState>, id: i64, date: NaiveDate) -> Reply<NewLetter> {
    Ok(state.app()?.copy_letter(id, Some(date))?)
}

#[tauri::command(async)]
pub fn letters_list(
    state: State<'_, AppState>,
    status: Option<Status>,
) -> Reply<Vec<LetterSummary>> {
    Ok(state.app()?.letter_summaries(status)?)
}

#[tauri::command(async)]
pub fn letter_open(state: State<'_, AppState>, id: i64) -> Reply<LetterDetail> {
    Ok(state.app()?.open_letter(id)?)
}

#[tauri::command(async)]
pub fn draft_preview(
    state: State<'_, AppState>,
    letter: NewLetter,
    have: PreviewHave,
) -> Reply<DraftPreview> {
    Ok(state.app()?.preview_draft(&letter, &have)?)
}

#[tauri::command(async)]
pub fn letter_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    letter: NewLetter,
) -> Reply<Drafted> {
    Ok(state.app()?.save_letter(id, &letter)?)
}

#[tauri::command(async)]
pub fn letter_approve(state: State<'_, AppState>, id: i64) -> Reply<()> {
    Ok(state.app()?.approve(id)?)
}

#[tauri::command(async)]
pub fn letter_sign(state: State<'_, AppState>, id: i64) -> Reply<()> {
    Ok(state.app()?.sign(id)?)
}

/// Delete a draft (kept, out of the lists until restored).
#[tauri::command(async)]
pub fn letter_delete(state: State<'_, AppState>, id: i64) -> Reply<()> {
    Ok(state.app()?.delete_draft(id)?)
}

/// Bring a deleted draft back as it was.
#[tauri::command(async)]
pub fn letter_restore(state: State<'_, AppState>, id: i64) -> Reply<()> {
    Ok(state.app()?.restore_draft(id)?)
}

/// The deleted drafts, the latest deleted first.
#[tauri::command(async)]
pub fn letters_deleted(state: State<'_, AppState>) -> Reply<Vec<LetterSummary>> {
    Ok(state.app()?.deleted_letters()?)
}

/// Sign an approved letter and each of its copies digitally with the
/// PKCS#12 file `certificate`; answers the certificate's name and what
/// the signer should be told (a certificate about to expire).
#[tauri::command(async)]
pub fn letter_sign_digitally(
    state: State<'_, AppState>,
    id: i64,
    certificate: PathBuf,
    password: Option<String>,
    remember: bool,
) -> Reply<amicus_app::DigitallySigned> {
    let app = state.app()?;
    let password = app.certificate_password_for(&certificate, password)?;
    let signed = app.sign_digitally(id, &certificate, &password)?;
    if remember {
        app.remember_certificate_password(&certificate, &password);
    }
    Ok(signed)
}

/// Whether the keychain has the password of this certificate.
#[tauri::command(async)]
pub fn certificate_password_kept(state: State<'_, AppState>, certificate: PathBuf) -> Reply<bool> {
    Ok(state.app()?.certificate_password(&certificate).is_some())
}

/// How far an export has got.
#[derive(Clone, Serialize, ts_rs::TS)]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
}

/// Export every copy (or one combined file) as PDF or as a Word document,
/// reporting each copy on `progress`; `export_cancel` stops it and nothing
/// is written.
#[tauri::command(async)]
pub fn letter_export(
    state: State<'_, AppState>,
    id: i64,
    path: PathBuf,
    format: ExportFormat,
    combined: bool,
    blank_signature: bool,
    progress: Channel<ExportProgress>,
) -> Reply<Vec<PathBuf>> {
    let cancel = state.cancels.start(Operation::Export);
    let report = move |done: usize, total: usize| {
        let _ = progress.send(ExportProgress {
            done: done as u32,
            total: total as u32,
        });
        !cancel.is_cancelled()
    };
    let options = ExportOptions {
        format,
        combined,
        blank_signature,
        progress: Some(Box::new(report)),
    };
    Ok(state.app()?.export_letter(id, &path, &options)?)
}

/// Write letter `id`'s envelopes or address labels to `path`; how many.
#[tauri::command(async)]
pub fn letter_paper_export(
    state: State<'_, AppState>,
    id: i64,
    choice: PaperChoice,
    path: PathBuf,
) -> Reply<usize> {
    let kind = PaperKind::try_from(&choice)?;
    Ok(state.app()?.export_paper(id, kind, &path)?)
}

/// The printers of this computer, the default first.
#[tauri::command(async)]
pub fn printers_list(state: State<'_, AppState>) -> Reply<Vec<amicus_app::Printer>> {
    Ok(state.app()?.printers()?)
}

/// How many documents printing the whole letter sends (its copies, as Print counts them).
#[tauri::command(async)]
pub fn letter_print_copies(state: State<'_, AppState>, id: i64) -> Reply<u32> {
    Ok(state.app()?.print_copies(id)?)
}

/// Print a letter's copies on a printer of this computer.
#[tauri::command(async)]
pub fn letter_print(
    state: State<'_, AppState>,
    request: amicus_app::PrintRequest,
) -> Reply<amicus_app::Printed> {
    Ok(state.app()?.print_letter(&request)?)
}

#[tauri::command]
pub fn export_cancel(state: State<'_, AppState>) {
    state.cancels.cancel(Operation::Export);
}
