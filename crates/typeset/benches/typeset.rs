//! Typesetting benchmarks with warm caches, as a merge or the live preview
//! meets them: a letter-length document laid out and written as PDF, laid
//! out with every paragraph new (the shaped words reused, the paragraphs
//! not), and a page drawn for the preview. `cargo bench -p typeset`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a panic is the failure report

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use typeset::{
    Document, Fallback, FontSet, Letterhead, Margins, Metadata, PageSize, Paragraph, Span, Style,
    layout,
};

const TEXT: &str = "Since the agreement entered into force it has become one of the most \
important commercial relationships for employers in our state. The Republic of Korea is a \
top-ten export market for our manufacturers, and our members ship machinery, chemicals, medical \
devices, processed foods and agricultural products to Korean customers every week. Many of these \
firms are small and medium-sized businesses for which the agreement's tariff reductions made \
exporting practical for the first time.";

fn doc(note: &str) -> Document {
    let mut body = Vec::new();
    for k in 0..8 {
        let style = if k % 3 == 0 {
            Style::ITALIC
        } else {
            Style::REGULAR
        };
        body.push(Paragraph::new(
            vec![
                Span::new(format!("{TEXT} {note}"), Style::REGULAR),
                Span::new(" “Quoted words” — and more.", style),
            ],
            11.5,
            14.5,
        ));
    }
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

fn bench(c: &mut Criterion) {
    let fonts = FontSet::with_fallback(Fallback::None).expect("bundled fonts load");
    let d = doc("");
    let warm = layout(&d, &fonts).expect("lays out");
    black_box(typeset::pdf::write_pdf(&warm, &fonts).expect("pdf"));
    black_box(typeset::svg::ink_page(&warm, 0, &fonts));

    c.bench_function("layout → PDF bytes (warm)", |b| {
        b.iter(|| {
            let l = layout(black_box(&d), &fonts).expect("lays out");
            black_box(typeset::pdf::write_pdf(&l, &fonts).expect("pdf"))
        })
    });
    c.bench_function("layout (warm)", |b| {
        b.iter(|| black_box(layout(black_box(&d), &fonts).expect("lays out")))
    });
    let mut n = 0u64;
    c.bench_function("layout, every paragraph new", |b| {
        b.iter(|| {
            n += 1;
            let edited = doc(&format!("(draft {n})"));
            black_box(layout(&edited, &fonts).expect("lays out"))
        })
    });
    c.bench_function("preview page (ink_page, warm)", |b| {
        b.iter(|| black_box(typeset::svg::ink_page(black_box(&warm), 0, &fonts)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
