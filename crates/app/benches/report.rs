//! The issue's record and the board report over 10,000 letters on KORUS
//! (20,000 copies, a third of them answered, owned by two people), dated
//! over the year before the sample's letter: what the issue's page and
//! `amicus report` call. Run with `make bench` (or `cargo bench -p
//! amicus-app --bench report`).

use std::hint::black_box;

use amicus_app::{App, BoardRequest, Engine};
use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

const LETTERS: i64 = 10_000;

fn bench(c: &mut Criterion) {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 28, 12, 0, 0)
        .single()
        .expect("time");
    let app = App::in_memory(Engine::new().expect("engine"), now).expect("app");
    // Copies of the sample's letter 1, dated back over a year; their copies
    // sent that day, a third answered after 0 to 39 days.
    app.store()
        .connection()
        .execute_batch(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {LETTERS})
             INSERT INTO letters (template_id, position_id, signer_id, date, subject, body, mode,
                                  status, extra, created_at, updated_at)
             SELECT template_id, position_id, signer_id, date(date, '-' || (i % 365) || ' days'),
                    subject || ' ' || i, body, mode, 'sent', extra, created_at, updated_at
             FROM letters, n WHERE letters.id = 1;
             INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id, office_id,
                                            term_id, method, sent_at, follow_up_on, reply_on,
                                            follow_up_owner)
             SELECT l.id, r.ord, l.date, r.role, r.person_id, r.office_id, r.term_id, r.method,
                    l.date || substr(r.sent_at, 11), date(l.date, '+30 days'),
                    CASE WHEN l.id % 3 = 0 THEN date(l.date, '+' || (l.id % 40) || ' days') END,
                    CASE l.id % 4 WHEN 0 THEN 'Dana' WHEN 1 THEN 'Sam' END
             FROM letters l JOIN letter_recipients r ON r.letter_id = 1 WHERE l.id > 1;"
        ))
        .expect("letters");
    let day = |s: &str| s.parse::<NaiveDate>().expect("day");
    let (from, to) = (day("2016-09-01"), day("2017-09-30"));
    let record = app
        .issue_record("KORUS", Some(from), Some(to), None)
        .expect("record");
    assert_eq!(record.letters.len() as i64, LETTERS + 1);
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("the issue's record over 10,000 letters", |b| {
        b.iter(|| black_box(app.issue_page("KORUS", Some(from), Some(to)).expect("page")));
    });
    group.bench_function(
        "the board report over 10,000 letters: PDF (every letter's copies) and CSV",
        |b| {
            b.iter(|| {
                let report = app
                    .board_report(&BoardRequest {
                        from,
                        to,
                        issues: vec!["KORUS".into()],
                        as_of: Some(day("2017-12-01")),
                    })
                    .expect("report");
                black_box((report.pdf.len(), report.csv.len()))
            });
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
