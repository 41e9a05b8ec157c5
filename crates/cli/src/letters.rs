//! `amicus letters`: drafting, the list, a letter shown, approving,
//! signing, sending, exporting, revising, follow-ups, replies, verifying.

use std::path::PathBuf;

use amicus_app::{
    App, AppError, DraftRequest, EmailOutcome, EmailRequest, FollowUp, Method, SendReport,
    SendRequest, Status,
};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};

use crate::groups::group_ref;
use crate::print::*;

#[derive(Subcommand)]
pub enum Letters {
    /// Draft a letter from a template, a position and recipients.
    New(NewArgs),
    /// List letters, newest first.
    List {
        #[arg(long, conflicts_with = "deleted")]
        status: Option<Status>,
        /// List the deleted drafts instead (the latest deleted first), which
        /// `amicus letters restore ID` brings back.
        #[arg(long)]
        deleted: bool,
    },
    /// Delete a draft: it is kept, with when and by whom, out of the list,
    /// the search and the sent log until restored. An approved, signed or
    /// sent letter is never deleted.
    Delete { id: i64 },
    /// Bring a deleted draft back as it was.
    Restore { id: i64 },
    /// Show a letter, its recipients and its history.
    Show { id: i64 },
    /// Draft a new letter from letter ID (sent ones too): same template,
    /// body and cc lines, recipients by office resolved at the new date, the
    /// issue's position in force then.
    Copy {
        id: i64,
        /// The new letter's date (today by default).
        #[arg(value_parser = dates::parse, long)]
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
    Send(SendArgs),
    /// Write the letter's PDF (one per copy for per-recipient letters), or
    /// with `--format docx` a Word document to edit, built from the same letter.
    Export {
        id: i64,
        #[arg(long)]
        out: PathBuf,
        /// pdf (the default) or docx.
        #[arg(long, default_value = "pdf")]
        format: amicus_app::ExportFormat,
        /// A per-recipient letter as one file, a page break between the copies
        /// (by default one file per copy: OUT-01-name.pdf, OUT-02-….pdf).
        #[arg(long)]
        one_file: bool,
        /// Leave the space above the signer's name blank, to sign by hand
        /// (a signed letter is otherwise drawn with the signature image).
        #[arg(long)]
        blank_signature: bool,
    },
    /// Print the letter on a printer of this computer (CUPS): the same PDFs
    /// `export` writes, one job per copy unless --one-job; recorded in the
    /// letter's history. `amicus letters print --printers` lists the printers.
    Print {
        #[arg(required_unless_present = "printers")]
        id: Option<i64>,
        /// List the printers instead (the default first).
        #[arg(long, conflicts_with_all = ["copy", "printer", "copies", "two_sided", "tray", "one_job"])]
        printers: bool,
        /// Only this copy (its number in `letters show`).
        #[arg(long)]
        copy: Option<u32>,
        /// The printer; the system's default when not given.
        #[arg(long)]
        printer: Option<String>,
        /// How many of each copy.
        #[arg(long, default_value_t = 1)]
        copies: u32,
        /// Print on both sides of the sheet.
        #[arg(long)]
        two_sided: bool,
        /// The tray to take paper from, as the printer names it (Tray2, Manual).
        #[arg(long)]
        tray: Option<String>,
        /// Every copy in one job instead of one job per copy.
        #[arg(long)]
        one_job: bool,
    },
    /// Envelopes for a letter's copies, one a page, in the copies' order:
    /// the organization's return address at the top left, each addressee
    /// where the post reads it.
    Envelopes {
        id: i64,
        /// 10 (US No. 10, the default), dl or c5.
        #[arg(long, default_value = "10")]
        size: amicus_app::EnvelopeSize,
        #[arg(long)]
        out: PathBuf,
    },
    /// A sheet of address labels for a letter's copies, filled across then down.
    Labels {
        id: i64,
        /// 5160 (Avery 5160 and kin, US Letter; the default) or l7160 (A4).
        #[arg(long, default_value = "5160", conflicts_with = "grid")]
        sheet: amicus_app::LabelSheet,
        /// A grid of your own instead, in millimetres:
        /// "COLUMNSxROWS WIDTHxHEIGHT LEFT TOP ACROSS DOWN".
        #[arg(long)]
        grid: Option<String>,
        /// The paper of a grid of your own: letter (the default) or a4.
        #[arg(long, default_value = "letter", requires = "grid")]
        paper: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Start a new draft from a letter (the way to change a sent one).
    Revise { id: i64 },
    /// Record a follow-up on a sent copy.
    FollowUp {
        id: i64,
        #[arg(long)]
        recipient: u32,
        #[arg(value_parser = dates::parse, long)]
        next: Option<NaiveDate>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record a reply to a sent copy.
    Reply {
        id: i64,
        #[arg(long)]
        recipient: u32,
        #[arg(value_parser = dates::parse, long)]
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

/// `amicus letters send`: which copies, how they went, and (by e-mail)
/// through which server.
#[derive(Args)]
pub struct SendArgs {
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
    #[arg(value_parser = dates::parse, long, conflicts_with = "no_follow_up")]
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
    #[arg(value_parser = dates::parse, long)]
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
    /// The letter's language, a BCP 47 tag (en-US when omitted): its PDF's,
    /// what a screen reader reads it in.
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
}

fn show_letter(app: &App, id: i64, format: Format) -> Result<(), AppError> {
    let r = app.letter_record(id)?;
    if format.json {
        return json(&r);
    }
    let l = &r.detail.summary;
    out!("letter {id}: {}", l.subject);
    out!("  date:     {}", l.date);
    out!("  status:   {}", l.status);
    if let Some(at) = l.deleted_at {
        let by = l
            .deleted_by
            .as_deref()
            .map(|b| format!(" by {b}"))
            .unwrap_or_default();
        out!(
            "  deleted:  {}{by} (`amicus letters restore {id}` brings it back)",
            at.format("%Y-%m-%d %H:%M UTC")
        );
    }
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

fn new_letter(app: &App, a: NewArgs) -> Result<(), AppError> {
    let body = std::fs::read_to_string(&a.body_file).map_err(|source| AppError::Read {
        path: a.body_file.clone(),
        source,
    })?;
    let drafted = app.draft_from_request(&DraftRequest {
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
        lang: a.lang.clone(),
    })?;
    for w in &drafted.warnings {
        eprintln!("warning: {w}");
    }
    out!("drafted letter {}", drafted.letter_id);
    Ok(())
}

pub fn run(app: &App, cmd: Letters, format: Format) -> Result<(), AppError> {
    match cmd {
        Letters::New(a) => new_letter(app, a)?,
        Letters::List {
            deleted: true,
            status: _,
        } => {
            let deleted = app.deleted_letters()?;
            if format.json {
                json(&deleted)?;
            } else if deleted.is_empty() {
                out!("no deleted drafts");
            } else {
                for l in deleted {
                    let when = l
                        .deleted_at
                        .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string())
                        .unwrap_or_default();
                    let by = l.deleted_by.map(|b| format!(" by {b}")).unwrap_or_default();
                    out!("{:>5}  {}  deleted {when}{by}  {}", l.id, l.date, l.subject);
                }
            }
        }
        Letters::List { status, .. } if format.json => json(&app.letter_summaries(status)?)?,
        Letters::List { status, .. } => {
            for l in app.letters(status)? {
                out!("{:>5}  {}  {:<8} {}", l.id, l.date, l.status, l.subject);
            }
        }
        Letters::Delete { id } => {
            app.delete_draft(id)?;
            out!("letter {id} deleted; `amicus letters restore {id}` brings it back");
        }
        Letters::Restore { id } => {
            app.restore_draft(id)?;
            out!("letter {id} restored");
        }
        Letters::Show { id } => show_letter(app, id, format)?,
        Letters::Copy { id, date } => {
            let copy = app.copy_letter(id, date)?;
            let drafted = app.draft_letter(&copy)?;
            for w in &drafted.warnings {
                eprintln!("warning: {w}");
            }
            out!(
                "drafted letter {} (a copy of letter {id})",
                drafted.letter_id
            );
        }
        Letters::Approve { id } => {
            app.approve(id)?;
            out!("letter {id} approved");
        }
        Letters::Sign {
            id,
            certificate: None,
        } => {
            app.sign(id)?;
            out!("letter {id} signed");
        }
        Letters::Sign {
            id,
            certificate: Some(file),
        } => sign_digitally(app, id, &file)?,
        Letters::Send(a) => send(app, a)?,
        Letters::Export {
            id,
            out,
            format,
            one_file,
            blank_signature,
        } => {
            let options = amicus_app::ExportOptions {
                format,
                combined: one_file,
                blank_signature,
                ..Default::default()
            };
            for f in app.export_letter(id, &out, &options)? {
                out!("wrote {}", f.display());
            }
        }
        Letters::Print { printers: true, .. } => {
            let all = app.printers()?;
            if all.is_empty() {
                out!("no printer is set up on this computer");
            }
            for p in all {
                out!("{}{}", p.name, if p.default { " (default)" } else { "" });
            }
        }
        Letters::Print {
            id,
            copy,
            printer,
            copies,
            two_sided,
            tray,
            one_job,
            ..
        } => {
            let letter_id =
                id.ok_or_else(|| AppError::invalid("id", "name the letter to print"))?;
            let printed = app.print_letter(&amicus_app::PrintRequest {
                letter_id,
                copy,
                printer,
                copies,
                two_sided,
                tray,
                one_job,
            })?;
            out!(
                "printed {} {} on {} (job {})",
                printed.sheets_of,
                if printed.sheets_of == 1 {
                    "copy"
                } else {
                    "copies"
                },
                printed.printer,
                printed.jobs.join(", ")
            );
        }
        Letters::Envelopes { id, size, out } => {
            let n = app.export_paper(id, amicus_app::PaperKind::Envelopes(size), &out)?;
            out!("wrote {} ({n} envelopes)", out.display());
        }
        Letters::Labels {
            id,
            sheet,
            grid,
            paper,
            out,
        } => {
            let sheet = match grid {
                Some(grid) => {
                    let page = match paper.to_ascii_lowercase().as_str() {
                        "letter" => amicus_app::PageSize::LETTER,
                        "a4" => amicus_app::PageSize::A4,
                        other => {
                            return Err(AppError::invalid(
                                "paper",
                                format!("\"{other}\" is not a paper size; choose letter or a4"),
                            ));
                        }
                    };
                    amicus_app::LabelSheet::custom(page, &grid)
                        .map_err(|e| AppError::invalid("grid", e))?
                }
                None => sheet,
            };
            let n = app.export_paper(id, amicus_app::PaperKind::Labels(sheet), &out)?;
            out!("wrote {} ({n} labels)", out.display());
        }
        Letters::Revise { id } => {
            let new = app.revise(id)?;
            out!("letter {new} is a new draft revising letter {id}");
        }
        Letters::FollowUp {
            id,
            recipient,
            next,
            note,
        } => {
            app.record_follow_up(id, recipient, next, &note)?;
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
            app.record_reply_with_file(copy, on, &notes, pdf.as_deref())?;
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

/// Sign letter `id` and each copy digitally with the certificate in `file`;
/// its password from AMICUS_CERT_PASSWORD or the keychain.
fn sign_digitally(app: &App, id: i64, file: &std::path::Path) -> Result<(), AppError> {
    // Never a flag: it would stay in the shell's history.
    let given = std::env::var("AMICUS_CERT_PASSWORD").ok();
    let password = app
        .certificate_password_for(file, given)
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
    let signed = app.sign_digitally(id, file, &password)?;
    out!(
        "letter {id} signed, and digitally signed by {}",
        signed.signer
    );
    for w in &signed.warnings {
        eprintln!("warning: {w}");
    }
    Ok(())
}

/// Send copies of a letter: by e-mail (or as an e-mail draft), or record a
/// sending done another way.
fn send(app: &App, a: SendArgs) -> Result<(), AppError> {
    match a {
        SendArgs {
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
        SendArgs { draft: Some(_), .. } => {
            return Err(AppError::invalid(
                "draft",
                "--draft writes an e-mail: use it with --method email",
            ));
        }
        SendArgs {
            id,
            recipient,
            method: Method::Email,
            record_only: false,
            smtp,
            smtps,
            resend,
            ..
        } => {
            send_by_email(app, id, recipient, smtp.or(smtps), resend)?;
        }
        SendArgs { smtp: Some(_), .. }
        | SendArgs { smtps: Some(_), .. }
        | SendArgs { resend: true, .. } => {
            return Err(AppError::invalid(
                "method",
                "--smtp, --smtps and --resend send by e-mail: use them with --method email",
            ));
        }
        SendArgs {
            id,
            recipient,
            method,
            confirmation,
            follow_up,
            no_follow_up,
            at,
            ..
        } => {
            let sent = app.send_copies(&SendRequest {
                letter_id: id,
                copy: recipient,
                report: SendReport {
                    method,
                    at,
                    confirmation,
                    follow_up: match (follow_up, no_follow_up) {
                        (Some(day), _) => FollowUp::On(day),
                        (None, true) => FollowUp::None,
                        (None, false) => FollowUp::Default,
                    },
                },
            })?;
            for (r, archive) in sent {
                out!("sent recipient {r} by {method}; archived as {archive}");
            }
        }
    }
    Ok(())
}

/// E-mail copies of letter `id` (the one numbered, or every unsent one)
/// and say how each went; fails when any was not sent.
fn send_by_email(
    app: &App,
    id: i64,
    recipient: Option<u32>,
    server: Option<String>,
    resend: bool,
) -> Result<(), AppError> {
    let mut req = EmailRequest::new(id);
    req.copy = recipient;
    req.resend = resend;
    req.server = server;
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
