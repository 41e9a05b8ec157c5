//! `amicus letters envelopes` and `letters labels`: the sample letter's two
//! copies on No. 10 and DL envelopes and on a sheet of Avery 5160 labels,
//! judged by what pdfinfo, pdffonts and pdftotext see.

use crate::common::{fails, ok, tool};

/// Each word pdftotext -bbox finds on page `page`, with its left and top in points.
fn words(pdf: &str, page: u32) -> Vec<(String, f32, f32)> {
    let n = page.to_string();
    let html = tool("pdftotext", &["-bbox", "-f", &n, "-l", &n, pdf, "-"]);
    html.lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l.strip_prefix("<word xMin=\"")?;
            let (x, rest) = rest.split_once('"')?;
            let rest = rest.split_once("yMin=\"")?.1;
            let (y, rest) = rest.split_once('"')?;
            let word = rest.split_once('>')?.1.strip_suffix("</word>")?;
            Some((word.to_string(), x.parse().ok()?, y.parse().ok()?))
        })
        .collect()
}

fn at(words: &[(String, f32, f32)], word: &str) -> (f32, f32) {
    words
        .iter()
        .find(|w| w.0 == word)
        .map(|w| (w.1, w.2))
        .unwrap_or_else(|| panic!("{word} is not on the page: {words:?}"))
}

#[test]
fn envelopes_and_labels_for_a_letters_copies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let env = dir.path().join("envelopes.pdf");
    let out = ok(
        &db,
        &["letters", "envelopes", "1", "--out", env.to_str().unwrap()],
    );
    assert!(out.contains("(2 envelopes)"), "{out}");
    let pdf = env.to_str().unwrap();
    let info = tool("pdfinfo", &[pdf]);
    assert!(info.contains("Pages:           2"), "{info}");
    assert!(info.contains("Page size:       684 x 297 pts"), "{info}");
    let fonts = tool("pdffonts", &[pdf]);
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "every font embedded: {fonts}"
    );
    // The return address at the top left, the Secretary's block from 4 in
    // across and below the middle; the Ambassador's on the second envelope.
    let first = words(pdf, 1);
    let (x, y) = at(&first, "Lakeshore");
    assert!(x < 36.0 && y < 40.0, "return address at {x},{y}");
    let (x, y) = at(&first, "Ross");
    assert!(
        x > 288.0 && y > 120.0 && y < 200.0,
        "the addressee at {x},{y}"
    );
    assert!(!first.iter().any(|w| w.0 == "Lighthizer"));
    at(&words(pdf, 2), "Lighthizer");

    let dl = dir.path().join("dl.pdf");
    ok(
        &db,
        &[
            "letters",
            "envelopes",
            "1",
            "--size",
            "dl",
            "--out",
            dl.to_str().unwrap(),
        ],
    );
    let info = tool("pdfinfo", &[dl.to_str().unwrap()]);
    assert!(
        info.contains("Page size:       623.622 x 311.811 pts"),
        "{info}"
    );

    let labels = dir.path().join("labels.pdf");
    let out = ok(
        &db,
        &["letters", "labels", "1", "--out", labels.to_str().unwrap()],
    );
    assert!(out.contains("(2 labels)"), "{out}");
    let pdf = labels.to_str().unwrap();
    assert!(tool("pdfinfo", &[pdf]).contains("Pages:           1"));
    let sheet = words(pdf, 1);
    let ((rx, ry), (lx, ly)) = (at(&sheet, "Ross"), at(&sheet, "Lighthizer"));
    // Avery 5160: the first label from 3/16 in, the next 2¾ in across, same row.
    assert!(
        rx > 13.5 && rx < 211.5 && ry > 36.0 && ry < 108.0,
        "Ross at {rx},{ry}"
    );
    assert!(
        lx > 211.5 && lx < 409.5 && ly < 108.0,
        "Lighthizer at {lx},{ly}"
    );

    // Wrong names are refused in words, and nothing is written.
    let err = fails(
        &db,
        &[
            "letters",
            "envelopes",
            "1",
            "--size",
            "9x12",
            "--out",
            "x.pdf",
        ],
    );
    assert!(err.contains("choose 10 (US No. 10), dl or c5"), "{err}");
    let err = fails(
        &db,
        &[
            "letters",
            "labels",
            "1",
            "--grid",
            "9x9 70x37 0 0 70 37",
            "--out",
            "y.pdf",
        ],
    );
    assert!(err.contains("do not fit on the page"), "{err}");
    let err = fails(&db, &["letters", "envelopes", "99", "--out", "z.pdf"]);
    assert!(err.contains("99"), "{err}");
    assert!(!std::path::Path::new("x.pdf").exists() && !std::path::Path::new("y.pdf").exists());
}
