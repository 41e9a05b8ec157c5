//! Digital signing through the record: an approved letter is signed with a
//! PKCS#12 certificate, its copies are exported and sent exactly as signed,
//! and `verify` checks the signature and what it signed — and reports an
//! archived copy changed afterwards. A wrong password signs nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use amicus_app::{App, Engine, ExportOptions, Method, SendReport, SendRequest};
use chrono::{DateTime, NaiveDate, Utc};

#[path = "../../store/tests/support/engines.rs"]
mod support;
use support::Backend;

/// The record on `engine`: a file in `dir`, or a new team record whose
/// connection string is kept in `url` for opening it again.
fn open(engine: Backend, db_path: &Path, url: &mut Option<String>) -> App {
    let now = at("2026-11-28");
    match engine {
        Backend::Sqlite => App::open(Engine::new().unwrap(), db_path, now).unwrap(),
        Backend::Postgres => {
            let store = match url {
                Some(url) => store::Store::open_team(&store::team::TeamConnect {
                    url: url.clone(),
                    ..Default::default()
                })
                .unwrap(),
                None => {
                    let (store, u) = support::fresh_with_url(engine);
                    *url = u;
                    store
                }
            };
            App::with_store(Engine::new().unwrap(), store, now).unwrap()
        }
    }
}

fn at(s: &str) -> DateTime<Utc> {
    format!("{s}T15:00:00Z").parse().unwrap()
}

/// A CA-issued signer certificate in `dir/signer.p12`, password "letters".
fn certificate(dir: &Path) {
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .current_dir(dir)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "3650",
        "-subj",
        "/CN=Amicus Test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "signer.key",
        "-out",
        "signer.csr",
        "-subj",
        "/CN=Jordan A. Whitfield",
    ]);
    openssl(&[
        "x509",
        "-req",
        "-in",
        "signer.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "signer.pem",
        "-days",
        "825",
    ]);
    openssl(&[
        "pkcs12",
        "-export",
        "-inkey",
        "signer.key",
        "-in",
        "signer.pem",
        "-certfile",
        "ca.pem",
        "-out",
        "signer.p12",
        "-passout",
        "pass:letters",
    ]);
}

fn a_digitally_signed_letter_is_sent_as_signed_and_verified_and_a_change_is_caught(
    engine: Backend,
) {
    let dir = tempfile::tempdir().unwrap();
    certificate(dir.path());
    let p12 = dir.path().join("signer.p12");
    let db_path = dir.path().join("amicus.db");
    let mut url = None;
    let app = open(engine, &db_path, &mut url);
    let sample = app.letters(None).unwrap()[0].id;
    let copy = app
        .copy_letter(sample, NaiveDate::from_ymd_opt(2017, 9, 20).unwrap())
        .unwrap();
    let id = app.draft_letter(&copy, at("2017-09-19")).unwrap().letter_id;

    // Not approved yet: refused, nothing kept.
    let early = app
        .sign_digitally(id, &p12, "letters", at("2017-09-19"))
        .unwrap_err();
    assert!(early.to_string().contains("approve it first"), "{early}");
    app.approve(id, at("2017-09-19")).unwrap();

    // A wrong password: said plainly, at the certificate; the letter stays approved.
    let wrong = app
        .sign_digitally(id, &p12, "not it", at("2017-09-20"))
        .unwrap_err();
    assert_eq!(wrong.field().as_deref(), Some("certificate"), "{wrong}");
    assert!(
        wrong.to_string().contains("the password is wrong"),
        "{wrong}"
    );
    assert_eq!(
        app.open_letter(id).unwrap().summary.status.to_string(),
        "approved"
    );

    let name = app
        .sign_digitally(id, &p12, "letters", at("2017-09-20"))
        .unwrap();
    assert_eq!(name, "Jordan A. Whitfield");

    // Exported: the signed bytes, which verify.
    let out = dir.path().join("letter.pdf");
    let written = app
        .export_letter(id, &out, &ExportOptions::default(), at("2017-09-20"))
        .unwrap();
    assert_eq!(written, vec![out.clone()]);
    let exported = std::fs::read(&out).unwrap();
    assert_eq!(
        pades::verify(&exported).unwrap().signer,
        "Jordan A. Whitfield"
    );
    // A copy to sign by hand is the unsigned letter.
    let wet = dir.path().join("wet.pdf");
    let options = ExportOptions {
        blank_signature: true,
        ..ExportOptions::default()
    };
    app.export_letter(id, &wet, &options, at("2017-09-20"))
        .unwrap();
    assert!(matches!(
        pades::verify(&std::fs::read(&wet).unwrap()),
        Err(pades::PadesError::Unsigned)
    ));

    // Sent: archived as signed, and verify checks signature and content.
    let report = SendReport {
        method: Method::Email,
        at: at("2017-09-20"),
        confirmation: None,
        follow_up_on: None,
    };
    app.send_copies(
        &SendRequest {
            letter_id: id,
            copy: None,
            report,
        },
        at("2017-09-20"),
    )
    .unwrap();
    assert_eq!(app.verify_archive(id).unwrap(), 2);

    // Someone changes an archived copy behind the record's back (its
    // guards taken off first: a file's triggers, the server's triggers as
    // its superuser) ...
    drop(app);
    let (archive_id, mut pdf): (i64, Vec<u8>) = match &url {
        None => {
            let conn = store::rusqlite::Connection::open(&db_path).unwrap();
            conn.query_row(
                "SELECT id, pdf FROM archive WHERE letter_id = ?1 ORDER BY id LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
        }
        Some(url) => {
            let mut c = ::postgres::Client::connect(url, ::postgres::NoTls).unwrap();
            let row = c
                .query_one(
                    "SELECT id, pdf FROM archive WHERE letter_id = $1 ORDER BY id LIMIT 1",
                    &[&id],
                )
                .unwrap();
            (row.get(0), row.get(1))
        }
    };
    let producer = pdf
        .windows(b"/Producer".len())
        .position(|w| w == b"/Producer")
        .unwrap();
    pdf[producer + 12] ^= 0x01;
    // ... and its recorded hash too, so only the signature can tell.
    let hash = store::letters::sha256_hex(&pdf);
    match &url {
        None => {
            let conn = store::rusqlite::Connection::open(&db_path).unwrap();
            conn.execute_batch("DROP TRIGGER archive_is_immutable_update")
                .unwrap();
            conn.execute(
                "UPDATE archive SET pdf = ?2, sha256 = ?3 WHERE id = ?1",
                store::rusqlite::params![archive_id, pdf, hash],
            )
            .unwrap();
        }
        Some(url) => {
            let mut c = ::postgres::Client::connect(url, ::postgres::NoTls).unwrap();
            c.batch_execute("ALTER TABLE archive DISABLE TRIGGER USER")
                .unwrap();
            c.execute(
                "UPDATE archive SET pdf = $2, sha256 = $3 WHERE id = $1",
                &[&archive_id, &pdf, &hash],
            )
            .unwrap();
        }
    }
    let app = open(engine, &db_path, &mut url);
    let caught = app.verify_archive(id).unwrap_err();
    assert!(
        caught
            .to_string()
            .contains("the PDF was changed after it was signed"),
        "{caught}"
    );
}

engines!(a_digitally_signed_letter_is_sent_as_signed_and_verified_and_a_change_is_caught);
