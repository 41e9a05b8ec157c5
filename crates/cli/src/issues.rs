//! `amicus issues`: issues and the organization's position on each.

use amicus_app::{App, AppError, NewPosition, Stance};
use chrono::NaiveDate;
use clap::Subcommand;

use crate::print::*;

#[derive(Subcommand)]
pub enum Issues {
    List,
    /// Add an issue.
    Add {
        name: String,
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// An issue's position history and the letters citing each version.
    Show {
        issue: String,
    },
    /// Adopt a new version of the position on ISSUE.
    Adopt {
        issue: String,
        #[arg(long)]
        stance: Stance,
        #[arg(long)]
        statement: String,
        #[arg(long, default_value = "")]
        rationale: String,
        /// Adoption date; today when omitted.
        #[arg(value_parser = dates::parse, long)]
        on: Option<NaiveDate>,
    },
}

pub fn run(app: &App, cmd: Issues) -> Result<(), AppError> {
    match cmd {
        Issues::List => {
            for view in app.issue_views()? {
                let stance = view.positions.first().map(|p| {
                    let p = &p.position;
                    format!("{} (v{}, {})", p.stance, p.version, p.adopted_on)
                });
                out!(
                    "{:>5}  {:<48} {}",
                    view.issue.id,
                    view.issue.name,
                    opt(stance)
                );
            }
        }
        Issues::Add { name, summary } => {
            let id = app.add_issue(&name, &summary)?;
            out!("added issue {id}");
        }
        Issues::Show { issue } => {
            let view = app.issue_view(&issue)?;
            let i = &view.issue;
            out!("{} (#{})", i.name, i.id);
            if !i.summary.is_empty() {
                out!("  {}", i.summary);
            }
            for pv in &view.positions {
                let p = &pv.position;
                out!(
                    "  v{} {} adopted {}: {}",
                    p.version,
                    p.stance,
                    p.adopted_on,
                    p.statement
                );
                for l in &pv.letters {
                    out!(
                        "      letter {} ({}, {}): {}",
                        l.id,
                        l.date,
                        l.status,
                        l.subject
                    );
                }
            }
        }
        Issues::Adopt {
            issue,
            stance,
            statement,
            rationale,
            on,
        } => {
            let (i, p) = app.adopt_position(
                &issue,
                &NewPosition {
                    stance,
                    adopted_on: on,
                    statement,
                    rationale,
                },
            )?;
            out!(
                "adopted version {} of the position on {}",
                p.version,
                i.name
            );
        }
    }
    Ok(())
}
