//! `amicus import` and `amicus export`: officials from public data and back out.

use std::path::PathBuf;

use amicus_app::{App, AppError, ImportRequest, ImportSummary};
use chrono::NaiveDate;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum Import {
    /// The congress-legislators roster: a folder with legislators-current.yaml
    /// (and legislators-historical.yaml, when there, so departed members keep
    /// their real end dates), one such file, or, without either, the snapshot
    /// shipped with Amicus (today's members and those who served since 2017).
    /// The roster is the authority for its seats.
    Congress {
        dir: Option<PathBuf>,
        /// Show what would change and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// The day the roster describes: terms of members no longer listed
        /// end then, and committee places change then (by default today for
        /// a folder, 2026-06-15 for the shipped snapshot).
        #[arg(value_parser = dates::parse, long)]
        as_of: Option<NaiveDate>,
    },
    /// The executive and foreign posts (Commerce, State, Treasury, Agriculture,
    /// USTR, NEC; the trade ministers of Korea, Japan, Mexico and Canada):
    /// the dataset shipped with Amicus, or a newer file of the same form.
    Posts {
        file: Option<PathBuf>,
        /// Show what would change and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Terms of holders no longer listed end on this date (today by default).
        #[arg(value_parser = dates::parse, long)]
        as_of: Option<NaiveDate>,
    },
    /// Officials from a CSV file (one row per term; see `amicus export officials --csv`
    /// for the columns). All or nothing: every bad row is listed with its line.
    Csv { file: PathBuf },
}

#[derive(Subcommand)]
pub enum Export {
    /// Every official, one row per term.
    Officials {
        /// CSV (the only format; the flag says so explicitly).
        #[arg(long, required = true)]
        csv: bool,
    },
}

pub fn export(app: &App, cmd: Export) -> Result<(), AppError> {
    match cmd {
        Export::Officials { .. } => out_raw!("{}", app.export_officials_csv()?),
    }
    Ok(())
}

pub fn import(app: &App, cmd: Import) -> Result<(), AppError> {
    match cmd {
        Import::Congress {
            dir,
            dry_run,
            as_of,
        } => {
            let s = app.import_congress_now(&ImportRequest {
                source: dir,
                as_of,
                dry_run,
            })?;
            print_summary(&s, dry_run);
        }
        Import::Posts {
            file,
            dry_run,
            as_of,
        } => {
            let s = app.import_posts_now(&ImportRequest {
                source: file,
                as_of,
                dry_run,
            })?;
            print_summary(&s, dry_run);
        }
        Import::Csv { file } => {
            let s = app.import_csv(&file, false)?;
            out!(
                "Imported {}: {} officials, {} offices and {} terms added.",
                file.display(),
                s.persons_added,
                s.offices_added,
                s.terms_added
            );
        }
    }
    Ok(())
}

fn print_summary(s: &ImportSummary, dry_run: bool) {
    out!(
        "{}",
        if dry_run {
            "Dry run: nothing was changed. The import would make these changes:"
        } else {
            "Imported:"
        }
    );
    out!("  officials  {} added, {} updated", s.added, s.updated);
    out!(
        "  offices    {} added, {} updated",
        s.offices_added,
        s.offices_updated
    );
    out!(
        "  terms      {} added, {} updated, {} ended (no longer on the roster)",
        s.terms_added,
        s.terms_updated,
        s.ended
    );
    out!("  skipped    {}", s.skipped.len());
    for reason in &s.skipped {
        out!("    - {reason}");
    }
    if s.local_offices_changed > 0 {
        out!(
            "  district offices: {} added, changed or removed",
            s.local_offices_changed
        );
    }
}
