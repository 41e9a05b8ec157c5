//! Importing the whole congress-legislators snapshot into an empty database
//! (read the YAML, then one transaction). Run with `make bench`.

use std::hint::black_box;
use std::path::Path;

use amicus_app::congress::read_roster;
use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/congress-legislators");
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 15).expect("date");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 28, 12, 0, 0)
        .single()
        .expect("time");
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("congress snapshot into an empty database", |b| {
        b.iter(|| {
            let mut store = store::Store::open_in_memory().expect("store");
            let members = read_roster(&dir).expect("roster");
            black_box(
                store
                    .import_roster(&members, &amicus_app::congress::SCOPE, as_of, now, false)
                    .expect("imports"),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
