//! The sent log (every copy of every letter and what became of it), its CSV
//! export, and search across letters, officials, offices and positions.

use std::path::Path;

use store::log::{LogEntry, LogFilter, SearchHit};

use crate::{App, AppError};

impl App {
    pub fn log(&self, filter: &LogFilter) -> Result<Vec<LogEntry>, AppError> {
        Ok(self.db().log(filter)?)
    }

    pub fn log_csv(&self, filter: &LogFilter) -> Result<String, AppError> {
        Ok(self.db().log_csv(filter)?)
    }

    /// Write the log (as filtered) to a CSV file, atomically.
    pub fn write_log_csv(&self, filter: &LogFilter, path: &Path) -> Result<(), AppError> {
        let csv = self.log_csv(filter)?;
        crate::write_atomically(path, csv.as_bytes())
    }

    pub fn search(&self, text: &str) -> Result<Vec<SearchHit>, AppError> {
        Ok(self.db().search(text, 50)?)
    }
}
