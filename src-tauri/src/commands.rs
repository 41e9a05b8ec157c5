//! Tauri commands: take state, call `amicus_app`, map the error. No logic here.

use std::path::PathBuf;

use serde::Serialize;
use tauri::State;

use crate::AppState;

impl AppState {
    /// The app, even if a panicking command poisoned the lock (the store
    /// rolls back any transaction it was in, so the data is consistent).
    fn app(&self) -> std::sync::MutexGuard<'_, amicus_app::App> {
        self.app.lock().unwrap_or_else(|e| e.into_inner())
    }
}
use crate::ipc_error::IpcError;

#[derive(Serialize)]
pub struct Preview {
    pub title: String,
    pub pages: Vec<String>,
}

#[tauri::command(async)]
pub fn sample_preview(state: State<'_, AppState>) -> Result<Preview, IpcError> {
    let (title, pages) = state.app().engine.sample_preview()?;
    Ok(Preview { title, pages })
}

#[tauri::command(async)]
pub fn export_sample_pdf(state: State<'_, AppState>, path: PathBuf) -> Result<(), IpcError> {
    Ok(state.app().engine.export_sample_pdf(&path)?)
}

#[tauri::command]
pub fn export_path_override(state: State<'_, AppState>) -> Option<PathBuf> {
    state.export_override.clone()
}
