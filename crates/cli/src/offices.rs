//! `amicus offices`: offices, who held one on a date, retiring one.

use amicus_app::{App, AppError, NewOffice, OfficeChange, OfficeKind};
use chrono::NaiveDate;
use clap::Subcommand;

use crate::print::*;

#[derive(Subcommand)]
pub enum Offices {
    /// List offices (optionally matching TEXT).
    List { text: Option<String> },
    /// Add an office.
    Add {
        #[arg(long)]
        title: String,
        /// cabinet_secretary, trade_representative, senator, representative,
        /// governor, foreign_minister, agency_head or other.
        #[arg(long)]
        kind: OfficeKind,
        #[arg(long)]
        short: Option<String>,
        #[arg(long)]
        organization: Option<String>,
        /// One address line; repeat for more.
        #[arg(long)]
        address: Vec<String>,
        /// Several people hold it at once (a delegation, a board).
        #[arg(long)]
        shared: bool,
        /// Where the office takes letters by e-mail.
        #[arg(long)]
        email: Option<String>,
        /// The office's web contact form (https://…).
        #[arg(long)]
        contact_form: Option<String>,
    },
    /// Who held OFFICE on a date (today by default), and its past holders.
    Holder {
        office: String,
        #[arg(value_parser = dates::parse, long)]
        on: Option<NaiveDate>,
    },
    /// Change an office; only the fields given change. Letters already sent
    /// keep the address they were sent to.
    Edit {
        office: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        kind: Option<OfficeKind>,
        #[arg(long)]
        short: Option<String>,
        #[arg(long)]
        organization: Option<String>,
        /// One address line; repeat for more. Replaces the whole address.
        #[arg(long)]
        address: Vec<String>,
        /// Where the office takes letters by e-mail ("" clears it).
        #[arg(long)]
        email: Option<String>,
        /// The office's web contact form ("" clears it).
        #[arg(long)]
        contact_form: Option<String>,
    },
    /// Bring a retired office back into use.
    Reinstate { office: String },
    /// Mark an office as abolished (refused while someone holds it after ON).
    Retire {
        office: String,
        #[arg(value_parser = dates::parse, long)]
        on: NaiveDate,
    },
}

pub fn run(app: &App, cmd: Offices, format: Format) -> Result<(), AppError> {
    match cmd {
        Offices::List { text } => {
            let rows = app.office_rows(text.as_deref().unwrap_or(""), None)?;
            if format.json {
                return json(&rows);
            }
            for row in rows {
                out!(
                    "{:>5}  {:<40} {:<10} {}",
                    row.office.id,
                    row.office.title,
                    opt(row.office.short_name),
                    opt(row.holder)
                );
            }
        }
        Offices::Add {
            title,
            kind,
            short,
            organization,
            address,
            shared,
            email,
            contact_form,
        } => {
            let id = app.add_office(&NewOffice {
                title,
                short_name: short,
                organization,
                kind,
                single_holder: !shared,
                address,
                email,
                contact_form,
            })?;
            out!("added office {id}");
        }
        Offices::Holder { office, on } => {
            let h = app.office_holder(&office, on)?;
            let o = &h.detail.office;
            match &h.holder {
                Some((name, is_acting)) => {
                    out!("{} on {}: {name}{}", o.title, h.on, acting(*is_acting))
                }
                None => out!("{} on {}: no holder on record", o.title, h.on),
            }
            if !o.address.is_empty() {
                out!("  address: {}", o.address.join(", "));
            }
            if let Some(retired) = o.retired_on {
                out!("  retired on {retired}");
            }
            for t in &h.detail.holders {
                out!(
                    "  {} to {}  {}{}",
                    t.start_on,
                    opt(t.end_on),
                    t.person,
                    acting(t.acting)
                );
            }
        }
        Offices::Edit {
            office,
            title,
            kind,
            short,
            organization,
            address,
            email,
            contact_form,
        } => {
            let id = app.amend_office(
                &office,
                OfficeChange {
                    title,
                    short_name: short,
                    organization,
                    kind,
                    address,
                    email,
                    contact_form,
                },
            )?;
            out!("office {id} changed");
        }
        Offices::Reinstate { office } => {
            let id = app.find_office(&office)?.id;
            app.retire_office(id, None)?;
            out!("office {id} reinstated");
        }
        Offices::Retire { office, on } => {
            let id = app.find_office(&office)?.id;
            app.retire_office(id, Some(on))?;
            out!("office {id} retired on {on}");
        }
    }
    Ok(())
}
