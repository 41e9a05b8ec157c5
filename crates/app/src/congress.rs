//! The congress-legislators roster (public domain, from the
//! `unitedstates/congress-legislators` project): its YAML read into the
//! record's roster form — one seat per Senate class and House district.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use store::OfficeKind;
use store::import::{Member, Seat, SeatTerm};

use crate::AppError;

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

/// Read `legislators-current.yaml` from a congress-legislators folder.
pub fn read_roster(dir: &Path) -> Result<Vec<Member>, AppError> {
    let path = dir.join("legislators-current.yaml");
    let text = std::fs::read_to_string(&path).map_err(|source| AppError::Read {
        path: path.clone(),
        source,
    })?;
    let legislators: Vec<Legislator> = serde_norway::from_str(&text).map_err(|e| {
        AppError::Store(store::StoreError::invalid(
            "roster",
            format!("{} is not a congress-legislators file: {e}", path.display()),
        ))
    })?;
    Ok(legislators
        .into_iter()
        .map(|l| {
            let party = l.terms.last().and_then(|t| t.party.clone());
            Member {
                bioguide: l.id.bioguide,
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
                        })
                    })
                    .collect(),
            }
        })
        .collect())
}
