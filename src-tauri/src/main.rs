// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod cancel;
mod commands;
mod config;
#[cfg(test)]
mod contract;
#[cfg(feature = "test-hooks")]
mod hooks;
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
/// and the long operations in progress. The app itself takes `&self` everywhere, so
/// no lock is held around a command: an export does not hold up a preview.
pub struct AppState {
    pub record: Arc<Record>,
    pub config: Config,
    /// The export and the e-mail batch in progress, each stopped on its own.
    pub cancels: cancel::Cancels,
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

    /// The record to open at start, by the app's rule
    /// ([`amicus_app::team::record_to_open`]): AMICUS_DB (a file or a team
    /// record's address), else the team record this computer was set to
    /// use, else the default file.
    pub fn initial_location(config: &Config) -> Location {
        Self::initial_location_with(config, amicus_app::team::saved_team)
    }

    /// The record to open at start, the saved team record read by `saved`
    /// (settings that cannot be used are what the window then shows).
    pub fn initial_location_with(
        config: &Config,
        saved: impl FnOnce() -> Result<Option<amicus_app::team::SavedTeam>, amicus_app::AppError>,
    ) -> Location {
        use amicus_app::team::RecordChoice;
        let named = config
            .team_url
            .as_deref()
            .map(std::ffi::OsStr::new)
            .or(config.db.as_deref().map(Path::as_os_str));
        let secrets = amicus_app::secrets::Secrets::system();
        match amicus_app::team::record_to_open_with(named, saved, &secrets) {
            Ok(RecordChoice::Team { connect, .. }) => Location::Team(connect),
            Ok(RecordChoice::File(path)) => Location::File(path),
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
    app.on_change(move |changed: &RecordChanged| emit(&to_window, changed));
    if let Location::Team(c) = location {
        let handle = Arc::clone(handle);
        let started = amicus_app::team::watch(c.clone(), move |event| match event {
            TeamEvent::Changed(areas) => {
                let areas = areas
                    .iter()
                    .filter_map(|a| RecordArea::from_name(a))
                    .collect();
                emit(&handle, &RecordChanged { areas });
            }
            TeamEvent::Lost(message) => {
                tracing::warn!("lost the team record's server: {message}");
                emit(&handle, &TeamConnection::Lost { message });
            }
            TeamEvent::Back => {
                tracing::info!("the team record's server is back");
                emit(&handle, &TeamConnection::Back);
                let areas = RecordArea::ALL.to_vec();
                emit(&handle, &RecordChanged { areas });
            }
        });
        *watcher.lock().unwrap_or_else(|e| e.into_inner()) = Some(started);
    }
    app
}

/// What the shell tells the window unasked: each event's payload type and
/// name, the one place both are written on this side (`contract.rs` checks
/// the UI's `listen` calls against these impls).
trait WindowEvent: Serialize + Clone {
    const NAME: &'static str;
}

impl WindowEvent for RecordChanged {
    const NAME: &'static str = "record-changed";
}

impl WindowEvent for TeamConnection {
    const NAME: &'static str = "team-connection";
}

/// Send `event` to the window, once Tauri has started. The one place the
/// shell emits: every event is a [`WindowEvent`].
fn emit<E: WindowEvent>(handle: &OnceLock<tauri::AppHandle>, event: &E) {
    if let Some(Err(e)) = handle.get().map(|h| h.emit(E::NAME, event.clone())) {
        tracing::warn!("cannot tell the window about {}: {e}", E::NAME);
    }
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

fn main() {
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
    let context = tauri::generate_context!();
    // The benchmarks' baseline: the same runtime with an empty page.
    #[cfg(feature = "test-hooks")]
    if config.hooks.empty_window {
        return hooks::run_empty_window(context, config.hooks);
    }
    // Flushes the log when dropped.
    let log = start_logging();
    #[cfg(windows)]
    if let Err(why) = tauri::webview_version() {
        say_webview2_is_missing(&why.to_string());
        drop(log);
        std::process::exit(1);
    }
    let state = open_beside_the_window(config);
    run_window(context, state);
    drop(log);
}

/// Windows without the WebView2 Runtime: no window can exist, so say so in
/// words (the log, standard error and a native message box), never crash.
#[cfg(windows)]
fn say_webview2_is_missing(why: &str) {
    let message = format!(
        "Amicus needs the Microsoft Edge WebView2 Runtime to show its window, and this \
         computer does not have it ({why}). Install it from \
         https://developer.microsoft.com/microsoft-edge/webview2/ and start Amicus again. \
         Your record is untouched, and the amicus command works without it."
    );
    tracing::error!("{message}");
    eprintln!("{message}");
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("Amicus cannot open its window")
        .set_description(&message)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

/// The commands' state, with the record (AMICUS_DB, else amicus.db in the
/// user's data folder, created with the sample record on first run) opening
/// on its own thread, beside the window's start-up.
fn open_beside_the_window(config: Config) -> AppState {
    let state = AppState {
        record: Arc::default(),
        config,
        cancels: cancel::Cancels::default(),
        handle: Arc::default(),
        watcher: Arc::default(),
    };
    let (record, handle, watcher) = (
        Arc::clone(&state.record),
        Arc::clone(&state.handle),
        Arc::clone(&state.watcher),
    );
    let location = AppState::initial_location(&state.config);
    #[cfg(feature = "test-hooks")]
    let hooks = state.config.hooks.clone();
    std::thread::spawn(move || {
        let opened = open_and_announce(&location, &handle, &watcher);
        #[cfg(feature = "test-hooks")]
        if opened.is_ok() {
            hooks.record_opened();
        }
        record.set(opened);
    });
    state
}

/// Run the window over the record being opened, with every command.
fn run_window(context: tauri::Context<tauri::Wry>, state: AppState) {
    let handle = Arc::clone(&state.handle);
    let builder = tauri::Builder::default();
    #[cfg(feature = "test-hooks")]
    let builder = builder.on_page_load(state.config.hooks.on_page_load());
    let result = builder
        .setup(move |app| {
            let _ = handle.set(app.handle().clone());
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(commands::handler())
        .run(context);
    if let Err(e) = result {
        tracing::error!("Amicus stopped: {e}");
        eprintln!("Amicus stopped: {e}");
        std::process::exit(1);
    }
}
