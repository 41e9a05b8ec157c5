//! Embedded fonts, made once and reused.
//!
//! printpdf subsets and embeds a face each time a document is saved, which
//! for a merge of a thousand letters means a thousand subsets of the same
//! faces (one of them a CFF face in a 20 MB CJK collection). Here each face
//! is embedded once per *glyph set*: printpdf writes the font objects for a
//! small document that shows exactly that glyph set, and those objects (and
//! the code each glyph got) are kept and copied into every letter that needs
//! the same set.
//!
//! So that letters to different people share a set, the bundled regular
//! face (names and addresses) always carries a fixed repertoire (ASCII,
//! Latin-1, typographic punctuation and the f ligatures) plus whatever else
//! a letter uses; bold, italic and fallback faces carry what they show,
//! which in a merge is the template's text, the same in every copy. The set
//! — and so the output — depends only on the letter, never on what was
//! rendered before it.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use lopdf::{Object, ObjectId};
use printpdf::{
    Codepoint, FontId, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem,
};

use crate::cache::Bounded;
use crate::error::TypesetError;
use crate::fonts::{Face, FaceId, FontSet, Style};

/// The glyphs a face must carry and the text each stands for.
pub(crate) type GlyphSet = BTreeMap<u16, String>;

/// One face's font objects, numbered 1..=n locally; `root` is the Type0 font.
pub(crate) struct EmbeddedFont {
    objects: Vec<Object>,
    root: u32,
    /// The code each glyph id is shown with in content streams, by glyph id.
    codes: Vec<u16>,
}

impl EmbeddedFont {
    /// The code glyph `gid` is shown with (0, .notdef, for a glyph not embedded).
    pub(crate) fn code(&self, gid: u16) -> u16 {
        self.codes.get(usize::from(gid)).copied().unwrap_or(0)
    }

    /// Copy the font into `doc`; returns the id of its font dictionary.
    pub(crate) fn add_to(&self, doc: &mut lopdf::Document) -> ObjectId {
        let base = doc.max_id;
        for (i, object) in self.objects.iter().enumerate() {
            let mut object = object.clone();
            renumber(&mut object, base);
            doc.objects.insert((base + i as u32 + 1, 0), object);
        }
        doc.max_id = base + self.objects.len() as u32;
        (base + self.root, 0)
    }
}

/// Embedded fonts by face and glyph set, kept with the font set. Bounded:
/// cleared when full (a merge reuses a handful of sets).
#[derive(Default)]
struct EmbedCache {
    fonts: Bounded<(FaceId, bool, GlyphSet), Arc<EmbeddedFont>, 64>,
    /// The bundled regular face's repertoire (see [`has_repertoire`]).
    repertoire: OnceLock<Repertoire>,
}

/// True for the bundled serif's regular face: the face of names and
/// addresses, which change from copy to copy of a merge, so it is always
/// embedded with a fixed repertoire. Other faces carry mostly the
/// template's own text and are embedded with what they use.
fn has_repertoire(fonts: &FontSet, id: FaceId) -> bool {
    id == fonts.primary(Style::REGULAR)
}

/// The glyphs every embedding of face `id` carries whatever a letter uses:
/// the fixed repertoire of the bundled regular face, none for the others.
pub(crate) fn repertoire(fonts: &FontSet, id: FaceId) -> Option<&Repertoire> {
    has_repertoire(fonts, id).then(|| {
        fonts
            .cache::<EmbedCache>()
            .repertoire
            .get_or_init(|| make_repertoire(&fonts.face(id)))
    })
}

/// Face `id` embedded with `extra` glyphs (and its repertoire, if it has
/// one), made once per glyph set and then copied; `hinted`: a TrueType
/// face keeps its hinting (as documents of version 0 did, see
/// [`crate::unhint`]).
pub(crate) fn embedded(
    fonts: &FontSet,
    id: FaceId,
    extra: GlyphSet,
    name: &FontId,
    hinted: bool,
) -> Result<Arc<EmbeddedFont>, TypesetError> {
    let cache = fonts.cache::<EmbedCache>();
    let key = (id, hinted, extra);
    if let Some(found) = cache.fonts.get(&key) {
        return Ok(found);
    }
    let mut set = repertoire(fonts, id).map_or_else(GlyphSet::new, |r| r.set.clone());
    set.extend(key.2.iter().map(|(g, t)| (*g, t.clone())));
    // Built outside the lock: another thread may build the same set,
    // which costs time but gives the same objects.
    let font = Arc::new(embed(&fonts.face(id), &set, name, hinted)?);
    cache.fonts.put(key, Arc::clone(&font));
    Ok(font)
}

/// A face's fixed repertoire, and a quick membership test by glyph id.
pub(crate) struct Repertoire {
    pub(crate) set: GlyphSet,
    member: Vec<bool>,
}

impl Repertoire {
    pub(crate) fn contains(&self, gid: u16) -> bool {
        self.member.get(usize::from(gid)).copied().unwrap_or(false)
    }
}

/// The bundled serif's fixed repertoire: every glyph a letter in English or
/// a Western European language is likely to use.
fn make_repertoire(face: &Face) -> Repertoire {
    let mut set = GlyphSet::new();
    let ranges = [
        (0x20u32, 0x7E),
        (0xA0, 0xFF),
        (0x2010, 0x2026),
        (0x2030, 0x203A),
        (0x20AC, 0x20AC),
    ];
    for c in ranges
        .iter()
        .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
    {
        if let Some(gid) = face.glyph(c) {
            set.entry(gid).or_insert_with(|| c.to_string());
        }
    }
    // Ligatures are shaped from letter pairs; they stand for the letters.
    for (c, text) in [
        ('\u{FB00}', "ff"),
        ('\u{FB01}', "fi"),
        ('\u{FB02}', "fl"),
        ('\u{FB03}', "ffi"),
        ('\u{FB04}', "ffl"),
    ] {
        if let Some(gid) = face.glyph(c) {
            set.entry(gid).or_insert_with(|| text.to_string());
        }
    }
    let mut member = vec![false; set.keys().last().map_or(0, |g| usize::from(*g) + 1)];
    for gid in set.keys() {
        member[usize::from(*gid)] = true;
    }
    Repertoire { set, member }
}

// Over 120 lines: one round trip through printpdf (a one-page document
// showing the glyphs, serialized, then the font's object graph copied back
// out and renumbered) whose intermediate objects each step needs.
/// Let printpdf embed `set` of `face` in a one-page document, and keep the
/// font's objects and the code it gave each glyph.
fn embed(
    face: &Face,
    set: &GlyphSet,
    name: &FontId,
    hinted: bool,
) -> Result<EmbeddedFont, TypesetError> {
    let fail = |why: &str| TypesetError::Font(format!("{}: cannot embed: {why}", face.name));
    let mut doc = PdfDocument::new("font");
    doc.resources
        .fonts
        .map
        .insert(name.clone(), printpdf::PdfFont::new(face.pdf.clone()));
    let glyphs: Vec<Codepoint> = set
        .iter()
        .map(|(gid, text)| Codepoint::with_cid(*gid, 0.0, text.clone()))
        .collect();
    let ops = vec![
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::External(name.clone()),
            size: Pt(10.0),
        },
        Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        },
        Op::EndTextSection,
    ];
    doc.with_pages(vec![PdfPage::new(
        printpdf::Mm(100.0),
        printpdf::Mm(100.0),
        ops,
    )]);
    let mut warnings = Vec::new();
    let lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);

    let page_id = *lo
        .get_pages()
        .values()
        .next()
        .ok_or_else(|| fail("no page"))?;
    let page = lo
        .get_dictionary(page_id)
        .map_err(|e| fail(&e.to_string()))?;
    let resources = deref_dict(
        &lo,
        page.get(b"Resources").map_err(|e| fail(&e.to_string()))?,
    )
    .ok_or_else(|| fail("no resources"))?;
    let fonts = deref_dict(
        &lo,
        resources.get(b"Font").map_err(|e| fail(&e.to_string()))?,
    )
    .ok_or_else(|| fail("no font dictionary"))?;
    let root = fonts
        .get(name.0.as_bytes())
        .and_then(Object::as_reference)
        .map_err(|_| fail("the font was not written"))?;

    // The codes, in the order the glyphs were shown.
    let content = lo.get_page_content(page_id);
    let content = lopdf::content::Content::decode(&content).map_err(|e| fail(&e.to_string()))?;
    let mut shown = Vec::new();
    for op in &content.operations {
        let strings: Vec<&Object> = match op.operator.as_str() {
            "Tj" => op.operands.iter().collect(),
            "TJ" => op
                .operands
                .iter()
                .filter_map(|o| o.as_array().ok())
                .flatten()
                .collect(),
            _ => continue,
        };
        for s in strings {
            if let Object::String(bytes, _) = s {
                shown.extend(
                    bytes
                        .chunks_exact(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]])),
                );
            }
        }
    }
    if shown.len() != set.len() {
        return Err(fail(&format!(
            "{} glyphs were shown for {} requested",
            shown.len(),
            set.len()
        )));
    }
    let mut codes = vec![0u16; set.keys().last().map_or(0, |g| usize::from(*g) + 1)];
    for (gid, code) in set.keys().zip(shown) {
        codes[usize::from(*gid)] = code;
    }

    // Copy the font's object graph, numbering it from 1 in visiting order.
    let mut order: Vec<ObjectId> = Vec::new();
    let mut local: HashMap<ObjectId, u32> = HashMap::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        if local.contains_key(&id) {
            continue;
        }
        local.insert(id, order.len() as u32 + 1);
        order.push(id);
        let object = lo.get_object(id).map_err(|e| fail(&e.to_string()))?;
        let mut refs = Vec::new();
        references(object, &mut refs);
        stack.extend(refs.into_iter().rev());
    }
    let mut objects = Vec::with_capacity(order.len());
    for id in &order {
        let mut object = lo
            .get_object(*id)
            .map_err(|e| fail(&e.to_string()))?
            .clone();
        relink(&mut object, &local);
        if let Object::Stream(stream) = &mut object {
            // A TrueType program (FontFile2, its length given as Length1).
            if !hinted && stream.dict.has(b"Length1") {
                let program = stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone());
                if let Some(bare) = crate::unhint::unhinted(&program) {
                    stream.dict.remove(b"Filter");
                    stream.dict.set("Length1", bare.len() as i64);
                    stream.set_content(bare);
                }
            }
            deflate(stream, Effort::Once);
        }
        objects.push(object);
    }
    Ok(EmbeddedFont {
        objects,
        root: 1,
        codes,
    })
}

fn deref_dict<'a>(doc: &'a lopdf::Document, o: &'a Object) -> Option<&'a lopdf::Dictionary> {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

fn references(o: &Object, out: &mut Vec<ObjectId>) {
    match o {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|i| references(i, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, v)| references(v, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, v)| references(v, out)),
        _ => {}
    }
}

/// Point references at local numbers.
fn relink(o: &mut Object, local: &HashMap<ObjectId, u32>) {
    match o {
        Object::Reference(id) => *id = (local.get(id).copied().unwrap_or(0), 0),
        Object::Array(items) => items.iter_mut().for_each(|i| relink(i, local)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, v)| relink(v, local)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, v)| relink(v, local)),
        _ => {}
    }
}

/// Shift local numbers past `base`.
fn renumber(o: &mut Object, base: u32) {
    match o {
        Object::Reference(id) => id.0 += base,
        Object::Array(items) => items.iter_mut().for_each(|i| renumber(i, base)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, v)| renumber(v, base)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, v)| renumber(v, base)),
        _ => {}
    }
}

/// How hard to compress: once-made streams (fonts, logos) are worth the
/// best ratio; a letter's own content streams are made every time.
#[derive(Clone, Copy)]
pub(crate) enum Effort {
    Once,
    EveryTime,
}

/// Deflate a stream (zlib format, as PDF's FlateDecode wants) unless it is
/// already filtered or would not shrink.
pub(crate) fn deflate(stream: &mut lopdf::Stream, effort: Effort) {
    if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
        return;
    }
    let packed = zlib(&stream.content, effort);
    if !packed.is_empty() && packed.len() + 19 < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(packed);
    }
}

thread_local! {
    /// Compressors per thread, reset between streams.
    static COMPRESSORS: std::cell::RefCell<[flate2::Compress; 2]> = std::cell::RefCell::new([
        flate2::Compress::new(flate2::Compression::best(), true),
        // Level 1 deflates a page of text operators five times faster than
        // the default level, for about a third more bytes (~1 KB a page).
        flate2::Compress::new(flate2::Compression::fast(), true),
    ]);
}

/// `data` deflated in zlib format; empty if compression failed.
pub(crate) fn zlib(data: &[u8], effort: Effort) -> Vec<u8> {
    COMPRESSORS.with(|c| {
        let mut all = c.borrow_mut();
        let c = &mut all[effort as usize];
        c.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let consumed = c.total_in() as usize;
            match c.compress_vec(&data[consumed..], &mut out, flate2::FlushCompress::Finish) {
                Ok(flate2::Status::StreamEnd) => return out,
                Ok(_) => out.reserve(out.capacity().max(1024)),
                Err(_) => return Vec::new(),
            }
        }
    })
}
