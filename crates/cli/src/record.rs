//! The `amicus` commands over the record: officials, offices, issues,
//! letters, the log, search, backup and restore. Arguments become requests
//! to `amicus_app::App`, and its views are printed; no rule is decided here.
//! "Today" and "now" come from the app's clock (the organization's time zone).

use std::path::PathBuf;

use amicus_app::groups::GroupRef;
use amicus_app::mail::{MailSecurity, MailSettings};
use amicus_app::secrets::SecretKept;
use amicus_app::{
    App, AppError, DraftRequest, EmailOutcome, EmailRequest, FollowUp, ImportRequest,
    ImportSummary, LogFilter, Method, NewOffice, NewParagraph, NewPerson, NewPosition, NewTerm,
    OfficeChange, OfficeKind, SendReport, SendRequest, Stance, Status,
};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};

/// Print a line; a closed pipe (`amicus log | head`) ends the program quietly.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

macro_rules! out_raw {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if write!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

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
        #[arg(long)]
        on: NaiveDate,
    },
    /// Record a term: PERSON held OFFICE from --start (to --end).
    Term {
        #[arg(long)]
        person: i64,
        /// Office title, short name ("USTR") or id.
        #[arg(long)]
        office: String,
        #[arg(long)]
        start: NaiveDate,
        #[arg(long)]
        end: Option<NaiveDate>,
        #[arg(long)]
        acting: bool,
    },
    /// End an open term.
    EndTerm {
        term: i64,
        #[arg(long)]
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
        #[arg(long)]
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
        #[arg(long)]
        on: NaiveDate,
    },
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
        #[arg(long)]
        on: Option<NaiveDate>,
    },
}

#[derive(Subcommand)]
pub enum Letters {
    /// Draft a letter from a template, a position and recipients.
    New(NewArgs),
    /// List letters, newest first.
    List {
        #[arg(long)]
        status: Option<Status>,
    },
    /// Show a letter, its recipients and its history.
    Show { id: i64 },
    /// Draft a new letter from letter ID (sent ones too): same template,
    /// body and cc lines, recipients by office resolved at the new date, the
    /// issue's position in force then.
    Copy {
        id: i64,
        /// The new letter's date (today by default).
        #[arg(long)]
        date: Option<NaiveDate>,
    },
    /// Approve a finished draft (nothing is missing, every office has a holder on record).
    Approve { id: i64 },
    /// Mark an approved letter signed.
    Sign {
        id: i64,
        /// Also sign each copy digitally (PAdES) with the certificate in this
        /// PKCS#12 file; its password is read from AMICUS_CERT_PASSWORD.
        #[arg(long, value_name = "FILE.p12")]
        certificate: Option<PathBuf>,
    },
    /// Send copies and archive the exact PDF of each. `--method email` sends
    /// them through the mail server (see `amicus mail`); other methods, and
    /// `--record-only`, record a sending done outside Amicus.
    Send {
        id: i64,
        /// Recipient number from `letters show` (all unsent ones when omitted).
        #[arg(long, alias = "copy")]
        recipient: Option<u32>,
        /// mail, email, fax, hand or portal.
        #[arg(long)]
        method: Method,
        #[arg(long)]
        confirmation: Option<String>,
        /// When to follow the copy up (by default 30 days after it went).
        #[arg(long, conflicts_with = "no_follow_up")]
        follow_up: Option<NaiveDate>,
        /// No follow-up for this copy.
        #[arg(long)]
        no_follow_up: bool,
        /// When it went out (RFC 3339); now when omitted.
        #[arg(long)]
        at: Option<DateTime<Utc>>,
        /// Only record it: the copies already went out another way.
        #[arg(long)]
        record_only: bool,
        /// E-mail through this server instead of the saved one, with STARTTLS
        /// (smtp://[user@]host[:587]); the password from AMICUS_SMTP_PASSWORD
        /// or the keychain, never a flag.
        #[arg(long, value_name = "URL", conflicts_with_all = ["smtps", "record_only", "draft"])]
        smtp: Option<String>,
        /// The same with TLS from the start (smtps://[user@]host[:465]).
        #[arg(long, value_name = "URL", conflicts_with_all = ["record_only", "draft"])]
        smtps: Option<String>,
        /// Send a copy that was already sent again, logged as a resend.
        #[arg(long, requires = "recipient", conflicts_with_all = ["record_only", "draft"])]
        resend: bool,
        /// Write the e-mail as a draft for your mail program instead of
        /// sending it (X-Unsent: 1); record it with --record-only once sent.
        #[arg(long, value_name = "FILE.eml", conflicts_with = "record_only")]
        draft: Option<PathBuf>,
    },
    /// Write the letter's PDF (one per copy for per-recipient letters).
    Export {
        id: i64,
        #[arg(long)]
        out: PathBuf,
        /// Leave the space above the signer's name blank, to sign by hand
        /// (a signed letter is otherwise drawn with the signature image).
        #[arg(long)]
        blank_signature: bool,
    },
    /// Start a new draft from a letter (the way to change a sent one).
    Revise { id: i64 },
    /// Record a follow-up on a sent copy.
    FollowUp {
        id: i64,
        #[arg(long)]
        recipient: u32,
        #[arg(long)]
        next: Option<NaiveDate>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record a reply to a sent copy.
    Reply {
        id: i64,
        #[arg(long)]
        recipient: u32,
        #[arg(long)]
        on: NaiveDate,
        #[arg(long, default_value = "")]
        notes: String,
        /// Keep the reply itself, a PDF of at most 20 MB.
        #[arg(long, value_name = "FILE.pdf")]
        pdf: Option<PathBuf>,
    },
    /// Check that what was sent is what the record says: every archived
    /// copy re-renders to its bytes, and a letter signed digitally has each
    /// copy signed with the same certificate over that content. Exits
    /// non-zero, with the first problem, when anything fails.
    #[command(group(clap::ArgGroup::new("which").required(true).args(["id", "all"])))]
    Verify {
        /// The letter to check.
        id: Option<i64>,
        /// Check every letter that was signed or sent.
        #[arg(long)]
        all: bool,
    },
}

#[derive(Args)]
pub struct NewArgs {
    #[arg(long, default_value = "joint-support")]
    template: String,
    /// An addressee by office (title, short name or id), resolved at the letter's date.
    #[arg(long = "to")]
    to: Vec<String>,
    /// An addressee by person id.
    #[arg(long = "to-person")]
    to_person: Vec<i64>,
    /// A tracked cc recipient by office.
    #[arg(long = "cc-office")]
    cc_office: Vec<String>,
    /// A free cc line.
    #[arg(long)]
    cc: Vec<String>,
    #[arg(long)]
    date: NaiveDate,
    #[arg(long)]
    subject: String,
    /// The body in light markup.
    #[arg(long)]
    body_file: PathBuf,
    /// The issue whose position (the version in force on the date) the letter cites.
    #[arg(long)]
    issue: Option<String>,
    /// Signer id (the first signer when omitted).
    #[arg(long)]
    signer: Option<i64>,
    /// One copy per addressee instead of one joint letter.
    #[arg(long)]
    per_recipient: bool,
    /// Every member of a group on the letter's date: a committee by code or
    /// name (SSFI, "Committee on Ways and Means"), a state's delegation
    /// (delegation:WA, delegation:WA:senate, delegation:WA:house), a whole
    /// chamber (senate, house) or a saved list (list:NAME); leaders:CODE for
    /// a committee's chair and ranking member.
    #[arg(long = "to-group", value_name = "GROUP")]
    to_group: Vec<String>,
    /// Of each committee, only the chair and the ranking member.
    #[arg(long)]
    leaders_only: bool,
}

/// A group as typed on the command line; `--leaders-only` makes a
/// committee its chair and ranking member.
fn group_ref(text: &str, leaders_only: bool) -> Result<GroupRef, AppError> {
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
        #[arg(long)]
        on: Option<NaiveDate>,
        /// Of a committee, only the chair and the ranking member.
        #[arg(long)]
        leaders_only: bool,
    },
}

pub fn groups(app: &App, cmd: Groups) -> Result<(), AppError> {
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
            let on = on.unwrap_or_else(|| app.clock().today());
            let e = app.expand_group(&group_ref(&group, leaders_only)?, on)?;
            out!("{} on {on}: {} members", e.label, e.members.len());
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
        #[arg(long)]
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
        #[arg(long)]
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

#[derive(Subcommand)]
pub enum Signers {
    /// Who signs letters, and whether their signature image is on file.
    List,
    /// Add a signer.
    Add {
        name: String,
        #[arg(long)]
        title: Option<String>,
    },
    /// Put a PNG of the signer's handwritten signature on file: letters
    /// they sign from now on are drawn with it.
    Signature {
        id: i64,
        /// The PNG image (a transparent background looks best).
        #[arg(required_unless_present = "remove", conflicts_with = "remove")]
        png: Option<PathBuf>,
        /// Take the image off file instead.
        #[arg(long)]
        remove: bool,
    },
}

pub fn signers(app: &App, cmd: Signers) -> Result<(), AppError> {
    match cmd {
        Signers::List => {
            for s in app.catalog()?.signers {
                let title = s.title.map(|t| format!(", {t}")).unwrap_or_default();
                let image = if s.has_signature {
                    "signature on file"
                } else {
                    "no signature image"
                };
                out!("{:>4}  {}{title}  ({image})", s.id, s.name);
            }
        }
        Signers::Add { name, title } => {
            let id = app.add_signer(&name, title.as_deref())?;
            out!("signer {id} added: {name}");
        }
        Signers::Signature { id, png, remove } => {
            let png = if remove { None } else { png };
            app.set_signer_signature(id, png.as_deref())?;
            match png {
                Some(p) => out!("signer {id}'s signature is now {}", p.display()),
                None => out!("signer {id} has no signature image on file"),
            }
        }
    }
    Ok(())
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
            let s = app.import_csv(&file, app.clock().now(), false)?;
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

#[derive(Args)]
pub struct LogArgs {
    #[arg(long)]
    csv: bool,
    #[arg(long)]
    issue: Option<String>,
    #[arg(long)]
    person: Option<i64>,
    #[arg(long)]
    office: Option<String>,
    #[arg(long)]
    status: Option<Status>,
    #[arg(long)]
    from: Option<NaiveDate>,
    #[arg(long)]
    to: Option<NaiveDate>,
    /// Only copies whose follow-up is due by this date and that had no reply.
    #[arg(long)]
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

fn opt(v: Option<impl ToString>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "—".into())
}

fn acting(yes: bool) -> &'static str {
    if yes { " (acting)" } else { "" }
}

pub fn officials(app: &App, cmd: Officials) -> Result<(), AppError> {
    let now = app.clock().now();
    match cmd {
        Officials::List { text } => {
            let today = app.clock().today();
            for row in app.officials_up_to(text.as_deref().unwrap_or(""), today, 500)? {
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
            let id = app.save_person(None, &args.person(), now)?;
            out!("added person {id}");
        }
        Officials::Edit { id, person } => {
            app.save_person(Some(id), &person.person(), now)?;
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
        } => {
            let id = app.add_term(&NewTerm {
                person_id: person,
                office_id: app.find_office(&office)?.id,
                start_on: start,
                end_on: end,
                acting,
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

pub fn offices(app: &App, cmd: Offices) -> Result<(), AppError> {
    match cmd {
        Offices::List { text } => {
            for row in app.office_rows(text.as_deref().unwrap_or(""), app.clock().today())? {
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
            let h = app.office_holder(&office, on.unwrap_or_else(|| app.clock().today()))?;
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

pub fn issues(app: &App, cmd: Issues) -> Result<(), AppError> {
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
                    adopted_on: on.unwrap_or_else(|| app.clock().today()),
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

fn show_letter(app: &App, id: i64) -> Result<(), AppError> {
    let r = app.letter_record(id)?;
    let l = &r.detail.summary;
    out!("letter {id}: {}", l.subject);
    out!("  date:     {}", l.date);
    out!("  status:   {}", l.status);
    out!("  mode:     {}", l.mode);
    out!("  template: {} v{}", r.template, r.template_version);
    if let Some(p) = &r.position {
        out!(
            "  position: {} — {} (v{}, {})",
            p.issue,
            p.stance,
            p.version,
            p.adopted_on
        );
    }
    if let Some(rev) = l.revision_of {
        out!("  revision of letter {rev}");
    }
    for g in &r.detail.draft.extra.groups {
        out!(
            "  group:    {}, {} members on {}",
            g.label,
            g.members,
            l.date
        );
    }
    for c in &r.detail.recipients {
        let sent = match (c.method, c.sent_at) {
            (Some(m), Some(at)) => format!("sent {} by {m}", at.format("%Y-%m-%d %H:%M UTC")),
            _ => "not sent".into(),
        };
        out!(
            "  {}. [{}] {}, {} — {sent}",
            c.number,
            c.role,
            c.name.as_deref().unwrap_or("(no holder on record)"),
            opt(c.office.as_deref())
        );
        if let Some(f) = c.follow_up_on {
            match &c.owner {
                Some(o) => out!("       follow up by {f} ({o})"),
                None => out!("       follow up by {f}"),
            }
        }
        for k in &c.contacts {
            let who = if k.who.is_empty() {
                String::new()
            } else {
                format!(" with {}", k.who)
            };
            out!("       {} {}{who}: {}", k.on, k.kind, k.notes);
        }
        if let Some(reply) = c.reply_on {
            out!("       reply {reply}: {}", opt(c.reply_notes.as_deref()));
        }
        if let Some(f) = &c.reply_file {
            out!(
                "       reply PDF {}: {}, {}, sha256 {}",
                f.id,
                f.file_name,
                store_size(f.size),
                f.sha256
            );
        }
    }
    for e in &r.events {
        let tail = match e.actor.as_deref() {
            None => e.detail.clone(),
            Some(a) if e.detail.is_empty() => format!("by {a}"),
            Some(a) => format!("{} (by {a})", e.detail),
        };
        out!("  {}  {:<11} {tail}", e.at.format("%Y-%m-%d %H:%M"), e.kind);
    }
    for (archive, bytes, sha256) in &r.archived {
        out!("  archived copy {archive}: {bytes} bytes, sha256 {sha256}");
    }
    Ok(())
}

fn new_letter(app: &App, a: NewArgs, now: DateTime<Utc>) -> Result<(), AppError> {
    let body = std::fs::read_to_string(&a.body_file).map_err(|source| AppError::Read {
        path: a.body_file.clone(),
        source,
    })?;
    let drafted = app.draft_from_request(
        &DraftRequest {
            template: a.template,
            to_offices: a.to,
            to_persons: a.to_person,
            cc_offices: a.cc_office,
            cc_lines: a.cc,
            date: a.date,
            subject: a.subject,
            body,
            issue: a.issue,
            signer: a.signer,
            per_recipient: a.per_recipient,
            to_groups: a
                .to_group
                .iter()
                .map(|g| group_ref(g, a.leaders_only))
                .collect::<Result<_, _>>()?,
        },
        now,
    )?;
    for w in &drafted.warnings {
        eprintln!("warning: {w}");
    }
    out!("drafted letter {}", drafted.letter_id);
    Ok(())
}

pub fn letters(app: &App, cmd: Letters) -> Result<(), AppError> {
    let now = app.clock().now();
    match cmd {
        Letters::New(a) => new_letter(app, a, now)?,
        Letters::List { status } => {
            for l in app.letters(status)? {
                out!("{:>5}  {}  {:<8} {}", l.id, l.date, l.status, l.subject);
            }
        }
        Letters::Show { id } => show_letter(app, id)?,
        Letters::Copy { id, date } => {
            let copy = app.copy_letter(id, date.unwrap_or_else(|| app.clock().today()))?;
            let drafted = app.draft_letter(&copy, now)?;
            for w in &drafted.warnings {
                eprintln!("warning: {w}");
            }
            out!(
                "drafted letter {} (a copy of letter {id})",
                drafted.letter_id
            );
        }
        Letters::Approve { id } => {
            app.approve(id, now)?;
            out!("letter {id} approved");
        }
        Letters::Sign {
            id,
            certificate: None,
        } => {
            app.sign(id, now)?;
            out!("letter {id} signed");
        }
        Letters::Sign {
            id,
            certificate: Some(file),
        } => {
            // Never a flag: it would stay in the shell's history.
            let given = std::env::var("AMICUS_CERT_PASSWORD").ok();
            let password = app
                .certificate_password_for(&file, given)
                .map_err(|e| match e {
                    AppError::Invalid { ref field, .. } if field == "password" => {
                        AppError::invalid(
                            "certificate",
                            "set AMICUS_CERT_PASSWORD to the certificate's password (it is never a flag), \
                             or keep it in the keychain by signing once in the app with \"Remember the password\"",
                        )
                    }
                    other => other,
                })?;
            let signed = app.sign_digitally(id, &file, &password, now)?;
            out!(
                "letter {id} signed, and digitally signed by {}",
                signed.signer
            );
            for w in &signed.warnings {
                eprintln!("warning: {w}");
            }
        }
        Letters::Send {
            id,
            recipient,
            method: Method::Email,
            draft: Some(file),
            ..
        } => {
            let number = match recipient {
                Some(n) => n,
                None => only_unsent_copy(app, id)?,
            };
            let d = app.email_draft(id, number, &file)?;
            out!(
                "wrote {} to {} ({}); open it in your mail program, send it, then record it with \
                 `amicus letters send {id} --recipient {number} --method email --record-only --confirmation '{}'`",
                d.path.display(),
                d.address,
                d.message_id,
                d.message_id
            );
        }
        Letters::Send { draft: Some(_), .. } => {
            return Err(AppError::invalid(
                "draft",
                "--draft writes an e-mail: use it with --method email",
            ));
        }
        Letters::Send {
            id,
            recipient,
            method: Method::Email,
            record_only: false,
            smtp,
            smtps,
            resend,
            ..
        } => {
            let mut req = EmailRequest::new(id);
            req.copy = recipient;
            req.resend = resend;
            req.server = smtp.or(smtps);
            req.password = std::env::var("AMICUS_SMTP_PASSWORD").ok();
            req.progress = Some(Box::new(|done, total, who: &str| {
                if done < total {
                    eprintln!("sending {} of {total}: {who}", done + 1);
                }
                true
            }));
            let results = app.send_by_email(req)?;
            let mut failed = 0;
            for r in results {
                let to = r.address.as_deref().unwrap_or("no address");
                match r.outcome {
                    EmailOutcome::Sent { message_id, at } => {
                        out!(
                            "sent copy {} to {} <{to}> at {}: {message_id}",
                            r.number,
                            r.name,
                            at.format("%Y-%m-%d %H:%M:%S UTC")
                        )
                    }
                    EmailOutcome::Resent { message_id, at } => {
                        out!(
                            "resent copy {} to {} <{to}> at {}: {message_id}",
                            r.number,
                            r.name,
                            at.format("%Y-%m-%d %H:%M:%S UTC")
                        )
                    }
                    EmailOutcome::Refused { reason } => {
                        failed += 1;
                        eprintln!(
                            "copy {} to {} <{to}> was not sent: {reason}",
                            r.number, r.name
                        );
                    }
                    EmailOutcome::NoAddress => {
                        out!(
                            "copy {} to {}: no e-mail address on record; send it another way",
                            r.number,
                            r.name
                        )
                    }
                    EmailOutcome::NotTried { reason } => {
                        failed += 1;
                        eprintln!("copy {} to {}: {reason}", r.number, r.name);
                    }
                }
            }
            if failed > 0 {
                return Err(AppError::Conflict(format!(
                    "{failed} cop{} of letter {id} not sent; they stay unsent and can be sent again",
                    if failed == 1 { "y was" } else { "ies were" }
                )));
            }
        }
        Letters::Send { smtp: Some(_), .. }
        | Letters::Send { smtps: Some(_), .. }
        | Letters::Send { resend: true, .. } => {
            return Err(AppError::invalid(
                "method",
                "--smtp, --smtps and --resend send by e-mail: use them with --method email",
            ));
        }
        Letters::Send {
            id,
            recipient,
            method,
            confirmation,
            follow_up,
            no_follow_up,
            at,
            ..
        } => {
            let sent = app.send_copies(
                &SendRequest {
                    letter_id: id,
                    copy: recipient,
                    report: SendReport {
                        method,
                        at: at.unwrap_or(now),
                        confirmation,
                        follow_up: match (follow_up, no_follow_up) {
                            (Some(day), _) => FollowUp::On(day),
                            (None, true) => FollowUp::None,
                            (None, false) => FollowUp::Default,
                        },
                    },
                },
                now,
            )?;
            for (r, archive) in sent {
                out!("sent recipient {r} by {method}; archived as {archive}");
            }
        }
        Letters::Export {
            id,
            out,
            blank_signature,
        } => {
            let options = amicus_app::ExportOptions {
                blank_signature,
                ..Default::default()
            };
            for f in app.export_letter(id, &out, &options, now)? {
                out!("wrote {}", f.display());
            }
        }
        Letters::Revise { id } => {
            let new = app.revise(id, now)?;
            out!("letter {new} is a new draft revising letter {id}");
        }
        Letters::FollowUp {
            id,
            recipient,
            next,
            note,
        } => {
            app.record_follow_up(id, recipient, next, &note, now)?;
            out!("follow-up recorded");
        }
        Letters::Reply {
            id,
            recipient,
            on,
            notes,
            pdf,
        } => {
            let copy = app.copy_id(id, recipient)?;
            app.record_reply_with_file(copy, on, &notes, pdf.as_deref(), now)?;
            match pdf {
                Some(f) => out!("reply recorded, with {}", f.display()),
                None => out!("reply recorded"),
            }
        }
        Letters::Verify { id, all } => {
            let checks = match id {
                Some(id) if !all => vec![app.verify_letter(id)?],
                _ => app.verify_all()?,
            };
            for c in &checks {
                for line in c.lines() {
                    out!("{line}");
                }
            }
            if let Some(problem) = checks.iter().find_map(|c| c.first_problem()) {
                return Err(AppError::Damaged(problem));
            }
            if all {
                let n = checks.len();
                out!(
                    "{n} letter{} checked: every copy verified",
                    if n == 1 { "" } else { "s" }
                );
            }
        }
    }
    Ok(())
}

pub fn log(app: &App, a: LogArgs) -> Result<(), AppError> {
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
    };
    if a.csv {
        out_raw!("{}", app.log_csv(&filter)?);
        return Ok(());
    }
    for e in app.log(&filter)? {
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
        out!("{:<8} {:>5}  {}  — {}", h.kind, h.id, h.title, h.snippet);
    }
    Ok(())
}

/// The one copy of letter `id` not yet sent, for commands that act on one.
fn only_unsent_copy(app: &App, id: i64) -> Result<u32, AppError> {
    let unsent: Vec<u32> = app
        .open_letter(id)?
        .recipients
        .iter()
        .filter(|r| r.sent_at.is_none())
        .map(|r| r.number)
        .collect();
    match unsent.as_slice() {
        [one] => Ok(*one),
        [] => Err(AppError::Conflict(format!(
            "every copy of letter {id} has already been sent"
        ))),
        many => Err(AppError::invalid(
            "recipient",
            format!(
                "letter {id} has {} copies not yet sent; name one with --recipient N",
                many.len()
            ),
        )),
    }
}

#[derive(Subcommand)]
pub enum Mail {
    /// The mail server letters are e-mailed through.
    Show,
    /// Set the mail server. With AMICUS_SMTP_PASSWORD set, its password is
    /// kept in the system keychain.
    Set {
        /// The server's host name, e.g. smtp.office365.com.
        #[arg(long)]
        server: String,
        /// 587 for STARTTLS (the default), 465 for TLS.
        #[arg(long)]
        port: Option<u16>,
        /// TLS from the first byte (port 465) instead of STARTTLS.
        #[arg(long)]
        tls: bool,
        /// The login, when the server asks for one.
        #[arg(long)]
        user: Option<String>,
        /// The address letters are sent from.
        #[arg(long)]
        from: String,
        /// The name shown with it.
        #[arg(long)]
        from_name: Option<String>,
        /// The organization's own CA certificate (PEM), if the server's is not publicly trusted.
        #[arg(long, value_name = "FILE.pem")]
        ca: Option<PathBuf>,
    },
    /// Forget the mail server's password.
    ForgetPassword,
}

pub fn mail(app: &App, cmd: Mail) -> Result<(), AppError> {
    match cmd {
        Mail::Show => {
            let view = app.mail_settings()?;
            match view.settings {
                None => out!(
                    "no mail server set; set one with `amicus mail set --server HOST --from ADDRESS`"
                ),
                Some(s) => {
                    out!("server: {}", s.describe());
                    out!(
                        "from: {}{}",
                        s.from_name.map(|n| format!("{n} ")).unwrap_or_default(),
                        format_args!("<{}>", s.from_address)
                    );
                    if let Some(u) = &s.username {
                        out!(
                            "login: {u} (password {})",
                            if view.password_kept {
                                "kept"
                            } else {
                                "not kept"
                            }
                        );
                    }
                    if let Some(ca) = &s.ca_file {
                        out!("CA file: {ca}");
                    }
                }
            }
        }
        Mail::Set {
            server,
            port,
            tls,
            user,
            from,
            from_name,
            ca,
        } => {
            let security = if tls {
                MailSecurity::Tls
            } else {
                MailSecurity::Starttls
            };
            let settings = MailSettings {
                server,
                port: port.unwrap_or(security.usual_port()),
                security,
                username: user,
                from_address: from,
                from_name,
                ca_file: ca.map(|p| p.display().to_string()),
            };
            let password = std::env::var("AMICUS_SMTP_PASSWORD").ok();
            let kept = app.set_mail_settings(&settings, password.as_deref())?;
            out!("mail server set: {}", settings.describe());
            match kept {
                Some(SecretKept::Keychain) => out!("the password is kept in the system keychain"),
                Some(SecretKept::ThisSession) => out!(
                    "no system keychain answered, so the password was not kept; set AMICUS_SMTP_PASSWORD when sending"
                ),
                None => {}
            }
        }
        Mail::ForgetPassword => {
            app.forget_mail_password()?;
            out!("the mail server's password is forgotten");
        }
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum Paragraphs {
    /// Stock paragraphs whose title, text, tags or issue contain every word of SEARCH.
    List {
        #[arg(default_value = "")]
        search: String,
    },
    /// A paragraph's whole text.
    Show { id: i64 },
    /// Add a paragraph from a file of light markup.
    Add {
        #[arg(long)]
        title: String,
        #[arg(long)]
        file: PathBuf,
        /// The issue it speaks to (name or id).
        #[arg(long)]
        issue: Option<String>,
        /// A tag; repeat, or separate with commas.
        #[arg(long)]
        tag: Vec<String>,
    },
    /// Delete a paragraph (letters that used it keep their text).
    Delete { id: i64 },
}

pub fn paragraphs(app: &App, cmd: Paragraphs) -> Result<(), AppError> {
    match cmd {
        Paragraphs::List { search } => {
            for p in app.paragraphs(&search, None)? {
                let mut about = Vec::new();
                if let Some(i) = &p.issue {
                    about.push(i.clone());
                }
                about.extend(p.tags.iter().map(|t| format!("#{t}")));
                out!("{}\t{}\t{}", p.id, p.title, about.join(" "));
            }
        }
        Paragraphs::Show { id } => {
            let p = app.paragraph(id)?;
            out!("{}\n\n{}", p.title, p.body);
        }
        Paragraphs::Add {
            title,
            file,
            issue,
            tag,
        } => {
            let body = std::fs::read_to_string(&file).map_err(|source| AppError::Read {
                path: file.clone(),
                source,
            })?;
            let issue_id = match issue {
                Some(i) => Some(app.find_issue(&i)?.id),
                None => None,
            };
            let id = app.save_paragraph(
                None,
                &NewParagraph {
                    title,
                    body,
                    issue_id,
                    tags: tag,
                },
            )?;
            out!("added paragraph {id}");
        }
        Paragraphs::Delete { id } => {
            app.delete_paragraph(id)?;
            out!("deleted paragraph {id}");
        }
    }
    Ok(())
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct FollowupsArgs {
    #[command(subcommand)]
    cmd: Option<Followups>,
    /// Due by this date (the coming Sunday by default).
    #[arg(long)]
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
        #[arg(long)]
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

/// "120 KB".
fn store_size(bytes: u64) -> String {
    amicus_app::human_size(bytes)
}

pub fn replies(app: &App, cmd: Replies) -> Result<(), AppError> {
    let now = app.clock().now();
    match cmd {
        Replies::Attach { letter, copy, file } => {
            let id = app.copy_id(letter, copy)?;
            app.attach_reply(id, &file, now)?;
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
    let now = app.clock().now();
    match a.cmd {
        Some(Followups::Snooze { letter, copy, to }) => {
            let id = app.copy_id(letter, copy)?;
            let date = app.snooze_follow_up(id, to, now)?;
            out!("copy {copy} of letter {letter}: follow up by {date}");
            return Ok(());
        }
        Some(Followups::Assign { letter, copy, to }) => {
            let id = app.copy_id(letter, copy)?;
            app.assign_follow_up(id, &to, now)?;
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
                on: on.unwrap_or_else(|| app.clock().today()),
                kind,
                who,
                notes,
            };
            app.log_contact(id, &contact, now)?;
            out!(
                "{kind} on {} logged on copy {copy} of letter {letter}",
                contact.on
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
