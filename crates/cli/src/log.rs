//! `amicus log` (the sent log) and `amicus search`.

use amicus_app::{App, AppError, LogFilter, Method, Status};
use chrono::NaiveDate;
use clap::Args;

use crate::print::*;

#[derive(Args)]
pub struct LogArgs {
    #[arg(long)]
    csv: bool,
    #[arg(long)]
    issue: Option<String>,
    /// Only copies to this person (by id).
    #[arg(long)]
    person: Option<i64>,
    /// Only copies to someone whose name or office holds every one of these
    /// words ("kamala harris", "ustr").
    #[arg(long, value_name = "WORDS")]
    recipient: Option<String>,
    #[arg(long)]
    office: Option<String>,
    #[arg(long)]
    status: Option<Status>,
    #[arg(value_parser = dates::parse, long)]
    from: Option<NaiveDate>,
    #[arg(value_parser = dates::parse, long)]
    to: Option<NaiveDate>,
    /// Only copies whose follow-up is due by this date and that had no reply.
    #[arg(value_parser = dates::parse, long)]
    due: Option<NaiveDate>,
    /// Also list copies not sent yet.
    #[arg(long)]
    unsent: bool,
    /// Only copies sent this way (mail, email, fax, hand, portal).
    #[arg(long)]
    method: Option<Method>,
    /// Only copies that got a reply.
    #[arg(long, conflicts_with = "no_reply")]
    replied: bool,
    /// Only copies still waiting for one.
    #[arg(long)]
    no_reply: bool,
    /// Only letters sent to this group: a committee's code or name, a saved
    /// list's name, a delegation as the letter names it.
    #[arg(long)]
    group: Option<String>,
    /// Only copies whose follow-up is this staff member's.
    #[arg(long, conflicts_with = "mine")]
    owner: Option<String>,
    /// Only your follow-ups (a team record's login; on a file, those assigned to nobody).
    #[arg(long)]
    mine: bool,
}

pub fn run(app: &App, a: LogArgs, format: Format) -> Result<(), AppError> {
    let filter = LogFilter {
        issue_id: a
            .issue
            .map(|i| app.find_issue(&i).map(|i| i.id))
            .transpose()?,
        person_id: a.person,
        office_id: a
            .office
            .map(|o| app.find_office(&o).map(|o| o.id))
            .transpose()?,
        status: a.status,
        from: a.from,
        to: a.to,
        follow_up_due: a.due,
        limit: 100_000,
        include_unsent: a.unsent,
        method: a.method,
        replied: match (a.replied, a.no_reply) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        owner: a.owner,
        mine: a.mine,
        group: a.group,
        recipient: a.recipient,
        // The whole log at once: no page to follow.
        after: None,
    };
    if a.csv {
        out_raw!("{}", app.log_csv(&filter)?);
        return Ok(());
    }
    let entries = app.log(&filter)?;
    if format.json {
        return json(&entries);
    }
    for e in entries {
        let e = e.copy;
        let sent = match (e.method, e.sent_at) {
            (Some(m), Some(at)) => format!("{} {m}", at.format("%Y-%m-%d")),
            _ => "not sent".into(),
        };
        let owner = e.owner.map(|o| format!(" ({o})")).unwrap_or_default();
        out!(
            "{:>5}  {}  {:<8} {:<22} {:<16} follow-up {}{owner}  reply {}  {}",
            e.letter_id,
            e.date,
            e.status,
            opt(e.person),
            sent,
            opt(e.follow_up_on),
            opt(e.reply_on),
            e.subject
        );
    }
    Ok(())
}

pub fn search(app: &App, text: &str) -> Result<(), AppError> {
    let hits = app.search(text)?;
    if hits.is_empty() {
        out!("nothing matches \"{text}\"");
    }
    for h in hits {
        // A person found says the office held ("U.S. Senator for California (2017–2021)").
        let title = match &h.detail {
            Some(d) => format!("{}, {d}", h.title),
            None => h.title.clone(),
        };
        out!("{:<8} {:>5}  {}  — {}", h.kind, h.id, title, h.snippet);
    }
    Ok(())
}
