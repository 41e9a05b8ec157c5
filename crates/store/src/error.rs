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
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
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
