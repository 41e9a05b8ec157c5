// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod commands;
mod ipc_error;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// What the commands share: the engine (fonts and templates parsed once)
/// and the record, behind one lock that no command holds across an await.
/// It is opened on its own thread while the window starts; a command that
/// arrives first waits for it.
pub struct AppState {
    pub app: Arc<OnceLock<Mutex<amicus_app::App>>>,
    /// Set by tests (`AMICUS_EXPORT_PATH`) to bypass the native save dialog.
    pub export_override: Option<PathBuf>,
    /// When the process started, for the cold-start benchmark.
    pub started: std::time::Instant,
    /// Set by `export_cancel` to stop the export in progress.
    pub cancel: Arc<std::sync::atomic::AtomicBool>,
}

/// With AMICUS_REPORT_READY, say when the page starts and finishes loading
/// (the cold-start benchmark compares this with an empty window).
fn report_page_load<R: tauri::Runtime>(
    started: std::time::Instant,
) -> impl Fn(&tauri::Webview<R>, &tauri::webview::PageLoadPayload<'_>) + Send + Sync + 'static {
    let report = std::env::var_os("AMICUS_REPORT_READY").is_some();
    move |_, payload| {
        if report {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            let what = match payload.event() {
                tauri::webview::PageLoadEvent::Started => "started",
                tauri::webview::PageLoadEvent::Finished => "finished",
            };
            println!("amicus-page-{what}-ms {ms:.1}");
        }
    }
}

fn main() {
    let started = std::time::Instant::now();
    // Letters and forms gain nothing from GPU compositing, and where OpenGL
    // is software (virtual machines, remote desktops, Xvfb) setting it up
    // delays the first frame by 100 ms or more. WebKit only asks whether the
    // variable exists, so AMICUS_GPU_COMPOSITING=1 is the way to keep GPU
    // compositing; the empty-window benchmark baseline keeps WebKit's default.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none()
        && std::env::var_os("AMICUS_GPU_COMPOSITING").is_none()
        && std::env::var_os("AMICUS_EMPTY_WINDOW").is_none()
    {
        // SAFETY: this is the first thing the program does: no thread has
        // been started, so nothing can read the environment meanwhile.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        };
    }
    let mut context = tauri::generate_context!();
    // The memory benchmark's baseline: the same runtime with an empty page
    // and nothing else (no record, no commands, no plugins).
    if std::env::var_os("AMICUS_EMPTY_WINDOW").is_some() {
        if let Some(w) = context.config_mut().app.windows.first_mut() {
            w.url = tauri::WebviewUrl::App("empty.html".into());
        }
        let empty = tauri::Builder::default().on_page_load(report_page_load(started));
        if let Err(e) = empty.run(context) {
            eprintln!("empty window: {e}");
        }
        return;
    }
    // The database: AMICUS_DB, else amicus.db in the user's data folder,
    // created with the sample record on first run. Opening it (and parsing
    // the fonts) runs beside the window's start-up.
    let cell = Arc::new(OnceLock::new());
    let opening = Arc::clone(&cell);
    std::thread::spawn(move || {
        let opened = amicus_app::Engine::new().and_then(|engine| {
            let path = match std::env::var_os("AMICUS_DB") {
                Some(p) => PathBuf::from(p),
                None => amicus_app::default_db_path()?,
            };
            amicus_app::App::open(engine, &path, chrono::Utc::now())
        });
        match opened {
            Ok(app) => {
                if std::env::var_os("AMICUS_REPORT_READY").is_some() {
                    let ms = started.elapsed().as_secs_f64() * 1000.0;
                    println!("amicus-opened-ms {ms:.1}");
                }
                let _ = opening.set(Mutex::new(app));
            }
            Err(e) => {
                eprintln!("Amicus cannot start: {e}");
                std::process::exit(1);
            }
        }
    });
    let state = AppState {
        app: cell,
        export_override: std::env::var_os("AMICUS_EXPORT_PATH").map(PathBuf::from),
        started,
        cancel: Arc::default(),
    };
    let result = tauri::Builder::default()
        .on_page_load(report_page_load(started))
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
            commands::export_cancel,
            commands::template_check,
            commands::template_save,
            commands::person_detail,
            commands::person_save,
            commands::person_retire,
            commands::letterhead,
            commands::letterhead_save,
            commands::signer_add,
            commands::import_csv,
            commands::offices_list,
            commands::office_detail,
            commands::office_add,
            commands::office_edit,
            commands::office_retire,
            commands::term_add,
            commands::term_end,
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
        .run(context);
    if let Err(e) = result {
        eprintln!("Amicus stopped: {e}");
        std::process::exit(1);
    }
}
