//! `amicus groups`: committees, delegations and saved lists at a date.

use amicus_app::groups::GroupRef;
use amicus_app::{App, AppError};
use chrono::NaiveDate;
use clap::Subcommand;

/// A group as typed on the command line; `--leaders-only` makes a
/// committee its chair and ranking member.
pub fn group_ref(text: &str, leaders_only: bool) -> Result<GroupRef, AppError> {
    Ok(match text.parse::<GroupRef>()? {
        GroupRef::Committee { code, .. } if leaders_only => GroupRef::Committee {
            code,
            leaders_only: true,
        },
        group => group,
    })
}

#[derive(Subcommand)]
pub enum Groups {
    /// Every saved list, committee and subcommittee, with its code and today's size.
    List,
    /// Save a list of offices and people under NAME (replacing one of that
    /// name); use it as list:NAME.
    Save {
        name: String,
        /// An office by title, short name or id (resolved at each letter's date); repeat.
        #[arg(long)]
        office: Vec<String>,
        /// A person by id; repeat.
        #[arg(long)]
        person: Vec<i64>,
    },
    /// Delete a saved list (letters sent to it keep their recipients).
    Delete { name: String },
    /// Who is in a group on a date (today by default), in the order a
    /// letter lists them, and how a joint letter greets them.
    Show {
        /// A committee's code or name (leaders:CODE for its chair and ranking
        /// member), delegation:STATE[:senate|:house], senate, house or list:NAME.
        group: String,
        #[arg(value_parser = dates::parse, long)]
        on: Option<NaiveDate>,
        /// Of a committee, only the chair and the ranking member.
        #[arg(long)]
        leaders_only: bool,
    },
}

pub fn run(app: &App, cmd: Groups) -> Result<(), AppError> {
    match cmd {
        Groups::List => {
            for g in app
                .list_groups()?
                .into_iter()
                .chain(app.committee_groups()?)
            {
                out!("{}\t{}\t{} members", g.code, g.label, g.members);
            }
        }
        Groups::Save {
            name,
            office,
            person,
        } => {
            let id = app.save_list(&name, &office, &person)?;
            out!(
                "saved list {id}: {name} ({} members)",
                office.len() + person.len()
            );
        }
        Groups::Delete { name } => {
            app.delete_list(&name)?;
            out!("deleted list {name}");
        }
        Groups::Show {
            group,
            on,
            leaders_only,
        } => {
            let e = app.expand_group(&group_ref(&group, leaders_only)?, on)?;
            out!("{} on {}: {} members", e.label, e.on, e.members.len());
            for m in &e.members {
                match &m.role {
                    Some(r) => out!("  {} ({r})", m.name),
                    None => out!("  {}", m.name),
                }
            }
            if let Some(s) = &e.salutation {
                out!("a joint letter greets them: {s}");
            }
            for w in &e.warnings {
                eprintln!("warning: {w}");
            }
        }
    }
    Ok(())
}
