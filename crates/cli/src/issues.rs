//! `amicus issues`: issues and the organization's position on each.

use amicus_app::{App, AppError, IssueRecord, NewPosition, Stance};
use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};

use crate::print::*;

#[derive(Clone, Copy, ValueEnum)]
pub enum ParagraphFormat {
    Text,
    Markdown,
    Html,
}

#[derive(Subcommand)]
pub enum Issues {
    List,
    /// Add an issue.
    Add {
        name: String,
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// An issue's page: its staff contact, position versions, the
    /// newsletter's position paragraph, every letter with each copy, and
    /// the numbers (from January 1 of the first letter's year to today,
    /// unless --from and --to say otherwise).
    Show {
        issue: String,
        #[arg(value_parser = dates::parse, long)]
        from: Option<NaiveDate>,
        #[arg(value_parser = dates::parse, long)]
        to: Option<NaiveDate>,
        /// The day follow-ups are overdue as of; today when omitted.
        #[arg(value_parser = dates::parse, long)]
        as_of: Option<NaiveDate>,
    },
    /// The newsletter's position paragraph on ISSUE, written from the
    /// letters sent from --from to --to.
    Paragraph {
        issue: String,
        #[arg(value_parser = dates::parse, long)]
        from: Option<NaiveDate>,
        #[arg(value_parser = dates::parse, long)]
        to: Option<NaiveDate>,
        #[arg(long, value_enum, default_value = "text")]
        format: ParagraphFormat,
    },
    /// Name the staff member who answers for ISSUE (on a team record, a
    /// login), or --clear it.
    Contact {
        issue: String,
        #[arg(required_unless_present = "clear")]
        name: Option<String>,
        #[arg(long, conflicts_with = "name")]
        clear: bool,
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
        Issues::Show {
            issue,
            from,
            to,
            as_of,
        } => {
            let view = app.issue_view(&issue)?;
            let record = app.issue_record(&issue, from, to, as_of)?;
            show(app, &record, &view)?;
        }
        Issues::Paragraph {
            issue,
            from,
            to,
            format,
        } => {
            let (from, to) = app.issue_range(&issue, from, to)?;
            let p = app.position_paragraph(&issue, from, to)?;
            out!(
                "{}",
                match format {
                    ParagraphFormat::Text => p.text,
                    ParagraphFormat::Markdown => p.markdown,
                    ParagraphFormat::Html => p.html,
                }
            );
        }
        Issues::Contact { issue, name, clear } => {
            let name = if clear { None } else { name };
            let i = app.set_issue_contact(&issue, name.as_deref())?;
            match &i.staff_contact {
                Some(c) => out!("{}: staff contact {c}", i.name),
                None => out!("{}: no staff contact", i.name),
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

fn show(app: &App, r: &IssueRecord, view: &amicus_app::IssueView) -> Result<(), AppError> {
    let i = &r.issue;
    out!("{} (#{})", i.name, i.id);
    if !i.summary.is_empty() {
        out!("  {}", i.summary);
    }
    out!("  Staff contact: {}", opt(i.staff_contact.as_deref()));
    out!("");
    out!("Positions:");
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
    out!("");
    out!("From {} to {} (overdue as of {}):", r.from, r.to, r.as_of);
    let paragraph = app.position_paragraph(&i.name, r.from, r.to)?;
    out!("");
    out!("Position paragraph:");
    for line in paragraph.text.split("\n\n") {
        out!("  {line}");
    }
    out!("");
    out!("Letters:");
    if r.letters.is_empty() {
        out!("  none");
    }
    for l in &r.letters {
        out!(
            "  {} letter {} ({}, position v{}): {}",
            l.date,
            l.id,
            l.status,
            l.position_version,
            l.subject
        );
        if !l.groups.is_empty() {
            out!("      to the groups: {}", l.groups.join("; "));
        }
        for c in &l.copies {
            let to = [c.office.as_deref(), c.person.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" — ");
            let sent = match (c.method, c.sent_on) {
                (Some(m), Some(d)) => format!("sent {d} by {m}"),
                _ => "not sent".into(),
            };
            let reply = match (c.reply_on, c.days_to_reply) {
                (Some(d), Some(n)) => format!("; reply {d} ({n} days)"),
                (Some(d), None) => format!("; reply {d}"),
                _ => String::new(),
            };
            let follow = match (c.follow_up_on, c.overdue, c.reply_on) {
                (Some(d), true, _) => format!("; follow-up {d} OVERDUE"),
                (Some(d), false, None) => format!("; follow-up {d}"),
                _ => String::new(),
            };
            let owner = c
                .owner
                .as_deref()
                .map_or(String::new(), |o| format!(" ({o})"));
            out!("      {} {to}: {sent}{reply}{follow}{owner}", c.role);
        }
    }
    out!("");
    out!("Letters and copies per month (mail, e-mail, fax, hand, portal):");
    for m in r.numbers.months.iter().filter(|m| m.letters > 0) {
        let c = &m.copies;
        out!(
            "  {}  {} letters, {} copies ({}, {}, {}, {}, {})",
            m.month,
            m.letters,
            c.total(),
            c.mail,
            c.email,
            c.fax,
            c.hand,
            c.portal
        );
    }
    out!("Replies by office kind:");
    for g in &r.numbers.replies {
        let median = g
            .median_days
            .map_or("—".to_string(), |d| format!("{d} days"));
        out!(
            "  {:<10} {} sent, {} replies, median {median}",
            g.group.label(),
            g.sent,
            g.replies
        );
    }
    out!("Follow-ups awaiting a reply, by owner:");
    if r.numbers.follow_ups.is_empty() {
        out!("  none");
    }
    for o in &r.numbers.follow_ups {
        out!(
            "  {:<20} {} due, {} overdue",
            o.owner.as_deref().unwrap_or("nobody"),
            o.due,
            o.overdue
        );
    }
    Ok(())
}
