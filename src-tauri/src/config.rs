//! Everything the desktop app reads from its environment, read once at
//! start-up into one value. The test and benchmark hooks (`hooks.rs`) exist
//! only with the `test-hooks` feature: a build without it has no such field
//! and reads no such variable.

use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct Config {
    /// `AMICUS_DB`: the record file to open instead of the default one.
    pub db: Option<PathBuf>,
    /// `AMICUS_DB` when it is a team record's address (postgres://…).
    pub team_url: Option<String>,
    /// `AMICUS_GPU_COMPOSITING`: keep WebKit's GPU compositing.
    pub gpu_compositing: bool,
    /// `WEBKIT_DISABLE_COMPOSITING_MODE` was set by the caller.
    pub compositing_set: bool,
    /// The test and benchmark hooks (`AMICUS_EXPORT_PATH`, `AMICUS_REPORT_READY`, …).
    #[cfg(feature = "test-hooks")]
    pub hooks: crate::hooks::Hooks,
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
            gpu_compositing: set("AMICUS_GPU_COMPOSITING"),
            compositing_set: set("WEBKIT_DISABLE_COMPOSITING_MODE"),
            #[cfg(feature = "test-hooks")]
            hooks: crate::hooks::Hooks::from_vars(&var),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_is_read_into_one_value() {
        let c = Config::from_vars(|name| match name {
            "AMICUS_DB" => Some("/tmp/x.db".into()),
            "AMICUS_GPU_COMPOSITING" => Some("1".into()),
            _ => None,
        });
        assert_eq!(c.db, Some(PathBuf::from("/tmp/x.db")));
        assert_eq!(c.team_url, None);
        let team = Config::from_vars(|name| {
            (name == "AMICUS_DB").then(|| "postgres://dana@db/amicus".into())
        });
        assert_eq!(team.db, None);
        assert_eq!(team.team_url.as_deref(), Some("postgres://dana@db/amicus"));
        assert!(c.gpu_compositing && !c.compositing_set);
    }
}
