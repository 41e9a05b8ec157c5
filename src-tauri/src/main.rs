// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod ipc_error;

use std::path::PathBuf;

/// What the commands share: the engine (fonts and templates parsed once).
pub struct AppState {
    pub engine: amicus_app::Engine,
    /// Set by tests (`AMICUS_EXPORT_PATH`) to bypass the native save dialog.
    pub export_override: Option<PathBuf>,
}

fn main() {
    let engine = match amicus_app::Engine::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("Amicus cannot start: {e}");
            std::process::exit(1);
        }
    };
    let state = AppState {
        engine,
        export_override: std::env::var_os("AMICUS_EXPORT_PATH").map(PathBuf::from),
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::sample_preview,
            commands::export_sample_pdf,
            commands::export_path_override,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Amicus stopped: {e}");
        std::process::exit(1);
    }
}
