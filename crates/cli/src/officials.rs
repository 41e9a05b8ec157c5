//! `amicus officials`: people in public office.

use amicus_app::{App, AppError, NewPerson, NewTerm};
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::print::*;

#[derive(Subcommand)]
pub enum Officials {
    /// List people (optionally only those whose name contains TEXT).
    List { text: Option<String> },
    /// Show a person with every term they served.
    Show { id: i64 },
    /// Add a person.
    Add(PersonArgs),
    /// Change a person's details.
    Edit {
        id: i64,
        #[command(flatten)]
        person: PersonArgs,
    },
    /// Mark a person as retired from public life (their history stays).
    Retire {
        id: i64,
        #[arg(value_parser = dates::parse, long)]
        on: NaiveDate,
    },
    /// Record a term: PERSON held OFFICE from --start (to --end).
    Term {
        #[arg(long)]
        person: i64,
        /// Office title, short name ("USTR") or id.
        #[arg(long)]
        office: String,
        #[arg(value_parser = dates::parse, long)]
        start: NaiveDate,
        #[arg(value_parser = dates::parse, long)]
        end: Option<NaiveDate>,
        #[arg(long)]
        acting: bool,
        /// A line of their address in this term (repeat for each line;
        /// none: the office's is used). A back-dated letter goes there.
        #[arg(long = "address", value_name = "LINE")]
        address: Vec<String>,
    },
    /// End an open term.
    EndTerm {
        term: i64,
        #[arg(value_parser = dates::parse, long)]
        on: NaiveDate,
    },
}

#[derive(Args)]
pub struct PersonArgs {
    #[arg(long)]
    name: String,
    /// Family name for salutations; the last word of the name when omitted.
    #[arg(long)]
    family: Option<String>,
    /// Overrides the office's rule, e.g. "His Excellency".
    #[arg(long)]
    honorific: Option<String>,
    /// Overrides the office's rule, e.g. "Mr. Chairman".
    #[arg(long)]
    salutation: Option<String>,
    #[arg(long)]
    email: Option<String>,
}

impl PersonArgs {
    fn person(self) -> NewPerson {
        NewPerson {
            full_name: self.name,
            family_name: self.family.unwrap_or_default(),
            honorific: self.honorific,
            salutation: self.salutation,
            email: self.email,
        }
    }
}

pub fn run(app: &App, cmd: Officials, format: Format) -> Result<(), AppError> {
    match cmd {
        Officials::List { text } => {
            let rows = app.officials_up_to(text.as_deref().unwrap_or(""), None, 500)?;
            if format.json {
                return json(&rows);
            }
            for row in rows {
                let office = row.office.map(|title| {
                    let until = row
                        .until
                        .map(|e| format!(" (until {e})"))
                        .unwrap_or_default();
                    format!("{title}{until}")
                });
                out!(
                    "{:>5}  {:<28} {}",
                    row.person.id,
                    row.person.full_name,
                    opt(office)
                );
            }
        }
        Officials::Show { id } => {
            let d = app.person_detail(id)?;
            if format.json {
                return json(&d);
            }
            let p = d.person;
            out!("{} (#{})", p.full_name, p.id);
            out!("  family name: {}", p.family_name);
            out!("  honorific:   {}", opt(p.honorific));
            out!("  salutation:  {}", opt(p.salutation));
            out!("  email:       {}", opt(p.email));
            if let Some(r) = p.retired_on {
                out!("  retired on:  {r}");
            }
            for t in d.terms {
                out!(
                    "  term {:>4}: {} from {} to {}{}",
                    t.term_id,
                    t.office,
                    t.start_on,
                    opt(t.end_on),
                    acting(t.acting)
                );
            }
            for o in d.local_offices {
                out!("  district office, {}: {}", o.city, o.address.join(", "));
                if let Some(phone) = o.phone {
                    out!("    phone {phone}");
                }
            }
        }
        Officials::Add(args) => {
            let id = app.save_person(None, &args.person())?;
            out!("added person {id}");
        }
        Officials::Edit { id, person } => {
            app.save_person(Some(id), &person.person())?;
            out!("updated person {id}");
        }
        Officials::Retire { id, on } => {
            app.retire_person(id, on)?;
            out!("person {id} retired on {on}");
        }
        Officials::Term {
            person,
            office,
            start,
            end,
            acting,
            address,
        } => {
            let id = app.add_term(&NewTerm {
                person_id: person,
                office_id: app.find_office(&office)?.id,
                start_on: start,
                end_on: end,
                acting,
                address,
            })?;
            out!("added term {id}");
        }
        Officials::EndTerm { term, on } => {
            app.end_term(term, on)?;
            out!("term {term} ends on {on}");
        }
    }
    Ok(())
}
