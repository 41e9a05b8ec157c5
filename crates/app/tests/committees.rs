//! Committees come with the congress roster: imported from the shipped
//! committee files (judged against the YAML itself), updated by a newer
//! membership file without losing who sat on a committee before, and
//! expanded into a letter's recipients at the letter's date.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use amicus_app::groups::{Chamber, GroupRef};
use amicus_app::*;
use chrono::{NaiveDate, TimeZone, Utc};

const AS_OF: &str = "2026-06-15";

#[path = "../../store/tests/support/engines.rs"]
mod support;
use support::{Backend, fresh};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/congress-legislators")
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn app_on(engine: Backend) -> App {
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    App::with_store(Engine::new().unwrap(), fresh(engine), now).unwrap()
}

fn import(app: &App, source: Option<PathBuf>, as_of: &str) -> ImportSummary {
    app.import_congress_now(&ImportRequest {
        source,
        as_of: Some(day(as_of)),
        dry_run: false,
    })
    .unwrap()
}

/// The members the membership YAML lists for `code`, read independently.
fn yaml_members(code: &str) -> Vec<String> {
    let text = std::fs::read_to_string(dir().join("committee-membership-current.yaml")).unwrap();
    let value: serde_norway::Value = serde_norway::from_str(&text).unwrap();
    value[code]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect()
}

/// A later roster folder where Chuck Grassley has left the Finance Committee.
fn without_grassley() -> tempfile::TempDir {
    let newer = tempfile::tempdir().unwrap();
    for f in [
        "legislators-current.yaml",
        "legislators-district-offices.yaml",
        "committees-current.yaml",
    ] {
        std::fs::copy(dir().join(f), newer.path().join(f)).unwrap();
    }
    let membership =
        std::fs::read_to_string(dir().join("committee-membership-current.yaml")).unwrap();
    let grassley = "- name: Chuck Grassley\n  party: majority\n  rank: 2\n  bioguide: G000386\n";
    let at = membership.find("SSFI:\n").unwrap();
    let cut = at + membership[at..].find(grassley).unwrap();
    let edited = format!(
        "{}{}",
        &membership[..cut],
        &membership[cut + grassley.len()..]
    );
    std::fs::write(
        newer.path().join("committee-membership-current.yaml"),
        edited,
    )
    .unwrap();
    newer
}

fn committee(code: &str) -> GroupRef {
    GroupRef::Committee {
        code: code.into(),
        leaders_only: false,
    }
}

fn the_shipped_committees_import_with_their_members_and_leaders(engine: Backend) {
    let app = app_on(engine);
    let sum = import(&app, None, AS_OF);
    assert!(sum.committees_changed > 200, "{sum:?}");
    for code in ["SSFI", "HSWM", "SSFI13", "HSWM04"] {
        let expected = yaml_members(code);
        let got = app.expand_group(&committee(code), day(AS_OF)).unwrap();
        assert_eq!(
            got.members.len() + got.warnings.len(),
            expected.len(),
            "{code}: {got:?}"
        );
        assert!(expected.len() >= 5, "{code}");
    }
    let finance = app.expand_group(&committee("SSFI"), day(AS_OF)).unwrap();
    assert_eq!(finance.label, "Senate Committee on Finance");
    assert_eq!(finance.members[0].name, "Mike Crapo");
    assert_eq!(finance.members[0].role.as_deref(), Some("Chairman"));
    assert_eq!(finance.members[1].name, "Ron Wyden");
    assert_eq!(finance.members[1].role.as_deref(), Some("Ranking Member"));
    assert_eq!(
        finance.salutation.as_deref(),
        Some("Dear Chairman Crapo, Ranking Member Wyden and Members of the Committee:")
    );
    let ways = app
        .expand_group(&committee("Committee on Ways and Means"), day(AS_OF))
        .unwrap();
    assert_eq!(ways.members[0].name, "Jason Smith");
    assert_eq!(ways.members[1].name, "Richard E. Neal");
    assert_eq!(
        ways.salutation.as_deref(),
        Some("Dear Chair Smith, Ranking Member Neal and Members of the Committee:")
    );
    // Chair and ranking member only.
    let leaders = app
        .expand_group(
            &GroupRef::Committee {
                code: "SSFI".into(),
                leaders_only: true,
            },
            day(AS_OF),
        )
        .unwrap();
    assert_eq!(leaders.members.len(), 2);
    assert_eq!(
        leaders.salutation.as_deref(),
        Some("Dear Chairman Crapo and Ranking Member Wyden:")
    );
    // A subcommittee, named with its committee; greeted as one.
    let trade = app.expand_group(&committee("SSFI13"), day(AS_OF)).unwrap();
    assert_eq!(
        trade.label,
        "Subcommittee on International Trade, Customs, and Global Competitiveness (Senate Committee on Finance)"
    );
    assert!(
        trade
            .salutation
            .unwrap()
            .ends_with("and Members of the Subcommittee:")
    );
    // Every member is addressed through their seat, which resolves to them.
    let seat = match finance.members[0].choice.to {
        Addressee::Office(o) => o,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        app.store()
            .holder_on(seat, day(AS_OF))
            .unwrap()
            .unwrap()
            .person
            .full_name,
        "Mike Crapo"
    );

    // Importing again changes nothing.
    let again = import(&app, None, AS_OF);
    assert_eq!(
        (again.committees_changed, again.memberships_changed),
        (0, 0),
        "{again:?}"
    );

    // An ambiguous or unknown name is said plainly.
    let err = app
        .expand_group(&committee("Appropriations"), day(AS_OF))
        .unwrap_err();
    assert!(err.to_string().contains("names 2 committees"), "{err}");
    let err = app
        .expand_group(&committee("Committee on Nothing"), day(AS_OF))
        .unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
}

fn a_newer_membership_file_ends_memberships_but_older_letters_keep_them(engine: Backend) {
    let app = app_on(engine);
    import(&app, None, AS_OF);
    let newer = without_grassley();
    let sum = import(&app, Some(newer.path().to_path_buf()), "2026-09-01");
    assert_eq!(sum.memberships_changed, 1, "{sum:?}");

    let names = |on: &str| -> Vec<String> {
        app.expand_group(&committee("SSFI"), day(on))
            .unwrap()
            .members
            .into_iter()
            .map(|m| m.name)
            .collect()
    };
    assert!(names("2026-08-31").contains(&"Chuck Grassley".to_string()));
    assert!(!names("2026-09-01").contains(&"Chuck Grassley".to_string()));
    // Before the first import the record knows no members: said, not guessed.
    let err = app
        .expand_group(&committee("SSFI"), day("2017-09-05"))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("no members of the Senate Committee on Finance on 2017-09-05"),
        "{err}"
    );
}

fn a_delegation_is_every_seat_of_the_state_held_on_the_day(engine: Backend) {
    let app = app_on(engine);
    import(&app, None, AS_OF);
    let wa = app
        .expand_group(
            &GroupRef::Delegation {
                state: "wa".into(),
                chamber: None,
            },
            day(AS_OF),
        )
        .unwrap();
    assert_eq!(wa.label, "the Washington delegation");
    // Two senators and ten representatives.
    assert_eq!(wa.members.len() + wa.warnings.len(), 12, "{wa:?}");
    let senators = app
        .expand_group(
            &GroupRef::Delegation {
                state: "WA".into(),
                chamber: Some(Chamber::Senate),
            },
            day(AS_OF),
        )
        .unwrap();
    let mut names: Vec<String> = senators.members.into_iter().map(|m| m.name).collect();
    names.sort();
    assert_eq!(names, ["Maria Cantwell", "Patty Murray"]);
    let err = app
        .expand_group(
            &GroupRef::Delegation {
                state: "ZZ".into(),
                chamber: None,
            },
            day(AS_OF),
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("not a state's postal code"),
        "{err}"
    );
}

fn a_committee_letter_copied_to_a_later_date_goes_to_the_committee_of_that_date(engine: Backend) {
    let app = app_on(engine);
    import(&app, None, AS_OF);
    let body = "We ask the Committee to support the agreement.".to_string();
    let drafted = app
        .draft_from_request(
            &DraftRequest {
                template: "joint-support".into(),
                to_offices: vec![],
                to_persons: vec![],
                cc_offices: vec![],
                cc_lines: vec![],
                date: day("2026-06-20"),
                subject: "KORUS".into(),
                body,
                issue: Some("KORUS".into()),
                signer: None,
                per_recipient: false,
                to_groups: vec![committee("SSFI")],
            },
            Utc::now(),
        )
        .unwrap();
    let before = app.open_letter(drafted.letter_id).unwrap();
    let notes = &before.draft.extra.groups;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].members as usize, before.recipients.len());
    // A later membership file without Chuck Grassley, then the copy.
    let newer = without_grassley();
    import(&app, Some(newer.path().to_path_buf()), "2026-09-01");
    let copy = app
        .copy_letter(drafted.letter_id, day("2026-09-15"))
        .unwrap();
    assert_eq!(copy.recipients.len(), before.recipients.len() - 1);
    assert_eq!(copy.extra.groups[0].members as usize, copy.recipients.len());
    assert_eq!(
        copy.extra.salutation.as_deref(),
        Some("Dear Chairman Crapo, Ranking Member Wyden and Members of the Committee:")
    );
    let data = app.letter_data(drafted.letter_id).unwrap();
    assert!(data.recipients.iter().any(|r| r.name == "Chuck Grassley"));
}

engines!(
    the_shipped_committees_import_with_their_members_and_leaders,
    a_newer_membership_file_ends_memberships_but_older_letters_keep_them,
    a_delegation_is_every_seat_of_the_state_held_on_the_day,
    a_committee_letter_copied_to_a_later_date_goes_to_the_committee_of_that_date,
);
