//! Use cases over the record, without Tauri: the sample record, drafting by
//! office at a date, the lifecycle to sent, archives and revisions.
//!
//! Over 900 lines: a test file, one scenario after another on the same
//! sample record and helpers; no function in it is long, and splitting it
//! by area is left for when its areas' tests are next changed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;

use amicus_app::LogFilter;
use amicus_app::*;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use store::{LetterMode, Method, Role, Status};

use support::{Backend, fresh};
use testkit::engines as support;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day(s).and_hms_opt(15, 0, 0).unwrap())
}

/// The sample record, on either engine.
fn app_on(engine: Backend) -> App {
    App::with_store(
        amicus_app::Engine::new().unwrap(),
        fresh(engine),
        at("2026-11-28"),
    )
    .unwrap()
}

fn counts(app: &App) -> Vec<i64> {
    [
        "persons",
        "offices",
        "terms",
        "letters",
        "letter_recipients",
        "archive",
        "events",
    ]
    .iter()
    .map(|t| {
        app.store()
            .connection()
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    })
    .collect()
}

fn office(app: &App, name: &str) -> i64 {
    app.store().find_office(name).unwrap().id
}

fn new_letter(app: &App, date: &str) -> NewLetter {
    let korus = app.store().find_issue("KORUS").unwrap();
    let position = app
        .store()
        .position_on(korus.id, day(date))
        .unwrap()
        .unwrap();
    let signer_id = app.store().signers().unwrap()[0].id;
    NewLetter {
        template: "joint-support".into(),
        position_id: Some(position.id),
        signer_id,
        date: day(date),
        subject: "Modernizing KORUS".into(),
        body: "We write again about **KORUS**.\n\nOur members export to Korea.".into(),
        mode: LetterMode::Joint,
        recipients: vec![
            RecipientChoice {
                role: Role::To,
                to: Addressee::Office(office(app, "Secretary of Commerce")),
            },
            RecipientChoice {
                role: Role::To,
                to: Addressee::Office(office(app, "U.S. Trade Representative")),
            },
        ],
        extra: LetterExtra::default(),
    }
}

fn send_report(date: &str, method: Method) -> SendReport {
    SendReport {
        method,
        at: Some(at(date)),
        confirmation: None,
        follow_up: FollowUp::Default,
    }
}

fn a_new_record_holds_the_sample_letter_as_sent(engine: Backend) {
    let app = app_on(engine);
    let letters = app.letters(None).unwrap();
    assert_eq!(letters.len(), 1);
    let sample = &letters[0];
    assert_eq!(sample.status, Status::Sent);
    assert_eq!(sample.date, day("2017-09-05"));
    let data = app.letter_data(sample.id).unwrap();
    let salutations: Vec<&str> = data
        .recipients
        .iter()
        .map(|r| r.salutation.as_str())
        .collect();
    assert_eq!(salutations, ["Secretary Ross", "Ambassador Lighthizer"]);
    assert_eq!(data.position.as_ref().unwrap().version, Some(2));
    assert!(data.cc.iter().any(|c| c.contains("유명희")));
    // Both copies are archived, hash-checked and re-render to the same bytes.
    assert_eq!(app.verify_archive(sample.id).unwrap(), 2);
    let log = app.log(&LogFilter::default()).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].method, Some(Method::Mail));
    assert_eq!(log[1].method, Some(Method::Email));
    // Opening again adds nothing.
    let before = counts(&app);
    let store = app.into_store();
    let app = App::with_store(Engine::new().unwrap(), store, at("2026-11-29")).unwrap();
    assert_eq!(counts(&app), before);
}

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

fn draft_approve_sign_send_archives_the_exact_pdf(engine: Backend) {
    let app = app_on(engine);
    app.clock().set(at("2017-10-30"));
    let drafted = app.draft_letter(&new_letter(&app, "2017-11-01")).unwrap();
    let id = drafted.letter_id;
    let data = app.letter_data(id).unwrap();
    assert_eq!(data.recipients[1].name, "Robert E. Lighthizer");
    assert_eq!(
        data.recipients[1].honorific.as_deref(),
        Some("The Honorable")
    );
    let preview = app.preview_letter(id).unwrap();
    assert!(
        !preview.is_empty()
            && preview[0].contains("Dear Secretary Ross and Ambassador Lighthizer:")
    );

    let r = app.store().recipients(id).unwrap();
    let before = counts(&app);
    app.clock().set(at("2017-11-01"));
    let err = app
        .mark_sent(r[0].id, &send_report("2017-11-01", Method::Mail))
        .unwrap_err();
    assert!(err.to_string().contains("approved and signed"), "{err}");
    assert_eq!(counts(&app), before);

    app.clock().set(at("2017-10-31"));
    app.approve(id).unwrap();
    app.clock().set(at("2017-11-01"));
    app.sign(id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = app
        .export_letter(id, &dir.path().join("korus.pdf"), &ExportOptions::default())
        .unwrap();
    let exported = std::fs::read(&files[0]).unwrap();
    app.mark_sent(r[0].id, &send_report("2017-11-01", Method::Mail))
        .unwrap();
    app.mark_sent(r[1].id, &send_report("2017-11-01", Method::Fax))
        .unwrap();
    let archived = app.store().archived(id).unwrap();
    assert_eq!(archived.len(), 2);
    // What was archived is what was exported for signing, byte for byte.
    assert_eq!(archived[0].pdf, exported);
    assert_eq!(archived[0].sha256, store::letters::sha256_hex(&exported));
    assert_eq!(app.verify_archive(id).unwrap(), 2);
    let kinds: Vec<String> = app
        .store()
        .events(id)
        .unwrap()
        .iter()
        .map(|e| e.kind.to_string())
        .collect();
    assert_eq!(
        kinds,
        ["created", "approved", "signed", "exported", "sent", "sent"]
    );
}

fn editing_a_sent_letter_makes_a_revision_and_leaves_the_original_intact(engine: Backend) {
    let app = app_on(engine);
    let sample = app.letters(Some(Status::Sent)).unwrap()[0].id;
    let original = app.store().letter(sample).unwrap();
    let archived = app.store().archived(sample).unwrap();

    // In place, the record refuses: nothing is written.
    let before = counts(&app);
    let mut edit = new_letter(&app, "2017-09-05");
    edit.body = "Changed after the fact.".into();
    let draft = store::LetterDraft {
        template_id: original.template_id,
        position_id: original.position_id,
        signer_id: original.signer_id,
        date: original.date,
        subject: original.subject.clone(),
        body: "Changed after the fact.".into(),
        mode: original.mode,
        extra: original.extra.clone(),
    };
    let err = app
        .store()
        .edit_letter(sample, &draft, &[], at("2017-09-06"))
        .unwrap_err();
    assert!(err.to_string().contains("Make a revision"), "{err}");
    assert_eq!(counts(&app), before);

    app.clock().set(at("2017-09-06"));
    // The edit use case turns it into a revision.
    let edited = app.edit_letter(sample, &edit).unwrap();
    assert_ne!(edited.letter_id, sample);
    assert!(
        edited.warnings.iter().any(|w| w.contains("revision")),
        "{:?}",
        edited.warnings
    );
    let revision = app.store().letter(edited.letter_id).unwrap();
    assert_eq!(revision.revision_of, Some(sample));
    assert_eq!(revision.status, Status::Draft);
    assert_eq!(revision.body, "Changed after the fact.");
    assert_eq!(app.store().letter(sample).unwrap(), original);
    assert_eq!(app.store().archived(sample).unwrap(), archived);
    assert_eq!(app.verify_archive(sample).unwrap(), 2);
    // The revision can be edited in place like any draft.
    edit.subject = "Second thoughts".into();
    app.clock().set(at("2017-09-07"));
    assert_eq!(
        app.edit_letter(revision.id, &edit).unwrap().letter_id,
        revision.id
    );
    assert_eq!(
        app.store().letter(revision.id).unwrap().subject,
        "Second thoughts"
    );
}

fn bad_input_is_refused_with_nothing_written(engine: Backend) {
    let app = app_on(engine);
    let before = counts(&app);
    // An office that does not exist.
    let mut l = new_letter(&app, "2017-09-05");
    l.recipients.push(RecipientChoice {
        role: Role::To,
        to: Addressee::Office(999),
    });
    app.clock().set(at("2017-09-05"));
    let err = app.draft_letter(&l).unwrap_err();
    assert!(
        matches!(
            err,
            AppError::NotFound { ref what, .. } if what == "office"
        ),
        "{err}"
    );
    assert!(app.store().find_office("Secretary of Defense").is_err());
    // An unknown template.
    let mut l = new_letter(&app, "2017-09-05");
    l.template = "no-such-template".into();
    assert!(app.draft_letter(&l).is_err());
    // Tracked cc recipients on a one-copy-per-recipient letter.
    let mut l = new_letter(&app, "2017-09-05");
    l.mode = LetterMode::PerRecipient;
    l.recipients[1].role = Role::Cc;
    assert!(app.draft_letter(&l).unwrap_err().to_string().contains("cc"));
    assert_eq!(counts(&app)[1..], before[1..]);
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

fn an_unfinished_draft_is_saved_and_approval_names_what_is_missing(engine: Backend) {
    let app = app_on(engine);
    // No subject yet, and a signer without the title the template prints.
    let untitled = app.store().add_signer("Pat Doe", None).unwrap();
    let mut l = new_letter(&app, "2017-09-05");
    l.subject = String::new();
    l.signer_id = untitled;
    app.clock().set(at("2017-09-05"));
    let drafted = app.draft_letter(&l).unwrap();
    assert!(
        drafted.warnings.iter().any(|w| w.contains("signer.title")),
        "{:?}",
        drafted.warnings
    );
    let id = drafted.letter_id;
    assert_eq!(app.open_letter(id).unwrap().draft.subject, "");
    app.clock().set(at("2017-09-06"));
    let err = app.approve(id).unwrap_err();
    assert!(err.to_string().contains("signer.title"), "{err}");
    // Finished: a subject and a signer with a title; now it can be approved.
    l.subject = "Modernizing KORUS".into();
    l.signer_id = app.store().signers().unwrap()[0].id;
    let saved = app.edit_letter(id, &l).unwrap();
    assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
    app.clock().set(at("2017-09-07"));
    app.approve(id).unwrap();
    // Changing an approved letter withdraws the approval, and says so.
    l.body.push_str("\n\nOne more thing.");
    app.clock().set(at("2017-09-08"));
    let changed = app.edit_letter(id, &l).unwrap();
    assert!(
        changed
            .warnings
            .iter()
            .any(|w| w.contains("approved again")),
        "{:?}",
        changed.warnings
    );
    assert_eq!(app.open_letter(id).unwrap().summary.status, Status::Draft);
    // No addressee at all: saved, with the warning; approval refuses.
    let mut empty = new_letter(&app, "2017-09-05");
    empty.recipients.clear();
    app.clock().set(at("2017-09-05"));
    let drafted = app.draft_letter(&empty).unwrap();
    assert!(drafted.warnings.iter().any(|w| w.contains("addressee")));
    app.clock().set(at("2017-09-06"));
    let err = app.approve(drafted.letter_id).unwrap_err();
    assert!(err.to_string().contains("addressee"), "{err}");
}

fn a_per_recipient_letter_archives_each_recipients_own_copy(engine: Backend) {
    let app = app_on(engine);
    let mut l = new_letter(&app, "2017-11-01");
    l.mode = LetterMode::PerRecipient;
    app.clock().set(at("2017-10-30"));
    let id = app.draft_letter(&l).unwrap().letter_id;
    app.clock().set(at("2017-10-31"));
    app.approve(id).unwrap();
    app.sign(id).unwrap();
    let r = app.store().recipients(id).unwrap();
    for x in &r {
        app.clock().set(at("2017-11-01"));
        app.mark_sent(x.id, &send_report("2017-11-01", Method::Email))
            .unwrap();
    }
    let archived = app.store().archived(id).unwrap();
    assert_ne!(archived[0].pdf, archived[1].pdf);
    assert!(archived[0].data.contains("Wilbur Ross") && !archived[0].data.contains("Lighthizer"));
    assert!(archived[1].data.contains("Lighthizer"));
    assert_eq!(app.verify_archive(id).unwrap(), 2);
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

#[test]
fn the_letterhead_is_edited_and_its_logo_kept_beside_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(
        Engine::new().unwrap(),
        &dir.path().join("amicus.db"),
        at("2026-11-28"),
    )
    .unwrap();
    let mut head = app.letterhead().unwrap();
    assert_eq!(head.name, "Lakeshore State Chamber of Commerce");

    // Not a PNG: refused, and the letterhead is unchanged.
    let bad = dir.path().join("logo.png");
    std::fs::write(&bad, b"GIF89a").unwrap();
    head.logo = Some(bad.display().to_string());
    let err = app.set_letterhead(&head).unwrap_err().to_string();
    assert!(err.contains("not a PNG"), "{err}");
    assert_eq!(app.letterhead().unwrap().logo, None);
    head.logo = None;
    head.name = "  ".into();
    assert!(
        app.set_letterhead(&head)
            .unwrap_err()
            .to_string()
            .contains("name")
    );

    let png = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../templates/samples/logo.png"
    );
    head.name = "Lakeshore Chamber".into();
    head.logo = Some(png.into());
    app.set_letterhead(&head).unwrap();
    let kept = app.letterhead().unwrap().logo.unwrap();
    assert!(
        kept.starts_with(&dir.path().display().to_string()),
        "{kept}"
    );
    assert_eq!(std::fs::read(&kept).unwrap(), std::fs::read(png).unwrap());
    // New letters carry the new letterhead.
    let sample = app.letters(None).unwrap()[0].id;
    let letter = app.open_letter(sample).unwrap().draft;
    let preview = app.preview_draft(&letter, &PreviewHave::default()).unwrap();
    let first = &preview.pages[0].drawing.as_ref().unwrap().overlay;
    assert!(first.contains("data:image/png"), "{first}");
}

fn the_letters_list_names_each_letters_addressees_and_issue(engine: Backend) {
    let app = app_on(engine);
    let mut letter = new_letter(&app, "2021-02-01");
    app.clock().set(at("2021-02-01"));
    app.draft_letter(&letter).unwrap();
    letter.recipients.truncate(1);
    app.clock().set(at("2021-02-02"));
    app.draft_letter(&letter).unwrap();
    let list = app.letter_summaries(None).unwrap();
    assert_eq!(list.len(), 3);
    for s in &list {
        assert_eq!(s, &app.open_letter(s.id).unwrap().summary);
    }
    // Both offices were vacant on 2021-02-01: named as the office.
    assert_eq!(
        list[0].recipients,
        ["Secretary of Commerce (no holder on record)"]
    );
    assert_eq!(list[0].issue, list[1].issue);
    assert_eq!(
        list[1].recipients,
        [
            "Secretary of Commerce (no holder on record)",
            "United States Trade Representative (no holder on record)"
        ]
    );
    assert!(list[1].issue.as_deref().unwrap().contains("KORUS"));
}

fn the_live_preview_answers_while_an_export_is_in_progress(engine: Backend) {
    use std::sync::mpsc;
    use std::time::Duration;
    let app = app_on(engine);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("korus.pdf");
    let (exporting, started) = mpsc::channel::<()>();
    let (finish, may_finish) = mpsc::channel::<()>();
    let may_finish = std::sync::Mutex::new(may_finish);
    let options = ExportOptions {
        combined: false,
        blank_signature: false,
        // The export stops after its copy until the preview has answered.
        progress: Some(Box::new(move |_, _| {
            exporting.send(()).unwrap();
            may_finish
                .lock()
                .unwrap()
                .recv_timeout(Duration::from_secs(30))
                .is_ok()
        })),
    };
    let letter = new_letter(&app, "2018-09-24");
    let (answered, preview) = mpsc::channel();
    std::thread::scope(|s| {
        app.clock().set(at("2026-11-29"));
        let export = s.spawn(|| app.export_letter(1, &out, &options));
        started.recv_timeout(Duration::from_secs(30)).unwrap();
        s.spawn(|| {
            answered
                .send(app.preview_draft(&letter, &PreviewHave::default()))
                .unwrap()
        });
        let preview = preview
            .recv_timeout(Duration::from_secs(20))
            .expect("the preview is not held up by the export")
            .unwrap();
        assert!(!preview.pages.is_empty());
        finish.send(()).unwrap();
        assert_eq!(export.join().unwrap().unwrap(), vec![out.clone()]);
    });
    assert!(out.exists());
}

fn a_joint_letter_half_sent_says_so_and_send_all_finishes_it(engine: Backend) {
    let app = app_on(engine);
    app.clock().set(at("2018-09-20"));
    let drafted = app.draft_letter(&new_letter(&app, "2018-09-24")).unwrap();
    let id = drafted.letter_id;
    app.clock().set(at("2018-09-21"));
    app.approve(id).unwrap();
    app.clock().set(at("2018-09-22"));
    app.sign(id).unwrap();
    let copies = app.open_letter(id).unwrap().recipients;
    assert_eq!(copies.len(), 2);
    let report = SendReport {
        method: Method::Email,
        at: Some(at("2018-09-24")),
        confirmation: Some("msg-1".into()),
        follow_up: FollowUp::On(day("2018-10-24")),
    };
    app.clock().set(at("2018-09-24"));
    app.mark_sent(copies[0].id, &report).unwrap();
    let summary = |app: &App| {
        app.letter_summaries(None)
            .unwrap()
            .into_iter()
            .find(|l| l.id == id)
            .unwrap()
    };
    let half = summary(&app);
    assert_eq!(half.status, Status::Sent);
    assert_eq!((half.copies, half.copies_sent), (2, 1));
    assert_eq!(app.open_letter(id).unwrap().summary.copies_sent, 1);
    app.clock().set(at("2018-09-25"));
    // "Send all unsent" sends the one left, and only it.
    let sent = app
        .send_copies(&SendRequest {
            letter_id: id,
            copy: None,
            report,
        })
        .unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, copies[1].id);
    let whole = summary(&app);
    assert_eq!((whole.copies, whole.copies_sent), (2, 2));
}

fn the_preview_of_an_unfinished_letter_names_what_is_missing_and_who_it_is_to(engine: Backend) {
    let app = app_on(engine);
    let mut l = new_letter(&app, "2018-09-24");
    l.subject.clear();
    l.body.clear();
    let preview = app.preview_draft(&l, &PreviewHave::default()).unwrap();
    assert!(preview.pages.is_empty());
    assert_eq!(preview.missing, ["subject", "body"]);
    assert!(
        preview.resolved[0].starts_with("Wilbur Ross"),
        "{:?}",
        preview.resolved
    );
    l.subject = "Modernizing KORUS".into();
    l.body = "We write again.".into();
    let done = app.preview_draft(&l, &PreviewHave::default()).unwrap();
    assert!(done.missing.is_empty() && !done.pages.is_empty());
}

/// What the preview already has, from an answer it showed.
fn have_of(p: &DraftPreview, before: &PreviewHave) -> PreviewHave {
    let mut glyphs = before.glyphs.clone();
    glyphs.extend(p.glyphs.iter().map(|g| g.id));
    PreviewHave {
        pages: p.pages.iter().map(|p| p.key.clone()).collect(),
        glyphs,
        signed_letter: None,
    }
}

fn the_live_preview_sends_only_changed_pages_and_new_glyph_outlines(engine: Backend) {
    let app = app_on(engine);
    let mut l = new_letter(&app, "2018-09-24");
    let paragraph = "Our members export machinery, beef and wine to Korea, and the \
        agreement has opened that market to them year after year.";
    l.body = vec![paragraph; 30].join("\n\n");
    let none = PreviewHave::default();
    let whole = app.preview_draft(&l, &none).unwrap();
    assert!(whole.pages.len() >= 3, "{} pages", whole.pages.len());
    // The first answer draws every page and sends each glyph outline once;
    // every glyph placed is defined, and the overlays carry no outlines
    // but keep the text for selection and screen readers.
    let ids: HashSet<u32> = whole.glyphs.iter().map(|g| g.id).collect();
    assert_eq!(ids.len(), whole.glyphs.len(), "an outline sent twice");
    for page in &whole.pages {
        let drawing = page.drawing.as_ref().unwrap();
        assert!(!drawing.overlay.contains("<path") && !drawing.overlay.contains("<use"));
        assert!(drawing.overlay.contains("<text"), "no text layer");
        for line in &drawing.lines {
            assert_eq!(line.glyphs.len() % 3, 0);
            for placed in line.glyphs.chunks(3) {
                assert!(
                    ids.contains(&(placed[0] as u32)),
                    "glyph {} is not defined",
                    placed[0]
                );
            }
        }
    }
    let greeting = whole.pages[0].drawing.as_ref().unwrap();
    assert!(
        greeting.overlay.contains("Dear Secretary Ross"),
        "{}",
        &greeting.overlay[..400]
    );
    // Asked again with what it shows: nothing to redraw, nothing to define.
    let have = have_of(&whole, &none);
    let same = app.preview_draft(&l, &have).unwrap();
    assert!(same.pages.iter().all(|p| p.drawing.is_none()));
    assert!(same.glyphs.is_empty());
    // An edit to the last paragraph redraws the last page only, and sends
    // only the outlines of glyphs no page had before.
    let last = whole.pages.len() - 1;
    l.body.push_str(" Quixotic!");
    let edited = app.preview_draft(&l, &have).unwrap();
    assert_eq!(edited.pages.len(), whole.pages.len());
    let redrawn: Vec<usize> = (0..edited.pages.len())
        .filter(|&i| edited.pages[i].drawing.is_some())
        .collect();
    assert_eq!(redrawn, [last]);
    assert_ne!(edited.pages[last].key, whole.pages[last].key);
    assert!(
        !edited.glyphs.is_empty() && edited.glyphs.len() <= 3,
        "{:?}",
        edited.glyphs
    );
    assert!(edited.glyphs.iter().all(|g| !ids.contains(&g.id)));
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

fn quotes_are_typographic_in_data_too_and_older_archives_still_verify(engine: Backend) {
    let app = app_on(engine);
    let mut l = new_letter(&app, "2018-09-24");
    l.body = "Our members' \"gains\" matter, as Mr. O'Brien said.".into();
    let preview = app.preview_draft(&l, &PreviewHave::default()).unwrap();
    let text = &preview.pages[0].drawing.as_ref().unwrap().overlay;
    assert!(
        text.contains("members\u{2019} \u{201c}gains\u{201d} matter, as Mr. O\u{2019}Brien said."),
        "{text}"
    );
    // The position statement comes from the data: curled as well.
    assert!(
        !text.contains("&#39;") && !text.contains("&quot;"),
        "{text}"
    );

    app.clock().set(at("2018-09-24"));
    // A copy archived before typography was recorded (data without the
    // field, set with the data's straight quotes) still verifies.
    let id = app.draft_letter(&l).unwrap().letter_id;
    app.approve(id).unwrap();
    app.sign(id).unwrap();
    let mut data = app.letter_data(id).unwrap();
    data.typography = 0;
    let pdf = app.engine().render_pdfs(&data, None).unwrap().remove(0).1;
    let mut json = serde_json::to_value(&data).unwrap();
    json.as_object_mut().unwrap().remove("typography");
    let recipient = app.store().recipients(id).unwrap()[0].id;
    app.store()
        .mark_sent(
            recipient,
            &store::letters::Sending {
                method: Method::Mail,
                at: at("2018-09-24"),
                confirmation: None,
                follow_up_on: None,
            },
            &store::letters::Copy {
                pdf,
                data: json.to_string(),
            },
            at("2018-09-24"),
        )
        .unwrap();
    assert_eq!(app.verify_archive(id).unwrap(), 1);
}

fn a_letter_copied_as_new_is_addressed_and_positioned_at_its_new_date(engine: Backend) {
    let app = app_on(engine);
    let sample = app.letters(None).unwrap()[0].id;
    let korus = app.store().find_issue("KORUS").unwrap();
    app.adopt_position(
        "KORUS",
        &store::NewPosition {
            stance: store::Stance::Support,
            adopted_on: Some(day("2018-03-28")),
            statement: "We support the amended agreement.".into(),
            rationale: String::new(),
        },
    )
    .unwrap();
    let in_2018 = app
        .store()
        .position_on(korus.id, day("2018-09-24"))
        .unwrap()
        .unwrap();
    let copy = app.copy_letter(sample, Some(day("2018-09-24"))).unwrap();
    let source = app.open_letter(sample).unwrap().draft;
    assert_eq!(copy.date, day("2018-09-24"));
    assert_eq!(copy.position_id, Some(in_2018.id));
    assert_ne!(copy.position_id, source.position_id);
    assert_eq!(
        (copy.subject.as_str(), copy.body.as_str()),
        (source.subject.as_str(), source.body.as_str())
    );
    assert_eq!(copy.extra.cc, source.extra.cc);
    assert_eq!(copy.extra.copied_from, Some(sample));
    assert!(
        copy.recipients
            .iter()
            .all(|r| matches!(r.to, Addressee::Office(_)))
    );
    app.clock().set(at("2018-09-24"));
    // Saved, it is a new draft that names its source; the sent original is untouched.
    let id = app.draft_letter(&copy).unwrap().letter_id;
    assert_ne!(id, sample);
    assert_eq!(
        app.open_letter(id).unwrap().draft.extra.copied_from,
        Some(sample)
    );
    assert_eq!(
        app.open_letter(sample).unwrap().summary.status,
        Status::Sent
    );
    let preview = app.preview_draft(&copy, &PreviewHave::default()).unwrap();
    assert!(
        preview
            .resolved
            .iter()
            .any(|r| r.starts_with("Wilbur Ross")),
        "{:?}",
        preview.resolved
    );
}

#[test]
fn restoring_from_the_window_keeps_the_record_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("amicus.db");
    let app = App::open(Engine::new().unwrap(), &path, at("2026-11-29")).unwrap();
    let backup = dir.path().join("backup.db");
    app.backup(&backup).unwrap();
    let before = app.letters(None).unwrap().len();
    app.clock().set(at("2018-09-24"));
    app.draft_letter(&new_letter(&app, "2018-09-24")).unwrap();
    app.clock().set(at("2026-11-29"));
    // A file that is not a backup changes nothing and keeps nothing.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    assert!(app.restore_keeping_current(&junk).is_err());
    assert_eq!(app.letters(None).unwrap().len(), before + 1);
    let kept_files = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("before-restore")
            })
            .count()
    };
    assert_eq!(kept_files(), 0);
    let kept = app.restore_keeping_current(&backup).unwrap().unwrap();
    assert_eq!(app.letters(None).unwrap().len(), before);
    assert!(
        kept.to_string_lossy()
            .contains("amicus.db.before-restore-20261129-"),
        "{kept:?}"
    );
    let old = store::Store::open(&kept).unwrap();
    assert_eq!(
        old.letters(None, 100).unwrap().len(),
        before + 1,
        "the replaced record is kept whole"
    );
}

fn a_signed_letter_is_previewed_with_the_signature_it_was_signed_with(engine: Backend) {
    let app = app_on(engine);
    let sample = app.letters(None).unwrap()[0].id;
    let copy = app
        .copy_letter(
            sample,
            Some(chrono::NaiveDate::from_ymd_opt(2017, 9, 20).unwrap()),
        )
        .unwrap();
    let id = app.draft_letter(&copy).unwrap().letter_id;
    app.approve(id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("signature.png");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../cli/tests/fixtures/signature.png"
        ),
        &png,
    )
    .unwrap();
    let form = app.open_letter(id).unwrap().draft;
    app.set_signer_signature(form.signer_id, Some(&png))
        .unwrap();
    let images = |have: &PreviewHave| -> usize {
        app.preview_draft(&form, have)
            .unwrap()
            .pages
            .iter()
            .filter_map(|p| p.drawing.as_ref())
            .map(|d| d.overlay.matches("<image").count())
            .sum()
    };
    let as_saved = PreviewHave {
        signed_letter: Some(id),
        ..PreviewHave::default()
    };
    let without = images(&PreviewHave::default());
    // Approved, not signed: the image on file is not drawn yet.
    assert_eq!(images(&as_saved), without);
    app.sign(id).unwrap();
    assert_eq!(images(&as_saved), without + 1);
    // The form being edited (no saved letter named) has no signature.
    assert_eq!(images(&PreviewHave::default()), without);
}

testkit::engines!(
    a_new_record_holds_the_sample_letter_as_sent,
    an_office_resolves_to_whoever_held_it_on_the_letters_date,
    a_retired_office_still_resolves_before_it_went_and_warns_after,
    an_office_edit_changes_new_letters_addresses_and_refuses_a_blank_title,
    a_person_whose_term_ended_is_flagged,
    draft_approve_sign_send_archives_the_exact_pdf,
    editing_a_sent_letter_makes_a_revision_and_leaves_the_original_intact,
    bad_input_is_refused_with_nothing_written,
    a_hand_made_official_is_added_whole_or_not_at_all,
    an_unfinished_draft_is_saved_and_approval_names_what_is_missing,
    a_per_recipient_letter_archives_each_recipients_own_copy,
    resolution_follows_each_change_of_holder,
    the_letters_list_names_each_letters_addressees_and_issue,
    the_live_preview_answers_while_an_export_is_in_progress,
    a_joint_letter_half_sent_says_so_and_send_all_finishes_it,
    the_preview_of_an_unfinished_letter_names_what_is_missing_and_who_it_is_to,
    the_live_preview_sends_only_changed_pages_and_new_glyph_outlines,
    an_office_with_no_holder_on_record_is_greeted_by_its_title_and_blocks_approval,
    quotes_are_typographic_in_data_too_and_older_archives_still_verify,
    a_letter_copied_as_new_is_addressed_and_positioned_at_its_new_date,
    a_signed_letter_is_previewed_with_the_signature_it_was_signed_with,
);
