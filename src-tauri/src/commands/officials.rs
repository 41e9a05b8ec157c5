//! Officials: people, offices and terms, and the roster and CSV imports.

use std::path::PathBuf;

use amicus_app::{
    CsvSummary, ImportRequest, ImportSummary, NewOffice, NewOfficial, NewPerson, NewTerm,
    OfficeDetail, OfficeRow, OfficialsPage, PersonDetail,
};
use chrono::NaiveDate;
use tauri::State;

use crate::AppState;

use super::Reply;

/// People matching `filter`, a page of [`OFFICIALS_PAGE`] from `offset`, and how many match in all.
#[tauri::command(async)]
pub fn officials_list(
    state: State<'_, AppState>,
    filter: String,
    offset: u32,
) -> Reply<OfficialsPage> {
    let app = state.app()?;
    Ok(app.officials_page(&filter, None, offset as usize, OFFICIALS_PAGE)?)
}

/// How many people the officials list shows at a time.
pub const OFFICIALS_PAGE: usize = 200;

#[tauri::command(async)]
/// Import the congress roster from a folder, or (no folder) the snapshot shipped with Amicus.
pub fn import_congress(
    state: State<'_, AppState>,
    dir: Option<PathBuf>,
    dry_run: bool,
) -> Reply<ImportSummary> {
    let request = ImportRequest {
        source: dir,
        as_of: None,
        dry_run,
    };
    Ok(state.app()?.import_congress_now(&request)?)
}

#[tauri::command(async)]
pub fn import_posts(state: State<'_, AppState>, dry_run: bool) -> Reply<ImportSummary> {
    let request = ImportRequest {
        source: None,
        as_of: None,
        dry_run,
    };
    Ok(state.app()?.import_posts_now(&request)?)
}

#[tauri::command(async)]
pub fn person_detail(state: State<'_, AppState>, id: i64) -> Reply<PersonDetail> {
    Ok(state.app()?.person_detail(id)?)
}

#[tauri::command(async)]
pub fn person_save(state: State<'_, AppState>, id: Option<i64>, person: NewPerson) -> Reply<i64> {
    Ok(state.app()?.save_person(id, &person)?)
}

#[tauri::command(async)]
pub fn official_add(state: State<'_, AppState>, official: NewOfficial) -> Reply<i64> {
    Ok(state.app()?.add_official(&official)?)
}

#[tauri::command(async)]
pub fn person_retire(state: State<'_, AppState>, id: i64, on: NaiveDate) -> Reply<()> {
    Ok(state.app()?.retire_person(id, on)?)
}

#[tauri::command(async)]
pub fn import_csv(state: State<'_, AppState>, path: PathBuf, dry_run: bool) -> Reply<CsvSummary> {
    Ok(state.app()?.import_csv(&path, dry_run)?)
}

#[tauri::command(async)]
pub fn offices_list(state: State<'_, AppState>, filter: String) -> Reply<Vec<OfficeRow>> {
    let app = state.app()?;
    Ok(app.office_rows(&filter, None)?)
}

#[tauri::command(async)]
pub fn office_detail(state: State<'_, AppState>, id: i64) -> Reply<OfficeDetail> {
    Ok(state.app()?.office_detail(id)?)
}

#[tauri::command(async)]
pub fn office_add(state: State<'_, AppState>, office: NewOffice) -> Reply<i64> {
    Ok(state.app()?.add_office(&office)?)
}

#[tauri::command(async)]
pub fn office_edit(state: State<'_, AppState>, id: i64, office: NewOffice) -> Reply<()> {
    Ok(state.app()?.edit_office(id, &office)?)
}

/// Retire an office on `on`, or reinstate it when `on` is null.
#[tauri::command(async)]
pub fn office_retire(state: State<'_, AppState>, id: i64, on: Option<NaiveDate>) -> Reply<()> {
    Ok(state.app()?.retire_office(id, on)?)
}

#[tauri::command(async)]
pub fn term_add(state: State<'_, AppState>, term: NewTerm) -> Reply<i64> {
    Ok(state.app()?.add_term(&term)?)
}

#[tauri::command(async)]
pub fn term_end(state: State<'_, AppState>, term_id: i64, on: NaiveDate) -> Reply<()> {
    Ok(state.app()?.end_term(term_id, on)?)
}
