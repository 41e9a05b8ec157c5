//! People in public office: the officials list, a person's page, adding,
//! editing and retiring people, and their terms.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use store::officials::OfficeChoice;
use store::{NewOffice, NewPerson, NewTerm, Person, StoreError};

use crate::app::{App, RecordArea};
use crate::error::AppError;

/// What a term's end date is, on the day a list is made: terms imported
/// from a roster carry the roster's scheduled end (January 3 of the year a
/// seat is next filled), which is not a day anybody left office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TermEnd {
    /// No end on record: in office.
    Open,
    /// An end still to come: the term is scheduled to end then (the holder
    /// is in office until at least that day, unless the record learns otherwise).
    Scheduled,
    /// An end that has passed: the term ended then, as the record knows it.
    Ended,
    /// The day a roster stopped listing the holder: they had left by then,
    /// perhaps earlier (and the term is over).
    LastListed,
}

impl TermEnd {
    /// What a term's end is on `on`.
    pub fn of(term: &store::Term, on: NaiveDate) -> TermEnd {
        match term.end_on {
            None => TermEnd::Open,
            Some(_) if term.end_listed => TermEnd::LastListed,
            Some(e) if e > on => TermEnd::Scheduled,
            Some(_) => TermEnd::Ended,
        }
    }
}

/// A person in the officials list, with the office they hold (or last held).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OfficialRow {
    pub person: Person,
    pub office: Option<String>,
    pub office_id: Option<i64>,
    /// The term's end date, if any.
    pub until: Option<NaiveDate>,
    /// What `until` is on the list's day: scheduled, or ended (none: no office).
    pub term_end: Option<TermEnd>,
}

/// A page of the officials list: at most the rows asked for, and how many
/// match in all (so the screen can say "200 of 1,130 — refine your search").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OfficialsPage {
    pub rows: Vec<OfficialRow>,
    pub total: u32,
}

/// A hand-made official: the person, the office they hold (one on record,
/// by id, or a new one) and the term, saved together or not at all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewOfficial {
    pub person: NewPerson,
    #[serde(default)]
    pub office_id: Option<i64>,
    #[serde(default)]
    pub office: Option<NewOffice>,
    pub start_on: NaiveDate,
    #[serde(default)]
    pub end_on: Option<NaiveDate>,
    #[serde(default)]
    pub acting: bool,
}

/// One term of a person, for their page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TermView {
    pub term_id: i64,
    pub office: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    /// What `end_on` is today: scheduled, or ended.
    pub term_end: TermEnd,
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
    /// People whose name contains `filter` (at most `limit`), with the office
    /// each holds on `on` or last held.
    pub fn officials(&self, filter: &str, on: NaiveDate) -> Result<Vec<OfficialRow>, AppError> {
        self.officials_up_to(filter, Some(on), 200)
    }

    /// People matching `filter` (a name, an office's title or short name,
    /// or a state's name for its House seats), `limit` of them from the
    /// `offset`-th (in the list's order, from 0), with how many match in all;
    /// each with the office held on `on` (today by the app's clock when not given).
    pub fn officials_page(
        &self,
        filter: &str,
        on: Option<NaiveDate>,
        offset: usize,
        limit: usize,
    ) -> Result<OfficialsPage, AppError> {
        let on = on.unwrap_or_else(|| self.clock().today());
        let also = crate::states::house_seat_fragment(filter);
        let total = self.db().count_persons_matching(filter, &also)?;
        Ok(OfficialsPage {
            rows: self.officials_matching(filter, &also, on, offset, limit)?,
            total,
        })
    }

    /// At most `limit` people matching `filter`, with the office each holds
    /// on `on` (today by the app's clock when not given) or last held.
    pub fn officials_up_to(
        &self,
        filter: &str,
        on: Option<NaiveDate>,
        limit: usize,
    ) -> Result<Vec<OfficialRow>, AppError> {
        let on = on.unwrap_or_else(|| self.clock().today());
        let also = crate::states::house_seat_fragment(filter);
        self.officials_matching(filter, &also, on, 0, limit)
    }

    fn officials_matching(
        &self,
        filter: &str,
        also: &str,
        on: NaiveDate,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<OfficialRow>, AppError> {
        let db = self.db();
        let mut out = Vec::new();
        for person in db.persons_matching(filter, also, offset, limit)? {
            let holding = db.latest_holding(person.id, on)?;
            out.push(OfficialRow {
                office: holding
                    .as_ref()
                    .map(|h| store::spoken_title(&h.office.title).to_string()),
                office_id: holding.as_ref().map(|h| h.office.id),
                until: holding.as_ref().and_then(|h| h.term.end_on),
                term_end: holding.as_ref().map(|h| TermEnd::of(&h.term, on)),
                person,
            });
        }
        Ok(out)
    }

    pub fn person_detail(&self, id: i64) -> Result<PersonDetail, AppError> {
        let today = self.clock().today();
        let db = self.db();
        let person = db.person(id)?;
        let mut terms = Vec::new();
        for t in db.terms_of_person(id)? {
            terms.push(TermView {
                term_id: t.id,
                office: store::spoken_title(&db.office(t.office_id)?.title).to_string(),
                start_on: t.start_on,
                end_on: t.end_on,
                term_end: TermEnd::of(&t, today),
                acting: t.acting,
            });
        }
        Ok(PersonDetail {
            person,
            terms,
            local_offices: db.local_offices(id)?,
        })
    }

    /// Add a person, or change one (the changed fields are then kept by
    /// later roster imports). Returns the person's id.
    #[tracing::instrument(skip(self, p))]
    pub fn save_person(&self, id: Option<i64>, p: &NewPerson) -> Result<i64, AppError> {
        let now = self.clock().now();
        let id = match id {
            Some(id) => {
                self.db().edit_person(id, p, now)?;
                id
            }
            None => self.db().add_person(p, now)?,
        };
        self.changed(&[RecordArea::Officials]);
        Ok(id)
    }

    /// Add a person with the office they hold and their term, in one step:
    /// if any part is refused, nothing is written. Field errors name the
    /// part ("person.full_name", "office.title", "office", "end_on").
    /// Returns the new person's id.
    #[tracing::instrument(skip(self, o), fields(name = %o.person.full_name))]
    pub fn add_official(&self, o: &NewOfficial) -> Result<i64, AppError> {
        let office = match (o.office_id, &o.office) {
            (Some(id), None) => OfficeChoice::Existing(id),
            (None, Some(new)) => OfficeChoice::New(new),
            (Some(_), Some(_)) => {
                return Err(AppError::invalid(
                    "office",
                    "choose an office on record or describe a new one, not both",
                ));
            }
            (None, None) => {
                return Err(AppError::invalid(
                    "office",
                    "choose the office this person holds, or add a new office",
                ));
            }
        };
        let term = NewTerm {
            person_id: 0,
            office_id: 0,
            start_on: o.start_on,
            end_on: o.end_on,
            acting: o.acting,
            address: Vec::new(),
        };
        let added = self
            .db()
            .add_official(&o.person, office, &term, self.clock().now())
            .map_err(|e| match e {
                StoreError::Invalid { field, message } => {
                    let part = match field {
                        "start_on" | "end_on" | "acting" | "term" => "",
                        "title" | "kind" | "organization" | "address" | "short_name" => "office.",
                        _ => "person.",
                    };
                    AppError::invalid(format!("{part}{field}"), message)
                }
                StoreError::NotFound { .. } => AppError::invalid(
                    "office",
                    "that office is no longer on record; choose it again",
                ),
                e => e.into(),
            })?;
        self.changed(&[RecordArea::Officials]);
        Ok(added.person_id)
    }

    #[tracing::instrument(skip(self))]
    pub fn retire_person(&self, id: i64, on: NaiveDate) -> Result<(), AppError> {
        self.db().retire_person(id, on)?;
        self.changed(&[RecordArea::Officials]);
        Ok(())
    }

    /// Record that someone held (or holds) an office; an overlap with
    /// another holder of a one-holder office is refused.
    #[tracing::instrument(skip(self))]
    pub fn add_term(&self, t: &NewTerm) -> Result<i64, AppError> {
        let id = self.db().add_term(t)?;
        self.changed(&[RecordArea::Officials]);
        Ok(id)
    }

    /// End a term on `on` (a holder left office).
    #[tracing::instrument(skip(self))]
    pub fn end_term(&self, term_id: i64, on: NaiveDate) -> Result<(), AppError> {
        {
            let mut db = self.db();
            let t = db.term(term_id)?;
            let ended = NewTerm {
                person_id: t.person_id,
                office_id: t.office_id,
                start_on: t.start_on,
                end_on: Some(on),
                acting: t.acting,
                address: Vec::new(),
            };
            db.edit_term(term_id, &ended)?;
        }
        self.changed(&[RecordArea::Officials]);
        Ok(())
    }
}
