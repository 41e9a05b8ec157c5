//! The live preview: what it sends, what it names as missing, and the signature it draws.

use super::*;

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
        format: amicus_app::ExportFormat::Pdf,
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
        saved_letter: None,
        copy: before.copy,
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
        saved_letter: Some(id),
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

/// The live preview is what an export gives (issue 30, item 17): a draft's
/// pages carry the band its PDF has, on every page; an approved letter's
/// (shown unchanged) do not; unsaved changes to it, which saving makes a
/// draft, do again.
fn the_preview_of_a_draft_has_the_draft_band_and_an_approved_letters_has_not(engine: Backend) {
    let app = app_on(engine);
    app.clock().set(at("2018-09-20"));
    let mut form = new_letter(&app, "2018-09-24");
    form.body = vec!["Our members export machinery, beef and wine to Korea."; 40].join("\n\n");
    let banded = |have: &PreviewHave, form: &NewLetter| -> Vec<bool> {
        app.preview_draft(form, have)
            .unwrap()
            .pages
            .iter()
            .map(|p| {
                p.drawing
                    .as_ref()
                    .unwrap()
                    .overlay
                    .contains("DRAFT — not approved for sending")
            })
            .collect()
    };
    // A new letter, not saved yet: a draft, on every page.
    let new = banded(&PreviewHave::default(), &form);
    assert!(new.len() >= 2, "{} pages", new.len());
    assert!(new.iter().all(|&b| b), "{new:?}");
    let id = app.draft_letter(&form).unwrap().letter_id;
    let saved = PreviewHave {
        saved_letter: Some(id),
        ..PreviewHave::default()
    };
    assert!(banded(&saved, &form).iter().all(|&b| b));
    // The exported draft says the same.
    let dir = tempfile::tempdir().unwrap();
    let pdf = app
        .export_letter(id, &dir.path().join("d.pdf"), &ExportOptions::default())
        .unwrap();
    assert!(std::fs::metadata(&pdf[0]).unwrap().len() > 0);

    app.approve(id).unwrap();
    let approved = banded(&saved, &form);
    assert!(approved.iter().all(|&b| !b), "{approved:?}");
    // Edited (not saved): saving would withdraw the approval, so a draft.
    form.subject.push_str(" again");
    assert!(banded(&PreviewHave::default(), &form).iter().all(|&b| b));
    app.sign(id).unwrap();
    form.subject = app.open_letter(id).unwrap().draft.subject;
    assert!(banded(&saved, &form).iter().all(|&b| !b));
}

/// The form says what each copy will say: the preview names each copy's
/// greeting (one joint, or one a copy), as the letters lay them out.
fn the_preview_names_each_copys_greeting(engine: Backend) {
    let app = app_on(engine);
    let mut l = new_letter(&app, "2018-09-24");
    let joint = app.preview_draft(&l, &PreviewHave::default()).unwrap();
    assert_eq!(
        joint.greetings,
        ["Dear Secretary Ross and Ambassador Lighthizer:"]
    );
    l.mode = LetterMode::PerRecipient;
    let each = app.preview_draft(&l, &PreviewHave::default()).unwrap();
    assert_eq!(
        each.greetings,
        ["Dear Secretary Ross:", "Dear Ambassador Lighthizer:"]
    );
    // Any copy is laid out on request: its own address and greeting; past
    // the last, the last.
    let page_one = |p: &DraftPreview| p.pages[0].drawing.as_ref().unwrap().overlay.clone();
    assert_eq!(each.copy, 0);
    assert!(page_one(&each).contains("Wilbur Ross"));
    for asked in [1, 7] {
        let second = app
            .preview_draft(
                &l,
                &PreviewHave {
                    copy: asked,
                    ..PreviewHave::default()
                },
            )
            .unwrap();
        assert_eq!(second.copy, 1, "asked for {asked}");
        let text = page_one(&second);
        assert!(
            text.contains("Lighthizer") && !text.contains("Wilbur Ross"),
            "{asked}"
        );
    }
}

testkit::engines!(
    the_preview_names_each_copys_greeting,
    the_preview_of_a_draft_has_the_draft_band_and_an_approved_letters_has_not,
    the_live_preview_answers_while_an_export_is_in_progress,
    the_preview_of_an_unfinished_letter_names_what_is_missing_and_who_it_is_to,
    the_live_preview_sends_only_changed_pages_and_new_glyph_outlines,
    a_signed_letter_is_previewed_with_the_signature_it_was_signed_with,
);
