//! The congress-legislators roster (public domain, from the
//! `unitedstates/congress-legislators` project): its YAML read into the
//! record's roster form — one seat per Senate class and House district.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use store::OfficeKind;
use store::import::{LocalOffice, Member, Seat, SeatTerm};

use crate::error::AppError;

#[derive(Deserialize)]
struct Legislator {
    id: Ids,
    name: Name,
    terms: Vec<Term>,
}

#[derive(Deserialize)]
struct Ids {
    bioguide: String,
}

/// One member's entry in `legislators-district-offices.yaml`.
#[derive(Deserialize)]
struct DistrictOffices {
    id: Ids,
    #[serde(default)]
    offices: Vec<DistrictOffice>,
}

#[derive(Deserialize)]
struct DistrictOffice {
    id: String,
    address: Option<String>,
    suite: Option<String>,
    building: Option<String>,
    city: String,
    state: String,
    zip: Option<String>,
    phone: Option<String>,
    fax: Option<String>,
}

impl DistrictOffice {
    /// The mailing address lines: building, street and suite, city line.
    fn local(self) -> LocalOffice {
        let mut lines = Vec::new();
        if let Some(b) = self.building.filter(|b| !b.trim().is_empty()) {
            lines.push(b);
        }
        let street = match (self.address, self.suite) {
            (Some(a), Some(s)) if !s.trim().is_empty() => {
                // A bare suite number reads better with its word.
                let s = if s.chars().all(|c| c.is_ascii_alphanumeric()) {
                    format!("Suite {s}")
                } else {
                    s
                };
                Some(format!("{a}, {s}"))
            }
            (a, _) => a,
        };
        lines.extend(street.filter(|s| !s.trim().is_empty()));
        lines.push(
            format!(
                "{}, {} {}",
                self.city,
                self.state,
                self.zip.unwrap_or_default()
            )
            .trim_end()
            .to_string(),
        );
        LocalOffice {
            key: self.id,
            city: self.city,
            address: lines,
            phone: self.phone,
            fax: self.fax,
        }
    }
}

/// Seat keys the congress roster owns: its import ends open terms there
/// whose holder is no longer listed.
pub const SCOPE: [&str; 2] = ["sen-", "rep-"];

#[derive(Deserialize)]
struct Name {
    first: String,
    last: String,
    official_full: Option<String>,
}

#[derive(Deserialize)]
struct Term {
    #[serde(rename = "type")]
    kind: String,
    start: NaiveDate,
    end: Option<NaiveDate>,
    state: String,
    district: Option<i64>,
    class: Option<i64>,
    party: Option<String>,
    office: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    contact_form: Option<String>,
    /// Set where `end` is the day the dataset stopped listing the member,
    /// not the term's scheduled end (the shipped snapshot's historical file).
    #[serde(rename = "end-note")]
    end_note: Option<String>,
}

/// The states, the District and the territories by postal code.
#[rustfmt::skip]
const PLACES: [(&str, &str); 56] = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"),
    ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
    ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"),
    ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"),
    ("WI", "Wisconsin"), ("WY", "Wyoming"), ("DC", "the District of Columbia"),
    ("PR", "Puerto Rico"), ("GU", "Guam"), ("VI", "the U.S. Virgin Islands"),
    ("AS", "American Samoa"), ("MP", "the Northern Mariana Islands"),
];

/// A state's (or territory's) name by its postal code.
pub fn place_name(code: &str) -> Option<&'static str> {
    PLACES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

fn place(code: &str) -> &str {
    PLACES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, name)| name)
}

fn seat(t: &Term) -> Option<Seat> {
    match t.kind.as_str() {
        "sen" => {
            let class = t.class?;
            Some(Seat {
                key: format!("sen-{}-{class}", t.state),
                title: format!("U.S. Senator for {}, class {class}", place(&t.state)),
                kind: OfficeKind::Senator,
                organization: "United States Senate".into(),
                short_name: None,
            })
        }
        "rep" => {
            let district = t.district.unwrap_or(0);
            let title = match (t.state.as_str(), district) {
                ("PR", _) => "Resident Commissioner from Puerto Rico".to_string(),
                ("DC" | "GU" | "VI" | "AS" | "MP", _) => {
                    format!("Delegate to the U.S. House from {}", place(&t.state))
                }
                (state, 0) => format!("U.S. Representative, {state} at large"),
                (state, d) => format!("U.S. Representative, {state}-{d:02}"),
            };
            Some(Seat {
                key: format!("rep-{}-{district}", t.state),
                title,
                kind: OfficeKind::Representative,
                organization: "United States House of Representatives".into(),
                short_name: None,
            })
        }
        _ => None,
    }
}

/// The mailing address of a Capitol office: the room line and the chamber's ZIP.
fn address(t: &Term) -> Vec<String> {
    let room = t.office.clone().or_else(|| {
        t.address.as_deref().map(|a| {
            a.split(" Washington")
                .next()
                .unwrap_or(a)
                .trim()
                .to_string()
        })
    });
    match room {
        Some(room) if !room.is_empty() => {
            let zip = if t.kind == "sen" { "20510" } else { "20515" };
            vec![room, format!("Washington, DC {zip}")]
        }
        _ => Vec::new(),
    }
}

/// The roster snapshot shipped with Amicus (CC0, `data/congress-legislators`),
/// so a staffer can import Congress with one button, as the posts.
pub const SHIPPED_CURRENT: &str =
    include_str!("../../../data/congress-legislators/legislators-current.yaml");
pub const SHIPPED_DISTRICT_OFFICES: &str =
    include_str!("../../../data/congress-legislators/legislators-district-offices.yaml");
/// The members who served since 2017 and had left by the snapshot, so
/// back-dated letters reach them (the dataset's own historical file, cut to
/// them; see the folder's README).
pub const SHIPPED_HISTORICAL: &str =
    include_str!("../../../data/congress-legislators/legislators-historical.yaml");

/// The day the shipped snapshot describes: its import, with no day given,
/// is as of then (or today, if earlier), so it never overrides a newer roster
/// already imported.
pub const SHIPPED_AS_OF: NaiveDate = match NaiveDate::from_ymd_opt(2026, 6, 15) {
    Some(d) => d,
    None => panic!("a valid date"),
};

fn read_text(path: &Path) -> Result<String, AppError> {
    std::fs::read_to_string(path).map_err(|source| AppError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn parse_yaml<T: serde::de::DeserializeOwned>(text: &str, origin: &str) -> Result<T, AppError> {
    serde_norway::from_str(text).map_err(|e| {
        AppError::invalid(
            "roster",
            format!("{origin} is not a congress-legislators file: {e}"),
        )
    })
}

/// Departed members' terms that ended before this day are not imported from
/// `legislators-historical.yaml`: a third of a century of seats is what
/// letters are written (or back-dated) to, and the older ones would fill the
/// offices list with districts that no longer exist.
pub const HISTORY_FROM: NaiveDate = match NaiveDate::from_ymd_opt(1993, 1, 3) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// Read a congress-legislators roster: a folder's `legislators-current.yaml`,
/// with `legislators-historical.yaml` (departed members, so they keep their
/// real end dates) and `legislators-district-offices.yaml` when they are
/// there; or one file of that form named directly (a historical file alone).
pub fn read_roster(path: &Path) -> Result<Vec<Member>, AppError> {
    if path.is_file() {
        return members_of(&read_text(path)?, &path.display().to_string(), None);
    }
    let named = |name: &str| -> Result<Option<(String, String)>, AppError> {
        let file = path.join(name);
        Ok(if file.exists() {
            Some((read_text(&file)?, file.display().to_string()))
        } else {
            None
        })
    };
    let current = path.join("legislators-current.yaml");
    let current = (read_text(&current)?, current.display().to_string());
    let historical = named("legislators-historical.yaml")?;
    let offices = named("legislators-district-offices.yaml")?;
    roster_of(
        text_of(&historical),
        (&current.0, &current.1),
        text_of(&offices),
    )
}

fn text_of(file: &Option<(String, String)>) -> Option<(&str, &str)> {
    file.as_ref().map(|(t, o)| (t.as_str(), o.as_str()))
}

/// A roster from its files' text (and where each came from, for messages):
/// the departed members of the historical file, then the current ones.
fn roster_of(
    historical: Option<(&str, &str)>,
    current: (&str, &str),
    offices: Option<(&str, &str)>,
) -> Result<Vec<Member>, AppError> {
    let mut members = match historical {
        Some((text, origin)) => departed(members_of(text, origin, None)?),
        None => Vec::new(),
    };
    let departed = members.len();
    members.extend(members_of(current.0, current.1, offices)?);
    end_at_successors(&mut members, departed);
    Ok(members)
}

/// A departed member's term that runs past the start of another member's in
/// the same seat ends on that day: the historical file's end can be an upper
/// bound (the day the roster stopped listing them), the successor's start is
/// the roster's word. The import would end it there anyway; doing it here
/// keeps a second import of the same files from changing anything.
fn end_at_successors(members: &mut [Member], departed: usize) {
    let mut starts: std::collections::HashMap<String, Vec<(NaiveDate, usize)>> =
        std::collections::HashMap::new();
    for (i, m) in members.iter().enumerate() {
        for t in &m.terms {
            starts
                .entry(t.seat.key.clone())
                .or_default()
                .push((t.start, i));
        }
    }
    for (i, m) in members.iter_mut().enumerate().take(departed) {
        for t in &mut m.terms {
            let next = starts.get(&t.seat.key).and_then(|s| {
                s.iter()
                    .filter(|(start, j)| {
                        *j != i && *start > t.start && t.end.is_none_or(|e| *start < e)
                    })
                    .map(|(start, _)| *start)
                    .min()
            });
            if let Some(next) = next {
                t.end = Some(next);
            }
        }
    }
}

/// Departed members with their terms since [`HISTORY_FROM`]. Each term keeps
/// the rooms it had (a back-dated letter goes there); their seats' phones and
/// contact forms are today's holders', not the ones the departed last had.
fn departed(members: Vec<Member>) -> Vec<Member> {
    members
        .into_iter()
        .filter_map(|mut m| {
            m.terms.retain(|t| t.end.is_none_or(|e| e >= HISTORY_FROM));
            for t in &mut m.terms {
                t.phone = None;
                t.contact_form = None;
            }
            (!m.terms.is_empty()).then_some(m)
        })
        .collect()
}

/// The roster shipped with Amicus: today's members, and those who served
/// since 2017 and have left.
pub fn shipped_roster() -> Result<Vec<Member>, AppError> {
    roster_of(
        Some((SHIPPED_HISTORICAL, "the shipped historical roster")),
        (SHIPPED_CURRENT, "the shipped congress roster"),
        Some((SHIPPED_DISTRICT_OFFICES, "the shipped district offices")),
    )
}

/// A roster imported with no day given is taken to describe `today`. One in
/// which nobody held a seat that day (an older snapshot, or departed
/// members alone) would end every term it does not list today and start
/// its committee places today: refused, asking for the day it describes.
pub fn check_describes_today(
    members: &[Member],
    today: NaiveDate,
    source: &Path,
) -> Result<(), AppError> {
    let terms = || members.iter().flat_map(|m| &m.terms);
    if members.is_empty() || terms().any(|t| t.start <= today && t.end.is_none_or(|e| e >= today)) {
        return Ok(());
    }
    let latest = terms()
        .map(|t| t.start)
        .max()
        .map(|d| format!(" (its latest term began on {d})"))
        .unwrap_or_default();
    Err(AppError::invalid(
        "as_of",
        format!(
            "nobody in {} held a seat on {today}: it is an older roster{latest}. Import it as of \
             the day it describes: amicus import congress {} --as-of YYYY-MM-DD",
            source.display(),
            source.display()
        ),
    ))
}

/// Members from the roster's text (and its district offices', when known).
fn members_of(
    current: &str,
    origin: &str,
    offices: Option<(&str, &str)>,
) -> Result<Vec<Member>, AppError> {
    let legislators: Vec<Legislator> = parse_yaml(current, origin)?;
    let known = offices.is_some();
    let mut district: std::collections::HashMap<String, Vec<LocalOffice>> = match offices {
        Some((text, origin)) => parse_yaml::<Vec<DistrictOffices>>(text, origin)?
            .into_iter()
            .map(|d| {
                (
                    d.id.bioguide,
                    d.offices.into_iter().map(DistrictOffice::local).collect(),
                )
            })
            .collect(),
        None => Default::default(),
    };
    Ok(legislators
        .into_iter()
        .map(|l| {
            let party = l.terms.last().and_then(|t| t.party.clone());
            let local_offices = known.then(|| district.remove(&l.id.bioguide).unwrap_or_default());
            Member {
                local_offices,
                honorific: None,
                salutation: None,
                key: l.id.bioguide,
                full_name: l
                    .name
                    .official_full
                    .unwrap_or_else(|| format!("{} {}", l.name.first, l.name.last)),
                family_name: l.name.last,
                party,
                terms: l
                    .terms
                    .iter()
                    .filter_map(|t| {
                        Some(SeatTerm {
                            seat: seat(t)?,
                            start: t.start,
                            end: t.end,
                            party: t.party.clone(),
                            address: address(t),
                            phone: t.phone.clone(),
                            contact_form: t
                                .contact_form
                                .clone()
                                .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
                            end_listed: t.end_note.is_some(),
                        })
                    })
                    .collect(),
            }
        })
        .collect())
}

/// The shipped snapshot's committees and their members.
pub const SHIPPED_COMMITTEES: &str =
    include_str!("../../../data/congress-legislators/committees-current.yaml");
pub const SHIPPED_MEMBERSHIP: &str =
    include_str!("../../../data/congress-legislators/committee-membership-current.yaml");

#[derive(Deserialize)]
struct CommitteeEntry {
    #[serde(rename = "type")]
    kind: String,
    name: String,
    thomas_id: String,
    #[serde(default)]
    subcommittees: Vec<SubcommitteeEntry>,
}

#[derive(Deserialize)]
struct SubcommitteeEntry {
    name: String,
    thomas_id: String,
}

#[derive(Deserialize)]
struct MembershipEntry {
    name: String,
    bioguide: String,
    party: Option<String>,
    rank: Option<i64>,
    title: Option<String>,
}

/// Committees with their members from the roster's two committee files
/// (their text, and where each came from for messages).
pub fn committees_of(
    committees: (&str, &str),
    membership: (&str, &str),
) -> Result<Vec<store::committees::CommitteeRecord>, AppError> {
    use store::committees::{CommitteeRecord, CommitteeSeat};
    let entries: Vec<CommitteeEntry> = parse_yaml(committees.0, committees.1)?;
    let mut members: std::collections::HashMap<String, Vec<MembershipEntry>> =
        parse_yaml(membership.0, membership.1)?;
    let mut seats = |code: &str| -> Vec<CommitteeSeat> {
        members
            .remove(code)
            .unwrap_or_default()
            .into_iter()
            .map(|m| CommitteeSeat {
                key: m.bioguide,
                name: m.name,
                rank: m.rank,
                title: m.title,
                side: m.party.filter(|p| p == "majority" || p == "minority"),
            })
            .collect()
    };
    let mut out = Vec::new();
    for c in entries {
        let chamber = match c.kind.as_str() {
            "senate" | "house" | "joint" => c.kind.clone(),
            other => {
                return Err(AppError::invalid(
                    "roster",
                    format!(
                        "{}: committee {} has an unknown type \"{other}\"",
                        committees.1, c.thomas_id
                    ),
                ));
            }
        };
        out.push(CommitteeRecord {
            code: c.thomas_id.clone(),
            name: c.name.clone(),
            chamber: chamber.clone(),
            parent: None,
            members: seats(&c.thomas_id),
        });
        for s in c.subcommittees {
            let code = format!("{}{}", c.thomas_id, s.thomas_id);
            out.push(CommitteeRecord {
                members: seats(&code),
                code,
                name: s.name,
                chamber: chamber.clone(),
                parent: Some(c.thomas_id.clone()),
            });
        }
    }
    Ok(out)
}

/// The shipped snapshot's committees.
pub fn shipped_committees() -> Result<Vec<store::committees::CommitteeRecord>, AppError> {
    committees_of(
        (SHIPPED_COMMITTEES, "the shipped committees"),
        (SHIPPED_MEMBERSHIP, "the shipped committee membership"),
    )
}

/// A roster folder's committees, when it has both committee files.
pub fn read_committees(dir: &Path) -> Result<Vec<store::committees::CommitteeRecord>, AppError> {
    let committees = dir.join("committees-current.yaml");
    let membership = dir.join("committee-membership-current.yaml");
    if !dir.is_dir() || !committees.exists() || !membership.exists() {
        return Ok(Vec::new());
    }
    committees_of(
        (&read_text(&committees)?, &committees.display().to_string()),
        (&read_text(&membership)?, &membership.display().to_string()),
    )
}
