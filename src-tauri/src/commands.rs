//! Tauri commands: take state, call `amicus_app`, map the error. No logic
//! here; every command is a few lines over one use case.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use amicus_app::store::import::ImportSummary;
use amicus_app::store::log::{LogEntry, LogFilter, SearchHit};
use amicus_app::store::officials_csv::CsvSummary;
use amicus_app::store::{NewOffice, NewPerson, NewTerm, Status};
use amicus_app::{
    Catalog, DraftPreview, Drafted, ExportOptions, IssueView, LetterDetail, LetterSummary,
    Letterhead, NewLetter, OfficialRow, PersonDetail, SendReport, TemplateCheck, TemplateDraft,
};
use amicus_app::{OfficeDetail, OfficeRow};
use chrono::{NaiveDate, Utc};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use crate::AppState;
use crate::ipc_error::IpcError;

type Reply<T> = Result<T, IpcError>;

impl AppState {
    /// The app, even if a panicking command poisoned the lock (the store
    /// rolls back any transaction it was in, so the data is consistent).
    /// Waits while the record is still being opened at start-up.
    fn app(&self) -> std::sync::MutexGuard<'_, amicus_app::App> {
        self.app.wait().lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Pages of a letter: one standalone SVG per page, from the PDF's own layout.
#[derive(Serialize, ts_rs::TS)]
pub struct Preview {
    pub title: String,
    pub pages: Vec<String>,
}

/// Where the record lives and what it is.
#[derive(Serialize, ts_rs::TS)]
pub struct SettingsInfo {
    pub db_path: String,
    pub organization: String,
    pub schema_version: u32,
}

#[tauri::command(async)]
pub fn sample_preview(state: State<'_, AppState>) -> Reply<Preview> {
    let (title, pages) = state.app().engine.sample_preview()?;
    Ok(Preview { title, pages })
}

#[tauri::command]
pub fn export_path_override(state: State<'_, AppState>) -> Option<PathBuf> {
    state.export_override.clone()
}

#[tauri::command(async)]
pub fn letters_list(
    state: State<'_, AppState>,
    status: Option<Status>,
) -> Reply<Vec<LetterSummary>> {
    Ok(state.app().letter_summaries(status)?)
}

#[tauri::command(async)]
pub fn letter_open(state: State<'_, AppState>, id: i64) -> Reply<LetterDetail> {
    Ok(state.app().open_letter(id)?)
}

#[tauri::command(async)]
pub fn draft_preview(state: State<'_, AppState>, letter: NewLetter) -> Reply<DraftPreview> {
    Ok(state.app().preview_draft(&letter)?)
}

#[tauri::command(async)]
pub fn letter_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    letter: NewLetter,
) -> Reply<Drafted> {
    Ok(state.app().save_letter(id, &letter, Utc::now())?)
}

#[tauri::command(async)]
pub fn letter_approve(state: State<'_, AppState>, id: i64) -> Reply<()> {
    Ok(state.app().approve(id, Utc::now())?)
}

#[tauri::command(async)]
pub fn letter_sign(state: State<'_, AppState>, id: i64) -> Reply<()> {
    Ok(state.app().sign(id, Utc::now())?)
}

/// How far an export has got.
#[derive(Clone, Serialize, ts_rs::TS)]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
}

/// Export every copy (or one combined PDF), reporting each copy on
/// `progress`; `export_cancel` stops it and nothing is written.
#[tauri::command(async)]
pub fn letter_export(
    state: State<'_, AppState>,
    id: i64,
    path: PathBuf,
    combined: bool,
    progress: Channel<ExportProgress>,
) -> Reply<Vec<PathBuf>> {
    state.cancel.store(false, Ordering::SeqCst);
    let cancel = Arc::clone(&state.cancel);
    let report = move |done: usize, total: usize| {
        let _ = progress.send(ExportProgress {
            done: done as u32,
            total: total as u32,
        });
        !cancel.load(Ordering::SeqCst)
    };
    let options = ExportOptions {
        combined,
        progress: Some(Box::new(report)),
    };
    Ok(state.app().export_letter(id, &path, &options, Utc::now())?)
}

#[tauri::command]
pub fn export_cancel(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::SeqCst);
}

#[tauri::command(async)]
pub fn mark_sent(state: State<'_, AppState>, recipient_id: i64, report: SendReport) -> Reply<i64> {
    Ok(state.app().mark_sent(recipient_id, &report, Utc::now())?)
}

#[tauri::command(async)]
pub fn record_reply(
    state: State<'_, AppState>,
    recipient_id: i64,
    on: NaiveDate,
    notes: String,
) -> Reply<()> {
    Ok(state
        .app()
        .record_reply(recipient_id, on, &notes, Utc::now())?)
}

#[tauri::command(async)]
pub fn sent_log(state: State<'_, AppState>, filter: LogFilter) -> Reply<Vec<LogEntry>> {
    Ok(state.app().log(&filter)?)
}

#[tauri::command(async)]
pub fn sent_log_csv(state: State<'_, AppState>, filter: LogFilter, path: PathBuf) -> Reply<()> {
    let csv = state.app().store.log_csv(&filter)?;
    std::fs::write(&path, csv).map_err(|source| amicus_app::AppError::Write { path, source })?;
    Ok(())
}

#[tauri::command(async)]
pub fn catalog(state: State<'_, AppState>) -> Reply<Catalog> {
    Ok(state.app().catalog()?)
}

#[tauri::command(async)]
pub fn issues_overview(state: State<'_, AppState>) -> Reply<Vec<IssueView>> {
    Ok(state.app().issue_views()?)
}

#[tauri::command(async)]
pub fn officials_list(state: State<'_, AppState>, filter: String) -> Reply<Vec<OfficialRow>> {
    Ok(state.app().officials(&filter, Utc::now().date_naive())?)
}

#[tauri::command(async)]
pub fn import_congress(
    state: State<'_, AppState>,
    dir: PathBuf,
    dry_run: bool,
) -> Reply<ImportSummary> {
    let today = Utc::now().date_naive();
    Ok(state
        .app()
        .import_congress(&dir, today, Utc::now(), dry_run)?)
}

#[tauri::command(async)]
pub fn import_posts(state: State<'_, AppState>, dry_run: bool) -> Reply<ImportSummary> {
    let today = Utc::now().date_naive();
    Ok(state.app().import_posts(None, today, Utc::now(), dry_run)?)
}

#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, text: String) -> Reply<Vec<SearchHit>> {
    Ok(state.app().search(&text)?)
}

#[tauri::command(async)]
pub fn settings_info(state: State<'_, AppState>) -> Reply<SettingsInfo> {
    let app = state.app();
    let db_path = app
        .store
        .path()
        .map(Path::display)
        .map(|p| p.to_string())
        .unwrap_or_default();
    let org: Option<serde_json::Value> = app.store.setting("organization")?;
    let organization = org
        .and_then(|o| o["name"].as_str().map(str::to_string))
        .unwrap_or_default();
    let schema_version = app.store.schema_version()? as u32;
    Ok(SettingsInfo {
        db_path,
        organization,
        schema_version,
    })
}

#[tauri::command(async)]
pub fn backup(state: State<'_, AppState>, path: PathBuf) -> Reply<()> {
    Ok(state.app().store.backup(&path)?)
}

/// The letters list is on screen and usable: report the time since the
/// process started (for `make bench`), with the page's own steps, and quit
/// if asked to.
#[tauri::command]
pub fn app_ready(state: State<'_, AppState>, page_ms: f64, steps: BTreeMap<String, f64>) {
    let ms = state.started.elapsed().as_secs_f64() * 1000.0;
    if std::env::var_os("AMICUS_REPORT_READY").is_some() {
        // page_ms: since the page began to load, so the rest is the webview's start.
        let mut steps: Vec<_> = steps.into_iter().collect();
        steps.sort_by(|a, b| a.1.total_cmp(&b.1));
        let steps: Vec<String> = steps.iter().map(|(k, v)| format!("{k} {v:.0}")).collect();
        println!(
            "amicus-ready-ms {ms:.1} page-ms {page_ms:.1} steps: {}",
            steps.join(", ")
        );
        if std::env::var_os("AMICUS_EXIT_WHEN_READY").is_some() {
            std::process::exit(0);
        }
    }
}

#[tauri::command(async)]
pub fn template_check(state: State<'_, AppState>, template: TemplateDraft) -> Reply<TemplateCheck> {
    Ok(state.app().check_template(&template)?)
}

#[tauri::command(async)]
pub fn template_save(state: State<'_, AppState>, template: TemplateDraft) -> Reply<u32> {
    Ok(state.app().save_template(&template, Utc::now())?)
}

#[tauri::command(async)]
pub fn person_detail(state: State<'_, AppState>, id: i64) -> Reply<PersonDetail> {
    Ok(state.app().person_detail(id)?)
}

#[tauri::command(async)]
pub fn person_save(state: State<'_, AppState>, id: Option<i64>, person: NewPerson) -> Reply<i64> {
    Ok(state.app().save_person(id, &person, Utc::now())?)
}

#[tauri::command(async)]
pub fn person_retire(state: State<'_, AppState>, id: i64, on: NaiveDate) -> Reply<()> {
    Ok(state.app().retire_person(id, on)?)
}

#[tauri::command(async)]
pub fn letterhead(state: State<'_, AppState>) -> Reply<Letterhead> {
    Ok(state.app().letterhead()?)
}

#[tauri::command(async)]
pub fn letterhead_save(state: State<'_, AppState>, letterhead: Letterhead) -> Reply<()> {
    Ok(state.app().set_letterhead(&letterhead)?)
}

#[tauri::command(async)]
pub fn signer_add(state: State<'_, AppState>, name: String, title: Option<String>) -> Reply<i64> {
    Ok(state.app().add_signer(&name, title.as_deref())?)
}

#[tauri::command(async)]
pub fn import_csv(state: State<'_, AppState>, path: PathBuf, dry_run: bool) -> Reply<CsvSummary> {
    Ok(state.app().import_csv(&path, Utc::now(), dry_run)?)
}

#[tauri::command(async)]
pub fn offices_list(state: State<'_, AppState>, filter: String) -> Reply<Vec<OfficeRow>> {
    Ok(state.app().office_rows(&filter, Utc::now().date_naive())?)
}

#[tauri::command(async)]
pub fn office_detail(state: State<'_, AppState>, id: i64) -> Reply<OfficeDetail> {
    Ok(state.app().office_detail(id)?)
}

#[tauri::command(async)]
pub fn office_add(state: State<'_, AppState>, office: NewOffice) -> Reply<i64> {
    Ok(state.app().add_office(&office)?)
}

#[tauri::command(async)]
pub fn office_edit(state: State<'_, AppState>, id: i64, office: NewOffice) -> Reply<()> {
    Ok(state.app().edit_office(id, &office)?)
}

/// Retire an office on `on`, or reinstate it when `on` is null.
#[tauri::command(async)]
pub fn office_retire(state: State<'_, AppState>, id: i64, on: Option<NaiveDate>) -> Reply<()> {
    Ok(state.app().retire_office(id, on)?)
}

#[tauri::command(async)]
pub fn term_add(state: State<'_, AppState>, term: NewTerm) -> Reply<i64> {
    Ok(state.app().add_term(&term)?)
}

#[tauri::command(async)]
pub fn term_end(state: State<'_, AppState>, term_id: i64, on: NaiveDate) -> Reply<()> {
    Ok(state.app().end_term(term_id, on)?)
}
