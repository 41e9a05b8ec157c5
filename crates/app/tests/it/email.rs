//! Sending letters by e-mail against a real SMTP server (aiosmtpd, started
//! here in a temporary folder): STARTTLS with a certificate this test makes,
//! implicit TLS, AUTH with the right and the wrong password, a refused
//! address, a connection cut mid-send, cancelling a batch, resending and the
//! `.eml` draft. Each received message is parsed; its attachment must be the
//! archived PDF byte for byte and its Message-ID the one the record keeps.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use testkit::smtp;

use support::Backend;
use testkit::engines as support;

use std::path::Path;
use std::sync::Arc;

use smtp::Server;
use testkit::pki::server_certificates as certificates;

use amicus_app::mail::{MailSecurity, MailSettings};
use amicus_app::secrets::Secrets;
use amicus_app::{App, EmailOutcome, EmailRequest, Engine, OfficeChange};
use chrono::{DateTime, NaiveDate, Utc};
use store::{LetterMode, Status};

/// The test mail server on TLS (its certificate made in `dir` by the
/// test CA), named `name`, with `args` beyond the certificate and key.
fn tls_server(dir: &Path, name: &str, args: &[&str]) -> Server {
    certificates(dir);
    let mut all = vec!["--cert", "server.pem", "--key", "server.key"];
    all.extend_from_slice(args);
    Server::start(dir, name, &all)
}

pub(crate) fn at(s: &str) -> DateTime<Utc> {
    format!("{s}T15:00:00Z").parse().unwrap()
}

fn settings(port: u16, security: MailSecurity, dir: &Path) -> MailSettings {
    MailSettings {
        server: "127.0.0.1".into(),
        port,
        security,
        username: None,
        from_address: "trade@wachamber.example".into(),
        from_name: Some("Washington Chamber of Commerce".into()),
        ca_file: Some(dir.join("ca.pem").display().to_string()),
        ..amicus_app::mail::blank_settings()
    }
}

/// An app whose passwords stay in a mock keychain, with the sample letter
/// copied per recipient, approved and signed; its two offices get the
/// e-mail addresses given. Returns the app and the letter's id.
pub(crate) fn signed_letter(dir: &Path, commerce: &str, ustr: &str) -> (App, i64) {
    signed_letter_on(Backend::Sqlite, dir, commerce, ustr)
}

/// The same on either engine: a record file in `dir`, or a team record.
fn signed_letter_on(engine: Backend, dir: &Path, commerce: &str, ustr: &str) -> (App, i64) {
    let store: Arc<keyring_core::CredentialStore> = keyring_core::mock::Store::new().unwrap();
    let app = match engine {
        Backend::Sqlite => App::open(
            Engine::new().unwrap(),
            &dir.join("amicus.db"),
            at("2017-09-20"),
        ),
        Backend::Postgres => App::with_store(
            Engine::new().unwrap(),
            support::fresh(engine),
            at("2017-09-20"),
        ),
    }
    .unwrap()
    .with_secrets(Secrets::with_store(Some(store)));
    for (office, email) in [("Secretary of Commerce", commerce), ("USTR", ustr)] {
        app.amend_office(
            office,
            OfficeChange {
                email: Some(email.into()),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let sample = app.letters(None).unwrap()[0].id;
    let mut copy = app
        .copy_letter(sample, Some(NaiveDate::from_ymd_opt(2017, 9, 20).unwrap()))
        .unwrap();
    copy.mode = LetterMode::PerRecipient;
    app.clock().set(at("2017-09-19"));
    let id = app.draft_letter(&copy).unwrap().letter_id;
    app.approve(id).unwrap();
    app.clock().set(at("2017-09-20"));
    app.sign(id).unwrap();
    // The app's clock as it was opened.
    app.clock().set(at("2017-09-20"));
    (app, id)
}

pub(crate) fn attachment(raw: &[u8]) -> (String, Vec<u8>, String) {
    let m = mail_parser::MessageParser::default()
        .parse(raw)
        .expect("a parseable message");
    let id = m.message_id().expect("a Message-ID").to_string();
    let pdf = m.attachment(0).expect("an attachment");
    let text = m.body_text(0).expect("a cover note").to_string();
    (format!("<{id}>"), pdf.contents().to_vec(), text)
}

pub(crate) fn sent_ids(results: &[amicus_app::EmailResult]) -> Vec<String> {
    results
        .iter()
        .filter_map(|r| match &r.outcome {
            EmailOutcome::Sent { message_id, .. } => Some(message_id.clone()),
            _ => None,
        })
        .collect()
}

fn starttls_delivers_each_copy_with_its_archived_pdf_and_message_id(engine: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let server = tls_server(dir.path(), "starttls", &[]);
    let (app, id) = signed_letter_on(
        engine,
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    app.set_mail_settings(
        &settings(server.port, MailSecurity::Starttls, dir.path()),
        None,
    )
    .unwrap();

    let mut seen = Vec::new();
    let mut req = EmailRequest::new(id);
    let (tx, rx) = std::sync::mpsc::channel();
    req.progress = Some(Box::new(move |done, total, who: &str| {
        tx.send((done, total, who.to_string())).unwrap();
        true
    }));
    let results = app.send_by_email(req).unwrap();
    seen.extend(rx.try_iter());
    assert_eq!(seen.first().map(|s| (s.0, s.1)), Some((0, 2)), "{seen:?}");
    assert_eq!(seen.last().map(|s| (s.0, s.1)), Some((2, 2)), "{seen:?}");

    let ids = sent_ids(&results);
    assert_eq!(ids.len(), 2, "{results:?}");
    let received = server.received();
    assert_eq!(received.len(), 2);
    let archive = app.store().archived(id).unwrap();
    let detail = app.open_letter(id).unwrap();
    assert_eq!(detail.summary.status, Status::Sent);
    for (raw, r) in received.iter().zip(&detail.recipients) {
        let (message_id, pdf, note) = attachment(raw);
        // The log's confirmation is the Message-ID the server received.
        assert_eq!(r.confirmation.as_deref(), Some(message_id.as_str()));
        assert_eq!(r.method, Some(store::Method::Email));
        let archived = archive
            .iter()
            .find(|a| a.recipient_id == Some(r.id))
            .unwrap();
        assert!(
            pdf == archived.pdf,
            "the attachment is the archived PDF, byte for byte"
        );
        // Greeted as their copy of the letter greets them, never by full name.
        let greeting = if r.office.as_deref() == Some("Secretary of Commerce") {
            "Dear Secretary Ross:"
        } else {
            "Dear Ambassador Lighthizer:"
        };
        assert_eq!(
            note.lines().next().map(str::trim_end),
            Some(greeting),
            "{note}"
        );
        assert!(
            note.contains("Chamber of Commerce dated September 20, 2017, with the subject “"),
            "{note}"
        );
        assert!(note.contains("(KORUS)"), "{note}");
    }
    let to: Vec<String> = (1..=2)
        .map(|n| std::fs::read_to_string(server.maildir.join(format!("{n}.json"))).unwrap())
        .collect();
    assert!(to[0].contains("secretary@commerce.example"), "{to:?}");
    assert!(to[1].contains("ambassador@ustr.example"), "{to:?}");

    // Sending again is refused before anything goes out; a resend asks first.
    let again = app.send_by_email(EmailRequest::new(id)).unwrap_err();
    assert!(again.to_string().contains("already been sent"), "{again}");
    let mut one = EmailRequest::new(id);
    one.copy = Some(2);
    let refused = app.send_by_email(one).unwrap_err();
    assert!(refused.to_string().contains("as a resend"), "{refused}");
    let mut resend = EmailRequest::new(id);
    resend.copy = Some(2);
    resend.resend = true;
    let results = app.send_by_email(resend).unwrap();
    assert!(
        matches!(&results[0].outcome, EmailOutcome::Resent { .. }),
        "{results:?}"
    );
    assert_eq!(server.received().len(), 3);
    let (_, pdf, _) = attachment(&server.received()[2]);
    assert!(pdf == archive[1].pdf, "a resend carries the archived PDF");
    let events = app.store().events(id).unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.detail.starts_with("resent by email (<")),
        "{events:?}"
    );
    assert_eq!(
        app.store().archived(id).unwrap().len(),
        2,
        "a resend archives nothing new"
    );
}

#[test]
fn implicit_tls_delivers_too() {
    let dir = tempfile::tempdir().unwrap();
    let server = tls_server(dir.path(), "smtps", &["--implicit-tls"]);
    let (app, id) = signed_letter(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    app.set_mail_settings(&settings(server.port, MailSecurity::Tls, dir.path()), None)
        .unwrap();
    let mut one = EmailRequest::new(id);
    one.copy = Some(1);
    let results = app.send_by_email(one).unwrap();
    assert_eq!(sent_ids(&results).len(), 1, "{results:?}");
    assert_eq!(server.received().len(), 1);

    // A server whose certificate the system does not know, without the
    // organization's CA file: refused at the secure connection, said so.
    let mut unknown = settings(server.port, MailSecurity::Tls, dir.path());
    unknown.ca_file = None;
    app.set_mail_settings(&unknown, None).unwrap();
    let mut two = EmailRequest::new(id);
    two.copy = Some(2);
    let results = app.send_by_email(two).unwrap();
    match &results[0].outcome {
        EmailOutcome::Refused { reason } => assert!(reason.contains("CA file"), "{reason}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(server.received().len(), 1);
}

#[test]
fn a_server_that_wants_a_login() {
    let dir = tempfile::tempdir().unwrap();
    let server = tls_server(dir.path(), "auth", &["--auth", "trade:s3cret"]);
    let (app, id) = signed_letter(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    let mut s = settings(server.port, MailSecurity::Starttls, dir.path());
    s.username = Some("trade".into());

    // No password anywhere: said before anything is tried.
    app.set_mail_settings(&s, None).unwrap();
    let none = app.send_by_email(EmailRequest::new(id)).unwrap_err();
    assert_eq!(none.field().as_deref(), Some("password"), "{none}");

    // The wrong password: the first copy is refused with the server's words,
    // the second not tried; both stay unsent.
    app.set_mail_settings(&s, Some("wrong")).unwrap();
    assert!(app.mail_settings().unwrap().password_kept);
    assert!(
        !app.mail_settings().unwrap().drafts_only,
        "a mail server is set up"
    );
    let results = app.send_by_email(EmailRequest::new(id)).unwrap();
    match &results[0].outcome {
        EmailOutcome::Refused { reason } => {
            assert!(reason.contains("did not accept the login"), "{reason}");
            assert!(reason.contains("535"), "{reason}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(
        matches!(results[1].outcome, EmailOutcome::NotTried { .. }),
        "{results:?}"
    );
    assert!(
        app.open_letter(id)
            .unwrap()
            .recipients
            .iter()
            .all(|r| r.sent_at.is_none())
    );
    assert_eq!(app.open_letter(id).unwrap().summary.status, Status::Signed);

    // The right one, from the keychain.
    app.set_mail_settings(&s, Some("s3cret")).unwrap();
    let results = app.send_by_email(EmailRequest::new(id)).unwrap();
    assert_eq!(sent_ids(&results).len(), 2, "{results:?}");
    assert_eq!(server.received().len(), 2);
}

fn a_refused_address_and_a_cut_connection_leave_those_copies_unsent(engine: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let server = tls_server(dir.path(), "refusing", &[]);
    let (app, id) = signed_letter_on(
        engine,
        dir.path(),
        "refused@commerce.example",
        "ambassador@ustr.example",
    );
    app.set_mail_settings(
        &settings(server.port, MailSecurity::Starttls, dir.path()),
        None,
    )
    .unwrap();

    let results = app.send_by_email(EmailRequest::new(id)).unwrap();
    match &results[0].outcome {
        EmailOutcome::Refused { reason } => {
            assert!(reason.contains("refused the address"), "{reason}");
            assert!(reason.contains("User unknown"), "{reason}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // One address refused: the other copy still went.
    assert!(
        matches!(results[1].outcome, EmailOutcome::Sent { .. }),
        "{results:?}"
    );
    let detail = app.open_letter(id).unwrap();
    assert!(detail.recipients[0].sent_at.is_none());
    assert!(detail.recipients[1].sent_at.is_some());
    assert_eq!(app.store().archived(id).unwrap().len(), 1);

    // The connection cut in the middle of the message: unsent, and said so.
    app.amend_office(
        "Secretary of Commerce",
        OfficeChange {
            email: Some("drop@commerce.example".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let results = app.send_by_email(EmailRequest::new(id)).unwrap();
    match &results[0].outcome {
        EmailOutcome::Refused { reason } => assert!(reason.contains("127.0.0.1"), "{reason}"),
        other => panic!("expected a failure, got {other:?}"),
    }
    assert!(app.open_letter(id).unwrap().recipients[0].sent_at.is_none());
    assert_eq!(server.received().len(), 1);
}

#[test]
fn a_batch_stops_between_messages_when_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let server = tls_server(dir.path(), "cancel", &[]);
    let (app, id) = signed_letter(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    app.set_mail_settings(
        &settings(server.port, MailSecurity::Starttls, dir.path()),
        None,
    )
    .unwrap();
    let mut req = EmailRequest::new(id);
    req.progress = Some(Box::new(|done, _, _: &str| done == 0));
    let results = app.send_by_email(req).unwrap();
    assert!(
        matches!(results[0].outcome, EmailOutcome::Sent { .. }),
        "{results:?}"
    );
    match &results[1].outcome {
        EmailOutcome::NotTried { reason } => assert!(reason.contains("cancelled"), "{reason}"),
        other => panic!("expected not tried, got {other:?}"),
    }
    assert_eq!(server.received().len(), 1);
    let detail = app.open_letter(id).unwrap();
    assert!(detail.recipients[1].sent_at.is_none());
}

#[test]
fn a_draft_for_the_mail_program_is_marked_unsent_and_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = signed_letter(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    let path = dir.path().join("drafts/ustr.eml");
    // Nothing set up: a draft asks only for the sender.
    let err = app.email_draft(id, 2, &path).unwrap_err();
    assert!(
        err.to_string()
            .contains("a draft needs only the address letters are sent from"),
        "{err}"
    );
    // The sender alone, no mail server: kept, and enough for a draft.
    let s = MailSettings {
        server: String::new(),
        port: 587,
        security: MailSecurity::Starttls,
        username: None,
        from_address: "trade@wachamber.example".into(),
        from_name: None,
        ca_file: None,
        ..amicus_app::mail::blank_settings()
    };
    assert!(!app.mail_settings().unwrap().drafts_only, "nothing set up");
    app.set_mail_settings(&s, None).unwrap();
    // The window is told that drafts work and sending does not.
    assert!(app.mail_settings().unwrap().drafts_only);
    let draft = app.email_draft(id, 2, &path).unwrap();
    assert_eq!(draft.address, "ambassador@ustr.example");
    let raw = std::fs::read(&path).unwrap();
    let m = mail_parser::MessageParser::default()
        .parse(&raw[..])
        .unwrap();
    assert_eq!(m.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert_eq!(format!("<{}>", m.message_id().unwrap()), draft.message_id);
    let pdf = m.attachment(0).unwrap().contents();
    assert!(pdf.starts_with(b"%PDF-"));
    // Nothing is marked sent until the staffer says so.
    assert_eq!(app.open_letter(id).unwrap().summary.status, Status::Signed);

    // No address: said plainly.
    app.amend_office(
        "USTR",
        OfficeChange {
            email: Some(String::new()),
            ..Default::default()
        },
    )
    .unwrap();
    let err = app.email_draft(id, 2, &path).unwrap_err();
    assert!(err.to_string().contains("no e-mail address"), "{err}");
    // Sending from Amicus still needs the server, and says so.
    let err = app.send_by_email(EmailRequest::new(id)).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("server"), "{err}");
    // A sender that is not an address is refused even for drafts.
    let mut bad = s.clone();
    bad.from_address = "trade at wachamber".into();
    assert_eq!(
        app.set_mail_settings(&bad, None)
            .unwrap_err()
            .field()
            .as_deref(),
        Some("from_address")
    );
}

// The delivery and its failures on both engines: what is recorded as sent
// (and what is not) is the same on a team record.
testkit::engines!(
    starttls_delivers_each_copy_with_its_archived_pdf_and_message_id,
    a_refused_address_and_a_cut_connection_leave_those_copies_unsent,
);

/// On a team record the mail server is the administrators' to set, but a
/// drafter who sends letters keeps the account's password in her own
/// keychain: saving the organization's settings unchanged, with the
/// password, writes nothing to the record and keeps the password.
#[test]
fn a_staffer_keeps_the_mail_password_the_organization_set_but_cannot_change_the_server() {
    testkit::needs_postgres!();
    let dir = tempfile::tempdir().unwrap();
    let (mut admin, url) = support::fresh_with_url(Backend::Postgres);
    let url = url.unwrap();
    let user = format!("mailer_{}", std::process::id());
    admin
        .team_add_user(&user, store::team::TeamRole::Drafter, None)
        .unwrap();
    let org = App::with_store(Engine::new().unwrap(), admin, at("2017-09-20")).unwrap();
    let mut mail = settings(2525, MailSecurity::Starttls, dir.path());
    mail.username = Some("trade".into());
    mail.ca_file = None;
    org.set_mail_settings(&mail, None).unwrap();

    let keychain: Arc<keyring_core::CredentialStore> = keyring_core::mock::Store::new().unwrap();
    let staff = App::with_store(
        Engine::new().unwrap(),
        support::open_as(&url, &user),
        at("2017-09-20"),
    )
    .unwrap()
    .with_secrets(Secrets::with_store(Some(keychain)));
    staff.set_mail_settings(&mail, Some("s3cret")).unwrap();
    assert!(
        staff.mail_settings().unwrap().password_kept,
        "the password is kept on this computer"
    );
    let mut changed = mail.clone();
    changed.server = "mail.elsewhere.example".into();
    let err = staff.set_mail_settings(&changed, None).unwrap_err();
    assert!(
        err.to_string().contains("permission denied"),
        "the server refuses a drafter's change: {err}"
    );
    assert_eq!(org.mail_settings().unwrap().settings, Some(mail));
}

/// A joint letter e-mailed to each addressee: the cover note greets them as
/// the letter does (both), and a committee's greeting stays the committee's.
#[test]
fn the_cover_note_greets_as_the_letter_does() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = signed_letter(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    let sample = app.letters(None).unwrap().last().unwrap().id;
    let mut joint = app
        .copy_letter(sample, Some(NaiveDate::from_ymd_opt(2017, 9, 21).unwrap()))
        .unwrap();
    assert_eq!(joint.mode, LetterMode::Joint);
    joint.extra.salutation = Some("Dear Friends of KORUS:".into());
    let id = app.draft_letter(&joint).unwrap().letter_id;
    app.approve(id).unwrap();
    app.sign(id).unwrap();
    app.set_mail_settings(
        &MailSettings {
            from_address: "trade@wachamber.example".into(),
            ..amicus_app::mail::blank_settings()
        },
        None,
    )
    .unwrap();
    let path = dir.path().join("joint.eml");
    app.email_draft(id, 2, &path).unwrap();
    let (_, _, note) = attachment(&std::fs::read(&path).unwrap());
    assert_eq!(
        note.lines().next().map(str::trim_end),
        Some("Dear Friends of KORUS:"),
        "{note}"
    );
}

/// Settings → Send a test message: through the same server as letters, to
/// the address given or the sender's own, with the sample letter attached;
/// nothing recorded. A server that cannot be reached is said in words.
#[test]
fn a_test_message_goes_through_the_settings_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = tls_server(dir.path(), "starttls", &[]);
    let (app, _) = signed_letter(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    // Nothing set up: said.
    let err = app.send_test_message(None).unwrap_err();
    assert!(
        err.to_string().contains("no mail server is set up yet"),
        "{err}"
    );
    app.set_mail_settings(
        &settings(server.port, MailSecurity::Starttls, dir.path()),
        None,
    )
    .unwrap();
    let events_before = app
        .store()
        .connection()
        .query_row("SELECT count(*) FROM events", [], |r| r.get::<i64>(0))
        .unwrap();
    let to_self = app.send_test_message(None).unwrap();
    assert_eq!(to_self.to, "trade@wachamber.example");
    let to_other = app
        .send_test_message(Some("dana@wachamber.example"))
        .unwrap();
    let received = server.received();
    assert_eq!(received.len(), 2);
    let (id, pdf, note) = attachment(&received[1]);
    assert_eq!(id, to_other.message_id);
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        note.contains("This is a test message from Amicus"),
        "{note}"
    );
    let json = std::fs::read_to_string(server.maildir.join("2.json")).unwrap();
    assert!(json.contains("dana@wachamber.example"), "{json}");
    let events_after = app
        .store()
        .connection()
        .query_row("SELECT count(*) FROM events", [], |r| r.get::<i64>(0))
        .unwrap();
    assert_eq!(
        events_before, events_after,
        "a test message records nothing"
    );
    // Not an address: refused before anything is sent.
    let err = app
        .send_test_message(Some("dana at the office"))
        .unwrap_err();
    assert_eq!(err.field().as_deref(), Some("email"), "{err}");
    drop(server);
    let err = app.send_test_message(None).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the test message was not sent: nothing answers at 127.0.0.1:"),
        "{err}"
    );
    // A server name that does not exist: said as such.
    let mut unknown = settings(1, MailSecurity::Starttls, dir.path());
    unknown.server = "smtp.no-such-host.invalid".into();
    app.set_mail_settings(&unknown, None).unwrap();
    let err = app.send_test_message(None).unwrap_err();
    assert!(
        err.to_string()
            .contains("no mail server named smtp.no-such-host.invalid was found"),
        "{err}"
    );
}
