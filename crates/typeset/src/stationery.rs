//! The organization's printed letterhead: a PDF of one or two pages (the
//! first page's, then the continuation pages') drawn beneath every page of
//! a letter as a vector Form XObject, imported once per file.
//!
//! [`Stationery::from_pdf`] is the one place a letterhead file is judged:
//! the settings refuse what it refuses, and rendering uses what it accepts.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId, Stream};
use sha2::{Digest, Sha256};

use crate::page::PageSize;

/// The largest letterhead file taken (a designed page with its fonts and
/// a logo is far smaller).
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// Why a file cannot be used as the letterhead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StationeryError {
    #[error("it is not a PDF file")]
    NotPdf,
    #[error("it is a PDF that cannot be read: {0}")]
    Unreadable(String),
    #[error(
        "it is an encrypted (password-protected) PDF; save it without a password and choose it again"
    )]
    Encrypted,
    #[error(
        "it has {0} pages; a letterhead has one page, or two (the first page's, then the continuation pages')"
    )]
    Pages(usize),
    #[error("it is larger than {} MB", MAX_BYTES / (1024 * 1024))]
    TooLarge,
    #[error(
        "its page is {width:.0} × {height:.0} points, neither US Letter (612 × 792) nor A4 (595 × 842)"
    )]
    Paper { width: f32, height: f32 },
    #[error("its two pages are of different sizes")]
    MixedSizes,
}

/// A letterhead PDF, checked and parsed.
#[derive(Debug, Clone)]
pub struct Stationery {
    /// The file's bytes, as chosen.
    pub bytes: Vec<u8>,
    /// Lowercase hex SHA-256 of `bytes`.
    pub sha256: String,
    /// The paper every page has.
    pub page: PageSize,
    /// What the preview calls it (the file's name), empty if unknown.
    pub name: String,
    doc: lopdf::Document,
    /// The page objects: first page, then (if any) continuation pages.
    pages: Vec<ObjectId>,
    /// Each page as SVG for the preview, made on first use.
    svgs: std::sync::OnceLock<Vec<Option<std::sync::Arc<str>>>>,
    /// Each page as a PNG for the Word export, made on first use.
    pngs: std::sync::OnceLock<Vec<Option<Png>>>,
    /// What keeps a letter on it from being PDF/A, found on first use.
    archival: std::sync::OnceLock<Vec<String>>,
}

/// A letterhead page drawn as a PNG image (Word draws images, not PDF).
#[derive(Debug, Clone, PartialEq)]
pub struct Png {
    /// The PNG file's bytes.
    pub bytes: std::sync::Arc<[u8]>,
    /// Its size in pixels.
    pub width: u32,
    pub height: u32,
}

/// How finely a letterhead page is drawn for Word: 200 dots per inch keeps
/// a logo's edges and small print sharp on paper, at a size (a mostly white
/// page compresses well) that a letter's .docx carries once.
pub const PNG_DPI: f32 = 200.0;

fn same(a: f32, b: f32) -> bool {
    (a - b).abs() <= 1.5
}

/// The paper a page of `width` × `height` points is, if Letter or A4.
pub fn paper_of(width: f32, height: f32) -> Option<PageSize> {
    [PageSize::LETTER, PageSize::A4]
        .into_iter()
        .find(|p| same(p.width, width) && same(p.height, height))
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// A page's box (MediaBox, inherited from the page tree if need be).
fn media_box(doc: &lopdf::Document, page: ObjectId) -> Option<[f32; 4]> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(b) = node.get(b"MediaBox") {
            let b = match b {
                Object::Reference(id) => doc.get_object(*id).ok()?,
                o => o,
            };
            let v: Vec<f32> = b.as_array().ok()?.iter().filter_map(number).collect();
            return (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]]);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

impl Stationery {
    /// Check and parse a letterhead file.
    pub fn from_pdf(bytes: &[u8]) -> Result<Stationery, StationeryError> {
        if !bytes.starts_with(b"%PDF-") {
            return Err(StationeryError::NotPdf);
        }
        if bytes.len() > MAX_BYTES {
            return Err(StationeryError::TooLarge);
        }
        let encrypt_marker = bytes.windows(8).any(|w| w == b"/Encrypt");
        let doc = match lopdf::Document::load_mem(bytes) {
            Ok(doc) => doc,
            Err(_) if encrypt_marker => return Err(StationeryError::Encrypted),
            Err(e) => return Err(StationeryError::Unreadable(e.to_string())),
        };
        if doc.was_encrypted() || doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
            return Err(StationeryError::Encrypted);
        }
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        if pages.is_empty() || pages.len() > 2 {
            return Err(StationeryError::Pages(pages.len()));
        }
        let mut page = None;
        for p in &pages {
            let b = media_box(&doc, *p)
                .ok_or_else(|| StationeryError::Unreadable("a page has no size".into()))?;
            let (width, height) = ((b[2] - b[0]).abs(), (b[3] - b[1]).abs());
            let size = paper_of(width, height).ok_or(StationeryError::Paper { width, height })?;
            match page {
                None => page = Some(size),
                Some(first) if first != size => return Err(StationeryError::MixedSizes),
                Some(_) => {}
            }
        }
        let page = page.ok_or(StationeryError::Pages(0))?;
        let sha256 = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Stationery {
            bytes: bytes.to_vec(),
            sha256,
            page,
            name: String::new(),
            doc,
            pages,
            svgs: std::sync::OnceLock::new(),
            pngs: std::sync::OnceLock::new(),
            archival: std::sync::OnceLock::new(),
        })
    }

    /// Page `which` of the letterhead as a standalone SVG document, for the
    /// on-screen preview (the PDF draws the page itself, as vectors). Made
    /// once per file by hayro-svg; None where it cannot draw the page, and
    /// the preview then shows a frame naming the file instead.
    pub fn page_svg(&self, which: usize) -> Option<std::sync::Arc<str>> {
        self.svgs
            .get_or_init(|| {
                let bytes = self.bytes.clone();
                let count = self.pages.len();
                // A page hayro cannot read must not take the preview down.
                std::panic::catch_unwind(move || {
                    let Ok(pdf) = hayro_svg::hayro_syntax::Pdf::new(bytes) else {
                        return vec![None; count];
                    };
                    let cache = hayro_svg::RenderCache::new();
                    let settings = hayro_svg::hayro_interpret::InterpreterSettings::default();
                    let render = hayro_svg::SvgRenderSettings::default();
                    pdf.pages()
                        .iter()
                        .take(count)
                        .map(|page| {
                            Some(std::sync::Arc::from(hayro_svg::convert(
                                page, &cache, &settings, &render,
                            )))
                        })
                        .collect()
                })
                .unwrap_or_else(|_| vec![None; count])
            })
            .get(which)
            .cloned()
            .flatten()
    }

    /// Page `which` of the letterhead as a PNG at [`PNG_DPI`] on white, for
    /// the Word export. Drawn once per file by hayro (the rasterizer of the
    /// interpreter the preview uses); None where it cannot draw the page.
    pub fn page_png(&self, which: usize) -> Option<Png> {
        self.pngs
            .get_or_init(|| {
                let bytes = self.bytes.clone();
                let count = self.pages.len();
                // A page hayro cannot read must not take the export down.
                std::panic::catch_unwind(move || {
                    let Ok(pdf) = hayro::hayro_syntax::Pdf::new(bytes) else {
                        return vec![None; count];
                    };
                    let cache = hayro::RenderCache::new();
                    let settings = hayro::hayro_interpret::InterpreterSettings::default();
                    let scale = PNG_DPI / 72.0;
                    let pixmap = hayro::PixmapSettings {
                        x_scale: scale,
                        y_scale: scale,
                        bg_color: hayro::vello_cpu::color::palette::css::WHITE,
                    };
                    pdf.pages()
                        .iter()
                        .take(count)
                        .map(|page| {
                            let drawn = hayro::render(
                                page,
                                &cache,
                                &settings,
                                &hayro::RenderSettings::default(),
                                &pixmap,
                            );
                            let (width, height) = (drawn.width().into(), drawn.height().into());
                            let bytes = drawn.into_png().ok()?;
                            Some(Png {
                                bytes: bytes.into(),
                                width,
                                height,
                            })
                        })
                        .collect()
                })
                .unwrap_or_else(|_| vec![None; count])
            })
            .get(which)
            .cloned()
            .flatten()
    }

    /// Why a letter drawn on this letterhead cannot be an archival PDF/A
    /// file (empty: it can): fonts the file uses without embedding them
    /// (a viewer would substitute its own), and colours given as device
    /// CMYK (PDF/A wants them in the sRGB of the letter's output intent).
    pub fn archival_problems(&self) -> &[String] {
        self.archival.get_or_init(|| {
            let mut fonts = std::collections::BTreeSet::new();
            let mut cmyk = false;
            for object in self.doc.objects.values() {
                let dict = match object {
                    Object::Dictionary(d) => d,
                    Object::Stream(s) => &s.dict,
                    _ => continue,
                };
                let is = |key: &[u8], value: &[u8]| {
                    dict.get(key)
                        .and_then(Object::as_name)
                        .is_ok_and(|n| n == value)
                };
                if is(b"Type", b"Font") && !is(b"Subtype", b"Type3") && !is(b"Subtype", b"Type0") {
                    let embedded = dict
                        .get(b"FontDescriptor")
                        .and_then(Object::as_reference)
                        .and_then(|id| self.doc.get_dictionary(id))
                        .is_ok_and(|d| {
                            [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                                .iter()
                                .any(|k| d.has(k))
                        });
                    if !embedded {
                        let base = dict
                            .get(b"BaseFont")
                            .and_then(Object::as_name)
                            .map(|n| String::from_utf8_lossy(n).into_owned())
                            .unwrap_or_else(|_| "a font".into());
                        fonts.insert(base);
                    }
                }
                // The pages' content, below, and the forms they draw.
                if let Object::Stream(st) = object
                    && is(b"Subtype", b"Form")
                {
                    let content = st
                        .decompressed_content()
                        .unwrap_or_else(|_| st.content.clone());
                    if let Ok(ops) = lopdf::content::Content::decode(&content) {
                        cmyk |= ops
                            .operations
                            .iter()
                            .any(|op| op.operator == "k" || op.operator == "K");
                    }
                }
            }
            for page in &self.pages {
                let content = self.doc.get_page_content(*page);
                if let Ok(ops) = lopdf::content::Content::decode(&content) {
                    cmyk |= ops
                        .operations
                        .iter()
                        .any(|op| op.operator == "k" || op.operator == "K");
                }
            }
            let mut problems = Vec::new();
            if !fonts.is_empty() {
                problems.push(format!(
                    "its fonts are not embedded ({})",
                    fonts.into_iter().collect::<Vec<_>>().join(", ")
                ));
            }
            if cmyk {
                problems.push("it has colours in device CMYK".into());
            }
            problems
        })
    }

    /// How many pages the file has: 1 (first page only) or 2.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Which of the file's pages goes beneath page `index` (0-based) of a
    /// letter: the first page's beneath page 1, the second beneath every
    /// later page; a one-page letterhead is on page 1 only.
    pub fn page_for(&self, index: usize) -> Option<usize> {
        match index {
            0 => Some(0),
            _ if self.pages.len() > 1 => Some(1),
            _ => None,
        }
    }

    /// Import the letterhead's pages `which` into `dst` as Form XObjects
    /// (each page's content and every object its resources reach, copied
    /// in a fixed order, so the output is the same every time; what the
    /// pages share, such as a logo or a font, is copied once). Returns the
    /// forms' object ids.
    pub(crate) fn import_pages(
        &self,
        dst: &mut lopdf::Document,
        which: &[usize],
    ) -> Result<Vec<ObjectId>, String> {
        let mut map = BTreeMap::new();
        which
            .iter()
            .map(|w| self.import_page(dst, *w, &mut map))
            .collect()
    }

    fn import_page(
        &self,
        dst: &mut lopdf::Document,
        which: usize,
        map: &mut BTreeMap<ObjectId, ObjectId>,
    ) -> Result<ObjectId, String> {
        let page = *self.pages.get(which).ok_or("no such letterhead page")?;
        let b = media_box(&self.doc, page).ok_or("a letterhead page has no size")?;
        let content = self
            .doc
            .get_page_content_with_limit(page, 64 * 1024 * 1024)
            .map_err(|e| e.to_string())?;
        let resources = match self.doc.get_page_resources(page) {
            Ok((Some(dict), _)) => Object::Dictionary(dict.clone()),
            Ok((None, ids)) => match ids.first() {
                Some(id) => Object::Reference(*id),
                None => Object::Dictionary(Dictionary::new()),
            },
            Err(e) => return Err(e.to_string()),
        };
        let resources = self.copy(dst, &resources, map)?;
        let mut dict = Dictionary::new();
        dict.set("Type", "XObject");
        dict.set("Subtype", "Form");
        dict.set(
            "BBox",
            Object::Array(b.iter().map(|v| Object::Real(*v)).collect()),
        );
        dict.set("Resources", resources);
        Ok(dst.add_object(Stream::new(dict, content)))
    }

    /// Copy `o` from the letterhead into `dst`, each object it refers to
    /// once (`map`: old id to new).
    fn copy(
        &self,
        dst: &mut lopdf::Document,
        o: &Object,
        map: &mut BTreeMap<ObjectId, ObjectId>,
    ) -> Result<Object, String> {
        Ok(match o {
            Object::Reference(id) => {
                if let Some(new) = map.get(id) {
                    return Ok(Object::Reference(*new));
                }
                let new = dst.new_object_id();
                map.insert(*id, new);
                let source = self.doc.get_object(*id).map_err(|e| e.to_string())?;
                let copied = self.copy(dst, source, map)?;
                dst.objects.insert(new, copied);
                Object::Reference(new)
            }
            Object::Array(items) => Object::Array(
                items
                    .iter()
                    .map(|i| self.copy(dst, i, map))
                    .collect::<Result<_, _>>()?,
            ),
            Object::Dictionary(d) => Object::Dictionary(self.copy_dict(dst, d, map)?),
            Object::Stream(s) => {
                let mut copied = Stream::new(self.copy_dict(dst, &s.dict, map)?, s.content.clone());
                copied.allows_compression = s.allows_compression;
                Object::Stream(copied)
            }
            other => other.clone(),
        })
    }

    fn copy_dict(
        &self,
        dst: &mut lopdf::Document,
        d: &Dictionary,
        map: &mut BTreeMap<ObjectId, ObjectId>,
    ) -> Result<Dictionary, String> {
        let mut out = Dictionary::new();
        for (k, v) in d.iter() {
            // A page's parent would drag the whole page tree along.
            if k.as_slice() == b"Parent" {
                continue;
            }
            out.set(k.clone(), self.copy(dst, v, map)?);
        }
        Ok(out)
    }
}
