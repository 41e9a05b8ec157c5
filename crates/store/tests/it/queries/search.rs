//! Search over letters, officials, offices and positions.

use super::world::{at, day, draft, to, world_on};
use store::*;
use support::Backend;
use testkit::engines as support;

fn search_finds_letters_officials_offices_and_positions(engine: Backend) {
    let mut w = world_on(engine);
    let id = w
        .store
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    let hits = w.store.search("exports grew", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].kind.as_str(), hits[0].id), ("letter", id));
    assert!(hits[0].snippet.contains("[exports]"), "{}", hits[0].snippet);
    let hits = w.store.search("lighthiz", 10).unwrap();
    assert_eq!(
        (hits[0].kind.as_str(), hits[0].id),
        ("person", w.lighthizer)
    );
    let hits = w.store.search("USTR", 10).unwrap();
    assert_eq!((hits[0].kind.as_str(), hits[0].id), ("office", w.ustr));
    let kinds: Vec<String> = w
        .store
        .search("korus", 10)
        .unwrap()
        .into_iter()
        .map(|h| h.kind)
        .collect();
    assert!(
        kinds.contains(&"position".to_string()) && kinds.contains(&"letter".to_string()),
        "{kinds:?}"
    );
    // A person's name finds the letters addressed to them, which name them
    // only as a recipient; a position is one hit per issue, by the issue's id.
    let hits = w.store.search("wilbur", 10).unwrap();
    assert_eq!((hits[0].kind.as_str(), hits[0].id), ("person", w.ross));
    assert!(
        hits.iter()
            .any(|h| h.kind == "letter" && h.id == id && h.snippet.starts_with("To Wilbur Ross")),
        "{hits:?}"
    );
    let issue = w.store.position(w.position).unwrap().issue_id;
    w.store
        .add_position(
            issue,
            &NewPosition {
                stance: Stance::Support,
                adopted_on: Some(day("2018-04-01")),
                statement: "We support KORUS as amended.".into(),
                rationale: String::new(),
            },
        )
        .unwrap();
    let positions: Vec<i64> = w
        .store
        .search("korus", 10)
        .unwrap()
        .into_iter()
        .filter(|h| h.kind == "position")
        .map(|h| h.id)
        .collect();
    assert_eq!(positions, vec![issue]);
    // Edits are searchable at once; syntax typed by a user is harmless.
    let mut d = draft(&w);
    d.body = "Tariff schedules matter.".into();
    w.store
        .edit_letter(id, &d, &to(&w), at("2017-09-02"))
        .unwrap();
    assert!(w.store.search("exports grew", 10).unwrap().is_empty());
    assert_eq!(w.store.search("tariff", 10).unwrap().len(), 1);
    assert!(w.store.search("\"AND OR (", 10).unwrap().is_empty());
    assert!(w.store.search("", 10).unwrap().is_empty());
}

/// Issue 30: committees are found by the names people use, and lead to the
/// letters sent to them as a group (which name them only in `extra.groups`).
fn a_committee_is_found_by_its_common_name_with_the_letters_sent_to_it(engine: Backend) {
    let mut w = world_on(engine);
    w.store
        .connection()
        .execute_batch(
            "INSERT INTO committees (code, name, chamber) VALUES
                 ('SSFI', 'Senate Committee on Finance', 'senate'),
                 ('HSWM', 'House Committee on Ways and Means', 'house'),
                 ('HSBA', 'House Committee on Financial Services', 'house');",
        )
        .unwrap();
    let mut d = draft(&w);
    d.subject = "Trade with Korea".into();
    d.body = "We ask for your support.".into();
    d.extra = serde_json::json!({"groups": [{
        "group": {"kind": "committee", "code": "SSFI", "leaders_only": false},
        "label": "Senate Committee on Finance", "size": 27
    }]});
    let id = w
        .store
        .create_letter(&d, &to(&w), at("2017-09-01"))
        .unwrap();
    for typed in ["Finance", "senate finance", "Finance committee"] {
        let hits = w.store.search(typed, 10).unwrap();
        let ssfi = w.store.find_committee("SSFI").unwrap().id;
        assert_eq!(
            (hits[0].kind.as_str(), hits[0].id, hits[0].title.as_str()),
            ("committee", ssfi, "Senate Committee on Finance"),
            "{typed}: {hits:?}"
        );
        assert_eq!(hits[0].snippet, "SSFI · 1 letter to it");
        assert_eq!(
            (hits[1].kind.as_str(), hits[1].id),
            ("letter", id),
            "{hits:?}"
        );
        assert_eq!(
            hits[1].snippet,
            "To the Senate Committee on Finance, 2017-09-05"
        );
    }
    // Financial Services is not Finance; Ways and Means has no letters yet.
    assert!(
        !w.store
            .search("finance", 10)
            .unwrap()
            .iter()
            .any(|h| h.title.contains("Financial"))
    );
    let hits = w.store.search("ways and means", 10).unwrap();
    assert_eq!(hits[0].snippet, "HSWM · no letters to it yet");
    // As a group is added: by the name people use, or refused when it names several.
    assert_eq!(
        w.store.find_committee("Senate Finance").unwrap().code,
        "SSFI"
    );
    assert_eq!(
        w.store.find_committee("Ways and Means").unwrap().code,
        "HSWM"
    );
    let err = w.store.find_committee("House").unwrap_err().to_string();
    assert!(err.contains("names 2 committees (HSBA, HSWM)"), "{err}");
}

testkit::engines!(
    search_finds_letters_officials_offices_and_positions,
    a_committee_is_found_by_its_common_name_with_the_letters_sent_to_it,
);
