//! What the desktop screens show, gathered in one call each: the letters
//! list, a letter opened for editing, a live preview of unsaved changes,
//! the officials, the positions with the letters citing them, and the
//! catalog a compose form chooses from. Plain data, serializable, with
//! TypeScript types generated for the UI (feature `ts`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use store::{
    Issue, LetterMode, Method, Office, Person, Position, Role, Signer, Status, Store, StoreError,
};

use crate::{Addressee, App, AppError, LetterExtra, NewLetter, RecipientChoice};

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
}

/// One addressee or cc of an opened letter, with what happened to their copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecipientView {
    pub id: i64,
    pub role: Role,
    /// The person, or None for an office that was vacant on the letter's date.
    pub name: Option<String>,
    pub office: Option<String>,
    pub method: Option<Method>,
    pub sent_at: Option<DateTime<Utc>>,
    pub confirmation: Option<String>,
    pub follow_up_on: Option<NaiveDate>,
    pub reply_on: Option<NaiveDate>,
    pub reply_notes: Option<String>,
}

/// A letter opened in the compose screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterDetail {
    pub summary: LetterSummary,
    /// The letter as the form edits it (recipients as chosen: by office or person).
    pub draft: NewLetter,
    pub recipients: Vec<RecipientView>,
}

/// SVG pages of a letter not yet saved, and what staff should check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DraftPreview {
    pub pages: Vec<String>,
    pub warnings: Vec<String>,
    /// How each addressee resolves on the letter's date, in order.
    pub resolved: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInfo {
    pub key: String,
    pub name: String,
    pub description: String,
    pub builtin: bool,
    pub version: u32,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterRef {
    pub id: i64,
    pub date: NaiveDate,
    pub subject: String,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PositionView {
    pub position: Position,
    pub letters: Vec<LetterRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssueView {
    pub issue: Issue,
    /// Newest version first.
    pub positions: Vec<PositionView>,
}

/// What a compose form chooses from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Catalog {
    pub templates: Vec<TemplateInfo>,
    pub issues: Vec<IssueView>,
    pub signers: Vec<Signer>,
    pub offices: Vec<Office>,
}

/// A person in the officials list, with the office they hold (or last held).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OfficialRow {
    pub person: Person,
    pub office: Option<String>,
    pub office_id: Option<i64>,
    pub until: Option<NaiveDate>,
}

fn name_of(
    store: &Store,
    r: &store::Recipient,
) -> Result<(Option<String>, Option<String>), StoreError> {
    let person = r.person_id.map(|p| store.person(p)).transpose()?;
    let office = r.office_id.map(|o| store.office(o)).transpose()?;
    Ok((person.map(|p| p.full_name), office.map(|o| o.title)))
}

/// How an addressee is named in lists: "Wilbur Ross (Secretary of Commerce)",
/// or the office alone when it was vacant.
fn label(person: Option<String>, office: Option<String>) -> String {
    match (person, office) {
        (Some(p), Some(o)) => format!("{p} ({o})"),
        (Some(p), None) => p,
        (None, Some(o)) => format!("{o} (vacant)"),
        (None, None) => String::new(),
    }
}

impl App {
    fn summary(&self, l: &store::Letter) -> Result<LetterSummary, AppError> {
        let issue = match l.position_id {
            Some(p) => Some(self.store.position(p)?.issue),
            None => None,
        };
        let mut recipients = Vec::new();
        for r in self.store.recipients(l.id)? {
            if r.role != Role::To {
                continue;
            }
            let (person, office) = name_of(&self.store, &r)?;
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
        })
    }

    /// The letters list, newest first, optionally of one status. The
    /// addressees and issues of the whole page come from two queries, not a
    /// few per letter.
    pub fn letter_summaries(&self, status: Option<Status>) -> Result<Vec<LetterSummary>, AppError> {
        let letters = self.store.letters(status, 1000)?;
        let ids: Vec<i64> = letters.iter().map(|l| l.id).collect();
        let mut names = self.store.addressee_names(&ids)?;
        let issues: std::collections::HashMap<i64, String> = self
            .store
            .issues()?
            .into_iter()
            .map(|i| self.store.positions(i.id).map(|ps| (i, ps)))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flat_map(|(i, ps)| ps.into_iter().map(move |p| (p.id, i.name.clone())))
            .collect();
        Ok(letters
            .into_iter()
            .map(|l| LetterSummary {
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

    /// A letter as the compose screen edits it.
    pub fn open_letter(&self, id: i64) -> Result<LetterDetail, AppError> {
        let l = self.store.letter(id)?;
        let template = self.store.template(l.template_id)?;
        let stored = self.store.recipients(id)?;
        let mut choices = Vec::new();
        let mut views = Vec::new();
        for r in &stored {
            // Chosen by office when it has one (it resolves again if the date changes).
            let to = match (r.office_id, r.person_id) {
                (Some(o), _) => Addressee::Office(o),
                (None, Some(p)) => Addressee::Person(p),
                (None, None) => continue,
            };
            choices.push(RecipientChoice { role: r.role, to });
            let (name, office) = name_of(&self.store, r)?;
            views.push(RecipientView {
                id: r.id,
                role: r.role,
                name,
                office,
                method: r.method,
                sent_at: r.sent_at,
                confirmation: r.confirmation.clone(),
                follow_up_on: r.follow_up_on,
                reply_on: r.reply_on,
                reply_notes: r.reply_notes.clone(),
            });
        }
        let extra: LetterExtra = serde_json::from_value(l.extra.clone()).unwrap_or_default();
        Ok(LetterDetail {
            summary: self.summary(&l)?,
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
        })
    }

    /// Lay out a letter that is not saved (the live preview): the first
    /// copy's pages, with the same warnings drafting would give.
    pub fn preview_draft(&mut self, l: &NewLetter) -> Result<DraftPreview, AppError> {
        let (draft, recipients, warnings) = self.draft_of(l)?;
        let mut resolved = Vec::new();
        for r in &recipients {
            let person = r.person_id.map(|p| self.store.person(p)).transpose()?;
            let office = r.office_id.map(|o| self.store.office(o)).transpose()?;
            resolved.push(label(person.map(|p| p.full_name), office.map(|o| o.title)));
        }
        let data = self.data_for(&draft, &recipients)?;
        let copies = self.engine.render(&data, None)?;
        let pages = copies
            .first()
            .map(|c| self.engine.svg_pages(c))
            .unwrap_or_default();
        Ok(DraftPreview {
            pages,
            warnings,
            resolved,
        })
    }

    /// Save a letter from the compose form: a new draft, or changes to an
    /// existing one (a sent letter's changes become a revision).
    pub fn save_letter(
        &mut self,
        id: Option<i64>,
        l: &NewLetter,
        now: DateTime<Utc>,
    ) -> Result<crate::Drafted, AppError> {
        match id {
            Some(id) => self.edit_letter(id, l, now),
            None => self.draft_letter(l, now),
        }
    }

    /// Issues with every version of the organization's position, newest
    /// first, and the letters citing each.
    pub fn issue_views(&self) -> Result<Vec<IssueView>, AppError> {
        let mut out = Vec::new();
        for issue in self.store.issues()? {
            let mut positions = Vec::new();
            for p in self.store.positions(issue.id)? {
                let letters = self
                    .store
                    .letters_citing(p.id)?
                    .into_iter()
                    .map(|l| LetterRef {
                        id: l.id,
                        date: l.date,
                        subject: l.subject,
                        status: l.status,
                    })
                    .collect();
                positions.push(PositionView {
                    position: p,
                    letters,
                });
            }
            out.push(IssueView { issue, positions });
        }
        Ok(out)
    }

    /// Templates (newest version of each), issues, signers and offices.
    pub fn catalog(&self) -> Result<Catalog, AppError> {
        let mut templates: Vec<TemplateInfo> = Vec::new();
        for t in self.store.templates()? {
            let meta: serde_json::Value = serde_json::from_str(&t.meta).unwrap_or_default();
            let info = TemplateInfo {
                name: meta["name"].as_str().unwrap_or(&t.key).to_string(),
                description: meta["description"].as_str().unwrap_or_default().to_string(),
                key: t.key,
                builtin: t.builtin,
                version: t.version,
                source: t.source,
            };
            match templates.iter_mut().find(|x| x.key == info.key) {
                Some(x) if x.version < info.version => *x = info,
                Some(_) => {}
                None => templates.push(info),
            }
        }
        Ok(Catalog {
            templates,
            issues: self.issue_views()?,
            signers: self.store.signers()?,
            offices: self.store.offices("")?,
        })
    }

    /// People whose name contains `filter`, with the office each holds on
    /// `on` or last held.
    pub fn officials(&self, filter: &str, on: NaiveDate) -> Result<Vec<OfficialRow>, AppError> {
        let mut out = Vec::new();
        for person in self.store.persons(filter, 200)? {
            let holding = self.store.latest_holding(person.id, on)?;
            out.push(OfficialRow {
                office: holding.as_ref().map(|h| h.office.title.clone()),
                office_id: holding.as_ref().map(|h| h.office.id),
                until: holding.as_ref().and_then(|h| h.term.end_on),
                person,
            });
        }
        Ok(out)
    }

    /// Record a reply to one copy.
    pub fn record_reply(
        &mut self,
        recipient_id: i64,
        on: NaiveDate,
        notes: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        Ok(self.store.record_reply(recipient_id, on, notes, now)?)
    }
}

/// A problem with a template being edited: where (line and column when the
/// template parser knows them) and what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateProblem {
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub location: String,
    pub message: String,
}

/// A template as edited: its problems, or the sample letter laid out with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateCheck {
    pub problems: Vec<TemplateProblem>,
    pub pages: Vec<String>,
}

/// A user template as saved from the editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateDraft {
    /// Its id ("my-support"); saving again under the same id adds a version.
    pub key: String,
    /// The template it was copied from, whose paper, margins and required
    /// fields it keeps ("comment-rule"; its own id once saved).
    pub base: String,
    pub name: String,
    pub description: String,
    pub source: String,
}

fn problem_of(p: &letters::Problem) -> TemplateProblem {
    // "template x, line 3, column 14"
    let number = |word: &str| {
        p.location
            .split(", ")
            .find_map(|part| part.strip_prefix(word))
            .and_then(|n| n.trim().parse().ok())
    };
    TemplateProblem {
        line: number("line "),
        column: number("column "),
        location: p.location.clone(),
        message: p.message.clone(),
    }
}

/// The engine's name for a template being edited (never stored).
const EDITING: &str = "__editing__";

impl App {
    fn template_meta(
        &self,
        d: &TemplateDraft,
        id: &str,
    ) -> Result<letters::TemplateMeta, AppError> {
        // A user template takes its paper, margins and required fields from
        // the template it was copied from.
        let base = match self.store.latest_template(&d.base) {
            Ok(t) if !t.builtin => {
                let name = format!("{}@{}", t.key, t.version);
                self.engine
                    .templates
                    .get(&name)
                    .or_else(|_| self.engine.templates.get(&t.key))?
            }
            _ => self.engine.templates.get(&d.base)?,
        };
        let mut meta = base.clone();
        meta.id = id.to_string();
        meta.name = d.name.trim().to_string();
        meta.description = d.description.trim().to_string();
        meta.builtin = false;
        Ok(meta)
    }

    /// Compile a template being edited and lay out the sample letter with
    /// it. Nothing is stored.
    pub fn check_template(&mut self, d: &TemplateDraft) -> Result<TemplateCheck, AppError> {
        let meta = self.template_meta(d, EDITING)?;
        let mut sample = self.engine.parse_data(crate::SAMPLE_LETTER)?;
        // The sample letter, with an example for each template field it needs.
        for field in &meta.fields {
            if let Some(name) = field.strip_prefix("fields.") {
                let example = match name {
                    "agency" => "International Trade Administration",
                    "docket" => "ITA-2017-0003",
                    "rule_title" => "Request for Public Comments",
                    "notice_date" => "2017-08-01",
                    "occasion" => "meeting with our delegation",
                    other => other,
                };
                sample
                    .fields
                    .entry(name.to_string())
                    .or_insert_with(|| example.into());
            }
        }
        let outcome = self
            .engine
            .templates
            .add(meta, &d.source)
            .map_err(AppError::from)
            .and_then(|()| self.engine.render(&sample, Some(EDITING)));
        match outcome {
            Ok(copies) => Ok(TemplateCheck {
                problems: Vec::new(),
                pages: copies
                    .first()
                    .map(|c| self.engine.svg_pages(c))
                    .unwrap_or_default(),
            }),
            Err(e @ AppError::Letter(_)) => Ok(TemplateCheck {
                problems: e.problems().iter().map(problem_of).collect(),
                pages: Vec::new(),
            }),
            Err(e) => Err(e),
        }
    }

    /// Save a user template (a new version when the id exists). A template
    /// with problems is refused with all of them, and nothing is stored.
    pub fn save_template(
        &mut self,
        d: &TemplateDraft,
        now: DateTime<Utc>,
    ) -> Result<u32, AppError> {
        if d.name.trim().is_empty() {
            return Err(AppError::Store(StoreError::invalid(
                "name",
                "a template needs a name",
            )));
        }
        let key = d.key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(AppError::Store(StoreError::invalid(
                "key",
                "a template id is letters, digits and dashes, e.g. \"my-support\"",
            )));
        }
        let check = self.check_template(d)?;
        if let Some(p) = check.problems.first() {
            return Err(AppError::Store(StoreError::invalid(
                "source",
                format!("{}: {}", p.location.replace(EDITING, key), p.message),
            )));
        }
        let meta = self.template_meta(d, key)?;
        let meta_json = serde_json::to_string(&meta)
            .map_err(|e| AppError::Store(StoreError::Corrupt(e.to_string())))?;
        let id = self
            .store
            .save_user_template(key, &meta_json, &d.source, now)?;
        let version = self.store.template(id)?.version;
        self.engine.templates.add(meta, &d.source)?;
        Ok(version)
    }
}

/// One term of a person, for their page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TermView {
    pub office: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub acting: bool,
}

/// A person with their terms (newest first) and district offices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PersonDetail {
    pub person: Person,
    pub terms: Vec<TermView>,
    pub local_offices: Vec<store::import::LocalOffice>,
}

impl App {
    pub fn person_detail(&self, id: i64) -> Result<PersonDetail, AppError> {
        let person = self.store.person(id)?;
        let mut terms = Vec::new();
        for t in self.store.terms_of_person(id)? {
            terms.push(TermView {
                office: self.store.office(t.office_id)?.title,
                start_on: t.start_on,
                end_on: t.end_on,
                acting: t.acting,
            });
        }
        Ok(PersonDetail {
            person,
            terms,
            local_offices: self.store.local_offices(id)?,
        })
    }

    /// Add a person, or change one (the changed fields are then kept by
    /// later roster imports). Returns the person's id.
    pub fn save_person(
        &mut self,
        id: Option<i64>,
        p: &store::NewPerson,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        match id {
            Some(id) => {
                self.store.edit_person(id, p, now)?;
                Ok(id)
            }
            None => Ok(self.store.add_person(p, now)?),
        }
    }

    pub fn retire_person(&mut self, id: i64, on: NaiveDate) -> Result<(), AppError> {
        Ok(self.store.retire_person(id, on)?)
    }
}

/// The organization's letterhead as the settings form edits it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Letterhead {
    pub name: String,
    pub unit: Option<String>,
    pub address: Vec<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// A PNG file; on save it is copied beside the database under a name
    /// made from its contents, so letters already sent keep their logo.
    pub logo: Option<String>,
}

fn opt_text(s: Option<String>) -> Option<String> {
    s.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

impl App {
    pub fn letterhead(&self) -> Result<Letterhead, AppError> {
        let o: Option<letters::Organization> = self.store.setting("organization")?;
        Ok(o.map(|o| Letterhead {
            name: o.name,
            unit: o.unit,
            address: o.address,
            phone: o.phone,
            website: o.website,
            logo: o.logo,
        })
        .unwrap_or_default())
    }

    /// Save the letterhead. A logo must be a PNG Amicus can draw; it is
    /// copied into the data folder (content-named) before anything is stored.
    pub fn set_letterhead(&mut self, l: &Letterhead) -> Result<(), AppError> {
        let name = l.name.trim();
        if name.is_empty() {
            return Err(AppError::Store(StoreError::invalid(
                "name",
                "the letterhead needs the organization's name",
            )));
        }
        let logo = match opt_text(l.logo.clone()) {
            None => None,
            Some(path) => Some(self.keep_logo(std::path::Path::new(&path))?),
        };
        let org = letters::Organization {
            name: name.to_string(),
            unit: opt_text(l.unit.clone()),
            address: l
                .address
                .iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            phone: opt_text(l.phone.clone()),
            website: opt_text(l.website.clone()),
            logo,
        };
        Ok(self.store.set_setting("organization", &org)?)
    }

    fn keep_logo(&self, path: &std::path::Path) -> Result<String, AppError> {
        let bytes = std::fs::read(path).map_err(|source| AppError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        if typeset::Image::from_png(&bytes).is_err() {
            return Err(AppError::Store(StoreError::invalid(
                "logo",
                format!("{} is not a PNG image Amicus can use", path.display()),
            )));
        }
        let Some(dir) = self.store.path().and_then(std::path::Path::parent) else {
            // An in-memory record (tests): use the file where it is.
            return Ok(path.display().to_string());
        };
        let digest = store::letters::sha256_hex(&bytes);
        let kept = dir.join(format!("logo-{}.png", &digest[..16]));
        if kept != path && !kept.exists() {
            crate::write_atomically(&kept, &bytes)?;
        }
        Ok(kept.display().to_string())
    }

    pub fn add_signer(&mut self, name: &str, title: Option<&str>) -> Result<i64, AppError> {
        Ok(self.store.add_signer(name, title)?)
    }
}

impl App {
    /// Import officials from a CSV file (see `amicus export officials --csv`
    /// for the columns); with `dry_run`, say what it would add and change nothing.
    pub fn import_csv(
        &mut self,
        path: &std::path::Path,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<store::officials_csv::CsvSummary, AppError> {
        let text = std::fs::read_to_string(path).map_err(|source| AppError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(self.store.import_officials_csv_as(&text, now, dry_run)?)
    }
}

/// An office in the offices list, with who holds it on the day asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OfficeRow {
    pub office: Office,
    pub holder: Option<String>,
}

/// One holder of an office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HolderView {
    pub term_id: i64,
    pub person_id: i64,
    pub person: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub acting: bool,
}

/// An office with every term held in it, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OfficeDetail {
    pub office: Office,
    pub holders: Vec<HolderView>,
}

impl App {
    pub fn office_rows(&self, filter: &str, on: NaiveDate) -> Result<Vec<OfficeRow>, AppError> {
        let mut out = Vec::new();
        for office in self.store.offices(filter)? {
            let holder = self
                .store
                .holder_on(office.id, on)?
                .map(|h| h.person.full_name);
            out.push(OfficeRow { office, holder });
        }
        Ok(out)
    }

    pub fn office_detail(&self, id: i64) -> Result<OfficeDetail, AppError> {
        let office = self.store.office(id)?;
        let mut holders = Vec::new();
        for t in self.store.terms_of_office(id)? {
            holders.push(HolderView {
                term_id: t.id,
                person_id: t.person_id,
                person: self.store.person(t.person_id)?.full_name,
                start_on: t.start_on,
                end_on: t.end_on,
                acting: t.acting,
            });
        }
        Ok(OfficeDetail { office, holders })
    }

    pub fn add_office(&mut self, o: &store::NewOffice) -> Result<i64, AppError> {
        Ok(self.store.add_office(o)?)
    }

    /// Change an office's title, kind, organization or address. Letters
    /// already sent keep the address they were sent to.
    pub fn edit_office(&mut self, id: i64, o: &store::NewOffice) -> Result<(), AppError> {
        Ok(self.store.edit_office(id, o)?)
    }

    /// Retire an office on `on` (refused while someone holds it after that
    /// day), or reinstate it with `None`.
    pub fn retire_office(&mut self, id: i64, on: Option<NaiveDate>) -> Result<(), AppError> {
        match on {
            Some(on) => self.store.retire_office(id, on)?,
            None => self.store.reinstate_office(id)?,
        }
        Ok(())
    }

    /// Record that someone held (or holds) an office; an overlap with
    /// another holder of a one-holder office is refused.
    pub fn add_term(&mut self, t: &store::NewTerm) -> Result<i64, AppError> {
        Ok(self.store.add_term(t)?)
    }

    /// End a term on `on` (a holder left office).
    pub fn end_term(&mut self, term_id: i64, on: NaiveDate) -> Result<(), AppError> {
        let t = self.store.term(term_id)?;
        let ended = store::NewTerm {
            person_id: t.person_id,
            office_id: t.office_id,
            start_on: t.start_on,
            end_on: Some(on),
            acting: t.acting,
        };
        Ok(self.store.edit_term(term_id, &ended)?)
    }
}
