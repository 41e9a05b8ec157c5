//! The store at scale: 100,000 persons and 1,000,000 letter-recipient rows
//! in a file-backed database, then the sent log filtered by office and a
//! date range, and full-text searches, each timed many times with varied
//! arguments. Prints p50, p95 and max; the target is p95 <= 10 ms.
//!
//! With `AMICUS_BENCH_ENGINE=postgres` the same record is built as a team
//! record on the PostgreSQL server of `AMICUS_TEST_PG` (over its Unix
//! socket; target p95 <= 20 ms), and then `team import` of a 10,000-letter
//! single-user file, each letter with its archived PDF, is timed.
//!
//! Run with `make bench` (release mode). Not a test: it asserts nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use store::Store;
use store::log::LogFilter;

mod common;
use common::*;

fn build(path: &std::path::Path) -> Store {
    fill(Store::open(path).expect("open"), LETTERS, false)
}

fn report(name: &str, mut times: Vec<Duration>, rows: usize) {
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "{name:<40} p50 {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms   ({} runs, {:.0} rows on average)",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.95).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        times.len(),
        rows as f64 / times.len() as f64
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would not.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    // AMICUS_BENCH_DB keeps the built database for reuse between runs.
    let kept = std::env::var_os("AMICUS_BENCH_DB").map(std::path::PathBuf::from);
    let path = kept.clone().unwrap_or_else(|| dir.path().join("bench.db"));
    let postgres = std::env::var("AMICUS_BENCH_ENGINE").is_ok_and(|e| e == "postgres");
    let t = Instant::now();
    let store = if postgres {
        // AMICUS_BENCH_DB set: reuse the team record a previous run built.
        let server = std::env::var("AMICUS_TEST_PG").expect("AMICUS_TEST_PG");
        let reuse = store::team::TeamConnect {
            url: format!("{server} dbname=amicus_bench"),
            ..Default::default()
        };
        match Store::open_team(&reuse) {
            Ok(team) if kept.is_some() => team,
            _ => fill(
                Store::init_team(&team_database("amicus_bench")).expect("team record"),
                LETTERS,
                false,
            ),
        }
    } else if kept.is_some() && path.exists() {
        Store::open(&path).expect("open kept database")
    } else {
        build(&path)
    };
    println!(
        "engine: {}",
        if postgres {
            "PostgreSQL (Unix socket)"
        } else {
            "SQLite (file)"
        }
    );
    let rows: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM letter_recipients", [], |r| r.get(0))
        .expect("count");
    println!(
        "built {PERSONS} persons, {LETTERS} letters, {rows} letter-recipient rows in {:.1} s ({} MB)",
        t.elapsed().as_secs_f64(),
        std::fs::metadata(&path)
            .map(|m| m.len() / 1_000_000)
            .unwrap_or(0)
    );

    let mut rng = Rng(42);
    let base = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
    let mut times = Vec::new();
    let mut total = 0;
    for _ in 0..RUNS {
        let from = base + Days::new(rng.below(5000));
        let filter = LogFilter {
            office_id: Some(rng.below(OFFICES as u64) as i64 + 1),
            from: Some(from),
            to: Some(from + Days::new(365)),
            ..Default::default()
        };
        let t = Instant::now();
        total += store.log(&filter).expect("log").len();
        times.push(t.elapsed());
    }
    report("log: office + one-year range", times, total);

    let mut times = Vec::new();
    let mut total = 0;
    for _ in 0..RUNS {
        let from = base + Days::new(rng.below(5900));
        let filter = LogFilter {
            from: Some(from),
            to: Some(from + Days::new(30)),
            ..Default::default()
        };
        let t = Instant::now();
        total += store.log(&filter).expect("log").len();
        times.push(t.elapsed());
    }
    report("log: one-month range (first 500)", times, total);

    // The page after a month's first 500 (keyset: after its last row).
    let mut times = Vec::new();
    let mut total = 0;
    for _ in 0..RUNS {
        let from = base + Days::new(rng.below(5900));
        let mut filter = LogFilter {
            from: Some(from),
            to: Some(from + Days::new(30)),
            ..Default::default()
        };
        let first = store.log(&filter).expect("log");
        filter.after = first.last().map(|e| e.cursor());
        let t = Instant::now();
        total += store.log(&filter).expect("log").len();
        times.push(t.elapsed());
    }
    report("log: one-month range, next 500", times, total);

    let mut times = Vec::new();
    let mut total = 0;
    for _ in 0..RUNS {
        let filter = LogFilter {
            office_id: Some(rng.below(OFFICES as u64) as i64 + 1),
            ..Default::default()
        };
        let t = Instant::now();
        total += store.log(&filter).expect("log").len();
        times.push(t.elapsed());
    }
    report("log: one office, all dates (first 500)", times, total);

    for (name, pick) in [
        ("search: a family name", 0u8),
        ("search: a rare body word", 1),
        ("search: a common body word", 2),
        ("search: two words", 3),
    ] {
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..RUNS {
            let text = match pick {
                0 => word(rng.below(200_000) + 10_000),
                1 => word(rng.below(3000) + 2000),
                2 => word(rng.below(10)),
                _ => format!("{} {}", word(rng.below(100)), word(rng.below(1000))),
            };
            let t = Instant::now();
            total += store.search(&text, 50).expect("search").len();
            times.push(t.elapsed());
        }
        report(name, times, total);
    }
    if postgres {
        team_import(dir.path());
    }
}

/// `amicus team import` of a 10,000-letter single-user record.
fn team_import(dir: &std::path::Path) {
    let file = dir.join("alone.db");
    let alone = fill(Store::open(&file).expect("open"), 10_000, true);
    let mut team = Store::init_team(&team_database("amicus_import")).expect("team record");
    let t = Instant::now();
    let copied = team.import_record(&alone).expect("import");
    println!(
        "team import: {} letters, {} recipient rows, {} archived PDFs checked in {:.1} s",
        copied.rows("letters"),
        copied.rows("letter_recipients"),
        copied.pdfs_checked,
        t.elapsed().as_secs_f64()
    );
}
