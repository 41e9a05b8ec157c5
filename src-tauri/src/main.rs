// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod commands;
mod config;
mod ipc_error;
mod record;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use amicus_app::team::{TeamEvent, Watcher};
use amicus_app::{App, Clock, RecordArea, RecordChanged};
use serde::Serialize;
use tauri::Emitter;

use crate::config::Config;
use crate::ipc_error::IpcError;
use crate::record::{Location, Record};

/// What the commands share: the record (opened on its own thread while the
/// window starts; commands wait for it), the configuration read at start-up,
/// and the export in progress. The app itself takes `&self` everywhere, so
/// no lock is held around a command: an export does not hold up a preview.
pub struct AppState {
    pub record: Arc<Record>,
    pub config: Config,
    /// When the process started, for the cold-start benchmark.
    pub started: std::time::Instant,
    /// Set by `export_cancel` to stop the export in progress.
    pub cancel: Arc<std::sync::atomic::AtomicBool>,
    /// The running app's handle, once Tauri has started (record events go through it).
    pub handle: Arc<OnceLock<tauri::AppHandle>>,
    /// On a team record: the watcher that hears colleagues' changes.
    pub watcher: Arc<std::sync::Mutex<Option<Watcher>>>,
}

impl AppState {
    /// The open app; waits while the record opens.
    pub fn app(&self) -> Result<Arc<App>, IpcError> {
        self.record.app()
    }

    /// Open the record at `path` (the configured or default one when None)
    /// and make it the window's record; a failure is kept for the window.
    pub fn open_record(&self, path: Option<PathBuf>) -> Result<(), IpcError> {
        self.open_location(Location::File(path.or_else(|| self.config.db.clone())))
    }

    /// Make the record at `location` the window's; a failure is kept for the window.
    pub fn open_location(&self, location: Location) -> Result<(), IpcError> {
        self.record.reopening();
        let opened = open_and_announce(&location, &self.handle, &self.watcher);
        self.settle(opened)
    }

    /// Make `app`, already opened at `location`, the window's record (a
    /// team record tried before the switch is not opened a second time).
    pub fn install(&self, location: &Location, app: App) -> Result<(), IpcError> {
        self.settle(Ok(announce(app, location, &self.handle, &self.watcher)))
    }

    fn settle(&self, opened: Result<Arc<App>, record::OpenFailure>) -> Result<(), IpcError> {
        let result = opened.as_ref().map(|_| ()).map_err(|f| IpcError {
            code: ipc_error::ErrorCode::Unavailable,
            message: f.message.clone(),
            field: None,
        });
        self.record.set(opened);
        result
    }

    /// Put `backup` in place of the record that failed to open, then open it.
    pub fn restore_record(&self, backup: &Path) -> Result<(), IpcError> {
        let path = match self.config.db.clone() {
            Some(p) => p,
            None => amicus_app::default_db_path()?,
        };
        amicus_app::replace_record_with_backup(&path, backup)?;
        self.open_record(Some(path))
    }

    /// The record to open at start: AMICUS_DB (a file or a team record's
    /// address), else the team record this computer was set to use, else
    /// the default file.
    pub fn initial_location(config: &Config) -> Location {
        let saved = if config.team_url.is_none() && config.db.is_none() {
            amicus_app::team::saved_team()
        } else {
            Ok(None)
        };
        Self::initial_location_with(config, saved)
    }

    /// The record to open at start, given the saved team record (or why
    /// its settings cannot be used: then that is what the window shows).
    pub fn initial_location_with(
        config: &Config,
        saved: Result<Option<amicus_app::team::SavedTeam>, amicus_app::AppError>,
    ) -> Location {
        let secrets = amicus_app::secrets::Secrets::system();
        let ca = std::env::var_os("AMICUS_DB_CA").map(PathBuf::from);
        if let Some(url) = &config.team_url {
            return Location::Team(amicus_app::team::connect_for(url, ca, &secrets));
        }
        if config.db.is_some() {
            return Location::File(config.db.clone());
        }
        match saved {
            Ok(Some(saved)) => Location::Team(amicus_app::team::connect_for(
                &saved.url,
                saved.ca_file,
                &secrets,
            )),
            Ok(None) => Location::File(None),
            Err(amicus_app::AppError::Record { path, message }) => Location::Unusable {
                message: format!("{}: {message}", path.display()),
                file: path,
            },
            Err(e) => Location::Unusable {
                file: amicus_app::team::team_file().unwrap_or_default(),
                message: e.to_string(),
            },
        }
    }
}

/// The connection to a team record, for the window's banner.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TeamConnection {
    Lost { message: String },
    Back,
}

/// Open a record and send its changes to the window as `record-changed`:
/// this window's own writes, and on a team record everyone else's too.
fn open_and_announce(
    location: &Location,
    handle: &Arc<OnceLock<tauri::AppHandle>>,
    watcher: &std::sync::Mutex<Option<Watcher>>,
) -> Result<Arc<App>, record::OpenFailure> {
    // The previous record's watcher stops first.
    *watcher.lock().unwrap_or_else(|e| e.into_inner()) = None;
    let app = record::open(location, Clock::system())?;
    Ok(announce(app, location, handle, watcher))
}

/// Send `app`'s changes to the window as `record-changed` (and, on a team
/// record, colleagues' changes and the connection's state), replacing the
/// previous record's watcher.
fn announce(
    app: App,
    location: &Location,
    handle: &Arc<OnceLock<tauri::AppHandle>>,
    watcher: &std::sync::Mutex<Option<Watcher>>,
) -> Arc<App> {
    *watcher.lock().unwrap_or_else(|e| e.into_inner()) = None;
    let app = Arc::new(app);
    let to_window = Arc::clone(handle);
    app.on_change(move |changed: &RecordChanged| emit(&to_window, "record-changed", changed));
    if let Location::Team(c) = location {
        let handle = Arc::clone(handle);
        let started = amicus_app::team::watch(c.clone(), move |event| match event {
            TeamEvent::Changed(areas) => {
                let areas = areas
                    .iter()
                    .filter_map(|a| RecordArea::from_name(a))
                    .collect();
                emit(&handle, "record-changed", &RecordChanged { areas });
            }
            TeamEvent::Lost(message) => {
                tracing::warn!("lost the team record's server: {message}");
                emit(
                    &handle,
                    "team-connection",
                    &TeamConnection::Lost { message },
                );
            }
            TeamEvent::Back => {
                tracing::info!("the team record's server is back");
                emit(&handle, "team-connection", &TeamConnection::Back);
                let areas = RecordArea::ALL.to_vec();
                emit(&handle, "record-changed", &RecordChanged { areas });
            }
        });
        *watcher.lock().unwrap_or_else(|e| e.into_inner()) = Some(started);
    }
    app
}

/// Send `payload` to the window as `event`, once Tauri has started.
fn emit<T: Serialize + Clone>(handle: &OnceLock<tauri::AppHandle>, event: &str, payload: &T) {
    if let Some(Err(e)) = handle.get().map(|h| h.emit(event, payload.clone())) {
        tracing::warn!("cannot tell the window about {event}: {e}");
    }
}

/// The empty window's start, for its report.
struct EmptyWindow {
    started: std::time::Instant,
}

/// The empty page painted its first frame: the baseline of the cold-start
/// ratio, measured the same way as the app's letters list.
#[tauri::command]
fn empty_painted(state: tauri::State<'_, EmptyWindow>, page_ms: f64) {
    let ms = state.started.elapsed().as_secs_f64() * 1000.0;
    println!("amicus-empty-painted-ms {ms:.1} page-ms {page_ms:.1}");
}

/// Daily-rotated log files in the user's state folder; the returned guard
/// flushes them when dropped (at exit). The first line says which Amicus.
fn start_logging() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = amicus_app::log_dir();
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("amicus")
        .filename_suffix("log")
        .max_log_files(14)
        .build(&dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .init();
    tracing::info!(
        "Amicus {} starting ({} {})",
        amicus_app::VERSION,
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    Some(guard)
}

/// With AMICUS_REPORT_READY, say when the page starts and finishes loading
/// (the cold-start benchmark compares this with an empty window).
fn report_page_load<R: tauri::Runtime>(
    started: std::time::Instant,
    report: bool,
) -> impl Fn(&tauri::Webview<R>, &tauri::webview::PageLoadPayload<'_>) + Send + Sync + 'static {
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
    // compositing. The empty-window benchmark baseline runs with the same
    // setting, so the two are compared like with like.
    let config = Config::from_env();
    #[cfg(target_os = "linux")]
    if !config.compositing_set && !config.gpu_compositing {
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
    if config.empty_window {
        if let Some(w) = context.config_mut().app.windows.first_mut() {
            w.url = tauri::WebviewUrl::App("empty.html".into());
        }
        let empty = tauri::Builder::default()
            .on_page_load(report_page_load(started, config.report_ready))
            .manage(EmptyWindow { started })
            .invoke_handler(tauri::generate_handler![empty_painted]);
        if let Err(e) = empty.run(context) {
            eprintln!("empty window: {e}");
        }
        return;
    }
    // Flushes the log at exit.
    let _log = start_logging();
    let state = open_beside_the_window(config, started);
    run_window(context, state);
}

/// The commands' state, with the record (AMICUS_DB, else amicus.db in the
/// user's data folder, created with the sample record on first run) opening
/// on its own thread, beside the window's start-up.
fn open_beside_the_window(config: Config, started: std::time::Instant) -> AppState {
    let state = AppState {
        record: Arc::default(),
        config,
        started,
        cancel: Arc::default(),
        handle: Arc::default(),
        watcher: Arc::default(),
    };
    let (record, handle, watcher) = (
        Arc::clone(&state.record),
        Arc::clone(&state.handle),
        Arc::clone(&state.watcher),
    );
    let location = AppState::initial_location(&state.config);
    let report = state.config.report_ready;
    std::thread::spawn(move || {
        let opened = open_and_announce(&location, &handle, &watcher);
        if report && opened.is_ok() {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            println!("amicus-opened-ms {ms:.1}");
        }
        record.set(opened);
    });
    state
}

/// Run the window over the record being opened, with every command.
fn run_window(context: tauri::Context<tauri::Wry>, state: AppState) {
    let handle = Arc::clone(&state.handle);
    let (started, report) = (state.started, state.config.report_ready);
    let result = tauri::Builder::default()
        .setup(move |app| {
            let _ = handle.set(app.handle().clone());
            Ok(())
        })
        .on_page_load(report_page_load(started, report))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::sample_preview,
            commands::team_status,
            commands::team_users,
            commands::team_connect,
            commands::team_leave,
            commands::record_retry,
            commands::export_path_override,
            commands::letters_list,
            commands::letter_open,
            commands::draft_preview,
            commands::letter_save,
            commands::letter_approve,
            commands::letter_sign,
            commands::letter_sign_digitally,
            commands::certificate_password_kept,
            commands::mail_settings,
            commands::mail_settings_set,
            commands::mail_password_forget,
            commands::letter_send_email,
            commands::send_cancel,
            commands::letter_email_draft,
            commands::letter_contact_form,
            commands::groups_list,
            commands::paragraphs_list,
            commands::paragraph_save,
            commands::paragraph_delete,
            commands::group_expand,
            commands::letter_export,
            commands::export_cancel,
            commands::template_check,
            commands::template_save,
            commands::person_detail,
            commands::person_save,
            commands::official_add,
            commands::position_adopt,
            commands::person_retire,
            commands::letterhead,
            commands::letterhead_save,
            commands::signer_add,
            commands::signer_signature_set,
            commands::import_csv,
            commands::offices_list,
            commands::office_detail,
            commands::office_add,
            commands::office_edit,
            commands::office_retire,
            commands::term_add,
            commands::term_end,
            commands::mark_sent,
            commands::mark_all_sent,
            commands::letter_copy,
            commands::record_reply,
            commands::follow_up_snooze,
            commands::follow_up_assign,
            commands::copy_contact_log,
            commands::reply_attach,
            commands::reply_file_save,
            commands::reply_file_view,
            commands::sent_log_choices,
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
            commands::backup_restore,
            commands::app_ready,
            commands::startup,
            commands::record_open,
            commands::record_restore,
            commands::clock,
            commands::letter_blank,
            commands::position_in_force,
            commands::diagnostics,
            commands::time_zone_save,
        ])
        .run(context);
    if let Err(e) = result {
        tracing::error!("Amicus stopped: {e}");
        eprintln!("Amicus stopped: {e}");
        std::process::exit(1);
    }
}
