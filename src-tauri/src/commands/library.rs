//! Issues, positions and templates: what letters are made from.

use amicus_app::{Catalog, IssueView, NewPosition, Position, TemplateCheck, TemplateDraft};
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
