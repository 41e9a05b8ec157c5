//! What we did on an issue: its record for a date range (its staff contact,
//! its position versions, every letter on it with each copy, the replies
//! and the overdue follow-ups), the numbers the issue's page and the board
//! report chart, and the position paragraph the newsletter prints.
//!
//! The numbers, defined once here:
//! - a letter is *on the issue* when it cites a version of a position on
//!   it, and *in the range* when its date is (deleted drafts never count);
//! - **letters and copies per month**: by the month of the letter's date,
//!   the letters with at least one copy sent, and their sent copies by how
//!   each went (mail, e-mail, fax, by hand, portal);
//! - **replies by office kind**: of the sent copies, how many had a reply,
//!   and the median days from the day the copy went (in the organization's
//!   time zone) to the day the reply came;
//! - **follow-ups by owner**: the sent copies with a follow-up day and no
//!   reply — *overdue* when that day is before the "as of" day, else *due*.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use store::{Issue, Method, OfficeKind, Position, Role, Stance, Status, Store};

use crate::app::{App, RecordArea};
use crate::error::AppError;
use crate::recipient_groups::{GroupNote, GroupRef};

/// The position paragraph's template as shipped; the team may keep its own
/// (the setting `position_paragraph_template`).
pub const POSITION_PARAGRAPH_TEMPLATE: &str =
    include_str!("../../../templates/reports/position-paragraph.hbs");

const TEMPLATE_SETTING: &str = "position_paragraph_template";
const SHORT_NAME_SETTING: &str = "organization_short_name";

/// Where a copy went, as the charts group offices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OfficeGroup {
    /// The Administration: secretaries, the trade representative, agency heads.
    Executive,
    Senate,
    House,
    /// Members of Congress written to as a committee (or another group).
    Committee,
    Foreign,
    /// Governors and other offices.
    Other,
}

impl OfficeGroup {
    pub const ALL: [OfficeGroup; 6] = [
        OfficeGroup::Executive,
        OfficeGroup::Senate,
        OfficeGroup::House,
        OfficeGroup::Committee,
        OfficeGroup::Foreign,
        OfficeGroup::Other,
    ];

    /// "Executive", "Senate", … as the charts label it.
    pub fn label(self) -> &'static str {
        match self {
            OfficeGroup::Executive => "Executive",
            OfficeGroup::Senate => "Senate",
            OfficeGroup::House => "House",
            OfficeGroup::Committee => "Committee",
            OfficeGroup::Foreign => "Foreign",
            OfficeGroup::Other => "Other",
        }
    }

    fn of(kind: Option<OfficeKind>, via_group: bool) -> OfficeGroup {
        match kind {
            Some(OfficeKind::Senator | OfficeKind::Representative) if via_group => {
                OfficeGroup::Committee
            }
            Some(OfficeKind::Senator) => OfficeGroup::Senate,
            Some(OfficeKind::Representative) => OfficeGroup::House,
            Some(
                OfficeKind::CabinetSecretary
                | OfficeKind::TradeRepresentative
                | OfficeKind::AgencyHead,
            ) => OfficeGroup::Executive,
            Some(OfficeKind::ForeignMinister) => OfficeGroup::Foreign,
            Some(OfficeKind::Governor | OfficeKind::Other) | None => OfficeGroup::Other,
        }
    }
}

/// One copy of a letter on the issue: to whom, how it went, the reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordCopy {
    pub id: i64,
    pub role: Role,
    pub person: Option<String>,
    pub office: Option<String>,
    pub group: OfficeGroup,
    /// None while the copy has not gone.
    pub method: Option<Method>,
    /// The day it went, in the organization's time zone.
    pub sent_on: Option<NaiveDate>,
    pub reply_on: Option<NaiveDate>,
    pub days_to_reply: Option<i64>,
    pub follow_up_on: Option<NaiveDate>,
    pub owner: Option<String>,
    /// Its follow-up day is before the record's "as of" day and no reply came.
    pub overdue: bool,
}

/// A letter on the issue with its copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordLetter {
    pub id: i64,
    pub date: NaiveDate,
    pub subject: String,
    pub status: Status,
    pub position_version: u32,
    /// The groups it went to ("Senate Committee on Finance").
    pub groups: Vec<String>,
    pub copies: Vec<RecordCopy>,
}

/// Copies by how they went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MethodCounts {
    pub mail: u32,
    pub email: u32,
    pub fax: u32,
    pub hand: u32,
    pub portal: u32,
}

impl MethodCounts {
    fn add(&mut self, m: Method) {
        *match m {
            Method::Mail => &mut self.mail,
            Method::Email => &mut self.email,
            Method::Fax => &mut self.fax,
            Method::Hand => &mut self.hand,
            Method::Portal => &mut self.portal,
        } += 1;
    }

    pub fn get(&self, m: Method) -> u32 {
        match m {
            Method::Mail => self.mail,
            Method::Email => self.email,
            Method::Fax => self.fax,
            Method::Hand => self.hand,
            Method::Portal => self.portal,
        }
    }

    pub fn total(&self) -> u32 {
        self.mail + self.email + self.fax + self.hand + self.portal
    }
}

/// One month of the range: letters sent and their copies by method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthRow {
    /// "2017-09".
    pub month: String,
    pub letters: u32,
    pub copies: MethodCounts,
}

/// Replies from one kind of office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupReplies {
    pub group: OfficeGroup,
    /// Copies sent.
    pub sent: u32,
    pub replies: u32,
    /// Median days from sending to the reply (None without replies).
    pub median_days: Option<f64>,
    /// The bar's name ("Executive"), as the window and the PDF write it.
    pub label: String,
    /// Its numbers in words: "2 of 3 replied; median 10 days", "none sent".
    pub note: String,
}

/// One owner's follow-ups still awaiting a reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OwnerFollowUps {
    /// None: nobody owns them.
    pub owner: Option<String>,
    /// Due on or after the "as of" day.
    pub due: u32,
    /// Due before it.
    pub overdue: u32,
    /// The bar's name: the owner, or "No owner".
    pub label: String,
    /// "1 overdue, 2 due".
    pub note: String,
}

/// Days as the charts write them: "15", "12.5".
pub(crate) fn days_text(d: f64) -> String {
    if d.fract() == 0.0 {
        format!("{d:.0}")
    } else {
        format!("{d:.1}")
    }
}

/// The numbers the charts draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordNumbers {
    /// Every month of the range, oldest first.
    pub months: Vec<MonthRow>,
    /// Executive, Senate, House, committee, foreign (and other, when any).
    pub replies: Vec<GroupReplies>,
    /// By owner's name; the unowned last.
    pub follow_ups: Vec<OwnerFollowUps>,
}

/// An issue's record for a date range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssueRecord {
    pub issue: Issue,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day overdue is counted as of.
    pub as_of: NaiveDate,
    /// Every version of the position, oldest first (the timeline).
    pub positions: Vec<Position>,
    /// The letters dated in the range, oldest first.
    pub letters: Vec<RecordLetter>,
    pub numbers: RecordNumbers,
}

/// The position paragraph as plain text, Markdown and HTML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PositionParagraph {
    pub text: String,
    pub markdown: String,
    pub html: String,
}

/// How the position paragraph is worded ([`App::paragraph_wording`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParagraphWording {
    /// How the organization is named in a sentence ("the Chamber"); None:
    /// by its full name.
    pub short_name: Option<String>,
    /// The handlebars template the paragraph is written by.
    pub template: String,
    /// Whether that is the template Amicus ships.
    pub shipped: bool,
}

/// An issue's page in the window: its record and the paragraph written from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssuePage {
    pub record: IssueRecord,
    pub paragraph: PositionParagraph,
}

/// The range asked for, checked: `from` not after `to`.
pub(crate) fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), AppError> {
    if from > to {
        return Err(AppError::invalid(
            "from",
            format!("the range starts on {from}, after it ends on {to}"),
        ));
    }
    Ok(())
}

/// The median of `values` (the mean of the middle two for an even count).
pub fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2] as f64
    } else {
        (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0
    })
}

fn letter_groups(extra: &serde_json::Value) -> Vec<GroupNote> {
    extra
        .get("groups")
        .and_then(|g| serde_json::from_value::<Vec<GroupNote>>(g.clone()).ok())
        .unwrap_or_default()
}

/// Build the record from the store's rows.
pub(crate) fn record_in(
    db: &Store,
    zone: chrono_tz::Tz,
    issue: Issue,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
) -> Result<(IssueRecord, Vec<Vec<GroupNote>>), AppError> {
    check_range(from, to)?;
    let mut positions = db.positions(issue.id)?;
    positions.reverse();
    let rows = db.issue_copies(issue.id, from, to)?;
    let mut letters: Vec<RecordLetter> = Vec::new();
    let mut notes: Vec<Vec<GroupNote>> = Vec::new();
    for row in rows {
        if letters.last().is_none_or(|l| l.id != row.letter_id) {
            let groups = letter_groups(&row.extra);
            letters.push(RecordLetter {
                id: row.letter_id,
                date: row.date,
                subject: row.subject.clone(),
                status: row.status,
                position_version: row.position_version,
                groups: groups.iter().map(|g| g.label.clone()).collect(),
                copies: Vec::new(),
            });
            notes.push(groups);
        }
        let (Some(letter), Some(groups)) = (letters.last_mut(), notes.last()) else {
            continue;
        };
        let (Some(id), Some(role)) = (row.recipient_id, row.role) else {
            continue;
        };
        let sent_on = row.sent_at.map(|t| t.with_timezone(&zone).date_naive());
        let days_to_reply = match (sent_on, row.reply_on) {
            (Some(s), Some(r)) => Some((r - s).num_days()),
            _ => None,
        };
        letter.copies.push(RecordCopy {
            id,
            role,
            person: row.person,
            office: row.office,
            group: OfficeGroup::of(
                row.office_kind,
                groups
                    .iter()
                    .any(|g| matches!(g.group, GroupRef::Committee { .. })),
            ),
            method: row.method,
            sent_on,
            reply_on: row.reply_on,
            days_to_reply,
            follow_up_on: row.follow_up_on,
            owner: row.follow_up_owner,
            overdue: sent_on.is_some()
                && crate::followups::overdue(row.follow_up_on, row.reply_on, as_of),
        });
    }
    let numbers = numbers_of(&letters, from, to);
    Ok((
        IssueRecord {
            issue,
            from,
            to,
            as_of,
            positions,
            letters,
            numbers,
        },
        notes,
    ))
}

/// Every month from `from`'s to `to`'s, as "YYYY-MM".
fn months_between(from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

fn numbers_of(letters: &[RecordLetter], from: NaiveDate, to: NaiveDate) -> RecordNumbers {
    let mut months: BTreeMap<String, MonthRow> = months_between(from, to)
        .into_iter()
        .map(|month| {
            (
                month.clone(),
                MonthRow {
                    month,
                    letters: 0,
                    copies: MethodCounts::default(),
                },
            )
        })
        .collect();
    let mut sent: BTreeMap<OfficeGroup, (u32, Vec<i64>)> = BTreeMap::new();
    let mut owners: BTreeMap<Option<String>, (u32, u32)> = BTreeMap::new();
    for letter in letters {
        let month = format!("{:04}-{:02}", letter.date.year(), letter.date.month());
        let mut any = false;
        for c in &letter.copies {
            let (Some(method), Some(_)) = (c.method, c.sent_on) else {
                continue;
            };
            any = true;
            if let Some(row) = months.get_mut(&month) {
                row.copies.add(method);
            }
            let entry = sent.entry(c.group).or_default();
            entry.0 += 1;
            if let Some(days) = c.days_to_reply {
                entry.1.push(days);
            }
            if c.reply_on.is_none() && c.follow_up_on.is_some() {
                let o = owners.entry(c.owner.clone()).or_default();
                if c.overdue {
                    o.1 += 1;
                } else {
                    o.0 += 1;
                }
            }
        }
        if any && let Some(row) = months.get_mut(&month) {
            row.letters += 1;
        }
    }
    let any_other = sent.contains_key(&OfficeGroup::Other);
    let replies = OfficeGroup::ALL
        .iter()
        .filter(|g| **g != OfficeGroup::Other || any_other)
        .map(|g| {
            let (count, mut days) = sent.remove(g).unwrap_or_default();
            let replies = days.len() as u32;
            let median_days = median(&mut days);
            let note = if count == 0 {
                "none sent".to_string()
            } else {
                let median = median_days.map_or("no replies".to_string(), |d| {
                    format!("median {} days", days_text(d))
                });
                format!("{replies} of {count} replied; {median}")
            };
            GroupReplies {
                group: *g,
                sent: count,
                replies,
                median_days,
                label: g.label().to_string(),
                note,
            }
        })
        .collect();
    let mut follow_ups: Vec<OwnerFollowUps> = owners
        .into_iter()
        .map(|(owner, (due, overdue))| OwnerFollowUps {
            label: owner.clone().unwrap_or_else(|| "No owner".into()),
            note: format!("{overdue} overdue, {due} due"),
            owner,
            due,
            overdue,
        })
        .collect();
    // The unowned (None sorts first) go last.
    follow_ups.sort_by(|a, b| match (&a.owner, &b.owner) {
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (Some(_), None) => std::cmp::Ordering::Less,
        (x, y) => x.cmp(y),
    });
    RecordNumbers {
        months: months.into_values().collect(),
        replies,
        follow_ups,
    }
}

/// "United States Trade Representative" as prose writes it: "U.S. Trade Representative".
fn prose_title(title: &str) -> String {
    match title.strip_prefix("United States ") {
        Some(rest) => format!("U.S. {rest}"),
        None => title.to_string(),
    }
}

/// "A", "A and B", "A, B and C".
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The offices a letter went to, as a person writes them: the groups by
/// their size ("the 27 members of the Senate Committee on Finance"), the
/// Administration by title ("the Secretary of Commerce"; more than three:
/// "members of the Administration, including …"), members of Congress by
/// name ("Senator Rob Portman", "Senators A and B").
pub(crate) fn offices_phrase(letter: &RecordLetter, groups: &[GroupNote]) -> String {
    // The offices it went to: a copy never sent is not named.
    let to: Vec<&RecordCopy> = letter
        .copies
        .iter()
        .filter(|c| c.role == Role::To && c.sent_on.is_some())
        .collect();
    let mut parts: Vec<String> = Vec::new();
    for g in groups {
        let label = g.label.strip_prefix("the ").unwrap_or(&g.label);
        parts.push(match &g.group {
            GroupRef::Committee {
                leaders_only: true, ..
            } => format!("the chair and ranking member of the {label}"),
            _ if g.members == 1 => format!("the member of the {label}"),
            _ => format!("the {} members of the {label}", g.members),
        });
    }
    let titles = |cs: &[&&RecordCopy]| -> Vec<String> {
        cs.iter()
            .map(|c| match (&c.office, &c.person) {
                (Some(o), _) => format!("the {}", prose_title(o)),
                (None, Some(p)) => p.clone(),
                (None, None) => String::new(),
            })
            .collect()
    };
    let executive: Vec<&&RecordCopy> = to
        .iter()
        .filter(|c| c.group == OfficeGroup::Executive)
        .collect();
    if executive.len() > 3 {
        parts.push(format!(
            "members of the Administration, including {}",
            join_and(&titles(&executive[..3]))
        ));
    } else {
        parts.extend(titles(&executive));
    }
    for (group, one, many) in [
        (OfficeGroup::Senate, "Senator", "Senators"),
        (OfficeGroup::House, "Representative", "Representatives"),
    ] {
        let names: Vec<String> = to
            .iter()
            .filter(|c| c.group == group)
            .map(|c| {
                c.person
                    .clone()
                    .or_else(|| c.office.clone())
                    .unwrap_or_default()
            })
            .collect();
        match names.len() {
            // Members written to as a group are named by the group.
            _ if !groups.is_empty() => {}
            0 => {}
            1 => parts.push(format!("{one} {}", names[0])),
            _ => parts.push(format!("{many} {}", join_and(&names))),
        }
    }
    let others: Vec<&&RecordCopy> = to
        .iter()
        .filter(|c| matches!(c.group, OfficeGroup::Foreign | OfficeGroup::Other))
        .collect();
    parts.extend(titles(&others));
    parts.retain(|p| !p.is_empty());
    join_and(&parts)
}

/// "September 5, 2017".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%B %-d, %Y").to_string()
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if "\\`*_[]<>#|".contains(ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The text in its three forms: paragraphs are separated by blank lines.
fn three_forms(text: &str) -> PositionParagraph {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    PositionParagraph {
        text: paragraphs.join("\n\n"),
        markdown: paragraphs
            .iter()
            .map(|p| escape_markdown(p))
            .collect::<Vec<_>>()
            .join("\n\n"),
        html: paragraphs
            .iter()
            .map(|p| format!("<p>{}</p>", escape_html(p)))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn stance_word(s: Stance) -> &'static str {
    s.as_str()
}

/// What the paragraph's template is given.
#[derive(Serialize)]
struct ParagraphData {
    /// "the Chamber" (the short name setting, else the full name).
    organization: String,
    /// "The Chamber", to start a sentence.
    #[serde(rename = "Organization")]
    organization_capital: String,
    issue: String,
    stance: &'static str,
    /// An earlier version took the same stance.
    reaffirmed: bool,
    /// "in a letter sent September 5, 2017 to …" (empty without letters).
    letters: String,
    letter_count: usize,
    staff_contact: Option<String>,
    from: String,
    to: String,
}

impl App {
    /// The issue's record from `from` to `to` (both included), follow-ups
    /// overdue as of `as_of` (today by the app's clock when None). Without
    /// `from`, from January 1 of the year of its first letter (of this year,
    /// without letters); without `to`, to today.
    pub fn issue_record(
        &self,
        issue: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        as_of: Option<NaiveDate>,
    ) -> Result<IssueRecord, AppError> {
        let (from, to) = self.issue_range(issue, from, to)?;
        Ok(self.issue_record_with_groups(issue, from, to, as_of)?.0)
    }

    pub(crate) fn issue_record_with_groups(
        &self,
        issue: &str,
        from: NaiveDate,
        to: NaiveDate,
        as_of: Option<NaiveDate>,
    ) -> Result<(IssueRecord, Vec<Vec<GroupNote>>), AppError> {
        check_range(from, to)?;
        let as_of = as_of.unwrap_or_else(|| self.clock().today());
        let zone = self.clock().zone();
        let db = self.db();
        let issue = db.find_issue(issue)?;
        record_in(&db, zone, issue, from, to, as_of)
    }

    /// The issue's page: its record (the range's missing ends filled as
    /// [`App::issue_record`] says) and its position paragraph.
    pub fn issue_page(
        &self,
        issue: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<IssuePage, AppError> {
        let (from, to) = self.issue_range(issue, from, to)?;
        let (record, notes) = self.issue_record_with_groups(issue, from, to, None)?;
        let paragraph = self.paragraph_of(&record, &notes)?;
        Ok(IssuePage { record, paragraph })
    }

    /// The range asked for, its missing ends filled as [`App::issue_record`] says.
    pub fn issue_range(
        &self,
        issue: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<(NaiveDate, NaiveDate), AppError> {
        let today = self.clock().today();
        let to = to.unwrap_or(today);
        let from = match from {
            Some(f) => f,
            None => {
                let db = self.db();
                let i = db.find_issue(issue)?;
                let first = db.issue_first_letter(i.id)?.unwrap_or(today).min(to);
                NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first)
            }
        };
        check_range(from, to)?;
        Ok((from, to))
    }

    /// Name (or, with None or blank text, clear) the issue's staff contact.
    #[tracing::instrument(skip(self))]
    pub fn set_issue_contact(&self, issue: &str, contact: Option<&str>) -> Result<Issue, AppError> {
        let updated = {
            let mut db = self.db();
            let i = db.find_issue(issue)?;
            db.set_issue_contact(i.id, contact)?
        };
        self.changed(&[RecordArea::Positions]);
        Ok(updated)
    }

    /// How reports name the organization in a sentence ("the Chamber"),
    /// when set.
    pub fn organization_short_name(&self) -> Result<Option<String>, AppError> {
        Ok(self
            .db()
            .setting::<Option<String>>(SHORT_NAME_SETTING)?
            .flatten())
    }

    /// Set (or, with None or blank text, clear) the organization's short name.
    pub fn set_organization_short_name(&self, name: Option<&str>) -> Result<(), AppError> {
        let template = self.own_paragraph_template()?;
        self.set_paragraph_wording(name, template.as_deref())?;
        Ok(())
    }

    /// The position paragraph's template: the team's own, else the shipped one.
    pub fn position_paragraph_template(&self) -> Result<String, AppError> {
        Ok(self
            .own_paragraph_template()?
            .unwrap_or_else(|| POSITION_PARAGRAPH_TEMPLATE.to_string()))
    }

    fn own_paragraph_template(&self) -> Result<Option<String>, AppError> {
        Ok(self
            .db()
            .setting::<Option<String>>(TEMPLATE_SETTING)?
            .flatten())
    }

    /// Keep the team's own paragraph template (None: back to the shipped
    /// one). A template that does not compile is refused, naming the error.
    pub fn set_position_paragraph_template(&self, source: Option<&str>) -> Result<(), AppError> {
        let name = self.organization_short_name()?;
        self.set_paragraph_wording(name.as_deref(), source)?;
        Ok(())
    }

    /// How the position paragraph is worded: the organization's short name
    /// and the template, and whether that is the shipped one.
    pub fn paragraph_wording(&self) -> Result<ParagraphWording, AppError> {
        let own = self.own_paragraph_template()?;
        Ok(ParagraphWording {
            short_name: self.organization_short_name()?,
            shipped: own.is_none(),
            template: own.unwrap_or_else(|| POSITION_PARAGRAPH_TEMPLATE.to_string()),
        })
    }

    /// Word the paragraph: the short name (None or blank: the full name)
    /// and the template (None, or the shipped text: the shipped one), both
    /// kept together or, when the template does not compile, neither.
    pub fn set_paragraph_wording(
        &self,
        short_name: Option<&str>,
        template: Option<&str>,
    ) -> Result<ParagraphWording, AppError> {
        let short_name = short_name.map(str::trim).filter(|n| !n.is_empty());
        let template = template.filter(|t| t.trim() != POSITION_PARAGRAPH_TEMPLATE.trim());
        if let Some(t) = template {
            if t.trim().is_empty() {
                return Err(AppError::invalid(
                    "template",
                    "the paragraph's template is empty; write one, or restore the shipped template",
                ));
            }
            check_template(t)?;
        }
        // Only what changed is written: on a team record the short name is
        // an administrator's to change (pg/12-short-name-role.sql) and the
        // template anyone's, so a drafter saving a new template beside the
        // short name as it was is not refused for the short name.
        let mut changes = Vec::new();
        if self.organization_short_name()?.as_deref() != short_name {
            changes.push((SHORT_NAME_SETTING, serde_json::json!(short_name)));
        }
        if self.own_paragraph_template()?.as_deref() != template {
            changes.push((TEMPLATE_SETTING, serde_json::json!(template)));
        }
        if !changes.is_empty() {
            self.db().set_settings(&changes)?;
            self.changed(&[RecordArea::Settings]);
        }
        self.paragraph_wording()
    }

    /// The newsletter's position paragraph for the issue, written from the
    /// letters sent on it from `from` to `to`.
    pub fn position_paragraph(
        &self,
        issue: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<PositionParagraph, AppError> {
        let (record, notes) = self.issue_record_with_groups(issue, from, to, None)?;
        self.paragraph_of(&record, &notes)
    }

    pub(crate) fn paragraph_of(
        &self,
        record: &IssueRecord,
        notes: &[Vec<GroupNote>],
    ) -> Result<PositionParagraph, AppError> {
        let (short, full): (Option<String>, Option<letters::Organization>) = {
            let db = self.db();
            (
                db.setting::<Option<String>>(SHORT_NAME_SETTING)?.flatten(),
                db.setting("organization")?,
            )
        };
        let organization = short
            .or_else(|| full.map(|o| o.name))
            .unwrap_or_else(|| "The organization".into());
        // The version in force at the range's end; none when the range
        // predates every version (never a later one, as a letter cites).
        let in_force = record
            .positions
            .iter()
            .rev()
            .find(|p| p.adopted_on <= record.to);
        let stance = in_force.map_or(Stance::Monitor, |p| p.stance);
        let reaffirmed = in_force.is_some_and(|p| {
            record
                .positions
                .iter()
                .any(|q| q.version < p.version && q.stance == p.stance)
        });
        let sent: Vec<(&RecordLetter, &Vec<GroupNote>)> = record
            .letters
            .iter()
            .zip(notes)
            .filter(|(l, _)| l.copies.iter().any(|c| c.sent_on.is_some()))
            .collect();
        let each: Vec<String> = sent
            .iter()
            .take(if sent.len() > 3 { 0 } else { sent.len() })
            .map(|(l, g)| {
                let offices = offices_phrase(l, g);
                if offices.is_empty() {
                    long_date(l.date)
                } else {
                    format!("{} to {offices}", long_date(l.date))
                }
            })
            .collect();
        let letters = match sent.len() {
            0 => String::new(),
            1 => format!("in a letter sent {}", each[0]),
            // A newsletter names a few letters, and counts many: "in 12
            // letters sent from March 3, 2017 to December 1, 2017", with
            // their offices when every letter went to the same ones.
            n if n > 3 => {
                let phrases: Vec<String> = sent.iter().map(|(l, g)| offices_phrase(l, g)).collect();
                let first = sent.first().map(|(l, _)| l.date);
                let last = sent.last().map(|(l, _)| l.date);
                let mut said = format!("in {n} letters sent");
                if let (Some(a), Some(b)) = (first, last) {
                    said.push_str(&format!(" from {} to {}", long_date(a), long_date(b)));
                }
                if !phrases[0].is_empty() && phrases.iter().all(|p| *p == phrases[0]) {
                    said.push_str(&format!(", each to {}", phrases[0]));
                }
                said
            }
            _ => {
                let (last, rest) = each.split_last().unwrap_or((&each[0], &[]));
                format!("in letters sent {}, and {last}", rest.join(", "))
            }
        };
        let data = ParagraphData {
            organization_capital: upper_first(&organization),
            organization,
            issue: record.issue.name.clone(),
            stance: stance_word(stance),
            reaffirmed,
            letters,
            letter_count: sent.len(),
            staff_contact: record.issue.staff_contact.clone(),
            from: long_date(record.from),
            to: long_date(record.to),
        };
        let source = self.position_paragraph_template()?;
        let registry = compile(&source)?;
        let text = registry
            .render("paragraph", &data)
            .map_err(|e| AppError::invalid("template", format!("the paragraph template: {e}")))?;
        Ok(three_forms(&text))
    }
}

fn compile(source: &str) -> Result<handlebars::Handlebars<'static>, AppError> {
    let mut registry = handlebars::Handlebars::new();
    // Strict, as letter templates are: a misspelt field is an error, not a
    // gap in the newsletter.
    registry.set_strict_mode(true);
    registry.register_escape_fn(handlebars::no_escape);
    registry
        .register_template_string("paragraph", source)
        .map_err(|e| AppError::invalid("template", format!("the paragraph template: {e}")))?;
    Ok(registry)
}

/// Compile `source` and write it once for a probe issue, so a field it
/// names that the paragraph is not given is refused when it is kept, not
/// when a staffer next opens an issue's page.
fn check_template(source: &str) -> Result<(), AppError> {
    let probe = ParagraphData {
        organization: "the Chamber".into(),
        organization_capital: "The Chamber".into(),
        issue: "U.S.–Korea Free Trade Agreement (KORUS)".into(),
        stance: "support",
        reaffirmed: true,
        letters: "in a letter sent September 5, 2017 to the U.S. Trade Representative".into(),
        letter_count: 1,
        staff_contact: Some("Jordan Whitfield".into()),
        from: "January 1, 2017".into(),
        to: "December 31, 2017".into(),
    };
    compile(source)?
        .render("paragraph", &probe)
        .map_err(|e| AppError::invalid("template", format!("the paragraph template: {e}")))?;
    Ok(())
}
