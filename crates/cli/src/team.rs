//! `amicus team …`: setting up and running a team record on PostgreSQL.

use std::io::BufRead;
use std::path::PathBuf;

use amicus_app::team::{TeamConnect, TeamRole};
use amicus_app::{App, AppError};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum Team {
    /// Create or update the team record's schema and Amicus's roles on a
    /// PostgreSQL server (run by the database's owner, who may create roles).
    Init {
        /// postgres://admin@host/amicus (default: --db / AMICUS_DB).
        url: Option<String>,
    },
    /// The team's staff: add a login in a role, or list them.
    #[command(subcommand)]
    User(User),
    /// Who this session is, and what the server lets them do.
    Whoami,
    /// The four-eyes rule: a letter's approver must be someone other than
    /// its drafter (an administrator's setting).
    FourEyes {
        #[arg(value_parser = ["on", "off"])]
        state: String,
    },
    /// Copy a single-user record (FILE.db) into this empty team record:
    /// every row, every archived PDF with its SHA-256 checked again.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
pub enum User {
    /// Give a colleague their own login in one role.
    Add {
        name: String,
        /// drafter, approver, signer or admin.
        #[arg(long)]
        role: TeamRole,
        /// Read the new login's password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Every login with an Amicus role.
    List,
}

/// How to reach the team record `url`: the password from AMICUS_DB_PASSWORD
/// (or the system keychain), the organization's CA from AMICUS_DB_CA.
fn connect_to(url: &str) -> TeamConnect {
    amicus_app::team::connect_named(url, &amicus_app::secrets::Secrets::system())
}

fn team_url(url: Option<String>, db: Option<&str>) -> Result<String, AppError> {
    url.or_else(|| db.map(str::to_string))
        .filter(|u| amicus_app::team::is_team_url(u) || u.contains("host="))
        .ok_or_else(|| {
            AppError::invalid(
                "url",
                "name the team record's server: amicus team init postgres://admin@host/amicus",
            )
        })
}

/// The commands that need no open record.
pub fn without_app(cmd: &Team, db: Option<&str>) -> Option<Result<(), AppError>> {
    match cmd {
        Team::Init { url } => Some(team_url(url.clone(), db).and_then(|url| {
            amicus_app::team::init_team(&connect_to(&url))?;
            println!("the team record at {url} is ready; add staff with `amicus team user add NAME --role drafter`");
            Ok(())
        })),
        Team::Import { file } => Some(team_url(None, db).and_then(|url| {
            let copied = amicus_app::team::import_into_team(&connect_to(&url), file)?;
            println!(
                "imported {} letters, {} copies, {} officials and {} offices from {}; {} archived PDFs checked",
                copied.rows("letters"),
                copied.rows("letter_recipients"),
                copied.rows("persons"),
                copied.rows("offices"),
                file.display(),
                copied.pdfs_checked
            );
            Ok(())
        })),
        _ => None,
    }
}

pub fn run(app: &App, cmd: Team) -> Result<(), AppError> {
    match cmd {
        Team::Whoami => {
            let s = app.team_session()?;
            let roles: Vec<&str> = s.roles.iter().map(|r| r.as_str()).collect();
            match s.user {
                Some(user) => println!("{user}: {}", roles.join(", ")),
                None => println!("a single-user record: you may do everything"),
            }
        }
        Team::User(User::Add {
            name,
            role,
            password_stdin,
        }) => {
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut line)
                    .map_err(|e| AppError::invalid("password", e.to_string()))?;
                let line = line.trim_end_matches(['\n', '\r']).to_string();
                if line.is_empty() {
                    return Err(AppError::invalid(
                        "password",
                        "standard input gave no password",
                    ));
                }
                Some(line)
            } else {
                None
            };
            app.team_add_user(&name, role, password.as_deref())?;
            println!("{name} may now sign in as {}", role.as_str());
        }
        Team::FourEyes { state } => {
            let on = state == "on";
            app.set_four_eyes(on)?;
            println!(
                "the four-eyes rule is {}",
                if on {
                    "on: an approver other than the drafter must approve"
                } else {
                    "off"
                }
            );
        }
        Team::User(User::List) => {
            for u in app.team_users()? {
                let roles: Vec<&str> = u.roles.iter().map(|r| r.as_str()).collect();
                println!("{:<20} {}", u.name, roles.join(", "));
            }
        }
        Team::Init { .. } | Team::Import { .. } => unreachable!("handled without an app"),
    }
    Ok(())
}
