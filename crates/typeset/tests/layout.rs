//! Layout properties measured on real shaped text in the bundled serif.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use typeset::linebreak::{self, Item};
use typeset::{
    Document, Fallback, FontSet, Letterhead, Margins, Metadata, PageSize, Paragraph, Span, Style,
    TypesetError, layout,
};

const TEXT: &str = "Since the agreement entered into force it has become one of the most \
important commercial relationships for employers in our state. The Republic of Korea is a \
top-ten export market for our manufacturers, and our members ship machinery, chemicals, medical \
devices, processed foods and agricultural products to Korean customers every week. Many of these \
firms are small and medium-sized businesses for which the agreement's tariff reductions made \
exporting practical for the first time.";

fn fonts() -> FontSet {
    FontSet::with_fallback(Fallback::None).expect("bundled fonts load")
}

/// Boxes, glue and a final forced break, as the layout builds them (no hyphenation).
fn items(fonts: &FontSet, text: &str, size: f32) -> Vec<Item> {
    let space = fonts.shape(" ", Style::REGULAR).unwrap().width() * size;
    let mut items = Vec::new();
    for (k, word) in text.split(' ').enumerate() {
        if k > 0 {
            items.push(Item::Glue {
                width: space,
                stretch: space * 0.5,
                shrink: space * 0.33,
            });
        }
        let w = fonts.shape(word, Style::REGULAR).unwrap().width() * size;
        items.push(Item::Box { width: w });
    }
    items.extend(linebreak::forced_break());
    items
}

#[test]
fn optimal_breaking_costs_less_than_greedy() {
    let fonts = fonts();
    let items = items(&fonts, TEXT, 11.5);
    for measure in [240.0, 300.0, 468.0] {
        let optimal = linebreak::optimal(&items, measure).expect("feasible");
        let greedy = linebreak::greedy(&items, measure);
        // Both are scored by the same formula.
        let rescored = linebreak::score(&items, measure, &optimal.lines);
        assert!((rescored - optimal.demerits).abs() <= optimal.demerits * 1e-4);
        // Where both find the same breaks, their sums may differ in the last
        // float digits (they add in different orders).
        assert!(
            optimal.demerits <= greedy.demerits * (1.0 + 1e-6),
            "measure {measure}: optimal {} > greedy {}",
            optimal.demerits,
            greedy.demerits
        );
    }
    // On this paragraph at 300 pt the difference is strict.
    let optimal = linebreak::optimal(&items, 300.0).unwrap();
    let greedy = linebreak::greedy(&items, 300.0);
    assert!(optimal.demerits < greedy.demerits);
}

fn doc(body: Vec<Paragraph>) -> Document {
    Document {
        page: PageSize::LETTER,
        margins: Margins {
            top: 72.0,
            right: 72.0,
            bottom: 72.0,
            left: 72.0,
        },
        letterhead: Letterhead::default(),
        continuation: None,
        body,
        metadata: Metadata::default(),
        mark: None,
        stationery: None,
        version: typeset::VERSION,
    }
}

fn para(text: &str) -> Paragraph {
    Paragraph::new(vec![Span::new(text, Style::REGULAR)], 11.5, 14.5)
}

#[test]
fn lines_stay_inside_the_measure_and_justified_lines_fill_it() {
    let fonts = fonts();
    let long = format!(
        "{TEXT} {TEXT} A very long address such as https://www.example.org/a/really/long/path/that/cannot/possibly/fit/on/one/line/of/a/letter/at/all ends here."
    );
    let l = layout(&doc(vec![para(&long)]), &fonts).unwrap();
    let left = 72.0;
    let right = 612.0 - 72.0;
    let lines: Vec<_> = l.pages.iter().flat_map(|p| p.lines()).collect();
    assert!(lines.len() > 5);
    for line in &lines {
        assert!(
            line.left >= left - 0.01,
            "line starts left of margin: {}",
            line.text
        );
        assert!(
            line.right <= right + 0.01,
            "line overflows: {} ({})",
            line.text,
            line.right
        );
    }
    let (last, body) = lines.split_last().unwrap();
    for line in body {
        assert!(
            (line.right - right).abs() <= 0.01,
            "justified line is {} pt short: {}",
            right - line.right,
            line.text
        );
    }
    assert!(
        last.right < right - 1.0,
        "the last line is set at natural width"
    );
}

#[test]
fn paragraphs_neither_orphan_nor_widow_a_line() {
    let fonts = fonts();
    let mut splits = 0;
    // Vary the material ahead of a long paragraph so its page break falls everywhere.
    for lead in 0..24 {
        let mut body: Vec<Paragraph> = (0..lead).map(|_| para("Short line.")).collect();
        body.push(para(&format!("Alpha {TEXT} {TEXT} {TEXT} {TEXT} {TEXT}")));
        body.push(para(&format!("Omega {TEXT} {TEXT} {TEXT}")));
        let l = layout(&doc(body), &fonts).unwrap();
        let counts = paragraph_split(&l);
        splits += counts.len();
        for (before, after) in counts {
            assert!(
                before == 0 || before >= 2,
                "lead {lead}: orphan ({before} line)"
            );
            assert!(
                after == 0 || after >= 2,
                "lead {lead}: widow ({after} line)"
            );
        }
    }
    assert!(
        splits >= 12,
        "paragraphs were split across pages only {splits} times"
    );
}

fn starts_paragraph(text: &str) -> bool {
    ["Alpha", "Omega", "Short"]
        .iter()
        .any(|w| text.starts_with(w))
}

/// For each page break inside a paragraph, how many of its lines sit on
/// each side. Paragraphs are recognised by their first words, which occur nowhere else.
fn paragraph_split(l: &typeset::Layout) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for w in l.pages.windows(2) {
        let a: Vec<_> = w[0].lines().collect();
        let b: Vec<_> = w[1].lines().collect();
        // Lines since the last paragraph start on the first page...
        let tail = a
            .iter()
            .rev()
            .take_while(|line| !starts_paragraph(&line.text))
            .count();
        let starts_para = a
            .iter()
            .rev()
            .nth(tail)
            .is_some_and(|line| !line.text.starts_with("Short"));
        // ...and lines before the next paragraph start on the second page.
        let head = b
            .iter()
            .take_while(|line| !starts_paragraph(&line.text))
            .count();
        if starts_para && head > 0 {
            out.push((tail + 1, head));
        }
    }
    out
}

#[test]
fn a_character_no_font_has_is_an_error_naming_it() {
    let fonts = FontSet::with_fallback(Fallback::None).unwrap();
    let err = fonts.shape("Yoo (유명희)", Style::REGULAR).unwrap_err();
    assert_eq!(err, TypesetError::MissingGlyph('유'));
    let message = err.to_string();
    assert!(
        message.contains("'유'") && message.contains("U+C720"),
        "{message}"
    );

    // Even with every installed font, a private-use character has no glyph.
    let system = FontSet::new().unwrap();
    let err = system.shape("x\u{10FFFD}", Style::REGULAR).unwrap_err();
    assert_eq!(err, TypesetError::MissingGlyph('\u{10FFFD}'));
}

#[test]
fn the_same_document_gives_the_same_pdf_bytes() {
    let fonts = fonts();
    let d = doc(vec![para(TEXT), para(TEXT)]);
    let a = typeset::pdf::write_pdf(&layout(&d, &fonts).unwrap(), &fonts).unwrap();
    let b = typeset::pdf::write_pdf(&layout(&d, &fonts).unwrap(), &fonts).unwrap();
    assert_eq!(a, b);
    assert!(a.starts_with(b"%PDF-"));
}

#[test]
fn the_canvas_drawing_places_every_glyph_the_standalone_svg_places() {
    let fonts = fonts();
    let l = layout(&doc(vec![para(TEXT), para(TEXT)]), &fonts).unwrap();
    let svg = typeset::svg::page_svg(&l, 0, &fonts);
    let ink = typeset::svg::ink_page(&l, 0, &fonts);
    // The standalone page: one `<use>` per glyph; the canvas drawing: three
    // numbers per glyph, at the same positions, and an overlay with the
    // same text layer and no glyphs.
    let uses: Vec<&str> = svg.split("<use href=\"#").skip(1).collect();
    let placed: Vec<&[f32]> = ink.lines.iter().flat_map(|l| l.glyphs.chunks(3)).collect();
    assert_eq!(uses.len(), placed.len());
    assert!(uses.len() > 500, "{} glyphs", uses.len());
    for (u, p) in uses.iter().zip(&placed) {
        let at = u.split("translate(").nth(1).unwrap();
        let xy: Vec<f32> = at[..at.find(')').unwrap()]
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        assert!(
            (xy[0] - p[1]).abs() < 0.011 && (xy[1] - p[2]).abs() < 0.011,
            "{u} vs {p:?}"
        );
    }
    assert!(!ink.overlay.contains("<use") && !ink.overlay.contains("<path"));
    let texts = |s: &str| s.matches("<text ").count();
    assert_eq!(texts(&ink.overlay), texts(&svg));
    assert!(texts(&svg) > 5);
}

#[test]
fn a_filled_rectangle_is_drawn_in_the_svg_and_the_pdf() {
    let fonts = fonts();
    let mut l = layout(&doc(vec![para("A chart follows.")]), &fonts).unwrap();
    let without = typeset::pdf::write_pdf(&l, &fonts).unwrap();
    l.pages[0].items.push(typeset::Placed::Rect {
        x: 100.0,
        top: 200.0,
        width: 50.0,
        height: 20.0,
        color: typeset::Rgb(1.0, 0.0, 0.0),
    });
    let svg = typeset::svg::page_svg(&l, 0, &fonts);
    assert!(
        svg.contains(
            r##"<rect x="100.00" y="200.00" width="50.00" height="20.00" fill="#ff0000"/>"##
        ),
        "{svg}"
    );
    let with = typeset::pdf::write_pdf(&l, &fonts).unwrap();
    assert!(with.starts_with(b"%PDF-"));
    assert_ne!(with, without, "the rectangle is in the page's content");
}

#[test]
fn lines_set_by_hand_stay_in_their_column() {
    let fonts = fonts();
    let lines = typeset::set_lines(&para(TEXT), &fonts, 100.0, 200.0).unwrap();
    assert!(lines.len() > 3);
    for (line, height) in &lines {
        assert!(
            line.left >= 100.0 - 0.01 && line.right <= 300.0 + 0.01,
            "{line:?}"
        );
        assert!(*height > 0.0 && line.baseline > 0.0 && line.baseline <= *height);
    }
}
