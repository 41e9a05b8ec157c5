//! Moving a whole record between engines: a single-user file into a team
//! record (`amicus team import`), and a team record out to the same portable
//! SQLite file a single-user backup is (`amicus backup`). Every row is
//! copied with its id, in one transaction on the receiving side; every
//! archived PDF and signed copy has its SHA-256 checked on the way.

use std::path::Path;

use rusqlite::types::Value;
use serde::Serialize;

use crate::db::{Connection, Dialect, params_from_iter};
use crate::letters::sha256_hex;
use crate::{Result, Store, StoreError};

/// The record's tables, each after the ones it refers to. The text index
/// is not copied: each engine builds its own from the rows.
const TABLES: [&str; 22] = [
    "settings",
    "organizations",
    "persons",
    "offices",
    "terms",
    "issues",
    "positions",
    "templates",
    "signers",
    "letters",
    "letter_recipients",
    "archive",
    "events",
    "local_offices",
    "signed_copies",
    "committees",
    "committee_members",
    "saved_lists",
    "saved_list_members",
    "paragraphs",
    "copy_contacts",
    "reply_files",
];

/// What a transfer copied.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Copied {
    /// Rows per table, in copying order.
    pub tables: Vec<(String, u64)>,
    /// Archived PDFs and signed copies whose SHA-256 was checked.
    pub pdfs_checked: u64,
}

impl Copied {
    pub fn rows(&self, table: &str) -> u64 {
        self.tables
            .iter()
            .find(|(t, _)| t == table)
            .map_or(0, |(_, n)| *n)
    }
}

/// (name, is the integer primary key) of each column, from the SQLite side.
fn columns(sqlite: &rusqlite::Connection, table: &str) -> Result<Vec<(String, bool)>> {
    let mut stmt = sqlite.prepare(&format!("PRAGMA table_info({table})"))?;
    let cols = stmt
        .query_map([], |r| {
            let name: String = r.get(1)?;
            let pk: i64 = r.get(5)?;
            Ok((name, pk == 1))
        })?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(cols)
}

/// Refuse a PDF whose bytes no longer match the hash stored with them.
fn check_pdf(table: &str, cols: &[(String, bool)], row: &[Value]) -> Result<bool> {
    let at = |name: &str| cols.iter().position(|(c, _)| c == name);
    let (Some(pdf), Some(hash)) = (at("pdf"), at("sha256")) else {
        return Ok(false);
    };
    let (Value::Blob(bytes), Value::Text(expected)) = (&row[pdf], &row[hash]) else {
        return Err(StoreError::Corrupt(format!(
            "{table}: a row without its PDF or hash"
        )));
    };
    if sha256_hex(bytes) != *expected {
        let letter = at("letter_id").map(|i| &row[i]);
        return Err(StoreError::Corrupt(format!(
            "an archived PDF of letter {letter:?} does not match its SHA-256; nothing was copied — restore that record from a backup first"
        )));
    }
    Ok(true)
}

fn copy_tables(from: &Connection, to: &Connection, shape: &rusqlite::Connection) -> Result<Copied> {
    let mut copied = Copied::default();
    for table in TABLES {
        let cols = columns(shape, table)?;
        let names: Vec<&str> = cols.iter().map(|(c, _)| c.as_str()).collect();
        let select = format!("SELECT {} FROM {table} ORDER BY 1", names.join(", "));
        // A file's events name nobody, and stay so: the history is not
        // the administrator's who imported it.
        let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let insert = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            placeholders.join(", ")
        );
        let rows = from.query_map(&select, [] as [&dyn crate::db::ToSql; 0], |r| {
            (0..names.len())
                .map(|i| r.get::<Value>(i))
                .collect::<crate::db::Result<Vec<Value>>>()
        })?;
        let mut n = 0;
        for row in rows {
            let row = row?;
            if check_pdf(table, &cols, &row)? {
                copied.pdfs_checked += 1;
            }
            to.execute(&insert, params_from_iter(row))?;
            n += 1;
        }
        if to.dialect() == Dialect::Postgres && cols.iter().any(|(c, pk)| c == "id" && *pk) {
            // Identity columns continue after the copied ids.
            to.execute_batch(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table} HAVING max(id) IS NOT NULL"
            ))?;
        }
        copied.tables.push((table.to_string(), n));
    }
    Ok(copied)
}

impl Store {
    /// Copy the single-user record `from` into this team record, which must
    /// be empty. All of it lands, or none of it.
    pub fn import_record(&mut self, from: &Store) -> Result<Copied> {
        let Some(shape) = from.conn.sqlite() else {
            return Err(StoreError::invalid(
                "file",
                "the record to import must be a single-user file",
            ));
        };
        if self.conn.sqlite().is_some() {
            return Err(StoreError::invalid(
                "db",
                "import into a team record (--db postgres://…); a file is restored from a backup instead",
            ));
        }
        let tx = self.conn.begin_write()?;
        let occupied: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM letters) OR EXISTS (SELECT 1 FROM persons)
                 OR EXISTS (SELECT 1 FROM offices)",
            [] as [&dyn crate::db::ToSql; 0],
            |r| r.get(0),
        )?;
        if occupied {
            return Err(StoreError::Conflict(
                "the team record already holds letters or officials; import a file only into a new, empty team record"
                    .into(),
            ));
        }
        // The rows arrive as they were (sent copies, their history): the
        // server lets this one transaction write them, an administrator's
        // into an empty record (pg/06-record-rules.sql).
        tx.execute_batch("SELECT amicus_begin_import()")?;
        // Built-in templates are registered by every Amicus that opens the
        // record; the file's own rows (with their ids) replace them.
        tx.execute_batch("DELETE FROM templates WHERE NOT EXISTS (SELECT 1 FROM letters)")?;
        let copied = copy_tables(&from.conn, &tx, shape)?;
        tx.commit()?;
        Ok(copied)
    }

    /// Write this record to `dest` as a single-user SQLite file (the backup
    /// format of both engines). The file appears whole or not at all.
    pub fn export_record(&self, dest: &Path) -> Result<Copied> {
        let err = |message: String| StoreError::File {
            path: dest.to_path_buf(),
            message,
        };
        let tmp = crate::temp_beside(dest, ".amicus-export-")?;
        let file = Store::open(tmp.path())?;
        let shape = file.sqlite()?;
        let tx = file.conn.begin_write()?;
        let copied = copy_tables(&self.conn, &tx, shape)?;
        tx.commit()?;
        drop(file);
        tmp.persist(dest).map_err(|e| err(e.error.to_string()))?;
        Ok(copied)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::TABLES;

    #[test]
    fn every_table_of_the_record_is_copied() {
        let store = crate::Store::open_in_memory().unwrap();
        let conn = store.conn.sqlite().unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search%' ORDER BY name",
            )
            .unwrap();
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut copied: Vec<&str> = TABLES.to_vec();
        copied.sort_unstable();
        assert_eq!(tables, copied);
    }
}
