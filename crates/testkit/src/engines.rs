//! Run one test on both engines: the embedded SQLite record and a team
//! record on the PostgreSQL server `scripts/with-postgres.sh` starts (its
//! connection string in `AMICUS_TEST_PG`). Each PostgreSQL test gets a
//! database of its own, set up by `Store::init_team` as the server's
//! superuser, so tests run in parallel and see only their own rows.
//!
//! Without a test server (a plain `cargo test`), the PostgreSQL halves are
//! skipped, each with a line on stderr; `AMICUS_REQUIRE_PG=1` (which
//! `make test` sets) makes a missing server a failure instead.

use std::sync::atomic::{AtomicUsize, Ordering};

use store::Store;
use store::team::TeamConnect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Whether the PostgreSQL test `test` can run. Prints why not when it
/// cannot; panics when `AMICUS_REQUIRE_PG=1` asks for the server.
pub fn postgres_available(test: &str) -> bool {
    if std::env::var_os("AMICUS_TEST_PG").is_some() {
        return true;
    }
    assert!(
        std::env::var("AMICUS_REQUIRE_PG").as_deref() != Ok("1"),
        "{test}: AMICUS_REQUIRE_PG=1 but AMICUS_TEST_PG is not set: run the tests under \
         scripts/with-postgres.sh (`make test` does), which starts a throwaway server"
    );
    eprintln!("{test}: skipped, no PostgreSQL test server (run under scripts/with-postgres.sh)");
    false
}

/// Returns from the calling test, with a line on stderr, when there is no
/// PostgreSQL test server (see [`postgres_available`]).
#[macro_export]
macro_rules! needs_postgres {
    () => {
        if !$crate::engines::postgres_available(module_path!()) {
            return;
        }
    };
}

/// The test server's connection string (key=value form, a Unix socket).
pub fn server() -> String {
    std::env::var("AMICUS_TEST_PG").expect(
        "AMICUS_TEST_PG is not set: run the PostgreSQL tests under scripts/with-postgres.sh \
         (`make test` does), which starts a throwaway server",
    )
}

/// Run `sql` on the test server as its superuser, in its `postgres`
/// database (roles, databases): through the client library rather than
/// `psql`, so the Windows tests under Wine can do it too.
pub fn admin_sql(sql: &str) {
    let base = server();
    let mut admin = postgres::Client::connect(&format!("{base} dbname=postgres"), postgres::NoTls)
        .expect("connect to the test server");
    admin
        .batch_execute(sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// The URL that `amicus --db` takes for database `db` on the test server as
/// `user`: the server's Unix socket directory (`host=/dir`) or its TCP
/// address (`host=127.0.0.1 port=N`, as the Windows tests under Wine reach it).
pub fn url_for(db: &str, user: &str) -> String {
    let conf = server();
    let key = |k: &str| {
        conf.split_whitespace()
            .find_map(|kv| kv.strip_prefix(k)?.strip_prefix('='))
            .map(str::to_string)
    };
    let host = key("host").expect("AMICUS_TEST_PG names no host");
    match (host.starts_with('/'), key("port")) {
        (true, port) => {
            let port = port.map(|p| format!("&port={p}")).unwrap_or_default();
            format!("postgres://{user}@/{db}?host={host}{port}")
        }
        (false, Some(port)) => format!("postgres://{user}@{host}:{port}/{db}"),
        (false, None) => format!("postgres://{user}@{host}/{db}"),
    }
}

/// A new, empty database on the test server; returns its connection string
/// for the superuser.
pub fn fresh_database() -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "amicus_t{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    );
    let base = server();
    let mut admin = postgres::Client::connect(&format!("{base} dbname=postgres"), postgres::NoTls)
        .expect("connect to the test server");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create a test database");
    format!("{base} dbname={name}")
}

/// A fresh, empty record on `engine`.
pub fn fresh(engine: Backend) -> Store {
    fresh_with_url(engine).0
}

/// Open the team record at `url` as another login (trust authentication:
/// the test server takes the user's word).
pub fn open_as(url: &str, user: &str) -> Store {
    Store::open_team(&TeamConnect {
        url: format!("{url} user={user}"),
        ..TeamConnect::default()
    })
    .unwrap()
}

/// A fresh record and, on PostgreSQL, its connection string.
pub fn fresh_with_url(engine: Backend) -> (Store, Option<String>) {
    match engine {
        Backend::Sqlite => (Store::open_in_memory().unwrap(), None),
        Backend::Postgres => {
            // Amicus's roles are the cluster's, not one database's: two
            // first set-ups at once would both create them.
            static INIT: std::sync::Mutex<()> = std::sync::Mutex::new(());
            let url = fresh_database();
            let _one = INIT.lock().unwrap_or_else(|e| e.into_inner());
            let store = Store::init_team(&TeamConnect {
                url: url.clone(),
                ..TeamConnect::default()
            })
            .unwrap();
            (store, Some(url))
        }
    }
}

/// `engines!(a, b)` runs the tests `fn a(engine: Backend)` and `fn b(…)` once
/// on each engine: `sqlite::a`, `postgres::a`, ….
#[macro_export]
macro_rules! engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { super::$name($crate::engines::Backend::Sqlite) } )*
        }
        mod postgres {
            $( #[test] fn $name() {
                $crate::needs_postgres!();
                super::$name($crate::engines::Backend::Postgres)
            } )*
        }
    };
}
