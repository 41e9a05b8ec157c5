//! The team record: each refusal below comes from the server (grants and the
//! team schema's rules), not from Amicus's own checks.

use super::world::{at, counts, day, draft, sent_letter, team, to, world_at, world_on};
use chrono::Utc;
use store::letters::{Copy, Sending};
use store::log::LogFilter;
use store::*;
use support::{Backend, fresh_with_url, open_as};
use testkit::engines as support;

#[test]
fn a_drafter_cannot_approve_and_the_server_says_so() {
    testkit::needs_postgres!();
    let (w, url) = team();
    let mut dana = open_as(&url, "dana");
    assert_eq!(dana.session_user().unwrap().as_deref(), Some("dana"));
    assert_eq!(dana.session_roles().unwrap(), vec![team::TeamRole::Drafter]);
    let id = dana
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    let err = dana.approve_letter(id, at("2017-09-02")).unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err:?}");
    assert!(err.to_string().contains("permission denied"), "{err}");
    assert_eq!(dana.letter(id).unwrap().status, Status::Draft);
    // Raw SQL as the drafter: refused by the server the same way.
    let raw = dana
        .connection()
        .execute("UPDATE letters SET status = 'approved' WHERE id = ?1", [id])
        .unwrap_err();
    assert_eq!(raw.sqlstate(), Some("42501"), "{raw}");
    let raw = dana
        .connection()
        .execute("DELETE FROM archive", [])
        .unwrap_err();
    assert_eq!(raw.sqlstate(), Some("42501"), "{raw}");

    let mut avery = open_as(&url, "avery");
    avery.approve_letter(id, at("2017-09-02")).unwrap();
    let err = avery.sign_letter(id, at("2017-09-03")).unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err:?}");
    let mut sam = open_as(&url, "sam");
    sam.sign_letter(id, at("2017-09-03")).unwrap();
    // Who did what is the server's session user, whatever the client says.
    let actors: Vec<(EventKind, Option<String>)> = sam
        .events(id)
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, e.actor))
        .collect();
    assert_eq!(
        actors,
        vec![
            (EventKind::Created, Some("dana".into())),
            (EventKind::Approved, Some("avery".into())),
            (EventKind::Signed, Some("sam".into())),
        ]
    );
    // And when is the server's clock, not the one each client passed in (2017).
    let before = Utc::now() - chrono::Duration::minutes(5);
    for e in sam.events(id).unwrap() {
        assert!(e.at > before, "{:?} at {}", e.kind, e.at);
    }
}

#[test]
fn the_four_eyes_rule_needs_another_approver_and_only_an_admin_sets_it() {
    testkit::needs_postgres!();
    let (mut w, url) = team();
    let mut dana = open_as(&url, "dana");
    let err = dana.set_setting("four_eyes", &true).unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err:?}");
    let err = dana.set_setting("time_zone", &"Asia/Seoul").unwrap_err();
    assert!(err.to_string().contains("organization's settings"), "{err}");
    w.store.set_setting("four_eyes", &true).unwrap();
    let mut avery = open_as(&url, "avery");
    let own = avery
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    let err = avery.approve_letter(own, at("2017-09-02")).unwrap_err();
    assert!(err.to_string().contains("four-eyes"), "{err}");
    let theirs = dana
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    avery.approve_letter(theirs, at("2017-09-02")).unwrap();
}

#[test]
fn a_record_moves_from_a_file_to_a_team_and_back_whole() {
    testkit::needs_postgres!();
    let mut w = world_on(Backend::Sqlite);
    let sent = sent_letter(&mut w, "2017-09-05");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("alone.db");
    w.store.backup(&file).unwrap();
    let source = Store::open(&file).unwrap();
    let (mut team, _) = fresh_with_url(Backend::Postgres);
    let copied = team.import_record(&source).unwrap();
    assert_eq!(copied.rows("letters"), 1);
    assert_eq!(copied.rows("archive"), 1);
    assert_eq!(
        copied.pdfs_checked,
        copied.rows("archive") + copied.rows("signed_copies")
    );
    assert_eq!(team.letter(sent).unwrap(), source.letter(sent).unwrap());
    assert_eq!(team.archived(sent).unwrap(), source.archived(sent).unwrap());
    assert_eq!(counts(&team), counts(&source));
    let hits = |s: &Store| -> Vec<(String, i64)> {
        s.search("korus", 10)
            .unwrap()
            .into_iter()
            .map(|h| (h.kind, h.id))
            .collect()
    };
    assert!(!hits(&source).is_empty());
    assert_eq!(hits(&team), hits(&source));
    // New rows continue after the copied ids.
    let next = team.add_issue("Steel", "").unwrap();
    assert!(next > source.issues().unwrap().iter().map(|i| i.id).max().unwrap());
    // A second import is refused: the team record is no longer empty.
    let err = team.import_record(&source).unwrap_err();
    assert!(err.to_string().contains("empty team record"), "{err}");

    // Back out to the portable file format, which opens as a record.
    let back = dir.path().join("team-backup.db");
    team.backup(&back).unwrap();
    let restored = Store::open(&back).unwrap();
    assert_eq!(restored.letter(sent).unwrap(), source.letter(sent).unwrap());
    assert_eq!(
        restored.archived(sent).unwrap(),
        source.archived(sent).unwrap()
    );
    assert_eq!(restored.integrity_check().unwrap(), "ok");
}

#[test]
fn a_team_record_works_from_inside_an_async_runtime() {
    testkit::needs_postgres!();
    // The desktop's commands run inside tokio, where the sync client may not
    // start its own runtime: each session's client lives on its own thread.
    let (mut w, url) = world_at(Backend::Postgres);
    let url = url.unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let issues = runtime.block_on(async move {
        let other = open_as(&url, "postgres");
        w.store.add_issue("Steel tariffs", "").unwrap();
        let names: Vec<String> = other
            .issues()
            .unwrap()
            .into_iter()
            .map(|i| i.name)
            .collect();
        drop(other);
        drop(w);
        names
    });
    assert!(issues.contains(&"Steel tariffs".to_string()), "{issues:?}");
}

#[test]
fn a_damaged_archive_is_not_imported_at_all() {
    testkit::needs_postgres!();
    let mut w = world_on(Backend::Sqlite);
    sent_letter(&mut w, "2017-09-05");
    w.store
        .connection()
        .execute_batch("DROP TRIGGER archive_is_immutable_update; UPDATE archive SET pdf = x'FF';")
        .unwrap();
    let (mut team, _) = fresh_with_url(Backend::Postgres);
    let err = team.import_record(&w.store).unwrap_err();
    assert!(err.to_string().contains("SHA-256"), "{err}");
    assert_eq!(counts(&team).iter().sum::<i64>(), 0);
}

/// Follow-up work on a team record: the sender owns the follow-up, a
/// drafter snoozes, reassigns, logs a call and keeps the reply's PDF, each
/// in her own name; nobody rewrites that history.
#[test]
fn a_drafter_does_follow_up_work_in_her_own_name() {
    testkit::needs_postgres!();
    let (w, url) = team();
    let mut dana = open_as(&url, "dana");
    let id = dana
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    open_as(&url, "avery")
        .approve_letter(id, at("2017-09-02"))
        .unwrap();
    let mut sam = open_as(&url, "sam");
    sam.sign_letter(id, at("2017-09-03")).unwrap();
    let r = sam.recipients(id).unwrap()[0].id;
    let sending = Sending {
        method: Method::Mail,
        at: at("2017-09-05"),
        confirmation: None,
        follow_up_on: Some(day("2017-10-05")),
    };
    let copy = Copy {
        pdf: vec![0],
        data: "{}".into(),
    };
    sam.mark_sent(r, &sending, &copy, at("2017-09-05")).unwrap();
    assert_eq!(
        dana.recipient(r).unwrap().follow_up_owner.as_deref(),
        Some("sam")
    );
    let mine = |s: &Store| {
        s.log(&LogFilter {
            mine: true,
            ..Default::default()
        })
        .unwrap()
        .len()
    };
    assert_eq!((mine(&sam), mine(&dana)), (1, 0));

    dana.snooze_follow_up(r, day("2017-10-12"), at("2017-10-01"))
        .unwrap();
    dana.assign_follow_up(r, "dana", at("2017-10-01")).unwrap();
    assert_eq!((mine(&sam), mine(&dana)), (0, 1));
    dana.log_contact(
        r,
        &NewContact {
            on: Some(day("2017-10-10")),
            kind: ContactKind::Call,
            who: "Jane Roe, trade counsel".into(),
            notes: "Reply on its way.".into(),
        },
        day("2026-01-01"),
        at("2017-10-10"),
    )
    .unwrap();
    dana.record_reply_with_file(
        r,
        day("2017-10-20"),
        "Thanks",
        Some(("reply.pdf", b"%PDF-1.4 reply")),
        at("2017-10-20"),
    )
    .unwrap();

    let work: Vec<(EventKind, Option<String>)> = sam
        .events(id)
        .unwrap()
        .into_iter()
        .filter(|e| e.recipient_id == Some(r) && e.kind != EventKind::Sent)
        .map(|e| (e.kind, e.actor))
        .collect();
    let dana_did = |k| (k, Some("dana".to_string()));
    assert_eq!(
        work,
        [
            dana_did(EventKind::Snoozed),
            dana_did(EventKind::Assigned),
            dana_did(EventKind::Replied),
            dana_did(EventKind::ReplyAttached),
        ]
    );
    assert_eq!(sam.contacts(id).unwrap()[0].actor.as_deref(), Some("dana"));
    let kept = sam.reply_files(id).unwrap();
    assert_eq!(kept[0].actor.as_deref(), Some("dana"));
    assert_eq!(sam.reply_file(kept[0].id).unwrap().1, b"%PDF-1.4 reply");
    // Written once: a drafter may not change or remove either.
    for sql in [
        "UPDATE copy_contacts SET notes = 'x'",
        "DELETE FROM copy_contacts",
        "DELETE FROM reply_files",
    ] {
        let raw = dana.connection().execute(sql, []).unwrap_err();
        assert_eq!(raw.sqlstate(), Some("42501"), "{sql}: {raw}");
    }
}
