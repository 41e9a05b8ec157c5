//! SVG output of a [`Layout`] page, for the on-screen preview.
//!
//! Glyphs are drawn from the same fonts' outlines at the same positions as
//! in the PDF, so the preview needs no fonts in the web view and matches the
//! print exactly. A transparent text layer over each line keeps the page
//! searchable, selectable and readable by screen readers.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::Arc;

use base64::Engine as _;

use crate::cache::Bounded;
use crate::fonts::{FaceId, FontSet};
use crate::layout::{Layout, Placed, Rgb};
use crate::stationery::Stationery;

fn hex(c: Rgb) -> String {
    let to = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", to(c.0), to(c.1), to(c.2))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

struct PathSink(String);

impl ttf_parser::OutlineBuilder for PathSink {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x} {y}");
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x} {y}");
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{x1} {y1} {x} {y}");
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{x1} {y1} {x2} {y2} {x} {y}");
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

/// SVG path data per glyph, kept with the font set. The limit is far
/// above the glyphs letters use (a page of CJK text is a few hundred).
#[derive(Default)]
struct OutlineCache(Bounded<(FaceId, u16), Arc<str>, 65_536>);

impl FontSet {
    fn outline(&self, face: FaceId, gid: u16) -> Arc<str> {
        let cache = &self.cache::<OutlineCache>().0;
        if let Some(p) = cache.get(&(face, gid)) {
            return p;
        }
        let f = self.face(face);
        let mut sink = PathSink(String::new());
        let _ = f.shaper.outline_glyph(ttf_parser::GlyphId(gid), &mut sink);
        let path: Arc<str> = Arc::from(sink.0);
        cache.put((face, gid), Arc::clone(&path));
        path
    }
}

/// The document id of a glyph's outline: `<use href="#…">` refers to it.
pub fn glyph_id(face: FaceId, gid: u16) -> String {
    format!("ag{}-{gid}", face.0)
}

/// A number naming a glyph of a [`FontSet`] (its face and glyph index),
/// the same for every page drawn with that set.
pub fn glyph_key(face: FaceId, gid: u16) -> u32 {
    (u32::from(face.0) << 16) | u32::from(gid)
}

/// A glyph outline as SVG path data, in font units (y up).
pub fn glyph_path(fonts: &FontSet, face: FaceId, gid: u16) -> Arc<str> {
    fonts.outline(face, gid)
}

/// The glyphs of one line, for a canvas: each placed glyph is three numbers,
/// its [`glyph_key`] and the x and y (points, y down) of its origin; the
/// outline, in font units, is scaled by `scale` and flipped.
#[derive(Debug, Clone, PartialEq)]
pub struct InkLine {
    pub color: String,
    pub scale: f32,
    pub glyphs: Vec<f32>,
}

/// One page split for fast drawing: the glyphs as [`InkLine`]s to paint on
/// a canvas, and an SVG overlay with everything else (the sheet, rules,
/// images, and the invisible text layer that keeps the page selectable and
/// readable by screen readers).
#[derive(Debug, Clone, PartialEq)]
pub struct InkPage {
    pub overlay: String,
    pub lines: Vec<InkLine>,
    pub glyphs: BTreeSet<(FaceId, u16)>,
}

/// One page as glyph placements plus an SVG overlay: what the live preview
/// draws. Together they show exactly what [`page_svg`] shows.
pub fn ink_page(layout: &Layout, index: usize, fonts: &FontSet) -> InkPage {
    let mut lines = Vec::new();
    let (head, body, glyphs) = page_parts(layout, index, fonts, Some(&mut lines));
    InkPage {
        overlay: format!("{head}{body}</svg>"),
        lines,
        glyphs,
    }
}

/// One page as a standalone SVG document, sized in points, with the
/// outlines of the glyphs it uses.
pub fn page_svg(layout: &Layout, index: usize, fonts: &FontSet) -> String {
    let (head, body, glyphs) = page_parts(layout, index, fonts, None);
    let mut out = String::with_capacity(head.len() + body.len() + glyphs.len() * 200 + 20);
    out.push_str(&head);
    out.push_str("<defs>");
    for (face, gid) in &glyphs {
        let _ = write!(
            out,
            "<path id=\"{}\" d=\"{}\"/>",
            glyph_id(*face, *gid),
            fonts.outline(*face, *gid)
        );
    }
    out.push_str("</defs>");
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

/// The opening `<svg …>` with the white sheet, the drawing, and the glyphs
/// the drawing uses. With `ink`, glyphs go there instead of into the drawing.
fn page_parts(
    layout: &Layout,
    index: usize,
    fonts: &FontSet,
    mut ink: Option<&mut Vec<InkLine>>,
) -> (String, String, BTreeSet<(FaceId, u16)>) {
    let page = &layout.pages[index];
    let (w, h) = (layout.page.width, layout.page.height);
    let mut glyphs = BTreeSet::new();
    let mut body = String::new();
    for item in &page.items {
        match item {
            Placed::Text(line) => {
                if let Some(ink) = ink.as_deref_mut() {
                    for run in &line.runs {
                        let scale = line.size / fonts.face(run.face).units_per_em;
                        let mut placed = Vec::with_capacity(run.glyphs.len() * 3);
                        for g in &run.glyphs {
                            glyphs.insert((run.face, g.gid));
                            placed.extend([
                                glyph_key(run.face, g.gid) as f32,
                                (g.x * 100.0).round() / 100.0,
                                ((line.baseline - g.y_offset) * 100.0).round() / 100.0,
                            ]);
                        }
                        ink.push(InkLine {
                            color: hex(line.color),
                            scale,
                            glyphs: placed,
                        });
                    }
                } else {
                    let _ = write!(body, "<g fill=\"{}\">", hex(line.color));
                    for run in &line.runs {
                        let face = fonts.face(run.face);
                        let scale = line.size / face.units_per_em;
                        for g in &run.glyphs {
                            glyphs.insert((run.face, g.gid));
                            let _ = write!(
                                body,
                                "<use href=\"#{}\" transform=\"translate({:.2} {:.2}) scale({scale:.5} -{scale:.5})\"/>",
                                glyph_id(run.face, g.gid),
                                g.x,
                                line.baseline - g.y_offset
                            );
                        }
                    }
                    body.push_str("</g>");
                }
                if !line.text.is_empty() && line.right > line.left {
                    let _ = write!(
                        body,
                        "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"{:.2}\" textLength=\"{:.2}\" lengthAdjust=\"spacingAndGlyphs\" fill=\"transparent\">{}</text>",
                        line.left,
                        line.baseline,
                        line.size,
                        line.right - line.left,
                        escape(&line.text)
                    );
                }
            }
            Placed::Rule {
                x1,
                x2,
                y,
                thickness,
                color,
            } => {
                let _ = write!(
                    body,
                    "<line x1=\"{x1:.2}\" y1=\"{y:.2}\" x2=\"{x2:.2}\" y2=\"{y:.2}\" stroke=\"{}\" stroke-width=\"{thickness}\"/>",
                    hex(*color)
                );
            }
            Placed::Rect {
                x,
                top,
                width,
                height,
                color,
            } => {
                let _ = write!(
                    body,
                    "<rect x=\"{x:.2}\" y=\"{top:.2}\" width=\"{width:.2}\" height=\"{height:.2}\" fill=\"{}\"/>",
                    hex(*color)
                );
            }
            Placed::Image {
                image,
                x,
                top,
                width,
                height,
                ..
            } => {
                let data = base64::engine::general_purpose::STANDARD.encode(&image.png);
                let _ = write!(
                    body,
                    "<image x=\"{x:.2}\" y=\"{top:.2}\" width=\"{width:.2}\" height=\"{height:.2}\" href=\"data:image/png;base64,{data}\"/>"
                );
            }
        }
    }
    let mut head = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}pt\" height=\"{h}pt\" role=\"img\" aria-label=\"Page {} of {}\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>",
        index + 1,
        layout.pages.len()
    );
    if let Some(s) = &layout.stationery
        && let Some(which) = s.page_for(index)
    {
        head.push_str(&stationery_placeholder(s, which, w, h));
    }
    (head, body, glyphs)
}

/// Where the letterhead file lies beneath a page, in the preview: a tinted,
/// dashed frame naming the file and which of its pages this is (the PDF
/// draws the page itself).
fn stationery_placeholder(s: &Stationery, which: usize, w: f32, h: f32) -> String {
    let label = format!(
        "Letterhead file: {} (page {})",
        if s.name.is_empty() {
            "letterhead.pdf"
        } else {
            &s.name
        },
        which + 1
    );
    if let Some(svg) = s.page_svg(which) {
        let data = base64::engine::general_purpose::STANDARD.encode(svg.as_bytes());
        return format!(
            "<g class=\"letterhead-file\" data-letterhead=\"{}\" aria-label=\"{}\"><image x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" preserveAspectRatio=\"none\" href=\"data:image/svg+xml;base64,{data}\"/></g>",
            escape(&s.sha256),
            escape(&label)
        );
    }
    format!(
        "<g class=\"letterhead-file\" data-letterhead=\"{}\"><rect x=\"6\" y=\"6\" width=\"{:.2}\" height=\"{:.2}\" fill=\"#eef3fb\" fill-opacity=\"0.6\" stroke=\"#7a8fb3\" stroke-width=\"0.75\" stroke-dasharray=\"4 3\"/><text x=\"14\" y=\"20\" font-family=\"sans-serif\" font-size=\"8\" fill=\"#4a5f86\">{}</text></g>",
        escape(&s.sha256),
        w - 12.0,
        h - 12.0,
        escape(&label)
    )
}
