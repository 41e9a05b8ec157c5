//! `amicus mail set` and `amicus letters send --method email` against a real
//! mail server this test starts: the copies go with STARTTLS and a login
//! whose password comes from AMICUS_SMTP_PASSWORD, the Message-ID the server
//! received is what `letters show` reports, a resend needs --resend, and
//! `--draft` writes an .eml for a mail program without sending anything.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use testkit::smtp;

use std::process::Command;

use crate::common::Run;
use common::{fails, ok};
use smtp::Server;
use testkit::pki::server_certificates as certificates;

fn amicus_with_password(
    db: &std::path::Path,
    password: &str,
    args: &[&str],
) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(args)
        .env("AMICUS_DB", db)
        .env("AMICUS_SMTP_PASSWORD", password)
        // No session bus, no keychain: the user's own is never reached.
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .run()
}

#[test]
fn letters_go_by_email_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    certificates(dir.path());
    let server = Server::start(
        dir.path(),
        "mail",
        &[
            "--cert",
            "server.pem",
            "--key",
            "server.key",
            "--auth",
            "trade:s3cret",
        ],
    );
    let db = dir.path().join("amicus.db");
    let ca = dir.path().join("ca.pem");
    ok(
        &db,
        &[
            "offices",
            "edit",
            "Secretary of Commerce",
            "--email",
            "secretary@commerce.example",
        ],
    );
    ok(
        &db,
        &[
            "offices",
            "edit",
            "U.S. Trade Representative",
            "--email",
            "ambassador@ustr.example",
        ],
    );
    let bad = fails(
        &db,
        &[
            "offices",
            "edit",
            "U.S. Trade Representative",
            "--email",
            "ustr at example",
        ],
    );
    assert!(bad.contains("is not an e-mail address"), "{bad}");
    let body = dir.path().join("body.md");
    std::fs::write(&body, "We welcome the amended agreement.").unwrap();
    ok(
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
            "--issue",
            "KORUS",
            "--body-file",
            body.to_str().unwrap(),
        ],
    );
    ok(&db, &["letters", "approve", "2"]);
    ok(&db, &["letters", "sign", "2"]);

    // Nothing set up yet: said how to set it up.
    let err = fails(&db, &["letters", "send", "2", "--method", "email"]);
    assert!(err.contains("amicus mail set"), "{err}");
    let port = server.port.to_string();
    ok(
        &db,
        &[
            "mail",
            "set",
            "--server",
            "127.0.0.1",
            "--port",
            &port,
            "--user",
            "trade",
            "--from",
            "trade@lakeshore.example",
            "--ca",
            ca.to_str().unwrap(),
        ],
    );
    let shown = ok(&db, &["mail", "show"]);
    assert!(
        shown.contains(&format!("127.0.0.1:{port} (STARTTLS)")),
        "{shown}"
    );

    // A draft for the mail program: written, nothing sent or recorded.
    let eml = dir.path().join("ustr.eml");
    let out = ok(
        &db,
        &[
            "letters",
            "send",
            "2",
            "--recipient",
            "2",
            "--method",
            "email",
            "--draft",
            eml.to_str().unwrap(),
        ],
    );
    assert!(out.contains("ambassador@ustr.example"), "{out}");
    let draft = std::fs::read_to_string(&eml).unwrap();
    assert!(draft.contains("X-Unsent: 1"), "{draft}");
    assert!(server.received().is_empty());

    // The wrong password: nothing sent, the server's words, a failing exit.
    let o = amicus_with_password(&db, "wrong", &["letters", "send", "2", "--method", "email"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("did not accept the login"), "{err}");
    assert!(server.received().is_empty());

    let o = amicus_with_password(
        &db,
        "s3cret",
        &["letters", "send", "2", "--method", "email"],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(server.received().len(), 2);
    let message_id = out
        .lines()
        .find(|l| l.starts_with("sent copy 2 to Robert E. Lighthizer <ambassador@ustr.example>"))
        .and_then(|l| l.rsplit_once(": "))
        .map(|(_, id)| id.to_string())
        .unwrap_or_else(|| panic!("{out}"));
    let received = String::from_utf8_lossy(&server.received()[1]).to_string();
    assert!(
        received.contains(&format!("Message-ID: {message_id}")),
        "{received}"
    );
    let show = ok(&db, &["letters", "show", "2"]);
    assert!(show.contains(&message_id), "{show}");

    // Again: refused without --resend; with it, one more message.
    let err = fails(
        &db,
        &[
            "letters",
            "send",
            "2",
            "--recipient",
            "2",
            "--method",
            "email",
        ],
    );
    assert!(err.contains("--resend"), "{err}");
    let o = amicus_with_password(
        &db,
        "s3cret",
        &[
            "letters",
            "send",
            "2",
            "--recipient",
            "2",
            "--method",
            "email",
            "--resend",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("resent copy 2"));
    assert_eq!(server.received().len(), 3);
}
