//! Letters, from draft to sent: drafting by office at a date, the live
//! preview, saving, approving, signing, exporting, marking copies sent (the
//! exact PDF archived), follow-ups and replies, revisions, verifying the
//! archive, and the views of the letters list and an opened letter.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use letters::LetterData;

use serde::{Deserialize, Serialize};
use store::letters::{Copy, Sending};
use store::{LetterDraft, LetterMode, Method, NewRecipient, Role, Status, Store};

use crate::{App, AppError, RecordArea, RenderedPdf};

/// Who a recipient is chosen as: an office, resolved at the letter's date, or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "by", content = "id")]
pub enum Addressee {
    Office(i64),
    Person(i64),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecipientChoice {
    pub role: Role,
    pub to: Addressee,
}

/// Everything staff choose when they start a letter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewLetter {
    /// Template id ("joint-support"); its newest version is used.
    pub template: String,
    /// The position version the letter expresses.
    pub position_id: Option<i64>,
    pub signer_id: i64,
    pub date: NaiveDate,
    pub subject: String,
    pub body: String,
    pub mode: LetterMode,
    pub recipients: Vec<RecipientChoice>,
    #[serde(default)]
    pub extra: LetterExtra,
}

/// The parts of a letter kept as JSON beside its columns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct LetterExtra {
    /// Free cc lines ("Members of the Ohio Congressional Delegation").
    pub cc: Vec<String>,
    pub enclosures: Vec<String>,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub fields: serde_json::Map<String, serde_json::Value>,
    #[cfg_attr(feature = "ts", ts(type = "\"letter\" | \"a4\" | null"))]
    pub paper: Option<letters::Paper>,
    /// The letter this one was copied from ("Copy as new letter").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub copied_from: Option<i64>,
    /// The groups the recipients came from, as they stood on the letter's date.
    pub groups: Vec<crate::groups::GroupNote>,
    /// The stock paragraphs inserted into the body, by id (their source).
    pub paragraphs: Vec<i64>,
    /// A joint letter's greeting in place of the template's (a committee's).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub salutation: Option<String>,
}

/// A drafted letter and what staff should check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Drafted {
    pub letter_id: i64,
    pub warnings: Vec<String>,
}

/// How one copy was sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SendReport {
    pub method: Method,
    pub at: DateTime<Utc>,
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
    pub revision_of: Option<i64>,
    pub updated_at: DateTime<Utc>,
    /// Tracked copies (addressees and cc) and how many have been sent: a
    /// letter whose first copy went out is "sent" (its text is fixed) but
    /// only partly delivered until `copies_sent == copies`.
    pub copies: u32,
    pub copies_sent: u32,
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
    pub reach: crate::Reach,
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

/// One step of a letter's way to the post, as the record logged it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkflowStep {
    pub kind: store::EventKind,
    /// The login that took the step (a team record's session user).
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}

/// The steps still standing: an edit after approval sends a letter back to
/// draft, so that approval (and any signature) no longer counts.
fn workflow(events: &[store::Event]) -> Vec<WorkflowStep> {
    use store::EventKind as K;
    let step = |e: &store::Event| WorkflowStep {
        kind: e.kind,
        by: e.actor.clone(),
        at: e.at,
    };
    let (mut created, mut approved, mut signed, mut sent) = (None, None, None, None);
    for e in events {
        match e.kind {
            K::Created => created = created.or(Some(step(e))),
            K::Edited => (approved, signed) = (None, None),
            K::Approved => approved = Some(step(e)),
            K::Signed => signed = Some(step(e)),
            K::Sent => sent = sent.or(Some(step(e))),
            _ => {}
        }
    }
    [created, approved, signed, sent]
        .into_iter()
        .flatten()
        .collect()
}

/// Everything the record holds about a letter: its detail, the template
/// version and position it cites, its events and archived copies.
#[derive(Debug, Clone, PartialEq)]
pub struct LetterRecord {
    pub detail: LetterDetail,
    pub template: String,
    pub template_version: u32,
    pub position: Option<store::Position>,
    pub events: Vec<store::Event>,
    /// (archive id, size in bytes, SHA-256) of each archived copy.
    pub archived: Vec<(i64, usize, String)>,
}

/// SVG pages of a letter not yet saved, and what staff should check.
///
/// An answer carries only what the preview does not show yet: a page the
/// caller already has (by its key) comes without its drawing, and a glyph's
/// outline travels only the first time a page uses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DraftPreview {
    pub pages: Vec<PreviewPage>,
    /// Outlines of the glyphs the pages use that the caller did not have;
    /// each page's `<use href="#id">` refers to them.
    pub glyphs: Vec<GlyphDef>,
    pub warnings: Vec<String>,
    /// How each addressee resolves on the letter's date, in order.
    pub resolved: Vec<String>,
    /// Fields the template needs that the letter does not have yet
    /// ("subject", "body", "position.statement"): an unfinished letter,
    /// not an error. The pages are empty until they are filled in.
    pub missing: Vec<String>,
}

/// One page of the live preview: `key` names its content, and `drawing` is
/// absent when the caller said it already has a page with that key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewPage {
    pub key: String,
    pub drawing: Option<PageDrawing>,
}

/// A page as the live preview paints it: the glyphs on a canvas (fast to
/// paint, however many there are) under an SVG overlay with the sheet,
/// rules, images and the invisible text layer (selection, screen readers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PageDrawing {
    /// Page size in points.
    pub width: f32,
    pub height: f32,
    pub overlay: String,
    pub lines: Vec<InkLine>,
}

/// The glyphs of one run of a line: `glyphs` holds three numbers per glyph,
/// the [`GlyphDef`] id and the x and y of its origin in points (y down);
/// the outline is scaled by `scale` and flipped (font units are y up).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InkLine {
    pub color: String,
    pub scale: f32,
    pub glyphs: Vec<f32>,
}

/// A glyph outline the preview's pages refer to by `id`, in font units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GlyphDef {
    pub id: u32,
    pub d: String,
}

/// The signature letter `id` is drawn with: the image kept when it was
/// signed, once it is signed or sent (base64 PNG, as letter data holds it).
fn drawn_signature(db: &Store, id: i64) -> Result<Option<String>, AppError> {
    if !matches!(db.letter(id)?.status, Status::Signed | Status::Sent) {
        return Ok(None);
    }
    Ok(db.letter_signature(id)?.map(|png| base64_png(&png)))
}

/// A PNG as letter data carries it.
fn base64_png(png: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(png)
}

/// What a preview already shows: the keys of its pages and the ids of the
/// glyph outlines it holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewHave {
    #[serde(default)]
    pub pages: Vec<String>,
    #[serde(default)]
    pub glyphs: Vec<u32>,
    /// The saved letter the form shows, unchanged: once it is signed its
    /// pages are drawn with the signature it was signed with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub signed_letter: Option<i64>,
}

/// A page's key: a digest of its drawing (with its number and the page count).
fn page_key(page: &typeset::svg::InkPage) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    page.overlay.hash(&mut h);
    for line in &page.lines {
        line.color.hash(&mut h);
        line.scale.to_bits().hash(&mut h);
        for v in &line.glyphs {
            v.to_bits().hash(&mut h);
        }
    }
    format!("{:016x}", h.finish())
}

fn name_of(
    store: &Store,
    r: &store::Recipient,
) -> Result<(Option<String>, Option<String>), AppError> {
    let person = r.person_id.map(|p| store.person(p)).transpose()?;
    let office = r.office_id.map(|o| store.office(o)).transpose()?;
    Ok((person.map(|p| p.full_name), office.map(|o| o.title)))
}

/// How an addressee is named in lists: "Wilbur Ross (Secretary of Commerce)",
/// or the office alone when the record names no holder on that day.
fn label(person: Option<String>, office: Option<String>) -> String {
    match (person, office) {
        (Some(p), Some(o)) => format!("{p} ({o})"),
        (Some(p), None) => p,
        (None, Some(o)) => format!("{o} (no holder on record)"),
        (None, None) => String::new(),
    }
}

/// A letter's extra parts as stored; unreadable JSON is a damaged record,
/// never an empty default.
fn extra_of(id: i64, value: &serde_json::Value) -> Result<LetterExtra, AppError> {
    serde_json::from_value(value.clone()).map_err(|e| AppError::damaged(format!("letter {id}"), e))
}

/// Resolve a recipient at `date`, saying what staff should check.
fn resolve_in(
    db: &Store,
    choice: &RecipientChoice,
    date: NaiveDate,
) -> Result<(NewRecipient, Vec<String>), AppError> {
    let mut warnings = Vec::new();
    let recipient = match choice.to {
        Addressee::Office(office_id) => match db.holder_on(office_id, date)? {
            Some(h) => {
                if h.term.acting {
                    warnings.push(format!(
                        "{} was acting {} on {date}",
                        h.person.full_name, h.office.title
                    ));
                }
                NewRecipient {
                    role: choice.role,
                    person_id: Some(h.person.id),
                    office_id: Some(office_id),
                    term_id: Some(h.term.id),
                }
            }
            None => {
                let office = db.office(office_id)?;
                warnings.push(match office.retired_on.filter(|r| *r <= date) {
                    Some(retired) => format!(
                        "the office of {} was retired on {retired}, before the letter's date {date}; choose its successor",
                        office.title
                    ),
                    None => format!(
                        "no holder of the office of {} is on record for {date}; the letter is addressed to the office (check who held it then)",
                        office.title
                    ),
                });
                NewRecipient {
                    role: choice.role,
                    person_id: None,
                    office_id: Some(office_id),
                    term_id: None,
                }
            }
        },
        Addressee::Person(person_id) => {
            let holding = db.latest_holding(person_id, date)?;
            let person = db.person(person_id)?;
            match &holding {
                Some(h) => {
                    if let Some(end) = h.term.end_on.filter(|e| *e < date) {
                        warnings.push(format!(
                            "{}'s term as {} ended on {end}, before the letter's date {date}",
                            person.full_name, h.office.title
                        ));
                    }
                }
                None => warnings.push(format!(
                    "{} held no office on {date} in the record; check the address",
                    person.full_name
                )),
            }
            NewRecipient {
                role: choice.role,
                person_id: Some(person_id),
                office_id: holding.as_ref().map(|h| h.office.id),
                term_id: holding.as_ref().map(|h| h.term.id),
            }
        }
    };
    Ok((recipient, warnings))
}

pub(crate) fn recipient_block(
    db: &Store,
    person_id: Option<i64>,
    office_id: Option<i64>,
) -> Result<letters::Recipient, AppError> {
    let office = office_id.map(|o| db.office(o)).transpose()?;
    let person = person_id.map(|p| db.person(p)).transpose()?;
    Ok(match (&person, &office) {
        (Some(p), _) => letters::address::recipient(&letters::address::Addressee {
            full_name: &p.full_name,
            family_name: &p.family_name,
            kind: office.as_ref().map_or("other", |o| o.kind.as_str()),
            office_title: office.as_ref().map(|o| o.title.as_str()),
            organization: office.as_ref().and_then(|o| o.organization.as_deref()),
            address: office.as_ref().map_or(&[][..], |o| &o.address[..]),
            honorific: p.honorific.as_deref(),
            salutation: p.salutation.as_deref(),
        }),
        (None, Some(o)) => letters::Recipient {
            honorific: None,
            name: o.title.clone(),
            title: None,
            organization: o.organization.clone(),
            address: o.address.clone(),
            salutation: office_salutation(o.kind).into(),
        },
        (None, None) => {
            return Err(AppError::Damaged(
                "a recipient with neither person nor office".into(),
            ));
        }
    })
}

/// The line at the top of every page of an exported draft.
pub const DRAFT_MARK: &str = "DRAFT — not approved for sending";

/// How to greet the holder of an office when nobody is on record for the
/// letter's date: by the office, as the holder would be greeted without a
/// name ("Dear Senator:"). Such a letter is not approved until someone is.
fn office_salutation(kind: store::OfficeKind) -> &'static str {
    use store::OfficeKind as K;
    match kind {
        K::Senator => "Senator",
        K::Representative => "Representative",
        K::Governor => "Governor",
        K::CabinetSecretary => "Madam or Mr. Secretary",
        K::TradeRepresentative => "Madam or Mr. Ambassador",
        K::ForeignMinister => "Minister",
        K::AgencyHead | K::Other => "Madam or Sir",
    }
}

/// A draft and its resolved recipients, with what staff should check.
type Resolved = (LetterDraft, Vec<NewRecipient>, Vec<String>);

impl App {
    /// Resolve a recipient at `date`, saying what staff should check.
    pub fn resolve(
        &self,
        choice: &RecipientChoice,
        date: NaiveDate,
    ) -> Result<(NewRecipient, Vec<String>), AppError> {
        resolve_in(&self.db(), choice, date)
    }

    fn draft_of(&self, db: &Store, l: &NewLetter) -> Result<Resolved, AppError> {
        let template = db.latest_template(&l.template)?;
        if l.mode == LetterMode::PerRecipient && l.recipients.iter().any(|r| r.role == Role::Cc) {
            return Err(AppError::invalid(
                "recipients",
                "a letter with one copy per recipient has no tracked cc recipients; add them as addressees or as cc lines",
            ));
        }
        let mut recipients = Vec::with_capacity(l.recipients.len());
        let mut warnings = Vec::new();
        for choice in &l.recipients {
            let (r, w) = resolve_in(db, choice, l.date)?;
            recipients.push(r);
            warnings.extend(w);
        }
        let extra = serde_json::to_value(&l.extra)
            .map_err(|e| AppError::invalid("extra", format!("cannot be stored: {e}")))?;
        let draft = LetterDraft {
            template_id: template.id,
            position_id: l.position_id,
            signer_id: l.signer_id,
            date: l.date,
            subject: l.subject.clone(),
            body: l.body.clone(),
            mode: l.mode,
            extra,
        };
        Ok((draft, recipients, warnings))
    }

    /// Draft a letter. An unfinished one is saved too: what keeps it from
    /// approval (a missing subject, a field the template needs) comes back
    /// as warnings. What it names must exist, or nothing is saved.
    #[tracing::instrument(skip_all)]
    pub fn draft_letter(&self, l: &NewLetter, now: DateTime<Utc>) -> Result<Drafted, AppError> {
        let mut db = self.db();
        let (draft, recipients, mut warnings) = self.draft_of(&db, l)?;
        let data = self.data_for(&db, &draft, &recipients)?;
        warnings.extend(self.not_ready(&data)?);
        let id = db.create_letter(&draft, &recipients, now)?;
        drop(db);
        self.changed(&[RecordArea::Letters]);
        Ok(Drafted {
            letter_id: id,
            warnings,
        })
    }

    /// Change a letter, with the same checks as drafting. An unsent letter
    /// is changed in place (an approved one returns to draft). A sent letter
    /// is part of the record and stays exactly as it is: the changes become
    /// a new draft, a revision linked to it, whose id is returned.
    #[tracing::instrument(skip(self, l, now))]
    pub fn edit_letter(
        &self,
        id: i64,
        l: &NewLetter,
        now: DateTime<Utc>,
    ) -> Result<Drafted, AppError> {
        let mut db = self.db();
        let (draft, recipients, mut warnings) = self.draft_of(&db, l)?;
        let data = self.data_for(&db, &draft, &recipients)?;
        warnings.extend(self.not_ready(&data)?);
        let status = db.letter(id)?.status;
        if matches!(status, Status::Approved | Status::Signed) {
            warnings.push(format!(
                "letter {id} was {status}; your changes return it to draft, and it must be approved again"
            ));
        }
        let letter_id = if status == Status::Sent {
            let revision = db.create_revision(id, &draft, &recipients, now)?;
            warnings.push(format!(
                "letter {id} has been sent, so it stays as it was; your changes are letter {revision}, a revision of it"
            ));
            revision
        } else {
            db.edit_letter(id, &draft, &recipients, now)?;
            id
        };
        drop(db);
        self.changed(&[RecordArea::Letters]);
        Ok(Drafted {
            letter_id,
            warnings,
        })
    }

    /// What keeps a draft from being approved, in words: the letter is laid
    /// out, and each problem the template or the data has is one warning. An
    /// unfinished draft is still saved; approval refuses it until these are
    /// fixed.
    fn not_ready(&self, data: &LetterData) -> Result<Vec<String>, AppError> {
        if data.recipients.is_empty() {
            return Ok(vec![
                "not ready to approve: add at least one addressee".to_string(),
            ]);
        }
        match self.engine.render(data, None) {
            Ok(_) => Ok(Vec::new()),
            Err(AppError::Letter(e)) => Ok(e
                .problems()
                .iter()
                .map(|p| format!("not ready to approve: {p}"))
                .collect()),
            Err(e) => Err(e),
        }
    }

    /// Save a letter from the compose form: a new draft, or changes to an
    /// existing one (a sent letter's changes become a revision).
    pub fn save_letter(
        &self,
        id: Option<i64>,
        l: &NewLetter,
        now: DateTime<Utc>,
    ) -> Result<Drafted, AppError> {
        match id {
            Some(id) => self.edit_letter(id, l, now),
            None => self.draft_letter(l, now),
        }
    }

    /// A new letter's defaults: today's date, the general letter of support,
    /// the first signer, no recipients yet.
    pub fn blank_letter(&self) -> Result<NewLetter, AppError> {
        let db = self.db();
        let template = match db.latest_template("joint-support") {
            Ok(t) => t.key,
            Err(_) => db
                .templates()?
                .into_iter()
                .next()
                .map(|t| t.key)
                .unwrap_or_default(),
        };
        Ok(NewLetter {
            template,
            position_id: None,
            signer_id: db.signers()?.first().map_or(0, |s| s.id),
            date: self.clock().today(),
            subject: String::new(),
            body: String::new(),
            mode: LetterMode::Joint,
            recipients: Vec::new(),
            extra: LetterExtra::default(),
        })
    }

    /// The letter data the record holds for letter `id`, ready to render.
    pub fn letter_data(&self, id: i64) -> Result<LetterData, AppError> {
        let db = self.db();
        self.letter_data_in(&db, id)
    }

    pub(crate) fn letter_data_in(&self, db: &Store, id: i64) -> Result<LetterData, AppError> {
        let letter = db.letter(id)?;
        let draft = LetterDraft {
            template_id: letter.template_id,
            position_id: letter.position_id,
            signer_id: letter.signer_id,
            date: letter.date,
            subject: letter.subject,
            body: letter.body,
            mode: letter.mode,
            extra: letter.extra,
        };
        let recipients: Vec<NewRecipient> = db
            .recipients(id)?
            .into_iter()
            .map(|r| NewRecipient {
                role: r.role,
                person_id: r.person_id,
                office_id: r.office_id,
                term_id: r.term_id,
            })
            .collect();
        let mut data = self.data_for(db, &draft, &recipients)?;
        data.signer.signature = drawn_signature(db, id)?;
        Ok(data)
    }

    /// Assemble letter data from a draft: letterhead from the settings,
    /// addressees styled by their office, the cited position, the signer.
    fn data_for(
        &self,
        db: &Store,
        d: &LetterDraft,
        recipients: &[NewRecipient],
    ) -> Result<LetterData, AppError> {
        let template = self.ensure_template(db, d.template_id)?;
        let extra: LetterExtra = serde_json::from_value(d.extra.clone())
            .map_err(|e| AppError::damaged("a letter's extra parts", e))?;
        let organization: letters::Organization = db.setting("organization")?.ok_or_else(|| {
            AppError::invalid(
                "organization",
                "the organization's letterhead is not set; fill it in under Settings",
            )
        })?;
        let signer = db.signer(d.signer_id)?;
        let position = match d.position_id {
            Some(p) => {
                let p = db.position(p)?;
                Some(letters::Position {
                    issue: p.issue,
                    stance: p.stance.to_string(),
                    version: Some(p.version),
                    adopted_on: Some(p.adopted_on),
                    statement: p.statement,
                })
            }
            None => None,
        };
        let mut to = Vec::new();
        let mut cc = Vec::new();
        for r in recipients {
            let block = recipient_block(db, r.person_id, r.office_id)?;
            match r.role {
                Role::To => to.push(block),
                Role::Cc => cc.push(match &block.title {
                    Some(t) => format!("{}, {t}", block.name),
                    None => block.name.clone(),
                }),
            }
        }
        cc.extend(extra.cc);
        Ok(LetterData {
            template: Some(template),
            mode: match d.mode {
                LetterMode::Joint => letters::Mode::Joint,
                LetterMode::PerRecipient => letters::Mode::PerRecipient,
            },
            paper: extra.paper,
            date: d.date,
            organization,
            recipients: to,
            subject: Some(d.subject.clone()),
            position,
            body: Some(d.body.clone()),
            signer: letters::Signer {
                name: signer.name,
                title: signer.title,
                signature: None,
            },
            cc,
            enclosures: extra.enclosures,
            fields: extra.fields,
            mark: None,
            // A group's greeting suits a joint letter only; each copy of a
            // per-recipient letter greets its own addressee.
            salutation: match d.mode {
                LetterMode::Joint => extra.salutation.clone(),
                LetterMode::PerRecipient => None,
            },
            typography: letters::TYPOGRAPHY,
        })
    }

    /// Every copy of letter `id` with its PDF.
    pub fn render_letter(&self, id: i64) -> Result<Vec<RenderedPdf>, AppError> {
        let data = self.letter_data(id)?;
        self.engine.render_pdfs(&data, None)
    }

    /// SVG pages of the first copy, for the preview.
    pub fn preview_letter(&self, id: i64) -> Result<Vec<String>, AppError> {
        let data = self.letter_data(id)?;
        let copy = self.engine.render(&data, None)?;
        Ok(copy
            .first()
            .map(|c| self.engine.svg_pages(c))
            .unwrap_or_default())
    }

    /// Lay out a letter that is not saved (the live preview): the first
    /// copy's pages, with the same warnings drafting would give.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn preview_draft(
        &self,
        l: &NewLetter,
        have: &PreviewHave,
    ) -> Result<DraftPreview, AppError> {
        let (data, warnings, resolved) = {
            let db = self.db();
            let (draft, recipients, warnings) = self.draft_of(&db, l)?;
            let mut resolved = Vec::new();
            for r in &recipients {
                let person = r.person_id.map(|p| db.person(p)).transpose()?;
                let office = r.office_id.map(|o| db.office(o)).transpose()?;
                resolved.push(label(person.map(|p| p.full_name), office.map(|o| o.title)));
            }
            let mut data = self.data_for(&db, &draft, &recipients)?;
            if let Some(id) = have.signed_letter {
                data.signer.signature = drawn_signature(&db, id)?;
            }
            (data, warnings, resolved)
        };
        let (ink, missing, size) = match self.engine.render(&data, None) {
            Ok(copies) => match copies.first() {
                Some(c) => (self.engine.ink_pages(c), Vec::new(), c.layout.page),
                None => (Vec::new(), Vec::new(), typeset::PageSize::LETTER),
            },
            Err(AppError::Letter(letters::LetterError::Data(problems))) => (
                Vec::new(),
                problems.into_iter().map(|p| p.location).collect(),
                typeset::PageSize::LETTER,
            ),
            Err(e) => return Err(e),
        };
        let known_pages: HashSet<&str> = have.pages.iter().map(String::as_str).collect();
        let known_glyphs: HashSet<u32> = have.glyphs.iter().copied().collect();
        let mut glyphs = Vec::new();
        let mut sent = HashSet::new();
        let mut pages = Vec::with_capacity(ink.len());
        for page in ink {
            let key = page_key(&page);
            if known_pages.contains(key.as_str()) {
                pages.push(PreviewPage { key, drawing: None });
                continue;
            }
            for &(face, gid) in &page.glyphs {
                let id = typeset::svg::glyph_key(face, gid);
                if !known_glyphs.contains(&id) && sent.insert(id) {
                    let d = self.engine.glyph_path(face, gid).to_string();
                    glyphs.push(GlyphDef { id, d });
                }
            }
            let lines = page
                .lines
                .into_iter()
                .map(|l| InkLine {
                    color: l.color,
                    scale: l.scale,
                    glyphs: l.glyphs,
                })
                .collect();
            pages.push(PreviewPage {
                key,
                drawing: Some(PageDrawing {
                    width: size.width,
                    height: size.height,
                    overlay: page.overlay,
                    lines,
                }),
            });
        }
        Ok(DraftPreview {
            pages,
            glyphs,
            warnings,
            resolved,
            missing,
        })
    }

    /// Write the letter's PDFs (one per copy) and log the export. Returns the
    /// files written. The record is not held while the PDFs are made.
    #[tracing::instrument(skip(self, options, now))]
    pub fn export_letter(
        &self,
        id: i64,
        out: &Path,
        options: &crate::ExportOptions,
        now: DateTime<Utc>,
    ) -> Result<Vec<PathBuf>, AppError> {
        let mut data = self.letter_data(id)?;
        if options.blank_signature {
            data.signer.signature = None;
        }
        // Digitally signed copies go out as they were signed, one file each.
        let signed = self.db().signed_copies(id)?;
        if !signed.is_empty() && !options.blank_signature && !options.combined {
            let copies = self.engine.render(&data, None)?;
            let many = signed.len() > 1;
            let mut written = Vec::new();
            for (i, (copy, pdf)) in copies.iter().zip(&signed).enumerate() {
                let path = crate::copy_pdf_path(out, many, i, &copy.label());
                crate::write_atomically(&path, pdf)?;
                if let Some(report) = &options.progress
                    && !report(i + 1, signed.len())
                {
                    break;
                }
                written.push(path);
            }
            return Ok(written);
        }
        // A draft's pages say so: nobody mistakes one for the approved letter.
        if self.db().letter(id)?.status == Status::Draft {
            data.mark = Some(DRAFT_MARK.into());
        }
        let names = self.engine.export_with(&data, None, out, options)?;
        let detail = names
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        self.db().record_export(id, &detail, now)?;
        self.changed(&[RecordArea::Letters]);
        Ok(names)
    }

    #[tracing::instrument(skip(self, now))]
    pub fn approve(&self, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
        let mut db = self.db();
        // An unfinished draft, or a letter that no longer lays out (a
        // template changed), must not be approved.
        let data = self.letter_data_in(&db, id)?;
        if data.recipients.is_empty() {
            return Err(AppError::invalid(
                "recipients",
                "the letter needs at least one addressee before it can be approved; add a person or an office",
            ));
        }
        self.engine.render(&data, None)?;
        db.approve_letter(id, now)?;
        drop(db);
        self.changed(&[RecordArea::Letters]);
        Ok(())
    }

    #[tracing::instrument(skip(self, now))]
    pub fn sign(&self, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
        self.db().sign_letter(id, now)?;
        self.changed(&[RecordArea::Letters]);
        Ok(())
    }

    /// Sign approved letter `id` and sign each copy digitally (PAdES B-B)
    /// with the certificate in the PKCS#12 file `certificate`: the copies
    /// are laid out as signed (with the signer's image, if on file), signed,
    /// and kept; exporting and sending then use those exact bytes. Returns
    /// the certificate's name, and a warning when it expires within
    /// [`CERTIFICATE_WARNING_DAYS`]. A certificate readers would reject
    /// (expired, not yet valid, not for signing: judged at the app's clock)
    /// is refused before anything is signed. Nothing is kept if any step fails.
    #[tracing::instrument(skip(self, password, now))]
    pub fn sign_digitally(
        &self,
        id: i64,
        certificate: &Path,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<DigitallySigned, AppError> {
        let p12 = std::fs::read(certificate).map_err(|source| AppError::Read {
            path: certificate.to_path_buf(),
            source,
        })?;
        let signer = pades::Signer::from_pkcs12(&p12, password)
            .map_err(|e| AppError::invalid("certificate", e.to_string()))?;
        // Readers judge the certificate when they open the letter: today,
        // by the organization's clock, whatever date the signing records.
        let today = self.clock().now();
        signer
            .check_usable(today)
            .map_err(|e| AppError::invalid("certificate", e.to_string()))?;
        let mut warnings = Vec::new();
        let expires = signer.not_after();
        if expires - today <= chrono::Duration::days(CERTIFICATE_WARNING_DAYS) {
            let days = (expires.date_naive() - today.date_naive()).num_days();
            warnings.push(format!(
                "the certificate '{}' expires on {} ({}); ask for a renewed one now: \
                 letters signed with it will show \"Certificate has Expired\" to their readers after that day",
                signer.name,
                expires.date_naive(),
                match days {
                    0 => "today".to_string(),
                    1 => "tomorrow".to_string(),
                    n => format!("in {n} days"),
                }
            ));
        }
        let mut db = self.db();
        let letter = db.letter(id)?;
        if letter.status != Status::Approved {
            return Err(AppError::Conflict(format!(
                "letter {id} is {}: only an approved letter can be signed; approve it first",
                letter.status
            )));
        }
        // Laid out as signing will draw it: with the signer's image as it is now.
        let mut data = self.letter_data_in(&db, id)?;
        data.signer.signature = db
            .signer_signature(letter.signer_id)?
            .map(|png| base64_png(&png));
        let signed = self
            .engine
            .render_pdfs(&data, None)?
            .into_iter()
            .map(|(_, pdf)| pades::sign(&pdf, &signer, now))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| AppError::invalid("certificate", e.to_string()))?;
        db.sign_letter_digitally(id, now, &signer.name, &signed)?;
        drop(db);
        self.changed(&[RecordArea::Letters]);
        for w in &warnings {
            tracing::warn!("{w}");
        }
        Ok(DigitallySigned {
            signer: signer.name,
            warnings,
        })
    }

    /// Mark one recipient's copy sent, archiving the exact PDF they got and
    /// the data it was made from. Returns the archive entry's id.
    #[tracing::instrument(skip(self, report, now))]
    pub fn mark_sent(
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
        let sending = Sending {
            method: report.method,
            at: report.at,
            confirmation: report.confirmation.clone().filter(|c| !c.trim().is_empty()),
            follow_up_on: match report.follow_up {
                FollowUp::Default => self.default_follow_up(report.at),
                FollowUp::None => None,
                FollowUp::On(day) => Some(day),
            },
        };
        Ok(db.mark_sent(recipient_id, &sending, &copy, now)?)
    }

    /// The exact PDF one recipient gets (as digitally signed, when it was)
    /// and the data it was made from: what sending archives.
    pub(crate) fn copy_to_send(&self, db: &Store, recipient_id: i64) -> Result<Copy, AppError> {
        let r = db.recipient(recipient_id)?;
        let letter = db.letter(r.letter_id)?;
        let mut data = self.letter_data_in(db, r.letter_id)?;
        let no_copy = || {
            AppError::Damaged(format!(
                "letter {} has no copy for recipient {recipient_id}",
                r.letter_id
            ))
        };
        // Render only this recipient's copy: a per-recipient letter keeps
        // just their address block, which is exactly that copy's data.
        let index = copy_index(&db.recipients(r.letter_id)?, letter.mode, recipient_id);
        if letter.mode == LetterMode::PerRecipient {
            if index >= data.recipients.len() {
                return Err(no_copy());
            }
            data.recipients = vec![data.recipients.swap_remove(index)];
        }
        let Some((copy, mut pdf)) = self.engine.render_pdfs(&data, None)?.into_iter().next() else {
            return Err(no_copy());
        };
        // A digitally signed copy is sent (and archived) as it was signed.
        if let Some(signed) = db.signed_copy(r.letter_id, index)? {
            if !signed.starts_with(&pdf) {
                return Err(AppError::Damaged(format!(
                    "the signed copy of letter {} no longer matches the letter; sign a revision of it",
                    r.letter_id
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
    #[tracing::instrument(skip(self, req, now), fields(letter = req.letter_id))]
    pub fn send_copies(
        &self,
        req: &SendRequest,
        now: DateTime<Utc>,
    ) -> Result<Vec<(i64, i64)>, AppError> {
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
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
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
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
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
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let r = recipient_numbered(&self.db(), letter_id, number)?;
        self.record_reply(r, on, notes, now)
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

    pub fn revise(&self, id: i64, now: DateTime<Utc>) -> Result<i64, AppError> {
        let new = self.db().revise_letter(id, now)?;
        self.changed(&[RecordArea::Letters]);
        Ok(new)
    }

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
            .map(|l| LetterSummary {
                copies: sent.get(&l.id).map_or(0, |c| c.0),
                copies_sent: sent.get(&l.id).map_or(0, |c| c.1),
                issue: l.position_id.and_then(|p| issues.get(&p).cloned()),
                recipients: names
                    .remove(&l.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(p, o)| label(p, o))
                    .collect(),
                id: l.id,
                date: l.date,
                subject: l.subject,
                status: l.status,
                mode: l.mode,
                revision_of: l.revision_of,
                updated_at: l.updated_at,
            })
            .collect())
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
            recipients,
            revision_of: l.revision_of,
            updated_at: l.updated_at,
            copies,
            copies_sent,
        })
    }

    /// A letter as the compose screen edits it.
    pub fn open_letter(&self, id: i64) -> Result<LetterDetail, AppError> {
        self.open_letter_in(&self.db(), id)
    }

    fn open_letter_in(&self, db: &Store, id: i64) -> Result<LetterDetail, AppError> {
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
                reach: crate::delivery::reach_of(db, r)?,
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

    /// A new, unsaved letter from letter `id` (sent ones too), dated `date`:
    /// the same template, signer, subject, body, cc lines and recipients —
    /// chosen by office, so they resolve to whoever holds each office on the
    /// new date — and the version of the same issue's position in force then.
    /// It remembers its source (`extra.copied_from`).
    pub fn copy_letter(&self, id: i64, date: NaiveDate) -> Result<NewLetter, AppError> {
        let db = self.db();
        let mut letter = self.open_letter_in(&db, id)?.draft;
        letter.position_id = match letter.position_id {
            Some(p) => db
                .position_on(db.position(p)?.issue_id, date)?
                .map(|p| p.id),
            None => None,
        };
        let old_date = letter.date;
        drop(db);
        letter.date = date;
        letter.extra.copied_from = Some(id);
        // A group is who was in it on the new date: members who left are
        // dropped, newcomers added.
        let mut groups = Vec::with_capacity(letter.extra.groups.len());
        for note in &mut letter.extra.groups {
            let fresh = self.expand_group(&note.group, date)?;
            if let Ok(before) = self.expand_group(&note.group, old_date) {
                letter
                    .recipients
                    .retain(|r| !before.members.iter().any(|m| &m.choice == r));
            }
            for m in &fresh.members {
                if !letter.recipients.contains(&m.choice) {
                    letter.recipients.push(m.choice.clone());
                }
            }
            note.members = u32::try_from(fresh.members.len()).unwrap_or(u32::MAX);
            note.label = fresh.label.clone();
            groups.push(fresh);
        }
        // A group's greeting is that of the new date's members; one staff
        // turned off stays off.
        if letter.extra.salutation.is_some() {
            letter.extra.salutation = crate::groups::group_greeting(&letter.recipients, &groups);
        }
        Ok(letter)
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
}

/// A certificate that expires within this many days signs, with a warning.
pub const CERTIFICATE_WARNING_DAYS: i64 = 30;

/// A letter signed digitally: by whom, and what the signer should know.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DigitallySigned {
    /// The certificate's name ("Jordan A. Whitfield").
    pub signer: String,
    /// Said to the signer: the certificate expires soon.
    pub warnings: Vec<String>,
}

/// Which of a letter's copies recipient `recipient_id` gets: their place
/// among the addressees of a per-recipient letter (the first copy for a
/// cc), the one copy of a joint letter.
pub(crate) fn copy_index(
    recipients: &[store::Recipient],
    mode: LetterMode,
    recipient_id: i64,
) -> usize {
    if mode != LetterMode::PerRecipient {
        return 0;
    }
    recipients
        .iter()
        .filter(|x| x.role == Role::To)
        .position(|x| x.id == recipient_id)
        .unwrap_or(0)
}

/// The recipient numbered `number` (1, 2, …) on letter `letter`.
pub(crate) fn recipient_numbered(db: &Store, letter: i64, number: u32) -> Result<i64, AppError> {
    db.recipients(letter)?
        .into_iter()
        .find(|r| r.ord == number)
        .map(|r| r.id)
        .ok_or_else(|| AppError::not_found("recipient", format!("{number} of letter {letter}")))
}

/// A letter asked for by what staff type: offices by title or short name,
/// the issue by name (its position in force on the date is cited), the
/// signer by id or the first one.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftRequest {
    pub template: String,
    pub to_offices: Vec<String>,
    pub to_persons: Vec<i64>,
    pub cc_offices: Vec<String>,
    pub cc_lines: Vec<String>,
    pub date: NaiveDate,
    pub subject: String,
    pub body: String,
    pub issue: Option<String>,
    pub signer: Option<i64>,
    pub per_recipient: bool,
    /// Groups whose members on the letter's date are addressees too.
    pub to_groups: Vec<crate::groups::GroupRef>,
}

impl App {
    /// The signer a letter has when none is chosen: the first one.
    pub fn default_signer(&self) -> Result<i64, AppError> {
        self.db()
            .signers()?
            .first()
            .map(|s| s.id)
            .ok_or_else(|| AppError::invalid("signer", "there are no signers yet; add one first"))
    }

    /// Draft a letter from a request in staff's words (`amicus letters new`).
    pub fn draft_from_request(
        &self,
        r: &DraftRequest,
        now: DateTime<Utc>,
    ) -> Result<Drafted, AppError> {
        let mut recipients = Vec::new();
        let by_office = |text: &String, role| -> Result<RecipientChoice, AppError> {
            Ok(RecipientChoice {
                role,
                to: Addressee::Office(self.find_office(text)?.id),
            })
        };
        for o in &r.to_offices {
            recipients.push(by_office(o, Role::To)?);
        }
        recipients.extend(r.to_persons.iter().map(|p| RecipientChoice {
            role: Role::To,
            to: Addressee::Person(*p),
        }));
        let position_id = match &r.issue {
            Some(issue) => Some(self.position_for_letter(issue, r.date)?),
            None => None,
        };
        let signer_id = match r.signer {
            Some(s) => s,
            None => self.default_signer()?,
        };
        let mut letter = NewLetter {
            template: r.template.clone(),
            position_id,
            signer_id,
            date: r.date,
            subject: r.subject.clone(),
            body: r.body.clone(),
            mode: if r.per_recipient {
                LetterMode::PerRecipient
            } else {
                LetterMode::Joint
            },
            recipients,
            extra: LetterExtra {
                cc: r.cc_lines.clone(),
                ..Default::default()
            },
        };
        // Groups join as they do in the window, greeting and all.
        let mut group_warnings = Vec::new();
        for g in &r.to_groups {
            let added = self.add_group(letter, g, &[])?;
            letter = added.letter;
            group_warnings.extend(added.warnings);
        }
        for o in &r.cc_offices {
            letter.recipients.push(by_office(o, Role::Cc)?);
        }
        let mut drafted = self.draft_letter(&letter, now)?;
        drafted.warnings.extend(group_warnings);
        Ok(drafted)
    }
}

#[cfg(test)]
mod workflow_tests {
    use super::workflow;
    use chrono::{TimeZone, Utc};
    use store::{Event, EventKind as K};

    fn e(kind: K, by: &str, day: u32) -> Event {
        Event {
            id: 0,
            letter_id: 1,
            recipient_id: None,
            kind,
            at: Utc.with_ymd_and_hms(2017, 9, day, 12, 0, 0).unwrap(),
            detail: String::new(),
            actor: Some(by.into()),
        }
    }

    #[test]
    fn an_edit_after_approval_takes_the_approval_back() {
        let steps = workflow(&[
            e(K::Created, "dana", 1),
            e(K::Approved, "avery", 2),
            e(K::Edited, "dana", 3),
            e(K::Approved, "morgan", 4),
            e(K::Signed, "sam", 5),
            e(K::Sent, "dana", 5),
            e(K::Sent, "dana", 6),
        ]);
        let seen: Vec<(K, &str, u32)> = steps
            .iter()
            .map(|s| {
                (
                    s.kind,
                    s.by.as_deref().unwrap(),
                    chrono::Datelike::day(&s.at),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (K::Created, "dana", 1),
                (K::Approved, "morgan", 4),
                (K::Signed, "sam", 5),
                (K::Sent, "dana", 5)
            ]
        );
    }
}
