//! Keep rules on real letters: whatever the body's length, the closing and
//! signature never sit alone at the top of a page, and the signature block
//! is never split.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use amicus_app::{Engine, SAMPLE_LETTER};

#[test]
fn the_signature_never_stands_alone_on_a_page() {
    let engine = Engine::new().unwrap();
    let base = engine.parse_data(SAMPLE_LETTER).unwrap();
    let filler = " Our members would welcome the chance to share more detail.";
    let mut moved_lines = 0;
    // Grow the body a sentence at a time so the signature meets the page foot at every offset.
    for n in 0..36 {
        let mut data = base.clone();
        data.body = Some(format!("{}{}", data.body.unwrap(), filler.repeat(n)));
        let rendered = engine.render(&data, None).unwrap();
        let layout = &rendered[0].layout;
        let (page_no, page) = layout
            .pages
            .iter()
            .enumerate()
            .find(|(_, p)| p.lines().any(|l| l.text == "Sincerely,"))
            .expect("the closing is set");
        let lines: Vec<_> = page.lines().collect();
        let closing = lines.iter().find(|l| l.text == "Sincerely,").unwrap();
        let body_before = lines
            .iter()
            .filter(|l| l.size == closing.size && l.baseline < closing.baseline)
            .count();
        assert!(
            body_before >= 2,
            "n={n}: closing on page {} has {body_before} body lines before it",
            page_no + 1
        );
        for part in ["Jordan A. Whitfield", "Vice President, International Trade"] {
            assert!(
                lines.iter().any(|l| l.text == part),
                "n={n}: '{part}' is not on the closing's page"
            );
        }
        if page_no > 0 {
            moved_lines += 1;
        }
    }
    assert!(
        moved_lines > 0,
        "some variants must put the signature on page 2"
    );
}

#[test]
fn the_sample_preview_is_two_svg_pages_with_the_salutation() {
    let engine = Engine::new().unwrap();
    let (title, pages) = engine.sample_preview().unwrap();
    assert_eq!(
        title,
        "Continued support for the U.S.–Korea Free Trade Agreement (KORUS)"
    );
    assert_eq!(pages.len(), 2);
    assert!(pages[0].contains("Dear Secretary Ross and Ambassador Lighthizer:"));
    assert!(pages[1].contains("Page 2 of 2"));
}
