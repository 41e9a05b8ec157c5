//! The organization's settings: letterhead, signers, time zone, backups.

use std::path::PathBuf;

use amicus_app::{FileMargins, Letterhead, LetterheadFileView, SettingsInfo};
use tauri::State;

use crate::AppState;

use super::Reply;

#[tauri::command(async)]
pub fn time_zone_save(state: State<'_, AppState>, time_zone: String) -> Reply<()> {
    Ok(state.app()?.set_time_zone(&time_zone)?)
}

#[tauri::command(async)]
pub fn settings_info(state: State<'_, AppState>) -> Reply<SettingsInfo> {
    Ok(state.app()?.settings_info()?)
}

#[tauri::command(async)]
pub fn backup(state: State<'_, AppState>, path: PathBuf) -> Reply<()> {
    Ok(state.app()?.backup(&path)?)
}

/// Replace the open record with a backup; the record as it was is kept
/// beside it first. Returns where (none for an in-memory record).
#[tauri::command(async)]
pub fn backup_restore(state: State<'_, AppState>, path: PathBuf) -> Reply<Option<PathBuf>> {
    Ok(state.app()?.restore_keeping_current(&path)?)
}

#[tauri::command(async)]
pub fn letterhead(state: State<'_, AppState>) -> Reply<Letterhead> {
    Ok(state.app()?.letterhead()?)
}

#[tauri::command(async)]
pub fn letterhead_save(state: State<'_, AppState>, letterhead: Letterhead) -> Reply<()> {
    Ok(state.app()?.set_letterhead(&letterhead)?)
}

/// Use the PDF at `path` as the organization's letterhead file.
#[tauri::command(async)]
pub fn letterhead_file_set(
    state: State<'_, AppState>,
    path: PathBuf,
    margins: Option<FileMargins>,
) -> Reply<LetterheadFileView> {
    Ok(state.app()?.set_letterhead_file(&path, margins)?)
}

/// Stop using a letterhead file.
#[tauri::command(async)]
pub fn letterhead_file_remove(state: State<'_, AppState>) -> Reply<()> {
    Ok(state.app()?.remove_letterhead_file()?)
}

#[tauri::command(async)]
pub fn signer_add(state: State<'_, AppState>, name: String, title: Option<String>) -> Reply<i64> {
    Ok(state.app()?.add_signer(&name, title.as_deref())?)
}

/// The signer's signature image on file, as a data URL.
#[tauri::command(async)]
pub fn signer_signature_image(state: State<'_, AppState>, id: i64) -> Reply<Option<String>> {
    Ok(state.app()?.signer_signature_image(id)?)
}

/// Put the PNG at `path` on file as the signer's signature; None removes it.
#[tauri::command(async)]
pub fn signer_signature_set(
    state: State<'_, AppState>,
    id: i64,
    path: Option<PathBuf>,
) -> Reply<()> {
    Ok(state.app()?.set_signer_signature(id, path.as_deref())?)
}
