//! The error every command returns: `{ code, message, field? }`, with a
//! closed set of codes the UI can branch on. Every error is logged, and the
//! last few are kept (code and message only) for "Copy diagnostics".

use std::collections::VecDeque;
use std::sync::Mutex;

use amicus_app::{AppError, LetterError};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidData,
    Template,
    Typeset,
    Io,
    NotFound,
    Conflict,
    Database,
    /// The record holds data this build cannot read back.
    Damaged,
    /// The record is not open (it failed to open at start-up).
    Unavailable,
    /// The user cancelled (an export); nothing was written.
    Cancelled,
    /// The team record's server refused this user (their role does not allow it).
    Denied,
    /// The mailbox sign-in did not succeed or no longer holds: the window
    /// offers "Sign in with …" right there.
    SignIn,
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

/// How many recent errors diagnostics keep.
const KEPT: usize = 20;
static RECENT: Mutex<VecDeque<String>> = Mutex::new(VecDeque::new());

/// The last errors the window saw, oldest first.
pub fn recent_errors() -> Vec<String> {
    RECENT
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .cloned()
        .collect()
}

fn code_of(e: &AppError) -> ErrorCode {
    match e {
        AppError::Invalid { .. } | AppError::Rows(_) => ErrorCode::InvalidData,
        AppError::NotFound { .. } => ErrorCode::NotFound,
        AppError::Conflict(_) => ErrorCode::Conflict,
        AppError::Damaged(_) => ErrorCode::Damaged,
        AppError::Record { .. } | AppError::Schema(_) => ErrorCode::Io,
        AppError::Database(_) => ErrorCode::Database,
        AppError::Denied(_) => ErrorCode::Denied,
        AppError::Unavailable(_) => ErrorCode::Unavailable,
        AppError::Letter(LetterError::Data(_)) => ErrorCode::InvalidData,
        AppError::Letter(LetterError::Typeset(_)) => ErrorCode::Typeset,
        AppError::Letter(_) => ErrorCode::Template,
        AppError::Read { .. } | AppError::Write { .. } | AppError::InUse { .. } => ErrorCode::Io,
        AppError::Cancelled => ErrorCode::Cancelled,
        AppError::SignIn(_) => ErrorCode::SignIn,
    }
}

impl IpcError {
    /// A record that could not be opened.
    pub fn unavailable(f: crate::record::OpenFailure) -> IpcError {
        IpcError {
            code: ErrorCode::Unavailable,
            message: f.message,
            field: None,
        }
    }
}

impl From<AppError> for IpcError {
    fn from(e: AppError) -> Self {
        let code = code_of(&e);
        // The field travels on its own; the message is what a person reads
        // beside it ("a person needs a name"), not "person.full_name: …".
        let message = match &e {
            AppError::Invalid { message, .. } => message.clone(),
            e => e.to_string(),
        };
        let error = IpcError {
            code,
            message,
            field: e.field(),
        };
        if code != ErrorCode::Cancelled {
            tracing::warn!(?code, field = ?error.field, "{}", error.message);
            let mut recent = RECENT.lock().unwrap_or_else(|e| e.into_inner());
            if recent.len() == KEPT {
                recent.pop_front();
            }
            // The first line only: a letter-data error lists the fields, never the letter.
            let first = error.message.lines().next().unwrap_or_default();
            recent.push_back(format!("{code:?}: {first}"));
        }
        error
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use amicus_app::{Problem, RowProblem};

    fn ipc(e: AppError) -> serde_json::Value {
        serde_json::to_value(IpcError::from(e)).unwrap()
    }

    #[test]
    fn every_error_maps_to_its_code_message_and_field() {
        let io = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let cases: Vec<(AppError, &str, Option<&str>, &str)> = vec![
            (
                AppError::invalid("date", "February 30 isn't a date"),
                "invalid_data",
                Some("date"),
                "February 30",
            ),
            (
                AppError::not_found("office", 12),
                "not_found",
                None,
                "office 12 does not exist",
            ),
            (
                AppError::Conflict("already sent".into()),
                "conflict",
                None,
                "already sent",
            ),
            (
                AppError::Rows(vec![RowProblem {
                    line: 3,
                    message: "no name".into(),
                }]),
                "invalid_data",
                None,
                "line 3: no name",
            ),
            (
                AppError::Damaged("letter 4: bad json".into()),
                "damaged",
                None,
                "the record is damaged",
            ),
            (
                AppError::Record {
                    path: "/x.db".into(),
                    message: "not an Amicus database".into(),
                },
                "io",
                None,
                "/x.db: not an Amicus database",
            ),
            (
                AppError::Schema("written by a newer Amicus".into()),
                "io",
                None,
                "newer Amicus",
            ),
            (
                AppError::Database("disk full".into()),
                "database",
                None,
                "disk full",
            ),
            (
                AppError::Letter(LetterError::Data(vec![Problem::new(
                    "recipients[0].name",
                    "missing",
                )])),
                "invalid_data",
                Some("recipients[0].name"),
                "missing",
            ),
            (
                AppError::Letter(LetterError::Template(vec![Problem::new(
                    "template x, line 2",
                    "bad",
                )])),
                "template",
                None,
                "line 2",
            ),
            (
                AppError::Letter(LetterError::NoTemplate),
                "template",
                None,
                "names no template",
            ),
            (
                AppError::Read {
                    path: "/in.csv".into(),
                    source: io(),
                },
                "io",
                None,
                "cannot read /in.csv",
            ),
            (
                AppError::Write {
                    path: "/out.pdf".into(),
                    source: io(),
                },
                "io",
                None,
                "cannot write /out.pdf",
            ),
            (AppError::Cancelled, "cancelled", None, "cancelled"),
            (
                AppError::SignIn("the sign-in has expired; Sign in again".into()),
                "sign_in",
                None,
                "Sign in again",
            ),
        ];
        for (error, code, field, text) in cases {
            let v = ipc(error);
            assert_eq!(v["code"], code, "{v}");
            assert_eq!(v.get("field").and_then(|f| f.as_str()), field, "{v}");
            let message = v["message"].as_str().unwrap();
            assert!(message.contains(text), "{v}");
            if let Some(field) = field {
                assert!(!message.starts_with(&format!("{field}:")), "{v}");
            }
        }
    }

    #[test]
    fn errors_are_kept_for_diagnostics_without_the_letter() {
        let _ = IpcError::from(AppError::Letter(LetterError::Data(vec![
            Problem::new("subject", "needed"),
            Problem::new("body", "We write in support of KORUS"),
        ])));
        let recent = recent_errors();
        let last = recent.last().unwrap();
        assert!(
            last.starts_with("InvalidData: the letter data has 2 problem(s)"),
            "{last}"
        );
        assert!(!last.contains("KORUS"), "{last}");
    }
}
