//! The record as a file: a new one's settings, the settings row, backup and
//! restore, a damaged archive entry.

use super::world::{sent_letter, world_on};
use store::log::LogFilter;
use store::*;
use support::{Backend, fresh};
use testkit::engines as support;

#[test]
fn a_new_database_is_current_sound_and_in_wal() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("a.db")).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(s.integrity_check().unwrap(), "ok");
    let mode: String = s
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = s
        .connection()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

fn settings_round_trip(engine: Backend) {
    let mut s = fresh(engine);
    assert!(s.is_empty().unwrap());
    assert_eq!(s.setting::<String>("organization").unwrap(), None);
    s.set_setting("organization", &serde_json::json!({"name": "Chamber"}))
        .unwrap();
    s.set_setting("organization", &serde_json::json!({"name": "Lakeshore"}))
        .unwrap();
    let v: serde_json::Value = s.setting("organization").unwrap().unwrap();
    assert_eq!(v["name"], "Lakeshore");
    assert!(!s.is_empty().unwrap());
}

#[test]
fn backup_and_restore_round_trip_and_bad_backups_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = world_on(Backend::Sqlite);
    sent_letter(&mut w, "2017-09-05");
    let backup = dir.path().join("backup.db");
    w.store.backup(&backup).unwrap();

    let mut other = Store::open(&dir.path().join("live.db")).unwrap();
    other.add_issue("Steel tariffs", "").unwrap();
    // A file that is not a database is refused and the live one is untouched.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all, just some text").unwrap();
    let err = other.restore(&junk).unwrap_err();
    assert!(err.to_string().contains("junk.db"), "{err}");
    assert_eq!(other.issues().unwrap().len(), 1);
    assert!(other.restore(&dir.path().join("missing.db")).is_err());

    other.restore(&backup).unwrap();
    assert_eq!(other.issues().unwrap()[0].name, "KORUS");
    let everything = LogFilter {
        include_unsent: true,
        ..Default::default()
    };
    assert_eq!(other.log(&everything).unwrap().len(), 2);
    assert_eq!(other.integrity_check().unwrap(), "ok");
}

#[test]
fn a_damaged_archive_entry_is_reported_not_returned() {
    let mut w = world_on(Backend::Sqlite);
    let id = sent_letter(&mut w, "2017-09-05");
    // Simulate damage below the triggers (as a disk error would).
    w.store
        .connection()
        .execute_batch("DROP TRIGGER archive_is_immutable_update; UPDATE archive SET pdf = x'FF';")
        .unwrap();
    let err = w.store.archived(id).unwrap_err();
    assert!(
        err.to_string().contains("does not match its SHA-256"),
        "{err}"
    );
}

testkit::engines!(settings_round_trip,);
