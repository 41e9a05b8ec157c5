//! `amicus`: the command-line front end. Every command is a thin call into
//! `amicus_app`: its arguments (clap) become the use case's request, and
//! the view it answers is printed, as lines or, with `--json`, as JSON for
//! scripts. One module per area, as crates/app has; this file parses the
//! command line and opens the record.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use amicus_app::team::{RecordChoice, record_to_open};
use amicus_app::{App, AppError, Clock, Engine, Problem};
use clap::{Parser, Subcommand};

#[macro_use]
mod print;

mod followups;
mod groups;
mod imports;
mod issues;
mod letters;
mod log;
mod mail;
mod offices;
mod officials;
mod paragraphs;
mod report;
mod settings;
mod signers;
mod team;

use print::Format;

#[derive(Parser)]
#[command(
    name = "amicus",
    version = amicus_app::VERSION,
    about = "Draft, render and track formal letters to officials"
)]
struct Cli {
    /// The record: a file, or a team record on PostgreSQL, postgres://user@host/amicus. By default
    /// the team record set in the app's Settings → Team record, else amicus.db in your data
    /// folder (created with sample data on first use).
    #[arg(long, global = true, env = "AMICUS_DB")]
    db: Option<String>,
    /// Log what Amicus does to standard error (-v: each step, -vv: every detail).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    /// Print the view as JSON, for scripts (letters list and show, officials
    /// list and show, offices list, the log).
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the letter templates.
    Templates,
    /// Check letter data against its template and print every problem.
    Check {
        /// Template id; overrides the data's "template" field.
        #[arg(long)]
        template: Option<String>,
        /// Letter data (JSON).
        #[arg(long)]
        data: PathBuf,
    },
    /// Render a letter to PDF or Word (one file per copy for per-recipient letters).
    Render {
        #[arg(long)]
        template: Option<String>,
        #[arg(long)]
        data: PathBuf,
        /// The file to write. A per-recipient letter writes NAME-01-….pdf, NAME-02-….pdf.
        #[arg(long)]
        out: PathBuf,
        /// pdf (the default) or docx: a Word document to edit, built from the same letter.
        #[arg(long, default_value = "pdf")]
        format: amicus_app::ExportFormat,
        /// A per-recipient letter as one file, a page break between the copies.
        #[arg(long)]
        one_file: bool,
        /// Also write each page as SVG into this folder (PDF only, one file per copy).
        #[arg(long, conflicts_with = "one_file")]
        svg: Option<PathBuf>,
    },
    /// People in public office: list, show, add, edit, retire, terms.
    #[command(subcommand)]
    Officials(officials::Officials),
    /// Offices: list, add, who held one on a date, retire.
    #[command(subcommand)]
    Offices(offices::Offices),
    /// Issues and the organization's position on each.
    #[command(subcommand)]
    Issues(issues::Issues),
    /// Letters: new, list, show, approve, sign, send, export, revise, follow-up, reply.
    #[command(subcommand)]
    Letters(letters::Letters),
    /// The sent log: every copy of every letter and what became of it.
    Log(log::LogArgs),
    /// The board report: what was done on issues in a date range, as a PDF
    /// (a page per issue with its charts, then its letters) and a CSV.
    Report(report::ReportArgs),
    /// Search letters, officials, offices and positions.
    Search { text: String },
    /// Import officials from public data.
    #[command(subcommand)]
    Import(imports::Import),
    /// Export officials.
    #[command(subcommand)]
    Export(imports::Export),
    /// Who signs letters, and their signature images.
    #[command(subcommand)]
    Signers(signers::Signers),
    /// The organization's settings: its letterhead file.
    #[command(subcommand)]
    Settings(settings::Settings),
    /// The mail server letters are e-mailed through.
    #[command(subcommand)]
    Mail(mail::Mail),
    /// Recipient groups: committees and delegations, resolved at a date.
    #[command(subcommand)]
    Groups(groups::Groups),
    /// The library of stock paragraphs.
    #[command(subcommand)]
    Paragraphs(paragraphs::Paragraphs),
    /// Follow-ups due (by the end of this week, or --due DATE) with no reply
    /// yet; snooze, assign, or log a call, meeting or e-mail on a copy.
    Followups(followups::FollowupsArgs),
    /// Replies kept as PDFs: attach one to a copy, save a copy of it.
    #[command(subcommand)]
    Replies(followups::Replies),
    /// Working as a team: a shared record on a PostgreSQL server.
    #[command(subcommand)]
    Team(team::Team),
    /// Copy the record to FILE (safe while the app is running); a team
    /// record is written as the same single-user file format.
    Backup { file: PathBuf },
    /// Replace the database with the backup in FILE (checked first).
    Restore { file: PathBuf },
}

/// With -v, log each use case (its span and any error) to standard error.
fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => return,
        1 => tracing::Level::INFO,
        _ => tracing::Level::DEBUG,
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .init();
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    let engine = match Engine::new() {
        Ok(e) => e,
        Err(e) => return fail(&e.problems()),
    };
    let db = cli.db.clone();
    let format = Format { json: cli.json };
    match cli.command {
        Command::Officials(c) => with_app(engine, db, |app| officials::run(app, c, format)),
        Command::Offices(c) => with_app(engine, db, |app| offices::run(app, c, format)),
        Command::Issues(c) => with_app(engine, db, |app| issues::run(app, c)),
        Command::Letters(c) => with_app(engine, db, |app| letters::run(app, c, format)),
        Command::Log(a) => with_app(engine, db, |app| log::run(app, a, format)),
        Command::Report(a) => with_app(engine, db, |app| report::run(app, a)),
        Command::Import(c) => with_app(engine, db, |app| imports::import(app, c)),
        Command::Export(c) => with_app(engine, db, |app| imports::export(app, c)),
        Command::Signers(c) => with_app(engine, db, |app| signers::run(app, c)),
        Command::Settings(c) => with_app(engine, db, |app| settings::run(app, c)),
        Command::Mail(c) => with_app(engine, db, |app| mail::run(app, c)),
        Command::Groups(c) => with_app(engine, db, |app| groups::run(app, c)),
        Command::Paragraphs(c) => with_app(engine, db, |app| paragraphs::run(app, c)),
        Command::Followups(a) => with_app(engine, db, |app| followups::followups(app, a)),
        Command::Replies(c) => with_app(engine, db, |app| followups::replies(app, c)),
        Command::Search { text } => with_app(engine, db, |app| log::search(app, &text)),
        Command::Team(c) => match team::without_app(&c, db.as_deref()) {
            Some(Ok(())) => ExitCode::SUCCESS,
            Some(Err(e)) => fail(&e.problems()),
            None => with_app(engine, db, |app| team::run(app, c)),
        },
        Command::Backup { file } => with_app(engine, db, |app| {
            app.backup(&file)?;
            println!("backed up to {}", file.display());
            Ok(())
        }),
        Command::Restore { file } => with_app(engine, db, |app| {
            app.restore(&file)?;
            println!("restored from {}", file.display());
            Ok(())
        }),
        Command::Templates => {
            for t in engine.templates() {
                println!(
                    "{:<14} {:<8} {}{}",
                    t.id,
                    t.kind,
                    t.name,
                    if t.builtin { "" } else { " (user)" }
                );
            }
            ExitCode::SUCCESS
        }
        Command::Check { template, data } => {
            let text = match std::fs::read_to_string(&data) {
                Ok(t) => t,
                Err(source) => return fail(&AppError::Read { path: data, source }.problems()),
            };
            let problems = engine.check(&text, template.as_deref());
            if problems.is_empty() {
                println!("{}: ok", data.display());
                ExitCode::SUCCESS
            } else {
                fail(&problems)
            }
        }
        Command::Render {
            template,
            data,
            out,
            format,
            one_file,
            svg,
        } => match render(
            &engine,
            template.as_deref(),
            &data,
            &out,
            (format, one_file),
            svg.as_deref(),
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e.problems()),
        },
    }
}

/// Open the record and run one command on it: the one `--db`/AMICUS_DB
/// names, else the team record this computer was set to use, else the
/// local file (the same rule as the window's).
fn with_app(
    engine: Engine,
    db: Option<String>,
    run: impl FnOnce(&App) -> Result<(), AppError>,
) -> ExitCode {
    let opened = record_to_open(db.as_deref().map(OsStr::new)).and_then(|choice| match choice {
        RecordChoice::Team { connect, saved } => {
            if saved {
                eprintln!(
                    "using the team record {} (set in Settings → Team record; --db FILE for another)",
                    amicus_app::team::describe(&connect.url)
                );
            }
            App::open_team(engine, &connect, Clock::system())
        }
        RecordChoice::File(Some(path)) => App::open(engine, &path, Clock::system()),
        RecordChoice::File(None) => {
            amicus_app::default_db_path().and_then(|path| App::open(engine, &path, Clock::system()))
        }
    });
    let result = opened.and_then(|app| run(&app));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e.problems()),
    }
}

fn render(
    engine: &Engine,
    template: Option<&str>,
    data: &Path,
    out: &Path,
    (format, combined): (amicus_app::ExportFormat, bool),
    svg: Option<&Path>,
) -> Result<(), AppError> {
    let data = engine.read_data(data)?;
    let options = amicus_app::ExportOptions {
        format,
        combined,
        ..Default::default()
    };
    let written = match svg {
        Some(_) if format != amicus_app::ExportFormat::Pdf => {
            return Err(AppError::invalid(
                "svg",
                "--svg draws the PDF's pages; leave it out with --format docx",
            ));
        }
        None => engine.export_with(&data, template, out, &options)?,
        Some(dir) => engine.export_pdfs_and_svg(&data, template, out, dir)?,
    };
    for path in written {
        println!("wrote {}", path.display());
    }
    Ok(())
}

fn fail(problems: &[Problem]) -> ExitCode {
    for p in problems {
        if p.location.is_empty() {
            eprintln!("error: {}", p.message);
        } else {
            eprintln!("error: {}: {}", p.location, p.message);
        }
    }
    ExitCode::FAILURE
}
