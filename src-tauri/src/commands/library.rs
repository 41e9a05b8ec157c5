//! Issues, positions and templates: what letters are made from.

use std::path::PathBuf;

use amicus_app::{
    BoardRequest, BoardWritten, Catalog, Issue, IssuePage, IssueView, NewPosition,
    ParagraphWording, Position, TemplateCheck, TemplateDraft,
};
use chrono::NaiveDate;
use tauri::State;

use crate::AppState;

use super::Reply;

#[tauri::command(async)]
pub fn position_in_force(
    state: State<'_, AppState>,
    issue_id: i64,
    date: NaiveDate,
) -> Reply<Option<i64>> {
    Ok(state.app()?.position_in_force(issue_id, date)?)
}

#[tauri::command(async)]
pub fn catalog(state: State<'_, AppState>) -> Reply<Catalog> {
    Ok(state.app()?.catalog()?)
}

#[tauri::command(async)]
pub fn issues_overview(state: State<'_, AppState>) -> Reply<Vec<IssueView>> {
    Ok(state.app()?.issue_views()?)
}

#[tauri::command(async)]
pub fn template_check(state: State<'_, AppState>, template: TemplateDraft) -> Reply<TemplateCheck> {
    Ok(state.app()?.check_template(&template)?)
}

#[tauri::command(async)]
pub fn template_save(state: State<'_, AppState>, template: TemplateDraft) -> Reply<u32> {
    Ok(state.app()?.save_template(&template)?)
}

#[tauri::command(async)]
pub fn position_adopt(
    state: State<'_, AppState>,
    issue: String,
    position: NewPosition,
) -> Reply<Position> {
    Ok(state.app()?.adopt_position(&issue, &position)?.1)
}

/// An issue's page: its record from `from` to `to` (by default from January
/// 1 of its first letter's year to today) and its position paragraph.
#[tauri::command(async)]
pub fn issue_page(
    state: State<'_, AppState>,
    issue: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Reply<IssuePage> {
    Ok(state.app()?.issue_page(&issue, from, to)?)
}

#[tauri::command(async)]
pub fn issue_set_contact(
    state: State<'_, AppState>,
    issue: String,
    contact: Option<String>,
) -> Reply<Issue> {
    Ok(state.app()?.set_issue_contact(&issue, contact.as_deref())?)
}

/// How the newsletter's position paragraph is worded.
#[tauri::command(async)]
pub fn paragraph_wording(state: State<'_, AppState>) -> Reply<ParagraphWording> {
    Ok(state.app()?.paragraph_wording()?)
}

/// Word the paragraph: the organization's short name and the template
/// (null: the shipped one), kept together or not at all.
#[tauri::command(async)]
pub fn paragraph_wording_save(
    state: State<'_, AppState>,
    short_name: Option<String>,
    template: Option<String>,
) -> Reply<ParagraphWording> {
    Ok(state
        .app()?
        .set_paragraph_wording(short_name.as_deref(), template.as_deref())?)
}

/// Write the board report to `path` (a PDF) and its rows beside it (.csv
/// and .xlsx).
#[tauri::command(async)]
pub fn board_report_export(
    state: State<'_, AppState>,
    request: BoardRequest,
    path: PathBuf,
) -> Reply<BoardWritten> {
    let rows = amicus_app::board_rows_beside(&path);
    Ok(state.app()?.write_board_report(&request, &path, &rows)?)
}
