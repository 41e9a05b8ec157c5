//! Recipients and addressing: who a recipient is chosen as (an office at
//! the letter's date, or a person), how each resolves on that date with
//! what staff should check, the address block and greeting each gets, how
//! lists name them, and which copy of a letter is whose.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use store::{LetterMode, NewRecipient, Role, Store};

use crate::app::App;
use crate::error::AppError;

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

pub(crate) fn name_of(
    store: &Store,
    r: &store::Recipient,
) -> Result<(Option<String>, Option<String>), AppError> {
    let person = r.person_id.map(|p| store.person(p)).transpose()?;
    let office = r.office_id.map(|o| store.office(o)).transpose()?;
    Ok((
        person.map(|p| p.full_name),
        office.map(|o| store::spoken_title(&o.title).to_string()),
    ))
}

/// How an addressee is named in lists: "Wilbur Ross (Secretary of Commerce)",
/// or the office alone when the record names no holder on that day.
/// A Senate seat is named as staff say it ("U.S. Senator for Iowa", not its class).
pub(crate) fn label(person: Option<String>, office: Option<String>) -> String {
    let office = office.map(|o| store::spoken_title(&o).to_string());
    match (person, office) {
        (Some(p), Some(o)) => format!("{p} ({o})"),
        (Some(p), None) => p,
        (None, Some(o)) => format!("{o} (no holder on record)"),
        (None, None) => String::new(),
    }
}

/// Resolve a recipient at `date`, saying what staff should check.
pub(crate) fn resolve_in(
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
                warnings.extend(address_warning(db, &h, date)?);
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
                    warnings.extend(address_warning(db, h, date)?);
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

/// Where a letter to `person_id` in `office` (through term `term_id`) goes:
/// the address on record for that person's term (a Capitol office belongs to
/// the member's term, not the seat), else the office's own address, which
/// for a seat in Congress is its latest holder's rooms. The flag says the
/// latter is someone else's: the person is not the seat's latest holder and
/// no address of theirs there is known.
fn address_of(
    db: &Store,
    office: &store::Office,
    person_id: Option<i64>,
    term_id: Option<i64>,
) -> Result<(Vec<String>, bool), AppError> {
    if let Some(lines) = term_id.map(|t| db.term_address(t)).transpose()?.flatten() {
        return Ok((lines, false));
    }
    // A department's address is the seat's; a member's rooms in the Capitol
    // are their own.
    let rooms_move = matches!(
        office.kind,
        store::OfficeKind::Senator | store::OfficeKind::Representative
    );
    let someone_else = match person_id {
        Some(p) if rooms_move => db.latest_holder(office.id)?.is_some_and(|h| h != p),
        _ => false,
    };
    Ok((office.address.clone(), someone_else))
}

/// The warning for a person addressed at today's rooms of an office they
/// have left, when the record knows no address of their own there.
fn address_warning(
    db: &Store,
    h: &store::Holder,
    date: NaiveDate,
) -> Result<Option<String>, AppError> {
    let (_, stale) = address_of(db, &h.office, Some(h.person.id), Some(h.term.id))?;
    Ok(stale.then(|| {
        format!(
            "no address is on record for {} as {} on {date}; the office's current address (a later holder's) is used: check it, or give the term's address (an officials CSV row's address applies to its term)",
            h.person.full_name, h.office.title
        )
    }))
}

pub(crate) fn recipient_block(
    db: &Store,
    person_id: Option<i64>,
    office_id: Option<i64>,
    term_id: Option<i64>,
) -> Result<letters::Recipient, AppError> {
    let office = office_id.map(|o| db.office(o)).transpose()?;
    let person = person_id.map(|p| db.person(p)).transpose()?;
    let address = match &office {
        Some(o) => address_of(db, o, person_id, term_id)?.0,
        None => Vec::new(),
    };
    Ok(match (&person, &office) {
        (Some(p), _) => letters::address::recipient(&letters::address::Addressee {
            full_name: &p.full_name,
            family_name: &p.family_name,
            kind: office.as_ref().map_or("other", |o| o.kind.as_str()),
            office_title: office.as_ref().map(|o| store::spoken_title(&o.title)),
            organization: office.as_ref().and_then(|o| o.organization.as_deref()),
            address: &address,
            honorific: p.honorific.as_deref(),
            salutation: p.salutation.as_deref(),
        }),
        (None, Some(o)) => letters::Recipient {
            honorific: None,
            name: store::spoken_title(&o.title).to_string(),
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

impl App {
    /// Resolve a recipient at `date`, saying what staff should check.
    pub fn resolve(
        &self,
        choice: &RecipientChoice,
        date: NaiveDate,
    ) -> Result<(NewRecipient, Vec<String>), AppError> {
        resolve_in(&self.db(), choice, date)
    }
}
