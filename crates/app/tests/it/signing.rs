//! Digital signing through the record: an approved letter is signed with a
//! PKCS#12 certificate, its copies are exported and sent exactly as signed,
//! and `verify` checks the signature and what it signed — and reports an
//! archived copy changed afterwards. A wrong password signs nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use amicus_app::{App, Engine, ExportOptions, FollowUp, Method, SendReport, SendRequest};
use chrono::{DateTime, NaiveDate, Utc};

use support::Backend;
use testkit::engines as support;
use testkit::pki::{
    self, KeyUsagePurpose,
    KeyUsagePurpose::{ContentCommitment, DataEncipherment, DigitalSignature, KeyEncipherment},
};

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

/// A CA-issued signer certificate in `dir/signer.p12`, password "letters",
/// valid from 2017 to 2030.
fn certificate(dir: &Path) {
    issue(
        dir,
        "signer",
        "Jordan A. Whitfield",
        ("2017-01-01", "2030-01-01"),
        &[],
    );
}

/// A certificate for `name` issued by a test CA, valid from `dates.0` to
/// `dates.1` (YYYY-MM-DD), with the key usages `usages` (none: no key usage
/// extension): `dir/{file}.p12`, password "letters".
fn issue(
    dir: &Path,
    file: &str,
    name: &str,
    dates: (&str, &str),
    usages: &[KeyUsagePurpose],
) -> std::path::PathBuf {
    let ca = pki::Ca::new("Amicus Test CA", None);
    let p12 = ca.signer(name, None, dates, usages).p12();
    pki::write(dir, &format!("{file}.p12"), &p12)
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
        .copy_letter(sample, Some(NaiveDate::from_ymd_opt(2017, 9, 20).unwrap()))
        .unwrap();
    app.clock().set(at("2017-09-19"));
    let id = app.draft_letter(&copy).unwrap().letter_id;

    // Not approved yet: refused, nothing kept.
    let early = app.sign_digitally(id, &p12, "letters").unwrap_err();
    assert!(early.to_string().contains("approve it first"), "{early}");
    app.approve(id).unwrap();

    // Signed at the app's clock, which judges the certificate too.
    app.clock().set(at("2026-11-28"));
    // A wrong password: said plainly, at the certificate; the letter stays approved.
    let wrong = app.sign_digitally(id, &p12, "not it").unwrap_err();
    assert_eq!(wrong.field().as_deref(), Some("certificate"), "{wrong}");
    assert!(
        wrong.to_string().contains("the password is wrong"),
        "{wrong}"
    );
    assert_eq!(
        app.open_letter(id).unwrap().summary.status.to_string(),
        "approved"
    );

    let signed = app.sign_digitally(id, &p12, "letters").unwrap();
    assert_eq!(signed.signer, "Jordan A. Whitfield");
    // Valid until 2030: nothing to warn about.
    assert!(signed.warnings.is_empty(), "{:?}", signed.warnings);

    // Exported: the signed bytes, which verify.
    let out = dir.path().join("letter.pdf");
    let written = app
        .export_letter(id, &out, &ExportOptions::default())
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
    app.export_letter(id, &wet, &options).unwrap();
    assert!(matches!(
        pades::verify(&std::fs::read(&wet).unwrap()),
        Err(pades::PadesError::Unsigned)
    ));

    // Sent: archived as signed, and verify checks signature and content.
    let report = SendReport {
        method: Method::Email,
        at: Some(at("2017-09-20")),
        confirmation: None,
        follow_up: FollowUp::None,
    };
    app.send_copies(&SendRequest {
        letter_id: id,
        copy: None,
        report,
    })
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

testkit::engines!(a_digitally_signed_letter_is_sent_as_signed_and_verified_and_a_change_is_caught);

/// An approved letter ready to be signed digitally, on a single-user
/// record whose clock says 2026-11-28 (15:00 UTC).
fn approved_letter(dir: &Path) -> (App, i64) {
    let app = open(Backend::Sqlite, &dir.join("amicus.db"), &mut None);
    let sample = app.letters(None).unwrap()[0].id;
    let copy = app
        .copy_letter(sample, Some(NaiveDate::from_ymd_opt(2017, 9, 20).unwrap()))
        .unwrap();
    let opened = app.clock().now();
    app.clock().set(at("2017-09-19"));
    let id = app.draft_letter(&copy).unwrap().letter_id;
    app.approve(id).unwrap();
    app.clock().set(opened);
    (app, id)
}

#[test]
fn a_certificate_readers_would_reject_is_refused_before_anything_is_signed() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = approved_letter(dir.path());
    let name = "Jordan A. Whitfield";
    let expired = issue(
        dir.path(),
        "expired",
        name,
        ("2023-03-01", "2025-03-01"),
        &[DigitalSignature, ContentCommitment],
    );
    let early = issue(
        dir.path(),
        "early",
        name,
        ("2027-01-01", "2030-01-01"),
        &[DigitalSignature, ContentCommitment],
    );
    let not_for_signing = issue(
        dir.path(),
        "encipher",
        name,
        ("2017-01-01", "2030-01-01"),
        &[KeyEncipherment, DataEncipherment],
    );
    // Judged at the app's clock (2026-11-28), whatever date the signing records.
    for (p12, says) in [
        (
            &expired,
            "the certificate 'Jordan A. Whitfield' expired on 2025-03-01",
        ),
        (
            &early,
            "the certificate 'Jordan A. Whitfield' is not valid until 2027-01-01",
        ),
        (
            &not_for_signing,
            "the certificate 'Jordan A. Whitfield' is not allowed to sign documents (its key usage lacks digital signature",
        ),
    ] {
        let refused = app.sign_digitally(id, p12, "letters").unwrap_err();
        assert_eq!(refused.field().as_deref(), Some("certificate"), "{refused}");
        assert!(refused.to_string().contains(says), "{refused}");
        // Nothing signed, nothing kept.
        let letter = app.open_letter(id).unwrap();
        assert_eq!(letter.summary.status.to_string(), "approved");
        assert!(app.store().signed_copies(id).unwrap().is_empty());
    }
    // Non-repudiation alone is a signing usage too.
    let repudiation = issue(
        dir.path(),
        "nonrep",
        name,
        ("2017-01-01", "2030-01-01"),
        &[ContentCommitment],
    );
    let signed = app.sign_digitally(id, &repudiation, "letters").unwrap();
    assert!(signed.warnings.is_empty(), "{:?}", signed.warnings);
}

#[test]
fn a_certificate_that_expires_within_thirty_days_signs_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = approved_letter(dir.path());
    let soon = issue(
        dir.path(),
        "soon",
        "Jordan A. Whitfield",
        ("2024-01-01", "2026-12-15"),
        &[DigitalSignature],
    );
    let signed = app.sign_digitally(id, &soon, "letters").unwrap();
    assert_eq!(signed.signer, "Jordan A. Whitfield");
    assert_eq!(signed.warnings.len(), 1, "{:?}", signed.warnings);
    assert!(
        signed.warnings[0]
            .contains("the certificate 'Jordan A. Whitfield' expires on 2026-12-15 (in 17 days)"),
        "{}",
        signed.warnings[0]
    );
    // The sample is a joint letter: one copy, signed.
    assert_eq!(app.store().signed_copies(id).unwrap().len(), 1);
}

/// Someone with the file replaces archived copy `ord` of letter `id` and
/// recomputes its hash, the archive's guards dropped first: its PDF
/// becomes `pdf` and its data snapshot `data`.
fn swap_archived_copy(db_path: &Path, id: i64, ord: u32, pdf: &[u8], data: &str) {
    let conn = store::rusqlite::Connection::open(db_path).unwrap();
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'archive'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{t}\""))
            .unwrap();
    }
    let changed = conn
        .execute(
            "UPDATE archive SET pdf = ?3, sha256 = ?4, data = ?5
             WHERE letter_id = ?1
               AND recipient_id = (SELECT id FROM letter_recipients WHERE letter_id = ?1 AND ord = ?2)",
            store::rusqlite::params![id, ord, pdf, store::letters::sha256_hex(pdf), data],
        )
        .unwrap();
    assert_eq!(changed, 1);
}

/// The data snapshot of archived copy `ord` of letter `id`, with its
/// subject edited, and its rendering without a digital signature.
fn edited_rendering(app: &App, id: i64, ord: u32) -> (String, Vec<u8>) {
    let recipient = app.copy_id(id, ord).unwrap();
    let archived = app
        .store()
        .archived(id)
        .unwrap()
        .into_iter()
        .find(|a| a.recipient_id == Some(recipient))
        .unwrap();
    let engine = Engine::new().unwrap();
    let mut data = engine.parse_data(&archived.data).unwrap();
    data.subject = Some("Withdrawal of our support for KORUS".into());
    let pdf = engine.render_pdfs(&data, None).unwrap().remove(0).1;
    (serde_json::to_string_pretty(&data).unwrap(), pdf)
}

/// A letter signed digitally and sent, on a single-user record in `dir`.
fn signed_and_sent(dir: &Path) -> (App, i64) {
    certificate(dir);
    let (app, id) = approved_letter(dir);
    app.sign_digitally(id, &dir.join("signer.p12"), "letters")
        .unwrap();
    let report = SendReport {
        method: Method::Email,
        at: Some(at("2017-09-20")),
        confirmation: None,
        follow_up: FollowUp::None,
    };
    app.send_copies(&SendRequest {
        letter_id: id,
        copy: None,
        report,
    })
    .unwrap();
    let check = app.verify_letter(id).unwrap();
    assert!(check.passed(), "{:?}", check.lines());
    assert_eq!(
        check.lines(),
        vec![format!(
            "letter {id}: 2 copies, both digitally signed by Jordan A. Whitfield, content matches"
        )]
    );
    (app, id)
}

#[test]
fn a_signed_copy_swapped_for_an_unsigned_rendering_of_edited_data_fails_verify() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("amicus.db");
    let (app, id) = signed_and_sent(dir.path());
    let (data, pdf) = edited_rendering(&app, id, 1);
    let office = app.open_letter(id).unwrap();
    drop(app);

    swap_archived_copy(&db_path, id, 1, &pdf, &data);

    let app = open(Backend::Sqlite, &db_path, &mut None);
    let failed = app.verify_archive(id).unwrap_err();
    let words = failed.to_string();
    assert!(
        words.contains(&format!(
            "letter {id}: copy 1 (Commerce, Wilbur Ross): the archived copy is not digitally signed, \
             but the letter was signed digitally by Jordan A. Whitfield"
        )),
        "{words} ({:?})",
        office.summary.recipients
    );
    // The report says which copy failed and that the other holds.
    let check = app.verify_letter(id).unwrap();
    assert!(!check.passed());
    let lines = check.lines().join("\n");
    assert!(
        lines.contains(
            "copy 1 (Commerce, Wilbur Ross): FAILED — the archived copy is not digitally signed"
        ),
        "{lines}"
    );
    assert!(
        lines.contains("copy 2 (USTR, Robert E. Lighthizer): digitally signed by Jordan A. Whitfield, content matches"),
        "{lines}"
    );
    // --all finds it too.
    let all = app.verify_all().unwrap();
    assert!(all.iter().any(|c| c.letter_id == id && !c.passed()));
}

#[test]
fn a_signed_copy_swapped_for_edited_data_signed_with_another_certificate_of_the_same_name_fails_verify()
 {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("amicus.db");
    let (app, id) = signed_and_sent(dir.path());
    let (data, pdf) = edited_rendering(&app, id, 2);
    drop(app);
    // A certificate of the same name from another CA: only the
    // certificate itself tells them apart.
    let forged = pki::Ca::with_own_keys("Amicus Test CA", None)
        .signer(
            "Jordan A. Whitfield",
            None,
            ("2017-01-01", "2030-01-01"),
            &[],
        )
        .p12();
    let signer = pades::Signer::from_pkcs12(&forged, "letters").unwrap();
    let signed = pades::sign(&pdf, &signer, at("2017-09-20")).unwrap();
    assert_eq!(
        pades::verify(&signed).unwrap().signer,
        "Jordan A. Whitfield"
    );

    swap_archived_copy(&db_path, id, 2, &signed, &data);

    let app = open(Backend::Sqlite, &db_path, &mut None);
    let failed = app.verify_archive(id).unwrap_err().to_string();
    assert!(
        failed.contains(&format!(
            "letter {id}: copy 2 (USTR, Robert E. Lighthizer): the archived copy is signed with another \
             certificate ('Jordan A. Whitfield') than the one the letter was signed with"
        )),
        "{failed}"
    );
}
