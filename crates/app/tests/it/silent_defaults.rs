//! Where data matters, nothing defaults silently: a hand-edit marker that
//! cannot be read stops a roster import (which would otherwise overwrite
//! staff's edits), damaged saved team settings are an error naming the
//! file (not the local record opened without a word), a keychain that
//! does not forget a password says so, and a certificate's password is
//! never tried empty.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use std::sync::Arc;

use amicus_app::mail::{MailSecurity, MailSettings};
use amicus_app::secrets::{SMTP_SERVICE, Secrets};
use amicus_app::*;
use chrono::{DateTime, NaiveDate, Utc};

fn at(s: &str) -> DateTime<Utc> {
    format!("{s}T15:00:00Z").parse().unwrap()
}

/// Every person's row, as text, to show an import changed nothing.
fn persons(app: &App) -> Vec<String> {
    app.store()
        .connection()
        .query_map(
            "SELECT id, full_name, family_name, honorific, salutation, edited, roster_key
             FROM persons ORDER BY id",
            [],
            |r| {
                Ok(format!(
                    "{:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                    r.get::<i64>(0)?,
                    r.get::<String>(1)?,
                    r.get::<String>(2)?,
                    r.get::<Option<String>>(3)?,
                    r.get::<Option<String>>(4)?,
                    r.get::<String>(5)?,
                    r.get::<Option<String>>(6)?,
                ))
            },
        )
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn terms(app: &App) -> i64 {
    app.store()
        .connection()
        .query_row("SELECT count(*) FROM terms", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_import_over_a_person_whose_edit_marker_is_damaged_fails_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(
        Engine::new().unwrap(),
        &dir.path().join("amicus.db"),
        at("2026-11-28"),
    )
    .unwrap();
    let ross: i64 = app
        .store()
        .connection()
        .query_row(
            "SELECT id FROM persons WHERE roster_key = 'post:ross-wilbur'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // Staff correct his name by hand: a later import keeps it.
    app.save_person(
        Some(ross),
        &NewPerson {
            full_name: "Wilbur L. Ross Jr.".into(),
            family_name: "Ross".into(),
            honorific: None,
            salutation: None,
            email: None,
        },
    )
    .unwrap();
    let as_of = NaiveDate::from_ymd_opt(2025, 11, 30).unwrap();
    let kept = app.import_posts(None, as_of, false).unwrap();
    assert!(
        kept.skipped
            .iter()
            .any(|s| s.contains("the name was edited by hand")),
        "{:?}",
        kept.skipped
    );

    // The marker is damaged (a cut-off write, a hand edit of the file).
    app.store()
        .connection()
        .execute(
            "UPDATE persons SET edited = '[\"full_name\"' WHERE id = ?1",
            [ross],
        )
        .unwrap();
    let before = (persons(&app), terms(&app));
    let err = app.import_posts(None, as_of, false).unwrap_err();
    let words = err.to_string();
    assert!(matches!(err, AppError::Damaged(_)), "{err:?}");
    assert!(words.contains("Wilbur L. Ross Jr."), "{words}");
    assert!(words.contains(r#"found "[\"full_name\"""#), "{words}");
    assert!(
        words.contains("were edited by hand cannot be read"),
        "{words}"
    );
    // Nothing was imported: his name is staff's, every row as it was.
    assert_eq!((persons(&app), terms(&app)), before);

    // Editing him in Amicus repairs the marker the safe way: every field
    // counts as edited, and the import then keeps them all.
    app.save_person(
        Some(ross),
        &NewPerson {
            full_name: "Wilbur L. Ross Jr.".into(),
            family_name: "Ross".into(),
            honorific: Some("The Honorable".into()),
            salutation: None,
            email: None,
        },
    )
    .unwrap();
    app.import_posts(None, as_of, false).unwrap();
    let name: String = app
        .store()
        .connection()
        .query_row("SELECT full_name FROM persons WHERE id = ?1", [ross], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(name, "Wilbur L. Ross Jr.");
}

#[test]
fn damaged_saved_team_settings_are_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("team.json");
    // None saved: the local record, rightly.
    assert_eq!(team::saved_team_in(&file).unwrap(), None);

    std::fs::write(&file, r#"{"url": "postgres://dana@db.example.org/amic"#).unwrap();
    let err = team::saved_team_in(&file).unwrap_err();
    let words = err.to_string();
    assert!(words.starts_with(&file.display().to_string()), "{words}");
    assert!(
        words.contains("the saved team record settings are damaged"),
        "{words}"
    );
    assert!(words.contains("EOF"), "the parser's words: {words}");

    std::fs::write(&file, r#"{"url": "  "}"#).unwrap();
    let err = team::saved_team_in(&file).unwrap_err().to_string();
    assert!(err.contains("name no server"), "{err}");

    std::fs::write(&file, r#"{"url": "postgres://dana@db.example.org/amicus"}"#).unwrap();
    assert_eq!(
        team::saved_team_in(&file).unwrap(),
        Some(team::SavedTeam {
            url: "postgres://dana@db.example.org/amicus".into(),
            ca_file: None,
        })
    );
}

#[test]
fn a_keychain_that_fails_to_forget_the_mail_password_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let keychain: Arc<keyring_core::CredentialStore> = keyring_core::mock::Store::new().unwrap();
    let app = App::open(
        Engine::new().unwrap(),
        &dir.path().join("amicus.db"),
        at("2026-11-28"),
    )
    .unwrap()
    .with_secrets(Secrets::with_store(Some(Arc::clone(&keychain))));
    let settings = MailSettings {
        server: "smtp.example.org".into(),
        port: 587,
        security: MailSecurity::Starttls,
        username: Some("trade".into()),
        from_address: "trade@example.org".into(),
        from_name: None,
        ca_file: None,
        ..amicus_app::mail::blank_settings()
    };
    app.set_mail_settings(&settings, Some("s3cret")).unwrap();
    assert!(app.mail_settings().unwrap().password_kept);

    // The keychain refuses the next thing asked of this password.
    let entry =
        keyring_core::Entry::new_in_store(&keychain, SMTP_SERVICE, "trade@smtp.example.org")
            .unwrap();
    let mock: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
    mock.set_error(keyring_core::Error::NoStorageAccess(
        "the keychain is locked".into(),
    ));
    let err = app.forget_mail_password().unwrap_err();
    assert!(
        err.to_string()
            .contains("the system keychain did not forget the password of trade@smtp.example.org"),
        "{err}"
    );
    assert!(err.to_string().contains("the keychain is locked"), "{err}");
    // It is still kept, as the error says; asked again, it is forgotten.
    assert!(app.mail_settings().unwrap().password_kept);
    app.forget_mail_password().unwrap();
    assert!(!app.mail_settings().unwrap().password_kept);
}

/// The certificate's password, for the window and `amicus letters sign
/// --certificate` alike: the one given (typed; AMICUS_CERT_PASSWORD) wins,
/// else the one kept in the keychain; with neither, a refusal at the
/// password rather than a try with nothing.
#[test]
fn a_certificates_password_is_the_one_given_else_the_kept_one_else_refused() {
    let dir = tempfile::tempdir().unwrap();
    let keychain: Arc<keyring_core::CredentialStore> = keyring_core::mock::Store::new().unwrap();
    let app = App::open(
        Engine::new().unwrap(),
        &dir.path().join("amicus.db"),
        at("2026-11-28"),
    )
    .unwrap()
    .with_secrets(Secrets::with_store(Some(keychain)));
    let p12 = dir.path().join("signer.p12");
    std::fs::write(&p12, b"not read here").unwrap();
    let e = app.certificate_password_for(&p12, None).unwrap_err();
    assert_eq!(e.field().as_deref(), Some("password"), "{e}");
    let e = app
        .certificate_password_for(&p12, Some(String::new()))
        .unwrap_err();
    assert_eq!(e.field().as_deref(), Some("password"), "{e}");
    app.remember_certificate_password(&p12, "kept");
    assert_eq!(app.certificate_password_for(&p12, None).unwrap(), "kept");
    assert_eq!(
        app.certificate_password_for(&p12, Some("typed".into()))
            .unwrap(),
        "typed"
    );
}
