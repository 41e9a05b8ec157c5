//! `amicus` on a team record: set up by `team init`, staff added with their
//! roles, a single-user file imported, each person's commands run as their
//! own login, and a backup written as the portable file format. Runs on the
//! throwaway server of scripts/with-postgres.sh (AMICUS_TEST_PG).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{fails, ok};

/// Roles are the server's, not a database's: two `team init`s or two
/// `team user add`s of one name at the same moment race to create them, so
/// this file's tests take turns.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A new database on the test server; its name.
fn team_database() -> String {
    let name = format!("amicus_cli_{}", std::process::id());
    testkit::engines::admin_sql(&format!("CREATE DATABASE {name}"));
    name
}

fn url(db: &str, user: &str) -> String {
    testkit::engines::url_for(db, user)
}

#[test]
fn a_team_is_set_up_fed_from_a_file_and_each_person_does_only_their_part() {
    testkit::needs_postgres!();
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let db = team_database();
    let admin = url(&db, "postgres");
    let out = ok(Path::new(&admin), &["team", "init"]);
    assert!(out.contains("is ready"), "{out}");
    // Running it again changes nothing and still succeeds.
    ok(Path::new(&admin), &["team", "init"]);
    ok(
        Path::new(&admin),
        &["team", "user", "add", "dana", "--role", "drafter"],
    );
    ok(
        Path::new(&admin),
        &["team", "user", "add", "avery", "--role", "approver"],
    );
    let users = ok(Path::new(&admin), &["team", "user", "list"]);
    assert!(
        users.contains("dana") && users.contains("drafter"),
        "{users}"
    );
    assert!(
        users.contains("avery") && users.contains("approver"),
        "{users}"
    );
    let err = fails(
        Path::new(&admin),
        &["team", "user", "add", "Bad Name", "--role", "drafter"],
    );
    assert!(err.contains("not a login name"), "{err}");

    // A staffer who started alone brings their record along.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("alone.db");
    let mine = ok(&file, &["letters", "list"]);
    assert!(mine.contains("KORUS"), "{mine}");
    let out = ok(
        Path::new(&admin),
        &["team", "import", file.to_str().unwrap()],
    );
    assert!(out.contains("imported 1 letters"), "{out}");

    let dana = url(&db, "dana");
    assert_eq!(
        ok(Path::new(&dana), &["team", "whoami"]).trim(),
        "dana: drafter"
    );
    let theirs = ok(Path::new(&dana), &["letters", "list"]);
    assert!(theirs.contains("KORUS"), "{theirs}");
    // The imported letter was sent; the drafter brings it up to date.
    let out = ok(
        Path::new(&dana),
        &["letters", "copy", "1", "--date", "2018-03-01"],
    );
    let id = out
        .split_whitespace()
        .nth(2)
        .expect("drafted letter N")
        .to_string();
    let err = fails(Path::new(&dana), &["letters", "approve", &id]);
    assert!(err.contains("permission denied"), "{err}");
    let avery = url(&db, "avery");
    ok(Path::new(&avery), &["letters", "approve", &id]);
    let shown = ok(Path::new(&dana), &["letters", "show", &id]);
    assert!(shown.contains("created     by dana"), "{shown}");
    assert!(shown.contains("approved    by avery"), "{shown}");

    // Only an administrator sets the four-eyes rule; then the drafter's
    // own letter needs someone else's approval.
    let err = fails(Path::new(&dana), &["team", "four-eyes", "on"]);
    assert!(err.contains("permission denied"), "{err}");
    ok(Path::new(&admin), &["team", "four-eyes", "on"]);
    let out = ok(
        Path::new(&avery),
        &["letters", "copy", &id, "--date", "2018-03-02"],
    );
    let own = out.split_whitespace().nth(2).unwrap().to_string();
    let err = fails(Path::new(&avery), &["letters", "approve", &own]);
    assert!(err.contains("four-eyes"), "{err}");

    // How the organization is named in a sentence is an administrator's to
    // set; the position paragraph's template is the team's, and a drafter
    // saving one is not refused for the short name kept beside it.
    ok(
        Path::new(&admin),
        &["settings", "short-name", "the Chamber"],
    );
    let err = fails(Path::new(&dana), &["settings", "short-name", "the Club"]);
    assert!(
        err.contains("permission denied") && err.contains("short name"),
        "{err}"
    );
    let template = dir.path().join("paragraph.hbs");
    std::fs::write(&template, "{{organization}} wrote on {{issue}}.").unwrap();
    ok(
        Path::new(&dana),
        &["settings", "paragraph-template", template.to_str().unwrap()],
    );
    assert_eq!(
        ok(Path::new(&dana), &["settings", "short-name"]).trim(),
        "short name: the Chamber"
    );

    // The team record's backup is the single-user format, and opens as one.
    let backup = dir.path().join("team.db");
    ok(Path::new(&admin), &["backup", backup.to_str().unwrap()]);
    let back = ok(&backup, &["letters", "show", &id]);
    assert!(back.contains("approved"), "{back}");
}

/// `amicus` as the README runs it: the record named by `--db`, a password on
/// standard input.
fn amicus_with_stdin(args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(args)
        .env_remove("AMICUS_DB")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The README's "What IT sets up, once", word for word, by a login that owns
/// the database and may create roles but is no superuser: `team init` makes
/// it the team's first administrator, so the import it runs next is not
/// refused as a change to the organization's settings.
#[test]
fn the_readme_it_login_sets_the_team_up_and_imports_the_record() {
    testkit::needs_postgres!();
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let it = format!("it_{}", std::process::id());
    let name = format!("amicus_it_{}", std::process::id());
    testkit::engines::admin_sql(&format!("CREATE ROLE {it} LOGIN CREATEROLE"));
    testkit::engines::admin_sql(&format!("CREATE DATABASE {name} OWNER {it}"));
    let admin = url(&name, &it);

    let init = amicus_with_stdin(&["team", "init", &admin], "");
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    for (user, role) in [
        ("dana", "drafter"),
        ("avery", "approver"),
        ("pat", "signer"),
    ] {
        let out = amicus_with_stdin(
            &[
                "--db",
                &admin,
                "team",
                "user",
                "add",
                user,
                "--role",
                role,
                "--password-stdin",
            ],
            "correct horse battery staple\n",
        );
        assert!(
            out.status.success(),
            "team user add {user}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("amicus.db");
    ok(&file, &["letters", "list"]);
    let out = amicus_with_stdin(
        &["--db", &admin, "team", "import", file.to_str().unwrap()],
        "",
    );
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "team import: {stderr}");
    assert!(stdout.contains("imported 1 letters"), "{stdout}");
    let who = amicus_with_stdin(&["--db", &admin, "team", "whoami"], "");
    assert!(
        String::from_utf8_lossy(&who.stdout).contains("admin"),
        "{}",
        String::from_utf8_lossy(&who.stdout)
    );
}
