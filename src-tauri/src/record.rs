//! The record the window works on, opened on its own thread while the window
//! starts. Commands wait while it opens; if it cannot be opened (a missing
//! folder that cannot be made, a file that is not a database, a newer
//! schema, a locked file) or opening panics, the failure is kept and shown by
//! the window, which can then open another file or restore a backup.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use amicus_app::team::TeamConnect;
use amicus_app::{App, AppError, Clock, Engine};
use serde::Serialize;

use crate::ipc_error::{ErrorCode, IpcError};

/// Why the record could not be opened, for the start-up screen.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct OpenFailure {
    pub message: String,
    pub db_path: String,
    /// Backups of this record found beside it (the automatic ones taken
    /// before each upgrade), newest first.
    pub backups: Vec<String>,
    /// The team record that could not be reached ("postgres://dana@db/amicus"):
    /// the window offers to try again or to use the local record.
    pub team: Option<String>,
}

/// Where the window's record is.
#[derive(Debug, Clone)]
pub enum Location {
    /// A single-user file (the default one when None).
    File(Option<PathBuf>),
    /// A team record on PostgreSQL.
    Team(TeamConnect),
    /// The team record this computer was set to use, whose saved settings
    /// (`file`) cannot be used: shown at start-up as such, never quietly
    /// replaced by the local record.
    Unusable { file: PathBuf, message: String },
}

/// What the window shows first: the app, or why the record did not open.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Startup {
    Ready,
    Failed(OpenFailure),
}

enum State {
    Opening,
    Ready(Arc<App>),
    Failed(OpenFailure),
}

/// The record behind the window.
pub struct Record {
    state: Mutex<State>,
    opened: Condvar,
}

impl Default for Record {
    fn default() -> Self {
        Record {
            state: Mutex::new(State::Opening),
            opened: Condvar::new(),
        }
    }
}

impl Record {
    /// The open app, waiting while the record is still opening.
    pub fn app(&self) -> Result<Arc<App>, IpcError> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while matches!(*state, State::Opening) {
            state = self.opened.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        match &*state {
            State::Ready(app) => Ok(Arc::clone(app)),
            State::Failed(f) => Err(IpcError {
                code: ErrorCode::Unavailable,
                message: format!("the record is not open: {}", f.message),
                field: None,
            }),
            State::Opening => unreachable!("waited above"),
        }
    }

    /// Ready, or why not (waiting while it opens).
    pub fn startup(&self) -> Startup {
        match self.app() {
            Ok(_) => Startup::Ready,
            Err(_) => match &*self.state.lock().unwrap_or_else(|e| e.into_inner()) {
                State::Failed(f) => Startup::Failed(f.clone()),
                _ => Startup::Ready,
            },
        }
    }

    pub fn set(&self, opened: Result<Arc<App>, OpenFailure>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        *state = match opened {
            Ok(app) => State::Ready(app),
            Err(f) => State::Failed(f),
        };
        self.opened.notify_all();
    }

    /// Start opening again (while a new file is opened).
    pub fn reopening(&self) {
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) = State::Opening;
    }
}

/// Open the record at `location`, turning an error or a panic into a
/// failure the window can show.
pub fn open(location: &Location, clock: Clock) -> Result<App, OpenFailure> {
    let (path, team) = match location {
        Location::File(Some(p)) => (p.clone(), None),
        Location::File(None) => (
            amicus_app::default_db_path().map_err(|e| failure(Path::new(""), &e.to_string()))?,
            None,
        ),
        Location::Team(c) => (PathBuf::new(), Some(c)),
        Location::Unusable { file, message } => {
            tracing::error!(path = %file.display(), "cannot use the saved team record: {message}");
            let file = file.display().to_string();
            return Err(OpenFailure {
                message: message.clone(),
                db_path: file.clone(),
                backups: Vec::new(),
                team: Some(file),
            });
        }
    };
    let opened = std::panic::catch_unwind(|| {
        Engine::new().and_then(|engine| match team {
            Some(c) => App::open_team(engine, c, clock),
            None => App::open(engine, &path, clock),
        })
    });
    let fail = |message: &str| match team {
        Some(c) => OpenFailure {
            message: message.to_string(),
            db_path: amicus_app::team::describe(&c.url),
            backups: Vec::new(),
            team: Some(amicus_app::team::describe(&c.url)),
        },
        None => failure(&path, message),
    };
    match opened {
        Ok(Ok(app)) => Ok(app),
        Ok(Err(e)) => {
            tracing::error!(path = %path.display(), "cannot open the record: {e}");
            Err(fail(&explain(&e)))
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "an internal error".into());
            tracing::error!(path = %path.display(), "opening the record panicked: {what}");
            Err(fail(&format!(
                "Amicus failed while opening it ({what}); please send the diagnostics to whoever supports you"
            )))
        }
    }
}

/// The error in words for the start-up screen.
fn explain(e: &AppError) -> String {
    match e {
        AppError::Database(m) if m.contains("locked") || m.contains("busy") => {
            "another program is holding the record locked; close it and try again".into()
        }
        other => other.to_string(),
    }
}

fn failure(path: &Path, message: &str) -> OpenFailure {
    OpenFailure {
        message: message.to_string(),
        db_path: path.display().to_string(),
        backups: backups_of(path)
            .into_iter()
            .map(|p| p.display().to_string())
            .collect(),
        team: None,
    }
}

/// The automatic backups beside `path` (`amicus.db.schema-N.bak`), newest schema first.
pub fn backups_of(path: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Vec::new();
    };
    let prefix = format!("{}.schema-", name.to_string_lossy());
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".bak"))
        })
        .collect();
    found.sort();
    found.reverse();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_a_database_is_a_failure_with_its_backups() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("amicus.db");
        std::fs::write(&path, b"this is not a database, it is a letter").unwrap();
        std::fs::write(dir.path().join("amicus.db.schema-3.bak"), b"x").unwrap();
        let f = open(&Location::File(Some(path.clone())), Clock::system())
            .err()
            .expect("refused");
        assert!(
            f.message.contains("not an Amicus database"),
            "{}",
            f.message
        );
        assert_eq!(f.db_path, path.display().to_string());
        assert_eq!(f.backups.len(), 1);
        assert!(f.backups[0].ends_with("amicus.db.schema-3.bak"));
        // The file is left as it was.
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"this is not a database, it is a letter"
        );
    }

    #[test]
    fn an_unreachable_team_record_is_a_failure_that_names_it_without_the_password() {
        let dir = tempfile::tempdir().unwrap();
        let c = TeamConnect {
            url: format!(
                "postgres://dana:secret@/amicus?host={}",
                dir.path().display()
            ),
            ..TeamConnect::default()
        };
        let f = open(&Location::Team(c), Clock::system())
            .err()
            .expect("refused");
        let place = f.team.expect("a team failure");
        assert!(place.starts_with("postgres://dana@/amicus"), "{place}");
        assert!(!f.message.contains("secret") && !place.contains("secret"));
        assert!(f.message.contains("cannot be reached"), "{}", f.message);
        assert!(f.backups.is_empty());
    }

    #[test]
    fn damaged_team_settings_are_a_failure_naming_the_file_not_the_local_record() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("team.json");
        std::fs::write(&file, "{\"url\": \"postgres://dana@db/amic").unwrap();
        let location =
            crate::AppState::initial_location_with(&crate::config::Config::default(), || {
                amicus_app::team::saved_team_in(&file)
            });
        assert!(
            matches!(location, Location::Unusable { .. }),
            "{location:?}"
        );
        let f = open(&location, Clock::system()).err().expect("refused");
        assert!(f.message.contains("team.json"), "{}", f.message);
        assert!(f.message.contains("damaged"), "{}", f.message);
        assert_eq!(f.team.as_deref(), Some(file.display().to_string().as_str()));
    }

    #[test]
    fn commands_get_unavailable_when_the_record_failed() {
        let record = Record::default();
        record.set(Err(OpenFailure {
            message: "nope".into(),
            db_path: "/x".into(),
            backups: vec![],
            team: None,
        }));
        let err = record.app().err().expect("no app");
        assert!(matches!(err.code, ErrorCode::Unavailable));
        assert!(matches!(record.startup(), Startup::Failed(_)));
    }

    #[test]
    fn a_command_waits_while_the_record_opens() {
        let record = Arc::new(Record::default());
        let waiting = Arc::clone(&record);
        let t = std::thread::spawn(move || waiting.startup());
        std::thread::sleep(std::time::Duration::from_millis(50));
        let dir = tempfile::tempdir().unwrap();
        let app = open(
            &Location::File(Some(dir.path().join("a.db"))),
            Clock::system(),
        )
        .unwrap();
        record.set(Ok(Arc::new(app)));
        assert_eq!(t.join().unwrap(), Startup::Ready);
    }
}
