//! Letters as the record keeps them: the letters list, a letter opened
//! (its copies and what became of each, its steps), everything the record
//! holds about one (`amicus letters show`), and checking its archive.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use store::{LetterMode, Method, Role, Status, Store};

use crate::app::{App, RecordArea};
use crate::delivery::{Reach, reach_of};
use crate::drafts::{NewLetter, drawn_signature, extra_of};
use crate::error::AppError;
use crate::recipient_groups::GroupNote;
use crate::recipients::{Addressee, RecipientChoice, label, name_of};
use crate::workflow::{WorkflowStep, workflow};

/// One row of the letters list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterSummary {
    pub id: i64,
    pub date: NaiveDate,
    pub subject: String,
    pub status: Status,
    pub mode: LetterMode,
    pub issue: Option<String>,
    /// The addressees as named on the letter ("Wilbur Ross (Secretary of Commerce)").
    pub recipients: Vec<String>,
    /// How the list names them: a group by its label ("Senate Committee on
    /// Finance"), not its 27 members, then anyone added by hand ("and 1
    /// other"); the addressees themselves when no group was used.
    pub addressed_to: Vec<String>,
    pub revision_of: Option<i64>,
    pub updated_at: DateTime<Utc>,
    /// Tracked copies (addressees and cc) and how many have been sent: a
    /// letter whose first copy went out is "sent" (its text is fixed) but
    /// only partly delivered until `copies_sent == copies`.
    pub copies: u32,
    pub copies_sent: u32,
    /// When the draft was deleted (Letters, Deleted letters, where it can
    /// be restored); None for a letter that is not deleted.
    pub deleted_at: Option<DateTime<Utc>>,
    /// Who deleted it: a team record's login; None on a single-user file.
    pub deleted_by: Option<String>,
}

/// One addressee or cc of an opened letter, with what happened to their copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecipientView {
    pub id: i64,
    /// The copy's number on the letter (1, 2, …), as the CLI names it.
    pub number: u32,
    pub role: Role,
    /// The person, or None for an office with no holder on record on the letter's date.
    pub name: Option<String>,
    pub office: Option<String>,
    pub method: Option<Method>,
    pub sent_at: Option<DateTime<Utc>>,
    pub confirmation: Option<String>,
    pub follow_up_on: Option<NaiveDate>,
    pub reply_on: Option<NaiveDate>,
    pub reply_notes: Option<String>,
    /// Where the copy can go besides the post.
    pub reach: Reach,
    /// Who follows the copy up.
    pub owner: Option<String>,
    /// Calls, meetings and e-mails about the copy that are not its reply,
    /// in the order they happened.
    pub contacts: Vec<store::CopyContact>,
    /// The reply as a PDF, the newest kept.
    pub reply_file: Option<store::ReplyFile>,
    /// What happened to this copy, oldest first: sent, followed up,
    /// snoozed, reassigned, replied, a reply attached; with who and when.
    pub history: Vec<store::Event>,
}

/// A letter opened in the compose screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterDetail {
    pub summary: LetterSummary,
    /// The letter as the form edits it (recipients as chosen: by office or person).
    pub draft: NewLetter,
    pub recipients: Vec<RecipientView>,
    /// The letter is drawn with its signer's signature (signed with an
    /// image on file): exporting a copy to sign by hand is then a choice.
    pub signature_drawn: bool,
    /// Who drafted, approved, signed and first sent it, and when: "Drafted
    /// by dana, approved by avery on …". On a single-user file `by` is None.
    pub steps: Vec<WorkflowStep>,
}

/// Everything the record holds about a letter: its detail, the template
/// version and position it cites, its events and archived copies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LetterRecord {
    pub detail: LetterDetail,
    pub template: String,
    pub template_version: u32,
    pub position: Option<store::Position>,
    pub events: Vec<store::Event>,
    /// (archive id, size in bytes, SHA-256) of each archived copy.
    pub archived: Vec<(i64, usize, String)>,
}

/// How a list names a letter's addressees: each group it went to by its
/// label (as it stood on the letter's date), then those added by hand,
/// counted; the addressees themselves when no group was used.
fn addressed_to(extra: &serde_json::Value, recipients: &[String]) -> Vec<String> {
    let groups: Vec<GroupNote> = extra
        .get("groups")
        .and_then(|g| serde_json::from_value(g.clone()).ok())
        .unwrap_or_default();
    if groups.is_empty() {
        return recipients.to_vec();
    }
    let in_groups: usize = groups.iter().map(|g| g.members as usize).sum();
    let mut named: Vec<String> = groups.into_iter().map(|g| g.label).collect();
    match recipients.len().saturating_sub(in_groups) {
        0 => {}
        1 => named.push("1 other".to_string()),
        n => named.push(format!("{n} others")),
    }
    named
}

impl App {
    /// The record's letters, newest first, optionally of one status.
    pub fn letters(&self, status: Option<Status>) -> Result<Vec<store::Letter>, AppError> {
        Ok(self.db().letters(status, 1000)?)
    }

    /// The letters list, newest first, optionally of one status. The
    /// addressees and issues of the whole page come from two queries, not a
    /// few per letter.
    pub fn letter_summaries(&self, status: Option<Status>) -> Result<Vec<LetterSummary>, AppError> {
        let db = self.db();
        let letters = db.letters(status, 1000)?;
        summaries(&db, letters)
    }

    /// Delete draft `id`: it is kept, out of the letters list, the search
    /// and the sent log, and listed in [`App::deleted_letters`] until
    /// restored; the history says when (and on a team record who). An
    /// approved, signed or sent letter is refused, saying why; on a team
    /// record the server lets only the draft's author or an administrator.
    #[tracing::instrument(skip(self))]
    pub fn delete_draft(&self, id: i64) -> Result<(), AppError> {
        self.db().delete_draft(id, self.clock().now())?;
        self.changed(&[RecordArea::Letters]);
        Ok(())
    }

    /// Bring deleted draft `id` back as it was (its text, recipients and
    /// status untouched); the history says so.
    #[tracing::instrument(skip(self))]
    pub fn restore_draft(&self, id: i64) -> Result<(), AppError> {
        self.db().restore_draft(id, self.clock().now())?;
        self.changed(&[RecordArea::Letters]);
        Ok(())
    }

    /// The deleted drafts, the latest deleted first (the "Deleted letters" view).
    pub fn deleted_letters(&self) -> Result<Vec<LetterSummary>, AppError> {
        let db = self.db();
        let letters = db.deleted_letters(1000)?;
        summaries(&db, letters)
    }

    fn summary(&self, db: &Store, l: &store::Letter) -> Result<LetterSummary, AppError> {
        let issue = match l.position_id {
            Some(p) => Some(db.position(p)?.issue),
            None => None,
        };
        let mut recipients = Vec::new();
        let all = db.recipients(l.id)?;
        let copies = u32::try_from(all.len()).unwrap_or(u32::MAX);
        let copies_sent =
            u32::try_from(all.iter().filter(|r| r.sent_at.is_some()).count()).unwrap_or(u32::MAX);
        for r in all {
            if r.role != Role::To {
                continue;
            }
            let (person, office) = name_of(db, &r)?;
            recipients.push(label(person, office));
        }
        Ok(LetterSummary {
            id: l.id,
            date: l.date,
            subject: l.subject.clone(),
            status: l.status,
            mode: l.mode,
            issue,
            addressed_to: addressed_to(&l.extra, &recipients),
            recipients,
            revision_of: l.revision_of,
            updated_at: l.updated_at,
            copies,
            copies_sent,
            deleted_at: l.deleted_at,
            deleted_by: l.deleted_by.clone(),
        })
    }

    /// A letter as the compose screen edits it.
    pub fn open_letter(&self, id: i64) -> Result<LetterDetail, AppError> {
        self.open_letter_in(&self.db(), id)
    }

    pub(crate) fn open_letter_in(&self, db: &Store, id: i64) -> Result<LetterDetail, AppError> {
        let l = db.letter(id)?;
        let template = db.template(l.template_id)?;
        let stored = db.recipients(id)?;
        let mut choices = Vec::new();
        let mut views = Vec::new();
        let contacts = db.contacts(id)?;
        let reply_files = db.reply_files(id)?;
        let events = db.events(id)?;
        for r in &stored {
            // Chosen by office when it has one (it resolves again if the date changes).
            let to = match (r.office_id, r.person_id) {
                (Some(o), _) => Addressee::Office(o),
                (None, Some(p)) => Addressee::Person(p),
                (None, None) => continue,
            };
            choices.push(RecipientChoice { role: r.role, to });
            let (name, office) = name_of(db, r)?;
            views.push(RecipientView {
                id: r.id,
                number: r.ord,
                role: r.role,
                name,
                office,
                method: r.method,
                sent_at: r.sent_at,
                confirmation: r.confirmation.clone(),
                follow_up_on: r.follow_up_on,
                reply_on: r.reply_on,
                reply_notes: r.reply_notes.clone(),
                reach: reach_of(db, r)?,
                owner: r.follow_up_owner.clone(),
                contacts: contacts
                    .iter()
                    .filter(|c| c.recipient_id == r.id)
                    .cloned()
                    .collect(),
                reply_file: reply_files
                    .iter()
                    .rfind(|f| f.recipient_id == r.id)
                    .cloned(),
                history: events
                    .iter()
                    .filter(|e| e.recipient_id == Some(r.id))
                    .cloned()
                    .collect(),
            });
        }
        let extra = extra_of(id, &l.extra)?;
        Ok(LetterDetail {
            summary: self.summary(db, &l)?,
            draft: NewLetter {
                template: template.key,
                position_id: l.position_id,
                signer_id: l.signer_id,
                date: l.date,
                subject: l.subject,
                body: l.body,
                mode: l.mode,
                recipients: choices,
                extra,
            },
            recipients: views,
            signature_drawn: drawn_signature(db, id)?.is_some(),
            steps: workflow(&db.events(id)?),
        })
    }

    /// Everything the record holds about letter `id` (`amicus letters show`).
    pub fn letter_record(&self, id: i64) -> Result<LetterRecord, AppError> {
        let db = self.db();
        let detail = self.open_letter_in(&db, id)?;
        let l = db.letter(id)?;
        let template = db.template(l.template_id)?;
        let position = l.position_id.map(|p| db.position(p)).transpose()?;
        Ok(LetterRecord {
            detail,
            template: template.key,
            template_version: template.version,
            position,
            events: db.events(id)?,
            archived: db
                .archived(id)?
                .into_iter()
                .map(|a| (a.id, a.pdf.len(), a.sha256))
                .collect(),
        })
    }

    /// Check letter `id` as [`App::verify_letter`] does, failing with the
    /// first problem's words. Returns the archived copies checked.
    pub fn verify_archive(&self, letter_id: i64) -> Result<usize, AppError> {
        let check = self.verify_letter(letter_id)?;
        match check.first_problem() {
            Some(problem) => Err(AppError::Damaged(problem)),
            None => Ok(check.copies.len()),
        }
    }
}

/// The list rows of `letters`: the addressees and issues of the whole page
/// come from two queries, not a few per letter.
fn summaries(db: &Store, letters: Vec<store::Letter>) -> Result<Vec<LetterSummary>, AppError> {
    let ids: Vec<i64> = letters.iter().map(|l| l.id).collect();
    let mut names = db.addressee_names(&ids)?;
    let sent = db.copies_sent(&ids)?;
    let mut issues = std::collections::HashMap::new();
    for i in db.issues()? {
        for p in db.positions(i.id)? {
            issues.insert(p.id, i.name.clone());
        }
    }
    Ok(letters
        .into_iter()
        .map(|l| {
            let recipients: Vec<String> = names
                .remove(&l.id)
                .unwrap_or_default()
                .into_iter()
                .map(|(p, o)| label(p, o))
                .collect();
            LetterSummary {
                copies: sent.get(&l.id).map_or(0, |c| c.0),
                copies_sent: sent.get(&l.id).map_or(0, |c| c.1),
                issue: l.position_id.and_then(|p| issues.get(&p).cloned()),
                addressed_to: addressed_to(&l.extra, &recipients),
                recipients,
                id: l.id,
                date: l.date,
                subject: l.subject,
                status: l.status,
                mode: l.mode,
                revision_of: l.revision_of,
                updated_at: l.updated_at,
                deleted_at: l.deleted_at,
                deleted_by: l.deleted_by,
            }
        })
        .collect())
}
