//! Offices: the offices list with who holds each, an office's holders,
//! finding an office from what staff type ("USTR", a title, an id), adding,
//! editing, retiring and reinstating offices.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use store::{NewOffice, Office, Store};

use crate::app::{App, RecordArea};
use crate::error::AppError;

/// An office in the offices list, with who holds it on the day asked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OfficeRow {
    pub office: Office,
    /// The office's title as staff say it (a Senate seat without its
    /// class: "U.S. Senator for California"); `office.title` is the
    /// record's own, for a tooltip.
    pub label: String,
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
    /// The title as staff say it (see [`OfficeRow::label`]).
    pub label: String,
    /// A Senate seat's class (1, 2 or 3), for the office's details.
    pub senate_class: Option<u8>,
    pub holders: Vec<HolderView>,
}

/// Who held an office on a day, with the office's whole history.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeHolder {
    pub on: NaiveDate,
    pub detail: OfficeDetail,
    /// The holder on `on` (None: nobody on record) and whether acting.
    pub holder: Option<(String, bool)>,
}

/// An office named by id, title or short name.
fn office_by_text(db: &Store, text: &str) -> Result<Office, AppError> {
    if let Ok(id) = text.trim().parse::<i64>() {
        return Ok(db.office(id)?);
    }
    Ok(db.find_office(text)?)
}

fn detail_in(db: &Store, id: i64) -> Result<OfficeDetail, AppError> {
    let office = db.office(id)?;
    let mut holders = Vec::new();
    for t in db.terms_of_office(id)? {
        holders.push(HolderView {
            term_id: t.id,
            person_id: t.person_id,
            person: db.person(t.person_id)?.full_name,
            start_on: t.start_on,
            end_on: t.end_on,
            acting: t.acting,
        });
    }
    Ok(OfficeDetail {
        label: store::spoken_title(&office.title).to_string(),
        senate_class: store::senate_class(&office.title),
        office,
        holders,
    })
}

impl App {
    /// Offices matching `filter`, each with its holder on `on` (today by
    /// the app's clock when not given).
    pub fn office_rows(
        &self,
        filter: &str,
        on: Option<NaiveDate>,
    ) -> Result<Vec<OfficeRow>, AppError> {
        let on = on.unwrap_or_else(|| self.clock().today());
        let db = self.db();
        let also = crate::states::house_seat_fragment(filter);
        let mut out = Vec::new();
        for office in db.offices_matching(filter, &also)? {
            let holder = db.holder_on(office.id, on)?.map(|h| h.person.full_name);
            out.push(OfficeRow {
                label: store::spoken_title(&office.title).to_string(),
                office,
                holder,
            });
        }
        Ok(out)
    }

    pub fn office_detail(&self, id: i64) -> Result<OfficeDetail, AppError> {
        detail_in(&self.db(), id)
    }

    /// The office staff mean by `text`: its id, title or short name ("USTR").
    pub fn find_office(&self, text: &str) -> Result<Office, AppError> {
        office_by_text(&self.db(), text)
    }

    /// Who held the office named by `text` on `on` (today by the app's
    /// clock when not given), and its history.
    pub fn office_holder(
        &self,
        text: &str,
        on: Option<NaiveDate>,
    ) -> Result<OfficeHolder, AppError> {
        let on = on.unwrap_or_else(|| self.clock().today());
        let db = self.db();
        let office = office_by_text(&db, text)?;
        let holder = db
            .holder_on(office.id, on)?
            .map(|h| (h.person.full_name, h.term.acting));
        Ok(OfficeHolder {
            on,
            detail: detail_in(&db, office.id)?,
            holder,
        })
    }

    #[tracing::instrument(skip(self))]
    pub fn add_office(&self, o: &NewOffice) -> Result<i64, AppError> {
        let id = self.db().add_office(o)?;
        self.changed(&[RecordArea::Officials]);
        Ok(id)
    }

    /// Change an office's title, kind, organization or address. Letters
    /// already sent keep the address they were sent to.
    #[tracing::instrument(skip(self))]
    pub fn edit_office(&self, id: i64, o: &NewOffice) -> Result<(), AppError> {
        self.db().edit_office(id, o)?;
        self.changed(&[RecordArea::Officials]);
        Ok(())
    }

    /// Change only the given fields of the office named by `text` (the
    /// others keep their values; an empty address keeps the address).
    pub fn amend_office(&self, text: &str, change: OfficeChange) -> Result<i64, AppError> {
        let id = {
            let mut db = self.db();
            let o = office_by_text(&db, text)?;
            let edited = NewOffice {
                title: change.title.unwrap_or(o.title),
                short_name: change.short_name.or(o.short_name),
                organization: change.organization.or(o.organization),
                kind: change.kind.unwrap_or(o.kind),
                single_holder: o.single_holder,
                address: if change.address.is_empty() {
                    o.address
                } else {
                    change.address
                },
                email: change.email.or(o.email),
                contact_form: change.contact_form.or(o.contact_form),
            };
            db.edit_office(o.id, &edited)?;
            o.id
        };
        self.changed(&[RecordArea::Officials]);
        Ok(id)
    }

    /// Retire an office on `on` (refused while someone holds it after that
    /// day), or reinstate it with `None`.
    #[tracing::instrument(skip(self))]
    pub fn retire_office(&self, id: i64, on: Option<NaiveDate>) -> Result<(), AppError> {
        {
            let mut db = self.db();
            match on {
                Some(on) => db.retire_office(id, on)?,
                None => db.reinstate_office(id)?,
            }
        }
        self.changed(&[RecordArea::Officials]);
        Ok(())
    }
}

/// The fields of an office to change; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OfficeChange {
    pub title: Option<String>,
    pub short_name: Option<String>,
    pub organization: Option<String>,
    pub kind: Option<store::OfficeKind>,
    pub address: Vec<String>,
    /// An e-mail address; Some("") clears it.
    pub email: Option<String>,
    /// A web contact form; Some("") clears it.
    pub contact_form: Option<String>,
}
