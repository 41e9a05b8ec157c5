//! Sending from the organization's mailbox after signing in, against real
//! components this test starts: an OpenID provider (`oidc-provider` from
//! npm, scripts/test-oidc-provider.mjs) issuing real tokens; a "browser"
//! (scripts/test-oidc-browser.mjs) that signs in on its pages and is sent
//! back to Amicus's loopback port; aiosmtpd taking AUTH XOAUTH2 only with a
//! token the provider's introspection calls active and Amicus's; and
//! stand-ins for Microsoft Graph and the Gmail API that check the bearer
//! token the same way and record what they receive. The messages are parsed
//! back: the attachment must be the archived PDF byte for byte, and the
//! Message-ID the one the record keeps.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use amicus_app::mail::{MailSecurity, MailSettings, blank_settings};
use amicus_app::oauth::{Browser, Handover, Provider as Kind, SignIn};
use amicus_app::secrets::{MAILBOX_SERVICE, SecretKept, Secrets};
use amicus_app::{App, AppError, EmailOutcome, EmailRequest};
use base64::Engine as _;
use keyring_core::CredentialStore;
use testkit::oidc::{self, ApiServer, CLIENT_ID, Person, Provider};
use testkit::pki::server_certificates as certificates;
use testkit::smtp::Server;

use crate::email::{attachment, sent_ids, signed_letter};

fn sign_in(provider: &Provider) -> SignIn {
    SignIn {
        provider: Kind::Oidc,
        client_id: CLIENT_ID.into(),
        client_secret: None,
        tenant: None,
        issuer: Some(provider.issuer()),
    }
}

fn mailbox_settings(provider: &Provider, handover: Handover, smtp_port: u16) -> MailSettings {
    MailSettings {
        server: "127.0.0.1".into(),
        port: smtp_port,
        security: MailSecurity::Starttls,
        from_address: "trade@wachamber.example".into(),
        from_name: Some("Washington Chamber of Commerce".into()),
        handover,
        sign_in: Some(sign_in(provider)),
        ..blank_settings()
    }
}

/// The signed letter's app with its secrets in a keychain this test can read.
fn app_with_keychain(dir: &Path, commerce: &str, ustr: &str) -> (App, i64, Arc<CredentialStore>) {
    let (app, id) = signed_letter(dir, commerce, ustr);
    let keychain: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
    let app = app.with_secrets(Secrets::with_store(Some(Arc::clone(&keychain))));
    (app, id, keychain)
}

/// A browser for the sign-in: opens the URL as `person` would; the page
/// it ends on is put in `page`.
fn browser(
    person: Person,
    timeout: Duration,
    page: Arc<Mutex<Option<std::process::Child>>>,
) -> Browser {
    Browser {
        open: Box::new(move |url: &str| {
            *page.lock().unwrap() = Some(oidc::browse(url, person));
            Ok(())
        }),
        timeout,
        cancelled: None,
    }
}

fn sign_in_as(app: &App, who: &'static str) -> amicus_app::SignedIn {
    let child = Arc::new(Mutex::new(None));
    let signed = app.mail_sign_in(
        None,
        browser(
            Person::SignsIn(who),
            Duration::from_secs(60),
            Arc::clone(&child),
        ),
    );
    let page = oidc::browser_finished(child.lock().unwrap().take().unwrap());
    let signed = signed.unwrap();
    assert!(page.starts_with("200 "), "{page}");
    assert!(page.contains("You are signed in to the mailbox"), "{page}");
    signed
}

/// What the keychain keeps for the sign-in: {"user", "refresh_token"}.
fn kept(keychain: &Arc<CredentialStore>, provider: &Provider) -> Option<serde_json::Value> {
    let entry =
        keyring_core::Entry::new_in_store(keychain, MAILBOX_SERVICE, &sign_in(provider).account())
            .unwrap();
    entry
        .get_password()
        .ok()
        .map(|p| serde_json::from_str(&p).unwrap())
}

/// The signed letter's app sending through a mail server that takes only
/// XOAUTH2 over STARTTLS (a certificate of the test's CA, as Microsoft's and
/// Google's servers require before AUTH), each token checked with the
/// provider; the mailbox settings saved.
struct Xoauth2 {
    provider: Provider,
    server: Server,
    app: App,
    id: i64,
    keychain: Arc<CredentialStore>,
}

fn xoauth2_setup(dir: &Path) -> Xoauth2 {
    let provider = Provider::start();
    certificates(dir);
    let server = Server::start(
        dir,
        "xoauth2",
        &[
            "--cert",
            "server.pem",
            "--key",
            "server.key",
            "--xoauth2",
            &provider.introspection(),
            "--audience",
            CLIENT_ID,
        ],
    );
    let (app, id, keychain) =
        app_with_keychain(dir, "secretary@commerce.example", "ambassador@ustr.example");
    let mut settings = mailbox_settings(&provider, Handover::Smtp, server.port);
    settings.ca_file = Some(dir.join("ca.pem").display().to_string());
    app.set_mail_settings(&settings, None).unwrap();
    Xoauth2 {
        provider,
        server,
        app,
        id,
        keychain,
    }
}

fn archived_pdfs(app: &App, id: i64) -> Vec<Vec<u8>> {
    app.store()
        .archived(id)
        .unwrap()
        .into_iter()
        .map(|a| a.pdf)
        .collect()
}

#[test]
fn signing_in_keeps_the_refresh_token_in_the_keychain_only_and_smtp_xoauth2_delivers() {
    let dir = tempfile::tempdir().unwrap();
    let provider = Provider::start();
    // STARTTLS with a certificate of the test's CA, as Microsoft's and
    // Google's servers require before AUTH.
    certificates(dir.path());
    let server = Server::start(
        dir.path(),
        "xoauth2",
        &[
            "--cert",
            "server.pem",
            "--key",
            "server.key",
            "--xoauth2",
            &provider.introspection(),
            "--audience",
            CLIENT_ID,
        ],
    );
    let (app, id, keychain) = app_with_keychain(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    let mut settings = mailbox_settings(&provider, Handover::Smtp, server.port);
    settings.ca_file = Some(dir.path().join("ca.pem").display().to_string());
    app.set_mail_settings(&settings, None).unwrap();
    assert_eq!(app.mail_settings().unwrap().signed_in_as, None);

    let signed = sign_in_as(&app, "ann@wachamber.example");
    assert_eq!(signed.user, "ann@wachamber.example");
    assert_eq!(signed.kept, SecretKept::Keychain);
    let kept = kept(&keychain, &provider).expect("the sign-in is kept");
    let refresh = kept["refresh_token"].as_str().unwrap().to_string();
    assert!(refresh.len() > 20, "{kept}");
    assert_eq!(
        app.mail_settings().unwrap().signed_in_as.as_deref(),
        Some("ann@wachamber.example")
    );
    // Never in the record: the file holds no trace of the refresh token.
    let record = std::fs::read(dir.path().join("amicus.db")).unwrap();
    assert!(
        !record
            .windows(refresh.len())
            .any(|w| w == refresh.as_bytes()),
        "the refresh token is not in the record"
    );

    let results = app.send_by_email(EmailRequest::new(id)).unwrap();
    let ids = sent_ids(&results);
    assert_eq!(ids.len(), 2, "{results:?}");
    let received = server.received();
    assert_eq!(received.len(), 2);
    let pdfs = archived_pdfs(&app, id);
    for (n, raw) in received.iter().enumerate() {
        let (message_id, pdf, _) = attachment(raw);
        assert_eq!(message_id, ids[n]);
        assert!(
            pdf == pdfs[n],
            "the attachment is the archived PDF, byte for byte"
        );
        let envelope: serde_json::Value = serde_json::from_slice(
            &std::fs::read(server.maildir.join(format!("{}.json", n + 1))).unwrap(),
        )
        .unwrap();
        // Ann signs in as herself; the message is the organization's (send-as).
        assert_eq!(envelope["user"], "ann@wachamber.example", "{envelope}");
        assert_eq!(envelope["from"], "trade@wachamber.example", "{envelope}");
        assert_eq!(from_of(raw), "trade@wachamber.example");
    }

    // The server takes only tokens meant for Amicus: another client's is refused.
    let settings = app.mail_settings().unwrap().settings.unwrap();
    let other = provider.token_for_another_client();
    assert!(provider.active(&other), "the other token is a live one");
    let message = amicus_app::mail::message(
        &settings,
        &outgoing("ann@wachamber.example"),
        amicus_app::Clock::system().now(),
    )
    .unwrap();
    let refused = amicus_app::mail::Mailer::with_token(&settings, "ann@wachamber.example", &other)
        .unwrap()
        .send(&message)
        .unwrap_err();
    assert!(refused.login, "{refused:?}");
    assert!(refused.reason.contains("535"), "{}", refused.reason);
    assert_eq!(server.received().len(), 2, "nothing more was taken");
}

/// The From address of a raw message.
fn from_of(raw: &[u8]) -> String {
    let m = mail_parser::MessageParser::default().parse(raw).unwrap();
    m.from()
        .and_then(|f| f.first())
        .and_then(|a| a.address())
        .unwrap()
        .to_string()
}

fn outgoing(to: &str) -> amicus_app::mail::Outgoing {
    amicus_app::mail::Outgoing {
        to_name: "Test".into(),
        to_address: to.into(),
        subject: "test".into(),
        note: "test\n".into(),
        pdf: b"%PDF-1.7".to_vec(),
        file_name: "t.pdf".into(),
        message_id: "<t@wachamber.example>".into(),
    }
}

#[test]
fn an_expired_access_token_is_refused_by_the_server_and_amicus_takes_a_fresh_one() {
    let dir = tempfile::tempdir().unwrap();
    let Xoauth2 {
        provider,
        server,
        app,
        id,
        keychain: _keychain,
    } = xoauth2_setup(dir.path());
    // This account's access tokens last 2 seconds (the provider's setting).
    sign_in_as(&app, "short@wachamber.example");
    let mut first = EmailRequest::new(id);
    first.copy = Some(1);
    let results = app.send_by_email(first).unwrap();
    assert_eq!(sent_ids(&results).len(), 1, "{results:?}");
    let envelope = |n: usize| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(server.maildir.join(format!("{n}.json"))).unwrap())
            .unwrap()
    };
    let first_token = envelope(1)["token"].as_str().unwrap().to_string();

    // Wait for the provider to call it expired (its clock, not ours).
    let deadline = Instant::now() + Duration::from_secs(20);
    while provider.active(&first_token) {
        assert!(Instant::now() < deadline, "the token never expired");
        std::thread::sleep(Duration::from_millis(200));
    }
    let settings = app.mail_settings().unwrap().settings.unwrap();
    let message = amicus_app::mail::message(
        &settings,
        &outgoing("secretary@commerce.example"),
        amicus_app::Clock::system().now(),
    )
    .unwrap();
    let refused =
        amicus_app::mail::Mailer::with_token(&settings, "short@wachamber.example", &first_token)
            .unwrap()
            .send(&message)
            .unwrap_err();
    assert!(refused.login, "an expired token is refused: {refused:?}");

    // Amicus knows the token's lifetime and takes a fresh one by itself.
    let mut second = EmailRequest::new(id);
    second.copy = Some(2);
    let results = app.send_by_email(second).unwrap();
    assert_eq!(sent_ids(&results).len(), 1, "{results:?}");
    let second_token = envelope(2)["token"].as_str().unwrap().to_string();
    assert_ne!(first_token, second_token);
}

#[test]
fn graph_takes_the_same_message_with_amicus_message_id_into_sent_items() {
    let dir = tempfile::tempdir().unwrap();
    let provider = Provider::start();
    let api = ApiServer::start(dir.path(), &provider);
    let (app, id, _keychain) = app_with_keychain(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    let mut settings = mailbox_settings(&provider, Handover::Graph, 0);
    settings.server = String::new();
    settings.api_url = Some(api.graph_url());
    app.set_mail_settings(&settings, None).unwrap();
    sign_in_as(&app, "ann@wachamber.example");

    let results = app.send_by_email(EmailRequest::new(id)).unwrap();
    let ids = sent_ids(&results);
    assert_eq!(ids.len(), 2, "{results:?}");
    let received = api.received();
    assert_eq!(received.len(), 2, "{:?}", api.refusals());
    let pdfs = archived_pdfs(&app, id);
    let detail = app.open_letter(id).unwrap();
    for (n, (name, body, user)) in received.iter().enumerate() {
        assert!(name.ends_with(".graph.json"), "{name}");
        assert_eq!(user, "ann@wachamber.example");
        let v: serde_json::Value = serde_json::from_slice(body).unwrap();
        let m = &v["message"];
        assert_eq!(v["saveToSentItems"], true, "{v}");
        assert_eq!(m["internetMessageId"].as_str(), Some(ids[n].as_str()));
        assert_eq!(
            detail.recipients[n].confirmation.as_deref(),
            Some(ids[n].as_str())
        );
        assert_eq!(
            m["from"]["emailAddress"]["address"],
            "trade@wachamber.example"
        );
        let a = &m["attachments"][0];
        assert_eq!(a["contentType"], "application/pdf");
        let pdf = base64::engine::general_purpose::STANDARD
            .decode(a["contentBytes"].as_str().unwrap())
            .unwrap();
        assert!(
            pdf == pdfs[n],
            "the attachment is the archived PDF, byte for byte"
        );
        assert!(
            m["body"]["content"].as_str().unwrap().starts_with("Dear "),
            "{m}"
        );
    }
}

#[test]
fn gmail_takes_the_raw_message_as_smtp_would_carry_it() {
    let dir = tempfile::tempdir().unwrap();
    let provider = Provider::start();
    let api = ApiServer::start(dir.path(), &provider);
    let (app, id, _keychain) = app_with_keychain(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    let mut settings = mailbox_settings(&provider, Handover::Gmail, 0);
    settings.server = String::new();
    settings.api_url = Some(api.gmail_url());
    app.set_mail_settings(&settings, None).unwrap();
    sign_in_as(&app, "ann@wachamber.example");

    let results = app.send_by_email(EmailRequest::new(id)).unwrap();
    let ids = sent_ids(&results);
    assert_eq!(ids.len(), 2, "{results:?}");
    let received = api.received();
    assert_eq!(received.len(), 2, "{:?}", api.refusals());
    let pdfs = archived_pdfs(&app, id);
    for (n, (name, raw, user)) in received.iter().enumerate() {
        assert!(name.ends_with(".eml"), "{name}");
        assert_eq!(user, "ann@wachamber.example");
        let (message_id, pdf, note) = attachment(raw);
        assert_eq!(message_id, ids[n]);
        assert!(
            pdf == pdfs[n],
            "the attachment is the archived PDF, byte for byte"
        );
        assert!(note.starts_with("Dear "), "{note}");
        assert_eq!(from_of(raw), "trade@wachamber.example");
    }
}

#[test]
fn a_sign_in_revoked_mid_batch_stops_it_and_says_sign_in_again() {
    let dir = tempfile::tempdir().unwrap();
    let provider = Provider::start();
    let api = ApiServer::start(dir.path(), &provider);
    let (app, id, keychain) = app_with_keychain(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    let mut settings = mailbox_settings(&provider, Handover::Graph, 0);
    settings.server = String::new();
    settings.api_url = Some(api.graph_url());
    app.set_mail_settings(&settings, None).unwrap();
    sign_in_as(&app, "ann@wachamber.example");
    let refresh = kept(&keychain, &provider).unwrap()["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();

    // After the first copy goes, an administrator ends the session.
    let port = provider.port;
    let mut req = EmailRequest::new(id);
    req.progress = Some(Box::new(move |done, _total, _who: &str| {
        if done == 1 {
            oidc::revoke(port, &refresh);
        }
        true
    }));
    let results = app.send_by_email(req).unwrap();
    assert_eq!(sent_ids(&results).len(), 1, "{results:?}");
    match &results[1].outcome {
        EmailOutcome::Refused { reason } => {
            assert!(reason.contains("Sign in again"), "{reason}");
            assert!(reason.contains("expired or was revoked"), "{reason}");
        }
        other => panic!("the second copy: {other:?}"),
    }
    assert_eq!(api.received().len(), 1, "the first copy stays sent, alone");
    assert!(
        api.refusals()
            .iter()
            .any(|r| r.starts_with("401 token not active")),
        "{:?}",
        api.refusals()
    );
    let detail = app.open_letter(id).unwrap();
    assert!(detail.recipients[0].sent_at.is_some());
    assert!(detail.recipients[1].sent_at.is_none());

    // The dead sign-in is forgotten: Settings says no one is signed in.
    assert!(kept(&keychain, &provider).is_none());
    assert_eq!(app.mail_settings().unwrap().signed_in_as, None);

    // The next sending asks for a sign-in before trying anything.
    let e = app.send_by_email(EmailRequest::new(id)).unwrap_err();
    assert!(matches!(e, AppError::SignIn(_)), "{e:?}");
    assert!(
        e.to_string()
            .contains("no one has signed in to the mailbox on this computer: Sign in with"),
        "{e}"
    );
    assert_eq!(api.received().len(), 1);
}

#[test]
fn a_busy_api_is_asked_again_after_the_wait_it_names_then_said() {
    let dir = tempfile::tempdir().unwrap();
    let provider = Provider::start();
    let api = ApiServer::start(dir.path(), &provider);
    let (app, id, _keychain) =
        app_with_keychain(dir.path(), "busyonce@commerce.example", "busy@ustr.example");
    let mut settings = mailbox_settings(&provider, Handover::Gmail, 0);
    settings.server = String::new();
    settings.api_url = Some(api.gmail_url());
    app.set_mail_settings(&settings, None).unwrap();
    sign_in_as(&app, "ann@wachamber.example");

    let results = app.send_by_email(EmailRequest::new(id)).unwrap();
    assert!(
        matches!(results[0].outcome, EmailOutcome::Sent { .. }),
        "429 once, then taken: {results:?}"
    );
    match &results[1].outcome {
        EmailOutcome::Refused { reason } => {
            assert!(reason.contains("is busy (503"), "{reason}");
            assert!(reason.contains("asked 3 times"), "{reason}");
        }
        other => panic!("the busy copy: {other:?}"),
    }
    assert_eq!(api.received().len(), 1);
    let refusals = api.refusals();
    assert_eq!(
        refusals,
        vec![
            "429 busyonce@commerce.example",
            "503 busy@ustr.example",
            "503 busy@ustr.example",
            "503 busy@ustr.example",
        ]
    );
}

#[test]
fn a_closed_browser_times_out_in_words_and_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let provider = Provider::start();
    let (app, id, keychain) = app_with_keychain(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    let mut settings = mailbox_settings(&provider, Handover::Gmail, 0);
    settings.server = String::new();
    app.set_mail_settings(&settings, None).unwrap();
    let child = Arc::new(Mutex::new(None));
    let e = app
        .mail_sign_in(
            None,
            browser(
                Person::ClosesTheBrowser,
                Duration::from_secs(3),
                Arc::clone(&child),
            ),
        )
        .unwrap_err();
    let page = oidc::browser_finished(child.lock().unwrap().take().unwrap());
    assert!(page.contains("closed the browser"), "{page}");
    assert!(matches!(e, AppError::SignIn(_)), "{e:?}");
    assert!(
        e.to_string().contains(
            "the sign-in was not finished in the browser within 3 seconds (was the browser window closed?); nothing was saved"
        ),
        "{e}"
    );
    assert!(kept(&keychain, &provider).is_none(), "nothing kept");
    assert_eq!(app.mail_settings().unwrap().signed_in_as, None);

    // Refusing on the consent page is said too, and keeps nothing.
    let e = app
        .mail_sign_in(
            None,
            browser(
                Person::Refuses("ann@wachamber.example"),
                Duration::from_secs(60),
                Arc::clone(&child),
            ),
        )
        .unwrap_err();
    oidc::browser_finished(child.lock().unwrap().take().unwrap());
    assert!(
        e.to_string()
            .contains("the sign-in was refused (access_denied"),
        "{e}"
    );
    assert!(kept(&keychain, &provider).is_none(), "nothing kept");

    // Sending without a sign-in says how to sign in, and sends nothing.
    let e = app.send_by_email(EmailRequest::new(id)).unwrap_err();
    assert!(
        e.to_string()
            .contains("no one has signed in to the mailbox"),
        "{e}"
    );
}

#[test]
fn a_provider_that_is_down_is_said_and_nothing_is_sent_or_kept() {
    let dir = tempfile::tempdir().unwrap();
    let provider = Provider::start();
    let api = ApiServer::start(dir.path(), &provider);
    let (app, id, keychain) = app_with_keychain(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    let mut settings = mailbox_settings(&provider, Handover::Gmail, 0);
    settings.server = String::new();
    settings.api_url = Some(api.gmail_url());
    app.set_mail_settings(&settings, None).unwrap();
    sign_in_as(&app, "ann@wachamber.example");
    let issuer = provider.issuer();
    drop(provider);

    // A new session (the access token is not written down) with the
    // provider down: the sending stops before any copy is tried.
    drop(app);
    let (app2, _) = (
        App::open(
            amicus_app::Engine::new().unwrap(),
            &dir.path().join("amicus.db"),
            crate::email::at("2017-09-20"),
        )
        .unwrap()
        .with_secrets(Secrets::with_store(Some(Arc::clone(&keychain)))),
        (),
    );
    let e = app2.send_by_email(EmailRequest::new(id)).unwrap_err();
    assert!(matches!(e, AppError::Unavailable(_)), "{e:?}");
    assert!(e.to_string().contains(&issuer), "{e}");
    assert!(e.to_string().contains("cannot be reached"), "{e}");
    assert!(api.received().is_empty());
    let detail = app2.open_letter(id).unwrap();
    assert!(detail.recipients.iter().all(|r| r.sent_at.is_none()));

    // Signing in with the provider down is said the same way.
    let child = Arc::new(Mutex::new(None));
    let e = app2
        .mail_sign_in(
            None,
            browser(
                Person::SignsIn("ann@wachamber.example"),
                Duration::from_secs(5),
                child,
            ),
        )
        .unwrap_err();
    assert!(matches!(e, AppError::Unavailable(_)), "{e:?}");
}

/// A provider that rotates refresh tokens (oidc-provider does for a public
/// client) takes each one once: a second use revokes the whole sign-in. Two
/// sendings at once (two letters sent from two windows, or the window and a
/// scheduled run) must not both spend the kept token.
#[test]
fn two_sendings_at_once_refresh_the_rotating_token_one_after_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let Xoauth2 {
        provider,
        server: _server,
        app,
        id,
        keychain,
    } = xoauth2_setup(dir.path());
    // Two-second access tokens: every sending refreshes.
    sign_in_as(&app, "short@wachamber.example");
    let first_refresh = kept(&keychain, &provider).unwrap()["refresh_token"].clone();
    for round in 0..3 {
        let results: Vec<_> = std::thread::scope(|s| {
            let sends: Vec<_> = [1, 2]
                .into_iter()
                .map(|copy| {
                    let app = &app;
                    s.spawn(move || {
                        let mut req = EmailRequest::new(id);
                        req.copy = Some(copy);
                        req.resend = round > 0;
                        app.send_by_email(req)
                    })
                })
                .collect();
            sends.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for r in results {
            let r = r.unwrap_or_else(|e| panic!("round {round}: {e}"));
            let went = r.iter().all(|c| {
                matches!(
                    c.outcome,
                    EmailOutcome::Sent { .. } | EmailOutcome::Resent { .. }
                )
            });
            assert!(r.len() == 1 && went, "round {round}: {r:?}");
        }
    }
    // Still signed in, on a rotated refresh token the provider still takes.
    let now = kept(&keychain, &provider).expect("still signed in");
    assert_ne!(now["refresh_token"], first_refresh);
}

/// An organization whose mail API (or a proxy inspecting TLS) shows a
/// certificate of its own CA: the CA certificate in the mail settings is
/// trusted for the APIs as for its mail server; without it the sending is
/// refused in words and nothing is recorded as sent.
#[test]
fn the_organizations_ca_is_trusted_for_the_mail_api_too() {
    let dir = tempfile::tempdir().unwrap();
    let provider = Provider::start();
    certificates(dir.path());
    let api = ApiServer::start_tls(dir.path(), &provider, "server.pem", "server.key");
    let (app, id, _keychain) = app_with_keychain(
        dir.path(),
        "secretary@commerce.example",
        "ambassador@ustr.example",
    );
    let mut settings = mailbox_settings(&provider, Handover::Graph, 0);
    settings.server = String::new();
    settings.api_url = Some(api.graph_url());
    assert!(settings.api_url.as_deref().unwrap().starts_with("https://"));
    app.set_mail_settings(&settings, None).unwrap();
    sign_in_as(&app, "ann@wachamber.example");

    let mut one = EmailRequest::new(id);
    one.copy = Some(1);
    let refused = app.send_by_email(one).unwrap();
    assert!(sent_ids(&refused).is_empty(), "{refused:?}");
    let why = format!("{refused:?}");
    assert!(
        why.contains("choose its CA certificate in Settings → Sending email"),
        "{why}"
    );
    assert!(api.received().is_empty());

    settings.ca_file = Some(dir.path().join("ca.pem").display().to_string());
    app.set_mail_settings(&settings, None).unwrap();
    let results = app.send_by_email(EmailRequest::new(id)).unwrap();
    assert_eq!(sent_ids(&results).len(), 2, "{results:?}");
    assert_eq!(api.received().len(), 2, "{:?}", api.refusals());
}
