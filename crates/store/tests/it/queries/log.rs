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

/// Every page of `filter`, `size` rows each, each after the last of the one
/// before; `between` runs after the first page.
fn pages(
    w: &mut World,
    filter: &LogFilter,
    size: usize,
    mut between: impl FnMut(&mut World),
) -> Vec<Vec<store::log::LogEntry>> {
    let mut out: Vec<Vec<store::log::LogEntry>> = Vec::new();
    loop {
        let page = w
            .store
            .log(&LogFilter {
                limit: size,
                after: out.last().and_then(|p| p.last()).map(|e| e.cursor()),
                ..filter.clone()
            })
            .unwrap();
        let last = page.len() < size;
        out.push(page);
        // A page that repeats the one before would go on for ever.
        assert!(out.len() <= 40, "paging does not end");
        if out.len() == 1 {
            between(w);
        }
        if last {
            return out;
        }
    }
}

fn the_log_pages_after_a_copy_across_one_day_neither_skipping_nor_repeating(engine: Backend) {
    let mut w = world_on(engine);
    // Seven letters of two copies each, five of them on one day (their
    // copies share a date, and a letter's two copies share its id too).
    let mut ids = vec![sent_letter(&mut w, "2017-09-05")];
    for _ in 0..5 {
        ids.push(sent_letter(&mut w, "2018-03-01"));
    }
    ids.push(sent_letter(&mut w, "2018-06-30"));
    let every = LogFilter {
        include_unsent: true,
        ..Default::default()
    };
    let whole = w.store.log(&every).unwrap();
    assert_eq!(whole.len(), 14);
    // Newest date first, newest letter first, a letter's copies in order.
    let keys: Vec<(i64, u32)> = whole.iter().map(|e| (e.letter_id, e.ord)).collect();
    let mut expected: Vec<(i64, u32)> = Vec::new();
    for id in [ids[6], ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]] {
        let ords: Vec<u32> = w
            .store
            .recipients(id)
            .unwrap()
            .iter()
            .map(|r| r.ord)
            .collect();
        assert_eq!(ords.len(), 2);
        expected.extend(ords.into_iter().map(|o| (id, o)));
    }
    assert_eq!(keys, expected);
    for size in [1, 3, 4, 5, 14, 20] {
        let paged: Vec<_> = pages(&mut w, &every, size, |_| {})
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(paged, whole, "pages of {size}");
    }
    // A letter sent while the pages are read is newer than every row:
    // the next pages carry on where the first ended, repeating none.
    let copies = |pages: Vec<Vec<store::log::LogEntry>>| -> Vec<i64> {
        pages
            .into_iter()
            .flatten()
            .map(|e| e.recipient_id)
            .collect()
    };
    let seen = copies(pages(&mut w, &every, 3, |w| {
        sent_letter(w, "2018-03-01");
    }));
    assert_eq!(
        seen,
        whole.iter().map(|e| e.recipient_id).collect::<Vec<_>>()
    );
    // And with a filter read from another index: one office's copies.
    let office = LogFilter {
        office_id: Some(w.ustr),
        include_unsent: true,
        ..Default::default()
    };
    let whole = w.store.log(&office).unwrap();
    assert!(whole.len() > 3, "{}", whole.len());
    let paged: Vec<_> = pages(&mut w, &office, 2, |_| {})
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(paged, whole);
}

testkit::engines!(
    the_log_pages_after_a_copy_across_one_day_neither_skipping_nor_repeating,
    the_log_filters_by_office_person_issue_status_and_dates,
    the_log_exports_as_csv_with_quoting,
    the_log_follows_a_letters_new_date_and_search_ignores_word_endings,
);
