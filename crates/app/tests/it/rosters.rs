//! Rosters across time: a roster is the authority for its seats, a term it
//! moved is updated rather than doubled, and departed members come from
//! `legislators-historical.yaml` with their real end dates.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use crate::common::day;
use std::path::Path;

use amicus_app::*;
use chrono::{Days, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use store::import::{Member, Seat, SeatTerm};

use support::{Backend, fresh};
use testkit::engines as support;

fn app() -> App {
    app_on(Backend::Sqlite)
}

fn app_on(engine: Backend) -> App {
    App::with_store(
        Engine::new().unwrap(),
        fresh(engine),
        Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap(),
    )
    .unwrap()
}

/// Who held the seat with roster key `seat` on `on`, by roster key.
fn holder(app: &App, seat: &str, on: NaiveDate) -> Option<String> {
    let office: Option<i64> = app
        .store()
        .connection()
        .query_row("SELECT id FROM offices WHERE seat = ?1", [seat], |r| {
            r.get(0)
        })
        .ok();
    let holder = app.store().holder_on(office?, on).unwrap()?;
    let key: Option<String> = app
        .store()
        .connection()
        .query_row(
            "SELECT roster_key FROM persons WHERE id = ?1",
            [holder.person.id],
            |r| r.get(0),
        )
        .unwrap();
    key
}

fn import(app: &App, members: &[Member], as_of: NaiveDate) -> store::import::ImportSummary {
    app.store()
        .import_roster(members, &congress::SCOPE, as_of, Utc::now(), false)
        .unwrap()
}

/// A legislator in the congress-legislators YAML form: (type, state, class
/// or district, start, end) per term.
fn legislator(id: &str, first: &str, last: &str, terms: &[(&str, &str, u8, &str, &str)]) -> String {
    let mut out = format!(
        "- id:\n    bioguide: {id}\n  name:\n    first: {first}\n    last: {last}\n  terms:\n"
    );
    for (kind, state, n, start, end) in terms {
        let which = if *kind == "sen" { "class" } else { "district" };
        out.push_str(&format!(
            "  - type: {kind}\n    start: '{start}'\n    end: '{end}'\n    state: {state}\n    {which}: {n}\n    party: Democrat\n"
        ));
    }
    out
}

fn write(dir: &Path, name: &str, legislators: &[String]) {
    std::fs::write(dir.join(name), legislators.concat()).unwrap();
}

fn departed_members_come_from_the_historical_file_with_their_real_end_dates(engine: Backend) {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "legislators-historical.yaml",
        &[
            legislator(
                "H001075",
                "Kamala",
                "Harris",
                &[("sen", "CA", 3, "2017-01-03", "2021-01-18")],
            ),
            legislator(
                "F000062",
                "Dianne",
                "Feinstein",
                &[
                    ("sen", "CA", 1, "1989-01-03", "1991-01-03"),
                    ("sen", "CA", 1, "2013-01-03", "2019-01-03"),
                    ("sen", "CA", 1, "2019-01-03", "2023-09-29"),
                ],
            ),
        ],
    );
    write(
        dir.path(),
        "legislators-current.yaml",
        &[
            legislator(
                "P000145",
                "Alex",
                "Padilla",
                &[
                    ("sen", "CA", 3, "2021-01-20", "2023-01-03"),
                    ("sen", "CA", 3, "2023-01-03", "2029-01-03"),
                ],
            ),
            legislator(
                "S001150",
                "Adam",
                "Schiff",
                &[("sen", "CA", 1, "2024-12-09", "2031-01-03")],
            ),
        ],
    );
    let app = app_on(engine);
    let members = congress::read_roster(dir.path()).unwrap();
    import(&app, &members, day("2026-06-15"));
    // The newcomer's letter of 2018-09-24 reaches both California senators.
    assert_eq!(
        holder(&app, "sen-CA-1", day("2018-09-24")).as_deref(),
        Some("F000062")
    );
    assert_eq!(
        holder(&app, "sen-CA-3", day("2018-09-24")).as_deref(),
        Some("H001075")
    );
    // Departures keep their dates; a gap on record stays a gap.
    assert_eq!(holder(&app, "sen-CA-3", day("2021-01-19")), None);
    assert_eq!(
        holder(&app, "sen-CA-3", day("2021-01-20")).as_deref(),
        Some("P000145")
    );
    assert_eq!(holder(&app, "sen-CA-1", day("2023-11-01")), None);
    assert_eq!(
        holder(&app, "sen-CA-1", day("2025-01-01")).as_deref(),
        Some("S001150")
    );
    // Terms older than the history kept are left out.
    assert_eq!(holder(&app, "sen-CA-1", day("1990-06-01")), None);
    // Importing the same folder again changes nothing.
    assert!(import(&app, &members, day("2026-06-15")).changed_nothing());

    // The historical file named on its own imports just the departed.
    let alone =
        app_with(&congress::read_roster(&dir.path().join("legislators-historical.yaml")).unwrap());
    assert_eq!(
        holder(&alone, "sen-CA-3", day("2018-09-24")).as_deref(),
        Some("H001075")
    );
    assert_eq!(holder(&alone, "sen-CA-3", day("2022-01-01")), None);
}

fn app_with(members: &[Member]) -> App {
    let app = app();
    import(&app, members, day("2026-06-15"));
    app
}

fn term(seat: &str, start: &str, end: &str) -> SeatTerm {
    SeatTerm {
        seat: Seat {
            key: seat.into(),
            title: format!("Seat {seat}"),
            kind: store::OfficeKind::Senator,
            organization: "United States Senate".into(),
            short_name: None,
        },
        start: day(start),
        end: Some(day(end)),
        party: None,
        contact_form: None,
        address: Vec::new(),
        phone: None,
        end_listed: false,
    }
}

fn member(key: &str, terms: Vec<SeatTerm>) -> Member {
    Member {
        key: key.into(),
        full_name: format!("Member {key}"),
        family_name: key.into(),
        terms,
        ..Default::default()
    }
}

fn a_newer_roster_ends_the_predecessor_and_moves_a_corrected_term(engine: Backend) {
    let app = app_on(engine);
    // 2018: Harris in seat 3 until the end of her scheduled term; Wyden's
    // term in seat 1 listed from a wrong day.
    import(
        &app,
        &[
            member("HARRIS", vec![term("sen-CA-3", "2017-01-03", "2023-01-03")]),
            member("WYDEN", vec![term("sen-CA-1", "2013-01-04", "2019-01-03")]),
        ],
        day("2018-06-01"),
    );
    // 2021: Padilla took seat 3 on 2021-01-20; Wyden's start corrected.
    let s = import(
        &app,
        &[
            member(
                "PADILLA",
                vec![term("sen-CA-3", "2021-01-20", "2023-01-03")],
            ),
            member(
                "WYDEN",
                vec![
                    term("sen-CA-1", "2013-01-03", "2019-01-03"),
                    term("sen-CA-1", "2019-01-03", "2025-01-03"),
                ],
            ),
        ],
        day("2021-06-01"),
    );
    assert!(s.skipped.is_empty(), "{:?}", s.skipped);
    // The review names who comes and who leaves, not counts only.
    assert_eq!(s.arrivals, ["Member PADILLA"]);
    assert_eq!(s.departures.len(), 1, "{:?}", s.departures);
    assert!(
        s.departures[0].starts_with("Member HARRIS, ")
            && s.departures[0].ends_with(", until 2021-01-20"),
        "{:?}",
        s.departures
    );
    assert_eq!(
        holder(&app, "sen-CA-3", day("2021-01-19")).as_deref(),
        Some("HARRIS")
    );
    assert_eq!(
        holder(&app, "sen-CA-3", day("2021-01-20")).as_deref(),
        Some("PADILLA")
    );
    assert_eq!(
        holder(&app, "sen-CA-3", day("2022-06-01")).as_deref(),
        Some("PADILLA")
    );
    let starts: Vec<String> = app
        .store()
        .connection()
        .prepare(
            "SELECT start_on FROM terms JOIN persons ON persons.id = terms.person_id
             WHERE persons.roster_key = 'WYDEN' ORDER BY start_on",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(starts, ["2013-01-03", "2019-01-03"], "moved, not doubled");

    // A member whose name the roster now gives otherwise: named with what changed.
    let renamed = Member {
        full_name: "Ron L. Wyden".into(),
        ..member(
            "WYDEN",
            vec![
                term("sen-CA-1", "2013-01-03", "2019-01-03"),
                term("sen-CA-1", "2019-01-03", "2025-01-03"),
            ],
        )
    };
    let padilla = member(
        "PADILLA",
        vec![term("sen-CA-3", "2021-01-20", "2023-01-03")],
    );
    let s = import(&app, &[padilla, renamed], day("2021-07-01"));
    assert_eq!(s.changes, ["Ron L. Wyden: name"]);
    assert!(s.arrivals.is_empty() && s.departures.is_empty(), "{s:?}");
}

/// A seat's history: holders one after another, each (days held, days
/// their scheduled term ran on past the handover).
type History = Vec<(u64, u64)>;

const SEATS: [&str; 2] = ["sen-ZZ-1", "sen-ZZ-2"];

fn start_of(history: &History, i: usize) -> NaiveDate {
    let base = day("2001-01-03");
    base + Days::new(history[..i].iter().map(|h| h.0).sum())
}

/// The roster as published on `on`: each seat's holder that day, listed with
/// their term as scheduled (to its scheduled end); a start day mistyped by
/// `typo` days when asked, as a roster later corrects.
fn snapshot(histories: &[History; 2], on: NaiveDate, typo: u64) -> Vec<Member> {
    let mut out = Vec::new();
    for (seat, history) in SEATS.iter().zip(histories) {
        for i in 0..history.len() {
            let (start, end) = (start_of(history, i), start_of(history, i + 1));
            let last = i + 1 == history.len();
            if start <= on && (on < end || last) {
                let scheduled = end + Days::new(history[i].1);
                let listed = start + Days::new(typo);
                out.push(member(
                    &format!("{seat}-{i}"),
                    vec![term(seat, &listed.to_string(), &scheduled.to_string())],
                ));
            }
        }
    }
    out
}

fn history() -> impl Strategy<Value = History> {
    prop::collection::vec((30u64..2500, 0u64..400), 1..5)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Importing roster N then N+1 gives every seat the same holder on
    /// every day N+1 covers as importing N+1 alone.
    #[test]
    fn a_newer_roster_decides_every_day_it_covers(
        a in history(),
        b in history(),
        first in 0u64..6000,
        gap in 1u64..4000,
        typo in 0u64..3,
    ) {
        let histories = [a, b];
        let n_on = day("2001-01-03") + Days::new(first);
        let next_on = n_on + Days::new(gap);
        let older = snapshot(&histories, n_on, typo);
        let newer = snapshot(&histories, next_on, 0);
        let both = app();
        import(&both, &older, n_on);
        import(&both, &newer, next_on);
        let alone = app_with_on(&newer, next_on);
        for m in &newer {
            for t in &m.terms {
                let mut d = t.start;
                while Some(d) <= t.end {
                    prop_assert_eq!(
                        holder(&both, &t.seat.key, d),
                        holder(&alone, &t.seat.key, d),
                        "seat {} on {}", t.seat.key, d
                    );
                    d = d + Days::new(1);
                }
            }
        }
    }
}

fn app_with_on(members: &[Member], as_of: NaiveDate) -> App {
    let app = app();
    import(&app, members, as_of);
    app
}

testkit::engines!(
    departed_members_come_from_the_historical_file_with_their_real_end_dates,
    a_newer_roster_ends_the_predecessor_and_moves_a_corrected_term,
);
