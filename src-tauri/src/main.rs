// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod commands;
mod ipc_error;

use std::path::PathBuf;
use std::sync::Mutex;

/// What the commands share: the engine (fonts and templates parsed once)
/// and the record, behind one lock that no command holds across an await.
pub struct AppState {
    pub app: Mutex<amicus_app::App>,
    /// Set by tests (`AMICUS_EXPORT_PATH`) to bypass the native save dialog.
    pub export_override: Option<PathBuf>,
    /// When the process started, for the cold-start benchmark.
    pub started: std::time::Instant,
}

fn main() {
    let started = std::time::Instant::now();
    // The database: AMICUS_DB, else amicus.db in the user's data folder,
    // created with the sample record on first run.
    let opened = amicus_app::Engine::new().and_then(|engine| {
        let path = match std::env::var_os("AMICUS_DB") {
            Some(p) => PathBuf::from(p),
            None => amicus_app::default_db_path()?,
        };
        amicus_app::App::open(engine, &path, chrono::Utc::now())
    });
    let app = match opened {
        Ok(a) => a,
        Err(e) => {
            eprintln!("Amicus cannot start: {e}");
            std::process::exit(1);
        }
    };
    let state = AppState {
        app: Mutex::new(app),
        export_override: std::env::var_os("AMICUS_EXPORT_PATH").map(PathBuf::from),
        started,
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::sample_preview,
            commands::export_path_override,
            commands::letters_list,
            commands::letter_open,
            commands::draft_preview,
            commands::letter_save,
            commands::letter_approve,
            commands::letter_sign,
            commands::letter_export,
            commands::mark_sent,
            commands::record_reply,
            commands::sent_log,
            commands::sent_log_csv,
            commands::catalog,
            commands::issues_overview,
            commands::officials_list,
            commands::import_congress,
            commands::import_posts,
            commands::search,
            commands::settings_info,
            commands::backup,
            commands::app_ready,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Amicus stopped: {e}");
        std::process::exit(1);
    }
}
