//! Font loading and glyph coverage.
//!
//! A [`FontSet`] is built once per process and shared by every letter: parsing
//! a font (for shaping and for PDF embedding) is the expensive part of setting
//! text, so it must never happen per letter. The bundled serif covers Latin
//! text; anything it lacks is looked up among the system's fonts on first use
//! and remembered.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use crate::cache::Slots;
use crate::error::TypesetError;

/// Bold/italic variant of the text face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
}

impl Style {
    pub const REGULAR: Style = Style {
        bold: false,
        italic: false,
    };
    pub const BOLD: Style = Style {
        bold: true,
        italic: false,
    };
    pub const ITALIC: Style = Style {
        bold: false,
        italic: true,
    };

    fn index(self) -> usize {
        usize::from(self.bold) * 2 + usize::from(self.italic)
    }
}

/// Index of a face inside its [`FontSet`]; stable for the set's lifetime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub(crate) u16);

/// One parsed face, ready for shaping, measuring, outlining and embedding.
pub struct Face {
    pub(crate) shaper: rustybuzz::Face<'static>,
    pub(crate) pdf: printpdf::ParsedFont,
    /// PostScript-ish name, used in diagnostics and SVG ids.
    pub name: String,
    pub(crate) units_per_em: f32,
    /// Ascender and descender in em (descender is negative).
    pub ascender: f32,
    pub descender: f32,
    /// [`Face::pdf_advance`] of every glyph, made on first use.
    pdf_advances: std::sync::OnceLock<Vec<f32>>,
}

impl Face {
    fn parse(name: String, data: &'static [u8], index: u32) -> Result<Face, TypesetError> {
        let shaper = rustybuzz::Face::from_slice(data, index).ok_or_else(|| {
            TypesetError::Font(format!("{name}: not a font this program can read"))
        })?;
        let mut warnings = Vec::new();
        let pdf = printpdf::ParsedFont::from_bytes(data, index as usize, &mut warnings)
            .ok_or_else(|| TypesetError::Font(format!("{name}: cannot be embedded in a PDF")))?;
        let upem = shaper.units_per_em() as f32;
        Ok(Face {
            name,
            units_per_em: upem,
            ascender: f32::from(shaper.ascender()) / upem,
            descender: f32::from(shaper.descender()) / upem,
            pdf,
            shaper,
            pdf_advances: std::sync::OnceLock::new(),
        })
    }

    /// The glyph the face maps `c` to, if any.
    pub(crate) fn glyph(&self, c: char) -> Option<u16> {
        self.shaper.glyph_index(c).map(|g| g.0)
    }

    /// Advance as a PDF viewer applies it: the `/W` entry printpdf writes,
    /// which is truncated to whole thousandths of an em.
    pub(crate) fn pdf_advance(&self, gid: u16) -> f32 {
        let table = self.pdf_advances.get_or_init(|| {
            (0..self.shaper.number_of_glyphs())
                .map(|g| {
                    let units = self
                        .shaper
                        .glyph_hor_advance(ttf_parser::GlyphId(g))
                        .map_or(0.0, f32::from);
                    (units * 1000.0 / self.units_per_em).trunc() / 1000.0
                })
                .collect()
        });
        table.get(usize::from(gid)).copied().unwrap_or(0.0)
    }

    pub(crate) fn covers(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some()
    }
}

static BUNDLED: [(&str, &[u8]); 4] = [
    (
        "LiberationSerif-Regular",
        include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    ),
    (
        "LiberationSerif-Italic",
        include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    ),
    (
        "LiberationSerif-Bold",
        include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    ),
    (
        "LiberationSerif-BoldItalic",
        include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    ),
];

/// Where to look for fonts the bundled serif lacks.
#[derive(Debug, Clone, Default)]
pub enum Fallback {
    /// The fonts installed on this system (fontconfig's usual directories).
    #[default]
    System,
    /// Only these font files (tests use this to pin the fallback).
    Files(Vec<std::path::PathBuf>),
    /// No fallback: a character the bundled serif lacks is an error.
    None,
}

/// The faces a document may use: the bundled serif in four styles plus any
/// fallback faces discovered so far.
pub struct FontSet {
    faces: RwLock<Vec<Arc<Face>>>,
    fallback: Fallback,
    /// Candidate fallback faces, found once (scanning fonts is slow).
    candidates: OnceLock<Vec<Candidate>>,
    /// (char's preferred script bucket, weight) → chosen face; avoids re-scanning.
    chosen: Mutex<HashMap<(char, bool), Option<FaceId>>>,
    /// Loaded fallback files by (path, index), so one file is read once.
    loaded: Mutex<HashMap<(std::path::PathBuf, u32), FaceId>>,
    /// The caches of the layers above: shaped words, laid-out paragraphs,
    /// embedded fonts, deflated images, glyph outlines ([`FontSet::cache`]).
    caches: Slots,
}

#[derive(Debug, Clone)]
struct Candidate {
    path: std::path::PathBuf,
    index: u32,
    family: String,
    bold: bool,
}

impl FontSet {
    /// The bundled serif with fallback to system fonts.
    pub fn new() -> Result<FontSet, TypesetError> {
        Self::with_fallback(Fallback::System)
    }

    pub fn with_fallback(fallback: Fallback) -> Result<FontSet, TypesetError> {
        let mut faces = Vec::with_capacity(8);
        // Order matters: Style::index() maps regular, italic, bold, bold-italic to 0..4.
        for (name, data) in BUNDLED {
            faces.push(Arc::new(Face::parse(name.to_string(), data, 0)?));
        }
        Ok(FontSet {
            faces: RwLock::new(faces),
            fallback,
            candidates: OnceLock::new(),
            chosen: Mutex::new(HashMap::new()),
            loaded: Mutex::new(HashMap::new()),
            caches: Slots::default(),
        })
    }

    pub fn face(&self, id: FaceId) -> Arc<Face> {
        let faces = self.faces.read().unwrap_or_else(|e| e.into_inner());
        Arc::clone(&faces[usize::from(id.0)])
    }

    /// The cache of type `C` kept with these fonts, made on first use: each
    /// layer that works with a font set keeps its own this way (a type of
    /// its own module), since what it caches is only good for these faces.
    pub(crate) fn cache<C: std::any::Any + Default + Send + Sync>(&self) -> &C {
        self.caches.get()
    }

    pub fn primary(&self, style: Style) -> FaceId {
        FaceId(style.index() as u16)
    }

    /// Every face loaded so far, in id order.
    pub fn faces(&self) -> Vec<(FaceId, Arc<Face>)> {
        let faces = self.faces.read().unwrap_or_else(|e| e.into_inner());
        faces
            .iter()
            .enumerate()
            .map(|(i, f)| (FaceId(i as u16), Arc::clone(f)))
            .collect()
    }

    /// The face that will draw `c` in `style`: the bundled serif if it has the
    /// glyph, else the best fallback face, else an error naming the character.
    pub fn face_for(&self, c: char, style: Style) -> Result<FaceId, TypesetError> {
        let primary = self.primary(style);
        if c.is_whitespace() || c.is_control() || self.face(primary).covers(c) {
            return Ok(primary);
        }
        let key = (c, style.bold);
        if let Some(found) = self.lock_chosen().get(&key) {
            return found.ok_or(TypesetError::MissingGlyph(c));
        }
        let found = self.find_fallback(c, style.bold)?;
        self.lock_chosen().insert(key, found);
        found.ok_or(TypesetError::MissingGlyph(c))
    }

    fn lock_chosen(&self) -> std::sync::MutexGuard<'_, HashMap<(char, bool), Option<FaceId>>> {
        self.chosen.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn find_fallback(&self, c: char, bold: bool) -> Result<Option<FaceId>, TypesetError> {
        // Fallback faces already loaded come first: one letter should not mix
        // two CJK fonts when one covers everything.
        for (id, face) in self.faces().into_iter().skip(BUNDLED.len()) {
            if face.covers(c) && self.loaded_is_bold(id) == bold {
                return Ok(Some(id));
            }
        }
        let candidates = self.candidates.get_or_init(|| self.scan_candidates());
        let preferred = script_hint(c);
        let mut ranked: Vec<&Candidate> = candidates.iter().collect();
        ranked.sort_by_key(|cand| {
            let serif = cand.family.contains("Serif");
            let hinted = preferred.is_some_and(|h| cand.family.ends_with(h));
            (
                !hinted,
                cand.bold != bold,
                !serif,
                cand.family.contains("Mono"),
                cand.family.clone(),
                cand.index,
            )
        });
        for cand in ranked {
            let Ok(data) = read_font_file(&cand.path) else {
                continue;
            };
            let covers = ttf_parser::Face::parse(data, cand.index)
                .ok()
                .is_some_and(|f| f.glyph_index(c).is_some());
            if covers {
                return self.load(cand, data).map(Some);
            }
        }
        Ok(None)
    }

    fn loaded_is_bold(&self, id: FaceId) -> bool {
        self.face(id).name.contains("Bold")
    }

    fn load(&self, cand: &Candidate, data: &'static [u8]) -> Result<FaceId, TypesetError> {
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(id) = loaded.get(&(cand.path.clone(), cand.index)) {
            return Ok(*id);
        }
        let name = format!(
            "{}{}",
            cand.family.replace(' ', ""),
            if cand.bold { "-Bold" } else { "-Regular" }
        );
        let face = Arc::new(Face::parse(name, data, cand.index)?);
        let mut faces = self.faces.write().unwrap_or_else(|e| e.into_inner());
        let id = FaceId(faces.len() as u16);
        faces.push(face);
        loaded.insert((cand.path.clone(), cand.index), id);
        Ok(id)
    }

    fn scan_candidates(&self) -> Vec<Candidate> {
        let mut db = fontdb::Database::new();
        match &self.fallback {
            Fallback::System => db.load_system_fonts(),
            Fallback::Files(files) => {
                for f in files {
                    // An unreadable file simply offers no glyphs.
                    let _ = db.load_font_file(f);
                }
            }
            Fallback::None => return Vec::new(),
        }
        let mut out = Vec::new();
        for info in db.faces() {
            let path = match &info.source {
                fontdb::Source::File(p) => p.clone(),
                fontdb::Source::SharedFile(p, _) => p.clone(),
                fontdb::Source::Binary(_) => continue,
            };
            if info.style != fontdb::Style::Normal {
                continue;
            }
            let family = info
                .families
                .first()
                .map(|(f, _)| f.clone())
                .unwrap_or_default();
            out.push(Candidate {
                path,
                index: info.index,
                family,
                bold: info.weight.0 >= 600,
            });
        }
        out
    }
}

/// The regional suffix Noto CJK uses for the script a character most likely
/// belongs to, so Hangul is drawn with the Korean design, kana with the Japanese.
fn script_hint(c: char) -> Option<&'static str> {
    match c as u32 {
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Some("KR"),
        0x3040..=0x30FF => Some("JP"),
        0x4E00..=0x9FFF => Some("SC"),
        _ => None,
    }
}

/// Font files are read once per process and kept for its lifetime: faces
/// borrow their bytes, and the shaper and the PDF writer both need them.
fn read_font_file(path: &std::path::Path) -> std::io::Result<&'static [u8]> {
    static FILES: OnceLock<Mutex<HashMap<std::path::PathBuf, &'static [u8]>>> = OnceLock::new();
    let files = FILES.get_or_init(|| Mutex::new(HashMap::new()));
    let mut files = files.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(data) = files.get(path) {
        return Ok(data);
    }
    let data: &'static [u8] = Box::leak(std::fs::read(path)?.into_boxed_slice());
    files.insert(path.to_path_buf(), data);
    Ok(data)
}
