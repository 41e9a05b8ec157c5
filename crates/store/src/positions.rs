//! Issues and the dated versions of the organization's position on each.

use crate::db::{OptionalExtension, Row, params};

use crate::{Issue, NewPosition, Position, Result, Store, StoreError};

const POSITION_COLS: &str = "positions.id, positions.issue_id, issues.name, positions.version,
    positions.stance, positions.adopted_on, positions.statement, positions.rationale";

fn position_row(r: &Row) -> crate::db::Result<Position> {
    Ok(Position {
        id: r.get(0)?,
        issue_id: r.get(1)?,
        issue: r.get(2)?,
        version: r.get(3)?,
        stance: r.get(4)?,
        adopted_on: r.get(5)?,
        statement: r.get(6)?,
        rationale: r.get(7)?,
    })
}

fn issue_row(r: &Row) -> crate::db::Result<Issue> {
    Ok(Issue {
        id: r.get(0)?,
        name: r.get(1)?,
        summary: r.get(2)?,
        staff_contact: r.get(3)?,
    })
}

impl Store {
    pub fn add_issue(&mut self, name: &str, summary: &str) -> Result<i64> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::invalid(
                "name",
                "an issue needs a name, e.g. \"KORUS\"",
            ));
        }
        let new_id = self
            .conn
            .insert(
                "INSERT INTO issues (name, summary) VALUES (?1, ?2)",
                params![name, summary.trim()],
            )
            .map_err(|e| {
                crate::officials::unique_violation(
                    e,
                    "name",
                    "an issue with this name already exists",
                )
            })?;
        Ok(new_id)
    }

    pub fn issue(&self, id: i64) -> Result<Issue> {
        self.conn
            .query_row(
                "SELECT id, name, summary, staff_contact FROM issues WHERE id = ?1",
                [id],
                issue_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::not_found("issue", id))
    }

    /// An issue by id ("3") or by name, case-insensitively, or a unique partial match.
    pub fn find_issue(&self, name_or_id: &str) -> Result<Issue> {
        let wanted = name_or_id.trim();
        if let Ok(id) = wanted.parse::<i64>() {
            return self.issue(id);
        }
        let found: Vec<Issue> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, name, summary, staff_contact FROM issues WHERE name LIKE '%' || ?1 || '%' ORDER BY name",
            )?;
            stmt.query_map([wanted], issue_row)?
                .collect::<crate::db::Result<_>>()?
        };
        if let Some(exact) = found.iter().find(|i| i.name.eq_ignore_ascii_case(wanted)) {
            return Ok(exact.clone());
        }
        match found.len() {
            1 => Ok(found
                .into_iter()
                .next()
                .ok_or_else(|| StoreError::not_found("issue", wanted))?),
            0 => Err(StoreError::not_found("issue", format!("\"{wanted}\""))),
            n => Err(StoreError::invalid(
                "issue",
                format!("\"{wanted}\" matches {n} issues; use the full name or the id"),
            )),
        }
    }

    /// Name (or, with None or blank text, clear) the issue's staff contact.
    /// On a team record it is a colleague's login (as a follow-up's owner
    /// is); a single-user file takes any name.
    pub fn set_issue_contact(&mut self, issue_id: i64, contact: Option<&str>) -> Result<Issue> {
        let contact = contact.map(str::trim).filter(|c| !c.is_empty());
        self.write(|tx| {
            if let Some(c) = contact {
                crate::team::require_login(tx, "contact", c, "name one of")?;
            }
            let changed = tx.execute(
                "UPDATE issues SET staff_contact = ?1 WHERE id = ?2",
                params![contact, issue_id],
            )?;
            if changed == 0 {
                return Err(StoreError::not_found("issue", issue_id));
            }
            Ok(tx.query_row(
                "SELECT id, name, summary, staff_contact FROM issues WHERE id = ?1",
                [issue_id],
                issue_row,
            )?)
        })
    }

    pub fn issues(&self) -> Result<Vec<Issue>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, summary, staff_contact FROM issues ORDER BY name")?;
        let rows = stmt.query_map([], issue_row)?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// Adopt a new version of the position on an issue. It supersedes the
    /// current one, which stays in the history; it cannot predate it.
    pub fn add_position(&mut self, issue_id: i64, p: &NewPosition) -> Result<Position> {
        if p.statement.trim().is_empty() {
            return Err(StoreError::invalid(
                "statement",
                "a position needs a statement of what the organization holds",
            ));
        }
        let adopted_on = p.adopted_on.ok_or_else(|| {
            StoreError::invalid("adopted_on", "say the day the position was adopted")
        })?;
        self.write(|tx| {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM issues WHERE id = ?1)",
                [issue_id],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(StoreError::not_found("issue", issue_id));
            }
            let current: Option<(u32, chrono::NaiveDate)> = tx
                .query_row(
                    "SELECT version, adopted_on FROM positions WHERE issue_id = ?1
                     ORDER BY version DESC LIMIT 1",
                    [issue_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((v, on)) = current
                && adopted_on < on
            {
                return Err(StoreError::invalid(
                    "adopted_on",
                    format!("version {v} was adopted on {on}; a new version cannot be dated earlier"),
                ));
            }
            let version = current.map_or(1, |(v, _)| v + 1);
            let new_id = tx.insert(
                "INSERT INTO positions (issue_id, version, stance, adopted_on, statement, rationale)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![issue_id, version, p.stance, adopted_on, p.statement.trim(), p.rationale.trim()],
            )?;
            let id = new_id;
            Ok(tx.query_row(
                &format!("SELECT {POSITION_COLS} FROM positions JOIN issues ON issues.id = positions.issue_id WHERE positions.id = ?1"),
                [id],
                position_row,
            )?)
        })
    }

    pub fn position(&self, id: i64) -> Result<Position> {
        self.conn
            .query_row(
                &format!("SELECT {POSITION_COLS} FROM positions JOIN issues ON issues.id = positions.issue_id WHERE positions.id = ?1"),
                [id],
                position_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::not_found("position", id))
    }

    /// Every version of the position on an issue, newest first.
    pub fn positions(&self, issue_id: i64) -> Result<Vec<Position>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {POSITION_COLS} FROM positions JOIN issues ON issues.id = positions.issue_id
             WHERE positions.issue_id = ?1 ORDER BY positions.version DESC"
        ))?;
        let rows = stmt.query_map([issue_id], position_row)?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// The version in force on `date`: the latest adopted on or before it.
    pub fn position_on(&self, issue_id: i64, date: chrono::NaiveDate) -> Result<Option<Position>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {POSITION_COLS} FROM positions JOIN issues ON issues.id = positions.issue_id
                     WHERE positions.issue_id = ?1 AND positions.adopted_on <= ?2
                     ORDER BY positions.version DESC LIMIT 1"
                ),
                params![issue_id, date],
                position_row,
            )
            .optional()?)
    }
}
