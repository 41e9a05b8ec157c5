//! The two engines hold the same record: every table of the SQLite
//! migrations exists in the PostgreSQL schema with the same columns, and
//! the other way round, except the differences listed here with their
//! reasons. A column added to one engine and forgotten in the other fails
//! here, not in a colleague's team record months later.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};

use testkit::engines::{Backend, fresh_with_url};

type Schema = BTreeMap<String, BTreeSet<String>>;

/// Tables only one engine has, and why.
const ONLY_SQLITE: &[(&str, &str)] = &[
    // FTS5's shadow tables behind `search` (the virtual table itself is compared).
    ("search_config", "FTS5 internals"),
    ("search_content", "FTS5 internals"),
    ("search_data", "FTS5 internals"),
    ("search_docsize", "FTS5 internals"),
    ("search_idx", "FTS5 internals"),
];
const ONLY_POSTGRES: &[(&str, &str)] = &[
    (
        "amicus_schema",
        "which numbered schema files the server has applied; SQLite keeps that in \
         its user_version",
    ),
    (
        "amicus_warrants",
        "the server's proof that an event follows a real change (06-record-rules.sql); \
         a single-user file has one writer and needs none",
    ),
];

/// Columns only one engine has, and why: (table, column, reason).
const COLUMN_ONLY_SQLITE: &[(&str, &str, &str)] = &[];
const COLUMN_ONLY_POSTGRES: &[(&str, &str, &str)] = &[
    (
        "search",
        "doc",
        "PostgreSQL's stored tsvector; FTS5 keeps its index in its own tables",
    ),
    (
        "search",
        "rowid",
        "FTS5's rowid is implicit (table_info does not list it); PostgreSQL names the column",
    ),
];

fn sqlite_schema() -> Schema {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("amicus.db");
    drop(store::Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let columns = conn
                .prepare("SELECT name FROM pragma_table_info(?1)")
                .unwrap()
                .query_map([&t], |r| r.get(0))
                .unwrap()
                .collect::<Result<BTreeSet<String>, _>>()
                .unwrap();
            (t, columns)
        })
        .collect()
}

fn postgres_schema() -> Schema {
    let (_store, url) = fresh_with_url(Backend::Postgres);
    let mut client = postgres::Client::connect(&url.unwrap(), postgres::NoTls).unwrap();
    let mut schema = Schema::new();
    for row in client
        .query(
            "SELECT c.table_name::text, c.column_name::text \
             FROM information_schema.columns c \
             JOIN information_schema.tables t USING (table_schema, table_name) \
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'",
            &[],
        )
        .unwrap()
    {
        schema.entry(row.get(0)).or_default().insert(row.get(1));
    }
    schema
}

/// What `a` has that `b` lacks: tables, then (table, column).
fn missing(a: &Schema, b: &Schema) -> (BTreeSet<String>, BTreeSet<(String, String)>) {
    let tables = a.keys().filter(|t| !b.contains_key(*t)).cloned().collect();
    let columns = a
        .iter()
        .filter_map(|(t, cols)| b.get(t).map(|other| (t, cols, other)))
        .flat_map(|(t, cols, other)| cols.difference(other).map(move |c| (t.clone(), c.clone())))
        .collect();
    (tables, columns)
}

fn names(list: &[(&str, &str)]) -> BTreeSet<String> {
    list.iter().map(|(t, _)| t.to_string()).collect()
}

fn pairs(list: &[(&str, &str, &str)]) -> BTreeSet<(String, String)> {
    list.iter()
        .map(|(t, c, _)| (t.to_string(), c.to_string()))
        .collect()
}

#[test]
fn both_engines_have_the_same_tables_and_columns() {
    testkit::needs_postgres!();
    let sqlite = sqlite_schema();
    let postgres = postgres_schema();
    assert!(sqlite.contains_key("letters") && postgres.contains_key("letters"));

    let (tables, columns) = missing(&sqlite, &postgres);
    assert_eq!(
        tables,
        names(ONLY_SQLITE),
        "tables in the SQLite migrations but not in crates/store/pg (or listed here but gone)"
    );
    assert_eq!(
        columns,
        pairs(COLUMN_ONLY_SQLITE),
        "columns in the SQLite migrations but not in crates/store/pg"
    );
    let (tables, columns) = missing(&postgres, &sqlite);
    assert_eq!(
        tables,
        names(ONLY_POSTGRES),
        "tables in crates/store/pg but not in the SQLite migrations"
    );
    assert_eq!(
        columns,
        pairs(COLUMN_ONLY_POSTGRES),
        "columns in crates/store/pg but not in the SQLite migrations"
    );
}
