//! Importing the congress-legislators snapshot (checked in under `data/`),
//! judged against the YAML itself.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::day;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use amicus_app::*;
use chrono::{TimeZone, Utc};
use store::import::Member;

/// The snapshot's date (see data/congress-legislators/README.md).
const AS_OF: &str = "2026-06-15";

use support::{Backend, fresh};
use testkit::engines as support;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/congress-legislators")
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
}

fn app_on(engine: Backend) -> App {
    App::with_store(Engine::new().unwrap(), fresh(engine), now()).unwrap()
}

fn count(app: &App, sql: &str) -> i64 {
    app.store()
        .connection()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

fn counts(app: &App) -> Vec<i64> {
    ["persons", "offices", "terms", "organizations"]
        .iter()
        .map(|t| count(app, &format!("SELECT count(*) FROM {t}")))
        .collect()
}

/// One YAML term: (type, state, district or class, start, end).
type YamlTerm = (String, String, i64, String, String);

/// The YAML read independently of the importer, by bioguide id.
fn yaml_terms() -> BTreeMap<String, Vec<YamlTerm>> {
    let text = std::fs::read_to_string(dir().join("legislators-current.yaml")).unwrap();
    let value: serde_norway::Value = serde_norway::from_str(&text).unwrap();
    let mut out = BTreeMap::new();
    for l in value.as_sequence().unwrap() {
        let id = l["id"]["bioguide"].as_str().unwrap().to_string();
        let terms = l["terms"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|t| {
                let kind = t["type"].as_str().unwrap().to_string();
                let n = if kind == "sen" {
                    t["class"].as_i64().unwrap()
                } else {
                    t["district"].as_i64().unwrap_or(0)
                };
                (
                    kind,
                    t["state"].as_str().unwrap().to_string(),
                    n,
                    t["start"].as_str().unwrap().to_string(),
                    t["end"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        out.insert(id, terms);
    }
    out
}

/// How many departed members the shipped historical file lists, read
/// independently of the importer (all served since 2017).
fn departed() -> usize {
    let text = std::fs::read_to_string(dir().join("legislators-historical.yaml")).unwrap();
    let value: serde_norway::Value = serde_norway::from_str(&text).unwrap();
    value.as_sequence().unwrap().len()
}

fn holders_on(app: &App, seat_prefix: &str, on: &str) -> Vec<String> {
    let db = app.store();
    let mut stmt = db
        .connection()
        .prepare("SELECT id FROM offices WHERE seat LIKE ?1 || '%' ORDER BY seat")
        .unwrap();
    let ids: Vec<i64> = stmt
        .query_map([seat_prefix], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(stmt);
    drop(db);
    ids.into_iter()
        .filter_map(|id| app.store().holder_on(id, day(on)).unwrap())
        .map(|h| h.person.full_name)
        .collect()
}

fn the_snapshot_imports_whole_and_matches_the_yaml(engine: Backend) {
    let app = app_on(engine);
    let summary = app.import_congress(&dir(), day(AS_OF), false).unwrap();
    let yaml = yaml_terms();
    assert_eq!(yaml.len(), 537);
    // Today's members and the departed since 2017 beside them.
    assert_eq!(departed(), 431);
    assert_eq!(summary.added, 537 + 431, "{summary:?}");
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);

    // 537 members hold a seat on the snapshot's date.
    let current = count(
        &app,
        "SELECT count(DISTINCT persons.id) FROM persons JOIN terms ON terms.person_id = persons.id
         WHERE persons.roster_key IS NOT NULL AND terms.start_on <= '2026-06-15' AND terms.end_on >= '2026-06-15'",
    );
    assert_eq!(current, 537);

    // 100 senators, two per state.
    let senators = holders_on(&app, "sen-", AS_OF);
    assert_eq!(senators.len(), 100);
    let mut per_state: BTreeMap<String, usize> = BTreeMap::new();
    let seats = app.store().offices("U.S. Senator for").unwrap();
    for seat in seats {
        if app
            .store()
            .holder_on(seat.id, day(AS_OF))
            .unwrap()
            .is_some()
        {
            *per_state
                .entry(seat.title.split(", class").next().unwrap().to_string())
                .or_default() += 1;
        }
    }
    assert_eq!(per_state.len(), 50);
    assert!(per_state.values().all(|n| *n == 2), "{per_state:?}");

    // California's House delegation: as many as the YAML's current CA representatives.
    let expected_ca = yaml
        .values()
        .filter(|terms| {
            let last = terms.last().unwrap();
            last.0 == "rep"
                && last.1 == "CA"
                && last.3.as_str() <= AS_OF
                && last.4.as_str() >= AS_OF
        })
        .count();
    assert!(expected_ca >= 50, "{expected_ca}");
    assert_eq!(holders_on(&app, "rep-CA-", AS_OF).len(), expected_ca);

    // Every term of every member, seat and dates, as in the YAML.
    for (bioguide, terms) in &yaml {
        let person: i64 = app
            .store()
            .connection()
            .query_row(
                "SELECT id FROM persons WHERE roster_key = ?1",
                [bioguide],
                |r| r.get(0),
            )
            .unwrap();
        let mut got = BTreeSet::new();
        let person_terms = app.store().terms_of_person(person).unwrap();
        for t in person_terms {
            let seat: String = app
                .store()
                .connection()
                .query_row(
                    "SELECT seat FROM offices WHERE id = ?1",
                    [t.office_id],
                    |r| r.get(0),
                )
                .unwrap();
            got.insert((
                seat,
                t.start_on.to_string(),
                t.end_on.map(|d| d.to_string()).unwrap_or_default(),
            ));
        }
        let want: BTreeSet<_> = terms
            .iter()
            .map(|(kind, state, n, start, end)| {
                (format!("{kind}-{state}-{n}"), start.clone(), end.clone())
            })
            .collect();
        assert_eq!(got, want, "{bioguide}");
    }

    // Named members, addressed as protocol expects.
    let cantwell = app.store().persons("Maria Cantwell", 1).unwrap().remove(0);
    let seat = app
        .store()
        .find_office("U.S. Senator for Washington, class 1")
        .unwrap();
    assert_eq!(
        seat.address,
        ["511 Hart Senate Office Building", "Washington, DC 20510"]
    );
    // The roster's web contact form comes with the seat, for letters that go by form.
    assert_eq!(
        seat.contact_form.as_deref(),
        Some("https://www.cantwell.senate.gov/public/index.cfm/email-maria")
    );
    let holder = app.store().holder_on(seat.id, day(AS_OF)).unwrap().unwrap();
    assert_eq!(holder.person.id, cantwell.id);
    let choice = RecipientChoice {
        role: store::Role::To,
        to: Addressee::Office(seat.id),
    };
    let (r, warnings) = app.resolve(&choice, day(AS_OF)).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(r.person_id, Some(cantwell.id));
    let padilla = app.search("Padilla").unwrap();
    assert_eq!(padilla[0].kind, "person");
}

fn importing_again_changes_nothing_and_a_dry_run_writes_nothing(engine: Backend) {
    let app = app_on(engine);
    let before = counts(&app);
    let dry = app.import_congress(&dir(), day(AS_OF), true).unwrap();
    assert_eq!(dry.added, 537 + departed());
    assert_eq!(counts(&app), before, "a dry run writes nothing");
    assert!(
        !dry.changes_nothing,
        "the window is told it would change things"
    );

    let first = app.import_congress(&dir(), day(AS_OF), false).unwrap();
    assert_eq!(first, dry, "the dry run predicted the import");
    let after = counts(&app);
    let again = app.import_congress(&dir(), day(AS_OF), false).unwrap();
    assert!(again.changed_nothing(), "{again:?}");
    assert!(again.changes_nothing, "the window is told: {again:?}");
    assert_eq!(counts(&app), after);
}

fn a_newer_roster_updates_adds_and_closes_but_keeps_history_and_hand_edits(engine: Backend) {
    let app = app_on(engine);
    let mut members = amicus_app::congress::read_roster(&dir()).unwrap();
    // Today's members first: the departed (read first) have no open term.
    members.rotate_left(departed());
    app.store()
        .import_roster(
            &members,
            &amicus_app::congress::SCOPE,
            day(AS_OF),
            now(),
            false,
        )
        .unwrap();

    // Staff correct one member's name by hand.
    let first = &members[0];
    let person = app.store().persons(&first.full_name, 1).unwrap().remove(0);
    let mut edit = store::NewPerson {
        full_name: format!("{} (corrected)", first.full_name),
        family_name: person.family_name.clone(),
        ..Default::default()
    };
    edit.honorific = person.honorific.clone();
    app.store().edit_person(person.id, &edit, now()).unwrap();

    // The newer roster: the second member left, one joined, the first changed name and party.
    let mut newer: Vec<Member> = members.clone();
    let gone = newer.remove(1);
    newer[0].full_name = format!("{} Jr.", first.full_name);
    newer[0].party = Some("Independent".into());
    let mut joined = members[2].clone();
    joined.key = "Z999999".into();
    joined.full_name = "Pat Newmember".into();
    joined.family_name = "Newmember".into();
    joined.terms.truncate(0);
    newer.push(joined);
    let later = day("2026-09-01");
    let s = app
        .store()
        .import_roster(&newer, &amicus_app::congress::SCOPE, later, now(), false)
        .unwrap();
    assert_eq!(s.added, 1);
    assert_eq!(s.updated, 1, "the party changed; the name was kept");
    assert!(
        s.skipped.iter().any(|r| r.contains("edited by hand")),
        "{:?}",
        s.skipped
    );
    let kept = app.store().person(person.id).unwrap();
    assert_eq!(kept.full_name, edit.full_name);
    assert_eq!(s.ended, 1, "{s:?}");

    // The member who left: their current term ends on the roster's date; history stays.
    let left = app.store().persons(&gone.full_name, 1).unwrap().remove(0);
    let terms = app.store().terms_of_person(left.id).unwrap();
    assert_eq!(terms.len(), gone.terms.len());
    assert_eq!(terms[0].end_on, Some(later));
    // That end is the roster's day, when they were last listed: said so, not "ended".
    assert!(terms[0].end_listed);
    let row = app
        .officials_page(&gone.full_name, Some(later), 0, 1)
        .unwrap()
        .rows
        .remove(0);
    assert_eq!(row.term_end, Some(TermEnd::LastListed));
    // Staff who know the real day say so: then it is the end as known.
    let real = later.pred_opt().unwrap();
    app.end_term(terms[0].id, real).unwrap();
    let fixed = app.store().term(terms[0].id).unwrap();
    assert_eq!((fixed.end_on, fixed.end_listed), (Some(real), false));
}

fn district_offices_come_with_their_members_and_leave_the_posts_alone(engine: Backend) {
    let app = app_on(engine);
    app.import_congress(&dir(), day(AS_OF), false).unwrap();
    // Every office in the YAML, for members on the roster.
    let text = std::fs::read_to_string(dir().join("legislators-district-offices.yaml")).unwrap();
    let yaml: serde_norway::Value = serde_norway::from_str(&text).unwrap();
    let current: BTreeSet<String> = yaml_terms().into_keys().collect();
    let want: usize = yaml
        .as_sequence()
        .unwrap()
        .iter()
        .filter(|m| current.contains(m["id"]["bioguide"].as_str().unwrap()))
        .map(|m| m["offices"].as_sequence().map_or(0, |o| o.len()))
        .sum();
    assert!(want > 1000, "{want}");
    assert_eq!(
        count(&app, "SELECT count(*) FROM local_offices"),
        want as i64
    );
    // A named member's offices, as a letter would print them.
    let aderholt: i64 = app
        .store()
        .connection()
        .query_row(
            "SELECT id FROM persons WHERE roster_key = 'A000055'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let offices = app.store().local_offices(aderholt).unwrap();
    let cities: Vec<&str> = offices.iter().map(|o| o.city.as_str()).collect();
    assert_eq!(cities, ["Cullman", "Jasper", "Tuscumbia"]);
    assert_eq!(
        offices[0].address,
        ["205 4th Ave. NE, Suite 104", "Cullman, AL 35055"]
    );
    assert_eq!(
        offices[1].address,
        [
            "Carl Elliott Building",
            "1710 Alabama Ave., Suite 247",
            "Jasper, AL 35501"
        ]
    );
    assert_eq!(offices[2].phone.as_deref(), Some("256-381-3450"));
    // The congress import ends no executive or foreign term.
    let commerce = app.store().find_office("Secretary of Commerce").unwrap();
    let holder = app
        .store()
        .holder_on(commerce.id, day(AS_OF))
        .unwrap()
        .unwrap();
    assert_eq!(holder.person.full_name, "Howard Lutnick");
    assert_eq!(holder.term.end_on, None);
}

#[test]
fn a_roster_imported_late_in_the_evening_in_washington_ends_terms_that_day() {
    // 23:30 in New York on March 3 is already March 4 in UTC.
    let at = Utc.with_ymd_and_hms(2026, 3, 4, 4, 30, 0).unwrap();
    let zone = amicus_app::parse_zone("America/New_York").unwrap();
    let app = App::in_memory(Engine::new().unwrap(), amicus_app::Clock::fixed(at, zone)).unwrap();
    assert_eq!(app.clock().today(), day("2026-03-03"));
    app.clock().set(at);
    app.import_congress(&dir(), day("2026-01-01"), false)
        .unwrap();

    // The next roster lists everyone but its first member.
    let text = std::fs::read_to_string(dir().join("legislators-current.yaml")).unwrap();
    let mut roster: serde_norway::Value = serde_norway::from_str(&text).unwrap();
    let gone = roster.as_sequence_mut().unwrap().remove(0);
    let gone_name = gone["name"]["official_full"].as_str().unwrap().to_string();
    let newer = tempfile::tempdir().unwrap();
    std::fs::write(
        newer.path().join("legislators-current.yaml"),
        serde_norway::to_string(&roster).unwrap(),
    )
    .unwrap();
    // With the departed beside them, as in the first folder: members who
    // left after March 3 are not ended on it.
    std::fs::copy(
        dir().join("legislators-historical.yaml"),
        newer.path().join("legislators-historical.yaml"),
    )
    .unwrap();
    // As the desktop imports it: no day given, so "today" from the clock.
    let s = app
        .import_congress_now(&amicus_app::ImportRequest {
            source: Some(newer.path().to_path_buf()),
            as_of: None,
            dry_run: false,
        })
        .unwrap();
    assert_eq!(s.ended, 1, "{s:?}");
    let left = app.store().persons(&gone_name, 1).unwrap().remove(0);
    let terms = app.store().terms_of_person(left.id).unwrap();
    assert_eq!(terms[0].end_on, Some(day("2026-03-03")));
}

fn the_shipped_roster_imports_with_no_folder_named(engine: Backend) {
    let app = app_on(engine);
    let shipped = app
        .import_congress_now(&amicus_app::ImportRequest {
            source: None,
            as_of: Some(day(AS_OF)),
            dry_run: true,
        })
        .unwrap();
    let folder = app.import_congress(&dir(), day(AS_OF), true).unwrap();
    assert_eq!(shipped.added, 537 + departed());
    assert_eq!(shipped, folder);
}

/// Issue 25: the shipped import brings the members who have left since 2017,
/// in the same seats as today's, so a back-dated letter reaches them.
fn a_2021_letter_to_both_california_senators_reaches_feinstein_and_padilla(engine: Backend) {
    let app = app_on(engine);
    // The app's button: the shipped snapshot, no day given.
    let sum = app.import_congress_now(&ImportRequest::default()).unwrap();
    assert!(sum.skipped.is_empty(), "{:?}", sum.skipped);
    let on = day("2021-06-01");
    let senate = amicus_app::groups::GroupRef::Delegation {
        state: "CA".into(),
        chamber: Some(amicus_app::groups::Chamber::Senate),
    };
    let drafted = app
        .draft_from_request(&DraftRequest {
            template: "joint-support".into(),
            to_offices: vec![],
            to_persons: vec![],
            cc_offices: vec![],
            cc_lines: vec![],
            date: on,
            subject: "Trade".into(),
            body: "We ask for your support.".into(),
            issue: Some("KORUS".into()),
            signer: None,
            per_recipient: false,
            to_groups: vec![senate.clone()],
            lang: None,
        })
        .unwrap();
    assert!(drafted.warnings.is_empty(), "{:?}", drafted.warnings);
    let mut names: Vec<String> = app
        .letter_data(drafted.letter_id)
        .unwrap()
        .recipients
        .into_iter()
        .map(|r| r.name)
        .collect();
    names.sort();
    assert_eq!(names, ["Alex Padilla", "Dianne Feinstein"]);
    // The departed hold the very seats today's senators hold.
    assert_eq!(
        holders_on(&app, "sen-CA-", "2021-06-01"),
        ["Dianne Feinstein", "Alex Padilla"]
    );
    assert_eq!(
        holders_on(&app, "sen-CA-", "2018-09-24"),
        ["Dianne Feinstein", "Kamala D. Harris"]
    );
    // Found by the words a person types, in any order, a middle initial
    // and all: each word in the name or an office held.
    for typed in ["Kamala Harris", "harris kamala", "Harris California"] {
        let page = app.officials_page(typed, None, 0, 50).unwrap();
        let names: Vec<&str> = page
            .rows
            .iter()
            .map(|r| r.person.full_name.as_str())
            .collect();
        assert_eq!(names, ["Kamala D. Harris"], "{typed}");
        assert_eq!(page.total, 1, "{typed}");
    }
    assert!(
        app.officials_page("Kamala Feinstein", None, 0, 50)
            .unwrap()
            .rows
            .is_empty()
    );
    assert_eq!(
        holders_on(&app, "sen-CA-", AS_OF),
        ["Adam B. Schiff", "Alex Padilla"]
    );
    assert_eq!(
        app.store()
            .offices("U.S. Senator for California")
            .unwrap()
            .len(),
        2
    );
    // The seat keeps today's holder's address, not the departed's.
    let seat = app
        .store()
        .find_office("U.S. Senator for California, class 1")
        .unwrap();
    assert_ne!(
        seat.address.first().map(String::as_str),
        Some("331 Hart Senate Office Building")
    );
    // A soft end (the day the roster stopped listing her) gives way to the
    // successor's start, and a second import changes nothing.
    assert_eq!(
        holders_on(&app, "sen-CA-", "2024-12-09"),
        ["Adam B. Schiff", "Alex Padilla"]
    );
    let again = app.import_congress_now(&ImportRequest::default()).unwrap();
    assert!(again.changed_nothing(), "{again:?}");
}

/// Issue 30: a back-dated letter goes to the rooms its addressees had on its
/// date, which the roster's terms carry, not to today's holders' rooms.
fn a_2018_letter_to_californias_senators_goes_to_their_rooms_of_2018(engine: Backend) {
    let app = app_on(engine);
    app.import_congress_now(&ImportRequest::default()).unwrap();
    let rooms = |on: &str| {
        let drafted = app
            .draft_from_request(&DraftRequest {
                template: "joint-support".into(),
                to_offices: vec![],
                to_persons: vec![],
                cc_offices: vec![],
                cc_lines: vec![],
                date: day(on),
                subject: "Trade".into(),
                body: "We ask for your support.".into(),
                issue: Some("KORUS".into()),
                signer: None,
                per_recipient: false,
                to_groups: vec![amicus_app::groups::GroupRef::Delegation {
                    state: "CA".into(),
                    chamber: Some(amicus_app::groups::Chamber::Senate),
                }],
                lang: None,
            })
            .unwrap();
        assert!(drafted.warnings.is_empty(), "{:?}", drafted.warnings);
        let mut rooms: Vec<(String, String)> = app
            .letter_data(drafted.letter_id)
            .unwrap()
            .recipients
            .into_iter()
            .map(|r| (r.name, r.address[0].clone()))
            .collect();
        rooms.sort();
        rooms
    };
    let pair = |n: &str, a: &str| (n.to_string(), a.to_string());
    // Today's holders sit in the very rooms the 2018 senators had, crossed.
    assert_eq!(
        rooms("2018-09-24"),
        [
            pair("Dianne Feinstein", "331 Hart Senate Office Building"),
            pair("Kamala D. Harris", "112 Hart Senate Office Building"),
        ]
    );
    assert_eq!(
        rooms(AS_OF),
        [
            pair("Adam B. Schiff", "112 Hart Senate Office Building"),
            pair("Alex Padilla", "331 Hart Senate Office Building"),
        ]
    );
    // Importing again keeps every term's rooms and changes nothing.
    let again = app.import_congress_now(&ImportRequest::default()).unwrap();
    assert!(again.changed_nothing(), "{again:?}");
}

fn officials_are_found_by_office_and_by_state_name_with_the_whole_count(engine: Backend) {
    let app = app_on(engine);
    app.import_congress(&dir(), day(AS_OF), false).unwrap();
    let on = day(AS_OF);
    // By an office's title: the seat's holders, past and present.
    let senators = app
        .officials_page("Senator for California", Some(on), 0, 200)
        .unwrap();
    assert!(
        senators
            .rows
            .iter()
            .any(|r| r.person.full_name == "Alex Padilla"),
        "{:?}",
        senators
            .rows
            .iter()
            .map(|r| &r.person.full_name)
            .collect::<Vec<_>>()
    );
    // By a state's name: its House seats too, whose titles only say "CA-12".
    let california = app.officials_page("california", Some(on), 0, 10).unwrap();
    assert_eq!(california.rows.len(), 10);
    assert!(california.total >= 52, "{}", california.total);
    let offices = app.office_rows("California", Some(on)).unwrap();
    assert!(
        offices
            .iter()
            .any(|o| o.office.title == "U.S. Representative, CA-12"),
        "{} offices",
        offices.len()
    );
    // The whole list says how many there are beyond the page.
    let everyone = app.officials_page("", Some(on), 0, 200).unwrap();
    assert_eq!(everyone.rows.len(), 200);
    assert!(everyone.total > 537, "{}", everyone.total);
    // Issue 30: and every one of them is reached a page at a time, each once,
    // in the list's order.
    let mut seen = Vec::new();
    while seen.len() < everyone.total as usize {
        let page = app.officials_page("", Some(on), seen.len(), 200).unwrap();
        assert!(!page.rows.is_empty(), "stopped at {}", seen.len());
        assert_eq!(page.total, everyone.total);
        seen.extend(page.rows.into_iter().map(|r| r.person.id));
    }
    assert_eq!(
        seen[..200],
        everyone
            .rows
            .iter()
            .map(|r| r.person.id)
            .collect::<Vec<_>>()[..]
    );
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len());
    let past = app
        .officials_page("", Some(on), everyone.total as usize, 200)
        .unwrap();
    assert!(past.rows.is_empty());
}

/// Walk 30: a person found by the global search says what office they hold
/// or held, in Rust's words; and no list names a Senate seat's class.
fn a_person_found_says_the_office_held_and_no_list_names_a_seat_class(engine: Backend) {
    let app = app_on(engine);
    app.import_congress_now(&ImportRequest::default()).unwrap();
    let found = app.search("Kamala Harris").unwrap();
    let harris = found.iter().find(|h| h.kind == "person").unwrap();
    assert_eq!(harris.title, "Kamala D. Harris");
    assert_eq!(
        harris.detail.as_deref(),
        Some("U.S. Senator for California (2017–2021)")
    );
    let padilla = app.search("Alex Padilla").unwrap();
    let padilla = padilla.iter().find(|h| h.kind == "person").unwrap();
    assert_eq!(
        padilla.detail.as_deref(),
        Some("U.S. Senator for California (since 2021)")
    );
    // Lists say the seat as staff do; the record keeps the class apart.
    let rows = app.officials_page("Padilla", None, 0, 10).unwrap().rows;
    assert_eq!(
        rows[0].office.as_deref(),
        Some("U.S. Senator for California")
    );
    // The roster's end still to come is the term's scheduled end, not a day he left.
    assert_eq!(rows[0].term_end, Some(TermEnd::Scheduled));
    // The snapshot's end for a member who left early is the day the dataset
    // stopped listing her (its end-note): said as that, not as a day she left.
    let harris = app
        .officials_page("Kamala Harris", None, 0, 10)
        .unwrap()
        .rows;
    assert_eq!(harris[0].term_end, Some(TermEnd::LastListed));
    assert_eq!(harris[0].until, Some(day("2021-01-18")));
    // A term that ran its course ended on its scheduled end.
    let boxer = app
        .officials_page("Barbara Boxer", None, 0, 10)
        .unwrap()
        .rows;
    assert_eq!(
        (boxer[0].until, boxer[0].term_end),
        (Some(day("2017-01-03")), Some(TermEnd::Ended))
    );
    let offices = app.office_rows("California", None).unwrap();
    let seat = offices
        .iter()
        .find(|o| o.office.title == "U.S. Senator for California, class 3")
        .unwrap();
    assert_eq!(seat.label, "U.S. Senator for California");
    let detail = app.office_detail(seat.office.id).unwrap();
    assert_eq!(detail.label, "U.S. Senator for California");
    assert_eq!(detail.senate_class, Some(3));
    let person = app.person_detail(rows[0].person.id).unwrap();
    assert!(
        person.terms.iter().all(|t| !t.office.contains("class")),
        "{:?}",
        person.terms
    );
    for hit in app.search("Senator California").unwrap() {
        assert!(!hit.title.contains("class"), "{hit:?}");
    }
}

testkit::engines!(
    a_person_found_says_the_office_held_and_no_list_names_a_seat_class,
    a_2018_letter_to_californias_senators_goes_to_their_rooms_of_2018,
    the_snapshot_imports_whole_and_matches_the_yaml,
    importing_again_changes_nothing_and_a_dry_run_writes_nothing,
    a_newer_roster_updates_adds_and_closes_but_keeps_history_and_hand_edits,
    district_offices_come_with_their_members_and_leave_the_posts_alone,
    the_shipped_roster_imports_with_no_folder_named,
    a_2021_letter_to_both_california_senators_reaches_feinstein_and_padilla,
    officials_are_found_by_office_and_by_state_name_with_the_whole_count,
);
