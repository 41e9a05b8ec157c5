//! Letters, their recipients, the lifecycle draft → approved → signed →
//! sent, the archive of what was sent and the event log.

use crate::db::{Connection, OptionalExtension, Row, params};
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use crate::{
    Archived, Event, EventKind, Letter, LetterDraft, Method, NewRecipient, Recipient, Result,
    Status, Store, StoreError,
};

const LETTER_COLS: &str = "id, revision_of, template_id, position_id, signer_id, date, subject,
    body, mode, status, extra, created_at, updated_at, deleted_at, deleted_by";
const RECIPIENT_COLS: &str = "id, letter_id, ord, role, person_id, office_id, term_id, method,
    sent_at, confirmation, follow_up_on, followed_up_at, reply_on, reply_notes, follow_up_owner";

fn letter_row(r: &Row) -> crate::db::Result<Letter> {
    let extra: String = r.get(10)?;
    Ok(Letter {
        id: r.get(0)?,
        revision_of: r.get(1)?,
        template_id: r.get(2)?,
        position_id: r.get(3)?,
        signer_id: r.get(4)?,
        date: r.get(5)?,
        subject: r.get(6)?,
        body: r.get(7)?,
        mode: r.get(8)?,
        status: r.get(9)?,
        extra: serde_json::from_str(&extra).unwrap_or(serde_json::Value::Null),
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        deleted_at: r.get(13)?,
        deleted_by: r.get(14)?,
    })
}

fn recipient_row(r: &Row) -> crate::db::Result<Recipient> {
    Ok(Recipient {
        id: r.get(0)?,
        letter_id: r.get(1)?,
        ord: r.get(2)?,
        role: r.get(3)?,
        person_id: r.get(4)?,
        office_id: r.get(5)?,
        term_id: r.get(6)?,
        method: r.get(7)?,
        sent_at: r.get(8)?,
        confirmation: r.get(9)?,
        follow_up_on: r.get(10)?,
        followed_up_at: r.get(11)?,
        reply_on: r.get(12)?,
        reply_notes: r.get(13)?,
        follow_up_owner: r.get(14)?,
    })
}

/// How a copy went out.
#[derive(Debug, Clone, PartialEq)]
pub struct Sending {
    pub method: Method,
    pub at: DateTime<Utc>,
    pub confirmation: Option<String>,
    pub follow_up_on: Option<NaiveDate>,
}

/// The PDF that went out and the letter data it was rendered from.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    pub pdf: Vec<u8>,
    pub data: String,
}

/// A copy as it was digitally signed (`signed_copies`).
#[derive(Debug, Clone, PartialEq)]
pub struct SignedCopy {
    /// The copy's place among the letter's copies (0 for a joint letter).
    pub copy: i64,
    pub pdf: Vec<u8>,
    pub sha256: String,
    /// The signing certificate's common name, as recorded.
    pub signer: String,
    pub signed_at: DateTime<Utc>,
}

/// Per letter id: its addressees as (person's name, office title); the name
/// is None for an office with no holder on record on the letter's date.
pub type Addressees = std::collections::HashMap<i64, Vec<(Option<String>, Option<String>)>>;

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub(crate) fn event(
    conn: &Connection,
    letter_id: i64,
    recipient_id: Option<i64>,
    kind: EventKind,
    at: DateTime<Utc>,
    detail: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![letter_id, recipient_id, kind, at, detail],
    )?;
    Ok(())
}

fn status_of(conn: &Connection, letter_id: i64) -> Result<Status> {
    conn.query_row(
        "SELECT status FROM letters WHERE id = ?1",
        [letter_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found("letter", letter_id))
}

/// When letter `letter_id` was deleted (None: it is not).
fn deleted_at(conn: &Connection, letter_id: i64) -> Result<Option<DateTime<Utc>>> {
    conn.query_row(
        "SELECT deleted_at FROM letters WHERE id = ?1",
        [letter_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found("letter", letter_id))
}

/// A deleted draft is not changed (edited, approved) until it is restored.
fn refuse_deleted(conn: &Connection, letter_id: i64) -> Result<()> {
    match deleted_at(conn, letter_id)? {
        Some(at) => Err(StoreError::Conflict(format!(
            "letter {letter_id} is a draft deleted on {}; restore it (Letters, Deleted letters, \
             or `amicus letters restore {letter_id}`) before changing it",
            at.format("%Y-%m-%d")
        ))),
        None => Ok(()),
    }
}

/// What every saved letter must satisfy: everything it names exists. A
/// draft may be unfinished (no subject or addressee yet); approval asks
/// for those (`check_ready`).
fn check_draft(conn: &Connection, d: &LetterDraft, recipients: &[NewRecipient]) -> Result<()> {
    let exists = |table: &str, id: i64| crate::exists(conn, table, id);
    if !exists("templates", d.template_id)? {
        return Err(StoreError::not_found("template", d.template_id));
    }
    if !exists("signers", d.signer_id)? {
        return Err(StoreError::not_found("signer", d.signer_id));
    }
    if let Some(p) = d.position_id
        && !exists("positions", p)?
    {
        return Err(StoreError::not_found("position", p));
    }
    for r in recipients {
        if let Some(p) = r.person_id
            && !exists("persons", p)?
        {
            return Err(StoreError::not_found("person", p));
        }
        if r.person_id.is_none() && r.office_id.is_none() {
            return Err(StoreError::invalid(
                "recipients",
                "each recipient needs a person or an office",
            ));
        }
        if let Some(o) = r.office_id
            && !exists("offices", o)?
        {
            return Err(StoreError::not_found("office", o));
        }
        if let Some(t) = r.term_id
            && !exists("terms", t)?
        {
            return Err(StoreError::not_found("term", t));
        }
    }
    Ok(())
}

fn insert_recipients(
    conn: &Connection,
    letter_id: i64,
    date: NaiveDate,
    recipients: &[NewRecipient],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id, office_id, term_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, r) in recipients.iter().enumerate() {
        stmt.execute(params![
            letter_id,
            i as i64 + 1,
            date,
            r.role,
            r.person_id,
            r.office_id,
            r.term_id
        ])?;
    }
    Ok(())
}

fn insert_letter(
    tx: &Connection,
    d: &LetterDraft,
    recipients: &[NewRecipient],
    revision_of: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    check_draft(tx, d, recipients)?;
    let new_id = tx.insert(
        "INSERT INTO letters (revision_of, template_id, position_id, signer_id, date, subject, body,
             mode, extra, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![revision_of, d.template_id, d.position_id, d.signer_id, d.date, d.subject.trim(),
                d.body, d.mode, extra_text(d), now],
    )?;
    let id = new_id;
    insert_recipients(tx, id, d.date, recipients)?;
    let detail = revision_of
        .map(|o| format!("revision of letter {o}"))
        .unwrap_or_default();
    event(tx, id, None, EventKind::Created, now, &detail)?;
    Ok(id)
}

/// A letter ready for approval has a subject and at least one addressee.
fn check_ready(conn: &Connection, id: i64) -> Result<()> {
    let (subject, addressees): (Option<String>, i64) = conn.query_row(
        "SELECT (SELECT subject FROM letters WHERE id = ?1),
                (SELECT count(*) FROM letter_recipients WHERE letter_id = ?1 AND role = 'to')",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some(subject) = subject else {
        return Err(StoreError::not_found("letter", id));
    };
    if subject.trim().is_empty() {
        return Err(StoreError::invalid(
            "subject",
            "the letter needs a subject before it can be approved",
        ));
    }
    if addressees == 0 {
        return Err(StoreError::invalid(
            "recipients",
            "the letter needs at least one addressee before it can be approved; add a person or an office",
        ));
    }
    // A letter to an office nobody is on record as holding on its date
    // would greet the office, not the person: find out who held it first.
    let unheld: Option<(String, NaiveDate)> = conn
        .query_row(
            "SELECT o.title, l.date FROM letter_recipients r
             JOIN offices o ON o.id = r.office_id JOIN letters l ON l.id = r.letter_id
             WHERE r.letter_id = ?1 AND r.person_id IS NULL ORDER BY r.ord LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((office, date)) = unheld {
        return Err(StoreError::invalid(
            "recipients",
            format!(
                "no holder of the office of {office} is on record for {date}; add who held it then \
                 (Officials, Add official) or choose another recipient before approving"
            ),
        ));
    }
    Ok(())
}

fn extra_text(d: &LetterDraft) -> String {
    match &d.extra {
        serde_json::Value::Null => "{}".to_string(),
        v => v.to_string(),
    }
}

fn sent_conflict(id: i64) -> StoreError {
    StoreError::Conflict(format!(
        "letter {id} has been sent and is part of the record; it cannot be edited. \
         Make a revision of it instead"
    ))
}

impl Store {
    pub fn create_letter(
        &mut self,
        d: &LetterDraft,
        recipients: &[NewRecipient],
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.write(|tx| insert_letter(tx, d, recipients, None, now))
    }

    /// A new draft with this content, recorded as a revision of letter
    /// `of` (which is left exactly as it is): how a sent letter is changed.
    pub fn create_revision(
        &mut self,
        of: i64,
        d: &LetterDraft,
        recipients: &[NewRecipient],
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.write(|tx| {
            status_of(tx, of)?;
            insert_letter(tx, d, recipients, Some(of), now)
        })
    }

    /// Change a letter that has not been sent. An approved or signed letter
    /// goes back to draft: what was approved is no longer what it says.
    pub fn edit_letter(
        &mut self,
        id: i64,
        d: &LetterDraft,
        recipients: &[NewRecipient],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            if status_of(tx, id)? == Status::Sent {
                return Err(sent_conflict(id));
            }
            refuse_deleted(tx, id)?;
            check_draft(tx, d, recipients)?;
            tx.execute(
                "UPDATE letters SET template_id = ?2, position_id = ?3, signer_id = ?4, date = ?5,
                     subject = ?6, body = ?7, mode = ?8, extra = ?9, status = 'draft', signature = NULL, updated_at = ?10
                 WHERE id = ?1",
                params![id, d.template_id, d.position_id, d.signer_id, d.date, d.subject.trim(),
                        d.body, d.mode, extra_text(d), now],
            )?;
            tx.execute("DELETE FROM letter_recipients WHERE letter_id = ?1", [id])?;
            insert_recipients(tx, id, d.date, recipients)?;
            event(tx, id, None, EventKind::Edited, now, "")?;
            Ok(())
        })
    }

    /// A new draft copied from a letter (typically a sent one), linked to it.
    pub fn revise_letter(&mut self, id: i64, now: DateTime<Utc>) -> Result<i64> {
        self.write(|tx| {
            status_of(tx, id)?;
            let new_id = tx.insert(
                "INSERT INTO letters (revision_of, template_id, position_id, signer_id, date, subject,
                     body, mode, extra, created_at, updated_at)
                 SELECT id, template_id, position_id, signer_id, date, subject, body, mode, extra, ?2, ?2
                 FROM letters WHERE id = ?1",
                params![id, now],
            )?;
            let new = new_id;
            tx.execute(
                "INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id, office_id, term_id)
                 SELECT ?2, ord, letter_date, role, person_id, office_id, term_id FROM letter_recipients
                 WHERE letter_id = ?1",
                params![id, new],
            )?;
            event(tx, new, None, EventKind::Created, now, &format!("revision of letter {id}"))?;
            Ok(new)
        })
    }

    /// Delete draft `id`: it is kept, with when (and on a team record by
    /// whom), out of the letters list, the search and the sent log until
    /// restored; a 'deleted' event tells it. Only a draft: an approved,
    /// signed or sent letter stays in the record.
    pub fn delete_draft(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let status = status_of(tx, id)?;
            if let Some(at) = deleted_at(tx, id)? {
                return Err(StoreError::Conflict(format!(
                    "letter {id} was already deleted on {}",
                    at.format("%Y-%m-%d")
                )));
            }
            if status != Status::Draft {
                return Err(StoreError::Conflict(format!(
                    "letter {id} is {status}: only a draft can be deleted; an approved, signed or \
                     sent letter stays in the record"
                )));
            }
            // Who: the server says on a team record (the session's login).
            let login = tx.pick("NULL", "session_user::text");
            tx.execute(
                &format!("UPDATE letters SET deleted_at = ?2, deleted_by = {login} WHERE id = ?1"),
                params![id, now],
            )?;
            event(tx, id, None, EventKind::Deleted, now, "")
        })
    }

    /// Bring deleted draft `id` back, as it was; a 'restored' event tells it.
    pub fn restore_draft(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            status_of(tx, id)?;
            if deleted_at(tx, id)?.is_none() {
                return Err(StoreError::Conflict(format!(
                    "letter {id} is not deleted; there is nothing to restore"
                )));
            }
            tx.execute(
                "UPDATE letters SET deleted_at = NULL, deleted_by = NULL WHERE id = ?1",
                [id],
            )?;
            event(tx, id, None, EventKind::Restored, now, "")
        })
    }

    /// The deleted drafts, the latest deleted first.
    pub fn deleted_letters(&self, limit: usize) -> Result<Vec<Letter>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LETTER_COLS} FROM letters WHERE deleted_at IS NOT NULL
             ORDER BY deleted_at DESC, id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit as i64], letter_row)?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    fn advance(
        &mut self,
        id: i64,
        from: Status,
        to: Status,
        kind: EventKind,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            let status = status_of(tx, id)?;
            refuse_deleted(tx, id)?;
            if status != from {
                let need = match to {
                    Status::Approved => "only a draft can be approved",
                    Status::Signed => {
                        "only an approved letter can be marked signed; approve it first"
                    }
                    _ => "the letter is not in the right state",
                };
                return Err(StoreError::Conflict(format!(
                    "letter {id} is {status}: {need}"
                )));
            }
            tx.execute(
                "UPDATE letters SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, to, now],
            )?;
            event(tx, id, None, kind, now, "")
        })
    }

    /// Give draft `letter_id`'s addressee `recipient_id`, addressed to an
    /// office with nobody on record when it was saved, the holder the record
    /// now names (`term_id`, whose person it takes). Anything else is left.
    pub fn take_holder(&mut self, letter_id: i64, recipient_id: i64, term_id: i64) -> Result<bool> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE letter_recipients
                 SET person_id = (SELECT person_id FROM terms WHERE id = ?3), term_id = ?3
                 WHERE id = ?2 AND letter_id = ?1 AND person_id IS NULL
                   AND office_id = (SELECT office_id FROM terms WHERE id = ?3)
                   AND EXISTS (SELECT 1 FROM letters WHERE id = ?1 AND status = 'draft'
                               AND deleted_at IS NULL)",
                params![letter_id, recipient_id, term_id],
            )?;
            Ok(n > 0)
        })
    }

    pub fn approve_letter(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        check_ready(&self.conn, id)?;
        self.advance(
            id,
            Status::Draft,
            Status::Approved,
            EventKind::Approved,
            now,
        )
    }

    /// Mark an approved letter signed, keeping the signer's signature image
    /// as it is now (if they have one) to be drawn on the letter.
    pub fn sign_letter(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.sign_letter_with(id, now, None)
    }

    /// Mark an approved letter signed, as [`Store::sign_letter`], and keep
    /// each copy as `signer` digitally signed it, in one transaction.
    pub fn sign_letter_digitally(
        &mut self,
        id: i64,
        now: DateTime<Utc>,
        signer: &str,
        copies: &[Vec<u8>],
    ) -> Result<()> {
        self.sign_letter_with(id, now, Some((signer, copies)))
    }

    /// Copy `copy` of letter `id` as it was digitally signed, if it was.
    pub fn signed_copy(&self, id: i64, copy: usize) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT pdf FROM signed_copies WHERE letter_id = ?1 AND copy = ?2",
                params![id, copy as i64],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Every digitally signed copy of letter `id`, in copy order (none
    /// when it was not signed digitally).
    /// How many copies of the letter are kept as digitally signed.
    pub fn signed_copy_count(&self, id: i64) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM signed_copies WHERE letter_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    pub fn signed_copies(&self, id: i64) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT pdf FROM signed_copies WHERE letter_id = ?1 ORDER BY copy")?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// Every digitally signed copy of letter `id` as kept, in copy order:
    /// for `verify`, which checks each against what was archived.
    pub fn signed_copy_rows(&self, id: i64) -> Result<Vec<SignedCopy>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT copy, pdf, sha256, signer, signed_at FROM signed_copies
             WHERE letter_id = ?1 ORDER BY copy",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(SignedCopy {
                copy: r.get(0)?,
                pdf: r.get(1)?,
                sha256: r.get(2)?,
                signer: r.get(3)?,
                signed_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// The letters `verify --all` checks: every one with an archived copy
    /// or a digitally signed copy, or marked signed or sent; oldest first.
    pub fn letters_to_verify(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM letters
             WHERE status IN ('signed', 'sent')
                OR id IN (SELECT letter_id FROM archive)
                OR id IN (SELECT letter_id FROM signed_copies)
             ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    fn sign_letter_with(
        &mut self,
        id: i64,
        now: DateTime<Utc>,
        digital: Option<(&str, &[Vec<u8>])>,
    ) -> Result<()> {
        self.write(|tx| {
            let status = status_of(tx, id)?;
            if status != Status::Approved {
                return Err(StoreError::Conflict(format!(
                    "letter {id} is {status}: only an approved letter can be marked signed; approve it first"
                )));
            }
            tx.execute(
                "UPDATE letters SET status = ?3, updated_at = ?2,
                     signature = (SELECT s.signature FROM signers s WHERE s.id = letters.signer_id)
                 WHERE id = ?1",
                params![id, now, Status::Signed],
            )?;
            let mut detail = String::new();
            if let Some((signer, copies)) = digital {
                for (i, pdf) in copies.iter().enumerate() {
                    tx.execute(
                        "INSERT INTO signed_copies (letter_id, copy, pdf, sha256, signer, signed_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![id, i as i64, pdf, sha256_hex(pdf), signer, now],
                    )?;
                }
                detail = format!("digitally signed by {signer}");
            }
            event(tx, id, None, EventKind::Signed, now, &detail)
        })
    }

    /// The signature image drawn on letter `id` (kept when it was signed).
    pub fn letter_signature(&self, id: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row("SELECT signature FROM letters WHERE id = ?1", [id], |r| {
                r.get::<Option<Vec<u8>>>(0)
            })
            .optional()?
            .flatten())
    }

    /// Record that one recipient's copy went out, archiving the exact PDF.
    /// The letter must be signed (or already partly sent).
    pub fn mark_sent(
        &mut self,
        recipient_id: i64,
        sending: &Sending,
        copy: &Copy,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.write(|tx| {
            let r = recipient_in(tx, recipient_id)?;
            let status = status_of(tx, r.letter_id)?;
            if !matches!(status, Status::Signed | Status::Sent) {
                return Err(StoreError::Conflict(format!(
                    "letter {} is {status}; it must be approved and signed before it is sent",
                    r.letter_id
                )));
            }
            if let Some(at) = r.sent_at {
                return Err(StoreError::Conflict(format!(
                    "this copy was already sent on {}", at.format("%Y-%m-%d")
                )));
            }
            if let Some(f) = sending.follow_up_on
                && f < sending.at.date_naive()
            {
                return Err(StoreError::invalid("follow_up_on", "the follow-up date is before the letter was sent"));
            }
            // The follow-up is the sender's until reassigned: on a team
            // record, the session's login; a single-user file names nobody.
            let login = tx.pick("NULL", "session_user::text");
            tx.execute(
                &format!(
                    "UPDATE letter_recipients SET method = ?2, sent_at = ?3, confirmation = ?4, follow_up_on = ?5,
                            follow_up_owner = coalesce(follow_up_owner, {login})
                     WHERE id = ?1"
                ),
                params![recipient_id, sending.method, sending.at, sending.confirmation, sending.follow_up_on],
            )?;
            tx.execute(
                "UPDATE letters SET status = 'sent', updated_at = ?2 WHERE id = ?1",
                params![r.letter_id, now],
            )?;
            let new_id = tx.insert(
                "INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![r.letter_id, recipient_id, copy.pdf, sha256_hex(&copy.pdf), copy.data, now],
            )?;
            let archive_id = new_id;
            let detail = match &sending.confirmation {
                Some(c) => format!("{} ({c})", sending.method),
                None => sending.method.to_string(),
            };
            event(tx, r.letter_id, Some(recipient_id), EventKind::Sent, sending.at, &detail)?;
            Ok(archive_id)
        })
    }

    /// Record that a copy already sent went out again (the same archived
    /// PDF, e.g. e-mailed after the post went astray). The first sending
    /// stays the copy's record; the resend is an event of its own.
    pub fn record_resend(
        &mut self,
        recipient_id: i64,
        method: Method,
        confirmation: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            let r = recipient_in(tx, recipient_id)?;
            if r.sent_at.is_none() {
                return Err(StoreError::Conflict(
                    "this copy has not been sent yet, so it cannot be resent".into(),
                ));
            }
            let detail = match confirmation {
                Some(c) => format!("resent by {method} ({c})"),
                None => format!("resent by {method}"),
            };
            event(
                tx,
                r.letter_id,
                Some(recipient_id),
                EventKind::Sent,
                at,
                &detail,
            )
        })
    }

    /// The PDF archived when copy `recipient_id` was sent.
    pub fn archived_copy(&self, recipient_id: i64) -> Result<Option<Vec<u8>>> {
        let found: Option<(Vec<u8>, String)> = self
            .conn
            .query_row(
                "SELECT pdf, sha256 FROM archive WHERE recipient_id = ?1 ORDER BY id LIMIT 1",
                [recipient_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match found {
            Some((pdf, sha)) if sha256_hex(&pdf) != sha => Err(StoreError::Corrupt(format!(
                "the archived PDF of copy {recipient_id} does not match its SHA-256; restore the database from a backup"
            ))),
            Some((pdf, _)) => Ok(Some(pdf)),
            None => Ok(None),
        }
    }

    /// Record a follow-up on a sent copy and, optionally, the next one due.
    pub fn record_follow_up(
        &mut self,
        recipient_id: i64,
        at: DateTime<Utc>,
        next: Option<NaiveDate>,
        note: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let r = recipient_in(tx, recipient_id)?;
            if r.sent_at.is_none() {
                return Err(StoreError::Conflict(
                    "this copy has not been sent yet; mark it sent first".into(),
                ));
            }
            tx.execute(
                "UPDATE letter_recipients SET followed_up_at = ?2, follow_up_on = ?3 WHERE id = ?1",
                params![recipient_id, at, next],
            )?;
            event(
                tx,
                r.letter_id,
                Some(recipient_id),
                EventKind::FollowedUp,
                at,
                note,
            )
        })
    }

    pub fn record_reply(
        &mut self,
        recipient_id: i64,
        on: NaiveDate,
        notes: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| record_reply_in(tx, recipient_id, on, notes, now))
    }

    /// Note that a letter was exported (to a file, for signing or sending).
    pub fn record_export(
        &mut self,
        letter_id: i64,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.record_letter_event(letter_id, EventKind::Exported, detail, now)
    }

    /// A letter printed (on which printer, how many, which jobs): in its history.
    pub fn record_printed(
        &mut self,
        letter_id: i64,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.record_letter_event(letter_id, EventKind::Printed, detail, now)
    }

    /// An event of the whole letter (no copy's), once the letter is known.
    fn record_letter_event(
        &mut self,
        letter_id: i64,
        kind: EventKind,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| {
            status_of(tx, letter_id)?;
            event(tx, letter_id, None, kind, now, detail)
        })
    }

    pub fn letter(&self, id: i64) -> Result<Letter> {
        self.conn
            .query_row(
                &format!("SELECT {LETTER_COLS} FROM letters WHERE id = ?1"),
                [id],
                letter_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::not_found("letter", id))
    }

    /// Letters, newest first, optionally only those in `status`.
    pub fn letters(&self, status: Option<Status>, limit: usize) -> Result<Vec<Letter>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LETTER_COLS} FROM letters
             WHERE (CAST(?1 AS TEXT) IS NULL OR status = ?1) AND deleted_at IS NULL
             ORDER BY date DESC, id DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![status, limit as i64], letter_row)?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// The addressees (role "to") of each of `letter_ids`, in order (see [`Addressees`]), as
    /// (person's name, office title) — one query for a whole list.
    pub fn addressee_names(&self, letter_ids: &[i64]) -> Result<Addressees> {
        let ids = serde_json::to_string(letter_ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT r.letter_id, p.full_name, o.title FROM letter_recipients r
             LEFT JOIN persons p ON p.id = r.person_id
             LEFT JOIN offices o ON o.id = r.office_id
             WHERE r.role = 'to' AND r.letter_id IN ({})
             ORDER BY r.letter_id, r.ord",
            self.ids_in_json()
        ))?;
        let mut out = Addressees::new();
        let rows = stmt.query_map([ids], |r| Ok((r.get::<i64>(0)?, r.get(1)?, r.get(2)?)))?;
        for row in rows {
            let (letter, person, office) = row?;
            out.entry(letter).or_default().push((person, office));
        }
        Ok(out)
    }

    /// A subquery of the ids in the JSON array bound as ?1.
    fn ids_in_json(&self) -> &'static str {
        self.conn.pick(
            "SELECT value FROM json_each(?1)",
            "SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST(?1 AS jsonb))",
        )
    }

    /// (copies, copies sent) of each of `letter_ids`, every tracked
    /// recipient counted — one query for a whole list.
    pub fn copies_sent(
        &self,
        letter_ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, (u32, u32)>> {
        let ids = serde_json::to_string(letter_ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT letter_id, count(*), count(sent_at) FROM letter_recipients
             WHERE letter_id IN ({}) GROUP BY letter_id",
            self.ids_in_json()
        ))?;
        let rows = stmt.query_map([ids], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// The letters that cite position version `position_id`, newest first.
    pub fn letters_citing(&self, position_id: i64) -> Result<Vec<Letter>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LETTER_COLS} FROM letters WHERE position_id = ?1 AND deleted_at IS NULL
             ORDER BY date DESC, id DESC"
        ))?;
        let rows = stmt.query_map([position_id], letter_row)?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    pub fn recipients(&self, letter_id: i64) -> Result<Vec<Recipient>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {RECIPIENT_COLS} FROM letter_recipients WHERE letter_id = ?1 ORDER BY ord"
        ))?;
        let rows = stmt.query_map([letter_id], recipient_row)?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    pub fn recipient(&self, id: i64) -> Result<Recipient> {
        recipient_in(&self.conn, id)
    }

    pub fn events(&self, letter_id: i64) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, letter_id, recipient_id, kind, at, detail, actor FROM events
             WHERE letter_id = ?1 ORDER BY at, id",
        )?;
        let rows = stmt.query_map([letter_id], |r| {
            Ok(Event {
                id: r.get(0)?,
                letter_id: r.get(1)?,
                recipient_id: r.get(2)?,
                kind: r.get(3)?,
                at: r.get(4)?,
                detail: r.get(5)?,
                actor: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// Every archived copy of a letter, each checked against its hash.
    pub fn archived(&self, letter_id: i64) -> Result<Vec<Archived>> {
        let entries = self.archived_as_kept(letter_id)?;
        for a in &entries {
            let actual = sha256_hex(&a.pdf);
            if actual != a.sha256 {
                return Err(StoreError::Corrupt(format!(
                    "archived PDF {} of letter {letter_id} does not match its SHA-256 \
                     (stored {}, found {actual}); restore the database from a backup",
                    a.id, a.sha256
                )));
            }
        }
        Ok(entries)
    }

    /// Every archived copy of a letter as kept, hashes not checked: for
    /// `verify`, which reports a mismatch per copy.
    pub fn archived_as_kept(&self, letter_id: i64) -> Result<Vec<Archived>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, letter_id, recipient_id, pdf, sha256, data, created_at FROM archive
             WHERE letter_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([letter_id], |r| {
            Ok(Archived {
                id: r.get(0)?,
                letter_id: r.get(1)?,
                recipient_id: r.get(2)?,
                pdf: r.get(3)?,
                sha256: r.get(4)?,
                data: r.get(5)?,
                created_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }
}

pub(crate) fn record_reply_in(
    tx: &Connection,
    recipient_id: i64,
    on: NaiveDate,
    notes: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let r = recipient_in(tx, recipient_id)?;
    let Some(sent) = r.sent_at else {
        return Err(StoreError::Conflict(
            "this copy has not been sent yet; mark it sent first".into(),
        ));
    };
    if on < sent.date_naive() {
        return Err(StoreError::invalid(
            "reply_on",
            "the reply is dated before the letter was sent",
        ));
    }
    tx.execute(
        "UPDATE letter_recipients SET reply_on = ?2, reply_notes = ?3, follow_up_on = NULL WHERE id = ?1",
        params![recipient_id, on, notes.trim()],
    )?;
    event(
        tx,
        r.letter_id,
        Some(recipient_id),
        EventKind::Replied,
        now,
        notes.trim(),
    )
}

pub(crate) fn recipient_in(conn: &Connection, id: i64) -> Result<Recipient> {
    conn.query_row(
        &format!("SELECT {RECIPIENT_COLS} FROM letter_recipients WHERE id = ?1"),
        [id],
        recipient_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found("recipient", id))
}
