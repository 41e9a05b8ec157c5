//! The `amicus` record commands end to end on a temporary database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::process::Command;

use crate::common::Run;
use common::{fails, json, ok};

#[test]
fn first_run_creates_the_sample_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/amicus.db");
    let letters = ok(&db, &["letters", "list"]);
    assert!(letters.contains("2017-09-05  sent"), "{letters}");
    assert!(letters.contains("Continued support for the U.S.–Korea Free Trade Agreement (KORUS)"));
    // The same list and letter for scripts.
    let list = json(&db, &["letters", "list"]);
    let sample = &list.as_array().unwrap()[0];
    assert_eq!(sample["status"], "sent", "{list}");
    assert_eq!(sample["date"], "2017-09-05", "{list}");
    assert_eq!(sample["copies"], 2, "{list}");
    assert_eq!(sample["copies_sent"], 2, "{list}");
    let id = sample["id"].as_i64().unwrap().to_string();
    let shown = json(&db, &["letters", "show", &id]);
    let recipients = shown["detail"]["recipients"].as_array().unwrap();
    let names: Vec<&str> = recipients
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Wilbur Ross", "Robert E. Lighthizer"], "{shown}");
    let methods: Vec<&str> = recipients
        .iter()
        .map(|r| r["method"].as_str().unwrap())
        .collect();
    assert_eq!(methods, ["mail", "email"], "{shown}");
    assert_eq!(shown["archived"].as_array().unwrap().len(), 2, "{shown}");
    let holder = ok(&db, &["offices", "holder", "USTR", "--on", "2017-09-05"]);
    assert!(
        holder
            .starts_with("United States Trade Representative on 2017-09-05: Robert E. Lighthizer"),
        "{holder}"
    );
    let today = ok(
        &db,
        &[
            "offices",
            "holder",
            "Secretary of Commerce",
            "--on",
            "2026-11-28",
        ],
    );
    assert!(today.contains(": Howard Lutnick"), "{today}");
    let issues = ok(&db, &["issues", "list"]);
    assert!(issues.contains("support (v2, 2017-09-01)"), "{issues}");
    let verified = ok(&db, &["letters", "verify", "1"]);
    assert!(
        verified.contains("letter 1: 2 copies, not signed digitally, content matches"),
        "{verified}"
    );
}

/// After Settings → Team record, `amicus` on the same computer opens that
/// record as the window does, saying so on standard error; `--db` (or
/// AMICUS_DB) still names another.
#[test]
fn the_saved_team_record_is_opened_unless_another_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("amicus")).unwrap();
    // A server nobody runs: its socket folder is empty.
    let socket = dir.path().join("no-server");
    std::fs::create_dir_all(&socket).unwrap();
    let url = format!("postgres://dana@/amicus?host={}", socket.display());
    std::fs::write(
        config.join("amicus/team.json"),
        format!("{{\"url\": \"{url}\"}}"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_amicus"))
            .args(args)
            .env_remove("AMICUS_DB")
            .env("XDG_CONFIG_HOME", &config)
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("HOME", dir.path())
            .env("AMICUS_KEYCHAIN", "none")
            .run()
    };
    let o = run(&["letters", "list"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains("using the team record postgres://dana@"),
        "{err}"
    );
    assert!(err.contains("cannot be reached"), "{err}");
    // Nothing was written to this computer's own record instead.
    assert!(!dir.path().join("data/amicus").exists());
    // A file named on the command line wins, without a word about the team.
    let db = dir.path().join("own.db");
    let o = run(&["--db", db.to_str().unwrap(), "letters", "list"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Damaged settings are named, not skipped for the local file.
    std::fs::write(config.join("amicus/team.json"), "{\"url\": ").unwrap();
    let o = run(&["letters", "list"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && err.contains("team.json"), "{err}");
    assert!(!dir.path().join("data/amicus").exists());
}

#[test]
fn a_letter_from_draft_to_sent_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let body = dir.path().join("body.md");
    std::fs::write(
        &body,
        "We welcome the **amended** agreement.\n\nIt keeps our members' gains.",
    )
    .unwrap();
    let out = ok(
        &db,
        &[
            "letters",
            "new",
            "--to",
            "Secretary of Commerce",
            "--to",
            "U.S. Trade Representative",
            "--date",
            "2018-09-24",
            "--subject",
            "The amended KORUS",
            "--body-file",
            body.to_str().unwrap(),
            "--issue",
            "KORUS",
        ],
    );
    assert_eq!(out.trim(), "drafted letter 2");
    let err = fails(&db, &["letters", "send", "2", "--method", "mail"]);
    assert!(err.contains("must be approved and signed"), "{err}");
    // A draft exports with its status on every page; the approved letter without.
    let draft_pdf = dir.path().join("draft.pdf");
    ok(
        &db,
        &[
            "letters",
            "export",
            "2",
            "--out",
            draft_pdf.to_str().unwrap(),
        ],
    );
    let draft_text = Command::new("pdftotext")
        .args([draft_pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let draft_text = String::from_utf8_lossy(&draft_text.stdout);
    assert!(
        draft_text.starts_with("DRAFT — not approved for sending"),
        "{draft_text}"
    );
    ok(&db, &["letters", "approve", "2"]);
    ok(&db, &["letters", "sign", "2"]);
    let pdf = dir.path().join("amended.pdf");
    ok(
        &db,
        &["letters", "export", "2", "--out", pdf.to_str().unwrap()],
    );
    let text = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Dear Secretary Ross and Ambassador Lighthizer:"),
        "{text}"
    );
    assert!(!text.contains("DRAFT"), "{text}");
    ok(
        &db,
        &[
            "letters",
            "send",
            "2",
            "--recipient",
            "1",
            "--method",
            "mail",
            "--follow-up",
            "2018-10-24",
            "--at",
            "2018-09-24T15:00:00Z",
            "--confirmation",
            "receipt 42",
        ],
    );
    ok(
        &db,
        &[
            "letters",
            "send",
            "2",
            "--method",
            "email",
            "--record-only",
            "--at",
            "2018-09-24T16:00:00Z",
            "--no-follow-up",
        ],
    );
    let err = fails(
        &db,
        &["letters", "send", "2", "--method", "email", "--record-only"],
    );
    assert!(err.contains("already been sent"), "{err}");
    let show = ok(&db, &["letters", "show", "2"]);
    assert!(
        show.contains(
            "1. [to] Wilbur Ross, Secretary of Commerce — sent 2018-09-24 15:00 UTC by mail"
        ),
        "{show}"
    );
    assert!(show.contains("2. [to] Robert E. Lighthizer"), "{show}");

    let csv = ok(&db, &["log", "--csv", "--from", "2018-01-01"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[1].contains(
            "Wilbur Ross,Secretary of Commerce,to,mail,2018-09-24T15:00:00Z,receipt 42,2018-10-24"
        ),
        "{csv}"
    );
    let due = ok(&db, &["log", "--due", "2018-11-01", "--from", "2018-01-01"]);
    assert!(
        due.contains("The amended KORUS") && due.lines().count() == 1,
        "{due}"
    );
    ok(
        &db,
        &[
            "letters",
            "reply",
            "2",
            "--recipient",
            "1",
            "--on",
            "2018-10-02",
            "--notes",
            "Thanks",
        ],
    );
    assert!(!ok(&db, &["log", "--due", "2018-11-01"]).contains("amended"));
    let by_office = ok(&db, &["log", "--office", "USTR"]);
    assert_eq!(by_office.lines().count(), 2, "{by_office}");

    let found = ok(&db, &["search", "amended agreement"]);
    assert!(found.starts_with("letter       2"), "{found}");

    // A sent letter is changed through a revision.
    let rev = ok(&db, &["letters", "revise", "2"]);
    assert!(
        rev.contains("letter 3 is a new draft revising letter 2"),
        "{rev}"
    );
    // The sample letter copied as new for 2018: a draft that names its source.
    let copied = ok(&db, &["letters", "copy", "1", "--date", "2018-09-24"]);
    assert!(
        copied.contains("drafted letter 4 (a copy of letter 1)"),
        "{copied}"
    );
}

#[test]
fn bad_input_is_explained_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let before = ok(&db, &["officials", "show", "1"]);
    let err = fails(
        &db,
        &[
            "officials",
            "term",
            "--person",
            "1",
            "--office",
            "Commerce",
            "--start",
            "2019-01-01",
        ],
    );
    assert!(err.contains("overlaps Wilbur Ross's term"), "{err}");
    let err = fails(
        &db,
        &[
            "officials",
            "term",
            "--person",
            "1",
            "--office",
            "Commerce",
            "--start",
            "2030-01-01",
            "--end",
            "2029-01-01",
        ],
    );
    assert!(err.contains("ends (2029-01-01) before it starts"), "{err}");
    let err = fails(&db, &["offices", "holder", "Secretary of Defense"]);
    assert!(
        err.contains("office \"Secretary of Defense\" does not exist"),
        "{err}"
    );
    let err = fails(&db, &["officials", "add", "--name", " "]);
    assert!(err.contains("full_name"), "{err}");
    assert_eq!(ok(&db, &["officials", "show", "1"]), before);
    let err = fails(
        &db,
        &["offices", "add", "--title", "Mayor", "--kind", "mayor"],
    );
    assert!(err.contains("cabinet_secretary"), "{err}");
    assert_eq!(ok(&db, &["letters", "list"]).lines().count(), 1);
}

#[test]
fn an_office_is_edited_retired_and_reinstated() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    ok(
        &db,
        &[
            "offices",
            "edit",
            "USTR",
            "--address",
            "600 17th Street NW",
            "--address",
            "Washington, DC 20508",
        ],
    );
    let list = ok(&db, &["offices", "holder", "USTR"]);
    assert!(list.contains("600 17th Street NW"), "{list}");
    // Someone holds it today: retiring it is refused.
    let err = fails(&db, &["offices", "retire", "USTR", "--on", "2026-12-01"]);
    assert!(
        err.contains("end that term on or before 2026-12-01"),
        "{err}"
    );
    ok(
        &db,
        &[
            "offices",
            "add",
            "--title",
            "Trade Envoy",
            "--kind",
            "other",
        ],
    );
    ok(
        &db,
        &["offices", "retire", "Trade Envoy", "--on", "2026-12-01"],
    );
    let shown = ok(&db, &["offices", "holder", "Trade Envoy"]);
    assert!(shown.contains("retired on 2026-12-01"), "{shown}");
    ok(&db, &["offices", "reinstate", "Trade Envoy"]);
    let shown = ok(&db, &["offices", "holder", "Trade Envoy"]);
    assert!(!shown.contains("retired"), "{shown}");
    let err = fails(&db, &["offices", "edit", "Trade Envoy", "--title", " "]);
    assert!(err.contains("needs a title"), "{err}");
}

#[test]
fn backup_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let backup = dir.path().join("backup.db");
    ok(&db, &["backup", backup.to_str().unwrap()]);
    ok(&db, &["issues", "add", "Steel tariffs"]);
    assert!(ok(&db, &["issues", "list"]).contains("Steel tariffs"));
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database").unwrap();
    let err = fails(&db, &["restore", junk.to_str().unwrap()]);
    assert!(err.contains("junk.db"), "{err}");
    assert!(ok(&db, &["issues", "list"]).contains("Steel tariffs"));
    ok(&db, &["restore", backup.to_str().unwrap()]);
    assert!(!ok(&db, &["issues", "list"]).contains("Steel tariffs"));
    assert!(ok(&db, &["letters", "list"]).contains("KORUS"));
}

#[test]
fn importing_congress_shows_a_summary_and_a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let data = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/congress-legislators"
    );
    let dry = ok(
        &db,
        &[
            "import",
            "congress",
            data,
            "--dry-run",
            "--as-of",
            "2026-06-15",
        ],
    );
    assert!(dry.starts_with("Dry run: nothing was changed."), "{dry}");
    // Today's 537 members and the 431 who served since 2017 and have left.
    assert!(dry.contains("officials  968 added, 0 updated"), "{dry}");
    assert!(
        fails(
            &db,
            &["offices", "holder", "U.S. Senator for California, class 3"]
        )
        .contains("does not exist")
    );
    let real = ok(&db, &["import", "congress", data, "--as-of", "2026-06-15"]);
    assert!(real.contains("officials  968 added"), "{real}");
    assert!(real.contains("district offices: 1312 added"), "{real}");
    let again = ok(&db, &["import", "congress", data, "--as-of", "2026-06-15"]);
    assert!(again.contains("officials  0 added, 0 updated"), "{again}");
    assert!(
        again.contains("terms      0 added, 0 updated, 0 ended"),
        "{again}"
    );
    let holder = ok(
        &db,
        &[
            "offices",
            "holder",
            "U.S. Senator for California, class 3",
            "--on",
            "2026-06-15",
        ],
    );
    assert!(holder.contains(": Alex Padilla"), "{holder}");
    let err = fails(&db, &["import", "congress", dir.path().to_str().unwrap()]);
    assert!(err.contains("legislators-current.yaml"), "{err}");
    let padilla = json(&db, &["officials", "list", "Padilla"]);
    let rows = padilla.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{padilla}");
    assert_eq!(rows[0]["person"]["full_name"], "Alex Padilla", "{padilla}");
    let id = rows[0]["person"]["id"].as_i64().unwrap().to_string();
    let detail = json(&db, &["officials", "show", &id]);
    assert!(
        detail["local_offices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["city"] == "Los Angeles"),
        "{detail}"
    );
    let shown = ok(&db, &["officials", "show", &id]);
    assert!(shown.contains("district office, Los Angeles:"), "{shown}");
}

#[test]
fn the_posts_dataset_is_in_every_new_record_and_imports_again_as_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let holder = ok(
        &db,
        &[
            "offices",
            "holder",
            "Minister for Trade",
            "--on",
            "2017-09-05",
        ],
    );
    assert!(holder.contains(": Kim Hyun-chong"), "{holder}");
    let again = ok(&db, &["import", "posts", "--dry-run"]);
    assert!(
        again.starts_with("Dry run: nothing was changed."),
        "{again}"
    );
    assert!(again.contains("officials  0 added, 0 updated"), "{again}");
    assert!(again.contains("skipped    0"), "{again}");
    let err = fails(&db, &["import", "posts", "/nonexistent/posts.yaml"]);
    assert!(err.contains("/nonexistent/posts.yaml"), "{err}");
}

#[test]
fn officials_go_out_and_back_in_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let csv = ok(&db, &["export", "officials", "--csv"]);
    assert!(csv.starts_with("full_name,family_name,"), "{csv}");
    assert!(csv.contains("Robert E. Lighthizer,Lighthizer,,,,United States Trade Representative,trade_representative,"), "{csv}");
    let file = dir.path().join("officials.csv");
    std::fs::write(&file, format!("{csv}Pat Doe,,,,,Governor of Ohio,governor,State of Ohio,\"77 South High Street | Columbus, OH 43215\",2019-01-14,,no,,governor@ohio.example,https://governor.ohio.example/contact\n")).unwrap();
    let out = ok(&db, &["import", "csv", file.to_str().unwrap()]);
    assert!(
        out.contains("1 officials, 1 offices and 1 terms added"),
        "{out}"
    );
    std::fs::write(
        &file,
        "full_name,office,start\nAl Smith,Governor of Ohio,2019-13-01\n",
    )
    .unwrap();
    let err = fails(&db, &["import", "csv", file.to_str().unwrap()]);
    assert!(
        err.contains("line 2: start \"2019-13-01\" is not a date"),
        "{err}"
    );
    assert!(!ok(&db, &["officials", "list"]).contains("Al Smith"));
}

/// `amicus letters delete` keeps a draft out of the list and the search,
/// `list --deleted` shows it, `restore` brings it back; a sent letter is
/// refused, saying why.
#[test]
fn a_draft_is_deleted_listed_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let body = dir.path().join("body.md");
    std::fs::write(&body, "We write about zucchini.").unwrap();
    let out = ok(
        &db,
        &[
            "letters",
            "new",
            "--to",
            "Secretary of Commerce",
            "--date",
            "2018-09-24",
            "--subject",
            "Zucchini tariffs",
            "--body-file",
            body.to_str().unwrap(),
            "--issue",
            "KORUS",
        ],
    );
    assert_eq!(out.trim(), "drafted letter 2");
    let err = fails(&db, &["letters", "delete", "1"]);
    assert!(
        err.contains("letter 1 is sent: only a draft can be deleted"),
        "{err}"
    );
    let out = ok(&db, &["letters", "delete", "2"]);
    assert!(out.contains("letter 2 deleted"), "{out}");
    let list = ok(&db, &["letters", "list"]);
    assert!(!list.contains("Zucchini"), "{list}");
    let found = ok(&db, &["search", "zucchini"]);
    assert!(!found.contains("Zucchini tariffs"), "{found}");
    let deleted = ok(&db, &["letters", "list", "--deleted"]);
    assert!(deleted.contains("    2  2018-09-24  deleted "), "{deleted}");
    assert!(deleted.contains("Zucchini tariffs"), "{deleted}");
    let rows = json(&db, &["letters", "list", "--deleted"]);
    assert_eq!(rows[0]["id"], 2, "{rows}");
    assert!(rows[0]["deleted_at"].is_string(), "{rows}");
    let shown = ok(&db, &["letters", "show", "2"]);
    assert!(shown.contains("  deleted:  "), "{shown}");
    assert!(shown.contains(" deleted "), "{shown}");
    let err = fails(&db, &["letters", "approve", "2"]);
    assert!(err.contains("restore it"), "{err}");

    let out = ok(&db, &["letters", "restore", "2"]);
    assert_eq!(out.trim(), "letter 2 restored");
    assert!(ok(&db, &["letters", "list"]).contains("Zucchini tariffs"));
    assert!(ok(&db, &["search", "zucchini"]).contains("Zucchini tariffs"));
    assert_eq!(
        ok(&db, &["letters", "list", "--deleted"]).trim(),
        "no deleted drafts"
    );
    let shown = ok(&db, &["letters", "show", "2"]);
    assert!(!shown.contains("  deleted:  "), "{shown}");
    assert!(shown.contains(" restored "), "{shown}");
    let err = fails(&db, &["letters", "restore", "2"]);
    assert!(err.contains("letter 2 is not deleted"), "{err}");
}
