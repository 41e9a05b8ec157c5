//! What an issue's record and the board report read: every letter citing a
//! position on the issue in a date range, with each copy (office, person,
//! how it went, the reply, its follow-up), in one query on either engine.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{Row, params};
use crate::{LetterMode, Method, OfficeKind, Result, Role, Stance, Status, Store};

/// One copy of a letter on an issue (or the letter alone, when it has no
/// recipients yet: `recipient_id` is None).
#[derive(Debug, Clone, PartialEq)]
pub struct IssueCopyRow {
    pub letter_id: i64,
    pub date: NaiveDate,
    pub subject: String,
    pub status: Status,
    pub mode: LetterMode,
    /// The letter's extra data (its groups, among the rest): read once per
    /// letter, shared by its copies.
    pub extra: std::sync::Arc<serde_json::Value>,
    pub position_version: u32,
    pub stance: Stance,
    pub recipient_id: Option<i64>,
    pub role: Option<Role>,
    pub person: Option<String>,
    pub office: Option<String>,
    pub office_short: Option<String>,
    pub office_kind: Option<OfficeKind>,
    pub method: Option<Method>,
    pub sent_at: Option<DateTime<Utc>>,
    pub follow_up_on: Option<NaiveDate>,
    pub reply_on: Option<NaiveDate>,
    pub follow_up_owner: Option<String>,
}

fn copy_row(r: &Row, extra: std::sync::Arc<serde_json::Value>) -> crate::db::Result<IssueCopyRow> {
    Ok(IssueCopyRow {
        letter_id: r.get(0)?,
        date: r.get(1)?,
        subject: r.get(2)?,
        status: r.get(3)?,
        mode: r.get(4)?,
        extra,
        position_version: r.get(6)?,
        stance: r.get(7)?,
        recipient_id: r.get(8)?,
        role: r.get(9)?,
        person: r.get(10)?,
        office: r.get(11)?,
        office_short: r.get(12)?,
        office_kind: r.get(13)?,
        method: r.get(14)?,
        sent_at: r.get(15)?,
        follow_up_on: r.get(16)?,
        reply_on: r.get(17)?,
        follow_up_owner: r.get(18)?,
    })
}

impl Store {
    /// Every copy of every letter (deleted drafts aside) citing a position
    /// on `issue_id` and dated `from` to `to` (both included), in date,
    /// letter and copy order.
    pub fn issue_copies(
        &self,
        issue_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<IssueCopyRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.id, l.date, l.subject, l.status, l.mode, l.extra, p.version, p.stance,
                    r.id, r.role, pe.full_name, o.title, o.short_name, o.kind,
                    r.method, r.sent_at, r.follow_up_on, r.reply_on, r.follow_up_owner
             FROM letters l
             JOIN positions p ON p.id = l.position_id
             LEFT JOIN letter_recipients r ON r.letter_id = l.id
             LEFT JOIN persons pe ON pe.id = r.person_id
             LEFT JOIN offices o ON o.id = r.office_id
             WHERE p.issue_id = ?1 AND l.date >= ?2 AND l.date <= ?3 AND l.deleted_at IS NULL
             ORDER BY l.date, l.id, r.ord",
        )?;
        // A letter's copies come together: its extra data is parsed once.
        let mut last: Option<(i64, std::sync::Arc<serde_json::Value>)> = None;
        let rows = stmt.query_map(params![issue_id, from, to], |r| {
            let id: i64 = r.get(0)?;
            let extra = match &last {
                Some((letter, extra)) if *letter == id => std::sync::Arc::clone(extra),
                _ => {
                    let text: String = r.get(5)?;
                    let extra = std::sync::Arc::new(
                        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
                    );
                    last = Some((id, std::sync::Arc::clone(&extra)));
                    extra
                }
            };
            copy_row(r, extra)
        })?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// The date of the first letter (deleted drafts aside) citing a
    /// position on `issue_id`.
    pub fn issue_first_letter(&self, issue_id: i64) -> Result<Option<NaiveDate>> {
        Ok(self.conn.query_row(
            "SELECT min(l.date) FROM letters l JOIN positions p ON p.id = l.position_id
             WHERE p.issue_id = ?1 AND l.deleted_at IS NULL",
            [issue_id],
            |r| r.get(0),
        )?)
    }
}
