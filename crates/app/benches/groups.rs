//! A letter to the whole House, one copy per member: the group expanded at
//! the letter's date, the draft saved, and every copy exported to PDF files —
//! the use cases the window's "Add a group…", "Save draft" and "Export PDF…"
//! call, from the first to the last file written. Run with `make bench`.

use std::hint::black_box;

use amicus_app::groups::{Chamber, GroupRef};
use amicus_app::{App, DraftRequest, Engine, ExportOptions, ImportRequest};
use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 28, 12, 0, 0)
        .single()
        .expect("time");
    let app = App::in_memory(Engine::new().expect("engine"), now).expect("app");
    app.import_congress_now(&ImportRequest {
        source: None,
        as_of: NaiveDate::from_ymd_opt(2026, 6, 15),
        dry_run: false,
    })
    .expect("imports");
    let date = NaiveDate::from_ymd_opt(2026, 6, 20).expect("date");
    let house = GroupRef::Chamber {
        chamber: Chamber::House,
    };
    let seats = app
        .expand_group(&house, Some(date))
        .expect("expands")
        .members
        .len();
    assert!(seats >= 435, "{seats} seats");
    let out = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("groups");
    group.sample_size(10);
    group.bench_function(
        format!("the whole House ({seats} copies): expand, draft, export every PDF"),
        |b| {
            b.iter(|| {
                app.clock().set(now);
                let drafted = app
                    .draft_from_request(&DraftRequest {
                        template: "joint-support".into(),
                        to_offices: vec![],
                        to_persons: vec![],
                        cc_offices: vec![],
                        cc_lines: vec![],
                        date,
                        subject: "The U.S.–Korea Free Trade Agreement".into(),
                        body:
                            "Our members export to Korea and ask you to keep the agreement's gains."
                                .into(),
                        issue: Some("KORUS".into()),
                        signer: None,
                        per_recipient: true,
                        to_groups: vec![house.clone()],
                        lang: None,
                    })
                    .expect("drafts");
                app.clock().set(now);
                let files = app
                    .export_letter(
                        drafted.letter_id,
                        &out.path().join("house.pdf"),
                        &ExportOptions::default(),
                    )
                    .expect("exports");
                assert_eq!(files.len(), seats);
                black_box(files)
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
