//! Officials as CSV: one row per term (or per person without one).
//!
//! Columns (header names are matched ignoring case, spaces and
//! underscores; order is free; unknown columns are an error):
//!
//! | column | required | meaning |
//! | --- | --- | --- |
//! | full_name | yes | "Wilbur Ross" |
//! | family_name | | for salutations; the last word of the name when empty |
//! | honorific, salutation | | overrides of the office's rule of address |
//! | email | | |
//! | office | with start | the office's title; an existing one is matched ignoring case |
//! | office_kind | for a new office | cabinet_secretary, trade_representative, senator, representative, governor, foreign_minister, agency_head, other |
//! | organization | | the office's department or body |
//! | address | | the mailing address for this row's term (and a new office's), lines separated by `|` |
//! | office_email | | where the office takes letters by e-mail |
//! | contact_form | | the office's web contact form (https://…) |
//! | start, end | start with office | ISO dates (YYYY-MM-DD) |
//! | acting | | yes / no |
//! | party | | |
//!
//! UTF-8 with or without a byte-order mark; RFC 4180 quoting. An import is
//! all or nothing: every bad row is reported with its line and reason, and
//! then nothing is written.

use std::collections::HashMap;

use crate::db::{OptionalExtension, params};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{NewTerm, OfficeKind, Result, RowProblem, Store, StoreError};

const COLUMNS: [&str; 15] = [
    "full_name",
    "family_name",
    "honorific",
    "salutation",
    "email",
    "office",
    "office_kind",
    "organization",
    "address",
    "start",
    "end",
    "acting",
    "party",
    "office_email",
    "contact_form",
];

fn normalize(header: &str) -> String {
    header.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CsvSummary {
    pub persons_added: usize,
    pub offices_added: usize,
    pub terms_added: usize,
    /// The file adds nothing the record does not have.
    pub changes_nothing: bool,
}

struct Row {
    line: u64,
    cells: HashMap<&'static str, String>,
}

impl Row {
    /// The `address` column as stored: lines split at `|`, blank ones dropped.
    fn address(&self) -> Option<String> {
        let lines: Vec<String> = self
            .get("address")?
            .split('|')
            .map(str::to_string)
            .collect();
        crate::officials::address_text(&lines)
    }

    fn get(&self, column: &str) -> Option<&str> {
        self.cells
            .get(column)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }
}

fn date(row: &Row, column: &str, problems: &mut Vec<RowProblem>) -> Option<NaiveDate> {
    let text = row.get(column)?;
    match dates::parse(text) {
        Ok(d) => Some(d),
        Err(e) => {
            problems.push(RowProblem {
                line: row.line,
                message: format!("{column} {e}"),
            });
            None
        }
    }
}

impl Store {
    /// Import officials from CSV text, in one transaction.
    pub fn import_officials_csv(&mut self, text: &str, now: DateTime<Utc>) -> Result<CsvSummary> {
        self.import_officials_csv_as(text, now, false)
    }

    // Over 120 lines: each row is checked and written in one pass inside
    // one transaction (line number, person, office, term), the steps sharing
    // the row, its line and the list of problems that decides the commit.
    /// As [`Store::import_officials_csv`]; with `dry_run` every row is checked
    /// and counted the same way, then the transaction is rolled back.
    pub fn import_officials_csv_as(
        &mut self,
        text: &str,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<CsvSummary> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let bad = |line: u64, message: String| StoreError::Rows(vec![RowProblem { line, message }]);
        let headers = reader
            .headers()
            .map_err(|e| bad(1, format!("cannot read the header row: {e}")))?
            .clone();
        let mut index: Vec<&'static str> = Vec::with_capacity(headers.len());
        for h in &headers {
            let name = normalize(h);
            let Some(column) = COLUMNS.iter().find(|c| **c == name) else {
                return Err(bad(
                    1,
                    format!(
                        "unknown column \"{h}\"; the columns are: {}",
                        COLUMNS.join(", ")
                    ),
                ));
            };
            if index.contains(column) {
                return Err(bad(1, format!("the column \"{column}\" appears twice")));
            }
            index.push(column);
        }
        if !index.contains(&"full_name") {
            return Err(bad(
                1,
                "the required column \"full_name\" is missing".into(),
            ));
        }

        // Lines as an editor numbers them, counted from byte offsets (the
        // reader's own count is off by one after CR LF line ends).
        let mut counted = (0usize, 1u64);
        let mut line_at = |byte: u64| {
            // After a CR LF the reader places the next record at the LF.
            let mut byte = (byte as usize).min(text.len());
            while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
                byte += 1;
            }
            if byte >= counted.0 {
                counted.1 += text.as_bytes()[counted.0..byte]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count() as u64;
                counted.0 = byte;
            }
            counted.1
        };
        let mut rows = Vec::new();
        let mut problems = Vec::new();
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| line_at(p.byte()));
                    problems.push(RowProblem {
                        line,
                        message: format!("cannot read the row: {e}"),
                    });
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| line_at(p.byte()));
            let cells = index
                .iter()
                .copied()
                .zip(record.iter().map(String::from))
                .collect();
            rows.push(Row { line, cells });
        }

        let tx = self.conn.begin_write()?;
        let mut sum = CsvSummary::default();
        for row in &rows {
            let before = problems.len();
            let Some(full_name) = row.get("full_name") else {
                problems.push(RowProblem {
                    line: row.line,
                    message: "full_name is empty".into(),
                });
                continue;
            };
            let start = date(row, "start", &mut problems);
            let end = date(row, "end", &mut problems);
            let acting = match row.get("acting").map(str::to_ascii_lowercase).as_deref() {
                None | Some("no" | "false" | "0") => false,
                Some("yes" | "true" | "1") => true,
                Some(other) => {
                    problems.push(RowProblem {
                        line: row.line,
                        message: format!("acting \"{other}\" must be yes or no"),
                    });
                    false
                }
            };
            let kind = match row.get("office_kind").map(str::parse::<OfficeKind>) {
                Some(Err(e)) => {
                    problems.push(RowProblem {
                        line: row.line,
                        message: format!("office_kind {e}"),
                    });
                    None
                }
                Some(Ok(k)) => Some(k),
                None => None,
            };
            match (row.get("office"), start) {
                (Some(_), None) if problems.len() == before => problems.push(RowProblem {
                    line: row.line,
                    message: "a row with an office needs its start date".into(),
                }),
                (None, Some(_)) => problems.push(RowProblem {
                    line: row.line,
                    message: "a start date needs an office".into(),
                }),
                _ => {}
            }
            if problems.len() > before {
                continue;
            }

            // Addresses a mail server or a browser could not use are refused.
            let mut bad_contact = false;
            for column in ["email", "office_email"] {
                if let Some(e) = row.get(column)
                    && let Err(err) = crate::officials::validate_email("email", e)
                {
                    problems.push(RowProblem {
                        line: row.line,
                        message: format!(
                            "{column}: {}",
                            err.to_string().trim_start_matches("email: ")
                        ),
                    });
                    bad_contact = true;
                }
            }
            if let Some(u) = row.get("contact_form")
                && !(u.starts_with("https://") || u.starts_with("http://"))
            {
                problems.push(RowProblem {
                    line: row.line,
                    message: format!(
                        "contact_form: \"{u}\" is not a web address starting with https://"
                    ),
                });
                bad_contact = true;
            }
            if bad_contact {
                continue;
            }

            // The person: an existing one with this exact name, or a new one.
            let person: Option<i64> = tx
                .query_row(
                    "SELECT id FROM persons WHERE full_name = ?1 ORDER BY id LIMIT 1",
                    [full_name],
                    |r| r.get(0),
                )
                .optional()?;
            let person = match person {
                Some(id) => id,
                None => {
                    let family = row
                        .get("family_name")
                        .or_else(|| full_name.split_whitespace().last())
                        .unwrap_or(full_name);
                    let new_id = tx.insert(
                        "INSERT INTO persons (full_name, family_name, honorific, salutation, email, party, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                        params![full_name, family, row.get("honorific"), row.get("salutation"), row.get("email"), row.get("party"), now],
                    )?;
                    sum.persons_added += 1;
                    new_id
                }
            };
            let (Some(title), Some(start)) = (row.get("office"), start) else {
                continue;
            };
            // The row's address is its term's (a Capitol office belongs to
            // the member's term, not the seat); a new office starts with it.
            let address = row.address();
            let office: Option<i64> = tx
                .query_row(
                    "SELECT id FROM offices WHERE lower(title) = lower(CAST(?1 AS TEXT)) ORDER BY id LIMIT 1",
                    [title],
                    |r| r.get(0),
                )
                .optional()?;
            let office = match (office, kind) {
                (Some(id), _) => {
                    // An existing office takes the row's contacts where it has none.
                    tx.execute(
                        "UPDATE offices SET email = coalesce(email, ?2), contact_form = coalesce(contact_form, ?3)
                         WHERE id = ?1",
                        params![id, row.get("office_email"), row.get("contact_form")],
                    )?;
                    id
                }
                (None, None) => {
                    problems.push(RowProblem {
                        line: row.line,
                        message: format!("\"{title}\" is a new office; give its office_kind"),
                    });
                    continue;
                }
                (None, Some(kind)) => {
                    let org = crate::officials::organization_id(&tx, row.get("organization"))?;
                    let address = address.clone().unwrap_or_default();
                    let new_id = tx.insert(
                        "INSERT INTO offices (title, organization_id, kind, single_holder, address, email, contact_form)
                         VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)",
                        params![title, org, kind, address, row.get("office_email"), row.get("contact_form")],
                    )?;
                    sum.offices_added += 1;
                    new_id
                }
            };
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT id FROM terms WHERE person_id = ?1 AND office_id = ?2 AND start_on = ?3",
                    params![person, office, start],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(term) = exists {
                if address.is_some() {
                    tx.execute(
                        "UPDATE terms SET address = ?2 WHERE id = ?1 AND address IS DISTINCT FROM ?2",
                        params![term, address],
                    )?;
                }
                continue;
            }
            let term = NewTerm {
                person_id: person,
                office_id: office,
                start_on: start,
                end_on: end,
                acting,
                address: Vec::new(),
            };
            if let Err(e) = crate::officials::check_term(&tx, &term, None) {
                problems.push(RowProblem {
                    line: row.line,
                    message: e.to_string(),
                });
                continue;
            }
            tx.execute(
                "INSERT INTO terms (person_id, office_id, start_on, end_on, acting, party, address)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    person,
                    office,
                    start,
                    end,
                    acting,
                    row.get("party"),
                    address
                ],
            )?;
            sum.terms_added += 1;
        }
        if !problems.is_empty() {
            // Dropping the transaction rolls it back: nothing is imported.
            problems.sort_by_key(|p| p.line);
            return Err(StoreError::Rows(problems));
        }
        sum.changes_nothing = sum.persons_added + sum.offices_added + sum.terms_added == 0;
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(sum)
    }

    /// Every official as CSV, one row per term (and one for each person
    /// without a term), in the columns [`Store::import_officials_csv`] reads.
    pub fn export_officials_csv(&self) -> Result<String> {
        let mut w = rfc4180_csv();
        let err = |e: csv::Error| StoreError::Corrupt(format!("cannot write CSV: {e}"));
        w.write_record(COLUMNS).map_err(err)?;
        let mut stmt = self.conn.prepare(
            "SELECT p.full_name, p.family_name, p.honorific, p.salutation, p.email,
                    o.title, o.kind, org.name, coalesce(t.address, o.address), t.start_on, t.end_on, t.acting,
                    coalesce(t.party, p.party), o.email, o.contact_form
             FROM persons p
             LEFT JOIN terms t ON t.person_id = p.id
             LEFT JOIN offices o ON o.id = t.office_id
             LEFT JOIN organizations org ON org.id = o.organization_id
             ORDER BY p.family_name, p.full_name, p.id, t.start_on",
        )?;
        let records = stmt.query_map([], |r| {
            let text = |i: usize| -> crate::db::Result<String> {
                Ok(r.get::<Option<String>>(i)?.unwrap_or_default())
            };
            let acting: Option<bool> = r.get(11)?;
            let record = [
                text(0)?,
                text(1)?,
                text(2)?,
                text(3)?,
                text(4)?,
                text(5)?,
                text(6)?,
                text(7)?,
                text(8)?.replace('\n', " | "),
                text(9)?,
                text(10)?,
                match acting {
                    Some(true) => "yes".into(),
                    Some(false) => "no".into(),
                    None => String::new(),
                },
                text(12)?,
                text(13)?,
                text(14)?,
            ];
            Ok(record)
        })?;
        for record in records {
            w.write_record(&record?).map_err(err)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| StoreError::Corrupt(format!("cannot write CSV: {e}")))?;
        String::from_utf8(bytes).map_err(|e| StoreError::Corrupt(e.to_string()))
    }
}

/// A CSV writer as RFC 4180 and spreadsheets want it: CRLF line ends.
/// (A file saved for Excel also starts with a byte-order mark: the app adds
/// it where it writes the file; [`Store::import_officials_csv`] skips it.)
pub(crate) fn rfc4180_csv() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}
