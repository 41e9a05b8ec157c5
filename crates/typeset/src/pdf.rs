//! PDF output of a [`Layout`].
//!
//! printpdf builds the document: catalog, pages, resources, images and every
//! metadata field. Fonts come from [`crate::embed`], which has printpdf embed
//! each face once per glyph set and reuses the result across letters. The
//! page content streams are written here, directly as bytes: a letter is a
//! few thousand glyphs, and formatting them through generic operator lists
//! cost more than everything else in an export.
//!
//! Every glyph is placed where the layout put it: a run starts with an
//! absolute text matrix and each following glyph is nudged with a TJ offset
//! equal to the difference between where the viewer's pen would be (the
//! font's own advance) and where the layout wants it. That is how justified
//! and kerned text comes out exactly, since viewers ignore word spacing for
//! embedded (Type0) fonts. Offsets are whole thousandths of an em, and the
//! pen is tracked after rounding, so no error builds up along a line.
//!
//! Output is reproducible: fonts and images get fixed resource names, the
//! dates come from the document, and the file identifier is a digest of the
//! content, so the same input yields the same bytes.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::Arc;

use printpdf::{FontId, PdfDocument, PdfPage, PdfSaveOptions, XObject, XObjectId};
use sha2::{Digest, Sha256};

use crate::cache::Bounded;
use crate::embed::{EmbeddedFont, GlyphSet};
use crate::error::TypesetError;
use crate::fonts::{FaceId, FontSet};
use crate::layout::{Layout, Placed, Rgb, Tag, TextLine};
use crate::stationery::Stationery;
use crate::tagged::{Key, Marks};

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

/// The glyphs each face must carry beyond its fixed repertoire (for the
/// bundled regular face) or in all (for the others), with the text each
/// stands for: the first non-empty text it has in reading order.
fn glyph_sets(layout: &Layout, fonts: &FontSet) -> BTreeMap<FaceId, GlyphSet> {
    let mut used: BTreeMap<FaceId, GlyphSet> = BTreeMap::new();
    for page in &layout.pages {
        for line in page.lines() {
            for run in &line.runs {
                let repertoire = crate::embed::repertoire(fonts, run.face);
                let set = used.entry(run.face).or_default();
                for g in &run.glyphs {
                    if repertoire.is_some_and(|r| r.contains(g.gid)) {
                        continue;
                    }
                    let text = set.entry(g.gid).or_default();
                    if text.is_empty() {
                        text.push_str(&g.text);
                    }
                }
            }
        }
    }
    used
}

// Over 120 lines: the document's objects are written in the order a PDF
// needs them (metadata, embedded faces, pages with their content streams,
// the file identifier from those streams), all sharing one object table.
/// Serialize `layout` as PDF bytes.
pub fn write_pdf(layout: &Layout, fonts: &FontSet) -> Result<Vec<u8>, TypesetError> {
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
    info.producer = crate::tagged::producer();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    let mut digest = Sha256::new();
    digest.update(meta.title.as_bytes());
    digest.update(meta.timestamp.to_le_bytes());

    // Every face the pages use, embedded (or found embedded) for its glyph set.
    let mut embedded: BTreeMap<FaceId, Arc<EmbeddedFont>> = BTreeMap::new();
    for (face, extra) in glyph_sets(layout, fonts) {
        // Documents of version 0 embedded the faces with their hinting.
        let font = crate::embed::embedded(fonts, face, extra, &font_id(face), layout.version == 0)?;
        embedded.insert(face, font);
    }

    let h = layout.page.height;
    let mut contents = Vec::with_capacity(layout.pages.len());
    let mut image_count = 0usize;
    // The letterhead's pages each page draws first, beneath everything.
    let mut stationery_used = std::collections::BTreeSet::new();
    if let Some(s) = &layout.stationery {
        digest.update(s.sha256.as_bytes());
    }
    // Every piece of content is marked: the letter's text and its images
    // with their place in the structure tree, the rest as artifacts.
    let mut marks = Marks::default();
    // Version 0: an untagged file, as copies archived before were written.
    let tagged = layout.version >= 1;
    for (index, page) in layout.pages.iter().enumerate() {
        let mut c = Content {
            tagged,
            ..Content::default()
        };
        marks.page();
        if let Some(which) = layout.stationery.as_ref().and_then(|s| s.page_for(index)) {
            stationery_used.insert(which);
            c.begin_artifact();
            c.op("q");
            c.name(&stationery_name(which));
            c.op("Do");
            c.op("Q");
            c.end_marked();
        }
        for item in &page.items {
            match item {
                Placed::Text(line) => match line.tag {
                    Tag::Artifact => {
                        c.begin_artifact();
                        c.text(line, fonts, &embedded, h);
                        c.end_marked();
                    }
                    Tag::Body(n) => {
                        let role = layout.parts.get(n).and_then(|p| p.role);
                        let list = crate::tagged::is_list(role);
                        if tagged && list && line.marker_glyphs > 0 {
                            let (marker, rest) = split_marker(line);
                            c.marked(layout, Key::Lbl(n), &mut marks);
                            c.text(&marker, fonts, &embedded, h);
                            c.end_marked();
                            c.marked(layout, Key::LBody(n), &mut marks);
                            c.text(&rest, fonts, &embedded, h);
                            c.end_marked();
                        } else {
                            let key = if list { Key::LBody(n) } else { Key::Para(n) };
                            c.marked(layout, key, &mut marks);
                            c.text(line, fonts, &embedded, h);
                            c.end_marked();
                        }
                    }
                },
                Placed::Rule {
                    x1,
                    x2,
                    y,
                    thickness,
                    color,
                } => {
                    c.begin_artifact();
                    c.color(*color, "RG");
                    c.num(*thickness);
                    c.op("w");
                    c.num(*x1);
                    c.num(h - y);
                    c.op("m");
                    c.num(*x2);
                    c.num(h - y);
                    c.op("l");
                    c.op("S");
                    c.end_marked();
                }
                Placed::Rect {
                    x,
                    top,
                    width,
                    height,
                    color,
                } => {
                    c.begin_artifact();
                    c.color(*color, "rg");
                    c.num(*x);
                    c.num(h - top - height);
                    c.num(*width);
                    c.num(*height);
                    c.op("re");
                    c.op("f");
                    c.end_marked();
                }
                Placed::Image {
                    image,
                    x,
                    top,
                    width,
                    height,
                    tag,
                } => {
                    image_count += 1;
                    let id = format!("Im{image_count}");
                    doc.resources
                        .xobjects
                        .map
                        .insert(XObjectId(id.clone()), XObject::Image(image.raw.clone()));
                    match tag {
                        Tag::Body(n) => c.marked(layout, Key::Figure(*n), &mut marks),
                        Tag::Artifact => c.begin_artifact(),
                    }
                    c.op("q");
                    for v in [*width, 0.0, 0.0, *height, *x, h - top - height] {
                        c.num(v);
                    }
                    c.op("cm");
                    c.name(&id);
                    c.op("Do");
                    c.op("Q");
                    c.end_marked();
                    digest.update(&image.png);
                }
            }
        }
        // The content stream fixes every glyph and its place: it is what the
        // file identifier must depend on.
        digest.update(&c.bytes);
        contents.push(c.bytes);
    }
    doc.with_pages(
        layout
            .pages
            .iter()
            .map(|_| {
                PdfPage::new(
                    printpdf::Mm::from(printpdf::Pt(layout.page.width)),
                    printpdf::Mm::from(printpdf::Pt(h)),
                    Vec::new(),
                )
            })
            .collect(),
    );

    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    set_contents(&mut lo, contents)?;
    add_fonts(&mut lo, &embedded)?;
    if let Some(s) = &layout.stationery {
        add_stationery(&mut lo, s, &stationery_used)?;
    }
    // A letterhead file is the one part not made here: the letter is
    // PDF/A only if the file's page can be (its fonts embedded, its
    // colours of the output intent).
    let archival = layout
        .stationery
        .as_ref()
        .is_none_or(|s| s.archival_problems().is_empty());
    if tagged {
        crate::tagged::finish(&mut lo, layout, &marks, archival)?;
    }
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
    Ok(out)
}

fn broken(e: lopdf::Error) -> TypesetError {
    TypesetError::Font(format!("cannot assemble the PDF: {e}"))
}

/// Put each page's content stream in place of printpdf's empty one.
fn set_contents(lo: &mut lopdf::Document, contents: Vec<Vec<u8>>) -> Result<(), TypesetError> {
    let pages: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    for (page, bytes) in pages.into_iter().zip(contents) {
        let stream = lo
            .get_dictionary(page)
            .and_then(|p| p.get(b"Contents"))
            .and_then(lopdf::Object::as_reference)
            .map_err(broken)?;
        match lo.get_object_mut(stream).map_err(broken)? {
            lopdf::Object::Stream(s) => {
                s.dict.remove(b"Filter");
                s.set_content(bytes);
            }
            _ => return Err(TypesetError::Font("a page without a content stream".into())),
        }
    }
    Ok(())
}

/// The resource name of the letterhead's page `which` (0: first page).
fn stationery_name(which: usize) -> String {
    format!("AmicusLetterhead{}", which + 1)
}

/// Import the letterhead's pages the letter uses, each once, as Form
/// XObjects named in the resources printpdf shares between all pages.
fn add_stationery(
    lo: &mut lopdf::Document,
    stationery: &Stationery,
    used: &std::collections::BTreeSet<usize>,
) -> Result<(), TypesetError> {
    let Some(page) = lo.get_pages().values().next().copied() else {
        return Ok(());
    };
    let resources = lo
        .get_dictionary(page)
        .and_then(|p| p.get(b"Resources"))
        .and_then(lopdf::Object::as_reference)
        .map_err(broken)?;
    let which: Vec<usize> = used.iter().copied().collect();
    let ids = stationery
        .import_pages(lo, &which)
        .map_err(|e| TypesetError::Font(format!("cannot draw the letterhead file: {e}")))?;
    let forms: Vec<(String, lopdf::ObjectId)> =
        which.iter().map(|w| stationery_name(*w)).zip(ids).collect();
    let existing = lo
        .get_dictionary(resources)
        .map_err(broken)?
        .get(b"XObject")
        .ok()
        .cloned();
    let target = match existing {
        Some(lopdf::Object::Reference(id)) => Some(id),
        _ => None,
    };
    let mut inline = match existing {
        Some(lopdf::Object::Dictionary(d)) => d,
        _ => lopdf::Dictionary::new(),
    };
    match target {
        Some(id) => {
            let dict = lo.get_dictionary_mut(id).map_err(broken)?;
            for (name, form) in forms {
                dict.set(name, lopdf::Object::Reference(form));
            }
        }
        None => {
            for (name, form) in forms {
                inline.set(name, lopdf::Object::Reference(form));
            }
            lo.get_dictionary_mut(resources)
                .map_err(broken)?
                .set("XObject", lopdf::Object::Dictionary(inline));
        }
    }
    Ok(())
}

/// Put the embedded fonts into the document's font dictionary, which
/// printpdf shares between all pages.
fn add_fonts(
    lo: &mut lopdf::Document,
    embedded: &BTreeMap<FaceId, Arc<EmbeddedFont>>,
) -> Result<(), TypesetError> {
    let Some(page) = lo.get_pages().values().next().copied() else {
        return Ok(());
    };
    let resources = lo
        .get_dictionary(page)
        .and_then(|p| p.get(b"Resources"))
        .and_then(lopdf::Object::as_reference)
        .map_err(broken)?;
    let font_dict = lo
        .get_dictionary(resources)
        .and_then(|r| r.get(b"Font"))
        .and_then(lopdf::Object::as_reference)
        .map_err(broken)?;
    let mut entries = Vec::with_capacity(embedded.len());
    for (face, font) in embedded {
        entries.push((font_id(*face).0, font.add_to(lo)));
    }
    let dict = lo.get_dictionary_mut(font_dict).map_err(broken)?;
    for (name, id) in entries {
        dict.set(name, lopdf::Object::Reference(id));
    }
    Ok(())
}

/// Deflated images by SHA-256 of their content (logos, signatures), kept
/// with the font set; cleared when full (merges reuse a small working set).
#[derive(Default)]
struct StreamCache(Bounded<[u8; 32], Arc<Vec<u8>>, 512>);

/// Deflate every stream not yet compressed. Images repeat letter after
/// letter in a merge, so their compressed bytes are kept by content.
fn compress(doc: &mut lopdf::Document, fonts: &FontSet) {
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let is_image = stream
            .dict
            .get(b"Subtype")
            .and_then(lopdf::Object::as_name)
            .is_ok_and(|n| n == b"Image");
        if !is_image {
            crate::embed::deflate(stream, crate::embed::Effort::EveryTime);
            continue;
        }
        let key: [u8; 32] = Sha256::digest(&stream.content).into();
        let packed = match fonts.cache::<StreamCache>().0.get(&key) {
            Some(p) => p,
            None => {
                let mut copy = lopdf::Stream::new(lopdf::Dictionary::new(), stream.content.clone());
                crate::embed::deflate(&mut copy, crate::embed::Effort::Once);
                let packed = Arc::new(if copy.dict.get(b"Filter").is_ok() {
                    copy.content
                } else {
                    Vec::new()
                });
                fonts.cache::<StreamCache>().0.put(key, Arc::clone(&packed));
                packed
            }
        };
        if !packed.is_empty() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed.to_vec());
        }
    }
}

/// A content stream, written as bytes.
#[derive(Default)]
struct Content {
    bytes: Vec<u8>,
    /// Whether its content is marked (a tagged PDF).
    tagged: bool,
}

impl Content {
    /// A number to three decimals, without trailing zeros ("72", "-0.5", "719.88").
    fn num(&mut self, v: f32) {
        let thousandths = (f64::from(v) * 1000.0).round() as i64;
        if thousandths < 0 {
            self.bytes.push(b'-');
        }
        let a = thousandths.unsigned_abs();
        let _ = write!(self.bytes, "{}", a / 1000);
        let mut frac = a % 1000;
        if frac != 0 {
            let mut digits = 3;
            while frac.is_multiple_of(10) {
                frac /= 10;
                digits -= 1;
            }
            let _ = write!(self.bytes, ".{frac:0digits$}");
        }
        self.bytes.push(b' ');
    }

    fn op(&mut self, op: &str) {
        self.bytes.extend_from_slice(op.as_bytes());
        self.bytes.push(b'\n');
    }

    fn name(&mut self, name: &str) {
        self.bytes.push(b'/');
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.push(b' ');
    }

    fn color(&mut self, c: Rgb, op: &str) {
        self.num(c.0);
        self.num(c.1);
        self.num(c.2);
        self.op(op);
    }

    fn hex(&mut self, codes: &[u16]) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.bytes.push(b'<');
        for code in codes {
            for shift in [12, 8, 4, 0] {
                self.bytes.push(HEX[usize::from((code >> shift) & 0xF)]);
            }
        }
        self.bytes.push(b'>');
    }

    /// Begin the marked-content sequence of `key`, numbered on its page.
    fn marked(&mut self, layout: &Layout, key: Key, marks: &mut Marks) {
        if !self.tagged {
            return;
        }
        let mcid = marks.mcid(key);
        let tag = crate::tagged::content_tag(layout, key);
        let _ = writeln!(self.bytes, "/{tag} <</MCID {mcid}>> BDC");
    }

    /// Begin an artifact: content outside the structure.
    fn begin_artifact(&mut self) {
        if self.tagged {
            self.op("/Artifact BMC");
        }
    }

    /// End a marked-content sequence.
    fn end_marked(&mut self) {
        if self.tagged {
            self.op("EMC");
        }
    }

    /// One line: per run the font, an absolute text matrix, and a TJ array
    /// whose numbers are the nudges between glyphs.
    fn text(
        &mut self,
        line: &TextLine,
        fonts: &FontSet,
        embedded: &BTreeMap<FaceId, Arc<EmbeddedFont>>,
        h: f32,
    ) {
        self.op("BT");
        self.color(line.color, "rg");
        let mut codes: Vec<u16> = Vec::new();
        if !self.tagged || !has_rtl(line) {
            for run in &line.runs {
                self.run(
                    line,
                    fonts,
                    embedded,
                    h,
                    run.face,
                    run.glyphs.iter(),
                    &mut codes,
                );
            }
        } else {
            for segment in segments(line) {
                let glyphs = segment.glyphs.iter().copied();
                self.run(line, fonts, embedded, h, segment.face, glyphs, &mut codes);
            }
        }
        self.op("ET");
    }

    /// Glyphs of one face: the font, an absolute text matrix at the first,
    /// and a TJ array.
    #[allow(clippy::too_many_arguments)]
    fn run<'g>(
        &mut self,
        line: &TextLine,
        fonts: &FontSet,
        embedded: &BTreeMap<FaceId, Arc<EmbeddedFont>>,
        h: f32,
        face_id: FaceId,
        glyphs: impl Iterator<Item = &'g crate::layout::PlacedGlyph>,
        codes: &mut Vec<u16>,
    ) {
        let mut glyphs = glyphs.peekable();
        let (Some(first), Some(font)) = (glyphs.peek().copied(), embedded.get(&face_id)) else {
            return;
        };
        let face = fonts.face(face_id);
        self.name(&font_id(face_id).0);
        self.num(line.size);
        self.op("Tf");
        for v in [
            1.0,
            0.0,
            0.0,
            1.0,
            first.x,
            h - line.baseline + first.y_offset,
        ] {
            self.num(v);
        }
        self.op("Tm");
        self.bytes.push(b'[');
        // Where the viewer's pen is, in points, after each glyph and
        // nudge (a nudge moves it left when a right-to-left stretch is
        // written from its start, rightmost, leftwards).
        let mut pen = first.x;
        while let Some(g) = glyphs.next() {
            codes.push(font.code(g.gid));
            pen += face.pdf_advance(g.gid) * line.size;
            let Some(next) = glyphs.peek() else {
                continue;
            };
            let nudge = ((pen - next.x) * 1000.0 / line.size).round();
            if nudge != 0.0 {
                self.hex(codes);
                codes.clear();
                let _ = write!(self.bytes, " {} ", nudge as i64);
                pen -= nudge * line.size / 1000.0;
            }
        }
        self.hex(codes);
        codes.clear();
        self.bytes.push(b']');
        self.op(" TJ");
    }
}

/// Glyphs of one face written with one text matrix and TJ array.
struct Segment<'a> {
    face: FaceId,
    glyphs: Vec<&'a crate::layout::PlacedGlyph>,
}

/// Whether a glyph's text belongs to a right-to-left script.
fn rtl_text(t: &str) -> bool {
    t.chars().any(crate::layout::right_to_left)
}

/// Whether any of the line's glyphs is of a right-to-left script.
fn has_rtl(line: &TextLine) -> bool {
    line.runs
        .iter()
        .any(|r| r.glyphs.iter().any(|g| rtl_text(&g.text)))
}

/// The glyphs of a line with right-to-left text (in a tagged file) in the
/// order they are written: each run as it was laid out, except a stretch
/// of right-to-left text, from a glyph of such a script to the last, over
/// the spaces between. Laid out in visual order, it is written from its
/// rightmost glyph leftwards, so the content reads in the order the words
/// were typed (for the structure tree, a screen reader, copying text).
fn segments(line: &TextLine) -> Vec<Segment<'_>> {
    let all: Vec<(FaceId, &crate::layout::PlacedGlyph)> = line
        .runs
        .iter()
        .flat_map(|r| r.glyphs.iter().map(move |g| (r.face, g)))
        .collect();
    let mut order = Vec::with_capacity(all.len());
    let mut k = 0;
    while k < all.len() {
        if !rtl_text(&all[k].1.text) {
            order.push(k);
            k += 1;
            continue;
        }
        let mut end = k;
        let mut j = k + 1;
        while j < all.len() && (rtl_text(&all[j].1.text) || all[j].1.text.trim().is_empty()) {
            if rtl_text(&all[j].1.text) {
                end = j;
            }
            j += 1;
        }
        order.extend((k..=end).rev());
        k = end + 1;
    }
    let mut out: Vec<Segment<'_>> = Vec::new();
    for i in order {
        let (face, g) = all[i];
        match out.last_mut() {
            Some(s) if s.face == face => s.glyphs.push(g),
            _ => out.push(Segment {
                face,
                glyphs: vec![g],
            }),
        }
    }
    out
}

/// A list item's first line as two: its marker, and the rest.
fn split_marker(line: &TextLine) -> (TextLine, TextLine) {
    let mut marker = line.clone();
    let mut rest = line.clone();
    marker.runs.clear();
    rest.runs.clear();
    let mut left = line.marker_glyphs;
    for run in &line.runs {
        let take = left.min(run.glyphs.len());
        left -= take;
        let (a, b) = run.glyphs.split_at(take);
        if !a.is_empty() {
            marker.runs.push(crate::layout::Run {
                face: run.face,
                glyphs: a.to_vec(),
            });
        }
        if !b.is_empty() {
            rest.runs.push(crate::layout::Run {
                face: run.face,
                glyphs: b.to_vec(),
            });
        }
    }
    (marker, rest)
}
