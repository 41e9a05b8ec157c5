//! Working as a team: the record on a PostgreSQL server every staff member's
//! desktop and `amicus` share, each person logged in as themselves.
//!
//! What each person may do is decided by the server (their role's grants and
//! the rules in the team schema), so these use cases only pass requests on
//! and report the server's refusals ("permission denied: only an approver
//! may approve a letter") as [`AppError::Denied`].

use std::path::Path;

use serde::Serialize;
use store::Store;
pub use store::team::{TeamConnect, TeamEvent, TeamRole, Watcher, is_team_url, watch};

use crate::app::App;
use crate::clock::Clock;
use crate::engine::Engine;
use crate::error::AppError;

/// The keychain service a team record's password is kept under (the
/// account is the record's address).
pub const KEYCHAIN_SERVICE: &str = "amicus-team-record";

/// Whose session this is, and what they may do.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeamSession {
    /// The PostgreSQL login; None on a single-user file.
    pub user: Option<String>,
    pub roles: Vec<TeamRole>,
}

/// Which record the window works on, and as whom.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeamStatus {
    /// A team record's place ("dana@db.example.org/amicus"); None on a file.
    pub team: Option<String>,
    /// The file, for a single-user record.
    pub file: Option<String>,
    pub session: TeamSession,
}

/// A staff member of the team record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeamUser {
    pub name: String,
    pub roles: Vec<TeamRole>,
}

impl App {
    /// Open the team record `c` names, as the user it names. Nothing is
    /// seeded: a team's record holds only what the team put there.
    pub fn open_team(
        engine: Engine,
        c: &TeamConnect,
        clock: impl Into<Clock>,
    ) -> Result<App, AppError> {
        let _span = tracing::info_span!("open_team_record").entered();
        Self::assemble(engine, Store::open_team(c)?, clock.into(), false)
    }

    /// Whose session this is.
    pub fn team_session(&self) -> Result<TeamSession, AppError> {
        let db = self.db();
        Ok(TeamSession {
            user: db.session_user()?,
            roles: db.session_roles()?,
        })
    }

    /// Which record this is, and whose session.
    pub fn team_status(&self) -> Result<TeamStatus, AppError> {
        let session = self.team_session()?;
        let db = self.db();
        Ok(TeamStatus {
            team: db.team_place().map(str::to_string),
            file: db.path().map(|p| p.display().to_string()),
            session,
        })
    }

    /// Give a colleague their own login in `role` (an administrator's task).
    pub fn team_add_user(
        &self,
        name: &str,
        role: TeamRole,
        password: Option<&str>,
    ) -> Result<(), AppError> {
        self.require_team()?;
        self.db().team_add_user(name.trim(), role, password)?;
        Ok(())
    }

    /// Require an approver other than the drafter (the server enforces it;
    /// only an administrator may change it).
    pub fn set_four_eyes(&self, on: bool) -> Result<(), AppError> {
        self.require_team()?;
        self.db().set_setting("four_eyes", &on)?;
        Ok(())
    }

    pub fn team_users(&self) -> Result<Vec<TeamUser>, AppError> {
        self.require_team()?;
        Ok(self
            .db()
            .team_users()?
            .into_iter()
            .map(|(name, roles)| TeamUser { name, roles })
            .collect())
    }

    fn require_team(&self) -> Result<(), AppError> {
        if self.db().dialect() == store::db::Dialect::Sqlite {
            return Err(AppError::Conflict(
                "this is a single-user record; team users belong to a team record on PostgreSQL (--db postgres://…)".into(),
            ));
        }
        Ok(())
    }
}

/// Create or update the team record's schema and roles (an administrator,
/// once per server and after each Amicus upgrade).
pub fn init_team(c: &TeamConnect) -> Result<(), AppError> {
    Store::init_team(c)?;
    Ok(())
}

/// Copy a single-user record into an empty team record: every row, every
/// archived PDF with its SHA-256 checked again. All of it or nothing.
pub fn import_into_team(c: &TeamConnect, file: &Path) -> Result<store::transfer::Copied, AppError> {
    if !file.is_file() {
        return Err(AppError::invalid(
            "file",
            format!("{} is not a file", file.display()),
        ));
    }
    let source = Store::open(file)?;
    let mut team = Store::open_team(c)?;
    Ok(team.import_record(&source)?)
}

/// The team record this computer opens at start, kept in the user's config
/// folder (`~/.config/amicus/team.json`); the password is in the keychain.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SavedTeam {
    /// `postgres://user@host[:port]/database`, without a password.
    pub url: String,
    /// The organization's CA certificate (PEM), when the server's
    /// certificate is not signed by a public one.
    #[serde(default)]
    pub ca_file: Option<std::path::PathBuf>,
}

/// Where this computer's saved team record is kept.
pub fn team_file() -> Option<std::path::PathBuf> {
    dirs::config_dir().map(|d| d.join("amicus").join("team.json"))
}

/// The saved team record, if this computer uses one. A saved file that
/// cannot be read is an error naming it, never "no team record": opening
/// the local record instead without a word would have staff work apart
/// from their team.
pub fn saved_team() -> Result<Option<SavedTeam>, AppError> {
    match team_file() {
        Some(path) => saved_team_in(&path),
        None => Ok(None),
    }
}

/// The team record saved in `path` (None when there is no such file).
pub fn saved_team_in(path: &Path) -> Result<Option<SavedTeam>, AppError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(AppError::Record {
                path: path.to_path_buf(),
                message: format!(
                    "the saved team record settings cannot be read ({e}); \
                     use this computer's own record, or sign in to the team record again"
                ),
            });
        }
    };
    let saved: SavedTeam = serde_json::from_str(&text).map_err(|e| AppError::Record {
        path: path.to_path_buf(),
        message: format!(
            "the saved team record settings are damaged ({e}); \
             use this computer's own record, or sign in to the team record again"
        ),
    })?;
    if saved.url.trim().is_empty() {
        return Err(AppError::Record {
            path: path.to_path_buf(),
            message: "the saved team record settings name no server; \
                      use this computer's own record, or sign in to the team record again"
                .into(),
        });
    }
    Ok(Some(saved))
}

/// Open `team` at every start from now on.
pub fn save_team(team: &SavedTeam) -> Result<(), AppError> {
    let path = team_file().ok_or_else(|| {
        AppError::invalid(
            "team",
            "cannot find your config folder (set HOME or XDG_CONFIG_HOME)",
        )
    })?;
    let text =
        serde_json::to_string_pretty(team).map_err(|e| AppError::invalid("team", e.to_string()))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| AppError::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    crate::files::write_atomically(&path, text.as_bytes())
}

/// Open the single-user record again at the next start.
pub fn forget_team() -> Result<(), AppError> {
    if let Some(path) = team_file().filter(|p| p.exists()) {
        std::fs::remove_file(&path).map_err(|source| AppError::Write { path, source })?;
    }
    Ok(())
}

/// Which record a front end opens.
#[derive(Debug, Clone)]
pub enum RecordChoice {
    /// A single-user file: the one named, or this computer's own
    /// ([`crate::default_db_path`]) when None.
    File(Option<std::path::PathBuf>),
    /// A team record on PostgreSQL. `saved` when it is the one this
    /// computer was set to use (Settings → Team record), not one named.
    Team { connect: TeamConnect, saved: bool },
}

/// The record to open, the same for the window and `amicus`: the one named
/// (`--db` or `AMICUS_DB`: a file, or a team record's address) wins; else
/// the team record this computer was set to use; else this computer's own
/// file. Saved team settings that cannot be read are an error naming them,
/// never a quiet switch to the local file.
pub fn record_to_open(named: Option<&std::ffi::OsStr>) -> Result<RecordChoice, AppError> {
    record_to_open_with(named, saved_team, &crate::secrets::Secrets::system())
}

/// [`record_to_open`] with the saved team record read by `saved`.
pub fn record_to_open_with(
    named: Option<&std::ffi::OsStr>,
    saved: impl FnOnce() -> Result<Option<SavedTeam>, AppError>,
    secrets: &crate::secrets::Secrets,
) -> Result<RecordChoice, AppError> {
    if let Some(named) = named.filter(|n| !n.is_empty()) {
        let text = named.to_string_lossy();
        if is_team_url(&text) {
            return Ok(RecordChoice::Team {
                connect: connect_named(&text, secrets),
                saved: false,
            });
        }
        return Ok(RecordChoice::File(Some(std::path::PathBuf::from(named))));
    }
    Ok(match saved()? {
        Some(team) => RecordChoice::Team {
            connect: connect_for(&team.url, team.ca_file, secrets),
            saved: true,
        },
        None => RecordChoice::File(None),
    })
}

/// How to reach a team record named by its address (`--db`, `AMICUS_DB`,
/// `amicus team init URL`): as [`connect_for`], with the organization's CA
/// from `AMICUS_DB_CA`.
pub fn connect_named(url: &str, secrets: &crate::secrets::Secrets) -> TeamConnect {
    let ca = std::env::var_os("AMICUS_DB_CA").map(std::path::PathBuf::from);
    connect_for(url, ca, secrets)
}

/// How to reach `url`: its password from `AMICUS_DB_PASSWORD`, else the
/// keychain.
pub fn connect_for(
    url: &str,
    ca_file: Option<std::path::PathBuf>,
    secrets: &crate::secrets::Secrets,
) -> TeamConnect {
    let password = std::env::var("AMICUS_DB_PASSWORD")
        .ok()
        .or_else(|| secrets.get(KEYCHAIN_SERVICE, url));
    TeamConnect {
        url: url.to_string(),
        password,
        ca_file,
    }
}

/// `postgres://user@server/database` from the settings form's fields,
/// checked; `server` may carry a port ("db.example.org:5433").
pub fn team_url(server: &str, database: &str, user: &str) -> Result<String, AppError> {
    let (server, database, user) = (server.trim(), database.trim(), user.trim());
    // A folder is the server's Unix socket on this computer.
    let socket = server.starts_with('/');
    if server.is_empty()
        || server.contains(['@', ' ', '?', '#'])
        || (!socket && server.contains('/'))
    {
        return Err(AppError::invalid(
            "server",
            "give the server's name or address (db.example.org, db.example.org:5432), or the folder of its socket on this computer (/var/run/postgresql)",
        ));
    }
    if database.is_empty() || database.contains(['/', ' ', '?', '@']) {
        return Err(AppError::invalid(
            "database",
            "give the database's name, e.g. amicus",
        ));
    }
    if user.is_empty()
        || !user
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
    {
        return Err(AppError::invalid(
            "user",
            "give your login: letters, digits, '.', '-' or '_'",
        ));
    }
    if socket {
        return Ok(format!("postgres://{user}@/{database}?host={server}"));
    }
    Ok(format!("postgres://{user}@{server}/{database}"))
}

/// Where the team record is, for the window: the URL without a password.
pub fn describe(url: &str) -> String {
    match url.split_once("://").and_then(|(scheme, rest)| {
        rest.split_once('@')
            .map(|(cred, host)| (scheme, cred, host))
    }) {
        Some((scheme, cred, host)) => {
            let user = cred.split(':').next().unwrap_or(cred);
            format!("{scheme}://{user}@{host}")
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_fields_make_an_address_and_bad_ones_are_named() {
        assert_eq!(
            team_url("db.example.org:5433", "amicus", "dana").unwrap(),
            "postgres://dana@db.example.org:5433/amicus"
        );
        assert_eq!(
            team_url("/var/run/postgresql", "amicus", "dana").unwrap(),
            "postgres://dana@/amicus?host=/var/run/postgresql"
        );
        let e = team_url("db example", "amicus", "dana").unwrap_err();
        assert!(
            matches!(e, AppError::Invalid { ref field, .. } if field == "server"),
            "{e:?}"
        );
        let e = team_url("db", "", "dana").unwrap_err();
        assert!(
            matches!(e, AppError::Invalid { ref field, .. } if field == "database"),
            "{e:?}"
        );
        let e = team_url("db", "amicus", "Dana Smith").unwrap_err();
        assert!(
            matches!(e, AppError::Invalid { ref field, .. } if field == "user"),
            "{e:?}"
        );
        assert_eq!(
            describe("postgres://dana:secret@db/amicus"),
            "postgres://dana@db/amicus"
        );
    }

    /// The window and `amicus` open the same record: the one named, else
    /// the saved team record, else this computer's own file.
    #[test]
    fn the_record_named_wins_then_the_saved_team_record_then_the_local_file() {
        use std::ffi::OsStr;
        let secrets = crate::secrets::Secrets::with_store(None);
        let saved = || {
            Ok(Some(SavedTeam {
                url: "postgres://dana@db.example.org/amicus".into(),
                ca_file: Some("/etc/amicus/ca.pem".into()),
            }))
        };
        let not_asked = || -> Result<Option<SavedTeam>, AppError> {
            panic!("a record named on the command line is opened without looking further")
        };
        let file = record_to_open_with(Some(OsStr::new("/tmp/other.db")), not_asked, &secrets);
        assert!(
            matches!(file, Ok(RecordChoice::File(Some(ref p))) if p == std::path::Path::new("/tmp/other.db")),
            "{file:?}"
        );
        match record_to_open_with(
            Some(OsStr::new("postgres://avery@db/amicus")),
            not_asked,
            &secrets,
        )
        .unwrap()
        {
            RecordChoice::Team { connect, saved } => {
                assert_eq!(connect.url, "postgres://avery@db/amicus");
                assert!(!saved);
            }
            other => panic!("{other:?}"),
        }
        match record_to_open_with(None, saved, &secrets).unwrap() {
            RecordChoice::Team { connect, saved } => {
                assert_eq!(connect.url, "postgres://dana@db.example.org/amicus");
                assert_eq!(connect.ca_file, Some("/etc/amicus/ca.pem".into()));
                assert!(saved);
            }
            other => panic!("{other:?}"),
        }
        let local = record_to_open_with(Some(OsStr::new("")), || Ok(None), &secrets);
        assert!(matches!(local, Ok(RecordChoice::File(None))), "{local:?}");
        // Damaged settings are said, not replaced by the local file.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("team.json");
        std::fs::write(&file, "{\"url\": \"postgres://dana@db/amic").unwrap();
        let e = record_to_open_with(None, || saved_team_in(&file), &secrets).unwrap_err();
        assert!(
            matches!(e, AppError::Record { ref path, .. } if path == &file),
            "{e:?}"
        );
    }
}

/// "Use a team record" in Settings: where, as whom, and whether to keep the
/// password in the keychain for the next start.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeamSignIn {
    /// The server's name or address, with its port when not 5432.
    pub server: String,
    pub database: String,
    pub user: String,
    pub password: String,
    /// The organization's CA certificate (PEM), if its server needs one.
    #[serde(default)]
    pub ca_file: Option<String>,
    /// Keep the password in the system keychain (else only until Amicus closes).
    pub remember: bool,
}

impl TeamSignIn {
    /// The connection to try, and what to save once it works.
    pub fn plan(&self) -> Result<(TeamConnect, SavedTeam), AppError> {
        let url = team_url(&self.server, &self.database, &self.user)?;
        let ca_file = self
            .ca_file
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(std::path::PathBuf::from);
        if let Some(ca) = &ca_file
            && !ca.is_file()
        {
            return Err(AppError::invalid(
                "ca_file",
                format!(
                    "{} is not a file; choose the organization's CA certificate (.pem)",
                    ca.display()
                ),
            ));
        }
        let connect = TeamConnect {
            url: url.clone(),
            password: Some(self.password.clone()).filter(|p| !p.is_empty()),
            ca_file: ca_file.clone(),
        };
        Ok((connect, SavedTeam { url, ca_file }))
    }

    /// Keep what worked: the record's address for the next start, and the
    /// password in the keychain (or for this session only).
    pub fn keep(&self, saved: &SavedTeam) -> Result<crate::secrets::SecretKept, AppError> {
        let secrets = crate::secrets::Secrets::system();
        if self.remember && !self.password.is_empty() {
            save_team(saved)?;
            Ok(secrets.set(KEYCHAIN_SERVICE, &saved.url, &self.password))
        } else {
            // A password kept before must not outlive "don't keep it": if
            // the keychain will not forget it, nothing is saved either.
            secrets.delete(KEYCHAIN_SERVICE, &saved.url)?;
            save_team(saved)?;
            Ok(crate::secrets::SecretKept::ThisSession)
        }
    }
}
