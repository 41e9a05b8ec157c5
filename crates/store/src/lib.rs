//! The Amicus record in SQLite.
//!
//! One [`Store`] wraps one connection. Every write that touches more than
//! one row runs in a single transaction, so an error (or a crash) leaves the
//! database as it was. The schema is a list of numbered `.sql` migrations
//! embedded at build time; before upgrading an existing file the store takes
//! an online backup of it beside the original.
//!
//! Time never comes from the clock here: callers pass timestamps in, so the
//! record of a letter is reproducible.

pub mod committees;
pub mod db;
mod error;
pub mod followups;
pub mod import;
pub mod letters;
pub mod log;
pub mod model;
pub mod officials;
pub mod officials_csv;
pub mod paragraphs;
pub mod positions;
pub mod reports;
pub mod team;
pub mod templates;
pub mod transfer;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rusqlite::OpenFlags;

use crate::db::Connection;
use rusqlite_migration::{M, Migrations};

pub use error::{RowProblem, StoreError};
pub use model::*;
pub use rusqlite;

pub type Result<T> = std::result::Result<T, StoreError>;

/// The schema, oldest first. Forward-only: never edit a released file, add one.
const MIGRATION_SQL: [&str; 17] = [
    include_str!("../migrations/01-record.sql"),
    include_str!("../migrations/02-search.sql"),
    include_str!("../migrations/03-rosters.sql"),
    include_str!("../migrations/04-posts.sql"),
    include_str!("../migrations/05-signatures.sql"),
    include_str!("../migrations/06-delivery.sql"),
    include_str!("../migrations/07-committees.sql"),
    include_str!("../migrations/08-saved-lists.sql"),
    include_str!("../migrations/09-paragraphs.sql"),
    include_str!("../migrations/10-actors.sql"),
    include_str!("../migrations/11-followups.sql"),
    include_str!("../migrations/12-sent-copies-final.sql"),
    include_str!("../migrations/13-term-addresses.sql"),
    include_str!("../migrations/14-deleted-drafts.sql"),
    include_str!("../migrations/15-term-ends.sql"),
    include_str!("../migrations/16-issue-contacts.sql"),
    include_str!("../migrations/17-log-order.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect()));

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = MIGRATION_SQL.len();

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// A team record's place: "dana@db.example.org/amicus".
    team: Option<String>,
}

/// How the connection behaves; one place for every pragma.
fn configure(conn: &rusqlite::Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // WAL keeps readers unblocked while a letter is written; NORMAL sync is
    // durable against a crashed process (the case the app must survive).
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if mode != "wal" && mode != "memory" {
        return Err(StoreError::Migration(format!(
            "the database could not switch to WAL journaling (it reports \"{mode}\")"
        )));
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Reads through a memory map and a 32 MB page cache: the sent log of a
    // large record touches pages all over the file.
    conn.pragma_update(None, "mmap_size", 256 * 1024 * 1024)?;
    conn.pragma_update(None, "cache_size", -32_000)?;
    Ok(())
}

fn user_version(conn: &rusqlite::Connection) -> Result<usize> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(usize::try_from(v).unwrap_or(0))
}

impl Store {
    /// Open (creating if needed) the database at `path` and bring its schema
    /// up to date. A file written by a newer Amicus is refused untouched.
    pub fn open(path: &Path) -> Result<Store> {
        let existed = path.exists();
        let conn = rusqlite::Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::File {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let from = user_version(&conn).map_err(|e| not_a_database(path, e))?;
        if from > SCHEMA_VERSION {
            return Err(StoreError::Migration(format!(
                "{} was written by a newer Amicus (schema {from}; this build knows {SCHEMA_VERSION}); update Amicus to open it",
                path.display()
            )));
        }
        configure(&conn).map_err(|e| not_a_database(path, e))?;
        if existed && from > 0 && from < SCHEMA_VERSION {
            let backup = backup_path(path, from);
            backup_to(&conn, &backup)?;
        }
        let mut store = Store {
            conn: Connection::Sqlite(conn),
            path: Some(path.to_path_buf()),
            team: None,
        };
        store.migrate()?;
        Ok(store)
    }

    /// A fresh database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let conn = rusqlite::Connection::open_in_memory()?;
        configure(&conn)?;
        let mut store = Store {
            conn: Connection::Sqlite(conn),
            path: None,
            team: None,
        };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<()> {
        match &mut self.conn {
            Connection::Sqlite(c) => MIGRATIONS
                .to_latest(c)
                .map_err(|e| StoreError::Migration(e.to_string())),
            Connection::Postgres(_) => Ok(()),
        }
    }

    /// The SQLite connection underneath (none on a team record).
    fn sqlite(&self) -> Result<&rusqlite::Connection> {
        self.conn.sqlite().ok_or_else(|| {
            StoreError::Conflict("this is a team record on PostgreSQL, not a file".into())
        })
    }

    /// The file behind this store (none for an in-memory store).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Where a team record is ("dana@db.example.org/amicus"); None for a file.
    pub fn team_place(&self) -> Option<&str> {
        self.team.as_deref()
    }

    pub fn schema_version(&self) -> Result<usize> {
        match &self.conn {
            Connection::Sqlite(c) => user_version(c),
            Connection::Postgres(_) => team::schema_version(&self.conn),
        }
    }

    /// The raw connection, for tests and benchmarks that check the record itself.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Which engine holds this record.
    pub fn dialect(&self) -> db::Dialect {
        self.conn.dialect()
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound. A team record's
    /// server checks its own pages; there the archive's hashes are what is
    /// checked (see `verify_archive`).
    pub fn integrity_check(&self) -> Result<String> {
        let Some(conn) = self.conn.sqlite() else {
            return Ok("ok".into());
        };
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(lines.join("\n"))
    }

    /// Copy the whole database to `dest` with SQLite's online backup, so the
    /// copy is consistent even while the app is writing.
    /// A team record is written out as the same single-user file format.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        match self.conn.sqlite() {
            Some(c) => backup_to(c, dest),
            None => self.export_record(dest).map(|_| ()),
        }
    }

    /// Replace this database's contents with the backup at `src`. The backup
    /// is checked first (a sound Amicus database this build can read); if it
    /// is not, nothing changes.
    pub fn restore(&mut self, src: &Path) -> Result<()> {
        if !src.is_file() {
            return Err(StoreError::File {
                path: src.to_path_buf(),
                message: "no such file".into(),
            });
        }
        // Validate a private copy, upgrading it if it is older, so the live
        // database is only ever replaced by a current, sound one.
        let dir = tempfile::TempDir::new().map_err(|e| StoreError::File {
            path: src.to_path_buf(),
            message: e.to_string(),
        })?;
        let staged = dir.path().join("restore.db");
        std::fs::copy(src, &staged).map_err(|e| StoreError::File {
            path: src.to_path_buf(),
            message: e.to_string(),
        })?;
        let candidate = Store::open(&staged).map_err(|e| StoreError::File {
            path: src.to_path_buf(),
            message: format!("not an Amicus backup: {e}"),
        })?;
        let check = candidate.integrity_check()?;
        if check != "ok" {
            return Err(StoreError::File {
                path: src.to_path_buf(),
                message: format!("the backup is damaged: {check}"),
            });
        }
        let has_record: bool = candidate.sqlite()?.query_row(
            "SELECT count(*) = 1 FROM sqlite_master WHERE name = 'letters'",
            [],
            |r| r.get(0),
        )?;
        if !has_record {
            return Err(StoreError::File {
                path: src.to_path_buf(),
                message: "not an Amicus backup".into(),
            });
        }
        let Connection::Sqlite(conn) = &mut self.conn else {
            return Err(StoreError::Conflict(
                "a team record is restored by `amicus team import`, not from a backup file".into(),
            ));
        };
        conn.restore(
            rusqlite::MAIN_DB,
            &staged,
            None::<fn(rusqlite::backup::Progress)>,
        )
        .map_err(|e| StoreError::File {
            path: src.to_path_buf(),
            message: e.to_string(),
        })?;
        Ok(())
    }

    /// Run `f` in one transaction: all of its writes land, or none do.
    ///
    /// The transaction starts IMMEDIATE: it takes the write lock first (waiting
    /// up to the busy timeout for another writer), so two processes writing at
    /// once queue instead of one being refused "database is locked" when its
    /// read is upgraded to a write.
    ///
    /// On a team record every write takes one transaction-scoped advisory
    /// lock first, the same queue of writers SQLite keeps: writes are short,
    /// and no colleague's write is ever refused as a serialization failure.
    pub fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.begin_write()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// A setting's JSON value.
    pub fn setting<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let text: Option<String> = optional(self.conn.query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [key],
            |r| r.get(0),
        ))?;
        text.map(|t| {
            serde_json::from_str(&t).map_err(|e| StoreError::Corrupt(format!("setting {key}: {e}")))
        })
        .transpose()
    }

    pub fn set_setting<T: serde::Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        let text = serde_json::to_string(value)
            .map_err(|e| StoreError::Corrupt(format!("setting {key}: {e}")))?;
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, text),
        )?;
        Ok(())
    }

    /// Several settings written together: all of them or none.
    pub fn set_settings(&mut self, values: &[(&str, serde_json::Value)]) -> Result<()> {
        let texts = values
            .iter()
            .map(|(key, value)| {
                serde_json::to_string(value)
                    .map(|t| (*key, t))
                    .map_err(|e| StoreError::Corrupt(format!("setting {key}: {e}")))
            })
            .collect::<Result<Vec<_>>>()?;
        self.write(|tx| {
            for (key, text) in &texts {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, text),
                )?;
            }
            Ok(())
        })
    }

    /// True when the record holds nothing yet (a first run).
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM persons) AND NOT EXISTS (SELECT 1 FROM letters)
                AND NOT EXISTS (SELECT 1 FROM settings)",
            [],
            |r| r.get(0),
        )?)
    }
}

/// Where the automatic pre-upgrade backup of `path` at schema `from` goes.
pub fn backup_path(path: &Path, from: usize) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".schema-{from}.bak"));
    path.with_file_name(name)
}

/// A temporary file beside `dest`, to be renamed over it once complete, so
/// a failed write never leaves a truncated file under the name asked for.
pub(crate) fn temp_beside(dest: &Path, prefix: &str) -> Result<tempfile::NamedTempFile> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(prefix)
        .tempfile_in(dir)
        .map_err(|e| StoreError::File {
            path: dest.to_path_buf(),
            message: e.to_string(),
        })
}

fn backup_to(conn: &rusqlite::Connection, dest: &Path) -> Result<()> {
    let err = |message: String| StoreError::File {
        path: dest.to_path_buf(),
        message,
    };
    let tmp = temp_beside(dest, ".amicus-backup-")?;
    conn.backup(
        rusqlite::MAIN_DB,
        tmp.path(),
        None::<fn(rusqlite::backup::Progress)>,
    )
    .map_err(|e| err(e.to_string()))?;
    tmp.persist(dest).map_err(|e| err(e.error.to_string()))?;
    Ok(())
}

fn not_a_database(path: &Path, e: StoreError) -> StoreError {
    StoreError::File {
        path: path.to_path_buf(),
        message: format!("not an Amicus database ({e})"),
    }
}

/// Whether `table` has a row with this id (`table` is always a literal).
pub(crate) fn exists(conn: &Connection, table: &str, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
        [id],
        |r| r.get(0),
    )?)
}

/// `Ok(None)` for "no row", the error otherwise.
pub(crate) fn optional<T>(r: db::Result<T>) -> Result<Option<T>> {
    use db::OptionalExtension;
    Ok(r.optional()?)
}
