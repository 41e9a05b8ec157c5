//! Persons, offices and the dated terms that join them.

use crate::db::{Connection, OptionalExtension, Row, params};
use chrono::NaiveDate;
use rusqlite::types::Value;

use crate::{
    Holder, NewOffice, NewPerson, NewTerm, Office, Person, Result, Store, StoreError, Term,
};

const PERSON_COLS: &str = "persons.id, persons.full_name, persons.family_name, persons.honorific,
    persons.salutation, persons.email, persons.retired_on";
const OFFICE_COLS: &str = "offices.id, offices.title, offices.short_name, organizations.name,
    offices.kind, offices.single_holder, offices.address, offices.retired_on,
    offices.email, offices.contact_form";
const TERM_COLS: &str = "terms.id, terms.person_id, terms.office_id, terms.start_on, terms.end_on, terms.acting, terms.end_listed";

fn person_row(r: &Row, at: usize) -> crate::db::Result<Person> {
    Ok(Person {
        id: r.get(at)?,
        full_name: r.get(at + 1)?,
        family_name: r.get(at + 2)?,
        honorific: r.get(at + 3)?,
        salutation: r.get(at + 4)?,
        email: r.get(at + 5)?,
        retired_on: r.get(at + 6)?,
    })
}

fn office_row(r: &Row, at: usize) -> crate::db::Result<Office> {
    let address: String = r.get(at + 6)?;
    Ok(Office {
        id: r.get(at)?,
        title: r.get(at + 1)?,
        short_name: r.get(at + 2)?,
        organization: r.get(at + 3)?,
        kind: r.get(at + 4)?,
        single_holder: r.get(at + 5)?,
        address: split_lines(&address),
        retired_on: r.get(at + 7)?,
        email: r.get(at + 8)?,
        contact_form: r.get(at + 9)?,
    })
}

fn term_row(r: &Row, at: usize) -> crate::db::Result<Term> {
    Ok(Term {
        id: r.get(at)?,
        person_id: r.get(at + 1)?,
        office_id: r.get(at + 2)?,
        start_on: r.get(at + 3)?,
        end_on: r.get(at + 4)?,
        acting: r.get(at + 5)?,
        end_listed: r.get(at + 6)?,
    })
}

/// Address lines as stored: newline-separated, blank lines dropped; `None`
/// when nothing is left (not known).
pub(crate) fn address_text(lines: &[String]) -> Option<String> {
    let text = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    (!text.is_empty()).then_some(text)
}

fn split_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn clean(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(String::from)
}

fn validate_person(p: &NewPerson) -> Result<(String, String)> {
    let full = p.full_name.trim();
    if full.is_empty() {
        return Err(StoreError::invalid(
            "full_name",
            "a person needs a name; type their full name, e.g. \"Wilbur Ross\"",
        ));
    }
    let family = match p.family_name.trim() {
        "" => full.split_whitespace().last().unwrap_or(full),
        f => f,
    };
    if let Some(e) = clean(&p.email) {
        validate_email("email", &e)?;
    }
    Ok((full.to_string(), family.to_string()))
}

/// An e-mail address as a mail server takes it: one `@`, a dotted domain,
/// no spaces (a display name belongs elsewhere).
pub(crate) fn validate_email(field: &'static str, e: &str) -> Result<()> {
    let ok = match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !e
                    .chars()
                    .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | ',' | ';'))
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid(
            field,
            format!("\"{e}\" is not an e-mail address; write it as name@example.gov"),
        ))
    }
}

/// Who `persons_matching` finds: every word of the text (from ?`first` on) in
/// the name or in the title or short name of an office the person held, so
/// "Kamala Harris" finds Kamala D. Harris and "Harris Senator" her too; or,
/// when ?1 is not empty, an office title containing it (a state's code).
fn person_match(first: usize, words: usize) -> String {
    let each = (0..words).map(|i| {
        let k = i + first;
        format!(
            "(persons.full_name LIKE '%' || ?{k} || '%'
              OR EXISTS (SELECT 1 FROM terms t JOIN offices o ON o.id = t.office_id
                         WHERE t.person_id = persons.id
                           AND (o.title LIKE '%' || ?{k} || '%' OR o.short_name LIKE '%' || ?{k} || '%')))"
        )
    });
    let all = each.collect::<Vec<_>>().join(" AND ");
    let all = if all.is_empty() {
        "1 = 1".to_string()
    } else {
        all
    };
    format!(
        "({all}) OR (?1 <> '' AND EXISTS (SELECT 1 FROM terms t JOIN offices o ON o.id = t.office_id
                                          WHERE t.person_id = persons.id AND o.title LIKE '%' || ?1 || '%'))"
    )
}

fn insert_person(
    conn: &Connection,
    p: &NewPerson,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64> {
    let (full, family) = validate_person(p)?;
    let new_id = conn.insert(
        "INSERT INTO persons (full_name, family_name, honorific, salutation, email, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![full, family, clean(&p.honorific), clean(&p.salutation), clean(&p.email), now],
    )?;
    Ok(new_id)
}

fn insert_office(conn: &Connection, o: &NewOffice) -> Result<i64> {
    Store::validate_office(o)?;
    let org = organization_id(conn, o.organization.as_deref())?;
    let new_id = conn.insert(
        "INSERT INTO offices (title, short_name, organization_id, kind, single_holder, address, email, contact_form)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            o.title.trim(),
            clean(&o.short_name),
            org,
            o.kind,
            o.single_holder,
            o.address.join("\n"),
            clean(&o.email),
            clean(&o.contact_form)
        ],
    )
    .map_err(|e| {
        unique_violation(
            e,
            "title",
            "an office with this title already exists in that organization",
        )
    })?;
    Ok(new_id)
}

fn insert_term(conn: &Connection, t: &NewTerm) -> Result<i64> {
    check_term(conn, t, None)?;
    check_not_retired(conn, t)?;
    let new_id = conn.insert(
        "INSERT INTO terms (person_id, office_id, start_on, end_on, acting, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![t.person_id, t.office_id, t.start_on, t.end_on, t.acting, address_text(&t.address)],
    )?;
    Ok(new_id)
}

/// The office a new official holds: one on record, or one to create with them.
#[derive(Debug, Clone, Copy)]
pub enum OfficeChoice<'a> {
    Existing(i64),
    New(&'a NewOffice),
}

/// The rows [`Store::add_official`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddedOfficial {
    pub person_id: i64,
    pub office_id: i64,
    pub term_id: i64,
}

impl Store {
    pub fn add_person(&mut self, p: &NewPerson, now: chrono::DateTime<chrono::Utc>) -> Result<i64> {
        insert_person(&self.conn, p, now)
    }

    /// A person, the office they hold and their term, written together or
    /// not at all: a refused term leaves no person or office behind.
    /// `term`'s person and office ids are ignored (they are the new rows').
    pub fn add_official(
        &mut self,
        p: &NewPerson,
        office: OfficeChoice<'_>,
        term: &NewTerm,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<AddedOfficial> {
        self.write(|tx| {
            let person_id = insert_person(tx, p, now)?;
            let office_id = match office {
                OfficeChoice::Existing(id) => {
                    let known: Option<i64> = tx
                        .query_row("SELECT id FROM offices WHERE id = ?1", [id], |r| r.get(0))
                        .optional()?;
                    known.ok_or_else(|| StoreError::not_found("office", id))?
                }
                OfficeChoice::New(o) => insert_office(tx, o)?,
            };
            let term_id = insert_term(
                tx,
                &NewTerm {
                    person_id,
                    office_id,
                    ..term.clone()
                },
            )?;
            Ok(AddedOfficial {
                person_id,
                office_id,
                term_id,
            })
        })
    }

    /// Change a person's details. The fields changed are remembered as
    /// edited by hand, so a later roster import leaves them alone.
    pub fn edit_person(
        &mut self,
        id: i64,
        p: &NewPerson,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let (full, family) = validate_person(p)?;
        let old = self.person(id)?;
        let new = Person {
            id,
            full_name: full,
            family_name: family,
            honorific: clean(&p.honorific),
            salutation: clean(&p.salutation),
            email: clean(&p.email),
            retired_on: old.retired_on,
        };
        // A marker that cannot be read is repaired the safe way: every
        // field counts as edited by hand, so no import overwrites one.
        let mut edited = match crate::import::edited_fields(&self.conn, id) {
            Err(StoreError::Corrupt(_)) => [
                "full_name",
                "family_name",
                "party",
                "honorific",
                "salutation",
                "email",
            ]
            .map(String::from)
            .to_vec(),
            other => other?,
        };
        for (field, changed) in [
            ("full_name", old.full_name != new.full_name),
            ("family_name", old.family_name != new.family_name),
            ("honorific", old.honorific != new.honorific),
            ("salutation", old.salutation != new.salutation),
            ("email", old.email != new.email),
        ] {
            if changed && !edited.iter().any(|e| e == field) {
                edited.push(field.to_string());
            }
        }
        self.conn.execute(
            "UPDATE persons SET full_name = ?2, family_name = ?3, honorific = ?4, salutation = ?5,
                 email = ?6, edited = ?7, updated_at = ?8 WHERE id = ?1",
            params![
                id,
                new.full_name,
                new.family_name,
                new.honorific,
                new.salutation,
                new.email,
                serde_json::to_string(&edited).unwrap_or_else(|_| "[]".into()),
                now
            ],
        )?;
        Ok(())
    }

    /// Mark a person as no longer in public life; their history stays.
    pub fn retire_person(&mut self, id: i64, on: NaiveDate) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE persons SET retired_on = ?2 WHERE id = ?1",
            params![id, on],
        )?;
        if n == 0 {
            return Err(StoreError::not_found("person", id));
        }
        Ok(())
    }

    pub fn person(&self, id: i64) -> Result<Person> {
        self.conn
            .query_row(
                &format!("SELECT {PERSON_COLS} FROM persons WHERE id = ?1"),
                [id],
                |r| person_row(r, 0),
            )
            .optional()?
            .ok_or_else(|| StoreError::not_found("person", id))
    }

    /// People whose name contains `filter` (all when empty), by family name.
    pub fn persons(&self, filter: &str, limit: usize) -> Result<Vec<Person>> {
        self.persons_matching(filter, "", 0, limit)
    }

    /// People whose name, or the title or short name of an office they held,
    /// contains `filter`, or whose office title contains `also` (when not
    /// empty: a state's code, ", CA-", for "California"), by family name.
    pub fn persons_matching(
        &self,
        filter: &str,
        also: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Person>> {
        let words: Vec<&str> = filter.split_whitespace().collect();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PERSON_COLS} FROM persons WHERE {}
             ORDER BY family_name, full_name, id LIMIT ?2 OFFSET ?3",
            person_match(4, words.len())
        ))?;
        let mut args: Vec<Value> = vec![
            Value::Text(also.to_string()),
            Value::Integer(limit as i64),
            Value::Integer(offset as i64),
        ];
        args.extend(words.iter().map(|w| Value::Text(w.to_string())));
        let rows = stmt.query_map(crate::db::params_from_iter(args), |r| person_row(r, 0))?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// How many people `persons_matching` would list without a limit.
    pub fn count_persons_matching(&self, filter: &str, also: &str) -> Result<u32> {
        let words: Vec<&str> = filter.split_whitespace().collect();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT count(*) FROM persons WHERE {}",
            person_match(2, words.len())
        ))?;
        let mut args: Vec<Value> = vec![Value::Text(also.to_string())];
        args.extend(words.iter().map(|w| Value::Text(w.to_string())));
        Ok(stmt.query_row(crate::db::params_from_iter(args), |r| r.get(0))?)
    }

    fn validate_office(o: &NewOffice) -> Result<()> {
        if o.title.trim().is_empty() {
            return Err(StoreError::invalid(
                "title",
                "an office needs a title, e.g. \"Secretary of Commerce\"",
            ));
        }
        if let Some(e) = clean(&o.email) {
            validate_email("email", &e)?;
        }
        if let Some(u) = clean(&o.contact_form)
            && !(u.starts_with("https://") || u.starts_with("http://"))
        {
            return Err(StoreError::invalid(
                "contact_form",
                "a contact form is a web address starting with https://",
            ));
        }
        Ok(())
    }

    pub fn add_office(&mut self, o: &NewOffice) -> Result<i64> {
        self.write(|tx| insert_office(tx, o))
    }

    pub fn edit_office(&mut self, id: i64, o: &NewOffice) -> Result<()> {
        Self::validate_office(o)?;
        self.write(|tx| {
            let org = organization_id(tx, o.organization.as_deref())?;
            let n = tx
                .execute(
                    "UPDATE offices SET title = ?2, short_name = ?3, organization_id = ?4, kind = ?5,
                         single_holder = ?6, address = ?7, email = ?8, contact_form = ?9 WHERE id = ?1",
                    params![id, o.title.trim(), clean(&o.short_name), org, o.kind, o.single_holder, o.address.join("\n"),
                        clean(&o.email), clean(&o.contact_form)],
                )
                .map_err(|e| unique_violation(e, "title", "an office with this title already exists in that organization"))?;
            if n == 0 {
                return Err(StoreError::not_found("office", id));
            }
            Ok(())
        })
    }

    /// Retire an office (abolished, merged, renamed into a new one) on `on`.
    /// It stays in the record and in every letter sent to it. Refused while
    /// someone's term runs past that day: end the term first.
    pub fn retire_office(&mut self, id: i64, on: NaiveDate) -> Result<()> {
        self.write(|tx| {
            if !crate::exists(tx, "offices", id)? {
                return Err(StoreError::not_found("office", id));
            }
            let holder: Option<(String, Option<NaiveDate>)> = tx
                .query_row(
                    "SELECT persons.full_name, terms.end_on FROM terms
                     JOIN persons ON persons.id = terms.person_id
                     WHERE terms.office_id = ?1 AND coalesce(terms.end_on, '9999-12-31') > ?2
                     ORDER BY terms.start_on DESC LIMIT 1",
                    params![id, on],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((name, end)) = holder {
                let until = end.map_or("with no end date".to_string(), |e| format!("until {e}"));
                return Err(StoreError::invalid(
                    "retired_on",
                    format!(
                        "{name} holds this office {until}, after {on}; end that term on or before {on} first"
                    ),
                ));
            }
            tx.execute(
                "UPDATE offices SET retired_on = ?2 WHERE id = ?1",
                params![id, on],
            )?;
            Ok(())
        })
    }

    /// Undo a retirement (the office is in use again).
    pub fn reinstate_office(&mut self, id: i64) -> Result<()> {
        let n = self
            .conn
            .execute("UPDATE offices SET retired_on = NULL WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::not_found("office", id));
        }
        Ok(())
    }

    pub fn office(&self, id: i64) -> Result<Office> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {OFFICE_COLS} FROM offices
                     LEFT JOIN organizations ON organizations.id = offices.organization_id
                     WHERE offices.id = ?1"
                ),
                [id],
                |r| office_row(r, 0),
            )
            .optional()?
            .ok_or_else(|| StoreError::not_found("office", id))
    }

    /// Offices whose title or short name contains `filter`.
    pub fn offices(&self, filter: &str) -> Result<Vec<Office>> {
        self.offices_matching(filter, "")
    }

    /// Offices whose title or short name contains `filter`, or whose title
    /// contains `also` when it is not empty (", CA-" for "California").
    pub fn offices_matching(&self, filter: &str, also: &str) -> Result<Vec<Office>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {OFFICE_COLS} FROM offices
             LEFT JOIN organizations ON organizations.id = offices.organization_id
             WHERE ?1 = '' OR offices.title LIKE '%' || ?1 || '%' OR offices.short_name LIKE '%' || ?1 || '%'
                OR (?2 <> '' AND offices.title LIKE '%' || ?2 || '%')
             ORDER BY offices.title, offices.id"
        ))?;
        let rows = stmt.query_map([filter.trim(), also], |r| office_row(r, 0))?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// The office a person means by "USTR" or "Secretary of Commerce": an
    /// exact (case-insensitive) title or short name, else a unique partial match.
    pub fn find_office(&self, name: &str) -> Result<Office> {
        let name = name.trim();
        // "U.S. Trade Representative" names the same office as "United States Trade Representative".
        for spelling in [
            name.replacen("U.S. ", "United States ", 1),
            name.replacen("United States ", "U.S. ", 1),
        ] {
            if spelling != name
                && let Ok(office) = self.find_office_exactly(&spelling)
            {
                return Ok(office);
            }
        }
        self.find_office_exactly(name)
    }

    fn find_office_exactly(&self, name: &str) -> Result<Office> {
        let exact: Vec<i64> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id FROM offices WHERE lower(title) = lower(CAST(?1 AS TEXT)) OR lower(short_name) = lower(CAST(?1 AS TEXT))",
            )?;
            stmt.query_map([name], |r| r.get(0))?
                .collect::<crate::db::Result<_>>()?
        };
        if let [id] = exact[..] {
            return self.office(id);
        }
        let found = self.offices(name)?;
        match found.len() {
            1 => Ok(found
                .into_iter()
                .next()
                .ok_or_else(|| StoreError::not_found("office", name))?),
            0 => Err(StoreError::not_found("office", format!("\"{name}\""))),
            n => Err(StoreError::invalid(
                "office",
                format!(
                    "\"{name}\" matches {n} offices ({}); use the full title",
                    found
                        .iter()
                        .take(4)
                        .map(|o| o.title.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            )),
        }
    }

    /// Add a term, refusing one that overlaps another in a one-holder office
    /// (an acting term may overlap). Terms may meet on the handover day.
    pub fn add_term(&mut self, t: &NewTerm) -> Result<i64> {
        self.write(|tx| insert_term(tx, t))
    }

    /// Change a term's dates (for example to end it), with the same checks.
    pub fn edit_term(&mut self, id: i64, t: &NewTerm) -> Result<()> {
        self.write(|tx| {
            check_term(tx, t, Some(id))?;
            check_not_retired(tx, t)?;
            // An end set by hand is the end as known: no longer a roster's "last listed".
            let n = tx.execute(
                tx.pick(
                    "UPDATE terms SET person_id = ?2, office_id = ?3, start_on = ?4, end_on = ?5, acting = ?6,
                         address = coalesce(?7, address),
                         end_listed = CASE WHEN end_on IS ?5 THEN end_listed ELSE 0 END WHERE id = ?1",
                    "UPDATE terms SET person_id = ?2, office_id = ?3, start_on = ?4, end_on = ?5, acting = ?6,
                         address = coalesce(?7, address),
                         end_listed = CASE WHEN end_on IS NOT DISTINCT FROM ?5 THEN end_listed ELSE 0 END
                     WHERE id = ?1",
                ),
                params![id, t.person_id, t.office_id, t.start_on, t.end_on, t.acting, address_text(&t.address)],
            )?;
            if n == 0 {
                return Err(StoreError::not_found("term", id));
            }
            Ok(())
        })
    }

    pub fn term(&self, id: i64) -> Result<Term> {
        self.conn
            .query_row(
                &format!("SELECT {TERM_COLS} FROM terms WHERE id = ?1"),
                [id],
                |r| term_row(r, 0),
            )
            .optional()?
            .ok_or_else(|| StoreError::not_found("term", id))
    }

    /// Every term of an office, latest first.
    pub fn terms_of_office(&self, office_id: i64) -> Result<Vec<Term>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {TERM_COLS} FROM terms WHERE office_id = ?1 ORDER BY start_on DESC, id DESC"
        ))?;
        let rows = stmt.query_map([office_id], |r| term_row(r, 0))?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    pub fn terms_of_person(&self, person_id: i64) -> Result<Vec<Term>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {TERM_COLS} FROM terms WHERE person_id = ?1 ORDER BY start_on DESC, id DESC"
        ))?;
        let rows = stmt.query_map([person_id], |r| term_row(r, 0))?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// Who held `office_id` on `date`. On a handover day the incoming holder
    /// wins; a confirmed holder wins over an acting one.
    pub fn holder_on(&self, office_id: i64, date: NaiveDate) -> Result<Option<Holder>> {
        let office = self.office(office_id)?;
        let found = self
            .conn
            .query_row(
                &format!(
                    "SELECT {TERM_COLS}, {PERSON_COLS} FROM terms
                     JOIN persons ON persons.id = terms.person_id
                     WHERE terms.office_id = ?1 AND terms.start_on <= ?2
                       AND (terms.end_on IS NULL OR terms.end_on >= ?2)
                     ORDER BY terms.acting, terms.start_on DESC, terms.id DESC LIMIT 1"
                ),
                params![office_id, date],
                |r| Ok((term_row(r, 0)?, person_row(r, 7)?)),
            )
            .optional()?;
        Ok(found.map(|(term, person)| Holder {
            term,
            person,
            office,
        }))
    }

    /// The address on record for the person of term `term_id` in its office:
    /// the term's own, else the nearest other term of theirs in the same
    /// office that has one (the latest that began before it first). `None`
    /// when no term of theirs there carries an address.
    pub fn term_address(&self, term_id: i64) -> Result<Option<Vec<String>>> {
        let found: Option<String> = self
            .conn
            .query_row(
                "SELECT o.address FROM terms t
                 JOIN terms o ON o.person_id = t.person_id AND o.office_id = t.office_id
                 WHERE t.id = ?1 AND o.address IS NOT NULL
                 ORDER BY (o.id = t.id) DESC, (o.start_on <= t.start_on) DESC, o.start_on DESC, o.id DESC
                 LIMIT 1",
                [term_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(found.map(|a| split_lines(&a)))
    }

    /// Set the address of term `term_id` (empty lines: not known).
    pub fn set_term_address(&mut self, term_id: i64, lines: &[String]) -> Result<()> {
        let text = address_text(lines);
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE terms SET address = ?2 WHERE id = ?1",
                params![term_id, text],
            )?;
            if n == 0 {
                return Err(StoreError::not_found("term", term_id));
            }
            Ok(())
        })
    }

    /// Who holds `office_id` last on record (the latest term's person): the
    /// one whose rooms the office's own address is.
    pub fn latest_holder(&self, office_id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT person_id FROM terms WHERE office_id = ?1
                 ORDER BY start_on DESC, id DESC LIMIT 1",
                [office_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The latest term of a person (the office they are best known by).
    pub fn latest_holding(&self, person_id: i64, date: NaiveDate) -> Result<Option<Holder>> {
        let person = self.person(person_id)?;
        let found = self
            .conn
            .query_row(
                &format!(
                    "SELECT {TERM_COLS} FROM terms WHERE person_id = ?1 AND start_on <= ?2
                     ORDER BY (end_on IS NULL OR end_on >= ?2) DESC, start_on DESC LIMIT 1"
                ),
                params![person_id, date],
                |r| term_row(r, 0),
            )
            .optional()?;
        match found {
            Some(term) => {
                let office = self.office(term.office_id)?;
                Ok(Some(Holder {
                    term,
                    person,
                    office,
                }))
            }
            None => Ok(None),
        }
    }
}

/// The id of the organization named `name`, added if new (None for no name).
pub(crate) fn organization_id(conn: &Connection, name: Option<&str>) -> Result<Option<i64>> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    conn.execute(
        "INSERT INTO organizations (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
        [name],
    )?;
    Ok(Some(conn.query_row(
        "SELECT id FROM organizations WHERE name = ?1",
        [name],
        |r| r.get(0),
    )?))
}

pub(crate) fn check_term(conn: &Connection, t: &NewTerm, except: Option<i64>) -> Result<()> {
    if let Some(end) = t.end_on
        && end < t.start_on
    {
        return Err(StoreError::invalid(
            "end_on",
            format!(
                "the term ends ({end}) before it starts ({}); check the dates",
                t.start_on
            ),
        ));
    }
    let exists = |table: &str, id: i64| crate::exists(conn, table, id);
    if !exists("persons", t.person_id)? {
        return Err(StoreError::not_found("person", t.person_id));
    }
    let single: Option<bool> = conn
        .query_row(
            "SELECT single_holder FROM offices WHERE id = ?1",
            [t.office_id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(single) = single else {
        return Err(StoreError::not_found("office", t.office_id));
    };
    if !single || t.acting {
        return Ok(());
    }
    // Overlap means sharing more than a handover day.
    let clash: Option<(String, NaiveDate, Option<NaiveDate>)> = conn
        .query_row(
            "SELECT persons.full_name, terms.start_on, terms.end_on FROM terms
             JOIN persons ON persons.id = terms.person_id
             WHERE terms.office_id = ?1 AND terms.acting = 0 AND terms.id IS DISTINCT FROM ?4
               AND terms.start_on < coalesce(?3, '9999-12-31')
               AND coalesce(terms.end_on, '9999-12-31') > ?2
             LIMIT 1",
            params![t.office_id, t.start_on, t.end_on, except],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((name, start, end)) = clash {
        let end = end.map_or("open-ended".to_string(), |e| format!("to {e}"));
        return Err(StoreError::invalid(
            "start_on",
            format!(
                "this term overlaps {name}'s term (from {start} {end}) in an office with one holder; \
                 end that term first, or mark this one as acting"
            ),
        ));
    }
    Ok(())
}

/// A term entered by hand may not run past its office's retirement.
fn check_not_retired(conn: &Connection, t: &NewTerm) -> Result<()> {
    let retired: Option<NaiveDate> = conn.query_row(
        "SELECT retired_on FROM offices WHERE id = ?1",
        [t.office_id],
        |r| r.get(0),
    )?;
    let Some(retired) = retired else {
        return Ok(());
    };
    if t.start_on >= retired {
        return Err(StoreError::invalid(
            "start_on",
            format!("the office was retired on {retired}; nobody can take it up after that"),
        ));
    }
    if t.end_on.is_none_or(|end| end > retired) {
        return Err(StoreError::invalid(
            "end_on",
            format!("the office was retired on {retired}; the term must end by then"),
        ));
    }
    Ok(())
}

pub(crate) fn unique_violation(
    e: crate::db::Error,
    field: &'static str,
    message: &str,
) -> StoreError {
    match &e {
        crate::db::Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            StoreError::invalid(field, message)
        }
        _ if e.sqlstate() == Some("23505") => StoreError::invalid(field, message),
        _ => e.into(),
    }
}

/// Refuse an office id the record does not have.
pub(crate) fn office_exists(conn: &Connection, id: i64) -> Result<()> {
    let found: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM offices WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if found {
        Ok(())
    } else {
        Err(StoreError::not_found("office", id))
    }
}

/// Refuse a person id the record does not have.
pub(crate) fn person_exists(conn: &Connection, id: i64) -> Result<()> {
    let found: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM persons WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if found {
        Ok(())
    } else {
        Err(StoreError::not_found("person", id))
    }
}
