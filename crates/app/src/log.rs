//! The sent log (every copy of every letter and what became of it), its CSV
//! export, and search across letters, officials, offices and positions.

use std::path::Path;

use serde::{Deserialize, Serialize};
use store::log::{LogFilter, SearchHit};

use crate::app::App;
use crate::error::AppError;

/// One line of the sent log: a copy of a letter, what became of it, and
/// whether its follow-up is overdue on the organization's today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogEntry {
    #[serde(flatten)]
    pub copy: store::log::LogEntry,
    /// The follow-up's day has passed and no reply came.
    pub overdue: bool,
}

impl std::ops::Deref for LogEntry {
    type Target = store::log::LogEntry;
    fn deref(&self) -> &Self::Target {
        &self.copy
    }
}

impl App {
    pub fn log(&self, filter: &LogFilter) -> Result<Vec<LogEntry>, AppError> {
        let today = self.clock().today();
        let rows = self.db().log(filter)?;
        Ok(rows
            .into_iter()
            .map(|copy| LogEntry {
                overdue: crate::followups::overdue(copy.follow_up_on, copy.reply_on, today),
                copy,
            })
            .collect())
    }

    pub fn log_csv(&self, filter: &LogFilter) -> Result<String, AppError> {
        Ok(self.db().log_csv(filter)?)
    }

    /// Write the log (as filtered) to a CSV file for a spreadsheet,
    /// atomically: a UTF-8 byte-order mark first (without it Excel on
    /// Windows reads the file in the system's code page and garbles every
    /// accent), then the CSV with CRLF line ends.
    pub fn write_log_csv(&self, filter: &LogFilter, path: &Path) -> Result<(), AppError> {
        let csv = self.log_csv(filter)?;
        let file = format!("\u{feff}{csv}");
        crate::files::write_atomically(path, file.as_bytes())
    }

    pub fn search(&self, text: &str) -> Result<Vec<SearchHit>, AppError> {
        Ok(self.db().search(text, 50)?)
    }
}
