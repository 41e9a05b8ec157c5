//! The use cases over the record: officials, positions, letters from draft
//! to sent, the log, search and backups. [`App`] joins the letter engine
//! and the store; both front ends call it and nothing below it.
//!
//! Time and ids come in from the caller: no use case reads the clock, so a
//! letter and its PDF are the same whenever they are rendered.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use letters::LetterData;
use serde::{Deserialize, Serialize};
use store::letters::{Copy, Sending};
use store::log::{LogEntry, LogFilter, SearchHit};
use store::{LetterDraft, LetterMode, Method, NewRecipient, Role, Status, Store, StoreError};

use crate::{AppError, Engine, RenderedPdf};

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
    pub follow_up_on: Option<NaiveDate>,
}

/// The engine and the record, opened together.
pub struct App {
    pub engine: Engine,
    pub store: Store,
}

/// The database Amicus uses when none is named: `$XDG_DATA_HOME/amicus/amicus.db`.
pub fn default_db_path() -> Result<PathBuf, AppError> {
    let dir = dirs::data_dir().ok_or_else(|| {
        AppError::Store(StoreError::invalid(
            "db",
            "cannot find your data folder (set HOME or XDG_DATA_HOME), or pass --db PATH",
        ))
    })?;
    Ok(dir.join("amicus").join("amicus.db"))
}

impl App {
    /// Open the record at `path`, creating it with the sample data on first
    /// run, and register the shipped templates.
    pub fn open(engine: Engine, path: &Path, now: DateTime<Utc>) -> Result<App, AppError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| AppError::Write {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        Self::with_store(engine, Store::open(path)?, now)
    }

    pub fn with_store(engine: Engine, store: Store, now: DateTime<Utc>) -> Result<App, AppError> {
        let mut app = App { engine, store };
        let fresh = app.store.is_empty()?;
        app.register_builtin_templates(now)?;
        app.load_user_templates()?;
        if fresh {
            crate::sample::seed(&mut app, now)?;
        }
        Ok(app)
    }

    fn register_builtin_templates(&mut self, now: DateTime<Utc>) -> Result<(), AppError> {
        for (meta, source) in letters::template::SHIPPED {
            let id: serde_json::Value = serde_json::from_str(meta).unwrap_or_default();
            let key = id["id"].as_str().unwrap_or_default().to_string();
            self.store
                .register_builtin_template(&key, meta, source, now)?;
        }
        Ok(())
    }

    /// Teach the engine every stored template version it may be asked for.
    fn load_user_templates(&mut self) -> Result<(), AppError> {
        for t in self.store.templates()? {
            if !t.builtin {
                self.ensure_template(t.id)?;
            }
        }
        Ok(())
    }

    /// The engine's name for a stored template version, registering it if needed.
    fn ensure_template(&mut self, template_id: i64) -> Result<String, AppError> {
        let t = self.store.template(template_id)?;
        let shipped = letters::template::SHIPPED
            .iter()
            .any(|(meta, source)| *source == t.source && *meta == t.meta);
        if t.builtin && shipped {
            return Ok(t.key);
        }
        let name = format!("{}@{}", t.key, t.version);
        if self.engine.templates.get(&name).is_err() {
            let mut meta: letters::TemplateMeta = serde_json::from_str(&t.meta).map_err(|e| {
                AppError::Store(StoreError::Corrupt(format!("template {name}: {e}")))
            })?;
            meta.id = name.clone();
            self.engine.templates.add(meta, &t.source)?;
        }
        Ok(name)
    }

    /// Resolve a recipient at `date`, saying what staff should check.
    pub fn resolve(
        &self,
        choice: &RecipientChoice,
        date: NaiveDate,
    ) -> Result<(NewRecipient, Vec<String>), AppError> {
        let mut warnings = Vec::new();
        let recipient = match choice.to {
            Addressee::Office(office_id) => match self.store.holder_on(office_id, date)? {
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
                    let office = self.store.office(office_id)?;
                    warnings.push(match office.retired_on.filter(|r| *r <= date) {
                        Some(retired) => format!(
                            "the office of {} was retired on {retired}, before the letter's date {date}; choose its successor",
                            office.title
                        ),
                        None => format!(
                            "nobody held the office of {} on {date}; the letter is addressed to the office",
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
                let holding = self.store.latest_holding(person_id, date)?;
                let person = self.store.person(person_id)?;
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

    pub(crate) fn draft_of(
        &self,
        l: &NewLetter,
    ) -> Result<(LetterDraft, Vec<NewRecipient>, Vec<String>), AppError> {
        let template = self.store.latest_template(&l.template)?;
        if l.mode == LetterMode::PerRecipient && l.recipients.iter().any(|r| r.role == Role::Cc) {
            return Err(AppError::Store(StoreError::invalid(
                "recipients",
                "a letter with one copy per recipient has no tracked cc recipients; add them as addressees or as cc lines",
            )));
        }
        let mut recipients = Vec::with_capacity(l.recipients.len());
        let mut warnings = Vec::new();
        for choice in &l.recipients {
            let (r, w) = self.resolve(choice, l.date)?;
            recipients.push(r);
            warnings.extend(w);
        }
        let draft = LetterDraft {
            template_id: template.id,
            position_id: l.position_id,
            signer_id: l.signer_id,
            date: l.date,
            subject: l.subject.clone(),
            body: l.body.clone(),
            mode: l.mode,
            extra: serde_json::to_value(&l.extra).unwrap_or_default(),
        };
        Ok((draft, recipients, warnings))
    }

    /// Draft a letter. It is rendered first, so a letter the template
    /// cannot fill is refused with every problem listed and nothing saved.
    pub fn draft_letter(&mut self, l: &NewLetter, now: DateTime<Utc>) -> Result<Drafted, AppError> {
        let (draft, recipients, warnings) = self.draft_of(l)?;
        let data = self.data_for(&draft, &recipients)?;
        self.engine.render(&data, None)?;
        let id = self.store.create_letter(&draft, &recipients, now)?;
        Ok(Drafted {
            letter_id: id,
            warnings,
        })
    }

    /// Change a letter, with the same checks as drafting. An unsent letter
    /// is changed in place (an approved one returns to draft). A sent letter
    /// is part of the record and stays exactly as it is: the changes become
    /// a new draft, a revision linked to it, whose id is returned.
    pub fn edit_letter(
        &mut self,
        id: i64,
        l: &NewLetter,
        now: DateTime<Utc>,
    ) -> Result<Drafted, AppError> {
        let (draft, recipients, mut warnings) = self.draft_of(l)?;
        let data = self.data_for(&draft, &recipients)?;
        self.engine.render(&data, None)?;
        if self.store.letter(id)?.status == Status::Sent {
            let revision = self.store.create_revision(id, &draft, &recipients, now)?;
            warnings.push(format!(
                "letter {id} has been sent, so it stays as it was; your changes are letter {revision}, a revision of it"
            ));
            return Ok(Drafted {
                letter_id: revision,
                warnings,
            });
        }
        self.store.edit_letter(id, &draft, &recipients, now)?;
        Ok(Drafted {
            letter_id: id,
            warnings,
        })
    }

    /// The letter data the record holds for letter `id`, ready to render.
    pub fn letter_data(&mut self, id: i64) -> Result<LetterData, AppError> {
        let letter = self.store.letter(id)?;
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
        let recipients: Vec<NewRecipient> = self
            .store
            .recipients(id)?
            .into_iter()
            .map(|r| NewRecipient {
                role: r.role,
                person_id: r.person_id,
                office_id: r.office_id,
                term_id: r.term_id,
            })
            .collect();
        self.data_for(&draft, &recipients)
    }

    /// Assemble letter data from a draft: letterhead from the settings,
    /// addressees styled by their office, the cited position, the signer.
    pub(crate) fn data_for(
        &mut self,
        d: &LetterDraft,
        recipients: &[NewRecipient],
    ) -> Result<LetterData, AppError> {
        let template = self.ensure_template(d.template_id)?;
        let extra: LetterExtra = serde_json::from_value(d.extra.clone()).unwrap_or_default();
        let organization: letters::Organization =
            self.store.setting("organization")?.ok_or_else(|| {
                AppError::Store(StoreError::invalid(
                    "organization",
                    "the organization's letterhead is not set; fill it in under Settings",
                ))
            })?;
        let signer = self.store.signer(d.signer_id)?;
        let position = match d.position_id {
            Some(p) => {
                let p = self.store.position(p)?;
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
            let block = self.recipient_block(r.person_id, r.office_id)?;
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
            },
            cc,
            enclosures: extra.enclosures,
            fields: extra.fields,
        })
    }

    fn recipient_block(
        &self,
        person_id: Option<i64>,
        office_id: Option<i64>,
    ) -> Result<letters::Recipient, AppError> {
        let office = office_id.map(|o| self.store.office(o)).transpose()?;
        let person = person_id.map(|p| self.store.person(p)).transpose()?;
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
                salutation: "Sir or Madam".into(),
            },
            (None, None) => {
                return Err(AppError::Store(StoreError::Corrupt(
                    "a recipient with neither person nor office".into(),
                )));
            }
        })
    }

    /// Every copy of letter `id` with its PDF.
    pub fn render_letter(&mut self, id: i64) -> Result<Vec<RenderedPdf>, AppError> {
        let data = self.letter_data(id)?;
        self.engine.render_pdfs(&data, None)
    }

    /// SVG pages of the first copy, for the preview.
    pub fn preview_letter(&mut self, id: i64) -> Result<Vec<String>, AppError> {
        let data = self.letter_data(id)?;
        let copy = self.engine.render(&data, None)?;
        Ok(copy
            .first()
            .map(|c| self.engine.svg_pages(c))
            .unwrap_or_default())
    }

    /// Write the letter's PDFs (one per copy) and log the export. Returns the files written.
    pub fn export_letter(
        &mut self,
        id: i64,
        out: &Path,
        options: &crate::ExportOptions,
        now: DateTime<Utc>,
    ) -> Result<Vec<PathBuf>, AppError> {
        let data = self.letter_data(id)?;
        let names = self.engine.export_with(&data, None, out, options)?;
        let detail = names
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        self.store.record_export(id, &detail, now)?;
        Ok(names)
    }

    pub fn approve(&mut self, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
        // A letter that no longer lays out (a template changed) must not be approved.
        let data = self.letter_data(id)?;
        self.engine.render(&data, None)?;
        Ok(self.store.approve_letter(id, now)?)
    }

    pub fn sign(&mut self, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
        Ok(self.store.sign_letter(id, now)?)
    }

    /// Mark one recipient's copy sent, archiving the exact PDF they got and
    /// the data it was made from. Returns the archive entry's id.
    pub fn mark_sent(
        &mut self,
        recipient_id: i64,
        report: &SendReport,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let r = self.store.recipient(recipient_id)?;
        let letter = self.store.letter(r.letter_id)?;
        let mut data = self.letter_data(r.letter_id)?;
        // Render only this recipient's copy: a per-recipient letter keeps
        // just their address block, which is exactly that copy's data.
        if letter.mode == LetterMode::PerRecipient {
            let index = self
                .store
                .recipients(r.letter_id)?
                .iter()
                .filter(|x| x.role == Role::To)
                .position(|x| x.id == recipient_id)
                .unwrap_or(0);
            if index >= data.recipients.len() {
                return Err(AppError::Store(StoreError::Corrupt(format!(
                    "letter {} has no copy for recipient {recipient_id}",
                    r.letter_id
                ))));
            }
            data.recipients = vec![data.recipients.swap_remove(index)];
        }
        let Some((copy, pdf)) = self.engine.render_pdfs(&data, None)?.into_iter().next() else {
            return Err(AppError::Store(StoreError::Corrupt(format!(
                "letter {} has no copy for recipient {recipient_id}",
                r.letter_id
            ))));
        };
        let snapshot = serde_json::to_string_pretty(&copy.letter.data).unwrap_or_default();
        let sending = Sending {
            method: report.method,
            at: report.at,
            confirmation: report.confirmation.clone().filter(|c| !c.trim().is_empty()),
            follow_up_on: report.follow_up_on,
        };
        Ok(self.store.mark_sent(
            recipient_id,
            &sending,
            &Copy {
                pdf,
                data: snapshot,
            },
            now,
        )?)
    }

    /// Render an archived copy again from its data snapshot; the bytes must
    /// match what was sent. Returns the archive entries checked.
    pub fn verify_archive(&mut self, letter_id: i64) -> Result<usize, AppError> {
        let letter = self.store.letter(letter_id)?;
        let archived = self.store.archived(letter_id)?;
        self.ensure_template(letter.template_id)?;
        for a in &archived {
            let data = self.engine.parse_data(&a.data)?;
            let copies = self.engine.render_pdfs(&data, None)?;
            let same = copies.iter().any(|(_, pdf)| *pdf == a.pdf);
            if !same {
                return Err(AppError::Store(StoreError::Corrupt(format!(
                    "archived copy {} of letter {letter_id} does not re-render to the same bytes",
                    a.id
                ))));
            }
        }
        Ok(archived.len())
    }

    pub fn revise(&mut self, id: i64, now: DateTime<Utc>) -> Result<i64, AppError> {
        Ok(self.store.revise_letter(id, now)?)
    }

    pub fn log(&self, filter: &LogFilter) -> Result<Vec<LogEntry>, AppError> {
        Ok(self.store.log(filter)?)
    }

    pub fn search(&self, text: &str) -> Result<Vec<SearchHit>, AppError> {
        Ok(self.store.search(text, 50)?)
    }

    /// Import (or, with `dry_run`, preview) the congress-legislators roster in `dir`.
    pub fn import_congress(
        &mut self,
        dir: &Path,
        as_of: NaiveDate,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<store::import::ImportSummary, AppError> {
        let members = crate::congress::read_roster(dir)?;
        Ok(self
            .store
            .import_roster(&members, &crate::congress::SCOPE, as_of, now, dry_run)?)
    }

    /// Import the executive and foreign posts: the shipped dataset, or a
    /// newer file of the same form.
    pub fn import_posts(
        &mut self,
        file: Option<&Path>,
        as_of: NaiveDate,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<store::import::ImportSummary, AppError> {
        let members = match file {
            None => crate::posts::read_posts(crate::posts::POSTS, "the shipped posts dataset")?,
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| AppError::Read {
                    path: path.to_path_buf(),
                    source,
                })?;
                crate::posts::read_posts(&text, &path.display().to_string())?
            }
        };
        Ok(self
            .store
            .import_roster(&members, &crate::posts::SCOPE, as_of, now, dry_run)?)
    }

    pub fn letters(&self, status: Option<Status>) -> Result<Vec<store::Letter>, AppError> {
        Ok(self.store.letters(status, 1000)?)
    }
}
