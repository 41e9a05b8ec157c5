//! Issues and the organization's positions on them: dated versions, the
//! version in force on a letter's date, adopting a new version, and the
//! letters citing each.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use store::{Issue, NewPosition, Position, Status, Store};

use crate::app::{App, RecordArea};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterRef {
    pub id: i64,
    pub date: NaiveDate,
    pub subject: String,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PositionView {
    pub position: Position,
    pub letters: Vec<LetterRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssueView {
    pub issue: Issue,
    /// Newest version first.
    pub positions: Vec<PositionView>,
}

pub(crate) fn issue_views_in(db: &Store) -> Result<Vec<IssueView>, AppError> {
    let mut out = Vec::new();
    for issue in db.issues()? {
        out.push(issue_view_in(db, issue)?);
    }
    Ok(out)
}

fn issue_view_in(db: &Store, issue: Issue) -> Result<IssueView, AppError> {
    let mut positions = Vec::new();
    for p in db.positions(issue.id)? {
        let letters = db
            .letters_citing(p.id)?
            .into_iter()
            .map(|l| LetterRef {
                id: l.id,
                date: l.date,
                subject: l.subject,
                status: l.status,
            })
            .collect();
        positions.push(PositionView {
            position: p,
            letters,
        });
    }
    Ok(IssueView { issue, positions })
}

/// What a letter dated `date` citing `position_id` should be told when the
/// version it cites is not the one in force on its date (a newer one was
/// adopted since it was drafted): which version is, and that someone must
/// choose. `None` when it cites the one in force, cites none, no version was
/// in force then, or staff kept the cited one on purpose (`kept`).
pub(crate) fn superseded(
    db: &Store,
    position_id: Option<i64>,
    date: NaiveDate,
    kept: Option<i64>,
) -> Result<Option<String>, AppError> {
    let Some(cited) = position_id else {
        return Ok(None);
    };
    if kept == Some(cited) {
        return Ok(None);
    }
    let cited = db.position(cited)?;
    Ok(match db.position_on(cited.issue_id, date)? {
        Some(in_force) if in_force.id != cited.id => Some(format!(
            "the letter quotes version {} of your position on {}, but version {} (adopted {}) is the one in force on {date}: use version {}, or keep version {} on purpose",
            cited.version,
            cited.issue,
            in_force.version,
            in_force.adopted_on,
            in_force.version,
            cited.version
        )),
        _ => None,
    })
}

impl App {
    /// Issues with every version of the organization's position, newest
    /// first, and the letters citing each.
    pub fn issue_views(&self) -> Result<Vec<IssueView>, AppError> {
        issue_views_in(&self.db())
    }

    /// One issue (by id or name) with its positions and the letters citing them.
    pub fn issue_view(&self, name_or_id: &str) -> Result<IssueView, AppError> {
        let db = self.db();
        let issue = db.find_issue(name_or_id)?;
        issue_view_in(&db, issue)
    }

    #[tracing::instrument(skip(self, summary))]
    pub fn add_issue(&self, name: &str, summary: &str) -> Result<i64, AppError> {
        let id = self.db().add_issue(name, summary)?;
        self.changed(&[RecordArea::Positions]);
        Ok(id)
    }

    /// Adopt a new version of the position on an issue (by id or name),
    /// adopted on the day given or today by the app's clock.
    #[tracing::instrument(skip(self, p))]
    pub fn adopt_position(
        &self,
        issue: &str,
        p: &NewPosition,
    ) -> Result<(Issue, Position), AppError> {
        // The words letters quote are set as the letters set their own
        // text: straight quotes typed made typographic, as the shipped
        // positions are written.
        let p = &NewPosition {
            adopted_on: Some(p.adopted_on.unwrap_or_else(|| self.clock().today())),
            statement: letters::markup::curl_quotes(&p.statement, None),
            rationale: letters::markup::curl_quotes(&p.rationale, None),
            ..p.clone()
        };
        let adopted = {
            let mut db = self.db();
            let i = db.find_issue(issue)?;
            let p = db.add_position(i.id, p)?;
            (i, p)
        };
        self.changed(&[RecordArea::Positions]);
        Ok(adopted)
    }

    /// The version of the position on `issue_id` in force on `date`: the
    /// newest adopted by then, or None when none had been (never a later one).
    pub fn position_in_force(
        &self,
        issue_id: i64,
        date: NaiveDate,
    ) -> Result<Option<i64>, AppError> {
        Ok(self.db().position_on(issue_id, date)?.map(|p| p.id))
    }

    /// The position in force on `date` on the issue named `issue` (id or
    /// name); a letter cannot cite a position not yet adopted.
    pub fn position_for_letter(&self, issue: &str, date: NaiveDate) -> Result<i64, AppError> {
        let db = self.db();
        let i = db.find_issue(issue)?;
        let p = db.position_on(i.id, date)?.ok_or_else(|| {
            AppError::invalid(
                "issue",
                format!("no position on {} had been adopted by {date}", i.name),
            )
        })?;
        Ok(p.id)
    }

    /// The issue named `name_or_id`.
    pub fn find_issue(&self, name_or_id: &str) -> Result<Issue, AppError> {
        Ok(self.db().find_issue(name_or_id)?)
    }
}
