//! Letter templates: the catalog a compose form chooses from, and user
//! templates checked as they are typed (against the sample letter) and saved
//! as versions that letters keep.

use serde::{Deserialize, Serialize};
use store::{Office, Signer};

use crate::app::{App, RecordArea};
use crate::error::AppError;
use crate::positions::IssueView;

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

/// What a compose form chooses from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Catalog {
    pub templates: Vec<TemplateInfo>,
    pub issues: Vec<IssueView>,
    pub signers: Vec<Signer>,
    pub offices: Vec<Office>,
    /// The states and territories with seats in Congress (delegations).
    pub states: Vec<crate::states::UsState>,
    /// The languages a letter is offered in (its PDF's language, what a
    /// screen reader reads it in); any other well-formed tag is taken too.
    pub languages: Vec<Language>,
    /// The language of a letter that names none (`letters::compose::DEFAULT_LANG`):
    /// choosing it is naming none.
    pub default_language: String,
}

/// A letter's language: its BCP 47 tag and its name in that language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Language {
    pub tag: String,
    pub name: String,
}

/// The languages offered, the default first.
const LANGUAGES: [(&str, &str); 10] = [
    ("en-US", "English (United States)"),
    ("en-GB", "English (United Kingdom)"),
    ("es-US", "Español (Estados Unidos)"),
    ("fr-CA", "Français (Canada)"),
    ("fr-FR", "Français (France)"),
    ("de-DE", "Deutsch"),
    ("ko-KR", "한국어"),
    ("ja-JP", "日本語"),
    ("zh-CN", "中文（简体）"),
    ("ar", "العربية"),
];

/// A letter's language as given: a well-formed BCP 47 tag (a language of
/// two or three letters, then subtags of two to eight letters or digits),
/// trimmed; refused with what is wrong.
pub fn language_tag(tag: &str) -> Result<String, AppError> {
    let tag = tag.trim();
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    let ok = (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts
            .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !ok {
        return Err(AppError::invalid(
            "lang",
            format!(
                "\"{tag}\" is not a language tag; write it as en-US, fr-CA or ko (a language, then a region)"
            ),
        ));
    }
    Ok(tag.to_string())
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
    TemplateProblem {
        line: p.line,
        column: p.column,
        location: p.location.clone(),
        message: p.message.clone(),
    }
}

/// The engine's name for a template being edited (never stored).
const EDITING: &str = "__editing__";

impl App {
    /// Templates (newest version of each), issues, signers and offices.
    pub fn catalog(&self) -> Result<Catalog, AppError> {
        let mut templates: Vec<TemplateInfo> = Vec::new();
        let db = self.db();
        for t in db.templates()? {
            let meta: serde_json::Value = serde_json::from_str(&t.meta)
                .map_err(|e| AppError::damaged(format!("template {}", t.key), e))?;
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
            issues: crate::positions::issue_views_in(&db)?,
            signers: db.signers()?,
            offices: db.offices("")?,
            states: crate::states::us_states(),
            default_language: letters::compose::DEFAULT_LANG.into(),
            languages: LANGUAGES
                .iter()
                .map(|(tag, name)| Language {
                    tag: (*tag).into(),
                    name: (*name).into(),
                })
                .collect(),
        })
    }

    fn template_meta(
        &self,
        d: &TemplateDraft,
        id: &str,
    ) -> Result<letters::TemplateMeta, AppError> {
        // A user template takes its paper, margins and required fields from
        // the template it was copied from.
        let latest = self.db().latest_template(&d.base);
        let base = match latest {
            Ok(t) if !t.builtin => {
                let name = format!("{}@{}", t.key, t.version);
                self.engine
                    .template(&name)
                    .or_else(|_| self.engine.template(&t.key))?
            }
            _ => self.engine.template(&d.base)?,
        };
        let mut meta = base;
        meta.id = id.to_string();
        meta.name = d.name.trim().to_string();
        meta.description = d.description.trim().to_string();
        meta.builtin = false;
        Ok(meta)
    }

    /// Compile a template being edited and lay out the sample letter with
    /// it. Nothing is stored.
    pub fn check_template(&self, d: &TemplateDraft) -> Result<TemplateCheck, AppError> {
        let meta = self.template_meta(d, EDITING)?;
        let mut sample = self.engine.parse_data(crate::engine::SAMPLE_LETTER)?;
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
            .add_template(meta, &d.source)
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
    #[tracing::instrument(skip(self, d), fields(key = %d.key))]
    pub fn save_template(&self, d: &TemplateDraft) -> Result<u32, AppError> {
        let now = self.clock().now();
        if d.name.trim().is_empty() {
            return Err(AppError::invalid("name", "a template needs a name"));
        }
        let key = d.key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(AppError::invalid(
                "key",
                "a template id is letters, digits and dashes, e.g. \"my-support\"",
            ));
        }
        let check = self.check_template(d)?;
        if !check.problems.is_empty() {
            let all: Vec<String> = check
                .problems
                .iter()
                .map(|p| format!("{}: {}", p.location.replace(EDITING, key), p.message))
                .collect();
            return Err(AppError::invalid("source", all.join("; ")));
        }
        let meta = self.template_meta(d, key)?;
        let meta_json = serde_json::to_string(&meta)
            .map_err(|e| AppError::invalid("source", format!("cannot be stored: {e}")))?;
        let version = {
            let mut db = self.db();
            let id = db.save_user_template(key, &meta_json, &d.source, now)?;
            db.template(id)?.version
        };
        self.engine.add_template(meta, &d.source)?;
        self.changed(&[RecordArea::Templates]);
        Ok(version)
    }
}
