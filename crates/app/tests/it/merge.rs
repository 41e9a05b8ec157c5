//! Parallel merges give exactly the bytes of one-at-a-time rendering.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use amicus_app::{AppError, Engine, ExportFormat, ExportOptions, Mode, SAMPLE_LETTER};

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
        .render_to_files(
            &data,
            None,
            &|i, _| dir.path().join(format!("{i}.pdf")),
            &|| Ok(()),
        )
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
        .render_to_files(
            &data,
            None,
            &|i, _| {
                if i == 0 {
                    good.path().join("first.pdf")
                } else {
                    good.path().join("missing-folder").join("second.pdf")
                }
            },
            &|| Ok(()),
        )
        .unwrap_err();
    assert!(err.to_string().contains("missing-folder"), "{err}");
    assert_eq!(std::fs::read_dir(good.path()).unwrap().count(), 0);
}

/// `amicus render --svg DIR`: each copy's PDF and each of its pages as SVG,
/// named after the copy when there are several.
#[test]
fn pdfs_and_svg_pages_are_exported_together() {
    let engine = Engine::new().unwrap();
    let mut data = engine.parse_data(SAMPLE_LETTER).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("pages");
    let written = engine
        .export_pdfs_and_svg(&data, None, &dir.path().join("korus.pdf"), &svg)
        .unwrap();
    assert_eq!(written[0], dir.path().join("korus.pdf"));
    assert!(written[1..].iter().all(|p| p.starts_with(&svg)));
    assert_eq!(written[1], svg.join("page-1.svg"));
    assert!(std::fs::read(&written[0]).unwrap().starts_with(b"%PDF-"));
    assert!(
        std::fs::read_to_string(&written[1])
            .unwrap()
            .contains("<svg")
    );

    data.mode = Mode::PerRecipient;
    let svg = dir.path().join("copies");
    let written = engine
        .export_pdfs_and_svg(&data, None, &dir.path().join("each.pdf"), &svg)
        .unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names[0].starts_with("each-01-"), "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("01-") && n.ends_with("-page-1.svg")),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("02-") && n.ends_with("-page-1.svg")),
        "{names:?}"
    );
}

#[test]
fn a_merge_exports_combined_or_per_copy_reports_progress_and_can_be_cancelled() {
    use std::sync::{Arc, Mutex};
    let engine = Engine::new().unwrap();
    let mut data = engine.parse_data(SAMPLE_LETTER).unwrap();
    data.mode = Mode::PerRecipient;
    let dir = tempfile::tempdir().unwrap();

    // One combined PDF: both copies' pages, in order.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let combined = engine
        .export_with(
            &data,
            None,
            &dir.path().join("all.pdf"),
            &ExportOptions {
                format: ExportFormat::Pdf,
                combined: true,
                blank_signature: false,
                progress: Some(Box::new(move |done, total| {
                    log.lock().unwrap().push((done, total));
                    true
                })),
            },
        )
        .unwrap();
    assert_eq!(combined, [dir.path().join("all.pdf")]);
    let mut steps = seen.lock().unwrap().clone();
    steps.sort();
    assert_eq!(steps, [(1, 2), (2, 2)]);
    let one = engine.render_pdfs(&data, None).unwrap();
    let pages_each = one[0].0.layout.pages.len();
    let text = std::process::Command::new("pdfinfo")
        .arg(dir.path().join("all.pdf"))
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&text.stdout);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(pages, pages_each * 2, "{info}");
    let text = std::process::Command::new("pdftotext")
        .args([dir.path().join("all.pdf").to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let ross = text.find("Dear Secretary Ross:").unwrap();
    let lighthizer = text.find("Dear Ambassador Lighthizer:").unwrap();
    assert!(ross < lighthizer, "copies in order");

    // Cancelled after the first copy: an error, and no file at all.
    let out = tempfile::tempdir().unwrap();
    let err = engine
        .export_with(
            &data,
            None,
            &out.path().join("korus.pdf"),
            &ExportOptions {
                format: ExportFormat::Pdf,
                combined: false,
                blank_signature: false,
                progress: Some(Box::new(|done, _| done < 1)),
            },
        )
        .unwrap_err();
    assert!(matches!(err, AppError::Cancelled), "{err}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);

    // As Word documents: the same names with .docx, all or none.
    let word = |progress: Option<Box<dyn Fn(usize, usize) -> bool + Sync>>| ExportOptions {
        format: ExportFormat::Docx,
        combined: false,
        blank_signature: false,
        progress,
    };
    let err = engine
        .export_with(
            &data,
            None,
            &out.path().join("korus.docx"),
            &word(Some(Box::new(|done, _| done < 1))),
        )
        .unwrap_err();
    assert!(matches!(err, AppError::Cancelled), "{err}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    let written = engine
        .export_with(&data, None, &out.path().join("korus.docx"), &word(None))
        .unwrap();
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "korus-01-secretary-ross.docx",
            "korus-02-ambassador-lighthizer.docx"
        ]
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 2);
}
