//! Follow-up work on a sent copy: snoozing its follow-up date, who owns the
//! follow-up, calls, meetings and e-mails that are not replies, and the
//! reply itself kept as a PDF. Every change is an event (who and when) or a
//! row written once.

use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{Connection, OptionalExtension, params};
use crate::letters::{event, recipient_in, sha256_hex};
use crate::{
    ContactKind, CopyContact, EventKind, NewContact, Recipient, ReplyFile, Result, Store,
    StoreError,
};

/// The largest reply PDF the record keeps.
pub const MAX_REPLY_PDF: usize = 20 * 1024 * 1024;

/// The longest owner name, contact "who" and file name.
const MAX_NAME: usize = 200;
/// The longest contact notes.
const MAX_NOTES: usize = 20_000;

/// A file size as people say it: "120 KB", "3.4 MB".
pub fn human_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// The reply PDF's bytes and name, checked: a PDF (it starts with `%PDF-`),
/// not empty, at most [`MAX_REPLY_PDF`].
pub fn check_reply_pdf(file_name: &str, pdf: &[u8]) -> Result<()> {
    let name = file_name.trim();
    if name.is_empty() {
        return Err(StoreError::invalid("file", "the reply's file has no name"));
    }
    if name.chars().count() > MAX_NAME || name.contains(['/', '\\', '\n', '\r']) {
        return Err(StoreError::invalid(
            "file",
            format!(
                "\"{name}\" is not a file name (a plain name of at most {MAX_NAME} characters)"
            ),
        ));
    }
    if pdf.len() > MAX_REPLY_PDF {
        return Err(StoreError::invalid(
            "file",
            format!(
                "{name} is {}; a reply PDF may be at most 20 MB",
                human_size(pdf.len() as u64)
            ),
        ));
    }
    if !pdf.starts_with(b"%PDF-") {
        return Err(StoreError::invalid(
            "file",
            format!(
                "{name} is not a PDF (a PDF file starts with \"%PDF-\"); attach the reply as a PDF"
            ),
        ));
    }
    Ok(())
}

fn sent_copy(conn: &Connection, recipient_id: i64) -> Result<(Recipient, DateTime<Utc>)> {
    let r = recipient_in(conn, recipient_id)?;
    match r.sent_at {
        Some(at) => Ok((r, at)),
        None => Err(StoreError::Conflict(
            "this copy has not been sent yet; mark it sent first".into(),
        )),
    }
}

fn attach_in(
    tx: &Connection,
    r: &Recipient,
    file_name: &str,
    pdf: &[u8],
    now: DateTime<Utc>,
) -> Result<i64> {
    let name = file_name.trim();
    let sha = sha256_hex(pdf);
    let id = tx.insert(
        "INSERT INTO reply_files (letter_id, recipient_id, file_name, pdf, sha256, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![r.letter_id, r.id, name, pdf, sha, now],
    )?;
    event(
        tx,
        r.letter_id,
        Some(r.id),
        EventKind::ReplyAttached,
        now,
        &format!("{name} ({}, sha256 {sha})", human_size(pdf.len() as u64)),
    )?;
    Ok(id)
}

fn reply_file_row(r: &crate::db::Row) -> crate::db::Result<ReplyFile> {
    let size: i64 = r.get(4)?;
    Ok(ReplyFile {
        id: r.get(0)?,
        letter_id: r.get(1)?,
        recipient_id: r.get(2)?,
        file_name: r.get(3)?,
        size: u64::try_from(size).unwrap_or(0),
        sha256: r.get(5)?,
        at: r.get(6)?,
        actor: r.get(7)?,
    })
}

impl Store {
    /// Move copy `recipient_id`'s follow-up to `to`, later than it was.
    /// Returns the date it was due.
    pub fn snooze_follow_up(
        &mut self,
        recipient_id: i64,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<NaiveDate> {
        self.write(|tx| {
            let (r, _) = sent_copy(tx, recipient_id)?;
            if let Some(reply) = r.reply_on {
                return Err(StoreError::Conflict(format!(
                    "this copy got its reply on {reply}; there is no follow-up to snooze"
                )));
            }
            let Some(due) = r.follow_up_on else {
                return Err(StoreError::Conflict(
                    "this copy has no follow-up date to snooze; record a follow-up with its next date"
                        .into(),
                ));
            };
            if to <= due {
                return Err(StoreError::invalid(
                    "to",
                    format!("a snooze moves the follow-up later than {due}; {to} is not"),
                ));
            }
            tx.execute(
                "UPDATE letter_recipients SET follow_up_on = ?2 WHERE id = ?1",
                params![recipient_id, to],
            )?;
            event(
                tx,
                r.letter_id,
                Some(recipient_id),
                EventKind::Snoozed,
                now,
                &format!("{due} → {to}"),
            )?;
            Ok(due)
        })
    }

    /// Give copy `recipient_id`'s follow-up to `owner` (a staff name).
    pub fn assign_follow_up(
        &mut self,
        recipient_id: i64,
        owner: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let owner = owner.trim();
        if owner.is_empty() {
            return Err(StoreError::invalid(
                "owner",
                "say who follows this copy up (a staff name)",
            ));
        }
        if owner.chars().count() > MAX_NAME || owner.contains(['\n', '\r']) {
            return Err(StoreError::invalid(
                "owner",
                format!("a staff name is one line of at most {MAX_NAME} characters"),
            ));
        }
        self.write(|tx| {
            let (r, _) = sent_copy(tx, recipient_id)?;
            if let Some(o) = r
                .follow_up_owner
                .as_deref()
                .filter(|o| o.to_lowercase() == owner.to_lowercase())
            {
                return Err(StoreError::invalid(
                    "owner",
                    format!("this follow-up is already {o}'s"),
                ));
            }
            // On a team record a follow-up belongs to a colleague's login
            // (that is what "mine" finds); a single-user file takes any name.
            crate::team::require_login(tx, "owner", owner, "give it to one of")?;
            tx.execute(
                "UPDATE letter_recipients SET follow_up_owner = ?2 WHERE id = ?1",
                params![recipient_id, owner],
            )?;
            let detail = match &r.follow_up_owner {
                Some(before) => format!("{before} → {owner}"),
                None => format!("to {owner}"),
            };
            event(
                tx,
                r.letter_id,
                Some(recipient_id),
                EventKind::Assigned,
                now,
                &detail,
            )
        })
    }

    /// Log a call, meeting or e-mail about copy `recipient_id` that is not
    /// its reply. `today` bounds its date, and is its date when it names none.
    pub fn log_contact(
        &mut self,
        recipient_id: i64,
        c: &NewContact,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let who = c.who.trim();
        let notes = c.notes.trim();
        if who.is_empty() && notes.is_empty() {
            return Err(StoreError::invalid(
                "notes",
                "say who you were in touch with or what was said",
            ));
        }
        if who.chars().count() > MAX_NAME || who.contains(['\n', '\r']) {
            return Err(StoreError::invalid(
                "who",
                format!("\"who\" is one line of at most {MAX_NAME} characters"),
            ));
        }
        if notes.chars().count() > MAX_NOTES {
            return Err(StoreError::invalid(
                "notes",
                format!("the notes are longer than {MAX_NOTES} characters"),
            ));
        }
        let on = c.on.unwrap_or(today);
        if on > today {
            return Err(StoreError::invalid(
                "on",
                format!(
                    "{} is in the future; log a {} once it has happened",
                    on,
                    contact_word(c.kind)
                ),
            ));
        }
        self.write(|tx| {
            let (r, sent) = sent_copy(tx, recipient_id)?;
            if on < sent.date_naive() {
                return Err(StoreError::invalid(
                    "on",
                    format!("{} is before the copy was sent ({})", on, sent.date_naive()),
                ));
            }
            Ok(tx.insert(
                "INSERT INTO copy_contacts (letter_id, recipient_id, on_date, kind, who, notes, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![r.letter_id, recipient_id, on, c.kind, who, notes, now],
            )?)
        })
    }

    /// Every contact logged on letter `letter_id`'s copies, in the order
    /// they happened.
    pub fn contacts(&self, letter_id: i64) -> Result<Vec<CopyContact>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, letter_id, recipient_id, on_date, kind, who, notes, at, actor
             FROM copy_contacts WHERE letter_id = ?1 ORDER BY on_date, id",
        )?;
        let rows = stmt.query_map([letter_id], |r| {
            Ok(CopyContact {
                id: r.get(0)?,
                letter_id: r.get(1)?,
                recipient_id: r.get(2)?,
                on: r.get(3)?,
                kind: r.get(4)?,
                who: r.get(5)?,
                notes: r.get(6)?,
                at: r.get(7)?,
                actor: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// Keep the reply to copy `recipient_id` as a PDF. The copy's reply
    /// must be recorded (see [`Store::record_reply_with_file`] for both at
    /// once).
    pub fn attach_reply(
        &mut self,
        recipient_id: i64,
        file_name: &str,
        pdf: &[u8],
        now: DateTime<Utc>,
    ) -> Result<i64> {
        check_reply_pdf(file_name, pdf)?;
        self.write(|tx| {
            let (r, _) = sent_copy(tx, recipient_id)?;
            if r.reply_on.is_none() {
                return Err(StoreError::Conflict(
                    "this copy has no reply recorded yet; record the reply (its date) with the PDF"
                        .into(),
                ));
            }
            attach_in(tx, &r, file_name, pdf, now)
        })
    }

    /// Record a reply and, when given, keep its PDF: both or neither.
    pub fn record_reply_with_file(
        &mut self,
        recipient_id: i64,
        on: NaiveDate,
        notes: &str,
        file: Option<(&str, &[u8])>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if let Some((name, pdf)) = file {
            check_reply_pdf(name, pdf)?;
        }
        self.write(|tx| {
            crate::letters::record_reply_in(tx, recipient_id, on, notes, now)?;
            if let Some((name, pdf)) = file {
                let r = recipient_in(tx, recipient_id)?;
                attach_in(tx, &r, name, pdf, now)?;
            }
            Ok(())
        })
    }

    /// The reply PDFs kept for letter `letter_id`'s copies, oldest first.
    pub fn reply_files(&self, letter_id: i64) -> Result<Vec<ReplyFile>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, letter_id, recipient_id, file_name, length(pdf), sha256, at, actor
             FROM reply_files WHERE letter_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([letter_id], reply_file_row)?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// A kept reply PDF's name and bytes, checked against its SHA-256.
    pub fn reply_file(&self, id: i64) -> Result<(ReplyFile, Vec<u8>)> {
        let found = self
            .conn
            .query_row(
                "SELECT id, letter_id, recipient_id, file_name, length(pdf), sha256, at, actor, pdf
                 FROM reply_files WHERE id = ?1",
                [id],
                |r| Ok((reply_file_row(r)?, r.get::<Vec<u8>>(8)?)),
            )
            .optional()?;
        let (info, pdf) = found.ok_or_else(|| StoreError::not_found("reply file", id))?;
        if sha256_hex(&pdf) != info.sha256 {
            return Err(StoreError::Corrupt(format!(
                "the reply PDF {} ({}) does not match its SHA-256; restore the database from a backup",
                info.id, info.file_name
            )));
        }
        Ok((info, pdf))
    }

    /// The staff names follow-ups are assigned to, sorted.
    pub fn follow_up_owners(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT follow_up_owner FROM letter_recipients
             WHERE follow_up_owner IS NOT NULL ORDER BY follow_up_owner",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// The labels of the groups letters were sent to ("Senate Committee on
    /// Finance"), sorted, each once.
    pub fn letter_groups(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(self.conn.pick(
            "SELECT DISTINCT json_extract(g.value, '$.label') AS label
             FROM letters l, json_each(l.extra, '$.groups') g
             WHERE json_extract(g.value, '$.label') IS NOT NULL AND l.deleted_at IS NULL
             ORDER BY label",
            "SELECT DISTINCT g ->> 'label' AS label
             FROM letters l,
                  jsonb_array_elements(CASE WHEN jsonb_typeof(CAST(l.extra AS jsonb) -> 'groups') = 'array'
                                            THEN CAST(l.extra AS jsonb) -> 'groups' END) g
             WHERE g ->> 'label' IS NOT NULL AND l.deleted_at IS NULL
             ORDER BY label",
        ))?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }
}

fn contact_word(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Call => "call",
        ContactKind::Meeting => "meeting",
        ContactKind::Email => "e-mail",
        ContactKind::Other => "contact",
    }
}
