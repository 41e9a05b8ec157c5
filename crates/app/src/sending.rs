//! Sending by hand and what follows: marking copies sent (the exact PDF
//! each recipient got archived with the data it came from), follow-ups and
//! replies. E-mailing a copy is [`crate::delivery`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use store::letters::{Copy, Sending};
use store::{LetterMode, Method, Store};

use crate::app::{App, RecordArea};
use crate::error::AppError;
use crate::recipients::{copy_index, recipient_numbered};

/// How one copy was sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SendReport {
    pub method: Method,
    /// When it went, as the person sending says; now by the app's clock
    /// when not said.
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
    pub confirmation: Option<String>,
    /// When to follow the copy up: by default the organization's interval
    /// after the day it went ([`App::default_follow_up`]).
    #[serde(default)]
    pub follow_up: FollowUp,
}

/// When a sent copy is to be followed up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "on", rename_all = "snake_case")]
pub enum FollowUp {
    /// The organization's interval after the day the copy went
    /// ([`App::default_follow_up`]).
    #[default]
    Default,
    /// No follow-up.
    None,
    /// On this day.
    On(NaiveDate),
}

/// Marking copies of a letter sent: one copy (by its number on the letter)
/// or, without one, every copy not yet sent.
#[derive(Debug, Clone, PartialEq)]
pub struct SendRequest {
    pub letter_id: i64,
    pub copy: Option<u32>,
    pub report: SendReport,
}

impl App {
    /// Mark one recipient's copy sent, archiving the exact PDF they got and
    /// the data it was made from. Returns the archive entry's id.
    #[tracing::instrument(skip(self, report))]
    pub fn mark_sent(&self, recipient_id: i64, report: &SendReport) -> Result<i64, AppError> {
        self.mark_sent_at(recipient_id, report, self.clock().now())
    }

    pub(crate) fn mark_sent_at(
        &self,
        recipient_id: i64,
        report: &SendReport,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let mut db = self.db();
        let id = self.mark_sent_in(&mut db, recipient_id, report, now)?;
        drop(db);
        self.changed(&[RecordArea::Letters]);
        Ok(id)
    }

    fn mark_sent_in(
        &self,
        db: &mut Store,
        recipient_id: i64,
        report: &SendReport,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let copy = self.copy_to_send(db, recipient_id)?;
        let at = report.at.unwrap_or(now);
        let sending = Sending {
            method: report.method,
            at,
            confirmation: report.confirmation.clone().filter(|c| !c.trim().is_empty()),
            follow_up_on: match report.follow_up {
                FollowUp::Default => self.default_follow_up(at),
                FollowUp::None => None,
                FollowUp::On(day) => Some(day),
            },
        };
        Ok(db.mark_sent(recipient_id, &sending, &copy, now)?)
    }

    /// The exact PDF one recipient gets (as digitally signed, when it was)
    /// and the data it was made from: what sending archives.
    /// The data of the copy `recipient_id` gets, and that copy's index: a
    /// per-recipient letter keeps just their address block.
    fn copy_data(
        &self,
        db: &Store,
        recipient_id: i64,
    ) -> Result<(letters::LetterData, usize, i64), AppError> {
        let r = db.recipient(recipient_id)?;
        let letter = db.letter(r.letter_id)?;
        let mut data = self.letter_data_in(db, r.letter_id)?;
        let index = copy_index(&db.recipients(r.letter_id)?, letter.mode, recipient_id);
        if letter.mode == LetterMode::PerRecipient {
            if index >= data.recipients.len() {
                return Err(AppError::Damaged(format!(
                    "letter {} has no copy for recipient {recipient_id}",
                    r.letter_id
                )));
            }
            data.recipients = vec![data.recipients.swap_remove(index)];
        }
        Ok((data, index, r.letter_id))
    }

    /// How the copy `recipient_id` gets greets its addressees, as the
    /// letter says it ("Dear Chairman Crapo, Ranking Member Wyden and
    /// Members of the Committee:"), for the cover note of its e-mail.
    pub(crate) fn copy_salutation(
        &self,
        db: &Store,
        recipient_id: i64,
    ) -> Result<String, AppError> {
        let (data, _, _) = self.copy_data(db, recipient_id)?;
        Ok(self
            .engine
            .salutations(&data)?
            .into_iter()
            .next()
            .unwrap_or_default())
    }

    pub(crate) fn copy_to_send(&self, db: &Store, recipient_id: i64) -> Result<Copy, AppError> {
        let (data, index, letter_id) = self.copy_data(db, recipient_id)?;
        let no_copy = || {
            AppError::Damaged(format!(
                "letter {letter_id} has no copy for recipient {recipient_id}"
            ))
        };
        let Some((copy, mut pdf)) = self.engine.render_pdfs(&data, None)?.into_iter().next() else {
            return Err(no_copy());
        };
        // A digitally signed copy is sent (and archived) as it was signed.
        if let Some(signed) = db.signed_copy(letter_id, index)? {
            if !signed.starts_with(&pdf) {
                return Err(AppError::Damaged(format!(
                    "the signed copy of letter {} no longer matches the letter; sign a revision of it",
                    letter_id
                )));
            }
            pdf = signed;
        }
        let snapshot = serde_json::to_string_pretty(&copy.letter.data)
            .map_err(|e| AppError::damaged("the letter's data snapshot", e))?;
        Ok(Copy {
            pdf,
            data: snapshot,
        })
    }

    /// Mark copies of a letter sent: the one numbered, or every copy not yet
    /// sent. Returns (recipient id, archive id) for each copy marked.
    #[tracing::instrument(skip(self, req), fields(letter = req.letter_id))]
    pub fn send_copies(&self, req: &SendRequest) -> Result<Vec<(i64, i64)>, AppError> {
        let now = self.clock().now();
        let mut db = self.db();
        let targets: Vec<i64> = match req.copy {
            Some(n) => vec![recipient_numbered(&db, req.letter_id, n)?],
            None => db
                .recipients(req.letter_id)?
                .into_iter()
                .filter(|r| r.sent_at.is_none())
                .map(|r| r.id)
                .collect(),
        };
        if targets.is_empty() {
            return Err(AppError::Conflict(format!(
                "every copy of letter {} has already been sent",
                req.letter_id
            )));
        }
        let mut done = Vec::new();
        for r in targets {
            let archived = self.mark_sent_in(&mut db, r, &req.report, now);
            match archived {
                Ok(a) => done.push((r, a)),
                Err(e) => {
                    drop(db);
                    if !done.is_empty() {
                        self.changed(&[RecordArea::Letters]);
                    }
                    return Err(e);
                }
            }
        }
        drop(db);
        self.changed(&[RecordArea::Letters]);
        Ok(done)
    }

    /// Record a follow-up on copy `number` of a letter (a call, a reminder)
    /// and when the next one is due.
    pub fn record_follow_up(
        &self,
        letter_id: i64,
        number: u32,
        next: Option<NaiveDate>,
        note: &str,
    ) -> Result<(), AppError> {
        let now = self.clock().now();
        let mut db = self.db();
        let r = recipient_numbered(&db, letter_id, number)?;
        db.record_follow_up(r, now, next, note)?;
        drop(db);
        self.changed(&[RecordArea::Letters]);
        Ok(())
    }

    /// Record a reply to one copy.
    pub fn record_reply(
        &self,
        recipient_id: i64,
        on: NaiveDate,
        notes: &str,
    ) -> Result<(), AppError> {
        let now = self.clock().now();
        self.db().record_reply(recipient_id, on, notes, now)?;
        self.changed(&[RecordArea::Letters]);
        Ok(())
    }

    /// Record a reply to copy `number` of a letter.
    pub fn record_reply_to_copy(
        &self,
        letter_id: i64,
        number: u32,
        on: NaiveDate,
        notes: &str,
    ) -> Result<(), AppError> {
        let r = recipient_numbered(&self.db(), letter_id, number)?;
        self.record_reply(r, on, notes)
    }
}
