//! Letter templates: handlebars in strict mode, filling a small header
//! (subject, salutation, closing) and a body in light markup.
//!
//! A template file looks like this:
//!
//! ```text
//! subject: {{subject}}
//! salutation: {{salutation recipients}}
//! closing: Sincerely,
//! ---
//! On behalf of {{organization.name}} …
//! ```
//!
//! Data values are escaped for the markup, so a value is always printed as
//! written: `**` stays two asterisks and `{{x}}` in a name is just text
//! (handlebars never evaluates data). Only `{{markdown body}}` passes staff
//! markup through.

use chrono::{Datelike, NaiveDate};
use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason, TemplateError, TemplateErrorReason,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::data::LetterData;
use crate::error::{LetterError, Problem};
use crate::markup::{self, Block, Inline};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    Letter,
    A4,
}

/// Margins in points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Default for Margins {
    fn default() -> Self {
        Margins {
            top: 54.0,
            right: 72.0,
            bottom: 64.0,
            left: 72.0,
        }
    }
}

/// A template's metadata (the `.json` beside its `.hbs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateMeta {
    pub id: String,
    pub name: String,
    pub description: String,
    /// support, oppose, comment, thanks, other.
    pub kind: String,
    /// Dotted paths the data must have; `recipients` must be non-empty.
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub paper: Paper,
    #[serde(default)]
    pub margins: Margins,
    /// Shipped with Amicus (read-only) rather than made by a user.
    #[serde(default)]
    pub builtin: bool,
}

/// Header and body of a rendered template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: Vec<Inline>,
    pub salutation: Vec<Inline>,
    pub closing: Vec<Inline>,
    pub body: Vec<Block>,
}

macro_rules! shipped {
    ($($id:literal),* $(,)?) => {
        [$(
            (
                include_str!(concat!("../../../templates/", $id, ".json")),
                include_str!(concat!("../../../templates/", $id, ".hbs")),
            ),
        )*]
    };
}

/// The templates shipped in `templates/` (metadata JSON, source), embedded at build time.
pub const SHIPPED: [(&str, &str); 4] =
    shipped!("joint-support", "opposition", "comment-rule", "thank-you");

/// Every template this process knows, parsed once.
pub struct Templates {
    registry: Handlebars<'static>,
    metas: Vec<TemplateMeta>,
}

impl Templates {
    /// The shipped templates. They are tested, so failing here is a build defect.
    pub fn builtin() -> Result<Templates, LetterError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(markup::escape);
        registry.register_helper("date", Box::new(date_helper));
        registry.register_helper("join_names", Box::new(join_names_helper));
        registry.register_helper("salutation", Box::new(salutation_helper));
        registry.register_helper("markdown", Box::new(markdown_helper));
        let mut templates = Templates {
            registry,
            metas: Vec::new(),
        };
        for (meta, source) in SHIPPED {
            let mut meta: TemplateMeta = serde_json::from_str(meta).map_err(|e| {
                LetterError::Template(vec![Problem::new(
                    "shipped template metadata",
                    e.to_string(),
                )])
            })?;
            meta.builtin = true;
            templates.add(meta, source)?;
        }
        Ok(templates)
    }

    /// Register (or replace) a template; a syntax error names its line and column.
    pub fn add(&mut self, meta: TemplateMeta, source: &str) -> Result<(), LetterError> {
        self.registry
            .register_template_string(&meta.id, source)
            .map_err(|e| {
                let problems = syntax_problems(source, &e)
                    .into_iter()
                    .map(|(pos, message)| match pos {
                        Some((line, col)) => Problem::new(
                            format!("template {}, line {line}, column {col}", meta.id),
                            message,
                        )
                        .at(line, Some(col)),
                        None => Problem::new(format!("template {}", meta.id), message),
                    })
                    .collect();
                LetterError::Template(problems)
            })?;
        self.metas.retain(|m| m.id != meta.id);
        self.metas.push(meta);
        Ok(())
    }

    pub fn list(&self) -> &[TemplateMeta] {
        &self.metas
    }

    pub fn get(&self, id: &str) -> Result<&TemplateMeta, LetterError> {
        self.metas
            .iter()
            .find(|m| m.id == id)
            .ok_or_else(|| LetterError::UnknownTemplate(id.to_string()))
    }

    /// Every field the template needs that the data lacks.
    pub fn missing_fields(&self, id: &str, data: &Value) -> Result<Vec<Problem>, LetterError> {
        let meta = self.get(id)?;
        Ok(meta
            .fields
            .iter()
            .filter(|path| !has_path(data, path))
            .map(|path| {
                Problem::new(
                    path.clone(),
                    format!("the template \"{id}\" needs this field; add it to the data"),
                )
            })
            .collect())
    }

    /// Fill template `id` with `data`.
    pub fn render(&self, id: &str, data: &LetterData) -> Result<Rendered, LetterError> {
        let value = data.to_value();
        let missing = self.missing_fields(id, &value)?;
        if !missing.is_empty() {
            return Err(LetterError::Data(missing));
        }
        let text = self
            .registry
            .render(id, &value)
            .map_err(|e| LetterError::Template(vec![render_problem(id, &e)]))?;
        let mut rendered = parse_rendered(id, &text)?;
        if let Some(greeting) = data.salutation.as_deref().filter(|s| !s.trim().is_empty()) {
            rendered.salutation = crate::markup::parse_inline(greeting.trim());
        }
        Ok(rendered)
    }
}

/// Say what is wrong with a template that does not parse, in the words of
/// someone editing it and at the place to fix: every mistake in its blocks
/// and tags at once, each at its own line and column (the parser stops at
/// the first, and its account of an unclosed block is a list of grammar
/// rules at the end of the file).
fn syntax_problems(source: &str, e: &TemplateError) -> Vec<(Option<(usize, usize)>, String)> {
    let blocks = matches!(
        e.reason(),
        TemplateErrorReason::MismatchingClosedHelper(..) | TemplateErrorReason::InvalidSyntax(_)
    );
    let mistakes = if blocks {
        block_mistakes(source)
    } else {
        Vec::new()
    };
    if !mistakes.is_empty() {
        return mistakes
            .into_iter()
            .map(|m| match m {
                BlockMistake::Mismatch { open, closed, at } => (
                    Some(at),
                    format!(
                        "{{{{/{closed}}}}} closes the {{{{#{open}}}}} block; blocks close in the reverse \
                         order they open, so {{{{/{open}}}}} comes first"
                    ),
                ),
                BlockMistake::Unclosed { name, at } => (
                    Some(at),
                    format!(
                        "the {{{{#{name}}}}} block opened here is never closed; add {{{{/{name}}}}} where it ends"
                    ),
                ),
                BlockMistake::Unterminated { tag, at } => (
                    Some(at),
                    format!("the tag {{{{{tag} opened here has no closing }}}}; write {{{{{tag}}}}}"),
                ),
            })
            .collect();
    }
    match e.reason() {
        TemplateErrorReason::InvalidSyntax(_) => vec![(
            e.pos(),
            "Handlebars cannot read this: check that every {{ has its }} and that block \
             helpers start with # and end with /"
                .to_string(),
        )],
        other => vec![(e.pos(), other.to_string())],
    }
}

enum BlockMistake {
    /// `{{/closed}}` at `at` while `{{#open}}` is the innermost open block.
    Mismatch {
        open: String,
        closed: String,
        at: (usize, usize),
    },
    /// `{{#name}}` opened at `at` and still open at the end.
    Unclosed { name: String, at: (usize, usize) },
    /// `{{tag` at `at` with no `}}` before the next `{{` or the end.
    Unterminated { tag: String, at: (usize, usize) },
}

/// Every block that closes out of order, every tag left without its `}}`,
/// and every block left open, in the order they appear, each with its line
/// and column (1-based). After a block closed out of order the blocks
/// inside it count as closed, so one slip is one problem.
fn block_mistakes(source: &str) -> Vec<BlockMistake> {
    let place = |at: usize| {
        let before = &source[..at];
        let line_start = before.rfind('\n').map_or(0, |n| n + 1);
        (
            before.matches('\n').count() + 1,
            before[line_start..].chars().count() + 1,
        )
    };
    let name = |t: &str| {
        t.chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '}' | '~' | '('))
            .collect::<String>()
    };
    let mut found: Vec<(usize, BlockMistake)> = Vec::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut from = 0;
    while let Some(offset) = source[from..].find("{{") {
        let start = from + offset;
        let rest = &source[start + 2..];
        // Comments may contain anything, braces included.
        if let Some(comment) = rest.strip_prefix("!--") {
            from = comment
                .find("--}}")
                .map_or(source.len(), |e| start + 5 + e + 4);
            continue;
        }
        from = start + 2;
        let close = rest.find("}}");
        let next = rest.find("{{");
        if close.is_none_or(|c| next.is_some_and(|n| n < c)) {
            let line_end = rest.find('\n').unwrap_or(rest.len());
            let until = next.map_or(line_end, |n| n.min(line_end));
            found.push((
                start,
                BlockMistake::Unterminated {
                    tag: rest[..until].trim_end().to_string(),
                    at: place(start),
                },
            ));
        }
        let tag = rest.trim_start_matches(['~', '{']).trim_start();
        if let Some(t) = tag.strip_prefix('#') {
            let t = t.strip_prefix(['>', '*']).unwrap_or(t);
            open.push((name(t), start));
        } else if let Some(t) = tag.strip_prefix('/') {
            let closed = name(t);
            match open.iter().rposition(|(n, _)| *n == closed) {
                Some(i) if i + 1 == open.len() => {
                    open.pop();
                }
                Some(i) => {
                    let innermost = open[open.len() - 1].0.clone();
                    found.push((
                        start,
                        BlockMistake::Mismatch {
                            open: innermost,
                            closed,
                            at: place(start),
                        },
                    ));
                    open.truncate(i);
                }
                None => {
                    if let Some((innermost, _)) = open.last() {
                        found.push((
                            start,
                            BlockMistake::Mismatch {
                                open: innermost.clone(),
                                closed,
                                at: place(start),
                            },
                        ));
                        open.pop();
                    }
                }
            }
        }
    }
    for (name, at) in open {
        found.push((
            at,
            BlockMistake::Unclosed {
                name,
                at: place(at),
            },
        ));
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, m)| m).collect()
}

fn render_problem(id: &str, e: &RenderError) -> Problem {
    let (location, line, column) = match (e.line_no, e.column_no) {
        (Some(l), Some(c)) => (
            format!(
                "template {}, line {l}, column {c}",
                e.template_name.as_deref().unwrap_or(id)
            ),
            Some(l),
            Some(c),
        ),
        _ => (format!("template {id}"), None, None),
    };
    let message = match e.reason() {
        RenderErrorReason::MissingVariable(Some(path)) => {
            format!("the field \"{path}\" is missing from the letter data")
        }
        RenderErrorReason::MissingVariable(None) => {
            "a field used here is missing from the letter data".to_string()
        }
        other => other.to_string(),
    };
    let problem = Problem::new(location, message);
    match line {
        Some(l) => problem.at(l, column),
        None => problem,
    }
}

/// Whether a dotted path exists (and, for arrays, is non-empty; for strings, non-blank).
fn has_path(value: &Value, path: &str) -> bool {
    let mut cur = value;
    for part in path.split('.') {
        match cur.get(part) {
            Some(next) => cur = next,
            None => return false,
        }
    }
    match cur {
        Value::Null => false,
        Value::Array(a) => !a.is_empty(),
        Value::String(s) => !s.trim().is_empty(),
        _ => true,
    }
}

const HEADER_KEYS: [&str; 3] = ["subject", "salutation", "closing"];

fn parse_rendered(id: &str, text: &str) -> Result<Rendered, LetterError> {
    let mut problems = Vec::new();
    let mut subject = None;
    let mut salutation = None;
    let mut closing = None;
    let mut body_start = None;
    let mut offset = 0;
    for (n, line) in text.split('\n').enumerate() {
        let line_no = n + 1;
        offset += line.len() + 1;
        let trimmed = line.trim();
        if trimmed == "---" {
            body_start = Some(offset.min(text.len()));
            break;
        }
        if trimmed.is_empty() {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            problems.push(Problem::new(
                format!("template {id}, line {line_no}"),
                "a header line must be \"key: value\" (subject, salutation, closing), and the header must end with a line of three dashes",
            ).at(line_no, None));
            continue;
        };
        let slot = match key.trim() {
            "subject" => &mut subject,
            "salutation" => &mut salutation,
            "closing" => &mut closing,
            other => {
                problems.push(
                    Problem::new(
                        format!("template {id}, line {line_no}"),
                        format!(
                            "unknown header \"{other}\"; the headers are {}",
                            HEADER_KEYS.join(", ")
                        ),
                    )
                    .at(line_no, None),
                );
                continue;
            }
        };
        *slot = Some(markup::parse_inline(value.trim()));
    }
    let Some(body_start) = body_start else {
        problems.push(Problem::new(
            format!("template {id}"),
            "the header must end with a line of three dashes (---) before the body",
        ));
        return Err(LetterError::Template(problems));
    };
    for (name, slot) in [("salutation", &salutation), ("closing", &closing)] {
        if slot.as_ref().is_none_or(|s| s.is_empty()) {
            problems.push(Problem::new(
                format!("template {id}, header"),
                format!("the \"{name}\" header is missing or empty"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(LetterError::Template(problems));
    }
    Ok(Rendered {
        subject: subject.unwrap_or_default(),
        salutation: salutation.unwrap_or_default(),
        closing: closing.unwrap_or_default(),
        body: markup::parse(&text[body_start..]),
    })
}

// ---- helpers ----

/// A helper's argument. A path that names nothing in the data
/// (`{{markdown bodyx}}`) is a missing field, as strict mode makes it
/// everywhere else, not an empty value that silently drops text.
fn param<'a>(h: &'a Helper, i: usize, helper: &'static str) -> Result<&'a Value, RenderError> {
    let p = h
        .param(i)
        .ok_or_else(|| RenderError::from(RenderErrorReason::ParamNotFoundForIndex(helper, i)))?;
    if p.is_value_missing() {
        return Err(RenderErrorReason::MissingVariable(p.relative_path().cloned()).into());
    }
    Ok(p.value())
}

/// `{{date value}}` → "September 5, 2017"; `{{date value style="numeric"}}` → "09/05/2017".
fn date_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let v = param(h, 0, "date")?;
    let text = v.as_str().unwrap_or_default();
    let date = dates::parse(text).map_err(|e| RenderErrorReason::Other(e.to_string()))?;
    let style = h.hash_get("style").and_then(|s| s.value().as_str());
    let formatted = match style {
        Some("numeric") => date.format("%m/%d/%Y").to_string(),
        _ => long_date(date),
    };
    out.write(&markup::escape(&formatted))?;
    Ok(())
}

/// "September 5, 2017".
pub fn long_date(date: NaiveDate) -> String {
    format!("{} {}, {}", date.format("%B"), date.day(), date.year())
}

/// "A", "A and B", "A, B, and C".
pub fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    let names = collapse_repeats(names);
    match names.as_slice() {
        [] => String::new(),
        [a] => a.to_string(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {}", init.join(", "), last),
    }
}

/// The same salutation twice (two seats with no holder on record, both
/// "Senator") is said once, in the plural when it is a bare title:
/// "Senators", never "Senator, Governor Brown, and Senator".
fn collapse_repeats<S: AsRef<str>>(names: &[S]) -> Vec<String> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for n in names {
        let n = n.as_ref();
        match out.iter_mut().find(|(seen, _)| seen == n) {
            Some((_, count)) => *count += 1,
            None => out.push((n.to_string(), 1)),
        }
    }
    out.into_iter()
        .map(|(n, count)| {
            if count > 1 && !n.contains(' ') {
                format!("{n}s")
            } else {
                n
            }
        })
        .collect()
}

/// The salutation forms of a list of recipients (or of plain strings).
fn salutation_names(v: &Value) -> Result<Vec<String>, RenderError> {
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(_) => vec![v],
        _ => {
            return Err(
                RenderErrorReason::Other("expected a list of recipients here".into()).into(),
            );
        }
    };
    items
        .into_iter()
        .map(|r| match r {
            Value::String(s) => Ok(s.clone()),
            _ => r
                .get("salutation")
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| {
                    RenderErrorReason::Other("a recipient has no \"salutation\"".into()).into()
                }),
        })
        .collect()
}

/// Write the recipients' salutation forms through `format` (joined names,
/// or a whole salutation line), escaped for the markup.
fn write_names(
    h: &Helper,
    out: &mut dyn Output,
    helper: &'static str,
    format: fn(&[String]) -> String,
) -> HelperResult {
    let names = salutation_names(param(h, 0, helper)?)?;
    out.write(&markup::escape(&format(&names)))?;
    Ok(())
}

/// `{{join_names recipients}}` → "Secretary Ross and Ambassador Lighthizer".
fn join_names_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    write_names(h, out, "join_names", join_names)
}

/// The salutation line for a set of recipients.
pub fn salutation_line<S: AsRef<str>>(names: &[S]) -> String {
    if names.is_empty() {
        "Dear Sir or Madam:".to_string()
    } else {
        format!("Dear {}:", join_names(names))
    }
}

/// `{{salutation recipients}}` → "Dear Secretary Ross and Ambassador Lighthizer:".
fn salutation_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    write_names(h, out, "salutation", salutation_line)
}

/// `{{markdown body}}`: staff-written markup, passed through unescaped (it
/// is still never evaluated as a template).
fn markdown_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let v = param(h, 0, "markdown")?;
    out.write(v.as_str().unwrap_or_default())?;
    Ok(())
}
