//! Congressional committees and their dated memberships: synced from the
//! roster's committee files inside the roster's own import transaction, and
//! read back as a letter's date sees them.

use crate::db::{Connection, OptionalExtension, params};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::import::ImportSummary;
use crate::{Result, Store, StoreError};

/// A committee or subcommittee as the roster lists it, with its members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitteeRecord {
    pub code: String,
    pub name: String,
    pub chamber: String,
    /// The parent committee's code, for a subcommittee.
    pub parent: Option<String>,
    pub members: Vec<CommitteeSeat>,
}

/// One member's place on a committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitteeSeat {
    /// The member's roster key (bioguide id).
    pub key: String,
    pub name: String,
    pub rank: Option<i64>,
    pub title: Option<String>,
    pub side: Option<String>,
}

/// A committee in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Committee {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub chamber: String,
    pub parent_id: Option<i64>,
    /// The parent's name, for a subcommittee.
    pub parent_name: Option<String>,
    pub retired_on: Option<NaiveDate>,
}

/// A member of a committee on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommitteeMember {
    pub person_id: i64,
    pub name: String,
    pub family_name: String,
    pub rank: Option<i64>,
    pub title: Option<String>,
    pub side: Option<String>,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
}

impl CommitteeMember {
    /// The chair (by title, or the majority's first) or the ranking member.
    pub fn leads(&self) -> bool {
        match self.title.as_deref() {
            Some(t) => {
                let t = t.to_ascii_lowercase();
                (t.contains("chair") && !t.contains("vice")) || t.contains("ranking")
            }
            None => self.rank == Some(1),
        }
    }
}

const COMMITTEE_COLS: &str = "c.id, c.code, c.name, c.chamber, c.parent_id, p.name, c.retired_on";

fn committee_row(r: &crate::db::Row) -> crate::db::Result<Committee> {
    Ok(Committee {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        chamber: r.get(3)?,
        parent_id: r.get(4)?,
        parent_name: r.get(5)?,
        retired_on: r.get(6)?,
    })
}

impl Store {
    /// Every committee, parents before their subcommittees, by name.
    pub fn committees(&self) -> Result<Vec<Committee>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COMMITTEE_COLS} FROM committees c LEFT JOIN committees p ON p.id = c.parent_id
             ORDER BY coalesce(p.name, c.name), c.parent_id IS NOT NULL, c.name"
        ))?;
        let rows = stmt.query_map([], committee_row)?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// A committee by its code ("SSFI"), or by its name ignoring case
    /// ("Senate Committee on Finance", "finance" when only one matches).
    pub fn find_committee(&self, text: &str) -> Result<Committee> {
        let text = text.trim();
        let by_code = self
            .conn
            .query_row(
                &format!(
                    "SELECT {COMMITTEE_COLS} FROM committees c LEFT JOIN committees p ON p.id = c.parent_id
                     WHERE c.code = upper(CAST(?1 AS TEXT)) OR lower(c.name) = lower(CAST(?1 AS TEXT))"
                ),
                [text],
                committee_row,
            )
            .optional()?;
        if let Some(c) = by_code {
            return Ok(c);
        }
        let found = self.committees_named(text, true)?;
        match found.len() {
            1 => Ok(found.into_iter().next().expect("one")),
            0 => Err(StoreError::not_found("committee", text)),
            _ => Err(StoreError::invalid(
                "committee",
                format!(
                    "\"{text}\" names {} committees ({}); use its code or full name",
                    found.len(),
                    found
                        .iter()
                        .map(|c| c.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }

    /// Committees whose name holds every word of `text`, ignoring case, as
    /// people call them ("Senate Finance", "Ways and Means"): whole
    /// committees first, by name; only whole ones with `whole_only`.
    pub fn committees_named(&self, text: &str, whole_only: bool) -> Result<Vec<Committee>> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = format!(
            "SELECT {COMMITTEE_COLS} FROM committees c LEFT JOIN committees p ON p.id = c.parent_id WHERE 1 = 1"
        );
        if whole_only {
            sql.push_str(" AND c.parent_id IS NULL");
        }
        for i in 1..=words.len() {
            sql.push_str(&format!(
                " AND ' ' || lower(c.name) || ' ' LIKE '%' || CAST(?{i} AS TEXT) || '%'"
            ));
        }
        sql.push_str(" ORDER BY c.parent_id IS NOT NULL, c.name");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(crate::db::params_from_iter(words), committee_row)?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// Who sat on committee `id` on day `on`, chair and ranking member first,
    /// then the majority and the minority by rank.
    pub fn committee_members_on(&self, id: i64, on: NaiveDate) -> Result<Vec<CommitteeMember>> {
        let mut stmt = self.conn.prepare(
            "SELECT m.person_id, p.full_name, p.family_name, m.rank, m.title, m.side, m.start_on, m.end_on
             FROM committee_members m JOIN persons p ON p.id = m.person_id
             WHERE m.committee_id = ?1 AND m.start_on <= ?2 AND (m.end_on IS NULL OR m.end_on > ?2)
             ORDER BY m.side = 'minority', coalesce(m.rank, 999), p.family_name",
        )?;
        let rows = stmt.query_map(params![id, on], |r| {
            Ok(CommitteeMember {
                person_id: r.get(0)?,
                name: r.get(1)?,
                family_name: r.get(2)?,
                rank: r.get(3)?,
                title: r.get(4)?,
                side: r.get(5)?,
                start_on: r.get(6)?,
                end_on: r.get(7)?,
            })
        })?;
        let mut members: Vec<CommitteeMember> = rows.collect::<crate::db::Result<_>>()?;
        // The chair, then the ranking member, ahead of everyone else.
        members.sort_by_key(|m| (!m.leads(), m.side.as_deref() == Some("minority")));
        Ok(members)
    }
}

/// A member's place on a committee: rank, title and side. Dated like a
/// term: a row of `committee_members` holds one place from `start_on` until
/// `end_on` (exclusive: a letter of that day sees the next row), so a newer
/// file that changes a title ends the old one on its day and starts the new.
type Place = (Option<i64>, Option<String>, Option<String>);

/// The first day after `as_of` that a committee roster already on record
/// speaks for (a day some membership began or ended, or a committee was
/// retired), or None when a roster of `as_of` is the newest.
fn next_roster_day(tx: &Connection, as_of: NaiveDate) -> Result<Option<NaiveDate>> {
    Ok(tx.query_row(
        "SELECT min(d) FROM (
             SELECT start_on AS d FROM committee_members
             UNION SELECT end_on FROM committee_members
             UNION SELECT retired_on FROM committees) AS days
         WHERE d > ?1",
        params![as_of],
        |r| r.get(0),
    )?)
}

/// Make the record's committees those of the roster's files, as of `as_of`.
/// A file says who sat on each committee, in which place, from its day until
/// the day of the next roster on record (or from then on, when it is the
/// newest): new memberships and places start that day, the ones it no
/// longer lists end that day, and what the record holds for other days is
/// kept. Only the newest file renames, retires or revives committees.
pub(crate) fn sync_committees(
    tx: &Connection,
    committees: &[CommitteeRecord],
    as_of: NaiveDate,
    sum: &mut ImportSummary,
) -> Result<()> {
    if committees.is_empty() {
        return Ok(());
    }
    let until = next_roster_day(tx, as_of)?;
    let newest = until.is_none();
    // Parents first, so subcommittees find them.
    let mut ordered: Vec<&CommitteeRecord> = committees.iter().collect();
    ordered.sort_by_key(|c| c.parent.is_some());
    for c in &ordered {
        let parent: Option<i64> = match &c.parent {
            Some(code) => tx
                .query_row("SELECT id FROM committees WHERE code = ?1", [code], |r| {
                    r.get(0)
                })
                .optional()?,
            None => None,
        };
        let found: Option<(i64, String, Option<i64>, Option<String>)> = tx
            .query_row(
                "SELECT id, name, parent_id, retired_on FROM committees WHERE code = ?1",
                [&c.code],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let id = match found {
            Some((id, name, old_parent, retired)) => {
                if newest && (name != c.name || old_parent != parent || retired.is_some()) {
                    tx.execute(
                        "UPDATE committees SET name = ?2, parent_id = ?3, retired_on = NULL WHERE id = ?1",
                        params![id, c.name, parent],
                    )?;
                    sum.committees_changed += 1;
                }
                id
            }
            None => {
                // Unknown to the newer roster on record: gone by its day.
                let new_id = tx.insert(
                    "INSERT INTO committees (code, name, chamber, parent_id, retired_on) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![c.code, c.name, c.chamber, parent, until],
                )?;
                sum.committees_changed += 1;
                new_id
            }
        };
        sync_members(tx, id, &c.code, &c.members, as_of, until, sum)?;
    }
    // Committees the files do not list: nobody sat on them that day.
    let listed: std::collections::HashSet<&str> =
        committees.iter().map(|c| c.code.as_str()).collect();
    let mut stmt = tx.prepare("SELECT id, code, retired_on FROM committees ORDER BY id")?;
    let all: Vec<(i64, String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<crate::db::Result<_>>()?;
    for (id, code, retired) in all {
        if listed.contains(code.as_str()) {
            continue;
        }
        if newest && retired.is_none() {
            tx.execute(
                "UPDATE committees SET retired_on = ?2 WHERE id = ?1",
                params![id, as_of],
            )?;
            sum.committees_changed += 1;
        }
        sync_members(tx, id, &code, &[], as_of, until, sum)?;
    }
    Ok(())
}

/// One row of `committee_members`: id, person, start, end, and the place.
type PlaceRow = (i64, i64, NaiveDate, Option<NaiveDate>, Place);

/// Make committee `committee`'s members from `from` until `until` (None: from
/// then on) those listed in `members`, each in the place listed.
fn sync_members(
    tx: &Connection,
    committee: i64,
    code: &str,
    members: &[CommitteeSeat],
    from: NaiveDate,
    until: Option<NaiveDate>,
    sum: &mut ImportSummary,
) -> Result<()> {
    // Rows that overlap the span or touch it (end on its first day, start on
    // its last); a row that ends where it starts is one taken back.
    let mut stmt = tx.prepare(
        "SELECT id, person_id, start_on, end_on, rank, title, side FROM committee_members
         WHERE committee_id = ?1 AND (end_on IS NULL OR end_on > start_on)
           AND start_on <= coalesce(?3, '9999-12-31') AND (end_on IS NULL OR end_on >= ?2)
         ORDER BY person_id, start_on",
    )?;
    let rows: Vec<PlaceRow> = stmt
        .query_map(params![committee, from, until], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                (r.get(4)?, r.get(5)?, r.get(6)?),
            ))
        })?
        .collect::<crate::db::Result<_>>()?;
    let mut by_person: std::collections::BTreeMap<i64, Vec<PlaceRow>> = Default::default();
    for row in rows {
        by_person.entry(row.1).or_default().push(row);
    }
    let mut wanted: Vec<(i64, Place)> = Vec::new();
    for m in members {
        let person: Option<i64> = tx
            .query_row(
                "SELECT id FROM persons WHERE roster_key = ?1",
                [&m.key],
                |r| r.get(0),
            )
            .optional()?;
        let Some(person) = person else {
            sum.skipped.push(format!(
                "{} ({}) on {code}: not on the roster, so not added to the committee",
                m.name, m.key
            ));
            continue;
        };
        if wanted.iter().all(|(p, _)| *p != person) {
            wanted.push((person, (m.rank, m.title.clone(), m.side.clone())));
        }
    }
    for (person, place) in &wanted {
        let rows = by_person.remove(person).unwrap_or_default();
        if set_place(tx, committee, *person, &rows, Some(place), from, until)? {
            sum.memberships_changed += 1;
        }
    }
    // On record for the span, not listed now: the membership ends (what
    // the record holds for other days stays, for older letters).
    for (person, rows) in by_person {
        if set_place(tx, committee, person, &rows, None, from, until)? {
            sum.memberships_changed += 1;
        }
    }
    Ok(())
}

/// Make `person`'s place on `committee` from `from` until `until` be `want`
/// (None: not a member), given their rows that touch that span; rows before
/// and after it keep theirs. Returns whether anything changed.
fn set_place(
    tx: &Connection,
    committee: i64,
    person: i64,
    rows: &[PlaceRow],
    want: Option<&Place>,
    from: NaiveDate,
    until: Option<NaiveDate>,
) -> Result<bool> {
    let far = |d: Option<NaiveDate>| d.unwrap_or(NaiveDate::MAX);
    let overlapping: Vec<&PlaceRow> = rows
        .iter()
        .filter(|r| r.2 < far(until) && far(r.3) > from)
        .collect();
    match (want, overlapping.as_slice()) {
        (None, []) => return Ok(false),
        (Some(w), [r]) if r.4 == *w && r.2 <= from && far(r.3) >= far(until) => return Ok(false),
        _ => {}
    }
    let taken_back = |id: i64| {
        tx.execute(
            "UPDATE committee_members SET end_on = start_on WHERE id = ?1",
            [id],
        )
    };
    // Cut every overlapping row back to the span's edges.
    let mut reuse: Option<i64> = None;
    for &&(id, _, start, end, ref place) in &overlapping {
        let before = start < from;
        let after = far(end) > far(until);
        if before {
            tx.execute(
                "UPDATE committee_members SET end_on = ?2 WHERE id = ?1",
                params![id, from],
            )?;
            if after {
                tx.execute(
                    "INSERT INTO committee_members (committee_id, person_id, rank, title, side, start_on, end_on)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![committee, person, place.0, place.1, place.2, until, end],
                )?;
            }
        } else if after {
            tx.execute(
                "UPDATE committee_members SET start_on = ?2 WHERE id = ?1",
                params![id, until],
            )?;
        } else if reuse.is_none() && want.is_some() {
            reuse = Some(id);
        } else {
            taken_back(id)?;
        }
    }
    let Some(w) = want else {
        return Ok(true);
    };
    // The same place just before or just after the span: one row, longer.
    let prev = rows
        .iter()
        .find(|r| r.3 == Some(from) && r.2 < from && r.4 == *w);
    let next = until.and_then(|u| rows.iter().find(|r| r.2 == u && r.4 == *w));
    if let Some(p) = prev {
        if let Some(id) = reuse {
            taken_back(id)?;
        }
        tx.execute(
            "UPDATE committee_members SET end_on = ?2 WHERE id = ?1",
            params![p.0, until],
        )?;
    } else if let Some(n) = next {
        if let Some(id) = reuse {
            taken_back(id)?;
        }
        tx.execute(
            "UPDATE committee_members SET start_on = ?2 WHERE id = ?1",
            params![n.0, from],
        )?;
    } else if let Some(id) = reuse {
        tx.execute(
            "UPDATE committee_members SET start_on = ?2, end_on = ?3, rank = ?4, title = ?5, side = ?6 WHERE id = ?1",
            params![id, from, until, w.0, w.1, w.2],
        )?;
    } else {
        tx.execute(
            "INSERT INTO committee_members (committee_id, person_id, rank, title, side, start_on, end_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![committee, person, w.0, w.1, w.2, from, until],
        )?;
    }
    Ok(true)
}

impl Store {
    /// Offices whose roster seat key starts with `prefix` ("sen-CA-",
    /// "rep-CA-"), by seat.
    pub fn seats_with_prefix(&self, prefix: &str) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, seat FROM offices WHERE seat IS NOT NULL AND substr(seat, 1, length(CAST(?1 AS TEXT))) = ?1
             ORDER BY seat",
        )?;
        let rows = stmt.query_map([prefix], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// The congressional seat (office id) `person` held on `on`, if any.
    pub fn congress_seat_on(&self, person: i64, on: NaiveDate) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT o.id FROM terms t JOIN offices o ON o.id = t.office_id
                 WHERE t.person_id = ?1 AND t.start_on <= ?2 AND (t.end_on IS NULL OR t.end_on >= ?2)
                   AND (o.seat LIKE 'sen-%' OR o.seat LIKE 'rep-%')
                 ORDER BY t.start_on DESC LIMIT 1",
                params![person, on],
                |r| r.get(0),
            )
            .optional()?)
    }
}

/// A list of offices and people saved by the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedList {
    pub id: i64,
    pub name: String,
    /// Offices (resolved at a letter's date) and people, in the list's order:
    /// `(office_id, person_id)`, one of the two set.
    pub members: Vec<(Option<i64>, Option<i64>)>,
}

impl Store {
    /// Save a list under `name` (replacing the list of that name): offices
    /// and people, in order. Returns its id.
    pub fn save_list(
        &mut self,
        name: &str,
        members: &[(Option<i64>, Option<i64>)],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::invalid(
                "name",
                "a list needs a name, e.g. \"KORUS principals\"",
            ));
        }
        if members.is_empty() {
            return Err(StoreError::invalid(
                "members",
                "a list needs at least one office or person",
            ));
        }
        self.write(|tx| {
            let id: i64 = match tx
                .query_row("SELECT id FROM saved_lists WHERE lower(name) = lower(CAST(?1 AS TEXT))", [name], |r| r.get(0))
                .optional()?
            {
                Some(id) => {
                    tx.execute("DELETE FROM saved_list_members WHERE list_id = ?1", [id])?;
                    id
                }
                None => tx.insert(
                    "INSERT INTO saved_lists (name, created_at) VALUES (?1, ?2)",
                    params![name, now],
                )?,
            };
            for (i, (office, person)) in members.iter().enumerate() {
                if let Some(o) = office {
                    crate::officials::office_exists(tx, *o)?;
                }
                if let Some(p) = person {
                    crate::officials::person_exists(tx, *p)?;
                }
                tx.execute(
                    "INSERT INTO saved_list_members (list_id, ord, office_id, person_id) VALUES (?1, ?2, ?3, ?4)",
                    params![id, i as i64, office, person],
                )?;
            }
            Ok(id)
        })
    }

    /// Every saved list, by name.
    pub fn saved_lists(&self) -> Result<Vec<SavedList>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name FROM saved_lists ORDER BY name")?;
        let heads: Vec<(i64, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<crate::db::Result<_>>()?;
        heads
            .into_iter()
            .map(|(id, name)| {
                let mut m = self.conn.prepare(
                    "SELECT office_id, person_id FROM saved_list_members WHERE list_id = ?1 ORDER BY ord",
                )?;
                let members = m
                    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<crate::db::Result<_>>()?;
                Ok(SavedList { id, name, members })
            })
            .collect()
    }

    /// A saved list by name (ignoring case).
    pub fn saved_list(&self, name: &str) -> Result<SavedList> {
        self.saved_lists()?
            .into_iter()
            .find(|l| l.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| StoreError::not_found("saved list", name.trim()))
    }

    /// Delete a saved list; letters sent to it keep their recipients.
    pub fn delete_list(&mut self, name: &str) -> Result<()> {
        let list = self.saved_list(name)?;
        self.write(|tx| {
            tx.execute(
                "DELETE FROM saved_list_members WHERE list_id = ?1",
                [list.id],
            )?;
            tx.execute("DELETE FROM saved_lists WHERE id = ?1", [list.id])?;
            Ok(())
        })
    }
}
