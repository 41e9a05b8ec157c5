//! Twenty staff sessions drafting, approving, signing and sending on one
//! team record for a minute, with the server stopped at once
//! (`pg_ctl stop -m immediate`) in the middle and started again. Every
//! write a session was told had landed must be there afterwards, with its
//! archived PDF intact; no session may see anything but "the server cannot
//! be reached" while it was down, and each carries on by itself.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use testkit::pg_server as server;

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use store::letters::{Copy, Sending, sha256_hex};
use store::team::TeamConnect;
use store::*;

const SESSIONS: usize = 20;

fn seconds() -> u64 {
    std::env::var("AMICUS_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60)
}

struct Setup {
    template: i64,
    signer: i64,
    office: i64,
    person: i64,
}

fn set_up(s: &mut Store) -> Setup {
    let now = Utc.with_ymd_and_hms(2017, 1, 1, 12, 0, 0).unwrap();
    let template = s
        .register_builtin_template("joint-support", "{}", "Dear {{x}}", now)
        .unwrap();
    let signer = s.add_signer("Pat Example", Some("President")).unwrap();
    let office = s
        .add_office(&NewOffice {
            title: "United States Trade Representative".into(),
            short_name: Some("USTR".into()),
            organization: None,
            kind: OfficeKind::TradeRepresentative,
            single_holder: true,
            address: vec!["Washington, DC 20508".into()],
            email: None,
            contact_form: None,
        })
        .unwrap();
    let person = s
        .add_person(
            &NewPerson {
                full_name: "Robert E. Lighthizer".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
    s.add_term(&NewTerm {
        person_id: person,
        office_id: office,
        start_on: NaiveDate::from_ymd_opt(2017, 5, 15).unwrap(),
        end_on: None,
        acting: false,
        address: Vec::new(),
    })
    .unwrap();
    Setup {
        template,
        signer,
        office,
        person,
    }
}

/// One step of a letter's way, retried while the server is unreachable.
/// Anything else reaching a session fails the test.
fn step<T>(
    outages: &AtomicU64,
    down: &AtomicBool,
    mut f: impl FnMut() -> store::Result<T>,
) -> Option<T> {
    loop {
        match f() {
            Ok(v) => return Some(v),
            Err(StoreError::Unavailable(_)) => {
                outages.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(100));
                if !down.load(Ordering::SeqCst) {
                    // The server is back: a write that failed mid-way may
                    // have landed after all (its commit's answer was lost);
                    // the caller checks the letter's state before retrying.
                    return None;
                }
            }
            Err(e) => panic!("a session saw an error other than the outage: {e:?}"),
        }
    }
}

#[test]
fn twenty_sessions_keep_every_acknowledged_write_through_a_crash() {
    testkit::needs_postgres!();
    let server = server::OwnServer::start_with("", None, true);
    let mut admin = postgres::Client::connect(&server.admin("postgres"), postgres::NoTls).unwrap();
    admin.batch_execute("CREATE DATABASE amicus").unwrap();
    let url = server.admin("amicus");
    let connect = TeamConnect {
        url: url.clone(),
        ..TeamConnect::default()
    };
    let mut owner = Store::init_team(&connect).unwrap();
    let setup = set_up(&mut owner);

    let until = Instant::now() + Duration::from_secs(seconds());
    let down = AtomicBool::new(false);
    let outages = AtomicU64::new(0);
    let sessions_that_saw_it = AtomicU64::new(0);
    // (letter id, sha256 of its archived PDF) of every send acknowledged.
    let acknowledged: Mutex<Vec<(i64, String)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for n in 0..SESSIONS {
            let (connect, setup, down, outages, acknowledged, seen) = (
                &connect,
                &setup,
                &down,
                &outages,
                &acknowledged,
                &sessions_that_saw_it,
            );
            scope.spawn(move || {
                let mut s = Store::open_team(connect).unwrap();
                let mut saw_outage = false;
                let mut k = 0u64;
                while Instant::now() < until {
                    k += 1;
                    let now = Utc::now();
                    let before = outages.load(Ordering::SeqCst);
                    let draft = LetterDraft {
                        template_id: setup.template,
                        position_id: None,
                        signer_id: setup.signer,
                        date: NaiveDate::from_ymd_opt(2017, 9, 5).unwrap(),
                        subject: format!("Session {n}, letter {k}"),
                        body: "Continued support for KORUS.".into(),
                        mode: LetterMode::Joint,
                        extra: serde_json::json!({}),
                    };
                    let to = [NewRecipient {
                        role: Role::To,
                        person_id: Some(setup.person),
                        office_id: Some(setup.office),
                        term_id: None,
                    }];
                    let Some(id) = step(outages, down, || s.create_letter(&draft, &to, now)) else {
                        continue;
                    };
                    let status = |s: &Store| s.letter(id).map(|l| l.status);
                    if step(outages, down, || match status(&s)? {
                        Status::Draft => s.approve_letter(id, now),
                        _ => Ok(()),
                    })
                    .is_none()
                    {
                        continue;
                    }
                    if step(outages, down, || match status(&s)? {
                        Status::Approved => s.sign_letter(id, now),
                        _ => Ok(()),
                    })
                    .is_none()
                    {
                        continue;
                    }
                    let pdf = format!("%PDF-1.7 session {n} letter {k}").into_bytes();
                    let hash = sha256_hex(&pdf);
                    let sent = step(outages, down, || {
                        if status(&s)? == Status::Sent {
                            return Ok(());
                        }
                        let r = s.recipients(id)?;
                        s.mark_sent(
                            r[0].id,
                            &Sending {
                                method: Method::Email,
                                at: now,
                                confirmation: Some(format!("<{n}.{k}@amicus.test>")),
                                follow_up_on: None,
                            },
                            &Copy {
                                pdf: pdf.clone(),
                                data: "{}".into(),
                            },
                            now,
                        )
                        .map(|_| ())
                    });
                    if sent.is_some() {
                        acknowledged.lock().unwrap().push((id, hash));
                    }
                    if outages.load(Ordering::SeqCst) > before {
                        saw_outage = true;
                    }
                }
                if saw_outage {
                    seen.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
        // Halfway: the server stops at once, as in a crash, and comes back.
        let half = until - Duration::from_secs(seconds() / 2);
        while Instant::now() < half {
            std::thread::sleep(Duration::from_millis(100));
        }
        down.store(true, Ordering::SeqCst);
        server.stop_immediately();
        std::thread::sleep(Duration::from_secs(3));
        server.start_again();
        down.store(false, Ordering::SeqCst);
    });

    let acknowledged = acknowledged.into_inner().unwrap();
    let after = Store::open_team(&connect).unwrap();
    for (id, hash) in &acknowledged {
        let letter = after.letter(*id).unwrap();
        assert_eq!(letter.status, Status::Sent, "letter {id}");
        // `archived` re-checks each PDF's SHA-256 against the record.
        let archived = after.archived(*id).unwrap();
        assert_eq!(archived.len(), 1, "letter {id}");
        assert_eq!(&archived[0].sha256, hash, "letter {id}");
    }
    let sent: i64 = after
        .connection()
        .query_row(
            "SELECT count(*) FROM letters WHERE status = 'sent'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sent as usize >= acknowledged.len());
    eprintln!(
        "{} letters sent and acknowledged by {SESSIONS} sessions in {} s; {} outage reports from {} sessions",
        acknowledged.len(),
        seconds(),
        outages.load(Ordering::SeqCst),
        sessions_that_saw_it.load(Ordering::SeqCst)
    );
    assert!(acknowledged.len() > SESSIONS, "the sessions got work done");
    assert!(
        sessions_that_saw_it.load(Ordering::SeqCst) > 0,
        "the outage reached the sessions as an outage"
    );
}

#[test]
fn an_open_window_hears_a_colleagues_change_and_the_outage_within_two_seconds() {
    testkit::needs_postgres!();
    use store::team::{TeamEvent, watch};
    let server = server::OwnServer::start("", None);
    let mut admin = postgres::Client::connect(&server.admin("postgres"), postgres::NoTls).unwrap();
    admin.batch_execute("CREATE DATABASE amicus").unwrap();
    let connect = TeamConnect {
        url: server.admin("amicus"),
        ..TeamConnect::default()
    };
    let mut colleague = Store::init_team(&connect).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = watch(connect.clone(), move |e| {
        let _ = tx.send(e);
    });
    assert!(watcher.wait_until_listening(Duration::from_secs(10)));
    let heard = |what: &str| -> TeamEvent {
        rx.recv_timeout(Duration::from_secs(2))
            .unwrap_or_else(|_| panic!("nothing heard within 2 s of {what}"))
    };
    colleague.add_issue("KORUS", "").unwrap();
    assert_eq!(
        heard("a new issue"),
        TeamEvent::Changed(vec!["positions".into()])
    );
    colleague
        .register_builtin_template("joint-support", "{}", "Dear {{x}}", Utc::now())
        .unwrap();
    assert_eq!(
        heard("a template"),
        TeamEvent::Changed(vec!["templates".into()])
    );

    server.stop_immediately();
    assert!(matches!(heard("the server stopping"), TeamEvent::Lost(_)));
    server.start_again();
    let back = rx.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(back, TeamEvent::Back);
    // The colleague's session sat idle through the outage: its client
    // knows the old connection closed, so the next write connects again
    // before sending anything, and succeeds.
    colleague.add_issue("Steel tariffs", "").unwrap();
    assert_eq!(
        heard("a change after the outage"),
        TeamEvent::Changed(vec!["positions".into()])
    );
}

#[test]
fn a_window_hears_colleagues_who_save_without_a_pause() {
    testkit::needs_postgres!();
    use store::team::{TeamEvent, watch};
    let url = testkit::engines::fresh_database();
    let connect = TeamConnect {
        url,
        ..TeamConnect::default()
    };
    let mut colleague = Store::init_team(&connect).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = watch(connect.clone(), move |e| {
        let _ = tx.send((Instant::now(), e));
    });
    assert!(watcher.wait_until_listening(Duration::from_secs(10)));
    // A change every 50 ms for three seconds, as fifty colleagues at work
    // make: the notes never pause for as long as the watcher gathers them.
    let start = Instant::now();
    let mut k = 0;
    while start.elapsed() < Duration::from_secs(3) {
        k += 1;
        colleague.add_issue(&format!("Issue {k}"), "").unwrap();
        std::thread::sleep(Duration::from_millis(50));
    }
    let heard: Vec<Instant> = rx
        .try_iter()
        .filter(|(_, e)| matches!(e, TeamEvent::Changed(_)))
        .map(|(t, _)| t)
        .collect();
    // Reported while the changes went on, in batches, not once at the end.
    let during = heard
        .iter()
        .filter(|t| **t < start + Duration::from_secs(3));
    assert!(during.count() >= 3, "{} reports in 3 s", heard.len());
}
