//! The record itself: the sample, bad input refused whole, the letterhead, the letters list, copies and restores.

use super::*;

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

/// Walk 30: with no zone saved, "today" is this computer's own zone (not
/// UTC), and the window is told the zone is the computer's, not a saved one.
fn with_no_zone_saved_the_computers_own_zone_decides_today(engine: Backend) {
    let chicago = amicus_app::parse_zone("America/Chicago").unwrap();
    // 03:00 UTC on the 29th is still the 28th in Chicago.
    let late: DateTime<Utc> = "2026-11-29T03:00:00Z".parse().unwrap();
    let app = App::with_store(
        amicus_app::Engine::new().unwrap(),
        fresh(engine),
        Clock::fixed(late, chicago),
    )
    .unwrap();
    let info = app.settings_info().unwrap();
    assert_eq!(info.time_zone, "America/Chicago");
    assert!(!info.time_zone_saved);
    assert_eq!(app.clock().today(), day("2026-11-28"));
    app.set_time_zone("Asia/Seoul").unwrap();
    assert!(app.settings_info().unwrap().time_zone_saved);
    // Opened again on the computer in Chicago: the saved zone decides.
    let again = App::with_store(
        amicus_app::Engine::new().unwrap(),
        app.into_store(),
        Clock::fixed(late, chicago),
    )
    .unwrap();
    let info = again.settings_info().unwrap();
    assert_eq!(
        (info.time_zone.as_str(), info.time_zone_saved),
        ("Asia/Seoul", true)
    );
    assert_eq!(again.clock().today(), day("2026-11-29"));
}

testkit::engines!(
    with_no_zone_saved_the_computers_own_zone_decides_today,
    a_new_record_holds_the_sample_letter_as_sent,
    bad_input_is_refused_with_nothing_written,
    the_letters_list_names_each_letters_addressees_and_issue,
    a_letter_copied_as_new_is_addressed_and_positioned_at_its_new_date,
    a_letterhead_file_is_kept_in_the_record_and_travels_with_the_letters_data,
);

/// A letterhead PDF of `pages` pages of `w` × `h` points, written by hand.
fn letterhead_pdf(pages: usize, w: f32, h: f32) -> Vec<u8> {
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            (0..pages)
                .map(|i| format!("{} 0 R", 3 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        )
        .into_bytes(),
    ];
    for i in 0..pages {
        let content = format!("0.1 0.2 0.5 rg 0 {} {w} 60 re f", h - 60.0);
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Contents {} 0 R >>",
                4 + 2 * i
            )
            .into_bytes(),
        );
        objs.push(
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            )
            .into_bytes(),
        );
    }
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (n, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", n + 1).into_bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).into_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .into_bytes(),
    );
    out
}

fn a_letterhead_file_is_kept_in_the_record_and_travels_with_the_letters_data(engine: Backend) {
    let app = app_on(engine);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chamber-letterhead.pdf");
    std::fs::write(&file, letterhead_pdf(2, 612.0, 792.0)).unwrap();
    assert_eq!(app.letterhead().unwrap().file, None);

    let view = app.set_letterhead_file(&file, None).unwrap();
    assert_eq!(view.name, "chamber-letterhead.pdf");
    assert_eq!((view.pages, view.paper.as_str()), (2, "letter"));
    assert_eq!(view.margins, LETTERHEAD_FILE_MARGINS);
    assert_eq!(app.letterhead().unwrap().file.as_ref(), Some(&view));

    // A draft's data carries the file's bytes; the preview shows where it lies.
    let sample = app.letters(None).unwrap()[0].id;
    let copy = app.copy_letter(sample, None).unwrap();
    let id = app.draft_letter(&copy).unwrap().letter_id;
    let data = app.letter_data(id).unwrap();
    let carried = data.organization.letterhead.as_ref().unwrap();
    assert_eq!(carried.sha256, view.sha256);
    assert_eq!(
        carried.bytes().unwrap(),
        std::fs::read(&file).unwrap(),
        "the bytes travel with the data"
    );
    // A letter on other paper than the letterhead's is refused, not scaled.
    let mut on_a4 = data.clone();
    on_a4.paper = Some(letters::Paper::A4);
    let err = Engine::new()
        .unwrap()
        .render_pdfs(&on_a4, None)
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("the letterhead file chamber-letterhead.pdf is US Letter paper but the letter is set on A4 paper (template \"joint-support\")"),
        "{err}"
    );
    let preview = app.preview_draft(&copy, &PreviewHave::default()).unwrap();
    for page in &preview.pages {
        let overlay = &page.drawing.as_ref().unwrap().overlay;
        assert!(
            overlay.contains("Letterhead file: chamber-letterhead.pdf"),
            "{overlay}"
        );
        // The file's own page, drawn as SVG beneath the letter.
        assert!(overlay.contains("data:image/svg+xml;base64,"), "{overlay}");
    }

    // Bad files and bad margins: refused, nothing changed.
    let not_pdf = dir.path().join("head.pdf");
    std::fs::write(&not_pdf, b"GIF89a").unwrap();
    let err = app.set_letterhead_file(&not_pdf, None).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("letterhead"));
    assert!(
        err.to_string()
            .contains("head.pdf cannot be used as the letterhead: it is not a PDF file"),
        "{err}"
    );
    let a4 = dir.path().join("a4.pdf");
    std::fs::write(&a4, letterhead_pdf(1, 595.28, 841.89)).unwrap();
    let err = app.set_letterhead_file(&a4, None).unwrap_err().to_string();
    assert!(
        err.contains("it is A4 paper but the templates are set on US Letter paper"),
        "{err}"
    );
    let mut head = app.letterhead().unwrap();
    head.file.as_mut().unwrap().margins.left = 420.0;
    let err = app.set_letterhead(&head).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("margins"));
    assert_eq!(app.letterhead().unwrap().file.as_ref(), Some(&view));

    // The margins are edited with the form; removing the file leaves the
    // letterhead drawn from the fields again.
    head.file.as_mut().unwrap().margins.left = 90.0;
    app.set_letterhead(&head).unwrap();
    assert_eq!(app.letterhead().unwrap().file.unwrap().margins.left, 90.0);
    app.remove_letterhead_file().unwrap();
    assert_eq!(app.letterhead().unwrap().file, None);
    assert!(
        app.letter_data(id)
            .unwrap()
            .organization
            .letterhead
            .is_none()
    );
}
