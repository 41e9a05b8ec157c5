//! The test and benchmark hooks, compiled only with the `test-hooks` feature
//! (`make e2e`, `make screenshots` and `make bench` turn it on; `make run`
//! and the release package never do, and `scripts/package-test.sh` checks
//! that the installed programs hold none of these names):
//!
//! - `AMICUS_EXPORT_PATH`: export there instead of asking with the save
//!   dialog (the `export_path_override` command); a folder: there, under
//!   the name the dialog would suggest;
//! - `AMICUS_OPEN_PATH`: files to open instead of asking with the open
//!   dialog, a list like `PATH`; each dialog takes the first of the kind it
//!   asks for (the `open_path_override` command);
//! - `AMICUS_REPORT_READY`: print the start-up timings (the page's load, the
//!   record opened, the letters list usable: the `app_ready` command);
//! - `AMICUS_EXIT_WHEN_READY`: with it, quit once the letters list is usable;
//! - `AMICUS_EMPTY_WINDOW`: the same runtime with an empty page and nothing
//!   else, the baseline of the cold-start and memory benchmarks.
//!
//! The UI's side (calling these commands, the preview's marks, the empty
//! page) is built only with `AMICUS_TEST_HOOKS=1` (ui/vite.config.ts).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Instant;

use tauri::State;

use crate::AppState;

/// The hooks' settings, read from the environment with the rest of `Config`.
#[derive(Debug, Clone)]
pub struct Hooks {
    /// When the process started (the environment is read first thing).
    pub started: Instant,
    /// `AMICUS_EMPTY_WINDOW`: run an empty window (the benchmarks' baseline).
    pub empty_window: bool,
    /// `AMICUS_REPORT_READY`: print start-up timings.
    pub report_ready: bool,
    /// `AMICUS_EXIT_WHEN_READY`: quit once the letters list is shown.
    pub exit_when_ready: bool,
    /// `AMICUS_EXPORT_PATH`: export here, without the save dialog.
    pub export_path: Option<PathBuf>,
    /// `AMICUS_OPEN_PATH`: open these, without the open dialog.
    pub open_paths: Vec<PathBuf>,
}

impl Default for Hooks {
    fn default() -> Hooks {
        Hooks::from_vars(|_| None)
    }
}

impl Hooks {
    pub fn from_vars(var: impl Fn(&str) -> Option<OsString>) -> Hooks {
        Hooks {
            started: Instant::now(),
            empty_window: var("AMICUS_EMPTY_WINDOW").is_some(),
            report_ready: var("AMICUS_REPORT_READY").is_some(),
            exit_when_ready: var("AMICUS_EXIT_WHEN_READY").is_some(),
            export_path: var("AMICUS_EXPORT_PATH").map(PathBuf::from),
            open_paths: var("AMICUS_OPEN_PATH")
                .map(|v| std::env::split_paths(&v).collect())
                .unwrap_or_default(),
        }
    }

    /// Milliseconds since the process started.
    fn elapsed_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1000.0
    }

    /// The record opened (printed with `AMICUS_REPORT_READY`).
    pub fn record_opened(&self) {
        if self.report_ready {
            println!("amicus-opened-ms {:.1}", self.elapsed_ms());
        }
    }

    /// Say when the page starts and finishes loading (with
    /// `AMICUS_REPORT_READY`; the cold-start benchmark compares this with an
    /// empty window).
    pub fn on_page_load<R: tauri::Runtime>(
        &self,
    ) -> impl Fn(&tauri::Webview<R>, &tauri::webview::PageLoadPayload<'_>) + Send + Sync + 'static
    {
        let hooks = self.clone();
        move |_, payload| {
            if hooks.report_ready {
                let what = match payload.event() {
                    tauri::webview::PageLoadEvent::Started => "started",
                    tauri::webview::PageLoadEvent::Finished => "finished",
                };
                println!("amicus-page-{what}-ms {:.1}", hooks.elapsed_ms());
            }
        }
    }
}

/// The fixed export path of a test run, instead of the save dialog: the
/// path given, or in the folder given the name `suggested`.
#[tauri::command]
pub fn export_path_override(state: State<'_, AppState>, suggested: String) -> Option<PathBuf> {
    let fixed = state.config.hooks.export_path.clone()?;
    match (fixed.is_dir(), std::path::Path::new(&suggested).file_name()) {
        (true, Some(name)) => Some(fixed.join(name)),
        _ => Some(fixed),
    }
}

/// The file a test run opens instead of asking with the open dialog: the
/// first of `AMICUS_OPEN_PATH` with one of `extensions`.
#[tauri::command]
pub fn open_path_override(state: State<'_, AppState>, extensions: Vec<String>) -> Option<PathBuf> {
    state
        .config
        .hooks
        .open_paths
        .iter()
        .find(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
        })
        .cloned()
}

/// The letters list is on screen and usable: report the time since the
/// process started, with the page's own steps, and quit if asked to.
#[tauri::command]
pub fn app_ready(state: State<'_, AppState>, page_ms: f64, steps: BTreeMap<String, f64>) {
    let hooks = &state.config.hooks;
    if hooks.report_ready {
        // page_ms: since the page began to load, so the rest is the webview's start.
        let mut steps: Vec<_> = steps.into_iter().collect();
        steps.sort_by(|a, b| a.1.total_cmp(&b.1));
        let steps: Vec<String> = steps.iter().map(|(k, v)| format!("{k} {v:.0}")).collect();
        println!(
            "amicus-ready-ms {:.1} page-ms {page_ms:.1} steps: {}",
            hooks.elapsed_ms(),
            steps.join(", ")
        );
        if hooks.exit_when_ready {
            std::process::exit(0);
        }
    }
}

/// The empty page painted its first frame: the baseline of the cold-start
/// ratio, measured the same way as the app's letters list.
#[tauri::command]
fn empty_painted(state: State<'_, Hooks>, page_ms: f64) {
    println!(
        "amicus-empty-painted-ms {:.1} page-ms {page_ms:.1}",
        state.elapsed_ms()
    );
}

/// The memory and cold-start benchmarks' baseline: the same runtime with an
/// empty page (`empty.html`, in the UI only when built with its hooks) and
/// nothing else (no record, no commands, no plugins).
pub fn run_empty_window(mut context: tauri::Context<tauri::Wry>, hooks: Hooks) {
    if let Some(w) = context.config_mut().app.windows.first_mut() {
        w.url = tauri::WebviewUrl::App("empty.html".into());
    }
    let empty = tauri::Builder::default()
        .on_page_load(hooks.on_page_load())
        .manage(hooks)
        .invoke_handler(tauri::generate_handler![empty_painted]);
    if let Err(e) = empty.run(context) {
        eprintln!("empty window: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hooks_are_read_with_the_environment() {
        let c = crate::config::Config::from_vars(|name| match name {
            "AMICUS_REPORT_READY" => Some("1".into()),
            "AMICUS_EXPORT_PATH" => Some("/tmp/out.pdf".into()),
            _ => None,
        });
        let h = &c.hooks;
        assert!(h.report_ready && !h.exit_when_ready && !h.empty_window);
        assert_eq!(h.export_path, Some(PathBuf::from("/tmp/out.pdf")));
        assert!(!Hooks::default().report_ready);
    }
}
