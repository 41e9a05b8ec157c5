//! Where a letter goes on its date: a Capitol office address belongs to the
//! member's term, not the seat (issue 30, item 1).

use super::*;

/// California's senate seats as an officials CSV gives them: today's holders
/// first (their rows make the offices, with today's rooms), then the holders
/// of 2018, Feinstein with the rooms of her term, Harris with none.
const CALIFORNIA: &str = "\
full_name,office,office_kind,organization,address,start,end
Adam Schiff,U.S. Senator for California (class 1),senator,United States Senate,112 Hart Senate Office Building|Washington DC 20510,2024-12-09,
Alex Padilla,U.S. Senator for California (class 3),senator,United States Senate,B03 Russell Senate Office Building|Washington DC 20510,2021-01-20,
Dianne Feinstein,U.S. Senator for California (class 1),,,331 Hart Senate Office Building|Washington DC 20510,1992-11-10,2023-09-29
Kamala D. Harris,U.S. Senator for California (class 3),,,,2017-01-03,2021-01-18
";

fn california(app: &App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("california.csv");
    std::fs::write(&path, CALIFORNIA).unwrap();
    let summary = app.import_csv(&path, false).unwrap();
    assert_eq!(summary.terms_added, 4, "{summary:?}");
    assert!(!summary.changes_nothing, "{summary:?}");
}

fn to_seats(app: &App, date: &str) -> NewLetter {
    let mut l = new_letter(app, date);
    l.recipients = [1, 3]
        .iter()
        .map(|class| RecipientChoice {
            role: Role::To,
            to: Addressee::Office(office(
                app,
                &format!("U.S. Senator for California (class {class})"),
            )),
        })
        .collect();
    l
}

fn a_back_dated_letter_goes_to_the_rooms_of_that_dates_holders(engine: Backend) {
    let app = app_on(engine);
    california(&app);
    let l = to_seats(&app, "2018-09-24");
    let preview = app.preview_draft(&l, &PreviewHave::default()).unwrap();
    let text = &preview.pages[0].drawing.as_ref().unwrap().overlay;
    // Feinstein's row gave the rooms of her term: the letter goes there, not
    // to her successor's.
    assert!(text.contains("Dianne Feinstein"), "{text}");
    assert!(text.contains("331 Hart Senate Office Building"), "{text}");
    assert!(!text.contains("112 Hart"), "{text}");
    // Nothing older is known for Harris: today's rooms, with a warning.
    let warned: Vec<_> = preview
        .warnings
        .iter()
        .filter(|w| w.contains("no address is on record"))
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", preview.warnings);
    assert!(
        warned[0]
            .contains("Kamala D. Harris as U.S. Senator for California (class 3) on 2018-09-24"),
        "{warned:?}"
    );
    // The draft saved says so too, and its letter data has the same rooms.
    app.clock().set(at("2018-09-24"));
    let drafted = app.draft_letter(&l).unwrap();
    assert!(
        drafted
            .warnings
            .iter()
            .any(|w| w.contains("no address is on record for Kamala D. Harris")),
        "{:?}",
        drafted.warnings
    );
    let data = app.letter_data(drafted.letter_id).unwrap();
    assert_eq!(
        data.recipients[0].address[0],
        "331 Hart Senate Office Building"
    );
    assert_eq!(
        data.recipients[1].address[0],
        "B03 Russell Senate Office Building"
    );
}

fn todays_holders_get_todays_rooms_without_a_word(engine: Backend) {
    let app = app_on(engine);
    california(&app);
    let preview = app
        .preview_draft(&to_seats(&app, "2026-11-28"), &PreviewHave::default())
        .unwrap();
    let text = &preview.pages[0].drawing.as_ref().unwrap().overlay;
    assert!(text.contains("112 Hart Senate Office Building"), "{text}");
    assert!(
        text.contains("B03 Russell Senate Office Building"),
        "{text}"
    );
    assert!(
        !preview.warnings.iter().any(|w| w.contains("no address")),
        "{:?}",
        preview.warnings
    );
}

fn a_csv_row_gives_an_existing_term_its_address_and_exports_it(engine: Backend) {
    let app = app_on(engine);
    california(&app);
    // Harris's rooms, learnt later: the same row again, now with an address.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("harris.csv");
    std::fs::write(
        &path,
        "full_name,office,address,start,end\n\
         Kamala D. Harris,U.S. Senator for California (class 3),112 Hart Senate Office Building|Washington DC 20510,2017-01-03,2021-01-18\n",
    )
    .unwrap();
    assert_eq!(app.import_csv(&path, false).unwrap().terms_added, 0);
    let preview = app
        .preview_draft(&to_seats(&app, "2018-09-24"), &PreviewHave::default())
        .unwrap();
    assert!(
        !preview.warnings.iter().any(|w| w.contains("no address")),
        "{:?}",
        preview.warnings
    );
    let csv = app.export_officials_csv().unwrap();
    let harris = csv
        .lines()
        .find(|l| l.contains("Kamala D. Harris"))
        .unwrap();
    assert!(
        harris.contains("112 Hart Senate Office Building | Washington DC 20510"),
        "{harris}"
    );
}

fn a_holder_added_by_hand_with_the_rooms_of_that_term_is_written_to_there(engine: Backend) {
    let app = app_on(engine);
    california(&app);
    let class_3 = office(&app, "U.S. Senator for California (class 3)");
    let boxer = app
        .save_person(
            None,
            &NewPerson {
                full_name: "Barbara Boxer".into(),
                family_name: String::new(),
                honorific: None,
                salutation: None,
                email: None,
            },
        )
        .unwrap();
    let term = app
        .add_term(&NewTerm {
            person_id: boxer,
            office_id: class_3,
            start_on: day("1993-01-05"),
            end_on: Some(day("2016-12-31")),
            acting: false,
            address: vec![
                "112 Hart Senate Office Building".into(),
                " ".into(),
                "Washington DC 20510".into(),
            ],
        })
        .unwrap();
    // Changing when the term ends (as the window's End term does) keeps its rooms.
    app.end_term(term, day("2017-01-03")).unwrap();
    let mut l = to_seats(&app, "2016-06-01");
    l.recipients.remove(0);
    let preview = app.preview_draft(&l, &PreviewHave::default()).unwrap();
    let text = &preview.pages[0].drawing.as_ref().unwrap().overlay;
    assert!(
        text.contains("Barbara Boxer") && text.contains("112 Hart Senate Office Building"),
        "{text}"
    );
    assert!(!text.contains("B03 Russell"), "{text}");
    assert!(
        !preview.warnings.iter().any(|w| w.contains("no address")),
        "{:?}",
        preview.warnings
    );
}

testkit::engines!(
    a_holder_added_by_hand_with_the_rooms_of_that_term_is_written_to_there,
    a_back_dated_letter_goes_to_the_rooms_of_that_dates_holders,
    todays_holders_get_todays_rooms_without_a_word,
    a_csv_row_gives_an_existing_term_its_address_and_exports_it,
);
