//! From a document of styled paragraphs to positioned glyphs on pages.
//!
//! Paragraphs are broken into lines (optimally when justified), then lines
//! are distributed over pages under keep rules: a block marked
//! `keep_together` never splits, `keep_with_next` / `keep_with_previous`
//! forbid a page break at its edge, and a paragraph never leaves fewer than
//! two lines at the foot or head of a page (no orphans, no widows).

use std::sync::Arc;

use crate::cache::Bounded;
use crate::error::TypesetError;
use crate::fonts::{FaceId, FontSet, Style};
use crate::image::Image;
use crate::linebreak::{self, INFINITY, Item};
use crate::shape::Shaped;
use crate::stationery::Stationery;

pub use crate::page::PageSize;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

/// Colour as 0–1 RGB.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rgb(pub f32, pub f32, pub f32);

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Justify,
    Left,
    Center,
    Right,
}

/// A paragraph: styled text, with `\n` for a forced line break.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    pub size: f32,
    pub leading: f32,
    pub align: Align,
    pub color: Rgb,
    pub space_before: f32,
    /// Extra left indent (lists), in points.
    pub indent: f32,
    /// A marker hung in the indent (a bullet, or "cc:").
    pub marker: Option<String>,
    /// Where the marker starts, in points from the column's left edge.
    pub marker_at: f32,
    pub hyphenate: bool,
    pub keep_together: bool,
    pub keep_with_next: bool,
    pub keep_with_previous: bool,
    /// An image drawn in the space above the paragraph (a handwritten
    /// signature above the typed name), at the column's left edge.
    pub figure: Option<Figure>,
    /// Set as documents of version 0 were ([`Document::version`]): words
    /// of right-to-left scripts in the order typed, the shaper's texts of
    /// their glyphs as they were. Set by [`layout`], not by callers.
    pub legacy: bool,
    /// What part of the document this is, by the name a word processor's
    /// paragraph style would have ("Body", "Address", "Salutation"…).
    /// Layout ignores it; a writer of editable documents names its styles so.
    pub role: Option<&'static str>,
}

/// An image set in a paragraph's `space_before`, its bottom just above the
/// first line's capitals. It never makes the space larger: an image taller
/// than the space is scaled down to fit it.
#[derive(Debug, Clone)]
pub struct Figure {
    pub image: Arc<Image>,
    /// Height wanted, in points; the width follows the image's proportions.
    pub height: f32,
    /// What a reader who cannot see it is told ("Signature of Jordan A.
    /// Whitfield"), in a tagged PDF.
    pub alt: String,
}

impl PartialEq for Figure {
    fn eq(&self, other: &Figure) -> bool {
        Arc::ptr_eq(&self.image, &other.image)
            && self.height == other.height
            && self.alt == other.alt
    }
}

impl Paragraph {
    pub fn new(spans: Vec<Span>, size: f32, leading: f32) -> Paragraph {
        Paragraph {
            spans,
            size,
            leading,
            align: Align::Justify,
            color: Rgb::default(),
            space_before: 0.0,
            indent: 0.0,
            marker: None,
            marker_at: 0.0,
            hyphenate: true,
            keep_together: false,
            keep_with_next: false,
            keep_with_previous: false,
            figure: None,
            legacy: false,
            role: None,
        }
    }

    /// Plain left-aligned text in one style, kept on one page (address blocks).
    pub fn block(text: &str, style: Style, size: f32, leading: f32) -> Paragraph {
        let mut p = Paragraph::new(vec![Span::new(text, style)], size, leading);
        p.align = Align::Left;
        p.hyphenate = false;
        p.keep_together = true;
        p
    }
}

/// Document metadata; the date makes output reproducible.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub creator: String,
    /// Seconds since the Unix epoch, UTC; used for creation and modification dates.
    pub timestamp: i64,
    /// The document's language, as a BCP 47 tag ("en-US").
    pub lang: String,
}

/// Page-1 letterhead: centred paragraphs over a rule, with an optional logo
/// at the left.
#[derive(Debug, Clone, Default)]
pub struct Letterhead {
    pub lines: Vec<Paragraph>,
    pub logo: Option<Arc<Image>>,
    pub rule_color: Rgb,
}

/// Header on pages 2 and up. `right` may contain `{page}` and `{pages}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Continuation {
    pub left: Vec<String>,
    pub right: String,
    pub size: f32,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub page: PageSize,
    pub margins: Margins,
    pub letterhead: Letterhead,
    pub continuation: Option<Continuation>,
    pub body: Vec<Paragraph>,
    pub metadata: Metadata,
    /// A line set in red at the top of every page ("DRAFT — not approved"),
    /// in the margin above the letterhead and the text.
    pub mark: Option<String>,
    /// The organization's printed letterhead, drawn beneath every page (in
    /// place of [`Document::letterhead`], which is then left empty).
    pub stationery: Option<Arc<Stationery>>,
    /// How the document is set and written ([`VERSION`] now): 0 as copies
    /// archived before tagged PDF were, so they re-render to their bytes.
    pub version: u8,
}

/// The current [`Document::version`]: 1, a tagged PDF/UA-1 and PDF/A-2u
/// file, words of right-to-left scripts in their visual order.
pub const VERSION: u8 = 1;

/// A glyph at its final place: `x` is the pen position in points from the
/// page's left edge (draw offsets are already applied).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub gid: u16,
    pub x: f32,
    pub y_offset: f32,
    pub text: Arc<str>,
}

/// Consecutive glyphs of one face on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: FaceId,
    pub glyphs: Vec<PlacedGlyph>,
}

/// What a placed line or image is in the document's logical structure
/// (the structure tree of a tagged PDF).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tag {
    /// Not content but page furniture: the letterhead, running heads and
    /// page numbers, the draft mark, rules.
    #[default]
    Artifact,
    /// Part of paragraph `n` of [`Document::body`] (an image: the figure
    /// above it).
    Body(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// Baseline, in points from the top of the page.
    pub baseline: f32,
    pub size: f32,
    pub color: Rgb,
    pub runs: Vec<Run>,
    /// Left and right edges of the line's ink box, for tests and selection.
    pub left: f32,
    pub right: f32,
    /// The line's text as a reader would copy it.
    pub text: String,
    pub tag: Tag,
    /// How many of the first glyphs are the paragraph's marker (a list's
    /// bullet or number, a "cc:"), on its first line.
    pub marker_glyphs: usize,
}

#[derive(Debug, Clone)]
pub enum Placed {
    Text(TextLine),
    Image {
        image: Arc<Image>,
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        tag: Tag,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        thickness: f32,
        color: Rgb,
    },
    /// A filled rectangle (a chart's bar), page furniture like a rule:
    /// `top` in points from the top of the page.
    Rect {
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        color: Rgb,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<Placed>,
}

impl Page {
    pub fn lines(&self) -> impl Iterator<Item = &TextLine> {
        self.items.iter().filter_map(|i| match i {
            Placed::Text(t) => Some(t),
            _ => None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub page: PageSize,
    pub pages: Vec<Page>,
    pub metadata: Metadata,
    /// Width of the text column, in points.
    pub measure: f32,
    /// The printed letterhead beneath the pages, if any.
    pub stationery: Option<Arc<Stationery>>,
    /// Each body paragraph's role ([`Paragraph::role`]) and its figure's
    /// alternate text, in order: what its lines' [`Tag::Body`] refer to.
    pub parts: Vec<Part>,
    /// [`Document::version`]: 0 writes an untagged PDF, as before.
    pub version: u8,
}

/// A body paragraph as the structure of a tagged PDF needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub role: Option<&'static str>,
    pub figure_alt: Option<String>,
}

/// What a laid-out paragraph line looks like before it has a page.
#[derive(Clone)]
pub(crate) struct FlowLine {
    line: TextLine,
    /// Space above this line unless it starts a page.
    gap: f32,
    height: f32,
    break_before: bool,
    /// The paragraph's figure, on its first line: drawn in the gap above.
    figure: Option<Figure>,
}

/// Lay the document out into pages.
pub fn layout(doc: &Document, fonts: &FontSet) -> Result<Layout, TypesetError> {
    let legacy = doc.version == 0;
    // A document of version 0 is set as it was then.
    let as_set = |p: &Paragraph| -> Paragraph {
        let mut p = p.clone();
        p.legacy = legacy;
        p
    };
    let m = doc.margins;
    let measure = doc.page.width - m.left - m.right;
    if measure < 72.0 {
        return Err(TypesetError::PageTooSmall);
    }

    // Page 1 letterhead.
    let mut first = Page::default();
    let head_bottom = place_letterhead(
        &mut first,
        &doc.letterhead,
        fonts,
        m.left,
        m.top,
        measure,
        legacy,
    )?;

    // Later pages start below the continuation header.
    let cont_height = doc
        .continuation
        .as_ref()
        .map_or(0.0, |c| c.size * 1.3 * c.left.len().max(1) as f32 + 24.0);
    let body_bottom = doc.page.height - m.bottom;
    let top_of = |page: usize| {
        if page == 0 {
            head_bottom
        } else {
            m.top + cont_height
        }
    };
    if top_of(0) + 72.0 > body_bottom || top_of(1) + 72.0 > body_bottom {
        return Err(TypesetError::PageTooSmall);
    }

    let flow = if legacy {
        let body: Vec<Paragraph> = doc.body.iter().map(as_set).collect();
        flow_lines(&body, fonts, m.left, measure)?
    } else {
        flow_lines(&doc.body, fonts, m.left, measure)?
    };
    let ranges = paginate(&flow, |p| body_bottom - top_of(p));

    let mut pages = Vec::with_capacity(ranges.len());
    for (p, range) in ranges.iter().enumerate() {
        let mut page = if p == 0 {
            std::mem::take(&mut first)
        } else {
            Page::default()
        };
        let mut y = top_of(p);
        for (k, fl) in flow[range.clone()].iter().enumerate() {
            if k > 0 {
                y += fl.gap;
            }
            if let Some(f) = &fl.figure {
                place_figure(&mut page, f, fl, y);
            }
            fl.line.clone_into_page(&mut page, y);
            y += fl.height;
        }
        pages.push(page);
    }
    if pages.is_empty() {
        pages.push(first);
    }

    if let Some(c) = &doc.continuation {
        let total = pages.len();
        for (p, page) in pages.iter_mut().enumerate().skip(1) {
            let right = c
                .right
                .replace("{page}", &(p + 1).to_string())
                .replace("{pages}", &total.to_string());
            let mut y = m.top;
            for (k, left) in c.left.iter().enumerate() {
                let mut para = Paragraph::block(left, Style::REGULAR, c.size, c.size * 1.3);
                para.keep_together = false;
                para.legacy = legacy;
                for fl in set_paragraph(&para, fonts, m.left, measure)? {
                    fl.line.clone_into_page(page, y);
                }
                if k == 0 {
                    let mut r = Paragraph::block(&right, Style::REGULAR, c.size, c.size * 1.3);
                    r.align = Align::Right;
                    r.legacy = legacy;
                    for fl in set_paragraph(&r, fonts, m.left, measure)? {
                        fl.line.clone_into_page(page, y);
                    }
                }
                y += c.size * 1.3;
            }
        }
    }

    if let Some(mark) = doc.mark.as_deref().filter(|m| !m.trim().is_empty()) {
        let size = 9.0;
        let mut para = Paragraph::block(mark, Style::BOLD, size, size * 1.2);
        para.align = Align::Center;
        para.legacy = legacy;
        para.color = Rgb(0.72, 0.09, 0.09);
        let lines = set_paragraph(&para, fonts, m.left, measure)?;
        // Centred in the top margin (its first line's top at the middle).
        let top = (m.top / 2.0 - size).max(0.0);
        for page in &mut pages {
            for fl in &lines {
                fl.line.clone_into_page(page, top);
            }
        }
    }

    Ok(Layout {
        page: doc.page,
        pages,
        metadata: doc.metadata.clone(),
        measure,
        stationery: doc.stationery.clone(),
        parts: doc
            .body
            .iter()
            .map(|p| Part {
                role: p.role,
                figure_alt: p.figure.as_ref().map(|f| f.alt.clone()),
            })
            .collect(),
        version: doc.version,
    })
}

/// Draw `f` in the gap above `fl`, whose top is at `top`: bottom-aligned
/// just above the line's capitals, no taller than the gap allows.
fn place_figure(page: &mut Page, f: &Figure, fl: &FlowLine, top: f32) {
    let cap_top = top + fl.line.baseline - fl.line.size * 0.72;
    let height = f.height.min((fl.gap - 2.0).max(0.0));
    if height <= 0.0 || f.image.height == 0 {
        return;
    }
    let width = height * f.image.width as f32 / f.image.height as f32;
    page.items.push(Placed::Image {
        image: Arc::clone(&f.image),
        x: fl.line.left,
        top: cap_top - height - 2.0,
        width,
        height,
        tag: fl.line.tag,
    });
}

impl TextLine {
    /// Place a line whose baseline is relative to its top at page offset `top`.
    fn clone_into_page(&self, page: &mut Page, top: f32) {
        let mut line = self.clone();
        line.baseline += top;
        page.items.push(Placed::Text(line));
    }
}

fn flow_lines(
    body: &[Paragraph],
    fonts: &FontSet,
    left: f32,
    measure: f32,
) -> Result<Vec<FlowLine>, TypesetError> {
    let mut flow: Vec<FlowLine> = Vec::new();
    let mut previous_keeps = false;
    for (index, p) in body.iter().enumerate() {
        let lines = set_paragraph(p, fonts, left, measure)?;
        let n = lines.len();
        for (k, mut fl) in lines.into_iter().enumerate() {
            fl.line.tag = Tag::Body(index);
            fl.break_before = if k == 0 {
                !(previous_keeps || p.keep_with_previous)
            } else {
                !p.keep_together && k >= 2 && n - k >= 2
            };
            if k == 0 {
                fl.gap = p.space_before;
                fl.figure = p.figure.clone();
                // A figure keeps its space even at the top of a page.
                if p.figure.is_some() {
                    fl.break_before = false;
                }
            }
            flow.push(fl);
        }
        if n > 0 {
            previous_keeps = p.keep_with_next;
        }
    }
    Ok(flow)
}

/// Split the flow into pages; `room(p)` is the body height of page `p`.
/// Breaks go at the last allowed place that fits; if none exists the page
/// breaks where it overflows (an oversize block is better split than lost).
fn paginate(flow: &[FlowLine], room: impl Fn(usize) -> f32) -> Vec<std::ops::Range<usize>> {
    let mut pages = Vec::new();
    let mut start = 0;
    while start < flow.len() {
        let limit = room(pages.len());
        let mut used = 0.0;
        let mut end = start;
        while end < flow.len() {
            let fl = &flow[end];
            let need = if end == start { 0.0 } else { fl.gap } + fl.height;
            if end > start && used + need > limit + 0.01 {
                break;
            }
            used += need;
            end += 1;
        }
        if end < flow.len()
            && let Some(b) = (start + 1..=end).rev().find(|&j| flow[j].break_before)
        {
            end = b;
        }
        pages.push(start..end);
        start = end;
    }
    pages
}

/// Items of a paragraph, with what each box, glue or hyphen draws.
struct Prepared {
    items: Vec<Item>,
    pieces: Vec<Piece>,
}

#[derive(Clone)]
enum Piece {
    None,
    Text(Arc<Shaped>),
}

fn hyphen_point_ok(word: &str) -> bool {
    word.len() >= 6
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && word.chars().next().is_some_and(|c| c.is_ascii_lowercase())
}

fn hyphenator() -> &'static hyphenation::Standard {
    use hyphenation::Load;
    static DICT: std::sync::OnceLock<Option<hyphenation::Standard>> = std::sync::OnceLock::new();
    DICT.get_or_init(|| hyphenation::Standard::from_embedded(hyphenation::Language::EnglishUS).ok())
        .as_ref()
        .expect("the en-US hyphenation patterns are embedded at build time")
}

/// Hyphenation points of a word, remembered: letters repeat their words,
/// and merges repeat whole letters.
fn hyphenation_points(word: &str) -> Arc<[usize]> {
    use hyphenation::Hyphenator;
    type Cache = std::sync::Mutex<std::collections::HashMap<Box<str>, Arc<[usize]>>>;
    static CACHE: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(word) {
        return Arc::clone(hit);
    }
    let points: Arc<[usize]> = hyphenator().hyphenate(word).breaks.into();
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    if map.len() > 100_000 {
        map.clear();
    }
    map.insert(word.into(), Arc::clone(&points));
    points
}

fn prepare(p: &Paragraph, fonts: &FontSet, measure: f32) -> Result<Prepared, TypesetError> {
    let mut items = Vec::new();
    let mut pieces = Vec::new();
    let justify = p.align == Align::Justify;
    let size = p.size;
    let push = |items: &mut Vec<Item>, pieces: &mut Vec<Piece>, item: Item, piece: Piece| {
        items.push(item);
        pieces.push(piece);
    };
    for span in &p.spans {
        let space = fonts.shape_as(" ", span.style, p.legacy)?;
        let space_w = space.width() * size;
        let hyphen = fonts.shape_as("-", span.style, p.legacy)?;
        let mut first_line = true;
        for line in span.text.split('\n') {
            if !first_line {
                for item in linebreak::forced_break() {
                    push(&mut items, &mut pieces, item, Piece::None);
                }
            }
            first_line = false;
            let mut first_word = true;
            for word in line.split(' ') {
                if !first_word {
                    push(
                        &mut items,
                        &mut pieces,
                        Item::Glue {
                            width: space_w,
                            stretch: if justify { space_w * 0.5 } else { 0.0 },
                            shrink: if justify { space_w * 0.33 } else { 0.0 },
                        },
                        Piece::Text(Arc::clone(&space)),
                    );
                }
                first_word = false;
                if word.is_empty() {
                    continue;
                }
                // A right-to-left word keeps the punctuation around it
                // apart ("سلمان," ends with the list's comma): the word runs
                // right to left, its comma follows it in the line's own
                // direction, and neither breaks from the other.
                if !p.legacy
                    && let (Some(first), Some((last, c))) = (
                        word.find(right_to_left),
                        word.char_indices().rfind(|(_, c)| right_to_left(*c)),
                    )
                {
                    let last = last + c.len_utf8();
                    for part in [&word[..first], &word[first..last], &word[last..]] {
                        if part.is_empty() {
                            continue;
                        }
                        let shaped = fonts.shape_as(part, span.style, false)?;
                        for piece in split_to_fit((*shaped).clone(), size, measure - p.indent) {
                            push(
                                &mut items,
                                &mut pieces,
                                Item::Box {
                                    width: piece.width() * size,
                                },
                                Piece::Text(Arc::new(piece)),
                            );
                        }
                    }
                    continue;
                }
                let shaped = fonts.shape_as(word, span.style, p.legacy)?;
                let mut fragments: Vec<Shaped> = Vec::new();
                let core_start = word.find(|c: char| c.is_alphabetic()).unwrap_or(0);
                let core_end = word
                    .char_indices()
                    .rfind(|(_, c)| c.is_alphabetic())
                    .map_or(word.len(), |(i, c)| i + c.len_utf8());
                let core = &word[core_start..core_end.max(core_start)];
                let mut rest: Shaped = (*shaped).clone();
                if p.hyphenate && justify && hyphen_point_ok(core) {
                    // Clusters are byte offsets into `word`, so each break
                    // splits whatever remains at its absolute position.
                    for &b in hyphenation_points(core).iter() {
                        if let Some((a, r)) = rest.split_at((core_start + b) as u32) {
                            fragments.push(a);
                            rest = r;
                        }
                    }
                }
                fragments.push(rest);
                let last = fragments.len() - 1;
                for (k, frag) in fragments.into_iter().enumerate() {
                    for piece in split_to_fit(frag, size, measure - p.indent) {
                        push(
                            &mut items,
                            &mut pieces,
                            Item::Box {
                                width: piece.width() * size,
                            },
                            Piece::Text(Arc::new(piece)),
                        );
                    }
                    if k < last {
                        push(
                            &mut items,
                            &mut pieces,
                            Item::Penalty {
                                width: hyphen.width() * size,
                                penalty: 50.0,
                                flagged: true,
                            },
                            Piece::Text(Arc::clone(&hyphen)),
                        );
                    }
                }
            }
        }
    }
    for item in linebreak::forced_break() {
        push(&mut items, &mut pieces, item, Piece::None);
    }
    Ok(Prepared { items, pieces })
}

/// A word wider than the line (a long URL) is cut between clusters so that
/// no line ever runs past the margin.
fn split_to_fit(word: Shaped, size: f32, measure: f32) -> Vec<Shaped> {
    if word.width() * size <= measure {
        return vec![word];
    }
    let mut out = Vec::new();
    let mut cur = Shaped::default();
    for g in word.glyphs {
        let new_cluster = cur.glyphs.last().is_none_or(|l| l.cluster != g.cluster);
        if new_cluster && !cur.glyphs.is_empty() && (cur.width() + g.advance) * size > measure {
            out.push(std::mem::take(&mut cur));
        }
        cur.glyphs.push(g);
    }
    if !cur.glyphs.is_empty() {
        out.push(cur);
    }
    out
}

/// Break one paragraph into positioned lines (baselines relative to each line's top).
/// Everything a paragraph's lines depend on, as bytes: the cache key.
fn paragraph_key(p: &Paragraph, left: f32, measure: f32) -> Vec<u8> {
    let mut key = Vec::with_capacity(64 + p.spans.iter().map(|s| s.text.len() + 8).sum::<usize>());
    for f in [
        left,
        measure,
        p.size,
        p.leading,
        p.color.0,
        p.color.1,
        p.color.2,
        p.space_before,
        p.indent,
        p.marker_at,
    ] {
        key.extend_from_slice(&f.to_bits().to_le_bytes());
    }
    key.extend_from_slice(&[
        p.align as u8,
        u8::from(p.legacy),
        u8::from(p.hyphenate),
        u8::from(p.keep_together),
        u8::from(p.keep_with_next),
        u8::from(p.keep_with_previous),
    ]);
    for text in p.marker.iter().chain(p.spans.iter().map(|s| &s.text)) {
        key.extend_from_slice(&(text.len() as u64).to_le_bytes());
        key.extend_from_slice(text.as_bytes());
    }
    for s in &p.spans {
        key.push(u8::from(s.style.bold) | u8::from(s.style.italic) << 1);
    }
    key
}

/// Laid-out paragraphs by everything they depend on ([`paragraph_key`]),
/// kept with the font set; cleared past 4,096.
#[derive(Default)]
struct ParagraphCache(Bounded<Vec<u8>, Arc<Vec<FlowLine>>, 4096>);

/// Draw `head` at the top of `page` (its logo at the left, its lines, a
/// rule beneath) in a column `measure` wide from (`left`, `top`); returns
/// where the page's text may start. A letter's first page, and a report's.
pub fn place_letterhead(
    page: &mut Page,
    head: &Letterhead,
    fonts: &FontSet,
    left: f32,
    top: f32,
    measure: f32,
    legacy: bool,
) -> Result<f32, TypesetError> {
    let mut y = top;
    let logo_height = 54.0;
    if let Some(logo) = &head.logo {
        let width = logo_height * logo.width as f32 / logo.height.max(1) as f32;
        page.items.push(Placed::Image {
            image: Arc::clone(logo),
            x: left,
            top: y,
            width,
            height: logo_height,
            tag: Tag::Artifact,
        });
    }
    let mut head_bottom = y;
    for p in &head.lines {
        y += p.space_before;
        let mut p = p.clone();
        p.legacy = legacy;
        for fl in set_paragraph(&p, fonts, left, measure)? {
            fl.line.clone_into_page(page, y);
            y += fl.height;
        }
        head_bottom = y;
    }
    if head.logo.is_some() {
        head_bottom = head_bottom.max(top + logo_height);
    }
    if !head.lines.is_empty() || head.logo.is_some() {
        head_bottom += 8.0;
        page.items.push(Placed::Rule {
            x1: left,
            x2: left + measure,
            y: head_bottom,
            thickness: 0.75,
            color: head.rule_color,
        });
        head_bottom += 24.0;
    }
    Ok(head_bottom)
}

/// Lay out a paragraph's lines, reusing an earlier identical paragraph's:
/// in a merge every copy repeats the same body.
/// The lines of one paragraph set in a column `measure` wide starting at
/// `left`, each with its height: a line's baseline is measured from its own
/// top, so a caller placing it at `top` adds `top` to it. For pages a
/// caller lays out itself (a report's tables and charts).
pub fn set_lines(
    p: &Paragraph,
    fonts: &FontSet,
    left: f32,
    measure: f32,
) -> Result<Vec<(TextLine, f32)>, TypesetError> {
    // Not through the paragraph cache: a report's caller keeps what
    // repeats (its cells) itself, and its unique lines would only churn it.
    Ok(set_paragraph_uncached(p, fonts, left, measure)?
        .into_iter()
        .map(|fl| (fl.line, fl.height))
        .collect())
}

fn set_paragraph(
    p: &Paragraph,
    fonts: &FontSet,
    left: f32,
    measure: f32,
) -> Result<Vec<FlowLine>, TypesetError> {
    let key = paragraph_key(p, left, measure);
    let cache = &fonts.cache::<ParagraphCache>().0;
    if let Some(lines) = cache.get(&key) {
        return Ok(lines.as_ref().clone());
    }
    let lines = set_paragraph_uncached(p, fonts, left, measure)?;
    cache.put(key, Arc::new(lines.clone()));
    Ok(lines)
}

fn set_paragraph_uncached(
    p: &Paragraph,
    fonts: &FontSet,
    left: f32,
    measure: f32,
) -> Result<Vec<FlowLine>, TypesetError> {
    let prepared = prepare(p, fonts, measure)?;
    let width = measure - p.indent;
    let breaks = if p.align == Align::Justify {
        linebreak::optimal(&prepared.items, width)
            .unwrap_or_else(|| linebreak::greedy(&prepared.items, width))
    } else {
        linebreak::greedy(&prepared.items, width)
    };
    let x0 = left + p.indent;
    let baseline = p.leading * 0.5 + p.size * 0.35;
    let mut out = Vec::with_capacity(breaks.lines.len());
    for (n, line) in breaks.lines.iter().enumerate() {
        // The final line and lines ended by a forced break are set at natural width.
        let forced_end = matches!(
            prepared.items[line.end],
            Item::Penalty { penalty, .. } if penalty <= -INFINITY
        );
        let ratio = if p.align == Align::Justify && !(forced_end && line.ratio > 0.0) {
            line.ratio
        } else {
            0.0
        };
        let mut natural = 0.0;
        for item in &prepared.items[line.start..line.end] {
            natural += match item {
                Item::Box { width } => *width,
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                } if *stretch < INFINITY => {
                    width
                        + if ratio >= 0.0 {
                            ratio * stretch
                        } else {
                            ratio * shrink
                        }
                }
                _ => 0.0,
            };
        }
        if line.hyphenated
            && let Item::Penalty { width, .. } = prepared.items[line.end]
        {
            natural += width;
        }
        let shift = match p.align {
            Align::Justify | Align::Left => 0.0,
            Align::Center => ((width - natural) / 2.0).max(0.0),
            Align::Right => (width - natural).max(0.0),
        };
        let mut x = x0 + shift;
        let mut tl = TextLine {
            baseline,
            size: p.size,
            color: p.color,
            runs: Vec::new(),
            left: x,
            right: x,
            text: String::new(),
            tag: Tag::Artifact,
            marker_glyphs: 0,
        };
        if n == 0
            && let Some(marker) = &p.marker
        {
            // A space after the marker, invisible, keeps "cc:" apart from
            // the first name for whoever reads the text rather than sees it.
            let shaped = if p.legacy {
                fonts.shape_as(marker, Style::REGULAR, true)?
            } else {
                fonts.shape(&format!("{marker} "), Style::REGULAR)?
            };
            let mx = left + p.marker_at;
            place(&mut tl, &shaped, mx, p.size);
            tl.marker_glyphs = shaped.glyphs.len();
            tl.text.push(' ');
            tl.left = mx;
        }
        let order = if p.legacy {
            (line.start..line.end).collect()
        } else {
            visual_order(&prepared, line.start..line.end)
        };
        for k in order {
            match (&prepared.items[k], &prepared.pieces[k]) {
                (Item::Box { width }, Piece::Text(s)) => {
                    place(&mut tl, s, x, p.size);
                    x += width;
                }
                (
                    Item::Glue {
                        width,
                        stretch,
                        shrink,
                    },
                    piece,
                ) => {
                    if *stretch >= INFINITY {
                        continue;
                    }
                    let w = width
                        + if ratio >= 0.0 {
                            ratio * stretch
                        } else {
                            ratio * shrink
                        };
                    if let Piece::Text(s) = piece {
                        place(&mut tl, s, x, p.size);
                    }
                    x += w;
                }
                _ => {}
            }
        }
        if line.hyphenated
            && let (Item::Penalty { width, .. }, Piece::Text(s)) =
                (&prepared.items[line.end], &prepared.pieces[line.end])
        {
            place(&mut tl, s, x, p.size);
            x += width;
        }
        tl.right = x;
        tl.text = tl.text.trim_end().to_string();
        out.push(FlowLine {
            line: tl,
            gap: 0.0,
            height: p.leading,
            break_before: true,
            figure: None,
        });
    }
    Ok(out)
}

/// Whether `c` belongs to a script written right to left (Hebrew, Arabic
/// and their presentation forms).
pub(crate) fn right_to_left(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// The items of a line in the order they are drawn, left to right: a
/// stretch of right-to-left words (a name in Arabic or Hebrew, and the
/// spaces between its words) runs from right to left inside the line,
/// whose own direction is the letter's, left to right. Each word's glyphs
/// are already in visual order from the shaper.
fn visual_order(prepared: &Prepared, range: std::ops::Range<usize>) -> Vec<usize> {
    let rtl = |k: usize| match &prepared.pieces[k] {
        Piece::Text(s) => s.glyphs.iter().any(|g| g.text.chars().any(right_to_left)),
        Piece::None => false,
    };
    let is_box = |k: usize| matches!(prepared.items[k], Item::Box { .. });
    let mut order: Vec<usize> = range.collect();
    let mut i = 0;
    while i < order.len() {
        if !(is_box(order[i]) && rtl(order[i])) {
            i += 1;
            continue;
        }
        // The stretch: right-to-left words and what lies between them.
        let mut end = i + 1;
        let mut last_word = i;
        while end < order.len() {
            let k = order[end];
            if is_box(k) && !rtl(k) {
                break;
            }
            if is_box(k) {
                last_word = end;
            }
            end += 1;
        }
        order[i..=last_word].reverse();
        i = last_word + 1;
    }
    order
}

/// Append shaped glyphs at pen position `x`.
fn place(line: &mut TextLine, shaped: &Shaped, mut x: f32, size: f32) {
    for g in &shaped.glyphs {
        let glyph = PlacedGlyph {
            gid: g.gid,
            x: x + g.x_offset * size,
            y_offset: g.y_offset * size,
            text: Arc::clone(&g.text),
        };
        line.text.push_str(&g.text);
        match line.runs.last_mut() {
            Some(run) if run.face == g.face => run.glyphs.push(glyph),
            _ => line.runs.push(Run {
                face: g.face,
                glyphs: vec![glyph],
            }),
        }
        x += g.advance * size;
    }
}
