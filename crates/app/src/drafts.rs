//! Drafts: a letter as staff choose it ([`NewLetter`]), drafted, edited,
//! saved, copied, revised, drafted from a request in staff's words, and
//! given or relieved of a group; and the letter data the record holds for
//! a letter, ready to render.

use chrono::{DateTime, NaiveDate, Utc};
use letters::LetterData;
use serde::{Deserialize, Serialize};
use store::{LetterDraft, LetterMode, NewRecipient, Role, Status, Store};

use crate::app::{App, RecordArea};
use crate::error::AppError;
use crate::positions::superseded;
use crate::recipient_groups::{GroupExpansion, GroupMember, GroupNote, GroupRef, group_greeting};
use crate::recipients::{Addressee, RecipientChoice, recipient_block, resolve_in};

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
    pub groups: Vec<GroupNote>,
    /// The stock paragraphs inserted into the body, by id (their source).
    pub paragraphs: Vec<i64>,
    /// A joint letter's greeting in place of the template's (a committee's).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub salutation: Option<String>,
    /// The letter's language (a BCP 47 tag; en-US when not given): its
    /// PDF's, what a screen reader reads it in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub lang: Option<String>,
    /// The position version staff chose to quote on purpose although a
    /// newer one is in force on the letter's date (its id; "Keep version N").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub kept_position: Option<i64>,
}

/// A drafted letter and what staff should check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Drafted {
    pub letter_id: i64,
    pub warnings: Vec<String>,
}

/// The signature letter `id` is drawn with: the image kept when it was
/// signed, once it is signed or sent (base64 PNG, as letter data holds it).
pub(crate) fn drawn_signature(db: &Store, id: i64) -> Result<Option<String>, AppError> {
    if !matches!(db.letter(id)?.status, Status::Signed | Status::Sent) {
        return Ok(None);
    }
    Ok(db.letter_signature(id)?.map(|png| base64_png(&png)))
}

/// A PNG as letter data carries it.
pub(crate) fn base64_png(png: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(png)
}

/// A letter's extra parts as stored; unreadable JSON is a damaged record,
/// never an empty default.
pub(crate) fn extra_of(id: i64, value: &serde_json::Value) -> Result<LetterExtra, AppError> {
    serde_json::from_value(value.clone()).map_err(|e| AppError::damaged(format!("letter {id}"), e))
}

/// A draft and its resolved recipients, with what staff should check.
type Resolved = (LetterDraft, Vec<NewRecipient>, Vec<String>);

impl App {
    pub(crate) fn draft_of(&self, db: &Store, l: &NewLetter) -> Result<Resolved, AppError> {
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
        let mut extra = l.extra.clone();
        extra.lang = extra
            .lang
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(crate::templates::language_tag)
            .transpose()?
            // The default language is no language set: the letter says none.
            .filter(|t| t != letters::compose::DEFAULT_LANG);
        let extra = serde_json::to_value(&extra)
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
    pub fn draft_letter(&self, l: &NewLetter) -> Result<Drafted, AppError> {
        self.draft_letter_at(l, self.clock().now())
    }

    pub(crate) fn draft_letter_at(
        &self,
        l: &NewLetter,
        now: DateTime<Utc>,
    ) -> Result<Drafted, AppError> {
        let mut db = self.db();
        let (draft, recipients, mut warnings) = self.draft_of(&db, l)?;
        let data = self.data_for(&db, &draft, &recipients)?;
        warnings.extend(self.not_ready(&data)?);
        warnings.extend(superseded(
            &db,
            l.position_id,
            l.date,
            l.extra.kept_position,
        )?);
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
    #[tracing::instrument(skip(self, l))]
    pub fn edit_letter(&self, id: i64, l: &NewLetter) -> Result<Drafted, AppError> {
        let now = self.clock().now();
        let mut db = self.db();
        let (draft, recipients, mut warnings) = self.draft_of(&db, l)?;
        let data = self.data_for(&db, &draft, &recipients)?;
        warnings.extend(self.not_ready(&data)?);
        // The position's note is the form's to show beside the position,
        // not the preview's (whose warnings are said under the recipients).
        warnings.extend(superseded(
            &db,
            l.position_id,
            l.date,
            l.extra.kept_position,
        )?);
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
    pub fn save_letter(&self, id: Option<i64>, l: &NewLetter) -> Result<Drafted, AppError> {
        match id {
            Some(id) => self.edit_letter(id, l),
            None => self.draft_letter(l),
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
    pub(crate) fn data_for(
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
        let mut to_offices = Vec::new();
        let mut cc = Vec::new();
        for r in recipients {
            let block = recipient_block(db, r.person_id, r.office_id, r.term_id)?;
            match r.role {
                Role::To => {
                    to.push(block);
                    to_offices.push(r.office_id);
                }
                Role::Cc => cc.push(match &block.title {
                    Some(t) => format!("{}, {t}", block.name),
                    None => block.name.clone(),
                }),
            }
        }
        let inside_addresses = committee_styles(db, &extra, d, &mut to, &to_offices)?;
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
            inside_addresses,
            lang: extra.lang.clone(),
            typography: letters::TYPOGRAPHY,
            format: letters::FORMAT,
        })
    }

    pub fn revise(&self, id: i64) -> Result<i64, AppError> {
        let now = self.clock().now();
        let new = self.db().revise_letter(id, now)?;
        self.changed(&[RecordArea::Letters]);
        Ok(new)
    }

    /// A new, unsaved letter from letter `id` (sent ones too), dated `date`
    /// (today by the app's clock when not given):
    /// the same template, signer, subject, body, cc lines and recipients —
    /// chosen by office, so they resolve to whoever holds each office on the
    /// new date — and the version of the same issue's position in force then.
    /// It remembers its source (`extra.copied_from`).
    pub fn copy_letter(&self, id: i64, date: Option<NaiveDate>) -> Result<NewLetter, AppError> {
        let date = date.unwrap_or_else(|| self.clock().today());
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
        // The copy quotes the version in force on its date: nothing was kept on purpose.
        letter.extra.kept_position = None;
        // A group is who was in it on the new date: members who left are
        // dropped, newcomers added.
        let mut groups = Vec::with_capacity(letter.extra.groups.len());
        for note in &mut letter.extra.groups {
            let fresh = self.expand_group_on(&note.group, date)?;
            if let Ok(before) = self.expand_group_on(&note.group, old_date) {
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
            letter.extra.salutation = group_greeting(&letter.recipients, &groups);
        }
        Ok(letter)
    }
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
    pub to_groups: Vec<GroupRef>,
    /// The letter's language (a BCP 47 tag); en-US when none.
    pub lang: Option<String>,
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
    pub fn draft_from_request(&self, r: &DraftRequest) -> Result<Drafted, AppError> {
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
                lang: r.lang.clone(),
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
        let mut drafted = self.draft_letter(&letter)?;
        drafted.warnings.extend(group_warnings);
        Ok(drafted)
    }
}

/// A letter once a group has joined it, and what the record could not
/// resolve about the group's members on the letter's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WithGroup {
    pub letter: NewLetter,
    pub warnings: Vec<String>,
}

impl App {
    /// Add `group`'s members on the letter's date to `letter`, but for
    /// those staff left out: each not already addressed joins as an
    /// addressee, the letter notes the group (with how many joined), and
    /// its greeting is decided again ([`group_greeting`]).
    pub fn add_group(
        &self,
        mut letter: NewLetter,
        group: &GroupRef,
        left_out: &[RecipientChoice],
    ) -> Result<WithGroup, AppError> {
        let e = self.expand_group_on(group, letter.date)?;
        let kept: Vec<&GroupMember> = e
            .members
            .iter()
            .filter(|m| !left_out.contains(&m.choice))
            .collect();
        if kept.is_empty() {
            return Err(AppError::invalid(
                "group",
                format!("nobody of {} is left to add", e.label),
            ));
        }
        for m in &kept {
            if !letter.recipients.contains(&m.choice) {
                letter.recipients.push(m.choice.clone());
            }
        }
        letter.extra.groups.push(GroupNote {
            group: group.clone(),
            label: e.label.clone(),
            members: u32::try_from(kept.len()).unwrap_or(u32::MAX),
        });
        let mut groups = self.expand_groups(
            &letter.extra.groups[..letter.extra.groups.len() - 1],
            letter.date,
        )?;
        let warnings = e.warnings.clone();
        groups.push(e);
        letter.extra.salutation = group_greeting(&letter.recipients, &groups);
        Ok(WithGroup { letter, warnings })
    }

    /// Take the letter's group number `index` (from 0) off it: its members
    /// on the letter's date leave the recipients unless a remaining group
    /// brings them too; with nobody left, no group remains. A group's
    /// greeting the letter has is decided again ([`group_greeting`]); one
    /// staff turned off stays off.
    pub fn remove_group(&self, mut letter: NewLetter, index: usize) -> Result<NewLetter, AppError> {
        if index >= letter.extra.groups.len() {
            return Err(AppError::not_found("group", index + 1));
        }
        let gone = letter.extra.groups.remove(index);
        let members = self.expand_group_on(&gone.group, letter.date)?;
        let others = self.expand_groups(&letter.extra.groups, letter.date)?;
        let in_group =
            |e: &GroupExpansion, r: &RecipientChoice| e.members.iter().any(|m| &m.choice == r);
        letter
            .recipients
            .retain(|r| !in_group(&members, r) || others.iter().any(|e| in_group(e, r)));
        if letter.recipients.is_empty() {
            letter.extra.groups.clear();
        }
        if letter.extra.salutation.is_some() {
            letter.extra.salutation = group_greeting(&letter.recipients, &others);
        }
        Ok(letter)
    }

    /// Add one office or person to the letter, as staff do by hand (once:
    /// a recipient already there is not added twice). A group's greeting
    /// the letter has is decided again ([`group_greeting`]): someone
    /// outside the group is greeted by name with the rest.
    pub fn add_recipient(
        &self,
        mut letter: NewLetter,
        recipient: RecipientChoice,
    ) -> Result<NewLetter, AppError> {
        if !letter.recipients.contains(&recipient) {
            letter.recipients.push(recipient);
        }
        self.greet_again(&mut letter)?;
        Ok(letter)
    }

    /// Take the letter's recipient number `index` (from 0) off it, as staff
    /// do by hand. With nobody left, no group remains and a group's greeting
    /// goes with them; otherwise a group's greeting the letter has is
    /// decided again ([`group_greeting`]).
    pub fn remove_recipient(
        &self,
        mut letter: NewLetter,
        index: usize,
    ) -> Result<NewLetter, AppError> {
        if index >= letter.recipients.len() {
            return Err(AppError::not_found("recipient", index + 1));
        }
        letter.recipients.remove(index);
        if letter.recipients.is_empty() {
            letter.extra.groups.clear();
        } else if !letter.extra.groups.is_empty() {
            // Each group counts the members still on the letter; a group
            // with none left is no longer one it went to.
            let expansions = self.expand_groups(&letter.extra.groups, letter.date)?;
            let mut kept = Vec::with_capacity(expansions.len());
            for (mut note, g) in std::mem::take(&mut letter.extra.groups)
                .into_iter()
                .zip(&expansions)
            {
                let still = letter
                    .recipients
                    .iter()
                    .filter(|r| g.members.iter().any(|m| &m.choice == *r))
                    .count();
                note.members = u32::try_from(still).unwrap_or(u32::MAX);
                if still > 0 {
                    kept.push(note);
                }
            }
            letter.extra.groups = kept;
        }
        self.greet_again(&mut letter)?;
        Ok(letter)
    }

    /// A group's greeting applies while every addressee sits in the group;
    /// one staff turned off stays off.
    fn greet_again(&self, letter: &mut NewLetter) -> Result<(), AppError> {
        if letter.extra.salutation.is_some() {
            let groups = self.expand_groups(&letter.extra.groups, letter.date)?;
            letter.extra.salutation = group_greeting(&letter.recipients, &groups);
        }
        Ok(())
    }
}

/// A letter that went to a committee addresses the committee's chair and
/// ranking member by their titles in it (each copy too: "Dear Chairman
/// Crapo:"); a joint letter to the whole committee, greeted as its
/// members, shows only their two addresses (the places in `to` returned;
/// empty: every addressee's).
fn committee_styles(
    db: &Store,
    extra: &LetterExtra,
    d: &LetterDraft,
    to: &mut [letters::Recipient],
    to_offices: &[Option<i64>],
) -> Result<Vec<usize>, AppError> {
    let mut shown = Vec::new();
    // A leader the letter reaches through two of its groups (the leaders,
    // and the whole committee) is styled once.
    let mut styled = vec![false; to.len()];
    for note in &extra.groups {
        let crate::recipient_groups::GroupRef::Committee { code, leaders_only } = &note.group
        else {
            continue;
        };
        let c = crate::recipient_groups::committee_leaders(db, code, d.date)?;
        let mut at = Vec::new();
        for leader in &c.leaders {
            for (k, office) in to_offices.iter().enumerate() {
                if *office == Some(leader.seat) && !std::mem::replace(&mut styled[k], true) {
                    letters::address::as_committee_leader(
                        &mut to[k],
                        &leader.title,
                        &leader.family_name,
                        &c.lines,
                    );
                }
                if *office == Some(leader.seat) {
                    at.push(k);
                }
            }
        }
        let greeted_as_members = d.mode == LetterMode::Joint
            && !leaders_only
            && extra.salutation.as_deref() == Some(c.whole_greeting.as_str());
        if greeted_as_members && shown.is_empty() && !at.is_empty() {
            shown = at;
        }
    }
    shown.sort_unstable();
    shown.dedup();
    Ok(shown)
}
