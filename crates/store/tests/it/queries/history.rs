//! A sent copy and its history are final (issue 25, items 1 and 2), on
//! the file and on the team record.

use super::world::{at, counts, day, draft, team, to, world_on};
use store::letters::{Copy, Sending};
use store::*;
use support::{Backend, open_as};
use testkit::engines as support;

/// Issue 25, items 1 and 2: once a copy went, nothing records it went
/// otherwise, for any client with the file or a login (here the team
/// record's superuser, who passes every role rule), and its history is
/// written once.
fn a_sent_copy_and_its_history_cannot_be_rewritten(engine: Backend) {
    let mut w = world_on(engine);
    let id = w
        .store
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    w.store.approve_letter(id, at("2017-09-02")).unwrap();
    w.store.sign_letter(id, at("2017-09-02")).unwrap();
    let r = w.store.recipients(id).unwrap();
    let copy = Copy {
        pdf: b"%PDF-1.7 sent".to_vec(),
        data: "{}".into(),
    };
    let sending = Sending {
        method: Method::Mail,
        at: at("2017-09-05"),
        confirmation: Some("certified 7019".into()),
        follow_up_on: Some(day("2017-10-05")),
    };
    w.store
        .mark_sent(r[0].id, &sending, &copy, at("2017-09-05"))
        .unwrap();
    let before = counts(&w.store);
    let sent = w.store.recipient(r[0].id).unwrap();
    let raw = |sql: &str| {
        w.store
            .connection()
            .execute_batch(sql)
            .map_err(|e| e.to_string())
    };
    for sql in [
        format!(
            "UPDATE letter_recipients SET sent_at = NULL, method = NULL, confirmation = NULL WHERE id = {}",
            r[0].id
        ),
        format!(
            "UPDATE letter_recipients SET confirmation = 'forged' WHERE id = {}",
            r[0].id
        ),
        format!(
            "UPDATE letter_recipients SET method = 'email' WHERE id = {}",
            r[0].id
        ),
        format!(
            "UPDATE letter_recipients SET person_id = NULL WHERE id = {}",
            r[0].id
        ),
        format!("UPDATE letters SET status = 'draft' WHERE id = {id}"),
        format!("DELETE FROM letter_recipients WHERE id = {}", r[1].id),
        "UPDATE events SET detail = 'forged'".to_string(),
        format!("DELETE FROM events WHERE letter_id = {id}"),
        format!(
            "INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at)
             VALUES ({id}, {}, x'00', '{}', '{{}}', 'x')",
            r[0].id,
            "0".repeat(64)
        ),
    ] {
        let sql = if engine == Backend::Postgres {
            sql.replace("x'00'", "'\\x00'")
        } else {
            sql
        };
        let err = raw(&sql).expect_err(&sql);
        assert!(
            err.contains("record")
                || err.contains("cannot be changed")
                || err.contains("cannot be edited")
                || err.contains("archived once")
                || err.contains("archived only"),
            "{sql}: {err}"
        );
    }
    assert_eq!(counts(&w.store), before);
    assert_eq!(w.store.recipient(r[0].id).unwrap(), sent);
    assert_eq!(w.store.letter(id).unwrap().status, Status::Sent);
    // The follow-up goes on, as events: a snooze and a reply are not edits
    // of the sending.
    w.store
        .snooze_follow_up(r[0].id, day("2017-10-12"), at("2017-10-01"))
        .unwrap();
    w.store
        .record_reply(r[0].id, day("2017-10-20"), "Thanked us", at("2017-10-21"))
        .unwrap();
    assert_eq!(w.store.recipient(r[0].id).unwrap().sent_at, sent.sent_at);
}

/// Issue 25, item 1: a drafter's login cannot write a step into the
/// history that did not happen, though the server would name her as its
/// actor; nor make a sent copy unsent (item 2).
#[test]
fn a_drafter_cannot_write_history_that_did_not_happen() {
    testkit::needs_postgres!();
    let (w, url) = team();
    let mut dana = open_as(&url, "dana");
    let id = dana
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    let events = dana.events(id).unwrap().len();
    for kind in ["approved", "signed", "created", "edited"] {
        let err = dana
            .connection()
            .execute(
                "INSERT INTO events (letter_id, kind, at) VALUES (?1, ?2, 'x')",
                (id, kind),
            )
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("the letter history is written only by what happens"),
            "{kind}: {err}"
        );
    }
    assert_eq!(dana.events(id).unwrap().len(), events);
    assert_eq!(dana.letter(id).unwrap().status, Status::Draft);

    open_as(&url, "avery")
        .approve_letter(id, at("2017-09-02"))
        .unwrap();
    let mut sam = open_as(&url, "sam");
    sam.sign_letter(id, at("2017-09-03")).unwrap();
    let r = dana.recipients(id).unwrap()[0].id;
    dana.mark_sent(
        r,
        &Sending {
            method: Method::Mail,
            at: at("2017-09-05"),
            confirmation: Some("certified".into()),
            follow_up_on: None,
        },
        &Copy {
            pdf: vec![0],
            data: "{}".into(),
        },
        at("2017-09-05"),
    )
    .unwrap();
    let err = dana
        .connection()
        .execute(
            "UPDATE letter_recipients SET sent_at = NULL, method = NULL, confirmation = NULL WHERE id = ?1",
            [r],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("part of the record"), "{err}");
    assert!(dana.recipient(r).unwrap().sent_at.is_some());
    // The drafter's own "approved" on the sent letter is refused too.
    let err = dana
        .connection()
        .execute(
            "INSERT INTO events (letter_id, kind, at) VALUES (?1, 'approved', 'x')",
            [id],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("no 'approved' event"), "{err}");
}

testkit::engines!(a_sent_copy_and_its_history_cannot_be_rewritten,);
