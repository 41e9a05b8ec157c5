//! Positions: versions kept, and the letters that cite one.

use super::world::{at, day, draft, to, world_on};
use store::*;
use support::Backend;
use testkit::engines as support;

fn positions_are_versioned_and_history_kept(engine: Backend) {
    let mut w = world_on(engine);
    let issue = w.store.find_issue("korus").unwrap();
    let v2 = w
        .store
        .add_position(
            issue.id,
            &NewPosition {
                stance: Stance::Monitor,
                adopted_on: Some(day("2018-03-01")),
                statement: "Watch.".into(),
                rationale: String::new(),
            },
        )
        .unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(w.store.positions(issue.id).unwrap().len(), 2);
    assert_eq!(
        w.store
            .position_on(issue.id, day("2017-09-05"))
            .unwrap()
            .unwrap()
            .version,
        1
    );
    assert_eq!(
        w.store
            .position_on(issue.id, day("2019-01-01"))
            .unwrap()
            .unwrap()
            .version,
        2
    );
    assert!(
        w.store
            .position_on(issue.id, day("2017-01-01"))
            .unwrap()
            .is_none()
    );
    let err = w
        .store
        .add_position(
            issue.id,
            &NewPosition {
                stance: Stance::Oppose,
                adopted_on: Some(day("2018-01-01")),
                statement: "No.".into(),
                rationale: String::new(),
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("cannot be dated earlier"), "{err}");
    assert!(w.store.add_issue("KORUS", "").is_err());
    assert_eq!(w.store.issues().unwrap().len(), 1);
    assert_eq!(
        w.store.position(w.position).unwrap().stance,
        Stance::Support
    );
}

fn letters_are_found_by_the_position_they_cite(engine: Backend) {
    let mut w = world_on(engine);
    assert!(w.store.letters_citing(w.position).unwrap().is_empty());
    let a = w
        .store
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    let mut d = draft(&w);
    d.position_id = None;
    w.store
        .create_letter(&d, &to(&w), at("2017-09-01"))
        .unwrap();
    let citing: Vec<i64> = w
        .store
        .letters_citing(w.position)
        .unwrap()
        .iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(citing, [a]);
}

testkit::engines!(
    positions_are_versioned_and_history_kept,
    letters_are_found_by_the_position_they_cite,
);
