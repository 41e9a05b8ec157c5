//! Two writers on one record at the same moment: two `amicus` processes, and
//! the desktop's long-lived connection beside a CLI process. Every letter
//! must land and no write may be refused ("database is locked" was what one
//! in ten concurrent drafts got when write transactions started DEFERRED).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use crate::common::Run;
use amicus_app::{App, Clock, DraftRequest, Engine};

const EACH: usize = 100;

fn draft_by_cli(db: &Path, body: &Path, tag: &str, n: usize) -> Vec<String> {
    let mut refused = Vec::new();
    for i in 0..n {
        let subject = format!("{tag} {i}");
        let o = Command::new(env!("CARGO_BIN_EXE_amicus"))
            .args(["letters", "new", "--to", "USTR", "--date", "2018-09-24"])
            .args(["--issue", "KORUS", "--subject", &subject, "--body-file"])
            .arg(body)
            .env("AMICUS_DB", db)
            .run();
        if !o.status.success() {
            refused.push(format!("{subject}: {}", String::from_utf8_lossy(&o.stderr)));
        }
    }
    refused
}

fn letters_in(db: &Path) -> usize {
    let o = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(["letters", "list"])
        .env("AMICUS_DB", db)
        .run();
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap().lines().count()
}

fn record() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let body = dir.path().join("body.md");
    std::fs::write(&body, "We write again about the amended KORUS.").unwrap();
    // Created (with the sample letter) before the writers start.
    assert_eq!(letters_in(&db), 1);
    (dir, db, body)
}

#[test]
fn two_processes_drafting_at_once_lose_nothing() {
    let (_dir, db, body) = record();
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| draft_by_cli(&db, &body, "first", EACH));
        let b = s.spawn(|| draft_by_cli(&db, &body, "second", EACH));
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(a.is_empty() && b.is_empty(), "refused: {a:?} {b:?}");
    assert_eq!(letters_in(&db), 1 + 2 * EACH);
}

fn request(tag: &str, i: usize) -> DraftRequest {
    DraftRequest {
        template: "joint-support".into(),
        to_offices: vec!["Secretary of Commerce".into()],
        to_persons: vec![],
        cc_offices: vec![],
        cc_lines: vec![],
        date: "2018-09-24".parse().unwrap(),
        subject: format!("{tag} {i}"),
        body: "From the window.".into(),
        issue: Some("KORUS".into()),
        signer: None,
        per_recipient: false,
        to_groups: Vec::new(),
        lang: None,
    }
}

/// Two open records on one file (two desktops, or a desktop and a long CLI
/// import) drafting as fast as they can: each draft reads before it writes,
/// which is where a DEFERRED transaction was refused.
#[test]
fn two_connections_drafting_flat_out_lose_nothing() {
    let (_dir, db, _body) = record();
    let open = || App::open(Engine::new().unwrap(), &db, Clock::system()).unwrap();
    let (one, two) = (open(), open());
    let run = |app: &App, tag: &'static str| {
        (0..2 * EACH)
            .filter_map(|i| app.draft_from_request(&request(tag, i)).err())
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    };
    let refused: Vec<String> = std::thread::scope(|s| {
        let a = s.spawn(|| run(&one, "one"));
        let b = s.spawn(|| run(&two, "two"));
        let mut all = a.join().unwrap();
        all.extend(b.join().unwrap());
        all
    });
    assert!(
        refused.is_empty(),
        "{} refused, e.g. {:?}",
        refused.len(),
        refused.first()
    );
    assert_eq!(one.letters(None).unwrap().len(), 1 + 4 * EACH);
}

#[test]
fn the_desktop_and_the_cli_writing_at_once_lose_nothing() {
    let (_dir, db, body) = record();
    // The desktop keeps one connection open for the whole session.
    let desktop = App::open(Engine::new().unwrap(), &db, Clock::system()).unwrap();
    let refused = std::thread::scope(|s| {
        let cli = s.spawn(|| draft_by_cli(&db, &body, "cli", EACH));
        for i in 0..EACH {
            desktop
                .draft_from_request(&request("desktop", i))
                .expect("the desktop's draft is saved");
        }
        cli.join().unwrap()
    });
    assert!(refused.is_empty(), "refused: {refused:?}");
    assert_eq!(letters_in(&db), 1 + 2 * EACH);
    assert_eq!(desktop.letters(None).unwrap().len(), 1 + 2 * EACH);
}
