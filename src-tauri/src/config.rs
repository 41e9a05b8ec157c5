//! Everything the desktop app reads from its environment, read once at
//! start-up into one value. Test hooks (a fixed export path instead of the
//! save dialog) exist only in debug builds or with the `test-hooks` feature,
//! so a release build ignores them.

use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// `AMICUS_DB`: the record file to open instead of the default one.
    pub db: Option<PathBuf>,
    /// `AMICUS_DB` when it is a team record's address (postgres://…).
    pub team_url: Option<String>,
    /// `AMICUS_EMPTY_WINDOW`: run an empty window (the benchmarks' baseline).
    pub empty_window: bool,
    /// `AMICUS_GPU_COMPOSITING`: keep WebKit's GPU compositing.
    pub gpu_compositing: bool,
    /// `WEBKIT_DISABLE_COMPOSITING_MODE` was set by the caller.
    pub compositing_set: bool,
    /// `AMICUS_REPORT_READY`: print start-up timings (for `make bench`).
    pub report_ready: bool,
    /// `AMICUS_EXIT_WHEN_READY`: quit once the letters list is shown.
    pub exit_when_ready: bool,
    /// `AMICUS_EXPORT_PATH` (test builds only): export here, without the save dialog.
    pub export_override: Option<PathBuf>,
}

impl Config {
    /// Read the environment (once, in `main`).
    pub fn from_env() -> Config {
        Self::from_vars(|name| std::env::var_os(name))
    }

    pub fn from_vars(var: impl Fn(&str) -> Option<OsString>) -> Config {
        let set = |name: &str| var(name).is_some();
        Config {
            db: var("AMICUS_DB")
                .filter(|v| !amicus_app::team::is_team_url(&v.to_string_lossy()))
                .map(PathBuf::from),
            team_url: var("AMICUS_DB")
                .map(|v| v.to_string_lossy().into_owned())
                .filter(|v| amicus_app::team::is_team_url(v)),
            empty_window: set("AMICUS_EMPTY_WINDOW"),
            gpu_compositing: set("AMICUS_GPU_COMPOSITING"),
            compositing_set: set("WEBKIT_DISABLE_COMPOSITING_MODE"),
            report_ready: set("AMICUS_REPORT_READY"),
            exit_when_ready: set("AMICUS_EXIT_WHEN_READY"),
            export_override: test_hook(var("AMICUS_EXPORT_PATH")).map(PathBuf::from),
        }
    }
}

#[cfg(any(debug_assertions, feature = "test-hooks"))]
fn test_hook(value: Option<OsString>) -> Option<OsString> {
    value
}

#[cfg(not(any(debug_assertions, feature = "test-hooks")))]
fn test_hook(_value: Option<OsString>) -> Option<OsString> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_is_read_into_one_value() {
        let c = Config::from_vars(|name| match name {
            "AMICUS_DB" => Some("/tmp/x.db".into()),
            "AMICUS_REPORT_READY" => Some("1".into()),
            "AMICUS_EXPORT_PATH" => Some("/tmp/out.pdf".into()),
            _ => None,
        });
        assert_eq!(c.db, Some(PathBuf::from("/tmp/x.db")));
        assert_eq!(c.team_url, None);
        let team = Config::from_vars(|name| {
            (name == "AMICUS_DB").then(|| "postgres://dana@db/amicus".into())
        });
        assert_eq!(team.db, None);
        assert_eq!(team.team_url.as_deref(), Some("postgres://dana@db/amicus"));
        assert!(c.report_ready && !c.exit_when_ready && !c.empty_window);
        // Tests run as a debug build, where the hook is on.
        assert_eq!(c.export_override, Some(PathBuf::from("/tmp/out.pdf")));
    }
}
