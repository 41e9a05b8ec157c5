//! Kill a writer with SIGKILL at random moments; the database must stay
//! sound and keep every write the writer saw committed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use store::*;

const CHILD_ENV: &str = "AMICUS_CRASH_CHILD_DB";
const ROUNDS: usize = 200;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2017, 9, 5, 12, 0, 0).unwrap()
}

fn seed(store: &mut Store) -> (i64, i64, i64) {
    let person = store
        .add_person(
            &NewPerson {
                full_name: "Wilbur Ross".into(),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    let template = store
        .register_builtin_template("joint-support", "{}", "x", now())
        .unwrap();
    let signer = store.add_signer("Jordan A. Whitfield", None).unwrap();
    (person, template, signer)
}

/// The writer: letters and their events, forever, reporting each commit.
fn child(path: &str) -> ! {
    use std::io::Write as _;
    let mut store = Store::open(std::path::Path::new(path)).unwrap();
    let person = store.persons("", 1).unwrap()[0].id;
    let template = store.latest_template("joint-support").unwrap().id;
    let signer = store.signers().unwrap()[0].id;
    let out = std::io::stdout();
    let mut n = 0u64;
    loop {
        n += 1;
        let draft = LetterDraft {
            template_id: template,
            position_id: None,
            signer_id: signer,
            date: "2017-09-05".parse().unwrap(),
            subject: format!("Letter {n} on KORUS"),
            body: "Body text. ".repeat(50),
            mode: LetterMode::Joint,
            extra: serde_json::Value::Null,
        };
        let to = [NewRecipient {
            role: Role::To,
            person_id: Some(person),
            office_id: None,
            term_id: None,
        }];
        let id = store.create_letter(&draft, &to, now()).unwrap();
        writeln!(out.lock(), "committed created {id}").unwrap();
        store.approve_letter(id, now()).unwrap();
        writeln!(out.lock(), "committed approved {id}").unwrap();
    }
}

#[test]
fn sigkill_never_loses_a_committed_write() {
    if let Ok(path) = std::env::var(CHILD_ENV) {
        child(&path);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    seed(&mut Store::open(&path).unwrap());

    let mut seed_state = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("random seed {seed_state}");
    let mut random = move || {
        // xorshift64: enough to scatter the kills.
        seed_state ^= seed_state << 13;
        seed_state ^= seed_state >> 7;
        seed_state ^= seed_state << 17;
        seed_state
    };

    let exe = std::env::current_exe().unwrap();
    let mut created_total = 0usize;
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args([
                "crash::sigkill_never_loses_a_committed_write",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(std::result::Result::ok)
                .filter_map(|l| l.strip_prefix("committed ").map(String::from))
                .collect::<Vec<String>>()
        });
        std::thread::sleep(Duration::from_millis(5 + random() % 60));
        // Child::kill sends SIGKILL on Unix.
        child.kill().unwrap();
        child.wait().unwrap();
        let committed = reader.join().unwrap();

        let store = Store::open(&path).unwrap();
        assert_eq!(store.integrity_check().unwrap(), "ok", "round {round}");
        for line in &committed {
            let (what, id) = line.split_once(' ').unwrap();
            let id: i64 = id.parse().unwrap();
            let letter = store
                .letter(id)
                .unwrap_or_else(|e| panic!("round {round}: letter {id} lost: {e}"));
            let kinds: Vec<EventKind> = store
                .events(id)
                .unwrap()
                .into_iter()
                .map(|e| e.kind)
                .collect();
            assert!(
                kinds.contains(&EventKind::Created),
                "round {round}: letter {id} has no created event"
            );
            assert_eq!(
                store.recipients(id).unwrap().len(),
                1,
                "round {round}: letter {id}"
            );
            if what == "approved" {
                assert_eq!(
                    letter.status,
                    Status::Approved,
                    "round {round}: letter {id}"
                );
                assert!(
                    kinds.contains(&EventKind::Approved),
                    "round {round}: letter {id}"
                );
            } else {
                created_total += 1;
            }
        }
        // Nothing half-written: every letter has its recipient and its event.
        let orphans: i64 = store
            .connection()
            .query_row(
                "SELECT count(*) FROM letters l WHERE NOT EXISTS (SELECT 1 FROM letter_recipients r WHERE r.letter_id = l.id)
                   OR NOT EXISTS (SELECT 1 FROM events e WHERE e.letter_id = l.id AND e.kind = 'created')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0, "round {round}");
    }
    // The test only means something if the writer got to write.
    assert!(
        created_total > ROUNDS,
        "only {created_total} letters were committed in {ROUNDS} rounds"
    );
}
