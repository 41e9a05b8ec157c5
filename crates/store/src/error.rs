use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// A referenced row is missing: "office 12 does not exist".
    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: String },
    /// Bad input, named by the field it concerns.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// The request conflicts with the record's state (sending a draft, editing a sent letter).
    #[error("{0}")]
    Conflict(String),
    #[error("{}: {message}", path.display())]
    File { path: PathBuf, message: String },
    #[error("cannot bring the database up to date: {0}")]
    Migration(String),
    /// Rows of an imported file that cannot be taken, each with its line.
    #[error("{} row(s) cannot be imported; nothing was imported:\n{}", .0.len(), rows(.0))]
    Rows(Vec<RowProblem>),
    /// Stored data this build cannot read back (a bug or a damaged file).
    #[error("the record is damaged: {0}")]
    Corrupt(String),
    /// The team record's server refused this user: "permission denied: only
    /// an approver may approve a letter" (PostgreSQL's SQLSTATE 42501).
    #[error("{0}")]
    Denied(String),
    /// The team record's server cannot be reached, or the connection broke.
    /// Nothing of the write that was under way was kept.
    #[error("the team record's server cannot be reached: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(crate::db::Error),
}

impl From<crate::db::Error> for StoreError {
    fn from(e: crate::db::Error) -> StoreError {
        match e.sqlstate() {
            Some("42501") => return StoreError::Denied(e.to_string()),
            // The record's own rules: a sent letter, the archive, a signed copy.
            Some("AM001") => return StoreError::Conflict(e.to_string()),
            // Connection exceptions, and the server shutting down or starting up.
            Some(code) if code.starts_with("08") || code.starts_with("57") => {
                return StoreError::Unavailable(e.to_string());
            }
            _ => {}
        }
        if e.is_disconnect() {
            return StoreError::Unavailable(e.to_string());
        }
        StoreError::Database(e)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Database(e.into())
    }
}

/// A bad row in an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub message: String,
}

fn rows(problems: &[RowProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - line {}: {}", p.line, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

impl StoreError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field,
            message: message.into(),
        }
    }

    pub fn not_found(what: &'static str, id: impl ToString) -> StoreError {
        StoreError::NotFound {
            what,
            id: id.to_string(),
        }
    }
}
