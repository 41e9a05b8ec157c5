//! `amicus followups` and `amicus replies`: follow-ups due, snoozing,
//! assigning, contacts logged; replies kept as PDFs.

use std::path::PathBuf;

use amicus_app::{App, AppError, LogFilter};

use crate::print::opt;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct FollowupsArgs {
    #[command(subcommand)]
    cmd: Option<Followups>,
    /// Due by this date (the coming Sunday by default).
    #[arg(value_parser = dates::parse, long)]
    due: Option<NaiveDate>,
    /// Only this staff member's follow-ups.
    #[arg(long, conflicts_with = "mine")]
    owner: Option<String>,
    /// Only your own (a team record's login; on a file, those assigned to nobody).
    #[arg(long)]
    mine: bool,
}

#[derive(Subcommand)]
pub enum Followups {
    /// Move a copy's follow-up later: --to 2026-12-14, or "1 week", "2 weeks".
    Snooze {
        letter: i64,
        /// The copy's number, as `letters show` lists it.
        copy: u32,
        #[arg(long, value_name = "DATE|N weeks")]
        to: amicus_app::SnoozeTo,
    },
    /// Give a copy's follow-up to a colleague.
    Assign {
        letter: i64,
        copy: u32,
        /// A staff name.
        #[arg(long, value_name = "NAME")]
        to: String,
    },
    /// Log a call, meeting or e-mail about a copy that is not its reply.
    Log {
        letter: i64,
        copy: u32,
        /// call, meeting, email or other.
        #[arg(long)]
        kind: amicus_app::ContactKind,
        /// When it happened (today by default).
        #[arg(value_parser = dates::parse, long)]
        on: Option<NaiveDate>,
        /// Who, on the official's side: "Jane Roe, trade counsel".
        #[arg(long, default_value = "")]
        who: String,
        #[arg(long, default_value = "")]
        notes: String,
    },
}

#[derive(Subcommand)]
pub enum Replies {
    /// Keep the reply to a copy (recorded with `letters reply`) as a PDF.
    Attach {
        letter: i64,
        copy: u32,
        #[arg(value_name = "FILE.pdf")]
        file: PathBuf,
    },
    /// Save a copy of the reply PDF kept for a copy.
    Save {
        letter: i64,
        copy: u32,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn replies(app: &App, cmd: Replies) -> Result<(), AppError> {
    match cmd {
        Replies::Attach { letter, copy, file } => {
            let id = app.copy_id(letter, copy)?;
            app.attach_reply(id, &file)?;
            out!(
                "kept {} as the reply to copy {copy} of letter {letter}",
                file.display()
            );
        }
        Replies::Save { letter, copy, out } => {
            let id = app.copy_id(letter, copy)?;
            let detail = app.open_letter(letter)?;
            let Some(file) = detail
                .recipients
                .into_iter()
                .find(|r| r.id == id)
                .and_then(|r| r.reply_file)
            else {
                return Err(AppError::not_found(
                    "reply PDF",
                    format!("for copy {copy} of letter {letter}"),
                ));
            };
            app.save_reply_file(file.id, &out)?;
            out!("wrote {} ({})", out.display(), file.file_name);
        }
    }
    Ok(())
}

/// Follow-ups due by `--due` (the coming Sunday when not given) with no
/// reply yet, the most overdue first; or one of the follow-up subcommands.
pub fn followups(app: &App, a: FollowupsArgs) -> Result<(), AppError> {
    match a.cmd {
        Some(Followups::Snooze { letter, copy, to }) => {
            let id = app.copy_id(letter, copy)?;
            let date = app.snooze_follow_up(id, to)?;
            out!("copy {copy} of letter {letter}: follow up by {date}");
            return Ok(());
        }
        Some(Followups::Assign { letter, copy, to }) => {
            let id = app.copy_id(letter, copy)?;
            app.assign_follow_up(id, &to)?;
            out!(
                "copy {copy} of letter {letter}: follow-up assigned to {}",
                to.trim()
            );
            return Ok(());
        }
        Some(Followups::Log {
            letter,
            copy,
            kind,
            on,
            who,
            notes,
        }) => {
            let id = app.copy_id(letter, copy)?;
            let contact = amicus_app::NewContact {
                on,
                kind,
                who,
                notes,
            };
            let logged = app.log_contact(id, &contact)?;
            // The day it happened: as given, or the app's today.
            let on = app
                .open_letter(letter)?
                .recipients
                .into_iter()
                .flat_map(|r| r.contacts)
                .find(|c| c.id == logged)
                .map(|c| c.on);
            out!(
                "{kind} on {} logged on copy {copy} of letter {letter}",
                opt(on)
            );
            return Ok(());
        }
        None => {}
    }
    let due = a.due.unwrap_or_else(|| app.end_of_week());
    let mut rows = app.log(&LogFilter {
        follow_up_due: Some(due),
        owner: a.owner,
        mine: a.mine,
        ..Default::default()
    })?;
    rows.sort_by_key(|r| (r.follow_up_on, r.letter_id, r.recipient_id));
    if rows.is_empty() {
        out!("no follow-ups due by {due}");
    }
    for row in rows {
        let late = if row.overdue { " (overdue)" } else { "" };
        let r = row.copy;
        let when = r.follow_up_on.map(|d| d.to_string()).unwrap_or_default();
        let owner = r.owner.map(|o| format!("\t{o}")).unwrap_or_default();
        out!(
            "{when}{late}\t{}, {}\tletter {}: {}{owner}",
            r.person.as_deref().unwrap_or("(no holder)"),
            r.office.as_deref().unwrap_or(""),
            r.letter_id,
            r.subject
        );
    }
    Ok(())
}
