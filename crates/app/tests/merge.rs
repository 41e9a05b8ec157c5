//! Parallel merges give exactly the bytes of one-at-a-time rendering.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use amicus_app::{Engine, Mode, SAMPLE_LETTER};

#[test]
fn parallel_merge_matches_sequential_rendering_byte_for_byte() {
    let engine = Engine::new().unwrap();
    let mut data = engine.parse_data(SAMPLE_LETTER).unwrap();
    data.mode = Mode::PerRecipient;
    let base = data.recipients[0].clone();
    data.recipients = (0..9)
        .map(|i| {
            let mut r = base.clone();
            r.salutation = format!("Secretary Number{i}");
            r
        })
        .collect();
    let parallel = engine.render_pdfs(&data, None).unwrap();
    let sequential = engine.render(&data, None).unwrap();
    assert_eq!(parallel.len(), 9);
    for ((p, bytes), s) in parallel.iter().zip(&sequential) {
        assert_eq!(p.label(), s.label(), "copies keep their order");
        assert_eq!(bytes, &engine.pdf(s).unwrap());
    }
}

/// The caches (embedded fonts, laid-out paragraphs, shaped words) must not
/// make a letter's bytes depend on what was rendered before it.
#[test]
fn a_letters_bytes_do_not_depend_on_what_was_rendered_before() {
    let fresh = Engine::new().unwrap();
    let data = fresh.parse_data(SAMPLE_LETTER).unwrap();
    let first = fresh.pdf(&fresh.render(&data, None).unwrap()[0]).unwrap();

    let used = Engine::new().unwrap();
    let mut other = data.clone();
    other.recipients[0].name = "José Müller-Łukasiewicz".into();
    other.recipients[0].salutation = "Secretary Müller-Łukasiewicz".into();
    other.subject = Some("**Bold** words for another subject, with ½ and ‰".into());
    other.cc.push("Erdoğan Özil, Şişli Belediyesi".into());
    let other_pdf = used.pdf(&used.render(&other, None).unwrap()[0]).unwrap();
    assert_ne!(other_pdf, first);
    let again = used.pdf(&used.render(&data, None).unwrap()[0]).unwrap();
    assert_eq!(again, first);
}

#[test]
fn render_to_files_writes_every_copy_or_none() {
    let engine = Engine::new().unwrap();
    let mut data = engine.parse_data(SAMPLE_LETTER).unwrap();
    data.mode = Mode::PerRecipient;
    let dir = tempfile::tempdir().unwrap();
    let written = engine
        .render_to_files(&data, None, &|i, _| dir.path().join(format!("{i}.pdf")))
        .unwrap();
    assert_eq!(written.len(), 2);
    for (i, path) in written.iter().enumerate() {
        assert_eq!(path, &dir.path().join(format!("{i}.pdf")));
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }

    // The second copy's folder does not exist: nothing may be left behind,
    // not even the first copy or a temporary file.
    let good = tempfile::tempdir().unwrap();
    let err = engine
        .render_to_files(&data, None, &|i, _| {
            if i == 0 {
                good.path().join("first.pdf")
            } else {
                good.path().join("missing-folder").join("second.pdf")
            }
        })
        .unwrap_err();
    assert!(err.to_string().contains("missing-folder"), "{err}");
    assert_eq!(std::fs::read_dir(good.path()).unwrap().count(), 0);
}
