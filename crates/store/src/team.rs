//! The team record: one PostgreSQL database a whole team shares.
//!
//! Each staff member logs in as their own PostgreSQL role, a member of one
//! of Amicus's group roles (`amicus_drafter`, `amicus_approver`,
//! `amicus_signer`, `amicus_admin`). What a role may do is granted, and
//! checked, by the server itself (`pg/02-roles.sql`): a drafter's approval is
//! refused there, whatever client sends it.
//!
//! The schema is a list of numbered files in `pg/`, applied by `amicus team
//! init` (an administrator); staff sessions only check that the server's
//! schema is the one this build speaks.

use std::cell::RefCell;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use postgres::config::{Host, SslMode};
use rustls_pki_types::pem::PemObject;

use crate::db::{Connection, PgSession};
use crate::{Result, Store, StoreError};

/// The team schema, oldest first. Forward-only, like the SQLite migrations.
const PG_MIGRATION_SQL: [&str; 12] = [
    include_str!("../pg/01-schema.sql"),
    include_str!("../pg/02-roles.sql"),
    include_str!("../pg/03-changes.sql"),
    include_str!("../pg/04-search.sql"),
    include_str!("../pg/05-followups.sql"),
    include_str!("../pg/06-record-rules.sql"),
    include_str!("../pg/07-term-addresses.sql"),
    include_str!("../pg/08-deleted-drafts.sql"),
    include_str!("../pg/09-term-ends.sql"),
    include_str!("../pg/10-issue-contacts.sql"),
    include_str!("../pg/11-log-order.sql"),
    include_str!("../pg/12-short-name-role.sql"),
];

/// The team schema version this build speaks.
pub const TEAM_SCHEMA_VERSION: usize = PG_MIGRATION_SQL.len();

/// Amicus's roles, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TeamRole {
    Drafter,
    Approver,
    Signer,
    Admin,
}

impl TeamRole {
    pub const ALL: [TeamRole; 4] = [
        TeamRole::Drafter,
        TeamRole::Approver,
        TeamRole::Signer,
        TeamRole::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TeamRole::Drafter => "drafter",
            TeamRole::Approver => "approver",
            TeamRole::Signer => "signer",
            TeamRole::Admin => "admin",
        }
    }

    /// The server's group role.
    pub fn group(self) -> String {
        format!("amicus_{}", self.as_str())
    }
}

impl FromStr for TeamRole {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<TeamRole, String> {
        TeamRole::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim().to_lowercase())
            .ok_or_else(|| format!("\"{s}\" is not a role; use drafter, approver, signer or admin"))
    }
}

/// How to reach a team record.
#[derive(Debug, Clone, Default)]
pub struct TeamConnect {
    /// `postgres://user@host/db` or `host=… user=… dbname=…`.
    pub url: String,
    /// The user's password, when the URL does not carry one (from the keychain).
    pub password: Option<String>,
    /// The organization's CA certificate (PEM), trusted beside the system's.
    pub ca_file: Option<PathBuf>,
}

/// True when `text` names a team record rather than a file.
pub fn is_team_url(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("postgres://") || t.starts_with("postgresql://")
}

/// Whether a host may be reached without TLS: this computer only.
fn is_local(host: &Host) -> bool {
    match host {
        // A socket file exists only on Unix (postgres has no such host elsewhere).
        #[cfg(unix)]
        Host::Unix(_) => true,
        Host::Tcp(name) => matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1"),
    }
}

fn unavailable(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable(format!("{what}: {e}"))
}

/// What a failed connection says, in the server's words where it gave some.
fn connect_error(e: postgres::Error) -> StoreError {
    match e.as_db_error() {
        Some(db) if db.code().code() == "28P01" || db.code().code() == "28000" => {
            StoreError::Denied(format!(
                "the team record refused the login: {}",
                db.message()
            ))
        }
        // The server answered: the name is what is wrong, said at its field.
        Some(db) if db.code().code() == "3D000" => StoreError::Invalid {
            field: "database",
            message: format!("the server answered, but {}; check the name", db.message()),
        },
        Some(db) => StoreError::Unavailable(db.message().to_string()),
        None => StoreError::Unavailable(describe_io(&e)),
    }
}

fn describe_io(e: &postgres::Error) -> String {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            if io.to_string().contains("certificate") {
                return format!(
                    "the server's certificate is not trusted ({io}); choose the organization's CA file"
                );
            }
            return match io.kind() {
                K::ConnectionRefused | K::NotFound => {
                    "nothing answers at that address (is the server running, and is the address right?)".into()
                }
                K::TimedOut => "the server did not answer in time".into(),
                K::ConnectionReset | K::BrokenPipe | K::UnexpectedEof => {
                    "the connection was cut".into()
                }
                _ => io.to_string(),
            };
        }
        if s.to_string().contains("certificate") {
            return format!(
                "the server's certificate is not trusted ({s}); choose the organization's CA file"
            );
        }
        source = s.source();
    }
    e.to_string()
}

fn tls_config(ca_file: Option<&PathBuf>) -> Result<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if let Some(path) = ca_file {
        let pem = std::fs::read(path).map_err(|e| StoreError::File {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let mut added = 0;
        for cert in rustls_pki_types::CertificateDer::pem_slice_iter(&pem) {
            let cert = cert.map_err(|e| StoreError::File {
                path: path.clone(),
                message: format!("not a PEM certificate: {e}"),
            })?;
            roots.add(cert).map_err(|e| StoreError::File {
                path: path.clone(),
                message: format!("not a CA certificate: {e}"),
            })?;
            added += 1;
        }
        if added == 0 {
            return Err(StoreError::File {
                path: path.clone(),
                message: "holds no PEM certificate".into(),
            });
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| unavailable("TLS", e))?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// "prefer" (PostgreSQL's default) would fall back to plain text: never for
/// a server across a network. A server on this computer may be asked for
/// plain text (`sslmode=disable`).
fn require_tls_across_a_network(config: &mut postgres::Config) {
    let local = config.get_hosts().iter().all(is_local);
    if !local && config.get_ssl_mode() != SslMode::Require {
        config.ssl_mode(SslMode::Require);
    }
}

/// What a desktop's session calls itself to the server
/// (`pg_stat_activity.application_name`).
pub const SESSION_NAME: &str = "amicus";
/// What its change listener ([`watch`]) calls itself: a desktop holds one
/// connection of each, and a pooler or an administrator tells them apart so.
pub const LISTENER_NAME: &str = "amicus-changes";

/// Open a session on the team record. TLS is required unless the server is
/// on this computer (a Unix socket or localhost).
pub fn connect(c: &TeamConnect) -> Result<postgres::Client> {
    connect_named(c, SESSION_NAME)
}

fn connect_named(c: &TeamConnect, name: &str) -> Result<postgres::Client> {
    let mut config = postgres::Config::from_str(c.url.trim())
        .map_err(|e| StoreError::invalid("server", format!("not a PostgreSQL address: {e}")))?;
    if config.get_password().is_none()
        && let Some(p) = &c.password
    {
        config.password(p);
    }
    if config.get_dbname().is_none() {
        config.dbname("amicus");
    }
    config.application_name(name);
    config.connect_timeout(std::time::Duration::from_secs(10));
    require_tls_across_a_network(&mut config);
    let tls = tokio_postgres_rustls::MakeRustlsConnect::new(tls_config(c.ca_file.as_ref())?);
    // On a plain thread: the sync client starts a runtime of its own, which
    // may not happen inside another (a desktop command runs inside tokio).
    std::thread::scope(|s| s.spawn(|| config.connect(tls)).join())
        .map_err(|_| StoreError::Unavailable("connecting to the team record failed".into()))?
        .map_err(connect_error)
}

impl Store {
    /// Open the team record at `c` as the user it names. The server's schema
    /// must be the one this build speaks; an administrator brings it up to
    /// date with [`Store::init_team`].
    pub fn open_team(c: &TeamConnect) -> Result<Store> {
        let client = connect(c)?;
        let store = Store::from_client(client, c);
        let version = schema_version(&store.conn)?;
        if version == 0 {
            return Err(StoreError::Migration(
                "this database holds no Amicus team record yet; an administrator sets it up with `amicus team init`".into(),
            ));
        }
        if version > TEAM_SCHEMA_VERSION {
            return Err(StoreError::Migration(format!(
                "the team record was set up by a newer Amicus (schema {version}; this build knows {TEAM_SCHEMA_VERSION}); update Amicus"
            )));
        }
        if version < TEAM_SCHEMA_VERSION {
            return Err(StoreError::Migration(format!(
                "the team record's schema is {version} and this Amicus needs {TEAM_SCHEMA_VERSION}; an administrator updates it with `amicus team init`"
            )));
        }
        Ok(store)
    }

    fn from_client(client: postgres::Client, c: &TeamConnect) -> Store {
        let place = postgres::Config::from_str(c.url.trim()).ok().map(|cfg| {
            let host = match cfg.get_hosts().first() {
                Some(Host::Tcp(h)) => h.clone(),
                #[cfg(unix)]
                Some(Host::Unix(p)) => p.display().to_string(),
                None => "localhost".into(),
            };
            format!(
                "{}@{host}/{}",
                cfg.get_user().unwrap_or("?"),
                cfg.get_dbname().unwrap_or("amicus")
            )
        });
        let again = c.clone();
        let reconnect: crate::db::Reconnect = Box::new(move || {
            connect(&again).map_err(|e| match e {
                StoreError::Unavailable(why) => why,
                other => other.to_string(),
            })
        });
        Store {
            conn: Connection::Postgres(Box::new(RefCell::new(PgSession::new(
                client,
                Some(reconnect),
            )))),
            path: None,
            team: place,
        }
    }

    /// Create or update the team record's schema and Amicus's roles. Needs a
    /// login that owns the database and may create roles. Each step is one
    /// transaction; running it again changes nothing.
    pub fn init_team(c: &TeamConnect) -> Result<Store> {
        let client = connect(c)?;
        let store = Store::from_client(client, c);
        store.conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS amicus_schema (version BIGINT NOT NULL PRIMARY KEY,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        )?;
        let from = schema_version(&store.conn)?;
        if from > TEAM_SCHEMA_VERSION {
            return Err(StoreError::Migration(format!(
                "the team record was set up by a newer Amicus (schema {from}; this build knows {TEAM_SCHEMA_VERSION})"
            )));
        }
        for (i, sql) in PG_MIGRATION_SQL.iter().enumerate().skip(from) {
            let tx = store.conn.begin_write()?;
            tx.execute_batch(sql)
                .map_err(|e| StoreError::Migration(format!("team schema step {}: {e}", i + 1)))?;
            tx.execute(
                "INSERT INTO amicus_schema (version) VALUES (?1)",
                [(i + 1) as i64],
            )?;
            tx.commit()?;
        }
        make_initializer_admin(&store.conn)?;
        Ok(store)
    }

    /// The PostgreSQL login of this session (None on a file).
    pub fn session_user(&self) -> Result<Option<String>> {
        if self.conn.sqlite().is_some() {
            return Ok(None);
        }
        Ok(Some(self.conn.query_row(
            "SELECT session_user::text",
            [],
            |r| r.get(0),
        )?))
    }

    /// The Amicus roles the session's user holds, directly or through
    /// another role. Everyone on a file: the one person is every role.
    pub fn session_roles(&self) -> Result<Vec<TeamRole>> {
        if self.conn.sqlite().is_some() {
            return Ok(TeamRole::ALL.to_vec());
        }
        let mut out = Vec::new();
        for role in TeamRole::ALL {
            let has: bool = self.conn.query_row(
                "SELECT pg_has_role(session_user, ?1, 'member')
                     OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)",
                [role.group()],
                |r| r.get(0),
            )?;
            if has {
                out.push(role);
            }
        }
        Ok(out)
    }

    /// Add a staff member: their own login, in one Amicus role. Needs an
    /// administrator's session.
    pub fn team_add_user(
        &mut self,
        name: &str,
        role: TeamRole,
        password: Option<&str>,
    ) -> Result<()> {
        check_login_name(name)?;
        let exists: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?1)",
            [name],
            |r| r.get(0),
        )?;
        let sql: String = if exists {
            self.conn.query_row(
                "SELECT format('GRANT %I TO %I', ?2::text, ?1::text)",
                (name, role.group()),
                |r| r.get(0),
            )?
        } else {
            self.conn.query_row(
                "SELECT format('CREATE ROLE %I LOGIN IN ROLE %I', ?1::text, ?2::text)
                     || coalesce(format(' PASSWORD %L', ?3::text), '')",
                (name, role.group(), password),
                |r| r.get(0),
            )?
        };
        self.conn.execute_batch(&sql)?;
        if exists && let Some(p) = password {
            let sql: String = self.conn.query_row(
                "SELECT format('ALTER ROLE %I PASSWORD %L', ?1::text, ?2::text)",
                (name, p),
                |r| r.get(0),
            )?;
            self.conn.execute_batch(&sql)?;
        }
        Ok(())
    }

    /// Every login that holds an Amicus role, with its roles.
    pub fn team_users(&self) -> Result<Vec<(String, Vec<TeamRole>)>> {
        team_users_on(&self.conn)
    }
}

/// The login that sets the team record up is its first administrator: it
/// imports the organization's record and adds the staff, which change the
/// organization's settings (the administrators'). A superuser already is
/// one. Granting it needs CREATEROLE (PostgreSQL 15) or, from 16 on, the
/// ADMIN option on amicus_admin; without either, the one step a superuser
/// must take is said in words.
fn make_initializer_admin(conn: &Connection) -> Result<()> {
    let (user, privileged): (String, bool) = conn.query_row(
        "SELECT session_user::text, amicus_privileged()",
        [] as [&dyn crate::db::ToSql; 0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if privileged {
        return Ok(());
    }
    let grant: String = conn.query_row(
        "SELECT format('GRANT amicus_admin TO %I', ?1::text)",
        [&user],
        |r| r.get(0),
    )?;
    conn.execute_batch(&grant).map_err(|e| {
        StoreError::Migration(format!(
            "the team record is set up, but {user} could not be made its administrator ({e}); \
             as a PostgreSQL superuser run: {grant}; then `amicus team import` and `team user add` work as {user}"
        ))
    })
}

/// On a team record, refuse `who` for `field` unless it is a colleague's
/// login, naming the logins there are ("give it to one of", "name one
/// of"); a single-user file takes any name.
pub(crate) fn require_login(
    conn: &Connection,
    field: &'static str,
    who: &str,
    ask: &str,
) -> Result<()> {
    if conn.dialect() != crate::db::Dialect::Postgres {
        return Ok(());
    }
    let logins: Vec<String> = team_users_on(conn)?
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    if logins.iter().any(|l| l == who) {
        return Ok(());
    }
    Err(StoreError::invalid(
        field,
        format!(
            "“{who}” is not a login on the team record; {ask}: {}",
            logins.join(", ")
        ),
    ))
}

/// Every login that holds an Amicus role, with its roles, as `conn` sees
/// them (also inside a write); none on a single-user file.
pub(crate) fn team_users_on(conn: &Connection) -> Result<Vec<(String, Vec<TeamRole>)>> {
    if conn.sqlite().is_some() {
        return Ok(Vec::new());
    }
    let rows = conn.query_map(
        "SELECT u.rolname::text, g.rolname::text FROM pg_roles u
         JOIN pg_auth_members m ON m.member = u.oid
         JOIN pg_roles g ON g.oid = m.roleid
         WHERE u.rolcanlogin AND g.rolname IN
             ('amicus_drafter', 'amicus_approver', 'amicus_signer', 'amicus_admin')
         ORDER BY 1, 2",
        [],
        |r| Ok((r.get::<String>(0)?, r.get::<String>(1)?)),
    )?;
    let mut out: Vec<(String, Vec<TeamRole>)> = Vec::new();
    for row in rows {
        let (user, group) = row?;
        let role =
            TeamRole::from_str(group.trim_start_matches("amicus_")).map_err(StoreError::Corrupt)?;
        match out.last_mut() {
            Some((u, roles)) if *u == user => roles.push(role),
            _ => out.push((user, vec![role])),
        }
    }
    Ok(out)
}

fn check_login_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c));
    if ok && !name.starts_with("amicus_") && name != "public" {
        Ok(())
    } else {
        Err(StoreError::invalid(
            "name",
            format!(
                "\"{name}\" is not a login name: use lower-case letters, digits, '.', '-' or '_', starting with a letter"
            ),
        ))
    }
}

/// The schema version of a team record (0 before `team init`).
pub(crate) fn schema_version(conn: &Connection) -> Result<usize> {
    let present: bool =
        conn.query_row("SELECT to_regclass('amicus_schema') IS NOT NULL", [], |r| {
            r.get(0)
        })?;
    if !present {
        return Ok(0);
    }
    let v: i64 = conn.query_row(
        "SELECT coalesce(max(version), 0) FROM amicus_schema",
        [],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(v).unwrap_or(0))
}

/// What a [`Watcher`] reports.
#[derive(Debug, Clone, PartialEq)]
pub enum TeamEvent {
    /// Colleagues changed these areas of the record ("letters", …).
    Changed(Vec<String>),
    /// The connection to the server broke; the watcher keeps trying.
    Lost(String),
    /// Connected again: anything may have changed meanwhile, so every view
    /// reads the record afresh.
    Back,
}

/// Listens on its own connection for the changes every committed write
/// announces (`pg/03-changes.sql`), reconnecting by itself; stops when
/// dropped.
pub struct Watcher {
    stop: Arc<std::sync::atomic::AtomicBool>,
    listening: Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watcher {
    /// Waits until the watcher is listening (true), or `timeout` passes
    /// (false): a change committed after this returns true is heard.
    pub fn wait_until_listening(&self, timeout: std::time::Duration) -> bool {
        let (lock, ready) = &*self.listening;
        let guard = lock.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = ready
            .wait_timeout_while(guard, timeout, |listening| !*listening)
            .unwrap_or_else(|e| e.into_inner());
        *guard
    }
}

fn set_listening(flag: &(std::sync::Mutex<bool>, std::sync::Condvar), value: bool) {
    *flag.0.lock().unwrap_or_else(|e| e.into_inner()) = value;
    flag.1.notify_all();
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Watch the team record `c` for changes, calling `on` from the watcher's
/// thread. Changes arriving together are reported once.
pub fn watch(c: TeamConnect, on: impl Fn(TeamEvent) + Send + 'static) -> Watcher {
    use std::sync::atomic::Ordering;
    use std::time::Duration;
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    let listening = Arc::new((std::sync::Mutex::new(false), std::sync::Condvar::new()));
    let flag = Arc::clone(&listening);
    let spread = spread_of_this_window();
    let thread = std::thread::Builder::new()
        .name("amicus-team-watch".into())
        .spawn(move || {
            let mut lost = false;
            let mut wait = Duration::from_millis(200);
            while !stopped.load(Ordering::SeqCst) {
                let mut client = match connect_named(&c, LISTENER_NAME).and_then(|mut cl| {
                    cl.batch_execute("LISTEN amicus_changes")
                        .map(|_| cl)
                        .map_err(connect_error)
                }) {
                    Ok(client) => client,
                    Err(e) => {
                        if !lost {
                            lost = true;
                            on(TeamEvent::Lost(e.to_string()));
                        }
                        std::thread::sleep(wait);
                        wait = (wait * 2).min(Duration::from_secs(2));
                        continue;
                    }
                };
                if lost {
                    lost = false;
                    on(TeamEvent::Back);
                }
                wait = Duration::from_millis(200);
                set_listening(&flag, true);
                let broke = listen(&mut client, &stopped, &on, spread);
                set_listening(&flag, false);
                if let Some(why) = broke {
                    lost = true;
                    on(TeamEvent::Lost(why));
                }
            }
        })
        .expect("the watcher thread starts");
    Watcher {
        stop,
        listening,
        thread: Some(thread),
    }
}

/// How much later than 300 ms this window reports what it heard: a fixed
/// 0–500 ms, drawn once per window. Every open window hears a colleague's
/// change at the same instant and reads its page again; with fifty staff
/// those reads reached a 2-core server as one burst, and other reads
/// queued behind it (the load bench's p95 doubled). Spread over half a
/// second they do not, and a change still shows within a second.
fn spread_of_this_window() -> std::time::Duration {
    use std::hash::{BuildHasher, Hasher};
    // RandomState is seeded randomly per process and per call.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u8(0);
    std::time::Duration::from_millis(h.finish() % 500)
}

/// Report notifications until stopped (None) or the connection breaks (why).
fn listen(
    client: &mut postgres::Client,
    stop: &std::sync::atomic::AtomicBool,
    on: &impl Fn(TeamEvent),
    spread: std::time::Duration,
) -> Option<String> {
    use postgres::fallible_iterator::FallibleIterator;
    use std::time::Duration;
    // Changes arriving together are reported once: those heard within
    // 300 ms of the first (and this window's spread). A bound from the
    // first, not a quiet spell to wait for: with many colleagues at work
    // the notes never pause, and waiting for a pause reported nothing.
    let gather: Duration = Duration::from_millis(300) + spread;
    while !stop.load(std::sync::atomic::Ordering::SeqCst) {
        let mut areas: Vec<String> = Vec::new();
        {
            let mut notes = client.notifications();
            let mut until: Option<std::time::Instant> = None;
            loop {
                let wait = match until {
                    None => gather,
                    Some(t) => t.saturating_duration_since(std::time::Instant::now()),
                };
                if wait.is_zero() {
                    break;
                }
                match notes.timeout_iter(wait).next() {
                    Ok(Some(n)) => {
                        until.get_or_insert_with(|| std::time::Instant::now() + gather);
                        if !areas.iter().any(|a| a == n.payload()) {
                            areas.push(n.payload().to_string());
                        }
                    }
                    Ok(None) => break,
                    Err(e) => return Some(describe_io(&e)),
                }
            }
        }
        if !areas.is_empty() {
            on(TeamEvent::Changed(areas));
        }
        if client.is_closed() {
            return Some("the connection was closed".into());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn mode(url: &str) -> SslMode {
        let mut c = postgres::Config::from_str(url).unwrap();
        require_tls_across_a_network(&mut c);
        c.get_ssl_mode()
    }

    #[test]
    fn tls_is_required_unless_the_server_is_on_this_computer() {
        assert_eq!(
            mode("postgres://dana@db.example.org/amicus"),
            SslMode::Require
        );
        assert_eq!(
            mode("postgres://dana@db.example.org/amicus?sslmode=disable"),
            SslMode::Require
        );
        assert_eq!(mode("postgres://dana@localhost/amicus"), SslMode::Prefer);
        assert_eq!(
            mode("postgres://dana@/amicus?host=/var/run/postgresql"),
            SslMode::Prefer
        );
        assert_eq!(mode("host=/tmp/x user=dana"), SslMode::Prefer);
    }

    #[test]
    fn login_names_are_plain() {
        assert!(check_login_name("dana").is_ok());
        assert!(check_login_name("dana.smith-2").is_ok());
        for bad in [
            "",
            "Dana",
            "dana smith",
            "amicus_admin",
            "1dana",
            "d\"; DROP",
        ] {
            assert!(check_login_name(bad).is_err(), "{bad}");
        }
    }
}
