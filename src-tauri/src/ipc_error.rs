//! The error every command returns: `{ code, message, field? }`, with a
//! closed set of codes the UI can branch on.

use amicus_app::AppError;
use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidData,
    Template,
    Typeset,
    Io,
    NotFound,
    Conflict,
    Database,
    /// The user cancelled (an export); nothing was written.
    Cancelled,
}

#[derive(Debug, Serialize, ts_rs::TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl From<AppError> for IpcError {
    fn from(e: AppError) -> Self {
        use amicus_app::LetterError as L;
        use amicus_app::store::StoreError as S;
        let code = match &e {
            AppError::Store(S::Invalid { .. } | S::Rows(_)) => ErrorCode::InvalidData,
            AppError::Store(S::NotFound { .. }) => ErrorCode::NotFound,
            AppError::Store(S::Conflict(_)) => ErrorCode::Conflict,
            AppError::Store(S::File { .. }) => ErrorCode::Io,
            AppError::Store(_) => ErrorCode::Database,
            AppError::Letter(L::Data(_)) => ErrorCode::InvalidData,
            AppError::Letter(L::Typeset(_)) => ErrorCode::Typeset,
            AppError::Letter(_) => ErrorCode::Template,
            AppError::Read { .. } | AppError::Write { .. } => ErrorCode::Io,
            AppError::Cancelled => ErrorCode::Cancelled,
        };
        let field = match &e {
            AppError::Letter(L::Data(p)) => p.first().map(|p| p.location.clone()),
            AppError::Store(S::Invalid { field, .. }) => Some(field.to_string()),
            _ => None,
        };
        IpcError {
            code,
            message: e.to_string(),
            field,
        }
    }
}

impl From<amicus_app::store::StoreError> for IpcError {
    fn from(e: amicus_app::store::StoreError) -> Self {
        AppError::Store(e).into()
    }
}
