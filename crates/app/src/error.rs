use std::path::PathBuf;

use letters::{LetterError, Problem};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AppError {
    #[error(transparent)]
    Letter(#[from] LetterError),
    #[error(transparent)]
    Store(#[from] store::StoreError),
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
    /// The user stopped an export; nothing was written.
    #[error("the export was cancelled; no file was written")]
    Cancelled,
}

impl AppError {
    /// The problems to list, one per line, with their locations.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            AppError::Letter(e) => e.problems(),
            AppError::Store(store::StoreError::Invalid { field, message }) => vec![Problem {
                location: field.to_string(),
                message: message.clone(),
            }],
            AppError::Store(store::StoreError::Rows(rows)) => rows
                .iter()
                .map(|r| Problem {
                    location: format!("line {}", r.line),
                    message: r.message.clone(),
                })
                .collect(),
            other => vec![Problem {
                location: String::new(),
                message: other.to_string(),
            }],
        }
    }
}
