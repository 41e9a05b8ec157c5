//! Follow-up work on sent copies: snoozing a follow-up, who owns it, calls,
//! meetings and e-mails that are not replies, and the reply kept as a PDF.
//! Copies are named by their recipient id (the window) or by letter and
//! copy number (`amicus followups …`, through [`App::copy_id`]).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use store::followups::{MAX_REPLY_PDF, human_size};

use crate::app::{App, RecordArea};
use crate::error::AppError;
use crate::recipients::recipient_numbered;

/// Where a snooze moves a follow-up: a day, or some weeks on from when it
/// was due (from today, when it is already overdue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum SnoozeTo {
    Date(NaiveDate),
    Weeks(u32),
}

impl std::str::FromStr for SnoozeTo {
    type Err = String;
    /// "2026-12-08", "1 week", "2 weeks", "1w".
    fn from_str(s: &str) -> Result<SnoozeTo, String> {
        let t = s.trim().to_lowercase();
        match dates::parse(&t) {
            Ok(d) => return Ok(SnoozeTo::Date(d)),
            // In the form of a day but not one (2026-02-30): say why.
            Err(e @ (dates::DayError::Month(_) | dates::DayError::Day { .. })) => {
                return Err(e.to_string());
            }
            Err(dates::DayError::Form(_)) => {}
        }
        let number: String = t.chars().take_while(char::is_ascii_digit).collect();
        let unit = t[number.len()..].trim();
        match (number.parse::<u32>(), unit) {
            (Ok(n @ 1..=52), "w" | "week" | "weeks") => Ok(SnoozeTo::Weeks(n)),
            _ => Err(format!(
                "\"{s}\" is not a date (YYYY-MM-DD) or a number of weeks (\"1 week\", \"2 weeks\")"
            )),
        }
    }
}

/// Days after sending when a follow-up is due, unless staff choose otherwise.
pub const FOLLOW_UP_DAYS: u32 = 30;

/// The weeks a snooze offers as quick choices.
const QUICK_SNOOZE_WEEKS: [u32; 2] = [1, 2];

/// A quick snooze choice and the day it moves the follow-up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnoozeChoice {
    pub weeks: u32,
    pub on: NaiveDate,
}

/// A follow-up is overdue when its day has passed and no reply came.
pub(crate) fn overdue(
    follow_up_on: Option<NaiveDate>,
    reply_on: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    reply_on.is_none() && follow_up_on.is_some_and(|d| d < today)
}

/// The follow-ups' owners and the groups letters went to, for the sent
/// log's filters, and who "mine" is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogChoices {
    /// Staff names follow-ups are assigned to.
    pub owners: Vec<String>,
    /// Labels of the groups letters were sent to.
    pub groups: Vec<String>,
    /// The session's login on a team record (None on a single-user file).
    pub me: Option<String>,
}

impl App {
    /// The id of copy `number` (1, 2, … as `letters show` numbers them) of letter `letter_id`.
    pub fn copy_id(&self, letter_id: i64, number: u32) -> Result<i64, AppError> {
        recipient_numbered(&self.db(), letter_id, number)
    }

    /// Move a copy's follow-up later. Returns the new date.
    #[tracing::instrument(skip(self))]
    pub fn snooze_follow_up(&self, recipient_id: i64, to: SnoozeTo) -> Result<NaiveDate, AppError> {
        let now = self.clock().now();
        let mut db = self.db();
        let date = self.snooze_target_in(&db, recipient_id, to)?;
        db.snooze_follow_up(recipient_id, date, now)?;
        drop(db);
        self.changed(&[RecordArea::Letters]);
        Ok(date)
    }

    /// The day a snooze would move a copy's follow-up to: the day named, or
    /// some weeks on from when it was due (from today, once it is overdue).
    pub fn snooze_target(&self, recipient_id: i64, to: SnoozeTo) -> Result<NaiveDate, AppError> {
        self.snooze_target_in(&self.db(), recipient_id, to)
    }

    /// The quick choices a snooze offers ("in 1 week", "in 2 weeks") and
    /// the day each moves the copy's follow-up to.
    pub fn snooze_choices(&self, recipient_id: i64) -> Result<Vec<SnoozeChoice>, AppError> {
        let db = self.db();
        QUICK_SNOOZE_WEEKS
            .iter()
            .map(|&weeks| {
                Ok(SnoozeChoice {
                    weeks,
                    on: self.snooze_target_in(&db, recipient_id, SnoozeTo::Weeks(weeks))?,
                })
            })
            .collect()
    }

    fn snooze_target_in(
        &self,
        db: &store::Store,
        recipient_id: i64,
        to: SnoozeTo,
    ) -> Result<NaiveDate, AppError> {
        match to {
            SnoozeTo::Date(d) => Ok(d),
            SnoozeTo::Weeks(n) => {
                if !(1..=52).contains(&n) {
                    return Err(AppError::invalid("to", "snooze by 1 to 52 weeks"));
                }
                let today = self.clock().today();
                let due = db.recipient(recipient_id)?.follow_up_on;
                let from = due.map_or(today, |d| d.max(today));
                Ok(from + chrono::Days::new(7 * u64::from(n)))
            }
        }
    }

    /// When a copy sent at `sent_at` is followed up unless staff say
    /// otherwise: [`FOLLOW_UP_DAYS`] after the day it went, in the
    /// organization's time zone (None only past the calendar's end).
    pub fn default_follow_up(&self, sent_at: DateTime<Utc>) -> Option<NaiveDate> {
        sent_at
            .with_timezone(&self.clock().zone())
            .date_naive()
            .checked_add_days(chrono::Days::new(u64::from(FOLLOW_UP_DAYS)))
    }

    /// Give a copy's follow-up to `owner` (a staff name).
    #[tracing::instrument(skip(self))]
    pub fn assign_follow_up(&self, recipient_id: i64, owner: &str) -> Result<(), AppError> {
        let now = self.clock().now();
        self.db().assign_follow_up(recipient_id, owner, now)?;
        self.changed(&[RecordArea::Letters]);
        Ok(())
    }

    /// Log a call, meeting or e-mail about a copy that is not its reply.
    #[tracing::instrument(skip(self, contact))]
    pub fn log_contact(
        &self,
        recipient_id: i64,
        contact: &store::NewContact,
    ) -> Result<i64, AppError> {
        let now = self.clock().now();
        let today = self.clock().today();
        let id = self.db().log_contact(recipient_id, contact, today, now)?;
        self.changed(&[RecordArea::Letters]);
        Ok(id)
    }

    /// Keep the reply to a copy (already recorded) as the PDF in `file`.
    #[tracing::instrument(skip(self))]
    pub fn attach_reply(&self, recipient_id: i64, file: &Path) -> Result<i64, AppError> {
        let now = self.clock().now();
        let (name, pdf) = read_reply_pdf(file)?;
        let id = self.db().attach_reply(recipient_id, &name, &pdf, now)?;
        self.changed(&[RecordArea::Letters]);
        Ok(id)
    }

    /// Record a reply to a copy and, when given, keep its PDF: both or
    /// neither (a file that is not a PDF records nothing).
    #[tracing::instrument(skip(self, notes))]
    pub fn record_reply_with_file(
        &self,
        recipient_id: i64,
        on: NaiveDate,
        notes: &str,
        file: Option<&Path>,
    ) -> Result<(), AppError> {
        let now = self.clock().now();
        let read = file.map(read_reply_pdf).transpose()?;
        self.db().record_reply_with_file(
            recipient_id,
            on,
            notes,
            read.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
            now,
        )?;
        self.changed(&[RecordArea::Letters]);
        Ok(())
    }

    /// A kept reply PDF: its description and bytes (checked against its SHA-256).
    pub fn reply_file(&self, id: i64) -> Result<(store::ReplyFile, Vec<u8>), AppError> {
        Ok(self.db().reply_file(id)?)
    }

    /// Save a copy of kept reply `id` to `path` (atomically).
    pub fn save_reply_file(&self, id: i64, path: &Path) -> Result<(), AppError> {
        let (_, pdf) = self.reply_file(id)?;
        crate::files::write_atomically(path, &pdf)
    }

    /// Write kept reply `id` to a private temporary folder for the system's
    /// viewer; returns the file's path.
    pub fn reply_file_for_viewing(&self, id: i64) -> Result<PathBuf, AppError> {
        let (info, pdf) = self.reply_file(id)?;
        let dir = std::env::temp_dir().join(format!("amicus-replies-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|source| AppError::Write {
            path: dir.clone(),
            source,
        })?;
        let name: String = info
            .file_name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || ".-_ ".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = dir.join(format!("{}-{name}", info.id));
        crate::files::write_atomically(&path, &pdf)?;
        Ok(path)
    }

    /// The owners and groups the sent log can be filtered by, and who "mine" is.
    pub fn log_choices(&self) -> Result<LogChoices, AppError> {
        let db = self.db();
        Ok(LogChoices {
            owners: db.follow_up_owners()?,
            groups: db.letter_groups()?,
            me: db.session_user()?,
        })
    }

    /// The coming Sunday (today when it is Sunday): the end of "this week",
    /// what "due this week" counts up to in the sent log and `amicus followups`.
    pub fn end_of_week(&self) -> NaiveDate {
        let today = self.clock().today();
        today + chrono::Days::new(6 - u64::from(today.weekday().num_days_from_monday()))
    }
}

/// The file's name and bytes, refused before reading when it is too large.
fn read_reply_pdf(file: &Path) -> Result<(String, Vec<u8>), AppError> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let read_err = |source| AppError::Read {
        path: file.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(file).map_err(read_err)?.len();
    if size > MAX_REPLY_PDF as u64 {
        return Err(AppError::invalid(
            "file",
            format!(
                "{name} is {}; a reply PDF may be at most 20 MB",
                human_size(size)
            ),
        ));
    }
    let pdf = std::fs::read(file).map_err(read_err)?;
    store::followups::check_reply_pdf(&name, &pdf)?;
    Ok((name, pdf))
}
