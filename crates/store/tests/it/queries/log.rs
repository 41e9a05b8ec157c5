//! The sent log: its filters, its CSV, and a letter's new date.

use super::world::{World, at, day, draft, sent_letter, to, world_on};
use store::log::LogFilter;
use store::*;
use support::Backend;
use testkit::engines as support;

fn the_log_filters_by_office_person_issue_status_and_dates(engine: Backend) {
    let mut w = world_on(engine);
    let a = sent_letter(&mut w, "2017-09-05");
    let b = sent_letter(&mut w, "2018-03-01");
    let draft_id = w
        .store
        .create_letter(&draft(&w), &to(&w)[1..], at("2019-01-01"))
        .unwrap();
    // What went out, unless unsent copies are asked for.
    let sent = w.store.log(&LogFilter::default()).unwrap();
    assert_eq!(
        sent.iter()
            .map(|e| (e.letter_id, e.sent_at.is_some()))
            .collect::<Vec<_>>(),
        [(b, true), (a, true)]
    );
    let all = w
        .store
        .log(&LogFilter {
            include_unsent: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.len(), 5);
    let by_office = w
        .store
        .log(&LogFilter {
            office_id: Some(w.commerce),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        by_office.iter().map(|e| e.letter_id).collect::<Vec<_>>(),
        [b, a]
    );
    let ranged = w
        .store
        .log(&LogFilter {
            office_id: Some(w.ustr),
            from: Some(day("2018-01-01")),
            include_unsent: true,
            to: Some(day("2018-12-31")),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ranged.len(), 1);
    assert_eq!(ranged[0].letter_id, b);
    let drafts = w
        .store
        .log(&LogFilter {
            status: Some(Status::Draft),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        drafts.iter().map(|e| e.letter_id).collect::<Vec<_>>(),
        [draft_id]
    );
    let person = w
        .store
        .log(&LogFilter {
            person_id: Some(w.lighthizer),
            include_unsent: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(person.len(), 3);
    let issue = w.store.find_issue("KORUS").unwrap();
    assert_eq!(
        w.store
            .log(&LogFilter {
                issue_id: Some(issue.id),
                include_unsent: true,
                ..Default::default()
            })
            .unwrap()
            .len(),
        5
    );
    let due = w
        .store
        .log(&LogFilter {
            follow_up_due: Some(day("2017-12-01")),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].person.as_deref(), Some("Wilbur Ross"));
    // By how copies went, and whether a reply came.
    let sent = w.store.log(&LogFilter::default()).unwrap();
    let by_mail = w
        .store
        .log(&LogFilter {
            method: Some(Method::Mail),
            ..Default::default()
        })
        .unwrap();
    assert!(!by_mail.is_empty());
    assert!(
        by_mail.iter().all(|e| e.method == Some(Method::Mail)),
        "{by_mail:?}"
    );
    let by_fax = w
        .store
        .log(&LogFilter {
            method: Some(Method::Fax),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        by_fax.len(),
        sent.iter()
            .filter(|e| e.method == Some(Method::Fax))
            .count()
    );
    w.store
        .record_reply(
            due[0].recipient_id,
            day("2017-12-02"),
            "Thanked us",
            at("2017-12-02"),
        )
        .unwrap();
    let replied = |r: bool| {
        w.store
            .log(&LogFilter {
                replied: Some(r),
                ..Default::default()
            })
            .unwrap()
    };
    assert_eq!(replied(true).len(), 1);
    assert_eq!(replied(true)[0].recipient_id, due[0].recipient_id);
    assert!(!replied(false).is_empty());
    assert!(replied(false).iter().all(|e| e.reply_on.is_none()));
    assert_eq!(replied(true).len() + replied(false).len(), sent.len());
    let limited = w
        .store
        .log(&LogFilter {
            limit: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(limited.len(), 2);
}

fn the_log_exports_as_csv_with_quoting(engine: Backend) {
    let mut w = world_on(engine);
    sent_letter(&mut w, "2017-09-05");
    let csv = w.store.log_csv(&LogFilter::default()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    // The header and the one copy sent (the letter's second copy was not).
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[0].starts_with("letter,date,subject,status"));
    assert!(lines[1].contains("2017-09-05T15:00:00Z"), "{csv}");
    assert!(lines[1].contains("\"c, \"\"quoted\"\"\""), "{csv}");
    assert!(
        lines[1].contains(",Wilbur Ross,Secretary of Commerce,to,mail,"),
        "{csv}"
    );
}

fn the_log_follows_a_letters_new_date_and_search_ignores_word_endings(engine: Backend) {
    let mut w = world_on(engine);
    let id = w
        .store
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    let in_2018 = |w: &World| {
        w.store
            .log(&LogFilter {
                from: Some(day("2018-01-01")),
                office_id: Some(w.ustr),
                include_unsent: true,
                ..Default::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(in_2018(&w), 0);
    let mut d = draft(&w);
    d.date = day("2018-02-01");
    d.body = "Tariffs were cut.".into();
    w.store
        .edit_letter(id, &d, &to(&w), at("2017-09-02"))
        .unwrap();
    assert_eq!(in_2018(&w), 1);
    // A revision carries the new date too.
    let rev = w.store.revise_letter(id, at("2018-02-02")).unwrap();
    assert_eq!(in_2018(&w), 2);
    assert_eq!(w.store.search("tariff cut", 10).unwrap()[0].id, rev);
    assert_eq!(w.store.search("tariff cut", 10).unwrap().len(), 2);
}

testkit::engines!(
    the_log_filters_by_office_person_issue_status_and_dates,
    the_log_exports_as_csv_with_quoting,
    the_log_follows_a_letters_new_date_and_search_ignores_word_endings,
);
