//! [`App`]: the letter engine, one record and the process's clock. Its fields
//! are private: the front ends reach the record only through the use cases
//! in the area modules (letters, officials, offices, positions, templates,
//! settings, imports, log).
//!
//! Concurrency: every use case takes `&self`. The record's connection sits
//! behind a mutex that a use case holds only while it reads or writes rows,
//! never while it lays out or writes PDFs, so an export in progress does not
//! hold up the live preview. Writes start IMMEDIATE transactions (see
//! `store::Store::write`), so another process writing the same file makes
//! this one wait, not fail.
//!
//! Time comes from the [`Clock`] the app was made with, which every use case
//! reads itself; a caller passes a time only where a person states one. No
//! use case reads the system clock directly, so a letter and its PDF are the
//! same whenever they are rendered.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, RwLock};

use chrono::{DateTime, Utc};
use serde::Serialize;
use store::Store;

use crate::clock::Clock;
use crate::engine::Engine;
use crate::error::AppError;

/// Amicus's version, the one figure everything shows: `amicus --version`,
/// the About section, the log's first line, diagnostics and the package
/// (all from the workspace's `Cargo.toml`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A part of the record that a write changed, so screens showing it refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RecordArea {
    Letters,
    Officials,
    Positions,
    Templates,
    Settings,
}

impl RecordArea {
    pub const ALL: [RecordArea; 5] = [
        RecordArea::Letters,
        RecordArea::Officials,
        RecordArea::Positions,
        RecordArea::Templates,
        RecordArea::Settings,
    ];

    /// The area a team record's change notification names ("letters").
    pub fn from_name(name: &str) -> Option<RecordArea> {
        Some(match name {
            "letters" => RecordArea::Letters,
            "officials" => RecordArea::Officials,
            "positions" => RecordArea::Positions,
            "templates" => RecordArea::Templates,
            "settings" => RecordArea::Settings,
            _ => return None,
        })
    }
}

/// What a write changed: the payload of the desktop's `record-changed` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordChanged {
    pub areas: Vec<RecordArea>,
}

type Listener = Box<dyn Fn(&RecordChanged) + Send + Sync>;

/// The engine and the record, opened together.
pub struct App {
    pub(crate) engine: Engine,
    store: Mutex<Store>,
    clock: Clock,
    listener: RwLock<Option<Listener>>,
    pub(crate) secrets: crate::secrets::Secrets,
    /// The mailbox's access tokens of this session (never written down).
    pub(crate) tokens: crate::oauth::TokenCache,
    /// The folder holding the print service's programs (`lp`, `lpstat`);
    /// none: found on the PATH.
    pub(crate) print_programs: Option<PathBuf>,
}

/// The database Amicus uses when none is named: `$XDG_DATA_HOME/amicus/amicus.db`.
pub fn default_db_path() -> Result<PathBuf, AppError> {
    let dir = dirs::data_dir().ok_or_else(|| {
        AppError::invalid(
            "db",
            "cannot find your data folder (set HOME or XDG_DATA_HOME), or pass --db PATH",
        )
    })?;
    Ok(dir.join("amicus").join("amicus.db"))
}

impl From<DateTime<Utc>> for Clock {
    /// A clock stopped at `at`, in UTC (tests and reproducible runs).
    fn from(at: DateTime<Utc>) -> Clock {
        Clock::fixed(at, chrono_tz::Tz::UTC)
    }
}

impl App {
    /// Open the record at `path`, creating it with the sample data on first
    /// run, and register the shipped templates.
    pub fn open(engine: Engine, path: &Path, clock: impl Into<Clock>) -> Result<App, AppError> {
        let _span = tracing::info_span!("open_record", path = %path.display()).entered();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| AppError::Write {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        Self::with_store(engine, Store::open(path)?, clock)
    }

    /// A new record in memory, with the sample data (tests, previews).
    pub fn in_memory(engine: Engine, clock: impl Into<Clock>) -> Result<App, AppError> {
        Self::with_store(engine, Store::open_in_memory()?, clock)
    }

    #[doc(hidden)]
    pub fn with_store(
        engine: Engine,
        store: Store,
        clock: impl Into<Clock>,
    ) -> Result<App, AppError> {
        Self::assemble(engine, store, clock.into(), true)
    }

    /// The app over `store`; a new, empty record gets the sample letter only
    /// when `sample` (never a team's shared record).
    pub(crate) fn assemble(
        engine: Engine,
        store: Store,
        clock: Clock,
        sample: bool,
    ) -> Result<App, AppError> {
        let app = App {
            engine,
            store: Mutex::new(store),
            clock,
            listener: RwLock::new(None),
            secrets: crate::secrets::Secrets::system(),
            tokens: crate::oauth::TokenCache::default(),
            print_programs: None,
        };
        let fresh = sample && app.db().is_empty()?;
        app.register_builtin_templates()?;
        app.load_user_templates()?;
        if fresh {
            app.seed_sample()?;
        }
        if let Some(zone) = app.db().setting::<String>("time_zone")? {
            // A zone this build no longer knows keeps the system's.
            if let Ok(tz) = crate::clock::parse_zone(&zone) {
                app.clock.set_zone(tz);
            }
        }
        Ok(app)
    }

    /// Keep passwords in `secrets` instead of the user's keychain (tests).
    pub fn with_secrets(mut self, secrets: crate::secrets::Secrets) -> App {
        self.secrets = secrets;
        self
    }

    /// Look for the print service's programs (`lp`, `lpstat`) in `dir`
    /// instead of on the PATH (tests: a computer without CUPS, or a fake one).
    pub fn with_print_programs(mut self, dir: impl Into<PathBuf>) -> App {
        self.print_programs = Some(dir.into());
        self
    }

    /// The app's clock: the use cases' "now" and "today"; the front ends
    /// read it only to show the time.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The letter engine (templates and fonts), for rendering letter data
    /// that is not in the record.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Call `f` after every write with the areas it changed (the desktop
    /// turns this into an event, so every screen refreshes what changed).
    pub fn on_change(&self, f: impl Fn(&RecordChanged) + Send + Sync + 'static) {
        *self.listener.write().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(f));
    }

    pub(crate) fn changed(&self, areas: &[RecordArea]) {
        let listener = self.listener.read().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = listener.as_ref() {
            f(&RecordChanged {
                areas: areas.to_vec(),
            });
        }
    }

    /// The record, for one use case's reads and writes. Held briefly: never
    /// across a layout or a file write. A panic in another use case leaves no
    /// transaction open (rusqlite rolls back on drop), so the lock is taken
    /// even if poisoned.
    pub(crate) fn db(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The record itself, for tests that check what the use cases wrote.
    #[cfg(feature = "test-support")]
    #[doc(hidden)]
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.db()
    }

    /// Close the app, keeping its record (tests that reopen a record).
    #[cfg(feature = "test-support")]
    #[doc(hidden)]
    pub fn into_store(self) -> Store {
        self.store.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn register_builtin_templates(&self) -> Result<(), AppError> {
        let now = self.clock.now();
        let mut db = self.db();
        for (meta, source) in letters::template::SHIPPED {
            let parsed: letters::TemplateMeta = serde_json::from_str(meta)
                .map_err(|e| AppError::damaged("a shipped template's metadata", e))?;
            db.register_builtin_template(&parsed.id, meta, source, now)?;
        }
        Ok(())
    }

    /// Teach the engine every stored template version it may be asked for.
    fn load_user_templates(&self) -> Result<(), AppError> {
        let db = self.db();
        for t in db.templates()? {
            if !t.builtin {
                self.ensure_template(&db, t.id)?;
            }
        }
        Ok(())
    }

    /// The engine's name for a stored template version, registering it if needed.
    pub(crate) fn ensure_template(&self, db: &Store, template_id: i64) -> Result<String, AppError> {
        let t = db.template(template_id)?;
        let shipped = letters::template::SHIPPED
            .iter()
            .any(|(meta, source)| *source == t.source && *meta == t.meta);
        if t.builtin && shipped {
            return Ok(t.key);
        }
        let name = format!("{}@{}", t.key, t.version);
        if !self.engine.knows_template(&name) {
            let mut meta: letters::TemplateMeta = serde_json::from_str(&t.meta)
                .map_err(|e| AppError::damaged(format!("template {name}"), e))?;
            meta.id = name.clone();
            self.engine.add_template(meta, &t.source)?;
        }
        Ok(name)
    }
}
