//! Importing a roster of officials (Congress, or the curated executive and
//! foreign posts) so that
//! repeating it changes nothing, a newer roster updates what changed, adds
//! the new and closes what ended — without deleting history, and without
//! overwriting a field staff edited by hand.

use crate::db::{Connection, OptionalExtension, params};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{NewTerm, OfficeKind, Result, Store, StoreError};

/// A seat: one office a roster names ("U.S. Senator for California, class 1").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seat {
    /// Stable key: "sen-CA-1", "rep-CA-12", "rep-AK-0".
    pub key: String,
    pub title: String,
    pub kind: OfficeKind,
    pub organization: String,
    #[serde(default)]
    pub short_name: Option<String>,
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
    /// The office's web contact form, when the roster has one.
    #[serde(default)]
    pub contact_form: Option<String>,
    /// `end` is the day the roster stopped listing the member (an upper
    /// bound on when they left), not the term's scheduled end.
    #[serde(default)]
    pub end_listed: bool,
}

/// An office a member keeps outside the Capitol (a district office).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LocalOffice {
    /// Stable key from the roster ("A000055-cullman").
    pub key: String,
    pub city: String,
    pub address: Vec<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Stable across versions of the roster: the Biographical Directory id
    /// for Congress ("A000055"), "post:…" for the posts dataset.
    pub key: String,
    pub full_name: String,
    pub family_name: String,
    pub party: Option<String>,
    /// Forms of address the roster prescribes ("The Honourable"); `None`
    /// leaves the person's own setting alone.
    #[serde(default)]
    pub honorific: Option<String>,
    #[serde(default)]
    pub salutation: Option<String>,
    /// Oldest first.
    pub terms: Vec<SeatTerm>,
    /// District offices; `None` when the roster does not say.
    #[serde(default)]
    pub local_offices: Option<Vec<LocalOffice>>,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    /// Terms closed because their holder is no longer on the roster.
    pub ended: usize,
    pub offices_added: usize,
    pub offices_updated: usize,
    pub terms_added: usize,
    pub terms_updated: usize,
    /// District offices added, changed or removed.
    #[serde(default)]
    pub local_offices_changed: usize,
    /// Committees added, renamed or retired.
    #[serde(default)]
    pub committees_changed: usize,
    /// Committee memberships begun, changed or ended.
    #[serde(default)]
    pub memberships_changed: usize,
    /// What was left alone, and why.
    pub skipped: Vec<String>,
    /// Who comes: people new to the record, by name.
    #[serde(default)]
    pub arrivals: Vec<String>,
    /// Who leaves: "Laphonza R. Butler, U.S. Senator for California".
    #[serde(default)]
    pub departures: Vec<String>,
    /// Who changes, and what: "Mike Crapo: party, salutation".
    #[serde(default)]
    pub changes: Vec<String>,
    /// The import changes nothing in the record ([`ImportSummary::changed_nothing`],
    /// as the import found it; what it left alone may still be listed in `skipped`).
    #[serde(default)]
    pub changes_nothing: bool,
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
            && self.local_offices_changed == 0
            && self.committees_changed == 0
            && self.memberships_changed == 0
    }
}

/// The fields staff edited by hand on `person` (`persons.edited`, a JSON
/// list of field names). A marker that cannot be read is a damaged record,
/// never "nothing edited": that would let an import overwrite the edits.
pub(crate) fn edited_fields(conn: &Connection, person: i64) -> Result<Vec<String>> {
    let (name, text): (String, String) = conn.query_row(
        "SELECT full_name, edited FROM persons WHERE id = ?1",
        [person],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    serde_json::from_str(&text).map_err(|e| {
        StoreError::Corrupt(format!(
            "the record of which fields of {name} (person {person}) were edited by hand cannot be read \
             (found {text:?}: {e}); nothing was changed. Edit {name} in Amicus (any change, saved) to repair it: \
             every field is then kept as edited by hand"
        ))
    })
}

impl Store {
    /// A person's district offices, by city.
    pub fn local_offices(&self, person: i64) -> Result<Vec<LocalOffice>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, city, address, phone, fax FROM local_offices WHERE person_id = ?1 ORDER BY city, key",
        )?;
        let rows = stmt.query_map([person], |r| {
            let address: String = r.get(2)?;
            Ok(LocalOffice {
                key: r.get(0)?,
                city: r.get(1)?,
                address: address.lines().map(str::to_string).collect(),
                phone: r.get(3)?,
                fax: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// Bring the record in line with `members` (a whole roster of one kind,
    /// e.g. the current Congress) as of `as_of`, in one transaction. Open
    /// terms in seats whose key starts with one of `scope` end on `as_of`
    /// when their holder is no longer on the roster. With `dry_run` the
    /// transaction is rolled back: the summary says what would change and
    /// nothing does.
    pub fn import_roster(
        &mut self,
        members: &[Member],
        scope: &[&str],
        as_of: NaiveDate,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        self.import_roster_with_committees(members, &[], scope, as_of, now, dry_run)
    }

    /// [`Store::import_roster`], and the roster's committees with their
    /// members, all in one transaction.
    pub fn import_roster_with_committees(
        &mut self,
        members: &[Member],
        committees: &[crate::committees::CommitteeRecord],
        scope: &[&str],
        as_of: NaiveDate,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        let tx = self.conn.begin_write()?;
        let mut sum = ImportSummary::default();
        let mut created = std::collections::HashSet::new();
        for m in members {
            import_member(&tx, m, now, &mut sum, &mut created)?;
        }
        // Holders from this roster's source who are no longer on it.
        let on_roster: std::collections::HashSet<&str> =
            members.iter().map(|m| m.key.as_str()).collect();
        let mut open: Vec<(i64, String, String, String)> = Vec::new();
        for prefix in scope {
            let mut stmt = tx.prepare(
                "SELECT terms.id, persons.roster_key, persons.full_name, offices.title FROM terms
                 JOIN persons ON persons.id = terms.person_id
                 JOIN offices ON offices.id = terms.office_id
                 WHERE persons.roster_key IS NOT NULL AND substr(offices.seat, 1, length(CAST(?1 AS TEXT))) = ?1
                   AND (terms.end_on IS NULL OR terms.end_on > ?2) AND terms.start_on <= ?2",
            )?;
            let rows = stmt.query_map(params![prefix, as_of], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get::<String>(2)?,
                    r.get::<String>(3)?,
                ))
            })?;
            for row in rows {
                open.push(row?);
            }
        }
        for (term, key, name, title) in open {
            if !on_roster.contains(key.as_str()) {
                // Not on this roster of `as_of`: last listed before then.
                tx.execute(
                    "UPDATE terms SET end_on = ?2, end_listed = 1 WHERE id = ?1",
                    params![term, as_of],
                )?;
                sum.ended += 1;
                sum.departures.push(format!("{name}, {title}"));
            }
        }
        crate::committees::sync_committees(&tx, committees, as_of, &mut sum)?;
        sum.changes_nothing = sum.changed_nothing();
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(sum)
    }
}

// Over 120 lines: one member's import is one sequence on the roster's
// transaction (find or adopt the person, update the fields staff did not
// edit, then each seat term: give way, correct or add) sharing the person
// row and the summary's counts throughout; each step is commented in place.
fn import_member(
    tx: &Connection,
    m: &Member,
    now: DateTime<Utc>,
    sum: &mut ImportSummary,
    created: &mut std::collections::HashSet<i64>,
) -> Result<()> {
    type Row = (
        i64,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let select = "SELECT id, full_name, family_name, party, honorific, salutation FROM persons";
    let read = |r: &crate::db::Row| -> crate::db::Result<Row> {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    };
    let mut found: Option<Row> = tx
        .query_row(&format!("{select} WHERE roster_key = ?1"), [&m.key], read)
        .optional()?;
    if found.is_none() {
        // Someone entered by hand (or by an older sample record) who holds
        // one of this member's offices under the same name: adopt them
        // rather than make a duplicate.
        for t in &m.terms {
            found = tx
                .query_row(
                    &format!(
                        "{select} WHERE roster_key IS NULL AND full_name = ?1 AND id IN (
                           SELECT terms.person_id FROM terms JOIN offices ON offices.id = terms.office_id
                           WHERE offices.title = ?2)"
                    ),
                    params![m.full_name, t.seat.title],
                    read,
                )
                .optional()?;
            if let Some(row) = &found {
                tx.execute(
                    "UPDATE persons SET roster_key = ?2 WHERE id = ?1",
                    params![row.0, m.key],
                )?;
                break;
            }
        }
    }
    let person = match found {
        None => {
            let new_id = tx.insert(
                "INSERT INTO persons (full_name, family_name, roster_key, party, honorific, salutation, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![m.full_name, m.family_name, m.key, m.party, m.honorific, m.salutation, now],
            )?;
            sum.added += 1;
            sum.arrivals.push(m.full_name.clone());
            new_id
        }
        Some((id, full, family, party, honorific, salutation)) => {
            let edited = edited_fields(tx, id)?;
            let mut changed: Vec<&str> = Vec::new();
            for (field, old, new) in [
                ("full_name", Some(full), Some(m.full_name.clone())),
                ("family_name", Some(family), Some(m.family_name.clone())),
                ("party", party, m.party.clone()),
                (
                    "honorific",
                    honorific.clone(),
                    m.honorific.clone().or(honorific),
                ),
                (
                    "salutation",
                    salutation.clone(),
                    m.salutation.clone().or(salutation),
                ),
            ] {
                if old == new {
                    continue;
                }
                if edited.iter().any(|e| e == field) {
                    sum.skipped.push(format!(
                        "{}: the {} was edited by hand; kept \"{}\" rather than \"{}\"",
                        m.full_name,
                        field_words(field),
                        old.unwrap_or_default(),
                        new.unwrap_or_default()
                    ));
                    continue;
                }
                // `field` is one of the literals above.
                tx.execute(
                    &format!("UPDATE persons SET {field} = ?2, updated_at = ?3 WHERE id = ?1"),
                    params![id, new, now],
                )?;
                changed.push(field);
            }
            if !changed.is_empty() {
                sum.updated += 1;
                let said: Vec<&str> = changed.iter().map(|f| field_words(f)).collect();
                sum.changes
                    .push(format!("{}: {}", m.full_name, said.join(", ")));
            }
            id
        }
    };
    if let Some(offices) = &m.local_offices {
        sum.local_offices_changed += sync_local_offices(tx, person, offices)?;
    }
    let latest = m.terms.len().saturating_sub(1);
    for (k, t) in m.terms.iter().enumerate() {
        let office = seat_office(tx, t, k == latest, sum, created)?;
        // The roster is the authority for its seats: whoever else is on
        // record in this seat for the roster's dates gives way.
        sum.terms_updated +=
            give_way(tx, office, person, t, &mut sum.skipped, &mut sum.departures)?;
        sync_term(tx, person, office, &m.full_name, t, sum)?;
    }
    Ok(())
}

/// A term of the member's already on record in the seat.
struct KnownTerm {
    id: i64,
    start: NaiveDate,
    end: Option<NaiveDate>,
    party: Option<String>,
    address: Option<String>,
    end_listed: bool,
}

/// Record `person`'s roster term `t` in seat `office`: the same term,
/// perhaps with dates the roster has since corrected (this person's term in
/// this seat that starts the same day or shares more than a handover day
/// with the roster's), is updated; otherwise a new one is added, or skipped
/// with the reason when it cannot be. The term keeps its rooms: a roster
/// without them keeps the known ones.
fn sync_term(
    tx: &Connection,
    person: i64,
    office: i64,
    name: &str,
    t: &SeatTerm,
    sum: &mut ImportSummary,
) -> Result<()> {
    let existing = tx
        .query_row(
            tx.pick(
                "SELECT id, start_on, end_on, party, address, end_listed FROM terms
                 WHERE person_id = ?1 AND office_id = ?2 AND acting = 0
                   AND (start_on = ?3 OR (start_on < coalesce(?4, '9999-12-31')
                                          AND coalesce(end_on, '9999-12-31') > ?3))
                 ORDER BY abs(julianday(start_on) - julianday(?3)) LIMIT 1",
                "SELECT id, start_on, end_on, party, address, end_listed FROM terms
                 WHERE person_id = ?1 AND office_id = ?2 AND acting = 0
                   AND (start_on = ?3 OR (start_on < coalesce(?4, '9999-12-31')
                                          AND coalesce(end_on, '9999-12-31') > ?3))
                 ORDER BY abs(CAST(start_on AS date) - CAST(?3 AS date)) LIMIT 1",
            ),
            params![person, office, t.start, t.end],
            |r| {
                Ok(KnownTerm {
                    id: r.get(0)?,
                    start: r.get(1)?,
                    end: r.get(2)?,
                    party: r.get(3)?,
                    address: r.get(4)?,
                    end_listed: r.get(5)?,
                })
            },
        )
        .optional()?;
    let address = crate::officials::address_text(&t.address);
    match existing {
        Some(old) => {
            let address = address.or(old.address.clone());
            if old.start != t.start
                || old.end != t.end
                || old.party != t.party
                || address != old.address
                || old.end_listed != t.end_listed
            {
                tx.execute(
                    "UPDATE terms SET start_on = ?2, end_on = ?3, party = ?4, address = ?5, end_listed = ?6
                     WHERE id = ?1",
                    params![old.id, t.start, t.end, t.party, address, t.end_listed],
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
                address: Vec::new(),
            };
            if let Err(e) = crate::officials::check_term(tx, &new, None) {
                sum.skipped
                    .push(format!("{name}, {} from {}: {e}", t.seat.title, t.start));
                return Ok(());
            }
            tx.execute(
                "INSERT INTO terms (person_id, office_id, start_on, end_on, party, address, end_listed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![person, office, t.start, t.end, t.party, address, t.end_listed],
            )?;
            sum.terms_added += 1;
        }
    }
    Ok(())
}

/// Make room in a one-holder seat for `person`'s roster term `t`: another
/// holder's term that began earlier ends on the handover day; one that runs
/// past the roster term's end now begins on it; one wholly inside it is
/// removed (the roster says someone else held the seat then) unless letters
/// were addressed through it, which is kept and reported. Returns how many
/// terms changed.
fn give_way(
    tx: &Connection,
    office: i64,
    person: i64,
    t: &SeatTerm,
    skipped: &mut Vec<String>,
    departures: &mut Vec<String>,
) -> Result<usize> {
    let single: bool = tx.query_row(
        "SELECT single_holder FROM offices WHERE id = ?1",
        [office],
        |r| r.get(0),
    )?;
    if !single {
        return Ok(0);
    }
    type Other = (i64, String, NaiveDate, Option<NaiveDate>, bool);
    let others: Vec<Other> = tx
        .prepare(
            "SELECT terms.id, persons.full_name, terms.start_on, terms.end_on,
                    EXISTS (SELECT 1 FROM letter_recipients r WHERE r.term_id = terms.id)
             FROM terms JOIN persons ON persons.id = terms.person_id
             WHERE terms.office_id = ?1 AND terms.person_id <> ?2 AND terms.acting = 0
               AND terms.start_on < coalesce(?4, '9999-12-31')
               AND coalesce(terms.end_on, '9999-12-31') > ?3",
        )?
        .query_map(params![office, person, t.start, t.end], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<crate::db::Result<_>>()?;
    let mut changed = 0;
    for (id, name, start, end, addressed) in others {
        if start < t.start {
            // Ended by the successor's start: a known end.
            tx.execute(
                "UPDATE terms SET end_on = ?2, end_listed = 0 WHERE id = ?1",
                params![id, t.start],
            )?;
            departures.push(format!("{name}, {}, until {}", t.seat.title, t.start));
        } else if let Some(roster_end) = t.end.filter(|e| end.is_none_or(|end| end > *e)) {
            tx.execute(
                "UPDATE terms SET start_on = ?2 WHERE id = ?1",
                params![id, roster_end],
            )?;
        } else if addressed {
            skipped.push(format!(
                "{name}'s term in {} from {start} was kept: letters were addressed through it, \
                 but the roster says another member held the seat then; check it by hand",
                t.seat.title
            ));
            continue;
        } else {
            tx.execute("DELETE FROM terms WHERE id = ?1", [id])?;
        }
        changed += 1;
    }
    Ok(changed)
}

/// The office for a seat, created on first sight; the member's latest term
/// brings its current address and phone, unless someone else's term in the
/// seat began later (the office's address is its latest holder's rooms).
fn seat_office(
    tx: &Connection,
    t: &SeatTerm,
    latest: bool,
    sum: &mut ImportSummary,
    created: &mut std::collections::HashSet<i64>,
) -> Result<i64> {
    let address = t.address.join("\n");
    let mut found: Option<(i64, String, Option<String>, Option<String>)> = tx
        .query_row(
            "SELECT id, address, phone, contact_form FROM offices WHERE seat = ?1",
            [&t.seat.key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    if found.is_none() {
        // The same office entered by hand: give it the roster's key.
        found = tx
            .query_row(
                "SELECT offices.id, offices.address, offices.phone, offices.contact_form FROM offices
                 LEFT JOIN organizations ON organizations.id = offices.organization_id
                 WHERE offices.seat IS NULL AND offices.title = ?1
                   AND (organizations.name = ?2 OR offices.short_name = ?3)",
                params![t.seat.title, t.seat.organization, t.seat.short_name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        if let Some((id, ..)) = &found {
            tx.execute(
                "UPDATE offices SET seat = ?2 WHERE id = ?1",
                params![id, t.seat.key],
            )?;
        }
    }
    match found {
        Some((id, old_address, old_phone, old_form)) => {
            // A roster without a form keeps the one entered by hand.
            let form = t.contact_form.clone().or(old_form.clone());
            // The seat's address is its latest holder's rooms: a departed
            // member's keep to their terms.
            let later: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM terms WHERE office_id = ?1 AND start_on > ?2)",
                params![id, t.start],
                |r| r.get(0),
            )?;
            if latest
                && !later
                && !t.address.is_empty()
                && (old_address != address || old_phone != t.phone || old_form != form)
            {
                tx.execute(
                    "UPDATE offices SET address = ?2, phone = ?3, contact_form = ?4 WHERE id = ?1",
                    params![id, address, t.phone, form],
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
            let new_id = tx.insert(
                "INSERT INTO offices (title, organization_id, kind, single_holder, address, seat, phone, short_name, contact_form)
                 VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8)",
                params![
                    t.seat.title,
                    org,
                    t.seat.kind,
                    if latest { address } else { String::new() },
                    t.seat.key,
                    if latest { t.phone.clone() } else { None },
                    t.seat.short_name,
                    if latest { t.contact_form.clone() } else { None }
                ],
            )?;
            sum.offices_added += 1;
            let id = new_id;
            created.insert(id);
            Ok(id)
        }
    }
}

/// Make a member's district offices those of the roster; returns how many
/// rows were added, changed or removed.
fn sync_local_offices(tx: &Connection, person: i64, offices: &[LocalOffice]) -> Result<usize> {
    let mut changed = 0;
    let mut keep = std::collections::HashSet::new();
    for o in offices {
        keep.insert(o.key.as_str());
        let address = o.address.join("\n");
        let n = tx.execute(
            "INSERT INTO local_offices (person_id, key, city, address, phone, fax)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (key) DO UPDATE SET person_id = ?1, city = ?3, address = ?4, phone = ?5, fax = ?6
             WHERE (local_offices.person_id, local_offices.city, local_offices.address, local_offices.phone, local_offices.fax) IS DISTINCT FROM (?1, ?3, ?4, ?5, ?6)",
            params![person, o.key, o.city, address, o.phone, o.fax],
        )?;
        changed += n;
    }
    let existing: Vec<(i64, String)> = {
        let mut stmt = tx.prepare("SELECT id, key FROM local_offices WHERE person_id = ?1")?;
        stmt.query_map([person], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<crate::db::Result<_>>()?
    };
    for (id, key) in existing {
        if !keep.contains(key.as_str()) {
            tx.execute("DELETE FROM local_offices WHERE id = ?1", [id])?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// A person's field as staff would name it ("full_name" → "name").
fn field_words(field: &str) -> &str {
    match field {
        "full_name" => "name",
        "family_name" => "family name",
        other => other,
    }
}
