//! Committees come with the congress roster: imported from the shipped
//! committee files (judged against the YAML itself), updated by a newer
//! membership file without losing who sat on a committee before, and
//! expanded into a letter's recipients at the letter's date.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::day;
use std::path::{Path, PathBuf};

use amicus_app::groups::{Chamber, GroupRef};
use amicus_app::*;
use chrono::{NaiveDate, TimeZone, Utc};

const AS_OF: &str = "2026-06-15";

use support::{Backend, fresh};
use testkit::engines as support;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/congress-legislators")
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
        let got = app
            .expand_group(&committee(code), Some(day(AS_OF)))
            .unwrap();
        assert_eq!(
            got.members.len() + got.warnings.len(),
            expected.len(),
            "{code}: {got:?}"
        );
        assert!(expected.len() >= 5, "{code}");
    }
    let finance = app
        .expand_group(&committee("SSFI"), Some(day(AS_OF)))
        .unwrap();
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
        .expand_group(&committee("Committee on Ways and Means"), Some(day(AS_OF)))
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
            Some(day(AS_OF)),
        )
        .unwrap();
    assert_eq!(leaders.members.len(), 2);
    assert_eq!(
        leaders.salutation.as_deref(),
        Some("Dear Chairman Crapo and Ranking Member Wyden:")
    );
    // A subcommittee, named with its committee; greeted as one.
    let trade = app
        .expand_group(&committee("SSFI13"), Some(day(AS_OF)))
        .unwrap();
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
        .expand_group(&committee("Appropriations"), Some(day(AS_OF)))
        .unwrap_err();
    assert!(err.to_string().contains("names 2 committees"), "{err}");
    let err = app
        .expand_group(&committee("Committee on Nothing"), Some(day(AS_OF)))
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
        app.expand_group(&committee("SSFI"), Some(day(on)))
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
        .expand_group(&committee("SSFI"), Some(day("2017-09-05")))
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
            Some(day(AS_OF)),
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
            Some(day(AS_OF)),
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
            Some(day(AS_OF)),
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
        .draft_from_request(&DraftRequest {
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
            lang: None,
        })
        .unwrap();
    let before = app.open_letter(drafted.letter_id).unwrap();
    let notes = &before.draft.extra.groups;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].members as usize, before.recipients.len());
    // A later membership file without Chuck Grassley, then the copy.
    let newer = without_grassley();
    import(&app, Some(newer.path().to_path_buf()), "2026-09-01");
    let copy = app
        .copy_letter(drafted.letter_id, Some(day("2026-09-15")))
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

/// Every member of Congress in the shipped files (today's and the departed),
/// parsed once.
fn everyone() -> &'static [serde_norway::Value] {
    static ALL: std::sync::OnceLock<Vec<serde_norway::Value>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = Vec::new();
        for f in ["legislators-historical.yaml", "legislators-current.yaml"] {
            let text = std::fs::read_to_string(dir().join(f)).unwrap();
            let value: serde_norway::Value = serde_norway::from_str(&text).unwrap();
            all.extend(value.as_sequence().unwrap().iter().cloned());
        }
        all
    })
}

/// A roster folder as the dataset published it on `on`: everyone serving
/// that day with the terms begun by then, and only the Finance Committee,
/// whose members are given as (bioguide, name, side, rank, title).
fn roster_of_day(on: &str, finance: &[(&str, &str, &str, u8, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    let serving: Vec<serde_norway::Value> = everyone()
        .iter()
        .filter_map(|l| {
            let terms = l["terms"].as_sequence().unwrap();
            let starts = |t: &serde_norway::Value| t["start"].as_str().unwrap() <= on;
            if !terms
                .iter()
                .any(|t| starts(t) && t["end"].as_str().unwrap() >= on)
            {
                return None;
            }
            let mut l = l.clone();
            l["terms"] = serde_norway::Value::Sequence(
                terms.iter().filter(|t| starts(t)).cloned().collect(),
            );
            Some(l)
        })
        .collect();
    assert!(serving.len() >= 535, "{on}: {}", serving.len());
    std::fs::write(
        folder.path().join("legislators-current.yaml"),
        serde_norway::to_string(&serving).unwrap(),
    )
    .unwrap();
    std::fs::write(
        folder.path().join("committees-current.yaml"),
        "- type: senate\n  name: Senate Committee on Finance\n  thomas_id: SSFI\n",
    )
    .unwrap();
    let mut membership = String::from("SSFI:\n");
    for (id, name, side, rank, title) in finance {
        membership.push_str(&format!(
            "- name: {name}\n  party: {side}\n  rank: {rank}\n  bioguide: {id}\n"
        ));
        if !title.is_empty() {
            membership.push_str(&format!("  title: {title}\n"));
        }
    }
    std::fs::write(
        folder.path().join("committee-membership-current.yaml"),
        membership,
    )
    .unwrap();
    folder
}

/// The Finance Committee in 2018: Orrin Hatch chairs it, Ron Wyden is the
/// ranking member, Mike Crapo third of the majority.
fn finance_2018() -> tempfile::TempDir {
    roster_of_day(
        "2018-01-03",
        &[
            ("H000338", "Orrin G. Hatch", "majority", 1, "Chairman"),
            ("G000386", "Chuck Grassley", "majority", 2, ""),
            ("C000880", "Mike Crapo", "majority", 3, ""),
            ("W000779", "Ron Wyden", "minority", 1, "Ranking Member"),
            ("S000770", "Debbie Stabenow", "minority", 2, ""),
        ],
    )
}

/// The Finance Committee from 2019-01-03: Chuck Grassley chairs it.
fn finance_2019() -> tempfile::TempDir {
    roster_of_day(
        "2019-01-03",
        &[
            ("G000386", "Chuck Grassley", "majority", 1, "Chairman"),
            ("C000880", "Mike Crapo", "majority", 2, ""),
            ("W000779", "Ron Wyden", "minority", 1, "Ranking Member"),
            ("S000770", "Debbie Stabenow", "minority", 2, ""),
        ],
    )
}

fn leaders() -> GroupRef {
    GroupRef::Committee {
        code: "SSFI".into(),
        leaders_only: true,
    }
}

/// A joint letter to `group` dated `on`: its greeting and its addressees.
fn letter_to(app: &App, group: GroupRef, on: NaiveDate) -> (String, Vec<String>) {
    let id = draft_on(app, group, false, on);
    let letter = app.open_letter(id).unwrap();
    let names = app
        .letter_data(id)
        .unwrap()
        .recipients
        .into_iter()
        .map(|r| r.name)
        .collect();
    (letter.draft.extra.salutation.unwrap(), names)
}

/// A member's family name and place: rank, title, side.
type Seat = (String, Option<i64>, Option<String>, Option<String>);

/// Each member of the Finance Committee on `on` with their place.
fn finance_on(app: &App, on: &str) -> Vec<Seat> {
    let finance = app.store().find_committee("SSFI").unwrap();
    let mut members: Vec<_> = app
        .store()
        .committee_members_on(finance.id, day(on))
        .unwrap()
        .into_iter()
        .map(|m| (m.family_name, m.rank, m.title, m.side))
        .collect();
    members.sort();
    members
}

fn chairmen_on(app: &App, on: &str) -> Vec<String> {
    finance_on(app, on)
        .into_iter()
        .filter(|m| m.2.as_deref() == Some("Chairman"))
        .map(|m| m.0)
        .collect()
}

/// Issue 25: an older roster, then today's; a letter of 2018 greets 2018's
/// chair and ranking member, one of today today's.
fn a_letter_to_the_leaders_greets_the_chair_and_ranking_member_of_its_date(engine: Backend) {
    let app = app_on(engine);
    let older = finance_2018();
    import(&app, Some(older.path().to_path_buf()), "2018-01-03");
    // Today's: the shipped snapshot, as the app's button imports it.
    let shipped = app.import_congress_now(&ImportRequest::default()).unwrap();
    assert!(shipped.memberships_changed > 0, "{shipped:?}");

    let (greeting, names) = letter_to(&app, leaders(), day("2018-06-01"));
    assert_eq!(greeting, "Dear Chairman Hatch and Ranking Member Wyden:");
    assert_eq!(names, ["Orrin G. Hatch", "Ron Wyden"]);
    let (greeting, _) = letter_to(&app, committee("SSFI"), day("2018-06-01"));
    assert_eq!(
        greeting,
        "Dear Chairman Hatch, Ranking Member Wyden and Members of the Committee:"
    );
    assert_eq!(chairmen_on(&app, "2018-06-01"), ["Hatch"]);

    let today = app.clock().today();
    let (greeting, names) = letter_to(&app, leaders(), today);
    assert_eq!(greeting, "Dear Chairman Crapo and Ranking Member Wyden:");
    assert_eq!(names, ["Mike Crapo", "Ron Wyden"]);
    assert_eq!(chairmen_on(&app, &today.to_string()), ["Crapo"]);
}

/// A newer file that changes a title ends the old one on the file's day:
/// the day before has the old chair, the day itself the new one, never both.
fn a_newer_roster_ends_the_old_chair_on_its_day(engine: Backend) {
    let app = app_on(engine);
    let (older, newer) = (finance_2018(), finance_2019());
    import(&app, Some(older.path().to_path_buf()), "2018-01-03");
    let sum = import(&app, Some(newer.path().to_path_buf()), "2019-01-03");
    // Hatch leaves; Grassley and Crapo move up; Wyden and Stabenow stay.
    assert_eq!(sum.memberships_changed, 3, "{sum:?}");

    assert_eq!(chairmen_on(&app, "2019-01-02"), ["Hatch"]);
    assert_eq!(chairmen_on(&app, "2019-01-03"), ["Grassley"]);
    let crapo = |on: &str| {
        finance_on(&app, on)
            .into_iter()
            .find(|m| m.0 == "Crapo")
            .unwrap()
            .1
    };
    assert_eq!(
        (crapo("2019-01-02"), crapo("2019-01-03")),
        (Some(3), Some(2))
    );
    let (greeting, _) = letter_to(&app, leaders(), day("2019-01-02"));
    assert_eq!(greeting, "Dear Chairman Hatch and Ranking Member Wyden:");
    let (greeting, names) = letter_to(&app, leaders(), day("2019-01-03"));
    assert_eq!(greeting, "Dear Chairman Grassley and Ranking Member Wyden:");
    assert_eq!(names, ["Chuck Grassley", "Ron Wyden"]);
    // Wyden's place never changed: one row from 2018 on.
    let finance = app.store().find_committee("SSFI").unwrap().id;
    let wyden = app
        .store()
        .committee_members_on(finance, day("2019-06-01"))
        .unwrap()
        .into_iter()
        .find(|m| m.family_name == "Wyden")
        .unwrap();
    assert_eq!(wyden.start_on, day("2018-01-03"));

    // The same file again changes nothing.
    let again = import(&app, Some(newer.path().to_path_buf()), "2019-01-03");
    assert_eq!(
        (again.committees_changed, again.memberships_changed),
        (0, 0),
        "{again:?}"
    );
}

/// Rosters imported newest first say the same of every day as imported in
/// order: an older file fills in its own days and leaves the newer's alone.
fn an_older_roster_imported_after_a_newer_one_changes_only_its_own_days(engine: Backend) {
    let (older, newer) = (finance_2018(), finance_2019());
    let in_order = app_on(engine);
    import(&in_order, Some(older.path().to_path_buf()), "2018-01-03");
    import(&in_order, Some(newer.path().to_path_buf()), "2019-01-03");
    import(&in_order, None, AS_OF);
    let backwards = app_on(engine);
    import(&backwards, None, AS_OF);
    import(&backwards, Some(newer.path().to_path_buf()), "2019-01-03");
    let sum = import(&backwards, Some(older.path().to_path_buf()), "2018-01-03");
    assert!(sum.memberships_changed > 0, "{sum:?}");

    for on in [
        "2017-12-31",
        "2018-01-03",
        "2018-06-01",
        "2019-01-02",
        "2019-01-03",
        "2024-06-01",
        "2026-06-14",
        "2026-06-15",
        "2026-11-28",
    ] {
        assert_eq!(
            finance_on(&backwards, on),
            finance_on(&in_order, on),
            "{on}"
        );
    }
    assert_eq!(chairmen_on(&backwards, "2018-06-01"), ["Hatch"]);
    assert_eq!(chairmen_on(&backwards, "2019-06-01"), ["Grassley"]);
    assert_eq!(chairmen_on(&backwards, AS_OF), ["Crapo"]);
    // Today's other committees are still today's, and still listed.
    let ways = backwards
        .expand_group(&committee("HSWM"), Some(day(AS_OF)))
        .unwrap();
    assert_eq!(ways.members[0].name, "Jason Smith");
    assert!(
        backwards
            .committee_groups()
            .unwrap()
            .iter()
            .any(|g| g.label == "House Committee on Ways and Means")
    );
    let (greeting, _) = letter_to(&backwards, leaders(), day("2026-06-20"));
    assert_eq!(greeting, "Dear Chairman Crapo and Ranking Member Wyden:");
}

/// An older roster imported with no day would be taken for today's: the
/// import says so and changes nothing.
#[test]
fn an_older_roster_with_no_day_given_is_refused() {
    let app = app_on(Backend::Sqlite);
    import(&app, None, AS_OF);
    let older = finance_2018();
    let err = app
        .import_congress_now(&ImportRequest {
            source: Some(older.path().to_path_buf()),
            as_of: None,
            dry_run: false,
        })
        .unwrap_err();
    assert!(err.to_string().contains("--as-of"), "{err}");
    assert_eq!(chairmen_on(&app, "2026-11-28"), ["Crapo"]);
}

/// Adding and taking off groups, in the window or from `amicus letters
/// new`, follow one rule: a group's greeting applies while every addressee
/// sits in it (the smallest such group's); otherwise each is greeted by name.
fn a_groups_greeting_applies_while_every_addressee_sits_in_it(engine: Backend) {
    const LEADERS: &str = "Dear Chairman Crapo and Ranking Member Wyden:";
    const WHOLE: &str = "Dear Chairman Crapo, Ranking Member Wyden and Members of the Committee:";
    let app = app_on(engine);
    import(&app, None, AS_OF);
    let mut blank = app.blank_letter().unwrap();
    blank.date = day("2026-06-20");
    let commerce = RecipientChoice {
        role: Role::To,
        to: Addressee::Office(app.find_office("Secretary of Commerce").unwrap().id),
    };

    // The leaders, then the whole committee: each greeted as its group.
    let with_leaders = app
        .add_group(blank.clone(), &leaders(), &[])
        .unwrap()
        .letter;
    assert_eq!(with_leaders.recipients.len(), 2);
    assert_eq!(with_leaders.extra.salutation.as_deref(), Some(LEADERS));
    let both = app
        .add_group(with_leaders.clone(), &committee("SSFI"), &[])
        .unwrap()
        .letter;
    let members = both.recipients.len();
    assert!(members > 20, "{members}");
    assert_eq!(both.extra.groups.len(), 2);
    assert_eq!(both.extra.salutation.as_deref(), Some(WHOLE));
    // Taking the leaders' group off keeps them (the committee brings them
    // too); taking the committee off leaves the leaders, greeted as such.
    let whole_only = app.remove_group(both.clone(), 0).unwrap();
    assert_eq!(whole_only.recipients.len(), members);
    assert_eq!(whole_only.extra.salutation.as_deref(), Some(WHOLE));
    let leaders_only = app.remove_group(both.clone(), 1).unwrap();
    assert_eq!(leaders_only.recipients, with_leaders.recipients);
    assert_eq!(leaders_only.extra.salutation.as_deref(), Some(LEADERS));
    // Someone outside the group addressed: no group greets them all.
    let mut with_commerce = both.clone();
    with_commerce.recipients.push(commerce.clone());
    let after = app.remove_group(with_commerce, 1).unwrap();
    assert_eq!(after.recipients.len(), 3);
    assert_eq!(after.extra.salutation, None);
    let mut to_commerce = blank.clone();
    to_commerce.recipients.push(commerce.clone());
    let added = app
        .add_group(to_commerce, &committee("SSFI"), &[])
        .unwrap()
        .letter;
    assert_eq!(added.extra.salutation, None);
    // "Greet each by name instead" stays chosen when a group goes.
    let mut by_name = both.clone();
    by_name.extra.salutation = None;
    assert_eq!(app.remove_group(by_name, 0).unwrap().extra.salutation, None);
    // Members left out stay out, and the group counts who joined.
    let left_out = &both.recipients[members - 1..];
    let some = app
        .add_group(blank.clone(), &committee("SSFI"), left_out)
        .unwrap()
        .letter;
    assert_eq!(some.recipients.len(), members - 1);
    assert_eq!(some.extra.groups[0].members as usize, members - 1);
    assert_eq!(some.extra.salutation.as_deref(), Some(WHOLE));
    // With nobody left, no group remains.
    let gone = app.remove_group(with_leaders.clone(), 0).unwrap();
    assert!(gone.recipients.is_empty() && gone.extra.groups.is_empty());
    assert_eq!(gone.extra.salutation, None);
    assert!(matches!(
        app.remove_group(blank.clone(), 0),
        Err(AppError::NotFound { .. })
    ));
    // By hand, one recipient at a time: the same rule. Someone outside
    // the committee added: each is greeted by name; taken off again, the
    // committee's greeting does not come back by itself (staff chose).
    let plus = app.add_recipient(both.clone(), commerce.clone()).unwrap();
    assert_eq!(plus.recipients.len(), members + 1);
    assert_eq!(plus.extra.salutation, None);
    let again = app.add_recipient(plus.clone(), commerce.clone()).unwrap();
    assert_eq!(again.recipients.len(), members + 1, "added once");
    let last = plus.recipients.len() - 1;
    assert_eq!(
        app.remove_recipient(plus, last).unwrap().extra.salutation,
        None
    );
    // A member taken off: everyone left still sits in the committee, and
    // the committee counts one fewer.
    let fewer = app.remove_recipient(both.clone(), members - 1).unwrap();
    assert_eq!(fewer.recipients.len(), members - 1);
    assert_eq!(fewer.extra.groups.len(), 2);
    assert_eq!(fewer.extra.groups[1].members as usize, members - 1);
    assert_eq!(fewer.extra.salutation.as_deref(), Some(WHOLE));
    // The ranking member taken off: a greeting naming him no longer holds,
    // so each is greeted by name (found walking the real window).
    let wyden = both
        .recipients
        .iter()
        .position(|r| with_leaders.recipients[1] == *r)
        .unwrap();
    let without_wyden = app.remove_recipient(both.clone(), wyden).unwrap();
    assert_eq!(without_wyden.extra.salutation, None);
    assert_eq!(
        without_wyden.extra.groups[0].members, 1,
        "the leaders' group keeps the chair"
    );
    // The last one taken off: no group and no greeting remain.
    let one = app.remove_recipient(with_leaders.clone(), 0).unwrap();
    let none = app.remove_recipient(one, 0).unwrap();
    assert!(none.recipients.is_empty() && none.extra.groups.is_empty());
    assert_eq!(none.extra.salutation, None);
    assert!(matches!(
        app.remove_recipient(none, 0),
        Err(AppError::NotFound { .. })
    ));

    // `amicus letters new` decides the same way.
    let request = |to_offices: Vec<String>, to_groups: Vec<GroupRef>| DraftRequest {
        template: "joint-support".into(),
        to_offices,
        to_persons: vec![],
        cc_offices: vec![],
        cc_lines: vec![],
        date: day("2026-06-20"),
        subject: "Trade".into(),
        body: "We ask the Committee to support the agreement.".into(),
        issue: Some("KORUS".into()),
        signer: None,
        per_recipient: false,
        to_groups,
        lang: None,
    };
    let greeting = |r: DraftRequest| {
        let id = app.draft_from_request(&r).unwrap().letter_id;
        app.open_letter(id).unwrap().draft.extra.salutation
    };
    assert_eq!(
        greeting(request(vec![], vec![leaders(), committee("SSFI")])).as_deref(),
        Some(WHOLE)
    );
    assert_eq!(
        greeting(request(
            vec!["Secretary of Commerce".into()],
            vec![committee("SSFI")]
        )),
        None
    );

    // The letters list names the committee, not its 27 members, then
    // whoever was added by hand.
    let listed = |r: DraftRequest| {
        let id = app.draft_from_request(&r).unwrap().letter_id;
        let all = app.letter_summaries(None).unwrap();
        let s = all.into_iter().find(|s| s.id == id).unwrap();
        (s.addressed_to, s.recipients.len())
    };
    let (named, count) = listed(request(vec![], vec![committee("SSFI")]));
    assert_eq!(named, ["Senate Committee on Finance"]);
    assert!(count > 20, "{count}");
    let (named, count) = listed(request(
        vec!["Secretary of Commerce".into()],
        vec![committee("SSFI")],
    ));
    assert_eq!(named, ["Senate Committee on Finance", "1 other"], "{count}");
    let (named, _) = listed(request(vec!["Secretary of Commerce".into()], vec![]));
    assert_eq!(named.len(), 1);
    assert!(named[0].contains("Secretary of Commerce"), "{named:?}");
}

/// The text of letter `id` as a reader of its PDF sees it (every copy).
fn pdf_text(app: &App, id: i64) -> String {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("letter.pdf");
    let options = ExportOptions {
        combined: true,
        ..Default::default()
    };
    app.export_letter(id, &pdf, &options).unwrap();
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) reads the letter");
    String::from_utf8_lossy(&text.stdout)
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
}

fn draft_to(app: &App, group: GroupRef, per_recipient: bool) -> i64 {
    draft_on(app, group, per_recipient, day("2026-06-20"))
}

/// A letter on KORUS to `group` dated `on`, joint or one copy each.
fn draft_on(app: &App, group: GroupRef, per_recipient: bool, on: NaiveDate) -> i64 {
    app.draft_from_request(&DraftRequest {
        template: "joint-support".into(),
        to_offices: vec![],
        to_persons: vec![],
        cc_offices: vec![],
        cc_lines: vec![],
        date: on,
        subject: "Trade".into(),
        body: "We ask the Committee to support the agreement.".into(),
        issue: Some("KORUS".into()),
        signer: None,
        per_recipient,
        to_groups: vec![group],
        lang: None,
    })
    .unwrap()
    .letter_id
}

/// Issue 30: a joint letter to the whole committee is addressed to its
/// chair and ranking member, by their titles in it, and greets the
/// members; its copies to the leaders greet them by those titles too.
fn a_committee_letter_is_addressed_to_its_chair_and_ranking_member(engine: Backend) {
    let app = app_on(engine);
    import(&app, None, AS_OF);
    let chair = "The Honorable Mike Crapo\nChairman\nCommittee on Finance\nUnited States Senate\n";
    let ranking =
        "The Honorable Ron Wyden\nRanking Member\nCommittee on Finance\nUnited States Senate\n";

    let whole = draft_to(&app, committee("SSFI"), false);
    let data = app.letter_data(whole).unwrap();
    assert!(data.recipients.len() > 20);
    assert_eq!(
        data.inside_addresses.len(),
        2,
        "{:?}",
        data.inside_addresses
    );
    let text = pdf_text(&app, whole);
    let head = &text[..text.find("Dear ").unwrap()];
    assert!(head.contains(chair) && head.contains(ranking), "{head}");
    assert_eq!(
        head.matches("The Honorable").count(),
        2,
        "two address blocks: {head}"
    );
    assert!(!head.contains("Grassley"), "{head}");
    assert!(
        text.contains("Dear Chairman Crapo, Ranking Member Wyden and Members of the Committee:"),
        "{text}"
    );

    // The same letter begun to the leaders, then widened to the whole
    // committee: each leader is styled once.
    let mut both = app
        .open_letter(draft_to(&app, leaders(), false))
        .unwrap()
        .draft;
    both = app.add_group(both, &committee("SSFI"), &[]).unwrap().letter;
    let widened = app.draft_letter(&both).unwrap().letter_id;
    let text = pdf_text(&app, widened);
    let head = &text[..text.find("Dear ").unwrap()];
    assert_eq!(head.matches("The Honorable").count(), 2, "{head}");
    assert!(head.contains(chair) && head.contains(ranking), "{head}");

    // The leaders only: both blocks, the same styling.
    let two = draft_to(&app, leaders(), false);
    assert!(app.letter_data(two).unwrap().inside_addresses.is_empty());
    let text = pdf_text(&app, two);
    assert!(text.contains(chair) && text.contains(ranking), "{text}");
    assert!(
        text.contains("Dear Chairman Crapo and Ranking Member Wyden:"),
        "{text}"
    );

    // One copy each: the chair's and the ranking member's copies greet them
    // by their titles in the committee; every other member as a senator.
    let copies = draft_to(&app, committee("SSFI"), true);
    let text = pdf_text(&app, copies);
    assert!(text.contains("Dear Chairman Crapo:"), "{text}");
    assert!(text.contains("Dear Ranking Member Wyden:"), "{text}");
    assert!(text.contains("Dear Senator Grassley:"), "{text}");
    assert!(!text.contains("Dear Senator Crapo:"), "{text}");
    assert_eq!(text.matches(chair).count(), 1, "the chair's copy only");

    // A letter to the same people without the committee: senators.
    let by_hand = app
        .draft_from_request(&DraftRequest {
            template: "joint-support".into(),
            to_offices: app
                .open_letter(two)
                .unwrap()
                .draft
                .recipients
                .iter()
                .map(|r| match &r.to {
                    Addressee::Office(id) => id.to_string(),
                    other => panic!("{other:?}"),
                })
                .collect(),
            to_persons: vec![],
            cc_offices: vec![],
            cc_lines: vec![],
            date: day("2026-06-20"),
            subject: "Trade".into(),
            body: "We ask you to support the agreement.".into(),
            issue: Some("KORUS".into()),
            signer: None,
            per_recipient: false,
            to_groups: vec![],
            lang: None,
        })
        .unwrap()
        .letter_id;
    let text = pdf_text(&app, by_hand);
    assert!(
        text.contains("Dear Senator Crapo and Senator Wyden:"),
        "{text}"
    );
    assert!(!text.contains("Chairman"), "{text}");
}

testkit::engines!(
    a_committee_letter_is_addressed_to_its_chair_and_ranking_member,
    a_groups_greeting_applies_while_every_addressee_sits_in_it,
    a_letter_to_the_leaders_greets_the_chair_and_ranking_member_of_its_date,
    a_newer_roster_ends_the_old_chair_on_its_day,
    an_older_roster_imported_after_a_newer_one_changes_only_its_own_days,
    the_shipped_committees_import_with_their_members_and_leaders,
    a_newer_membership_file_ends_memberships_but_older_letters_keep_them,
    a_delegation_is_every_seat_of_the_state_held_on_the_day,
    a_committee_letter_copied_to_a_later_date_goes_to_the_committee_of_that_date,
);
