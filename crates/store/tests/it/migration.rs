//! A database written by the first schema version opens with this build
//! with nothing lost, and is backed up before it is upgraded.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use store::log::LogFilter;
use store::*;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-1.db")
}

/// Rewrites the fixture the way schema 1 stored data. Run it by hand only
/// if the fixture is lost: `cargo test -p store --test migration -- --ignored`.
#[test]
#[ignore = "writes the checked-in fixture"]
fn write_schema_1_fixture() {
    let path = fixture();
    let _ = std::fs::remove_file(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(include_str!("../../migrations/01-record.sql"))
        .unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 1;
         INSERT INTO settings VALUES ('organization', '{\"name\":\"Lakeshore State Chamber of Commerce\"}');
         INSERT INTO organizations (id, name) VALUES (1, 'U.S. Department of Commerce');
         INSERT INTO persons (id, full_name, family_name, honorific, salutation, created_at, updated_at)
             VALUES (1, 'Wilbur Ross', 'Ross', 'The Honorable', 'Secretary Ross', '2017-09-01 12:00:00+00:00', '2017-09-01 12:00:00+00:00');
         INSERT INTO offices (id, title, short_name, organization_id, kind, address)
             VALUES (1, 'Secretary of Commerce', 'Commerce', 1, 'cabinet_secretary', '1401 Constitution Avenue, NW\nWashington, DC 20230');
         INSERT INTO terms (person_id, office_id, start_on, end_on) VALUES (1, 1, '2017-02-28', '2021-01-20');
         INSERT INTO issues (id, name) VALUES (1, 'KORUS');
         INSERT INTO positions (id, issue_id, version, stance, adopted_on, statement)
             VALUES (1, 1, 1, 'support', '2017-08-22', 'We support KORUS.');
         INSERT INTO templates (id, key, version, builtin, meta, source, created_at)
             VALUES (1, 'joint-support', 1, 1, '{}', 'Dear {{x}}', '2017-09-01 12:00:00+00:00');
         INSERT INTO signers (id, name, title) VALUES (1, 'Jordan A. Whitfield', 'Vice President');
         INSERT INTO letters (id, template_id, position_id, signer_id, date, subject, body, mode, status, created_at, updated_at)
             VALUES (1, 1, 1, 1, '2017-09-05', 'Continued support for KORUS', 'Tariff schedules matter.', 'joint', 'sent',
                     '2017-09-01 12:00:00+00:00', '2017-09-05 15:00:00+00:00');
         INSERT INTO letter_recipients (id, letter_id, ord, letter_date, role, person_id, office_id, method, sent_at, follow_up_on)
             VALUES (1, 1, 1, '2017-09-05', 'to', 1, 1, 'mail', '2017-09-05 15:00:00+00:00', '2017-10-05');
         INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at)
             VALUES (1, 1, x'255044462d312e37', '1f0a2a8a0bbdb8e1d3d3bd0f5a14e8b2d8b4c3d0b3a36b16bdb5af9a0a2bd0a6', '{}', '2017-09-05 15:00:00+00:00');
         INSERT INTO events (letter_id, kind, at) VALUES (1, 'created', '2017-09-01 12:00:00+00:00');
         INSERT INTO events (letter_id, recipient_id, kind, at, detail) VALUES (1, 1, 'sent', '2017-09-05 15:00:00+00:00', 'mail');",
    )
    .unwrap();
    // The archived hash must be the real digest of the bytes.
    let hash = store::letters::sha256_hex(b"%PDF-1.7");
    conn.execute_batch(&format!(
        "DROP TRIGGER archive_is_immutable_update; UPDATE archive SET sha256 = '{hash}';
         {}",
        trigger_sql()
    ))
    .unwrap();
    drop(conn);
}

fn trigger_sql() -> String {
    let sql = include_str!("../../migrations/01-record.sql");
    let start = sql
        .find("CREATE TRIGGER archive_is_immutable_update")
        .unwrap();
    let end = start + sql[start..].find("END;").unwrap() + 4;
    sql[start..end].to_string()
}

#[test]
fn a_schema_1_database_opens_with_nothing_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("amicus.db");
    std::fs::copy(fixture(), &path).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1, "the fixture must stay at schema 1");
    }

    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.integrity_check().unwrap(), "ok");

    // The pre-upgrade backup is the untouched schema-1 file.
    let backup = backup_path(&path, 1);
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);

    let ross = store.person(1).unwrap();
    assert_eq!(ross.salutation.as_deref(), Some("Secretary Ross"));
    let office = store.office(1).unwrap();
    assert_eq!(
        office.address,
        ["1401 Constitution Avenue, NW", "Washington, DC 20230"]
    );
    let holder = store
        .holder_on(1, "2017-09-05".parse().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(holder.person.full_name, "Wilbur Ross");
    let letter = store.letter(1).unwrap();
    assert_eq!(letter.status, Status::Sent);
    assert_eq!(letter.subject, "Continued support for KORUS");
    let archived = store.archived(1).unwrap();
    assert_eq!(archived[0].pdf, b"%PDF-1.7");
    let log = store.log(&LogFilter::default()).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].method, Some(Method::Mail));
    assert_eq!(store.events(1).unwrap().len(), 2);
    let org: serde_json::Value = store.setting("organization").unwrap().unwrap();
    assert_eq!(org["name"], "Lakeshore State Chamber of Commerce");
    // Rows written before search existed are searchable after the upgrade.
    let hits = store.search("tariff", 10).unwrap();
    assert_eq!((hits[0].kind.as_str(), hits[0].id), ("letter", 1));
    assert_eq!(store.search("ross", 10).unwrap()[0].kind, "person");
}

#[test]
fn a_database_from_a_newer_amicus_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 99; CREATE TABLE t (x);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(err.to_string().contains("newer Amicus"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        "Dear Secretary Ross, this is a text file and not a database.",
    )
    .unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(err.to_string().contains("not an Amicus database"), "{err}");
}
