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
    /// Stored data this build cannot read back (a bug or a damaged file).
    #[error("the record is damaged: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
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
