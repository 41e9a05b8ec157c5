//! Follow-up work and the sent log: replies, snoozing and assigning, contacts,
//! reply files, the log and its CSV.

use std::path::PathBuf;

use amicus_app::{LogChoices, LogEntry, LogFilter, NewContact, SnoozeChoice, SnoozeTo};
use chrono::NaiveDate;
use tauri::State;

use crate::AppState;

use super::Reply;

#[tauri::command(async)]
pub fn record_reply(
    state: State<'_, AppState>,
    recipient_id: i64,
    on: NaiveDate,
    notes: String,
    file: Option<PathBuf>,
) -> Reply<()> {
    Ok(state
        .app()?
        .record_reply_with_file(recipient_id, on, &notes, file.as_deref())?)
}

#[tauri::command(async)]
pub fn follow_up_snooze(
    state: State<'_, AppState>,
    recipient_id: i64,
    to: SnoozeTo,
) -> Reply<NaiveDate> {
    Ok(state.app()?.snooze_follow_up(recipient_id, to)?)
}

/// The quick snooze choices for a copy and the day each gives.
#[tauri::command(async)]
pub fn follow_up_snooze_choices(
    state: State<'_, AppState>,
    recipient_id: i64,
) -> Reply<Vec<SnoozeChoice>> {
    Ok(state.app()?.snooze_choices(recipient_id)?)
}

#[tauri::command(async)]
pub fn follow_up_assign(state: State<'_, AppState>, recipient_id: i64, owner: String) -> Reply<()> {
    Ok(state.app()?.assign_follow_up(recipient_id, &owner)?)
}

#[tauri::command(async)]
pub fn copy_contact_log(
    state: State<'_, AppState>,
    recipient_id: i64,
    contact: NewContact,
) -> Reply<i64> {
    Ok(state.app()?.log_contact(recipient_id, &contact)?)
}

#[tauri::command(async)]
pub fn reply_attach(state: State<'_, AppState>, recipient_id: i64, path: PathBuf) -> Reply<i64> {
    Ok(state.app()?.attach_reply(recipient_id, &path)?)
}

#[tauri::command(async)]
pub fn reply_file_save(state: State<'_, AppState>, id: i64, path: PathBuf) -> Reply<()> {
    Ok(state.app()?.save_reply_file(id, &path)?)
}

/// The kept reply written to a private temporary file, for the system's viewer.
#[tauri::command(async)]
pub fn reply_file_view(state: State<'_, AppState>, id: i64) -> Reply<PathBuf> {
    Ok(state.app()?.reply_file_for_viewing(id)?)
}

#[tauri::command(async)]
pub fn sent_log_choices(state: State<'_, AppState>) -> Reply<LogChoices> {
    Ok(state.app()?.log_choices()?)
}

#[tauri::command(async)]
pub fn sent_log(state: State<'_, AppState>, filter: LogFilter) -> Reply<Vec<LogEntry>> {
    Ok(state.app()?.log(&filter)?)
}

#[tauri::command(async)]
pub fn sent_log_csv(state: State<'_, AppState>, filter: LogFilter, path: PathBuf) -> Reply<()> {
    Ok(state.app()?.write_log_csv(&filter, &path)?)
}
