//! A letter as a Word document (.docx), written from the same composed
//! [`Document`] the PDF is laid out from: every paragraph editable, in a
//! named paragraph style (Date, Address, Subject, Salutation, Body, List
//! Bullet, Closing, Signature, Copies…) defined in the document's
//! styles.xml, at the PDF's sizes, leading, spacing and indents; the
//! page size and margins of the letter's template.
//!
//! Word sets the lines itself, so its line and page breaks may fall
//! elsewhere than Amicus's (its own line breaking, no hyphenation), but
//! the text, its order and its look are the letter's:
//!
//! - page 1 has the letterhead in its own header (Word's "different first
//!   page"), above a rule; later pages the continuation header, the
//!   addressees and date at the left and "Page X of Y" at the right
//!   (PAGE and NUMPAGES fields; SECTIONPAGES when one file holds several
//!   copies, each its own section numbered from 1);
//! - a draft carries its mark ("DRAFT — not approved…") as a red line at
//!   the top of every page's header, where the PDF prints it;
//! - the signer's signature image, once signed, stands above the typed
//!   name; the letterhead's logo at the top left of page 1;
//! - with the organization's letterhead file, its first page is a picture
//!   behind page 1's text (in page 1's header) and its second, if any,
//!   behind every later page's: Word draws no PDF, so each page is a PNG
//!   at [`typeset::stationery::PNG_DPI`], stored once per file however many
//!   copies and pages use it.

mod order;

use docx_rs as w;
use typeset::{Align, Continuation, Document, Paragraph, Rgb, Style};

use crate::error::LetterError;

/// The text face of every style: the PDF's own (Word and LibreOffice find
/// it installed with LibreOffice, or substitute a metric-compatible one).
const FONT: &str = "Liberation Serif";

/// Points to twentieths of a point (OOXML's lengths).
fn tw(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

fn utw(pt: f32) -> u32 {
    tw(pt.max(0.0)) as u32
}

/// Points to half-points (OOXML's font sizes).
fn half(pt: f32) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}

/// Points to English Metric Units (DrawingML's lengths).
fn emu(pt: f32) -> u32 {
    (pt.max(0.0) * 12700.0).round() as u32
}

fn hex(c: Rgb) -> String {
    let b = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("{:02X}{:02X}{:02X}", b(c.0), b(c.1), b(c.2))
}

/// A style's id: its name without spaces ("List Bullet" → "ListBullet").
fn style_id(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What a named style fixes for its paragraphs; a paragraph that differs
/// from its style's says so directly.
#[derive(Debug, Clone, PartialEq)]
struct Look {
    size: f32,
    leading: f32,
    align: Align,
    color: Rgb,
    space_before: f32,
    indent: f32,
    hanging: f32,
    keep_together: bool,
}

impl Look {
    fn of(p: &Paragraph) -> Look {
        Look {
            size: p.size,
            leading: p.leading,
            align: p.align,
            color: p.color,
            space_before: p.space_before,
            indent: p.indent,
            hanging: if p.marker.is_some() {
                p.indent - p.marker_at
            } else {
                0.0
            },
            keep_together: p.keep_together,
        }
    }
}

fn alignment(a: Align) -> w::AlignmentType {
    match a {
        Align::Justify => w::AlignmentType::Both,
        Align::Left => w::AlignmentType::Left,
        Align::Center => w::AlignmentType::Center,
        Align::Right => w::AlignmentType::Right,
    }
}

fn exact(leading: f32) -> w::LineSpacing {
    w::LineSpacing::new()
        .line_rule(w::LineSpacingType::Exact)
        .line(tw(leading))
}

fn style_of(name: &str, look: &Look) -> w::Style {
    let mut s = w::Style::new(style_id(name), w::StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next(style_id(name))
        .size(half(look.size))
        .align(alignment(look.align))
        .line_spacing(exact(look.leading).before(utw(look.space_before)).after(0));
    if look.color != Rgb::default() {
        s = s.color(hex(look.color));
    }
    if look.indent > 0.0 {
        s = s.indent(
            Some(tw(look.indent)),
            (look.hanging > 0.0).then(|| w::SpecialIndentType::Hanging(tw(look.hanging))),
            None,
            None,
        );
    }
    s.paragraph_property = s
        .paragraph_property
        .keep_lines(look.keep_together)
        .widow_control(true);
    s
}

/// The styles a set of documents uses: each role's look is that of its
/// first paragraph.
#[derive(Default)]
struct Styles {
    named: Vec<(&'static str, Look)>,
}

impl Styles {
    fn look(&mut self, role: &'static str, p: &Paragraph) -> Look {
        if let Some((_, look)) = self.named.iter().find(|(n, _)| *n == role) {
            return look.clone();
        }
        let look = Look::of(p);
        self.named.push((role, look.clone()));
        look
    }
}

/// Numbered lists: each sublist (consecutive numbers at one depth) is its
/// own numbering instance starting where its markers start, so Word counts
/// exactly as the letter does and keeps counting when staff add an item.
struct Lists {
    next_num: usize,
    numbers: Vec<w::Numbering>,
    /// Per depth: the open numbered sublist's instance and its last number.
    open: Vec<Option<(usize, u32)>>,
}

// docx-rs always writes a numbering of its own as abstract 1 and instance 1:
// ours are numbered past it.
const BULLETS: usize = 10;
const DECIMAL: usize = 11;
const BULLET_NUM: usize = 10;
const LEVELS: usize = 9;

impl Lists {
    fn new() -> Lists {
        Lists {
            next_num: BULLET_NUM + 1,
            numbers: vec![w::Numbering::new(BULLET_NUM, BULLETS)],
            open: vec![None; LEVELS],
        }
    }

    fn abstracts() -> [w::AbstractNumbering; 2] {
        let mut bullets = w::AbstractNumbering::new(BULLETS);
        let mut decimal = w::AbstractNumbering::new(DECIMAL);
        for level in 0..LEVELS {
            let left = tw(24.0 + 18.0 * level as f32);
            let hang = Some(w::SpecialIndentType::Hanging(tw(14.0)));
            bullets = bullets.add_level(
                w::Level::new(
                    level,
                    w::Start::new(1),
                    w::NumberFormat::new("bullet"),
                    w::LevelText::new(if level == 0 { "•" } else { "–" }),
                    w::LevelJc::new("left"),
                )
                .indent(Some(left), hang, None, None),
            );
            decimal = decimal.add_level(
                w::Level::new(
                    level,
                    w::Start::new(1),
                    w::NumberFormat::new("decimal"),
                    w::LevelText::new(format!("%{}.", level + 1)),
                    w::LevelJc::new("left"),
                )
                .indent(Some(left), hang, None, None),
            );
        }
        [bullets, decimal]
    }

    /// Not a list item: every open list ends.
    fn close(&mut self) {
        self.open.iter_mut().for_each(|o| *o = None);
    }

    /// The numbering instance of an item at `depth` with `marker`.
    fn item(&mut self, depth: usize, marker: &str) -> usize {
        for o in self.open.iter_mut().skip(depth + 1) {
            *o = None;
        }
        let number = marker.strip_suffix('.').and_then(|n| n.parse::<u32>().ok());
        let Some(n) = number else {
            self.open[depth] = None;
            return BULLET_NUM;
        };
        match self.open[depth] {
            Some((num, last)) if last + 1 == n => {
                self.open[depth] = Some((num, n));
                num
            }
            _ => {
                let num = self.next_num;
                self.next_num += 1;
                self.numbers.push(
                    w::Numbering::new(num, DECIMAL)
                        .add_override(w::LevelOverride::new(depth).start(n as usize)),
                );
                self.open[depth] = Some((num, n));
                num
            }
        }
    }
}

/// Runs for `text` in one style, a line break at each `\n`.
fn runs(text: &str, style: Style, size: Option<f32>, color: Option<Rgb>) -> Vec<w::Run> {
    let mut out = Vec::new();
    for (k, line) in text.split('\n').enumerate() {
        let mut r = w::Run::new();
        if k > 0 {
            r = r.add_break(w::BreakType::TextWrapping);
        }
        if !line.is_empty() {
            r = r.add_text(line);
        }
        if style.bold {
            r = r.bold();
        }
        if style.italic {
            r = r.italic();
        }
        if let Some(s) = size {
            r = r.size(half(s));
        }
        if let Some(c) = color {
            r = r.color(hex(c));
        }
        out.push(r);
    }
    out
}

/// One paragraph of the letter in its style, with whatever it does
/// differently from that style set directly.
fn paragraph(
    p: &Paragraph,
    styles: &mut Styles,
    lists: &mut Lists,
    keep_next: bool,
    space_before: Option<f32>,
) -> w::Paragraph {
    let role = p.role.unwrap_or("Body");
    let style = styles.look(role, p);
    let mut look = Look::of(p);
    if let Some(s) = space_before {
        look.space_before = s;
    }
    let mut out = w::Paragraph::new().style(&style_id(role));
    let mut spacing = None;
    if look.space_before != style.space_before || look.leading != style.leading {
        spacing = Some(exact(look.leading).before(utw(look.space_before)).after(0));
    }
    if let Some(s) = spacing {
        out = out.line_spacing(s);
    }
    if look.align != style.align {
        out = out.align(alignment(look.align));
    }
    if keep_next {
        out = out.keep_next(true);
    }
    if look.keep_together != style.keep_together {
        out = out.keep_lines(look.keep_together);
    }
    let size = (look.size != style.size).then_some(look.size);
    let color = (look.color != style.color).then_some(look.color);

    let listed = matches!(role, "List Bullet" | "List Number");
    match (&p.marker, listed) {
        (Some(marker), true) => {
            let depth = (((p.indent - 24.0) / 18.0).round().max(0.0) as usize).min(LEVELS - 1);
            let num = lists.item(depth, marker);
            out = out.numbering(w::NumberingId::new(num), w::IndentLevel::new(depth));
            if look.indent != style.indent || look.hanging != style.hanging {
                out = out.indent(
                    Some(tw(look.indent)),
                    Some(w::SpecialIndentType::Hanging(tw(look.hanging))),
                    None,
                    None,
                );
            }
        }
        (marker, _) => {
            lists.close();
            if look.indent != style.indent || look.hanging != style.hanging {
                out = out.indent(
                    Some(tw(look.indent)),
                    (look.hanging > 0.0).then(|| w::SpecialIndentType::Hanging(tw(look.hanging))),
                    None,
                    None,
                );
            }
            if let Some(m) = marker {
                // A label hung in the margin of its list ("cc:", "Enclosures:").
                for r in runs(m, Style::REGULAR, size, color) {
                    out = out.add_run(r);
                }
                out = out.add_run(w::Run::new().add_tab());
            }
        }
    }
    for span in &p.spans {
        for r in runs(&span.text, span.style, size, color) {
            out = out.add_run(r);
        }
    }
    out
}

/// The paragraph holding the signer's handwritten signature, above the
/// typed name: the picture inline, at the height the PDF draws it.
fn figure(f: &typeset::Figure, space_before: f32) -> w::Paragraph {
    let height = f.height;
    let width = height * f.image.width as f32 / f.image.height.max(1) as f32;
    let pic = w::Pic::new_with_dimensions(f.image.png().to_vec(), f.image.width, f.image.height)
        .size(emu(width), emu(height));
    w::Paragraph::new()
        .style("SignatureImage")
        .line_spacing(
            w::LineSpacing::new()
                .line_rule(w::LineSpacingType::Auto)
                .line(240)
                .before(utw(space_before))
                .after(0),
        )
        .keep_next(true)
        .add_run(w::Run::new().add_image(pic))
}

/// The top of every page's header for a draft: its mark, centred in red,
/// where the PDF prints it; `gap` is the space down to the header's text.
fn mark_line(mark: &str, gap: f32) -> w::Paragraph {
    let mut p = w::Paragraph::new()
        .style("DraftMark")
        .line_spacing(exact(9.0 * 1.2).before(0).after(utw(gap)));
    for r in runs(mark, Style::BOLD, None, None) {
        p = p.add_run(r);
    }
    p
}

/// A field (PAGE, NUMPAGES…) with `shown` as its last computed value.
fn field(p: w::Paragraph, instr: w::InstrText, shown: &str) -> w::Paragraph {
    p.add_run(w::Run::new().add_field_char(w::FieldCharType::Begin, true))
        .add_run(w::Run::new().add_instr_text(instr))
        .add_run(w::Run::new().add_field_char(w::FieldCharType::Separate, false))
        .add_run(w::Run::new().add_text(shown))
        .add_run(w::Run::new().add_field_char(w::FieldCharType::End, false))
}

/// Pages 2 and up: the addressees and the date at the left, "Page X of Y"
/// at the right margin.
fn running_head(c: &Continuation, measure: f32, sections: bool) -> Vec<w::Paragraph> {
    let mut out = Vec::new();
    for (k, left) in c.left.iter().enumerate() {
        let mut p = w::Paragraph::new().style("RunningHead");
        for r in runs(left, Style::REGULAR, None, None) {
            p = p.add_run(r);
        }
        if k == 0 {
            p = p
                .add_tab(
                    w::Tab::new()
                        .val(w::TabValueType::Right)
                        .pos(tw(measure) as usize),
                )
                .add_run(w::Run::new().add_tab());
            // "Page {page} of {pages}": text between the two fields.
            let mut rest = c.right.as_str();
            while !rest.is_empty() {
                let next = [("{pages}", 1), ("{page}", 0)]
                    .iter()
                    .filter_map(|(t, kind)| rest.find(t).map(|at| (at, *t, *kind)))
                    .min_by_key(|(at, t, _)| (*at, std::cmp::Reverse(t.len())));
                let Some((at, token, kind)) = next else {
                    p = p.add_run(w::Run::new().add_text(rest));
                    break;
                };
                if at > 0 {
                    p = p.add_run(w::Run::new().add_text(&rest[..at]));
                }
                p = if kind == 0 {
                    field(p, w::InstrText::PAGE(w::InstrPAGE::new()), "2")
                } else if sections {
                    field(p, w::InstrText::Unsupported("SECTIONPAGES".into()), "2")
                } else {
                    field(p, w::InstrText::NUMPAGES(w::InstrNUMPAGES::new()), "2")
                };
                rest = &rest[at + token.len()..];
            }
        }
        out.push(p);
    }
    out
}

/// Where the header starts from the top of the page, and the space from
/// the draft mark down to the header's text (None without a mark).
fn header_top(doc: &Document) -> (f32, Option<f32>) {
    match doc.mark.as_deref().filter(|m| !m.trim().is_empty()) {
        Some(_) => {
            let top = (doc.margins.top / 2.0 - 9.0).max(0.0);
            (top, Some((doc.margins.top - top - 9.0 * 1.2).max(0.0)))
        }
        None => (doc.margins.top, None),
    }
}

/// One copy's headers: page 1's letterhead and later pages' running head.
fn headers(doc: &Document, styles: &mut Styles, sections: bool) -> (w::Header, w::Header) {
    let measure = doc.page.width - doc.margins.left - doc.margins.right;
    let (_, gap) = header_top(doc);
    let mark = doc.mark.as_deref().filter(|m| !m.trim().is_empty());
    let mut first = w::Header::new();
    let mut later = w::Header::new();
    if let (Some(m), Some(gap)) = (mark, gap) {
        first = first.add_paragraph(mark_line(m, gap));
        later = later.add_paragraph(mark_line(m, gap));
    }
    let lines = &doc.letterhead.lines;
    let mut lists = Lists::new();
    for (k, p) in lines.iter().enumerate() {
        let mut para = paragraph(p, styles, &mut lists, false, None);
        if k + 1 == lines.len() {
            // The rule under the letterhead, 8 pt below its last line, and
            // 24 pt down to the date, as the PDF draws it.
            para = para.line_spacing(
                exact(p.leading)
                    .before(utw(p.space_before))
                    .after(utw(24.0)),
            );
            para.property = para.property.set_borders(
                w::ParagraphBorders::with_empty().set(
                    w::ParagraphBorder::new(w::ParagraphBorderPosition::Bottom)
                        .val(w::BorderType::Single)
                        .size(6)
                        .space(8)
                        .color(hex(doc.letterhead.rule_color)),
                ),
            );
        }
        first = first.add_paragraph(para);
    }
    if lines.is_empty() {
        first = first.add_paragraph(w::Paragraph::new());
    }
    match &doc.continuation {
        Some(c) => {
            for p in running_head(c, measure, sections) {
                later = later.add_paragraph(p);
            }
        }
        None => later = later.add_paragraph(w::Paragraph::new()),
    }
    if let Some(sheet) = &doc.stationery {
        let page_one = sheet.page_png(0);
        let later_pages = sheet.page_for(1).and_then(|k| sheet.page_png(k));
        first = behind(first, page_one.as_ref(), doc, "rIdLetterheadFirst");
        later = behind(later, later_pages.as_ref(), doc, "rIdLetterheadLater");
    }
    (first, later)
}

/// The letterhead page `png` as a picture filling the page behind the
/// text, anchored in the header's first paragraph. The anchor is marked
/// `behindDoc` when the package is written ([`write_docx`]).
fn behind(
    mut header: w::Header,
    png: Option<&typeset::stationery::Png>,
    doc: &Document,
    id: &str,
) -> w::Header {
    let Some(png) = png else {
        return header;
    };
    let pic = w::Pic::new_with_dimensions(png.bytes.to_vec(), png.width, png.height)
        .id(id)
        .size(emu(doc.page.width), emu(doc.page.height))
        .floating()
        .overlapping()
        .relative_height(0)
        .relative_from_h(w::RelativeFromHType::Page)
        .relative_from_v(w::RelativeFromVType::Page)
        .position_h(w::DrawingPosition::Offset(0))
        .position_v(w::DrawingPosition::Offset(0));
    let run = w::Run::new().add_image(pic);
    match header.children.first_mut() {
        Some(w::HeaderChild::Paragraph(p)) => {
            let taken = std::mem::take(p.as_mut());
            **p = taken.add_run(run);
        }
        _ => header = header.add_paragraph(w::Paragraph::new().add_run(run)),
    }
    header
}

/// The letter's paragraphs, in order, with the keep rules carried over.
fn body(doc: &Document, styles: &mut Styles, lists: &mut Lists) -> Vec<w::Paragraph> {
    let mut out = Vec::new();
    let n = doc.body.len();
    for (i, p) in doc.body.iter().enumerate() {
        let keep_next = p.keep_with_next || (i + 1 < n && doc.body[i + 1].keep_with_previous);
        let mut space_before = None;
        if let Some(f) = &p.figure {
            out.push(figure(f, (p.space_before - f.height - 4.0).max(0.0)));
            space_before = Some(0.0);
        }
        out.push(paragraph(p, styles, lists, keep_next, space_before));
    }
    if let (Some(logo), Some(first)) = (&doc.letterhead.logo, out.first_mut()) {
        // The logo at the top left of page 1, beside the letterhead, as
        // the PDF sets it (54 pt high), floating so the text keeps its place.
        let height = 54.0;
        let width = height * logo.width as f32 / logo.height.max(1) as f32;
        let pic = w::Pic::new_with_dimensions(logo.png().to_vec(), logo.width, logo.height)
            .size(emu(width), emu(height))
            .floating()
            .relative_from_h(w::RelativeFromHType::Page)
            .relative_from_v(w::RelativeFromVType::Page)
            .position_h(w::DrawingPosition::Offset(emu(doc.margins.left) as i32))
            .position_v(w::DrawingPosition::Offset(emu(doc.margins.top) as i32));
        let taken = std::mem::take(first);
        *first = taken.add_run(w::Run::new().add_image(pic));
    }
    out
}

/// The page size and margins of one copy: the template's, the body of
/// later pages starting below the running head as in the PDF.
fn page(doc: &Document) -> (w::PageSize, w::PageMargin) {
    let m = doc.margins;
    let (header, _) = header_top(doc);
    let running = doc
        .continuation
        .as_ref()
        .map_or(0.0, |c| c.size * 1.3 * c.left.len().max(1) as f32 + 24.0);
    (
        w::PageSize::new().size(utw(doc.page.width), utw(doc.page.height)),
        w::PageMargin::new()
            .top(tw(m.top + running))
            .bottom(tw(m.bottom))
            .left(tw(m.left))
            .right(tw(m.right))
            .header(tw(header))
            .footer(tw(m.bottom / 2.0))
            .gutter(0),
    )
}

fn base_styles(docx: w::Docx, named: &[(&'static str, Look)]) -> w::Docx {
    let mut docx = docx
        .default_fonts(
            w::RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(half(11.5));
    for (name, look) in named {
        docx = docx.add_style(style_of(name, look));
    }
    // The styles of the parts that are not the letter's own paragraphs.
    let running = Look {
        size: 9.5,
        leading: 9.5 * 1.3,
        align: Align::Left,
        color: Rgb::default(),
        space_before: 0.0,
        indent: 0.0,
        hanging: 0.0,
        keep_together: false,
    };
    let mark = Look {
        size: 9.0,
        leading: 9.0 * 1.2,
        align: Align::Center,
        color: Rgb(0.72, 0.09, 0.09),
        ..running.clone()
    };
    let image = Look {
        size: 11.5,
        ..running.clone()
    };
    docx.add_style(style_of("Running Head", &running))
        .add_style(style_of("Draft Mark", &mark).bold())
        .add_style(style_of("Signature Image", &image))
}

const HEADER_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
const HEADER_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";
const IMAGE_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

/// The letterhead pictures of one copy's headers: (page 1's, later pages').
fn letterhead_pngs(doc: &Document) -> [Option<typeset::stationery::Png>; 2] {
    match &doc.stationery {
        Some(sheet) => [
            sheet.page_png(0),
            sheet.page_for(1).and_then(|k| sheet.page_png(k)),
        ],
        None => [None, None],
    }
}

/// Write `copies` (one composed document each) as one Word document: one
/// copy is one section; several are one section each, a page break
/// between them, each numbered from page 1.
///
/// The last copy's section is the document's own, its two headers filed by
/// docx-rs. The others end with their own section properties, whose
/// headers are filed here as further parts: docx-rs's sections lose a
/// first-page header given beside a default one, and its files of ten
/// headers or more go out of step with their ids (sorted as strings).
pub fn write_docx(copies: &[Document]) -> Result<Vec<u8>, LetterError> {
    let sections = copies.len() > 1;
    let mut styles = Styles::default();
    let mut lists = Lists::new();
    let mut docx = w::Docx::new();
    // Headers of the copies before the last: (id, part, header, the
    // letterhead picture in it with its relationship id).
    type Picture = Option<(&'static str, typeset::stationery::Png)>;
    let mut extra: Vec<(String, String, w::Header, Picture)> = Vec::new();
    let last = copies.len().saturating_sub(1);
    for (k, doc) in copies.iter().enumerate() {
        let (first, later) = headers(doc, &mut styles, sections);
        let mut paragraphs = body(doc, &mut styles, &mut lists);
        lists.close();
        let (size, margin) = page(doc);
        let numbered = w::PageNumType::new().start(1);
        if k < last {
            let n = 3 + extra.len();
            let (default_id, first_id) = (
                format!("rIdCopyHeader{n}"),
                format!("rIdCopyHeader{}", n + 1),
            );
            let props = w::SectionProperty::new()
                .page_size(size)
                .page_margin(margin)
                .page_num_type(numbered)
                .header(w::Header::new(), &default_id)
                .first_header(w::Header::new(), &first_id);
            let [page_one, later_pages] = letterhead_pngs(doc);
            extra.push((
                default_id,
                format!("header{n}.xml"),
                later,
                later_pages.map(|p| ("rIdLetterheadLater", p)),
            ));
            extra.push((
                first_id,
                format!("header{}.xml", n + 1),
                first,
                page_one.map(|p| ("rIdLetterheadFirst", p)),
            ));
            let end = paragraphs.pop().unwrap_or_default().section_property(props);
            paragraphs.push(end);
            for p in paragraphs {
                docx = docx.add_paragraph(p);
            }
        } else {
            for p in paragraphs {
                docx = docx.add_paragraph(p);
            }
            docx = docx
                .page_size(utw(doc.page.width), utw(doc.page.height))
                .page_margin(margin)
                .title_pg()
                .page_num_type(numbered)
                .header(later)
                .first_header(first);
        }
    }
    docx = base_styles(docx, &styles.named);
    let [bullets, decimal] = Lists::abstracts();
    docx = docx
        .add_abstract_numbering(bullets)
        .add_abstract_numbering(decimal);
    for n in lists.numbers {
        docx = docx.add_numbering(n);
    }
    if let Some(doc) = copies.first() {
        let when = chrono::DateTime::from_timestamp(doc.metadata.timestamp, 0)
            .unwrap_or_default()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        docx = docx.created_at(&when).updated_at(&when);
    }
    let mut xml = docx.default_tab_stop(720).build();
    // The two headers docx-rs filed are header1.xml and header2.xml; the
    // others follow, each with its relationship and content type.
    xml.header_rels.truncate(xml.headers.len());
    let mut types = String::new();
    let mut rels = String::new();
    for (id, part, header, picture) in extra {
        use w::BuildXML as _;
        xml.headers.push(header.build());
        // Its own relationships: the letterhead picture, stored once in
        // the package (the last copy's headers filed it already).
        let mut own = String::new();
        if let Some((pic, png)) = picture {
            let media = match xml.media.iter().find(|(_, b)| b[..] == png.bytes[..]) {
                Some((media, _)) => media.clone(),
                None => {
                    let media = format!("letterhead{}", xml.media.len() + 1);
                    xml.media.push((media.clone(), png.bytes.to_vec()));
                    media
                }
            };
            own = format!(
                r#"<Relationship Id="{pic}" Type="{IMAGE_REL}" Target="media/{media}.png"/>"#
            );
        }
        xml.header_rels.push(
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{own}</Relationships>"#
            )
            .into_bytes(),
        );
        types.push_str(&format!(
            r#"<Override PartName="/word/{part}" ContentType="{HEADER_TYPE}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{HEADER_REL}" Target="{part}"/>"#
        ));
    }
    insert_before(&mut xml.content_type, "</Types>", &types)?;
    insert_before(&mut xml.document_rels, "</Relationships>", &rels)?;
    let parts = [
        &mut xml.document,
        &mut xml.styles,
        &mut xml.settings,
        &mut xml.numberings,
    ]
    .into_iter()
    .chain(xml.headers.iter_mut());
    // Every drawing's id, unique across the package's parts (docx-rs
    // numbers each part's from 1).
    let mut drawings = 0;
    for part in parts {
        let mut text = String::from_utf8_lossy(part).into_owned();
        // The only anchored pictures in the headers are the letterhead's,
        // which lie behind the text (docx-rs writes every anchor in front).
        if text.contains(r#"behindDoc="0""#) && text.contains("rIdLetterhead") {
            text = text.replace(r#"behindDoc="0""#, r#"behindDoc="1""#);
        }
        *part = renumber_drawings(&text, &mut drawings).into_bytes();
        *part = order::in_schema_order(part).map_err(LetterError::Word)?;
    }
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| LetterError::Word(e.to_string()))?;
    Ok(out.into_inner())
}

/// `xml` with each `<wp:docPr id="…"` given the next number after `last`.
fn renumber_drawings(xml: &str, last: &mut u32) -> String {
    const TAG: &str = r#"<wp:docPr id=""#;
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(at) = rest.find(TAG) {
        let after = &rest[at + TAG.len()..];
        let Some(end) = after.find('"') else { break };
        *last += 1;
        out.push_str(&rest[..at + TAG.len()]);
        out.push_str(&last.to_string());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Put `text` before the last `tag` of an XML part.
fn insert_before(part: &mut Vec<u8>, tag: &str, text: &str) -> Result<(), LetterError> {
    let at = part
        .windows(tag.len())
        .rposition(|w| w == tag.as_bytes())
        .ok_or_else(|| LetterError::Word(format!("a package part has no {tag}")))?;
    part.splice(at..at, text.bytes());
    Ok(())
}
