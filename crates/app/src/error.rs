//! The one error type of the use cases. Every variant says what went wrong in
//! words a staff member can act on; the front ends branch on the variant
//! (the desktop shell maps each to a closed `code`), never on the text.

use std::path::PathBuf;

use letters::{LetterError, Problem};
use store::{RowProblem, StoreError};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AppError {
    /// Bad input, named by the field it concerns ("date", "recipients").
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// Something asked for is not in the record: "office 12 does not exist".
    #[error("{what} {key} does not exist")]
    NotFound { what: String, key: String },
    /// The request conflicts with the record's state (sending a draft,
    /// approving a sent letter, an overlapping term).
    #[error("{0}")]
    Conflict(String),
    /// Rows of an imported file that cannot be taken; nothing was imported.
    #[error("{} row(s) cannot be imported; nothing was imported:\n{}", .0.len(), rows(.0))]
    Rows(Vec<RowProblem>),
    /// The record holds data this build cannot read back, or a file that is
    /// not (or no longer) a sound Amicus record.
    #[error("the record is damaged: {0}")]
    Damaged(String),
    /// The record file cannot be opened or used as it is (not a database, a
    /// newer schema, a folder that cannot be written).
    #[error("{}: {message}", path.display())]
    Record { path: PathBuf, message: String },
    /// The record's schema cannot be brought up to date (written by a newer Amicus).
    #[error("{0}")]
    Schema(String),
    /// The team record's server refused this user what they asked
    /// ("permission denied: only an approver may approve a letter").
    #[error("{0}")]
    Denied(String),
    /// The team record's server cannot be reached; nothing was saved there.
    #[error("{0}")]
    Unavailable(String),
    /// The database engine failed (a locked file past the wait, a full disk).
    #[error(
        "database error: {0}; try again, and if it persists copy the diagnostics from Settings"
    )]
    Database(String),
    #[error(transparent)]
    Letter(#[from] LetterError),
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}; choose a folder you can write to", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Windows: the file to replace is open in another program (a PDF
    /// viewer holds it without letting it be replaced). The old file is
    /// untouched and nothing was half-written.
    #[error(
        "cannot replace {}: another program has it open (your PDF viewer?) or it is read-only; \
         close it there and try again. The file is unchanged",
        path.display()
    )]
    InUse { path: PathBuf },
    /// Signing in to the organization's mailbox did not succeed, or the
    /// sign-in no longer holds (a refresh token expired or revoked): the
    /// words say "Sign in again", and the window shows the button.
    #[error("{0}")]
    SignIn(String),
    /// The user stopped an export; nothing was written.
    #[error("the export was cancelled; no file was written")]
    Cancelled,
}

fn rows(problems: &[RowProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - line {}: {}", p.line, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid { field, message } => AppError::Invalid {
                field: field.to_string(),
                message,
            },
            StoreError::NotFound { what, id } => AppError::NotFound {
                what: what.to_string(),
                key: id,
            },
            StoreError::Conflict(m) => AppError::Conflict(m),
            StoreError::Rows(r) => AppError::Rows(r),
            StoreError::Corrupt(m) => AppError::Damaged(m),
            StoreError::File { path, message } => AppError::Record { path, message },
            StoreError::Migration(m) => AppError::Schema(m),
            StoreError::Denied(m) => AppError::Denied(m),
            e @ StoreError::Unavailable(_) => AppError::Unavailable(e.to_string()),
            StoreError::Database(e) => AppError::Database(e.to_string()),
        }
    }
}

impl AppError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> AppError {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn not_found(what: impl Into<String>, key: impl ToString) -> AppError {
        AppError::NotFound {
            what: what.into(),
            key: key.to_string(),
        }
    }

    /// Stored data that cannot be read back: the record, not the user, is at fault.
    pub(crate) fn damaged(what: impl std::fmt::Display, e: impl std::fmt::Display) -> AppError {
        AppError::Damaged(format!("{what}: {e}"))
    }

    /// The field a staff member should look at, when there is one.
    pub fn field(&self) -> Option<String> {
        match self {
            AppError::Invalid { field, .. } => Some(field.clone()),
            AppError::Letter(LetterError::Data(p)) => p.first().map(|p| p.location.clone()),
            _ => None,
        }
    }

    /// The problems to list, one per line, with their locations.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            AppError::Letter(e) => e.problems(),
            AppError::Invalid { field, message } => vec![Problem::new(field.clone(), message)],
            AppError::Rows(rows) => rows
                .iter()
                .map(|r| Problem::new(format!("line {}", r.line), r.message.clone()))
                .collect(),
            other => vec![Problem::new(String::new(), other.to_string())],
        }
    }
}
