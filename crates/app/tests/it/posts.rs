//! The curated executive and foreign posts: imported into every new record,
//! judged against the YAML read independently, resolved on both sides of
//! every change of holder, styled by protocol, and re-imported safely.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::day;
use amicus_app::*;
use chrono::{Days, NaiveDate, TimeZone, Utc};
use store::{LetterMode, NewOffice, NewPerson, NewTerm, OfficeKind, Role};

use support::{Backend, fresh};
use testkit::engines as support;

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

/// (office key, title, holder name, start, end) from the YAML itself.
fn yaml_holders() -> Vec<(String, String, String, String, Option<String>)> {
    let yaml: serde_norway::Value = serde_norway::from_str(posts::POSTS).unwrap();
    let mut out = Vec::new();
    for office in yaml["offices"].as_sequence().unwrap() {
        for h in office["holders"].as_sequence().unwrap() {
            out.push((
                office["key"].as_str().unwrap().to_string(),
                office["title"].as_str().unwrap().to_string(),
                h["name"].as_str().unwrap().to_string(),
                h["start"].as_str().unwrap().to_string(),
                h["end"].as_str().map(str::to_string),
            ));
        }
    }
    out
}

fn holder(app: &App, office: i64, on: NaiveDate) -> Option<String> {
    let choice = RecipientChoice {
        role: Role::To,
        to: Addressee::Office(office),
    };
    let (r, _) = app.resolve(&choice, on).unwrap();
    r.person_id
        .map(|p| app.store().person(p).unwrap().full_name)
}

fn every_post_and_term_in_the_dataset_is_in_a_new_record(engine: Backend) {
    let app = app_on(engine);
    let holders = yaml_holders();
    assert!(holders.len() >= 40, "{}", holders.len());
    let offices: std::collections::BTreeSet<&str> = holders.iter().map(|h| h.0.as_str()).collect();
    assert_eq!(offices.len(), 10);
    for (key, title, name, start, end) in &holders {
        let found: i64 = app
            .store()
            .connection()
            .query_row(
                "SELECT count(*) FROM terms JOIN offices ON offices.id = terms.office_id
                 JOIN persons ON persons.id = terms.person_id
                 WHERE offices.seat = ?1 AND offices.title = ?2 AND persons.full_name = ?3
                   AND terms.start_on = ?4 AND terms.end_on IS NOT DISTINCT FROM ?5",
                store::db::params_from_iter([
                    Some(format!("post:{key}")),
                    Some(title.clone()),
                    Some(name.clone()),
                    Some(start.clone()),
                    end.clone(),
                ]),
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 1, "{name} as {title} from {start}");
    }
    assert_eq!(
        count(&app, "SELECT count(*) FROM terms"),
        holders.len() as i64
    );
    // Yeo Han-koo held the Korean post twice; he is one person.
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM persons WHERE full_name = 'Yeo Han-koo'"
        ),
        1
    );
}

fn each_post_resolves_to_the_right_holder_on_both_sides_of_each_change(engine: Backend) {
    let app = app_on(engine);
    let holders = yaml_holders();
    for (i, (key, title, name, start, end)) in holders.iter().enumerate() {
        let office = app.store().find_office(title).unwrap();
        let seat: String = app
            .store()
            .connection()
            .query_row("SELECT seat FROM offices WHERE id = ?1", [office.id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(seat, format!("post:{key}"));
        let start = day(start);
        // The day after taking office (a handover day belongs to both).
        assert_eq!(
            holder(&app, office.id, start + Days::new(1)).as_deref(),
            Some(name.as_str()),
            "{title} the day after {start}"
        );
        match end {
            Some(end) => {
                let end = day(end);
                if end > start + Days::new(1) {
                    assert_eq!(
                        holder(&app, office.id, end - Days::new(1)).as_deref(),
                        Some(name.as_str()),
                        "{title} the day before {end}"
                    );
                }
                // After the end: the next holder, or nobody (a vacancy).
                let next = holders
                    .get(i + 1)
                    .filter(|n| &n.0 == key)
                    .map(|n| (n.2.clone(), day(&n.3)));
                let after = end + Days::new(1);
                let want = next.filter(|(_, s)| *s <= after).map(|(n, _)| n);
                assert_eq!(holder(&app, office.id, after), want, "{title} on {after}");
            }
            None => assert_eq!(
                holder(&app, office.id, day("2026-11-28")).as_deref(),
                Some(name.as_str()),
                "{title} today"
            ),
        }
    }
}

fn foreign_ministers_are_styled_by_protocol_and_joint_salutations_join(engine: Backend) {
    let app = app_on(engine);
    let on = day("2017-09-05");
    let mut recipients = Vec::new();
    for title in [
        "Secretary of Commerce",
        "U.S. Trade Representative",
        "Minister for Trade",
        "Minister of Economy, Trade and Industry",
        "Secretary of Economy",
        "Minister of International Trade",
    ] {
        recipients.push(RecipientChoice {
            role: Role::To,
            to: Addressee::Office(app.store().find_office(title).unwrap().id),
        });
    }
    let korus = app.store().find_issue("KORUS").unwrap();
    let position = app.store().position_on(korus.id, on).unwrap().unwrap();
    let signer_id = app.store().signers().unwrap()[0].id;
    let drafted = app
        .draft_letter(&NewLetter {
            template: "joint-support".into(),
            position_id: Some(position.id),
            signer_id,
            date: on,
            subject: "KORUS and our neighbours".into(),
            body: "We write about trade.".into(),
            mode: LetterMode::Joint,
            recipients,
            extra: LetterExtra::default(),
        })
        .unwrap();
    assert!(drafted.warnings.is_empty(), "{:?}", drafted.warnings);
    let data = app.letter_data(drafted.letter_id).unwrap();
    let got: Vec<(Option<&str>, &str, &str)> = data
        .recipients
        .iter()
        .map(|r| {
            (
                r.honorific.as_deref(),
                r.name.as_str(),
                r.salutation.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some("The Honorable"), "Wilbur Ross", "Secretary Ross"),
            (
                Some("The Honorable"),
                "Robert E. Lighthizer",
                "Ambassador Lighthizer"
            ),
            (Some("H.E."), "Kim Hyun-chong", "Minister Kim"),
            (Some("H.E."), "Hiroshige Seko", "Minister Seko"),
            (
                Some("H.E."),
                "Ildefonso Guajardo Villarreal",
                "Secretary Guajardo"
            ),
            (
                Some("The Honourable"),
                "François-Philippe Champagne",
                "Minister Champagne"
            ),
        ]
    );
    assert_eq!(
        data.recipients[0].address,
        ["1401 Constitution Avenue, NW", "Washington, DC 20230"]
    );
    let korea = &data.recipients[2];
    assert_eq!(
        korea.address.last().map(String::as_str),
        Some("Republic of Korea")
    );
    let pages = app.preview_letter(drafted.letter_id).unwrap().join("");
    assert!(
        pages.contains("Dear Secretary Ross, Ambassador Lighthizer, Minister Kim,"),
        "the joint salutation names everyone"
    );
}

fn importing_again_changes_nothing_and_hand_edits_are_kept(engine: Backend) {
    let app = app_on(engine);
    let before = count(&app, "SELECT count(*) FROM terms");
    let again = app.import_posts(None, day("2026-11-28"), false).unwrap();
    assert!(again.changed_nothing(), "{again:?}");
    assert!(again.skipped.is_empty(), "{:?}", again.skipped);
    assert_eq!(count(&app, "SELECT count(*) FROM terms"), before);

    // Staff prefer "Hon." for Mary Ng: the next import keeps it and says so.
    let ng = app.store().persons("Mary Ng", 5).unwrap().remove(0);
    app.store()
        .edit_person(
            ng.id,
            &NewPerson {
                full_name: ng.full_name.clone(),
                family_name: ng.family_name.clone(),
                honorific: Some("Hon.".into()),
                salutation: ng.salutation.clone(),
                email: ng.email.clone(),
            },
            now(),
        )
        .unwrap();
    let next = app.import_posts(None, day("2026-11-28"), false).unwrap();
    assert!(next.changed_nothing(), "{next:?}");
    assert_eq!(next.skipped.len(), 1, "{:?}", next.skipped);
    assert!(next.skipped[0].contains("Mary Ng") && next.skipped[0].contains("honorific"));
    assert_eq!(
        app.store().person(ng.id).unwrap().honorific.as_deref(),
        Some("Hon.")
    );
}

fn a_newer_file_updates_and_a_bad_one_changes_nothing(engine: Backend) {
    let app = app_on(engine);
    let dir = tempfile::tempdir().unwrap();
    // A newer review: Sidhu's term ends and a successor is listed.
    let newer = posts::POSTS.replace(
        "      - { key: sidhu-maninder, name: Maninder Sidhu, family: Sidhu, start: 2025-05-13,",
        "      - { key: sidhu-maninder, name: Maninder Sidhu, family: Sidhu, start: 2025-05-13, end: 2026-09-01,",
    ) + "      - { key: new-minister, name: Alex Example, family: Example, start: 2026-09-01, source: \"test\" }\n";
    let path = dir.path().join("posts.yaml");
    std::fs::write(&path, &newer).unwrap();
    let dry = app
        .import_posts(Some(&path), day("2026-11-28"), true)
        .unwrap();
    assert_eq!((dry.added, dry.terms_added, dry.terms_updated), (1, 1, 1));
    let ca = app
        .store()
        .find_office("Minister of International Trade")
        .unwrap();
    assert_eq!(
        holder(&app, ca.id, day("2026-11-28")).as_deref(),
        Some("Maninder Sidhu")
    );
    let done = app
        .import_posts(Some(&path), day("2026-11-28"), false)
        .unwrap();
    assert_eq!(done, dry);
    assert_eq!(
        holder(&app, ca.id, day("2026-11-28")).as_deref(),
        Some("Alex Example")
    );
    assert_eq!(
        holder(&app, ca.id, day("2026-06-01")).as_deref(),
        Some("Maninder Sidhu")
    );

    // A holder with no source: refused, naming the file and the holder.
    let terms = count(&app, "SELECT count(*) FROM terms");
    std::fs::write(&path, newer.replace("source: \"test\"", "source: \"\"")).unwrap();
    let e = app
        .import_posts(Some(&path), day("2026-11-28"), false)
        .unwrap_err()
        .to_string();
    assert!(e.contains("Alex Example") && e.contains("no source"), "{e}");
    assert_eq!(count(&app, "SELECT count(*) FROM terms"), terms);
}

#[test]
fn posts_entered_by_hand_are_adopted_not_duplicated() {
    let mut s = store::Store::open_in_memory().unwrap();
    let office = s
        .add_office(&NewOffice {
            title: "Secretary of Commerce".into(),
            short_name: Some("Commerce".into()),
            organization: Some("U.S. Department of Commerce".into()),
            kind: OfficeKind::CabinetSecretary,
            single_holder: true,
            address: vec!["Washington, DC 20230".into()],
            email: None,
            contact_form: None,
        })
        .unwrap();
    let ross = s
        .add_person(
            &NewPerson {
                full_name: "Wilbur Ross".into(),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    s.add_term(&NewTerm {
        person_id: ross,
        office_id: office,
        start_on: day("2017-02-28"),
        end_on: Some(day("2021-01-20")),
        acting: false,
        address: Vec::new(),
    })
    .unwrap();
    let app = App::with_store(Engine::new().unwrap(), s, now()).unwrap();
    app.clock().set(now());
    let summary = app.import_posts(None, day("2026-11-28"), false).unwrap();
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM offices WHERE title = 'Secretary of Commerce'"
        ),
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM persons WHERE full_name = 'Wilbur Ross'"
        ),
        1
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) FROM terms WHERE office_id = {office}")
        ),
        3
    );
}

fn a_person_is_added_edited_and_retired_and_shows_their_terms(engine: Backend) {
    let app = app_on(engine);
    let ng = app.store().persons("Mary Ng", 5).unwrap().remove(0);
    let detail = app.person_detail(ng.id).unwrap();
    assert_eq!(detail.terms.len(), 1);
    assert_eq!(detail.terms[0].office, "Minister of International Trade");
    assert_eq!(detail.terms[0].start_on, day("2019-11-20"));

    let id = app
        .save_person(
            None,
            &NewPerson {
                full_name: "Dana Example".into(),
                email: Some("dana@example.org".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(app.person_detail(id).unwrap().person.family_name, "Example");
    let edited = NewPerson {
        full_name: "Dana Q. Example".into(),
        salutation: Some("Dr. Example".into()),
        ..Default::default()
    };
    assert_eq!(app.save_person(Some(id), &edited).unwrap(), id);
    let p = app.person_detail(id).unwrap().person;
    assert_eq!(
        (p.full_name.as_str(), p.salutation.as_deref()),
        ("Dana Q. Example", Some("Dr. Example"))
    );
    // An empty name is refused and changes nothing.
    let err = app
        .save_person(Some(id), &NewPerson::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("name"), "{err}");
    assert_eq!(
        app.person_detail(id).unwrap().person.full_name,
        "Dana Q. Example"
    );
    app.retire_person(id, day("2026-11-01")).unwrap();
    assert_eq!(
        app.person_detail(id).unwrap().person.retired_on,
        Some(day("2026-11-01"))
    );
}

fn offices_are_added_and_held_and_terms_end(engine: Backend) {
    let app = app_on(engine);
    let rows = app
        .office_rows("Commerce", Some(day("2026-11-28")))
        .unwrap();
    let commerce = rows
        .iter()
        .find(|r| r.office.title == "Secretary of Commerce")
        .unwrap();
    assert_eq!(commerce.holder.as_deref(), Some("Howard Lutnick"));
    let detail = app.office_detail(commerce.office.id).unwrap();
    let names: Vec<&str> = detail.holders.iter().map(|h| h.person.as_str()).collect();
    assert_eq!(names, ["Howard Lutnick", "Gina M. Raimondo", "Wilbur Ross"]);

    let governor = app
        .add_office(&NewOffice {
            title: "Governor of Ohio".into(),
            short_name: None,
            organization: Some("State of Ohio".into()),
            kind: OfficeKind::Governor,
            single_holder: true,
            address: vec![
                "77 South High Street, 30th Floor".into(),
                "Columbus, OH 43215".into(),
            ],
            email: None,
            contact_form: None,
        })
        .unwrap();
    let dewine = app
        .save_person(
            None,
            &NewPerson {
                full_name: "Mike DeWine".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let term = app
        .add_term(&NewTerm {
            person_id: dewine,
            office_id: governor,
            start_on: day("2019-01-14"),
            end_on: None,
            acting: false,
            address: Vec::new(),
        })
        .unwrap();
    // A second holder at the same time is refused, and nothing is written.
    let other = app
        .save_person(
            None,
            &NewPerson {
                full_name: "Pat Example".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let overlap = NewTerm {
        person_id: other,
        office_id: governor,
        start_on: day("2020-01-01"),
        end_on: None,
        acting: false,
        address: Vec::new(),
    };
    assert!(app.add_term(&overlap).is_err());
    assert_eq!(app.office_detail(governor).unwrap().holders.len(), 1);
    // Once the first term ends, the next begins.
    app.end_term(term, day("2019-12-31")).unwrap();
    app.add_term(&overlap).unwrap();
    assert_eq!(
        app.office_rows("Governor of Ohio", Some(day("2026-11-28")))
            .unwrap()[0]
            .holder
            .as_deref(),
        Some("Pat Example")
    );
    // Ending a term before it started is refused.
    assert!(app.end_term(term, day("2018-01-01")).is_err());
}

testkit::engines!(
    every_post_and_term_in_the_dataset_is_in_a_new_record,
    each_post_resolves_to_the_right_holder_on_both_sides_of_each_change,
    foreign_ministers_are_styled_by_protocol_and_joint_salutations_join,
    importing_again_changes_nothing_and_hand_edits_are_kept,
    a_newer_file_updates_and_a_bad_one_changes_nothing,
    a_person_is_added_edited_and_retired_and_shows_their_terms,
    offices_are_added_and_held_and_terms_end,
);
