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
pub use store::team::{TeamConnect, TeamRole, is_team_url};

use crate::{App, AppError, Clock, Engine};

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
