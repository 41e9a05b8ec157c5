//! Rendering benchmarks: one letter from template to PDF bytes (warm), and a
//! 1,000-copy merge written to files. Run with `make bench`.

use std::hint::black_box;

use amicus_app::{Engine, LetterData, SAMPLE_LETTER, file_stem};
use criterion::{Criterion, criterion_group, criterion_main};

fn merge_data(engine: &Engine, copies: usize) -> LetterData {
    let mut data = engine.parse_data(SAMPLE_LETTER).expect("sample parses");
    data.mode = letters_mode();
    let template = data.recipients[0].clone();
    data.recipients = (0..copies)
        .map(|i| {
            let mut r = template.clone();
            r.name = format!("Member {i} of Congress");
            r.salutation = format!("Representative Member{i}");
            r
        })
        .collect();
    data
}

fn letters_mode() -> amicus_app::Mode {
    amicus_app::Mode::PerRecipient
}

fn bench(c: &mut Criterion) {
    let engine = Engine::new().expect("engine");
    let data = engine.parse_data(SAMPLE_LETTER).expect("sample parses");
    // Warm the caches (fonts, fallback discovery, shaped words) once.
    let first = engine.render(&data, None).expect("renders");
    black_box(engine.pdf(&first[0]).expect("pdf"));

    c.bench_function(
        "letter: template → layout → PDF bytes (KORUS sample)",
        |b| {
            b.iter(|| {
                let r = engine.render(black_box(&data), None).expect("renders");
                black_box(engine.pdf(&r[0]).expect("pdf"))
            })
        },
    );
    let mut latin = data.clone();
    latin.cc.retain(|c| c.is_ascii());
    c.bench_function(
        "letter: template → layout → PDF bytes (no Hangul)",
        |b| {
            b.iter(|| {
                let r = engine.render(black_box(&latin), None).expect("renders");
                black_box(engine.pdf(&r[0]).expect("pdf"))
            })
        },
    );
    // Staff editing a letter change its text: here every body paragraph is
    // new on every run, so no laid-out paragraph can be reused.
    let mut n = 0u64;
    c.bench_function(
        "letter: template → layout → PDF bytes (every paragraph new)",
        |b| {
            b.iter(|| {
                n += 1;
                let mut edited = data.clone();
                edited.body = data
                    .body
                    .as_ref()
                    .map(|body| body.replace("\n\n", &format!(" (draft {n})\n\n")));
                let r = engine.render(black_box(&edited), None).expect("renders");
                black_box(engine.pdf(&r[0]).expect("pdf"))
            })
        },
    );
    c.bench_function("letter: template → layout (no PDF)", |b| {
        b.iter(|| black_box(engine.render(black_box(&data), None).expect("renders")))
    });

    // The live preview's work for one keystroke: the sample letter (a
    // draft) with one more character, the pages and glyphs of the previous
    // answer known, as the window asks.
    let app = amicus_app::App::in_memory(Engine::new().expect("engine"), chrono::Utc::now())
        .expect("app");
    let sample = app.letters(None).expect("letters")[0].id;
    let mut letter = app.open_letter(sample).expect("letter").draft;
    let first = app
        .preview_draft(&letter, &amicus_app::PreviewHave::default())
        .expect("preview");
    let mut have = amicus_app::PreviewHave {
        saved_letter: None,
        pages: first.pages.iter().map(|p| p.key.clone()).collect(),
        glyphs: first.glyphs.iter().map(|g| g.id).collect(),
        copy: 0,
    };
    c.bench_function("live preview: one keystroke (KORUS sample)", |b| {
        b.iter(|| {
            letter.body.push('a');
            let p = app
                .preview_draft(black_box(&letter), &have)
                .expect("preview");
            have.pages = p.pages.iter().map(|p| p.key.clone()).collect();
            black_box(p)
        })
    });

    let merge = merge_data(&engine, 1000);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("merge");
    group.sample_size(10);
    group.bench_function("1,000 copies, one PDF file each", |b| {
        b.iter(|| {
            let written = engine
                .render_to_files(
                    &merge,
                    None,
                    &|i, copy| {
                        dir.path()
                            .join(format!("{}.pdf", file_stem(i, &copy.label())))
                    },
                    &|| Ok(()),
                )
                .expect("renders");
            assert_eq!(written.len(), 1000);
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
