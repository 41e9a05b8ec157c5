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
        assert_eq!(bytes, &engine.pdf(s));
    }
}
