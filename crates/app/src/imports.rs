//! Imports and exports of officials: the congress-legislators roster, the
//! curated posts dataset, and officials CSV files. Every import is one
//! transaction; a dry run is the same transaction rolled back, so its
//! summary is exactly what the import would do.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use store::import::ImportSummary;
use store::officials_csv::CsvSummary;

use crate::app::{App, RecordArea};
use crate::error::AppError;

/// How to run a roster import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportRequest {
    /// A roster folder or posts file; None for the shipped one.
    pub source: Option<PathBuf>,
    /// The day the roster describes; terms of members no longer listed end
    /// then. When not given: today in the organization's time zone for a
    /// folder, the snapshot's own day for the shipped roster.
    pub as_of: Option<NaiveDate>,
    /// Say what would change, and change nothing.
    pub dry_run: bool,
}

fn read_text(path: &Path) -> Result<String, AppError> {
    std::fs::read_to_string(path).map_err(|source| AppError::Read {
        path: path.to_path_buf(),
        source,
    })
}

impl App {
    /// Import (or, with `dry_run`, preview) the congress-legislators roster in `dir`.
    #[tracing::instrument(skip(self))]
    pub fn import_congress(
        &self,
        dir: &Path,
        as_of: NaiveDate,
        dry_run: bool,
    ) -> Result<ImportSummary, AppError> {
        let members = crate::congress::read_roster(dir)?;
        let committees = crate::congress::read_committees(dir)?;
        self.import_members(
            &members,
            &committees,
            &crate::congress::SCOPE,
            as_of,
            dry_run,
        )
    }

    /// Import the congress roster (a folder, or the shipped snapshot) as of
    /// the day given; with none, a folder as of the clock's today (refused
    /// if nobody in it held a seat that day: an older roster needs its own
    /// day), the shipped snapshot as of its own day (today, if earlier).
    pub fn import_congress_now(&self, req: &ImportRequest) -> Result<ImportSummary, AppError> {
        let today = self.clock().today();
        let (as_of, members, committees) = match req.source.as_deref() {
            Some(dir) => {
                let members = crate::congress::read_roster(dir)?;
                let as_of = match req.as_of {
                    Some(day) => day,
                    None => {
                        crate::congress::check_describes_today(&members, today, dir)?;
                        today
                    }
                };
                (as_of, members, crate::congress::read_committees(dir)?)
            }
            None => (
                req.as_of
                    .unwrap_or_else(|| today.min(crate::congress::SHIPPED_AS_OF)),
                crate::congress::shipped_roster()?,
                crate::congress::shipped_committees()?,
            ),
        };
        self.import_members(
            &members,
            &committees,
            &crate::congress::SCOPE,
            as_of,
            req.dry_run,
        )
    }

    /// One roster import in one transaction; a real one tells the screens.
    fn import_members(
        &self,
        members: &[store::import::Member],
        committees: &[store::committees::CommitteeRecord],
        scope: &[&str],
        as_of: NaiveDate,
        dry_run: bool,
    ) -> Result<ImportSummary, AppError> {
        let now = self.clock().now();
        let s = self
            .db()
            .import_roster_with_committees(members, committees, scope, as_of, now, dry_run)?;
        if !dry_run {
            self.changed(&[RecordArea::Officials]);
        }
        Ok(s)
    }

    /// Import the executive and foreign posts: the shipped dataset, or a
    /// newer file of the same form.
    #[tracing::instrument(skip(self))]
    pub fn import_posts(
        &self,
        file: Option<&Path>,
        as_of: NaiveDate,
        dry_run: bool,
    ) -> Result<ImportSummary, AppError> {
        let members = match file {
            None => crate::posts::read_posts(crate::posts::POSTS, "the shipped posts dataset")?,
            Some(path) => crate::posts::read_posts(&read_text(path)?, &path.display().to_string())?,
        };
        self.import_members(&members, &[], &crate::posts::SCOPE, as_of, dry_run)
    }

    /// Import the posts as of the clock's today unless a day is given.
    pub fn import_posts_now(&self, req: &ImportRequest) -> Result<ImportSummary, AppError> {
        let as_of = req.as_of.unwrap_or_else(|| self.clock().today());
        self.import_posts(req.source.as_deref(), as_of, req.dry_run)
    }

    /// Every official's terms as CSV (the columns `import_csv` reads).
    pub fn export_officials_csv(&self) -> Result<String, AppError> {
        Ok(self.db().export_officials_csv()?)
    }
}

impl App {
    /// Import officials from a CSV file (see `amicus export officials --csv`
    /// for the columns); with `dry_run`, say what it would add and change nothing.
    #[tracing::instrument(skip(self))]
    pub fn import_csv(&self, path: &Path, dry_run: bool) -> Result<CsvSummary, AppError> {
        let now = self.clock().now();
        let text = read_text(path)?;
        let s = self.db().import_officials_csv_as(&text, now, dry_run)?;
        if !dry_run {
            self.changed(&[RecordArea::Officials]);
        }
        Ok(s)
    }
}
