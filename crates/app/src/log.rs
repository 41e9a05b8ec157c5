//! The sent log (every copy of every letter and what became of it), its CSV
//! export, and search across letters, officials, offices and positions.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
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
            .map(|mut copy| {
                // The office as staff say it (a Senate seat without its class).
                copy.office = copy.office.map(|o| store::spoken_title(&o).to_string());
                LogEntry {
                    overdue: crate::followups::overdue(copy.follow_up_on, copy.reply_on, today),
                    copy,
                }
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

    /// Letters, people, offices, positions and committees matching `text`;
    /// a person found says what office they hold or held, and an office is
    /// named as staff say it.
    pub fn search(&self, text: &str) -> Result<Vec<SearchHit>, AppError> {
        let today = self.clock().today();
        let db = self.db();
        let mut hits = db.search(text, 50)?;
        for hit in &mut hits {
            match hit.kind.as_str() {
                "person" => {
                    if let Some(h) = db.latest_holding(hit.id, today)? {
                        // Held since the first of the unbroken terms in that
                        // office (a senator re-elected is one tenure).
                        let mut start = h.term.start_on;
                        for t in db.terms_of_person(hit.id)? {
                            if t.office_id == h.office.id
                                && t.start_on < start
                                && t.end_on.is_none_or(|e| e + chrono::Days::new(31) >= start)
                            {
                                start = t.start_on;
                            }
                        }
                        hit.detail =
                            Some(office_held(&h.office.title, start, h.term.end_on, today));
                    }
                }
                "office" => hit.title = store::spoken_title(&hit.title).to_string(),
                _ => {}
            }
        }
        Ok(hits)
    }
}

/// The office a person holds or held, with its years, as a search hit says
/// it: "U.S. Senator for California (2017–2021)", "Secretary of Commerce
/// (since 2025)".
pub(crate) fn office_held(
    title: &str,
    start: NaiveDate,
    end: Option<NaiveDate>,
    today: NaiveDate,
) -> String {
    let title = store::spoken_title(title);
    match end.filter(|e| *e <= today) {
        Some(end) if end.year() == start.year() => format!("{title} ({})", start.year()),
        Some(end) => format!("{title} ({}–{})", start.year(), end.year()),
        None => format!("{title} (since {})", start.year()),
    }
}
