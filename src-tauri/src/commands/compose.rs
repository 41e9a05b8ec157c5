//! What the compose form adds to a letter: groups of recipients and stock
//! paragraphs.

use amicus_app::groups::{GroupExpansion, GroupInfo, GroupRef, WithGroup};
use amicus_app::{NewLetter, NewParagraph, Paragraph, RecipientChoice};
use chrono::NaiveDate;
use tauri::State;

use crate::AppState;

use super::Reply;

/// Stock paragraphs matching every word of `search`, those on `issue_id` first.
#[tauri::command(async)]
pub fn paragraphs_list(
    state: State<'_, AppState>,
    search: String,
    issue_id: Option<i64>,
) -> Reply<Vec<Paragraph>> {
    Ok(state.app()?.paragraphs(&search, issue_id)?)
}

#[tauri::command(async)]
pub fn paragraph_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    paragraph: NewParagraph,
) -> Reply<i64> {
    Ok(state.app()?.save_paragraph(id, &paragraph)?)
}

#[tauri::command(async)]
pub fn paragraph_delete(state: State<'_, AppState>, id: i64) -> Reply<()> {
    Ok(state.app()?.delete_paragraph(id)?)
}

/// The saved lists, then every committee and subcommittee, with today's size.
#[tauri::command(async)]
pub fn groups_list(state: State<'_, AppState>) -> Reply<Vec<GroupInfo>> {
    let app = state.app()?;
    let mut groups = app.list_groups()?;
    groups.extend(app.committee_groups()?);
    Ok(groups)
}

/// A group's members on `on`, the seats a letter goes to, and its greeting.
#[tauri::command(async)]
pub fn group_expand(
    state: State<'_, AppState>,
    group: GroupRef,
    on: NaiveDate,
) -> Reply<GroupExpansion> {
    Ok(state.app()?.expand_group(&group, Some(on))?)
}

/// A letter with `group`'s members on its date added, but for `left_out`,
/// and its greeting decided again.
#[tauri::command(async)]
pub fn letter_add_group(
    state: State<'_, AppState>,
    letter: NewLetter,
    group: GroupRef,
    left_out: Vec<RecipientChoice>,
) -> Reply<WithGroup> {
    Ok(state.app()?.add_group(letter, &group, &left_out)?)
}

/// A letter with its group number `index` (from 0) and the members only it brought taken off.
#[tauri::command(async)]
pub fn letter_remove_group(
    state: State<'_, AppState>,
    letter: NewLetter,
    index: usize,
) -> Reply<NewLetter> {
    Ok(state.app()?.remove_group(letter, index)?)
}

/// A letter with one more office or person, and its greeting decided again.
#[tauri::command(async)]
pub fn letter_add_recipient(
    state: State<'_, AppState>,
    letter: NewLetter,
    recipient: RecipientChoice,
) -> Reply<NewLetter> {
    Ok(state.app()?.add_recipient(letter, recipient)?)
}

/// A letter with its recipient number `index` (from 0) taken off, and its greeting decided again.
#[tauri::command(async)]
pub fn letter_remove_recipient(
    state: State<'_, AppState>,
    letter: NewLetter,
    index: usize,
) -> Reply<NewLetter> {
    Ok(state.app()?.remove_recipient(letter, index)?)
}
