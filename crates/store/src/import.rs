//! Importing a roster of officials (Congress, from public data) so that
//! repeating it changes nothing, a newer roster updates what changed, adds
//! the new and closes what ended — without deleting history, and without
//! overwriting a field staff edited by hand.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{NewTerm, OfficeKind, Result, Store};

/// A seat: one office a roster names ("U.S. Senator for California, class 1").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seat {
    /// Stable key: "sen-CA-1", "rep-CA-12", "rep-AK-0".
    pub key: String,
    pub title: String,
    pub kind: OfficeKind,
    pub organization: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeatTerm {
    pub seat: Seat,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub party: Option<String>,
    /// Mailing address lines and phone, when the roster has them.
    pub address: Vec<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// The Biographical Directory id, stable across rosters.
    pub bioguide: String,
    pub full_name: String,
    pub family_name: String,
    pub party: Option<String>,
    /// Oldest first.
    pub terms: Vec<SeatTerm>,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    /// Terms closed because their holder is no longer on the roster.
    pub ended: usize,
    pub offices_added: usize,
    pub offices_updated: usize,
    pub terms_added: usize,
    pub terms_updated: usize,
    /// What was left alone, and why.
    pub skipped: Vec<String>,
}

impl ImportSummary {
    pub fn changed_nothing(&self) -> bool {
        self.added == 0
            && self.updated == 0
            && self.ended == 0
            && self.offices_added == 0
            && self.offices_updated == 0
            && self.terms_added == 0
            && self.terms_updated == 0
    }
}

fn edited_fields(conn: &Connection, person: i64) -> Result<Vec<String>> {
    let text: String =
        conn.query_row("SELECT edited FROM persons WHERE id = ?1", [person], |r| {
            r.get(0)
        })?;
    Ok(serde_json::from_str(&text).unwrap_or_default())
}

impl Store {
    /// Bring the record in line with `members` (a whole roster of one kind,
    /// e.g. the current Congress) as of `as_of`, in one transaction. With
    /// `dry_run` the transaction is rolled back: the summary says what would
    /// change and nothing does.
    pub fn import_roster(
        &mut self,
        members: &[Member],
        source: &str,
        as_of: NaiveDate,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        let tx = self.conn.transaction()?;
        let mut sum = ImportSummary::default();
        let mut created = std::collections::HashSet::new();
        for m in members {
            import_member(&tx, m, now, &mut sum, &mut created)?;
        }
        // Holders from this roster's source who are no longer on it.
        let on_roster: std::collections::HashSet<&str> =
            members.iter().map(|m| m.bioguide.as_str()).collect();
        let open: Vec<(i64, String)> = {
            let mut stmt = tx.prepare(
                "SELECT terms.id, persons.bioguide FROM terms
                 JOIN persons ON persons.id = terms.person_id
                 JOIN offices ON offices.id = terms.office_id
                 WHERE persons.bioguide IS NOT NULL AND offices.seat LIKE ?1 || '%'
                   AND (terms.end_on IS NULL OR terms.end_on > ?2) AND terms.start_on <= ?2",
            )?;
            stmt.query_map(params![source, as_of], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        for (term, bioguide) in open {
            if !on_roster.contains(bioguide.as_str()) {
                tx.execute(
                    "UPDATE terms SET end_on = ?2 WHERE id = ?1",
                    params![term, as_of],
                )?;
                sum.ended += 1;
            }
        }
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(sum)
    }
}

fn import_member(
    tx: &Connection,
    m: &Member,
    now: DateTime<Utc>,
    sum: &mut ImportSummary,
    created: &mut std::collections::HashSet<i64>,
) -> Result<()> {
    let found: Option<(i64, String, String, Option<String>)> = tx
        .query_row(
            "SELECT id, full_name, family_name, party FROM persons WHERE bioguide = ?1",
            [&m.bioguide],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let person = match found {
        None => {
            tx.execute(
                "INSERT INTO persons (full_name, family_name, bioguide, party, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![m.full_name, m.family_name, m.bioguide, m.party, now],
            )?;
            sum.added += 1;
            tx.last_insert_rowid()
        }
        Some((id, full, family, party)) => {
            let edited = edited_fields(tx, id)?;
            let mut changed = false;
            for (field, old, new) in [
                ("full_name", Some(full), Some(m.full_name.clone())),
                ("family_name", Some(family), Some(m.family_name.clone())),
                ("party", party, m.party.clone()),
            ] {
                if old == new {
                    continue;
                }
                if edited.iter().any(|e| e == field) {
                    sum.skipped.push(format!(
                        "{}: {field} was edited by hand; kept \"{}\" rather than \"{}\"",
                        m.full_name,
                        old.unwrap_or_default(),
                        new.unwrap_or_default()
                    ));
                    continue;
                }
                // `field` is one of three literals above.
                tx.execute(
                    &format!("UPDATE persons SET {field} = ?2, updated_at = ?3 WHERE id = ?1"),
                    params![id, new, now],
                )?;
                changed = true;
            }
            if changed {
                sum.updated += 1;
            }
            id
        }
    };
    let latest = m.terms.len().saturating_sub(1);
    for (k, t) in m.terms.iter().enumerate() {
        let office = seat_office(tx, t, k == latest, sum, created)?;
        let existing: Option<(i64, Option<NaiveDate>, Option<String>)> = tx
            .query_row(
                "SELECT id, end_on, party FROM terms WHERE person_id = ?1 AND office_id = ?2 AND start_on = ?3",
                params![person, office, t.start],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        match existing {
            Some((id, end, party)) => {
                if end != t.end || party != t.party {
                    tx.execute(
                        "UPDATE terms SET end_on = ?2, party = ?3 WHERE id = ?1",
                        params![id, t.end, t.party],
                    )?;
                    sum.terms_updated += 1;
                }
            }
            None => {
                let new = NewTerm {
                    person_id: person,
                    office_id: office,
                    start_on: t.start,
                    end_on: t.end,
                    acting: false,
                };
                if let Err(e) = crate::officials::check_term(tx, &new, None) {
                    sum.skipped.push(format!(
                        "{}, {} from {}: {e}",
                        m.full_name, t.seat.title, t.start
                    ));
                    continue;
                }
                tx.execute(
                    "INSERT INTO terms (person_id, office_id, start_on, end_on, party) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![person, office, t.start, t.end, t.party],
                )?;
                sum.terms_added += 1;
            }
        }
    }
    Ok(())
}

/// The office for a seat, created on first sight; the member's latest term
/// brings its current address and phone.
fn seat_office(
    tx: &Connection,
    t: &SeatTerm,
    latest: bool,
    sum: &mut ImportSummary,
    created: &mut std::collections::HashSet<i64>,
) -> Result<i64> {
    let address = t.address.join("\n");
    let found: Option<(i64, String, Option<String>)> = tx
        .query_row(
            "SELECT id, address, phone FROM offices WHERE seat = ?1",
            [&t.seat.key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match found {
        Some((id, old_address, old_phone)) => {
            if latest && !t.address.is_empty() && (old_address != address || old_phone != t.phone) {
                tx.execute(
                    "UPDATE offices SET address = ?2, phone = ?3 WHERE id = ?1",
                    params![id, address, t.phone],
                )?;
                // An office made earlier in this import is not "updated".
                if !created.contains(&id) {
                    sum.offices_updated += 1;
                }
            }
            Ok(id)
        }
        None => {
            let org = crate::officials::organization_id(tx, Some(&t.seat.organization))?;
            tx.execute(
                "INSERT INTO offices (title, organization_id, kind, single_holder, address, seat, phone)
                 VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)",
                params![
                    t.seat.title,
                    org,
                    t.seat.kind,
                    if latest { address } else { String::new() },
                    t.seat.key,
                    if latest { t.phone.clone() } else { None }
                ],
            )?;
            sum.offices_added += 1;
            let id = tx.last_insert_rowid();
            created.insert(id);
            Ok(id)
        }
    }
}
