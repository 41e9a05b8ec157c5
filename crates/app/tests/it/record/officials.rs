//! Offices and people: who an office resolves to on a letter's date, retired offices, edits, hand-made officials.

use super::*;

fn an_office_resolves_to_whoever_held_it_on_the_letters_date(engine: Backend) {
    let app = app_on(engine);
    let ustr = office(&app, "USTR");
    let choice = RecipientChoice {
        role: Role::To,
        to: Addressee::Office(ustr),
    };
    let (r, warnings) = app.resolve(&choice, day("2017-09-05")).unwrap();
    assert_eq!(
        app.store().person(r.person_id.unwrap()).unwrap().full_name,
        "Robert E. Lighthizer"
    );
    assert!(warnings.is_empty());
    let (r, _) = app.resolve(&choice, day("2026-11-28")).unwrap();
    assert_eq!(
        app.store().person(r.person_id.unwrap()).unwrap().full_name,
        "Jamieson Greer"
    );
    let (r, _) = app.resolve(&choice, day("2022-06-01")).unwrap();
    assert_eq!(
        app.store().person(r.person_id.unwrap()).unwrap().full_name,
        "Katherine Tai"
    );
    // Between two holders the seat was vacant: the letter goes to the office, with a warning.
    let (r, warnings) = app.resolve(&choice, day("2025-02-01")).unwrap();
    assert_eq!(r.person_id, None);
    assert!(
        warnings[0].contains("no holder of the office of"),
        "{warnings:?}"
    );
}

fn a_retired_office_still_resolves_before_it_went_and_warns_after(engine: Backend) {
    let app = app_on(engine);
    let ustr = office(&app, "USTR");
    // Someone holds it today: retiring it is refused and nothing changes.
    let err = app
        .retire_office(ustr, Some(day("2026-12-01")))
        .unwrap_err();
    assert!(
        matches!(
            &err,
            AppError::Invalid { field, .. } if field == "retired_on"
        ),
        "{err}"
    );
    assert!(err.to_string().contains("Jamieson Greer"), "{err}");
    assert_eq!(app.store().office(ustr).unwrap().retired_on, None);
    let greer = app
        .office_detail(ustr)
        .unwrap()
        .holders
        .into_iter()
        .find(|h| h.end_on.is_none())
        .unwrap();
    app.end_term(greer.term_id, day("2026-11-30")).unwrap();
    app.retire_office(ustr, Some(day("2026-12-01"))).unwrap();
    let choice = RecipientChoice {
        role: Role::To,
        to: Addressee::Office(ustr),
    };
    let (r, warnings) = app.resolve(&choice, day("2017-09-05")).unwrap();
    assert!(r.person_id.is_some());
    assert!(warnings.is_empty(), "{warnings:?}");
    let (r, warnings) = app.resolve(&choice, day("2027-01-04")).unwrap();
    assert_eq!(r.person_id, None);
    assert!(
        warnings[0].contains("was retired on 2026-12-01") && warnings[0].contains("successor"),
        "{warnings:?}"
    );
    // Reinstated, a later letter is just addressed to a vacant office.
    app.retire_office(ustr, None).unwrap();
    let (_, warnings) = app.resolve(&choice, day("2027-01-04")).unwrap();
    assert!(
        warnings[0].contains("no holder of the office of"),
        "{warnings:?}"
    );
}

fn an_office_edit_changes_new_letters_addresses_and_refuses_a_blank_title(engine: Backend) {
    let app = app_on(engine);
    let ustr = office(&app, "USTR");
    let o = app.store().office(ustr).unwrap();
    let mut edited = store::NewOffice {
        title: o.title.clone(),
        short_name: o.short_name.clone(),
        organization: o.organization.clone(),
        kind: o.kind,
        single_holder: o.single_holder,
        address: vec!["600 17th Street NW".into(), "Washington, DC 20508".into()],
        email: None,
        contact_form: None,
    };
    app.edit_office(ustr, &edited).unwrap();
    assert_eq!(app.store().office(ustr).unwrap().address, edited.address);
    edited.title = "  ".into();
    let err = app.edit_office(ustr, &edited).unwrap_err();
    assert!(
        matches!(
            &err,
            AppError::Invalid { field, .. } if field == "title"
        ),
        "{err}"
    );
    assert_eq!(app.store().office(ustr).unwrap().title, o.title);
}

fn a_person_whose_term_ended_is_flagged(engine: Backend) {
    let app = app_on(engine);
    let ross = app.store().persons("Ross", 1).unwrap()[0].id;
    let choice = RecipientChoice {
        role: Role::To,
        to: Addressee::Person(ross),
    };
    let (r, warnings) = app.resolve(&choice, day("2022-01-01")).unwrap();
    assert_eq!(r.person_id, Some(ross));
    assert!(warnings[0].contains("ended on 2021-01-20"), "{warnings:?}");
    let (_, warnings) = app.resolve(&choice, day("2018-01-01")).unwrap();
    assert!(warnings.is_empty());
}

fn a_hand_made_official_is_added_whole_or_not_at_all(engine: Backend) {
    let app = app_on(engine);
    let before = counts(&app);
    let official = |name: &str, office: Option<NewOffice>, office_id: Option<i64>| NewOfficial {
        person: NewPerson {
            full_name: name.into(),
            honorific: Some("The Honorable".into()),
            ..Default::default()
        },
        office_id,
        office,
        start_on: day("2025-01-20"),
        end_on: None,
        acting: false,
    };
    let minister = NewOffice {
        title: "Trade Negotiations Minister".into(),
        short_name: None,
        organization: Some("Ministry of Trade, Industry and Energy".into()),
        kind: OfficeKind::ForeignMinister,
        single_holder: true,
        address: vec!["Sejong".into()],
        email: None,
        contact_form: None,
    };
    // A refused part writes nothing: no name, an untitled new office, no
    // office at all, a term that ends before it starts, a one-holder office
    // already held on that day.
    let err = app
        .add_official(&official(" ", Some(minister.clone()), None))
        .unwrap_err();
    assert_eq!(err.field().as_deref(), Some("person.full_name"), "{err}");
    let untitled = NewOffice {
        title: String::new(),
        ..minister.clone()
    };
    let err = app
        .add_official(&official("Ahn Duk-geun", Some(untitled), None))
        .unwrap_err();
    assert_eq!(err.field().as_deref(), Some("office.title"), "{err}");
    let err = app
        .add_official(&official("Ahn Duk-geun", None, None))
        .unwrap_err();
    assert_eq!(err.field().as_deref(), Some("office"), "{err}");
    let mut backwards = official("Ahn Duk-geun", Some(minister.clone()), None);
    backwards.end_on = Some(day("2024-01-01"));
    let err = app.add_official(&backwards).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("end_on"), "{err}");
    let ustr = office(&app, "USTR");
    assert!(
        app.add_official(&official("Someone Else", None, Some(ustr)))
            .is_err()
    );
    assert_eq!(counts(&app), before);
    // A whole one: the person holds the new office from the start date and
    // a letter to the office on a later day is addressed to them.
    let id = app
        .add_official(&official("Ahn Duk-geun", Some(minister), None))
        .unwrap();
    let after = counts(&app);
    assert_eq!(&after[..3], &[before[0] + 1, before[1] + 1, before[2] + 1]);
    let detail = app.person_detail(id).unwrap();
    assert_eq!(detail.terms.len(), 1, "{detail:?}");
    assert_eq!(detail.terms[0].office, "Trade Negotiations Minister");
    assert_eq!(detail.terms[0].start_on, day("2025-01-20"));
}

fn resolution_follows_each_change_of_holder(engine: Backend) {
    let app = app_on(engine);
    let who = |office: &str, on: &str| {
        let id = app.store().find_office(office).unwrap().id;
        let choice = RecipientChoice {
            role: Role::To,
            to: Addressee::Office(id),
        };
        let (r, _) = app.resolve(&choice, day(on)).unwrap();
        r.person_id
            .map(|p| app.store().person(p).unwrap().full_name)
    };
    let cases = [
        ("Secretary of Commerce", "2021-01-19", Some("Wilbur Ross")),
        (
            "Secretary of Commerce",
            "2021-03-04",
            Some("Gina M. Raimondo"),
        ),
        (
            "Secretary of Commerce",
            "2025-01-19",
            Some("Gina M. Raimondo"),
        ),
        (
            "Secretary of Commerce",
            "2025-02-22",
            Some("Howard Lutnick"),
        ),
        ("USTR", "2021-01-19", Some("Robert E. Lighthizer")),
        ("USTR", "2021-02-15", None),
        ("USTR", "2021-03-19", Some("Katherine Tai")),
        ("USTR", "2025-01-19", Some("Katherine Tai")),
        ("USTR", "2025-02-28", Some("Jamieson Greer")),
    ];
    for (office, on, expected) in cases {
        assert_eq!(who(office, on).as_deref(), expected, "{office} on {on}");
    }
}

fn an_office_with_no_holder_on_record_is_greeted_by_its_title_and_blocks_approval(engine: Backend) {
    let app = app_on(engine);
    let seat = |class: u8| {
        app.add_office(&NewOffice {
            title: format!("U.S. Senator for California (class {class})"),
            short_name: None,
            organization: Some("United States Senate".into()),
            kind: OfficeKind::Senator,
            single_holder: true,
            address: vec!["Washington, DC 20510".into()],
            email: None,
            contact_form: None,
        })
        .unwrap()
    };
    let mut l = new_letter(&app, "2018-09-24");
    for class in [1, 3] {
        l.recipients.push(RecipientChoice {
            role: Role::To,
            to: Addressee::Office(seat(class)),
        });
    }
    let preview = app.preview_draft(&l, &PreviewHave::default()).unwrap();
    let text = &preview.pages[0].drawing.as_ref().unwrap().overlay;
    assert!(
        text.contains("Dear Secretary Ross, Ambassador Lighthizer, and Senators:"),
        "{text}"
    );
    assert!(!text.contains("Sir or Madam") && !text.contains("vacant"));
    assert!(
        preview.resolved[2].ends_with("(no holder on record)"),
        "{:?}",
        preview.resolved
    );
    assert!(
        preview
            .warnings
            .iter()
            .any(|w| w.contains("no holder of the office of U.S. Senator for California (class 1)")),
        "{:?}",
        preview.warnings
    );
    app.clock().set(at("2018-09-24"));
    // The draft is kept; approving it asks who held the seat then.
    let id = app.draft_letter(&l).unwrap().letter_id;
    let err = app.approve(id).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("recipients"), "{err}");
    assert!(err.to_string().contains("no holder of the office of U.S. Senator for California (class 1) is on record for 2018-09-24"), "{err}");
}

fn approving_takes_a_holder_added_since_the_draft_was_saved(engine: Backend) {
    let app = app_on(engine);
    let seat = app
        .add_office(&NewOffice {
            title: "U.S. Senator for California (class 3)".into(),
            short_name: None,
            organization: Some("United States Senate".into()),
            kind: OfficeKind::Senator,
            single_holder: true,
            address: vec!["Washington, DC 20510".into()],
            email: None,
            contact_form: None,
        })
        .unwrap();
    let mut l = new_letter(&app, "2018-09-24");
    l.recipients.push(RecipientChoice {
        role: Role::To,
        to: Addressee::Office(seat),
    });
    app.clock().set(at("2018-09-24"));
    let id = app.draft_letter(&l).unwrap().letter_id;
    assert!(app.approve(id).is_err());
    // The missing holder is added while the letter is open; nobody saves it again.
    let harris = app
        .save_person(
            None,
            &NewPerson {
                full_name: "Kamala D. Harris".into(),
                family_name: String::new(),
                honorific: None,
                salutation: None,
                email: None,
            },
        )
        .unwrap();
    app.add_term(&NewTerm {
        person_id: harris,
        office_id: seat,
        start_on: day("2017-01-03"),
        end_on: Some(day("2021-01-18")),
        acting: false,
        address: Vec::new(),
    })
    .unwrap();
    app.approve(id).unwrap();
    let recipients = app.store().recipients(id).unwrap();
    assert_eq!(recipients[2].person_id, Some(harris));
    let data = app.letter_data(id).unwrap();
    assert_eq!(data.recipients[2].name, "Kamala D. Harris");
}

testkit::engines!(
    approving_takes_a_holder_added_since_the_draft_was_saved,
    an_office_resolves_to_whoever_held_it_on_the_letters_date,
    a_retired_office_still_resolves_before_it_went_and_warns_after,
    an_office_edit_changes_new_letters_addresses_and_refuses_a_blank_title,
    a_person_whose_term_ended_is_flagged,
    a_hand_made_official_is_added_whole_or_not_at_all,
    resolution_follows_each_change_of_holder,
    an_office_with_no_holder_on_record_is_greeted_by_its_title_and_blocks_approval,
);
