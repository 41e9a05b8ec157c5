//! Run one test on both engines: the embedded SQLite record and a team
//! record on the PostgreSQL server `scripts/with-postgres.sh` starts (its
//! connection string in `AMICUS_TEST_PG`). Each PostgreSQL test gets a
//! database of its own, set up by `Store::init_team` as the server's
//! superuser, so tests run in parallel and see only their own rows.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicUsize, Ordering};

use store::Store;
use store::team::TeamConnect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The test server's connection string (key=value form, a Unix socket).
pub fn server() -> String {
    std::env::var("AMICUS_TEST_PG").expect(
        "AMICUS_TEST_PG is not set: run the PostgreSQL tests under scripts/with-postgres.sh \
         (`make test` does), which starts a throwaway server",
    )
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
            $( #[test] fn $name() { super::$name(super::Backend::Sqlite) } )*
        }
        mod postgres {
            $( #[test] fn $name() { super::$name(super::Backend::Postgres) } )*
        }
    };
}
