//! Persons, offices and terms: who held which office on which day.

use super::world::{at, counts, day, term, world_on};
use store::*;
use support::Backend;
use testkit::engines as support;

fn persons_are_added_edited_listed_and_retired(engine: Backend) {
    let mut w = world_on(engine);
    let p = w.store.person(w.ross).unwrap();
    assert_eq!(p.family_name, "Ross");
    assert_eq!(p.salutation.as_deref(), Some("Secretary Ross"));
    let mut edit = NewPerson {
        full_name: "Wilbur L. Ross Jr.".into(),
        family_name: "Ross".into(),
        ..Default::default()
    };
    w.store
        .edit_person(w.ross, &edit, at("2017-02-01"))
        .unwrap();
    assert_eq!(
        w.store.person(w.ross).unwrap().full_name,
        "Wilbur L. Ross Jr."
    );
    let found = w.store.persons("ross", 10).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(w.store.persons("", 2).unwrap().len(), 2);
    w.store.retire_person(w.ross, day("2021-01-20")).unwrap();
    assert_eq!(
        w.store.person(w.ross).unwrap().retired_on,
        Some(day("2021-01-20"))
    );
    edit.full_name = "  ".into();
    let err = w
        .store
        .edit_person(w.ross, &edit, at("2017-02-01"))
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "full_name",
                ..
            }
        ),
        "{err}"
    );
    assert!(matches!(
        w.store.person(999),
        Err(StoreError::NotFound { .. })
    ));
}

fn offices_are_found_by_title_or_short_name(engine: Backend) {
    let mut w = world_on(engine);
    assert_eq!(w.store.find_office("ustr").unwrap().id, w.ustr);
    assert_eq!(
        w.store.find_office("Secretary of Commerce").unwrap().id,
        w.commerce
    );
    assert_eq!(w.store.find_office("Trade Rep").unwrap().id, w.ustr);
    let err = w.store.find_office("Secretary of Defense").unwrap_err();
    assert!(err.to_string().contains("Secretary of Defense"), "{err}");
    let o = w.store.office(w.ustr).unwrap();
    assert_eq!(o.kind, OfficeKind::TradeRepresentative);
    assert_eq!(
        o.organization.as_deref(),
        Some("Office of the United States Trade Representative")
    );
    assert_eq!(w.store.offices("").unwrap().len(), 2);
    let mut edited = NewOffice {
        title: "Secretary of Commerce".into(),
        short_name: Some("DOC".into()),
        organization: Some("U.S. Department of Commerce".into()),
        kind: OfficeKind::CabinetSecretary,
        single_holder: true,
        address: vec![
            "1401 Constitution Avenue, NW".into(),
            "Washington, DC 20230".into(),
        ],
        email: None,
        contact_form: None,
    };
    w.store.edit_office(w.commerce, &edited).unwrap();
    assert_eq!(w.store.office(w.commerce).unwrap().address.len(), 2);
    edited.title = String::new();
    assert!(w.store.edit_office(w.commerce, &edited).is_err());
    // Someone held it past that day: retiring is refused, naming them.
    let err = w
        .store
        .retire_office(w.commerce, day("2019-01-01"))
        .unwrap_err();
    assert!(matches!(&err, StoreError::Invalid { field, .. } if *field == "retired_on"));
    assert!(
        err.to_string()
            .contains("Wilbur Ross holds this office until 2021-01-20, after 2019-01-01"),
        "{err}"
    );
    assert!(w.store.office(w.commerce).unwrap().retired_on.is_none());
    w.store
        .retire_office(w.commerce, day("2030-01-01"))
        .unwrap();
    assert_eq!(
        w.store.office(w.commerce).unwrap().retired_on,
        Some(day("2030-01-01"))
    );
    // No term may start or run past the retirement.
    let p = w.store.terms_of_office(w.commerce).unwrap()[0].person_id;
    let late = NewTerm {
        person_id: p,
        office_id: w.commerce,
        start_on: day("2030-02-01"),
        end_on: None,
        acting: false,
        address: Vec::new(),
    };
    let err = w.store.add_term(&late).unwrap_err();
    assert!(err.to_string().contains("retired on 2030-01-01"), "{err}");
    // Reinstated, it can be held again.
    w.store.reinstate_office(w.commerce).unwrap();
    assert!(w.store.office(w.commerce).unwrap().retired_on.is_none());
    w.store.add_term(&late).unwrap();
}

fn the_holder_of_an_office_depends_on_the_date(engine: Backend) {
    let w = world_on(engine);
    let h = w
        .store
        .holder_on(w.ustr, day("2017-09-05"))
        .unwrap()
        .unwrap();
    assert_eq!(h.person.full_name, "Robert E. Lighthizer");
    let h = w
        .store
        .holder_on(w.ustr, day("2026-11-28"))
        .unwrap()
        .unwrap();
    assert_eq!(h.person.id, w.greer);
    // Between Tai and Greer the seat was vacant (no acting holder recorded).
    assert!(
        w.store
            .holder_on(w.ustr, day("2025-02-01"))
            .unwrap()
            .is_none()
    );
    assert_eq!(w.store.terms_of_office(w.ustr).unwrap().len(), 3);
    assert_eq!(w.store.terms_of_person(w.ross).unwrap().len(), 1);
    let latest = w
        .store
        .latest_holding(w.ross, day("2026-11-28"))
        .unwrap()
        .unwrap();
    assert_eq!(latest.office.id, w.commerce);
}

fn overlapping_and_backwards_terms_are_refused_and_nothing_is_written(engine: Backend) {
    let mut w = world_on(engine);
    let before = counts(&w.store);
    let err = term(
        &mut w.store,
        w.greer,
        w.commerce,
        "2018-01-01",
        Some("2019-01-01"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("overlaps Wilbur Ross"), "{err}");
    let err = term(
        &mut w.store,
        w.greer,
        w.commerce,
        "2022-01-01",
        Some("2021-01-01"),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "end_on",
                ..
            }
        ),
        "{err}"
    );
    let err = term(&mut w.store, w.greer, 4242, "2022-01-01", None).unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "office", .. }),
        "{err}"
    );
    assert_eq!(counts(&w.store), before);
    // An acting term may overlap; a term may start on the day the last one ended.
    w.store
        .add_term(&NewTerm {
            person_id: w.greer,
            office_id: w.commerce,
            start_on: day("2018-01-01"),
            end_on: None,
            acting: true,
            address: Vec::new(),
        })
        .unwrap();
    term(
        &mut w.store,
        w.greer,
        w.commerce,
        "2021-01-20",
        Some("2021-02-01"),
    )
    .unwrap();
    // Editing a term runs the same checks.
    let t = w
        .store
        .terms_of_office(w.commerce)
        .unwrap()
        .into_iter()
        .find(|t| !t.acting && t.person_id == w.greer)
        .unwrap();
    let err = w
        .store
        .edit_term(
            t.id,
            &NewTerm {
                person_id: w.greer,
                office_id: w.commerce,
                start_on: day("2020-01-01"),
                end_on: Some(day("2021-02-01")),
                acting: false,
                address: Vec::new(),
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("overlaps"), "{err}");
    assert_eq!(w.store.term(t.id).unwrap().start_on, day("2021-01-20"));
}

testkit::engines!(
    persons_are_added_edited_listed_and_retired,
    offices_are_found_by_title_or_short_name,
    the_holder_of_an_office_depends_on_the_date,
    overlapping_and_backwards_terms_are_refused_and_nothing_is_written,
);
