//! PDF output of a [`Layout`] through printpdf.
//!
//! Every glyph is placed where the layout put it: a run starts with an
//! absolute text matrix and each following glyph is nudged with a TJ offset
//! equal to the difference between where the viewer's pen would be (the
//! font's own advance) and where the layout wants it. That is how justified
//! and kerned text comes out exactly, since viewers ignore word spacing for
//! embedded (Type0) fonts.
//!
//! Output is reproducible: fonts and images get fixed resource names, the
//! dates come from the document, and the file identifier is a digest of the
//! content, so the same input yields the same bytes.

use std::collections::BTreeSet;

use printpdf::{
    Color, FontId, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    TextItem, TextMatrix, XObject, XObjectId, XObjectTransform,
};
use sha2::{Digest, Sha256};

use crate::fonts::{FaceId, FontSet};
use crate::layout::{Layout, Placed, Rgb, TextLine};

/// Resource name of a face. printpdf also uses it as the subset tag in the
/// font's name, which PDF wants as six capital letters ("AMCAAB+Font").
fn font_id(face: FaceId) -> FontId {
    let n = face.0 as u32;
    let letter = |k: u32| char::from_u32('A' as u32 + k % 26).unwrap_or('A');
    FontId(format!(
        "AMC{}{}{}",
        letter(n / 676),
        letter(n / 26),
        letter(n)
    ))
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

/// Serialize `layout` as PDF bytes.
pub fn write_pdf(layout: &Layout, fonts: &FontSet) -> Vec<u8> {
    let meta = &layout.metadata;
    let mut doc = PdfDocument::new(&meta.title);
    // Out-of-range timestamps are clamped to the epoch rather than failing an export.
    let date = printpdf::OffsetDateTime::from_unix_timestamp(meta.timestamp)
        .or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0))
        .expect("the epoch is a valid timestamp");
    let info = &mut doc.metadata.info;
    info.document_title = meta.title.clone();
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.keywords = meta.keywords.clone();
    info.creator = meta.creator.clone();
    info.producer = format!("Amicus typeset {}", env!("CARGO_PKG_VERSION"));
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    let mut digest = Sha256::new();
    digest.update(meta.title.as_bytes());
    digest.update(meta.timestamp.to_le_bytes());

    // Register only the faces and images the pages use, under stable names.
    let mut used_faces = BTreeSet::new();
    for page in &layout.pages {
        for line in page.lines() {
            used_faces.extend(line.runs.iter().map(|r| r.face));
        }
    }
    for face in &used_faces {
        let parsed: ParsedFont = fonts.face(*face).pdf.clone();
        doc.resources
            .fonts
            .map
            .insert(font_id(*face), printpdf::PdfFont::new(parsed));
    }

    let h = layout.page.height;
    let mut pages = Vec::with_capacity(layout.pages.len());
    let mut image_count = 0usize;
    for page in &layout.pages {
        let mut ops = Vec::new();
        for item in &page.items {
            match item {
                Placed::Text(line) => text_ops(line, fonts, h, &mut ops, &mut digest),
                Placed::Rule {
                    x1,
                    x2,
                    y,
                    thickness,
                    color: c,
                } => {
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                    ops.push(Op::DrawLine {
                        line: printpdf::Line {
                            points: vec![
                                printpdf::LinePoint {
                                    p: printpdf::Point::new(
                                        printpdf::Mm::from(Pt(*x1)),
                                        printpdf::Mm::from(Pt(h - y)),
                                    ),
                                    bezier: false,
                                },
                                printpdf::LinePoint {
                                    p: printpdf::Point::new(
                                        printpdf::Mm::from(Pt(*x2)),
                                        printpdf::Mm::from(Pt(h - y)),
                                    ),
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Placed::Image {
                    image,
                    x,
                    top,
                    width,
                    height,
                } => {
                    image_count += 1;
                    let id = XObjectId(format!("Im{image_count}"));
                    doc.resources
                        .xobjects
                        .map
                        .insert(id.clone(), XObject::Image(image.raw.clone()));
                    // At 72 dpi one pixel is one point; scale from there.
                    ops.push(Op::UseXobject {
                        id,
                        transform: XObjectTransform {
                            translate_x: Some(Pt(*x)),
                            translate_y: Some(Pt(h - top - height)),
                            scale_x: Some(width / image.width as f32),
                            scale_y: Some(height / image.height as f32),
                            dpi: Some(72.0),
                            ..Default::default()
                        },
                    });
                    digest.update(&image.png);
                }
            }
        }
        pages.push(PdfPage::new(
            printpdf::Mm::from(Pt(layout.page.width)),
            printpdf::Mm::from(Pt(h)),
            ops,
        ));
    }
    doc.with_pages(pages);

    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    let id = digest.finalize();
    let hex: String = id.iter().take(16).map(|b| format!("{b:02x}")).collect();
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(hex.clone().into_bytes(), lopdf::StringFormat::Literal),
            lopdf::Object::String(hex.into_bytes(), lopdf::StringFormat::Literal),
        ]),
    );
    compress(&mut lo, fonts);
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = lo.save_to(&mut out);
    out
}

/// Deflate every stream, reusing earlier results for identical content: a
/// merge embeds the same font subsets and logo in letter after letter.
fn compress(doc: &mut lopdf::Document, fonts: &FontSet) {
    use std::io::Write as _;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let key: [u8; 32] = Sha256::digest(&stream.content).into();
        let cached = fonts.streams.get(&key);
        let packed = match cached {
            Some(p) => p,
            None => {
                let mut enc = flate2::write::ZlibEncoder::new(
                    Vec::with_capacity(stream.content.len() / 2),
                    flate2::Compression::default(),
                );
                // Writing into a Vec cannot fail.
                let _ = enc.write_all(&stream.content);
                let packed = std::sync::Arc::new(enc.finish().unwrap_or_default());
                // Only repeatable content is worth remembering.
                if stream.content.len() > 4096 {
                    fonts.streams.put(key, std::sync::Arc::clone(&packed));
                }
                packed
            }
        };
        if !packed.is_empty() && packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed.to_vec());
        }
    }
}

fn text_ops(line: &TextLine, fonts: &FontSet, h: f32, ops: &mut Vec<Op>, digest: &mut Sha256) {
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor {
        col: color(line.color),
    });
    for run in &line.runs {
        let Some(first) = run.glyphs.first() else {
            continue;
        };
        let face = fonts.face(run.face);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font_id(run.face)),
            size: Pt(line.size),
        });
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(first.x), Pt(h - line.baseline + first.y_offset)),
        });
        let mut glyphs = Vec::with_capacity(run.glyphs.len());
        for (k, g) in run.glyphs.iter().enumerate() {
            let offset = match run.glyphs.get(k + 1) {
                Some(next) => {
                    let pen = g.x + face.pdf_advance(g.gid) * line.size;
                    (pen - next.x) * 1000.0 / line.size
                }
                None => 0.0,
            };
            // Round to 1/1000 em (0.01 pt at 10 pt): finer than any device.
            let offset = (offset * 1000.0).round() / 1000.0;
            digest.update(g.gid.to_le_bytes());
            digest.update(g.x.to_le_bytes());
            glyphs.push(printpdf::Codepoint::with_cid(
                g.gid,
                offset,
                g.text.to_string(),
            ));
        }
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
    }
    ops.push(Op::EndTextSection);
}
