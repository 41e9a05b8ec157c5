//! The `amicus` commands over the record: officials, offices, issues,
//! letters, the log, search, backup and restore. Parsing and printing only;
//! the work is in `amicus_app::App`.

use std::path::PathBuf;

use amicus_app::store::log::LogFilter;
use amicus_app::store::{
    LetterMode, Method, NewOffice, NewPerson, NewPosition, NewTerm, OfficeKind, Role, Stance,
    Status, StoreError,
};
use amicus_app::{Addressee, App, AppError, LetterExtra, NewLetter, RecipientChoice, SendReport};
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
    Show {
        id: i64,
    },
    Approve {
        id: i64,
    },
    /// Mark an approved letter signed.
    Sign {
        id: i64,
    },
    /// Mark copies sent and archive the exact PDF of each.
    Send {
        id: i64,
        /// Recipient number from `letters show` (all unsent ones when omitted).
        #[arg(long)]
        recipient: Option<u32>,
        /// mail, email, fax, hand or portal.
        #[arg(long)]
        method: Method,
        #[arg(long)]
        confirmation: Option<String>,
        #[arg(long)]
        follow_up: Option<NaiveDate>,
        /// When it went out (RFC 3339); now when omitted.
        #[arg(long)]
        at: Option<DateTime<Utc>>,
    },
    /// Write the letter's PDF (one per copy for per-recipient letters).
    Export {
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Start a new draft from a letter (the way to change a sent one).
    Revise {
        id: i64,
    },
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
    },
    /// Re-render every archived copy and check it matches what was sent.
    Verify {
        id: i64,
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
}

#[derive(Subcommand)]
pub enum Import {
    /// The congress-legislators roster (a folder with legislators-current.yaml).
    Congress {
        dir: PathBuf,
        /// Show what would change and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Terms of members no longer listed end on this date (today by default).
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

pub fn export(app: &App, cmd: Export) -> Result<(), AppError> {
    match cmd {
        Export::Officials { .. } => out_raw!("{}", app.store.export_officials_csv()?),
    }
    Ok(())
}

pub fn import(app: &mut App, cmd: Import) -> Result<(), AppError> {
    match cmd {
        Import::Congress {
            dir,
            dry_run,
            as_of,
        } => {
            let s = app.import_congress(&dir, as_of.unwrap_or_else(today), Utc::now(), dry_run)?;
            print_summary(&s, dry_run);
        }
        Import::Posts {
            file,
            dry_run,
            as_of,
        } => {
            let s = app.import_posts(
                file.as_deref(),
                as_of.unwrap_or_else(today),
                Utc::now(),
                dry_run,
            )?;
            print_summary(&s, dry_run);
        }
        Import::Csv { file } => {
            let text = std::fs::read_to_string(&file).map_err(|source| AppError::Read {
                path: file.clone(),
                source,
            })?;
            let s = app.store.import_officials_csv(&text, Utc::now())?;
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

fn print_summary(s: &amicus_app::store::import::ImportSummary, dry_run: bool) {
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
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn office_id(app: &App, text: &str) -> Result<i64, AppError> {
    if let Ok(id) = text.trim().parse::<i64>() {
        return Ok(app.store.office(id)?.id);
    }
    Ok(app.store.find_office(text)?.id)
}

fn opt(v: Option<impl ToString>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "—".into())
}

pub fn officials(app: &mut App, cmd: Officials) -> Result<(), AppError> {
    let now = Utc::now();
    match cmd {
        Officials::List { text } => {
            for p in app.store.persons(text.as_deref().unwrap_or(""), 500)? {
                let holding = app.store.latest_holding(p.id, today())?;
                let office = holding.map(|h| {
                    let until = h
                        .term
                        .end_on
                        .map(|e| format!(" (until {e})"))
                        .unwrap_or_default();
                    format!("{}{until}", h.office.title)
                });
                out!("{:>5}  {:<28} {}", p.id, p.full_name, opt(office));
            }
        }
        Officials::Show { id } => {
            let p = app.store.person(id)?;
            out!("{} (#{})", p.full_name, p.id);
            out!("  family name: {}", p.family_name);
            out!("  honorific:   {}", opt(p.honorific));
            out!("  salutation:  {}", opt(p.salutation));
            out!("  email:       {}", opt(p.email));
            if let Some(r) = p.retired_on {
                out!("  retired on:  {r}");
            }
            for t in app.store.terms_of_person(id)? {
                let o = app.store.office(t.office_id)?;
                out!(
                    "  term {:>4}: {} from {} to {}{}",
                    t.id,
                    o.title,
                    t.start_on,
                    opt(t.end_on),
                    if t.acting { " (acting)" } else { "" }
                );
            }
            for o in app.store.local_offices(id)? {
                out!("  district office, {}: {}", o.city, o.address.join(", "));
                if let Some(phone) = o.phone {
                    out!("    phone {phone}");
                }
            }
        }
        Officials::Add(args) => {
            let id = app.store.add_person(&args.person(), now)?;
            out!("added person {id}");
        }
        Officials::Edit { id, person } => {
            app.store.edit_person(id, &person.person(), now)?;
            out!("updated person {id}");
        }
        Officials::Retire { id, on } => {
            app.store.retire_person(id, on)?;
            out!("person {id} retired on {on}");
        }
        Officials::Term {
            person,
            office,
            start,
            end,
            acting,
        } => {
            let office_id = office_id(app, &office)?;
            let id = app.store.add_term(&NewTerm {
                person_id: person,
                office_id,
                start_on: start,
                end_on: end,
                acting,
            })?;
            out!("added term {id}");
        }
        Officials::EndTerm { term, on } => {
            let t = app.store.term(term)?;
            app.store.edit_term(
                term,
                &NewTerm {
                    person_id: t.person_id,
                    office_id: t.office_id,
                    start_on: t.start_on,
                    end_on: Some(on),
                    acting: t.acting,
                },
            )?;
            out!("term {term} ends on {on}");
        }
    }
    Ok(())
}

pub fn offices(app: &mut App, cmd: Offices) -> Result<(), AppError> {
    match cmd {
        Offices::List { text } => {
            for o in app.store.offices(text.as_deref().unwrap_or(""))? {
                let holder = app.store.holder_on(o.id, today())?;
                out!(
                    "{:>5}  {:<40} {:<10} {}",
                    o.id,
                    o.title,
                    opt(o.short_name),
                    opt(holder.map(|h| h.person.full_name))
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
        } => {
            let id = app.store.add_office(&NewOffice {
                title,
                short_name: short,
                organization,
                kind,
                single_holder: !shared,
                address,
            })?;
            out!("added office {id}");
        }
        Offices::Holder { office, on } => {
            let id = office_id(app, &office)?;
            let on = on.unwrap_or_else(today);
            let o = app.store.office(id)?;
            match app.store.holder_on(id, on)? {
                Some(h) => out!(
                    "{} on {on}: {}{}",
                    o.title,
                    h.person.full_name,
                    if h.term.acting { " (acting)" } else { "" }
                ),
                None => out!("{} on {on}: vacant", o.title),
            }
            if !o.address.is_empty() {
                out!("  address: {}", o.address.join(", "));
            }
            if let Some(retired) = o.retired_on {
                out!("  retired on {retired}");
            }
            for t in app.store.terms_of_office(id)? {
                let p = app.store.person(t.person_id)?;
                out!(
                    "  {} to {}  {}{}",
                    t.start_on,
                    opt(t.end_on),
                    p.full_name,
                    if t.acting { " (acting)" } else { "" }
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
        } => {
            let id = office_id(app, &office)?;
            let o = app.store.office(id)?;
            app.store.edit_office(
                id,
                &NewOffice {
                    title: title.unwrap_or(o.title),
                    short_name: short.or(o.short_name),
                    organization: organization.or(o.organization),
                    kind: kind.unwrap_or(o.kind),
                    single_holder: o.single_holder,
                    address: if address.is_empty() {
                        o.address
                    } else {
                        address
                    },
                },
            )?;
            out!("office {id} changed");
        }
        Offices::Reinstate { office } => {
            let id = office_id(app, &office)?;
            app.store.reinstate_office(id)?;
            out!("office {id} reinstated");
        }
        Offices::Retire { office, on } => {
            let id = office_id(app, &office)?;
            app.store.retire_office(id, on)?;
            out!("office {id} retired on {on}");
        }
    }
    Ok(())
}

pub fn issues(app: &mut App, cmd: Issues) -> Result<(), AppError> {
    match cmd {
        Issues::List => {
            for i in app.store.issues()? {
                let current = app.store.positions(i.id)?.into_iter().next();
                let stance =
                    current.map(|p| format!("{} (v{}, {})", p.stance, p.version, p.adopted_on));
                out!("{:>5}  {:<48} {}", i.id, i.name, opt(stance));
            }
        }
        Issues::Add { name, summary } => {
            let id = app.store.add_issue(&name, &summary)?;
            out!("added issue {id}");
        }
        Issues::Show { issue } => {
            let i = app.store.find_issue(&issue)?;
            out!("{} (#{})", i.name, i.id);
            if !i.summary.is_empty() {
                out!("  {}", i.summary);
            }
            for p in app.store.positions(i.id)? {
                out!(
                    "  v{} {} adopted {}: {}",
                    p.version,
                    p.stance,
                    p.adopted_on,
                    p.statement
                );
                for l in app.store.letters_citing(p.id)? {
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
            let i = app.store.find_issue(&issue)?;
            let p = app.store.add_position(
                i.id,
                &NewPosition {
                    stance,
                    adopted_on: on.unwrap_or_else(today),
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

fn recipient_id(app: &App, letter: i64, number: u32) -> Result<i64, AppError> {
    app.store
        .recipients(letter)?
        .into_iter()
        .find(|r| r.ord == number)
        .map(|r| r.id)
        .ok_or_else(|| {
            AppError::Store(StoreError::not_found(
                "recipient",
                format!("{number} of letter {letter}"),
            ))
        })
}

pub fn letters(app: &mut App, cmd: Letters) -> Result<(), AppError> {
    let now = Utc::now();
    match cmd {
        Letters::New(a) => {
            let body = std::fs::read_to_string(&a.body_file).map_err(|source| AppError::Read {
                path: a.body_file.clone(),
                source,
            })?;
            let mut recipients = Vec::new();
            for o in &a.to {
                recipients.push(RecipientChoice {
                    role: Role::To,
                    to: Addressee::Office(office_id(app, o)?),
                });
            }
            for p in &a.to_person {
                recipients.push(RecipientChoice {
                    role: Role::To,
                    to: Addressee::Person(*p),
                });
            }
            for o in &a.cc_office {
                recipients.push(RecipientChoice {
                    role: Role::Cc,
                    to: Addressee::Office(office_id(app, o)?),
                });
            }
            let position_id = match &a.issue {
                Some(issue) => {
                    let i = app.store.find_issue(issue)?;
                    let p = app.store.position_on(i.id, a.date)?.ok_or_else(|| {
                        AppError::Store(StoreError::invalid(
                            "issue",
                            format!("no position on {} had been adopted by {}", i.name, a.date),
                        ))
                    })?;
                    Some(p.id)
                }
                None => None,
            };
            let signer_id = match a.signer {
                Some(s) => s,
                None => app.store.signers()?.first().map(|s| s.id).ok_or_else(|| {
                    AppError::Store(StoreError::invalid(
                        "signer",
                        "there are no signers yet; add one first",
                    ))
                })?,
            };
            let drafted = app.draft_letter(
                &NewLetter {
                    template: a.template,
                    position_id,
                    signer_id,
                    date: a.date,
                    subject: a.subject,
                    body,
                    mode: if a.per_recipient {
                        LetterMode::PerRecipient
                    } else {
                        LetterMode::Joint
                    },
                    recipients,
                    extra: LetterExtra {
                        cc: a.cc,
                        ..Default::default()
                    },
                },
                now,
            )?;
            for w in &drafted.warnings {
                eprintln!("warning: {w}");
            }
            out!("drafted letter {}", drafted.letter_id);
        }
        Letters::List { status } => {
            for l in app.letters(status)? {
                out!("{:>5}  {}  {:<8} {}", l.id, l.date, l.status, l.subject);
            }
        }
        Letters::Show { id } => {
            let l = app.store.letter(id)?;
            let template = app.store.template(l.template_id)?;
            out!("letter {id}: {}", l.subject);
            out!("  date:     {}", l.date);
            out!("  status:   {}", l.status);
            out!("  mode:     {}", l.mode);
            out!("  template: {} v{}", template.key, template.version);
            if let Some(p) = l.position_id {
                let p = app.store.position(p)?;
                out!(
                    "  position: {} — {} (v{}, {})",
                    p.issue,
                    p.stance,
                    p.version,
                    p.adopted_on
                );
            }
            if let Some(r) = l.revision_of {
                out!("  revision of letter {r}");
            }
            for r in app.store.recipients(id)? {
                let who = match r.person_id {
                    Some(p) => app.store.person(p)?.full_name,
                    None => "(vacant)".into(),
                };
                let office = r
                    .office_id
                    .map(|o| app.store.office(o).map(|o| o.title))
                    .transpose()?;
                let sent = match (r.method, r.sent_at) {
                    (Some(m), Some(at)) => {
                        format!("sent {} by {m}", at.format("%Y-%m-%d %H:%M UTC"))
                    }
                    _ => "not sent".into(),
                };
                out!(
                    "  {}. [{}] {}, {} — {sent}",
                    r.ord,
                    r.role,
                    who,
                    opt(office)
                );
                if let Some(f) = r.follow_up_on {
                    out!("       follow up by {f}");
                }
                if let Some(reply) = r.reply_on {
                    out!("       reply {reply}: {}", opt(r.reply_notes));
                }
            }
            for e in app.store.events(id)? {
                out!(
                    "  {}  {:<11} {}",
                    e.at.format("%Y-%m-%d %H:%M"),
                    e.kind,
                    e.detail
                );
            }
            for a in app.store.archived(id)? {
                out!(
                    "  archived copy {}: {} bytes, sha256 {}",
                    a.id,
                    a.pdf.len(),
                    a.sha256
                );
            }
        }
        Letters::Approve { id } => {
            app.approve(id, now)?;
            out!("letter {id} approved");
        }
        Letters::Sign { id } => {
            app.sign(id, now)?;
            out!("letter {id} signed");
        }
        Letters::Send {
            id,
            recipient,
            method,
            confirmation,
            follow_up,
            at,
        } => {
            let targets: Vec<i64> = match recipient {
                Some(n) => vec![recipient_id(app, id, n)?],
                None => app
                    .store
                    .recipients(id)?
                    .into_iter()
                    .filter(|r| r.sent_at.is_none())
                    .map(|r| r.id)
                    .collect(),
            };
            if targets.is_empty() {
                return Err(AppError::Store(StoreError::Conflict(format!(
                    "every copy of letter {id} has already been sent"
                ))));
            }
            let report = SendReport {
                method,
                at: at.unwrap_or(now),
                confirmation,
                follow_up_on: follow_up,
            };
            for r in targets {
                let archive = app.mark_sent(r, &report, now)?;
                out!("sent recipient {r} by {method}; archived as {archive}");
            }
        }
        Letters::Export { id, out } => {
            for f in app.export_letter(id, &out, &amicus_app::ExportOptions::default(), now)? {
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
            let r = recipient_id(app, id, recipient)?;
            app.store.record_follow_up(r, now, next, &note)?;
            out!("follow-up recorded");
        }
        Letters::Reply {
            id,
            recipient,
            on,
            notes,
        } => {
            let r = recipient_id(app, id, recipient)?;
            app.store.record_reply(r, on, &notes, now)?;
            out!("reply recorded");
        }
        Letters::Verify { id } => {
            let n = app.verify_archive(id)?;
            out!(
                "{n} archived cop{} of letter {id} verified: hash and re-render match",
                if n == 1 { "y" } else { "ies" }
            );
        }
    }
    Ok(())
}

pub fn log(app: &App, a: LogArgs) -> Result<(), AppError> {
    let filter = LogFilter {
        issue_id: a
            .issue
            .map(|i| app.store.find_issue(&i).map(|i| i.id))
            .transpose()?,
        person_id: a.person,
        office_id: a.office.map(|o| office_id(app, &o)).transpose()?,
        status: a.status,
        from: a.from,
        to: a.to,
        follow_up_due: a.due,
        limit: 100_000,
    };
    if a.csv {
        out_raw!("{}", app.store.log_csv(&filter)?);
        return Ok(());
    }
    for e in app.log(&filter)? {
        let sent = match (e.method, e.sent_at) {
            (Some(m), Some(at)) => format!("{} {m}", at.format("%Y-%m-%d")),
            _ => "not sent".into(),
        };
        out!(
            "{:>5}  {}  {:<8} {:<22} {:<16} follow-up {}  reply {}  {}",
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
