//! A letter's pages: the live preview of a letter not yet saved (only what
//! the window lacks), the preview and PDFs of a saved one, and exporting
//! them (a draft marked as one).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use store::Status;

use crate::app::{App, RecordArea};
use crate::drafts::{NewLetter, drawn_signature};
use crate::engine::{ExportFormat, ExportOptions, RenderedPdf};
use crate::error::AppError;
use crate::files::{copy_pdf_path, write_atomically};
use crate::recipients::label;

/// SVG pages of a letter not yet saved, and what staff should check.
///
/// An answer carries only what the preview does not show yet: a page the
/// caller already has (by its key) comes without its drawing, and a glyph's
/// outline travels only the first time a page uses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DraftPreview {
    pub pages: Vec<PreviewPage>,
    /// Outlines of the glyphs the pages use that the caller did not have;
    /// each page's `<use href="#id">` refers to them.
    pub glyphs: Vec<GlyphDef>,
    pub warnings: Vec<String>,
    /// How each addressee resolves on the letter's date, in order.
    pub resolved: Vec<String>,
    /// Fields the template needs that the letter does not have yet
    /// ("subject", "body", "position.statement"): an unfinished letter,
    /// not an error. The pages are empty until they are filled in.
    pub missing: Vec<String>,
    /// How each copy greets its addressees ("Dear Senator Cantwell:"):
    /// one for a joint letter, one a copy for a letter per recipient.
    pub greetings: Vec<String>,
    /// The copy the pages are of (0-based; the one asked for, or the last).
    pub copy: u32,
}

/// One page of the live preview: `key` names its content, and `drawing` is
/// absent when the caller said it already has a page with that key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewPage {
    pub key: String,
    pub drawing: Option<PageDrawing>,
}

/// A page as the live preview paints it: the glyphs on a canvas (fast to
/// paint, however many there are) under an SVG overlay with the sheet,
/// rules, images and the invisible text layer (selection, screen readers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PageDrawing {
    /// Page size in points.
    pub width: f32,
    pub height: f32,
    pub overlay: String,
    pub lines: Vec<InkLine>,
}

/// The glyphs of one run of a line: `glyphs` holds three numbers per glyph,
/// the [`GlyphDef`] id and the x and y of its origin in points (y down);
/// the outline is scaled by `scale` and flipped (font units are y up).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InkLine {
    pub color: String,
    pub scale: f32,
    pub glyphs: Vec<f32>,
}

/// A glyph outline the preview's pages refer to by `id`, in font units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GlyphDef {
    pub id: u32,
    pub d: String,
}

/// What a preview already shows: the keys of its pages and the ids of the
/// glyph outlines it holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewHave {
    #[serde(default)]
    pub pages: Vec<String>,
    #[serde(default)]
    pub glyphs: Vec<u32>,
    /// The saved letter the form shows, unchanged (none: a new letter, or
    /// unsaved changes, which saving makes a draft). Once it is approved its
    /// pages lose the draft band; once signed they are drawn with the
    /// signature it was signed with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub saved_letter: Option<i64>,
    /// Which copy of a letter per recipient to lay out (0 for the first;
    /// one past the last is the last).
    #[serde(default)]
    pub copy: u32,
}

/// A page's key: a digest of its drawing (with its number and the page count).
fn page_key(page: &typeset::svg::InkPage) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    page.overlay.hash(&mut h);
    for line in &page.lines {
        line.color.hash(&mut h);
        line.scale.to_bits().hash(&mut h);
        for v in &line.glyphs {
            v.to_bits().hash(&mut h);
        }
    }
    format!("{:016x}", h.finish())
}

/// The line at the top of every page of a draft, exported or previewed.
pub const DRAFT_MARK: &str = "DRAFT — not approved for sending";

impl App {
    /// Every copy of letter `id` with its PDF.
    pub fn render_letter(&self, id: i64) -> Result<Vec<RenderedPdf>, AppError> {
        let data = self.letter_data(id)?;
        self.engine.render_pdfs(&data, None)
    }

    /// SVG pages of the first copy, for the preview.
    pub fn preview_letter(&self, id: i64) -> Result<Vec<String>, AppError> {
        let data = self.letter_data(id)?;
        let copy = self.engine.render(&data, None)?;
        Ok(copy
            .first()
            .map(|c| self.engine.svg_pages(c))
            .unwrap_or_default())
    }

    /// Lay out a letter that is not saved (the live preview): the pages of
    /// the copy asked for (the first by default), with the same warnings
    /// drafting would give.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn preview_draft(
        &self,
        l: &NewLetter,
        have: &PreviewHave,
    ) -> Result<DraftPreview, AppError> {
        let (data, warnings, resolved) = {
            let db = self.db();
            let (draft, recipients, warnings) = self.draft_of(&db, l)?;
            let mut resolved = Vec::new();
            for r in &recipients {
                let person = r.person_id.map(|p| db.person(p)).transpose()?;
                let office = r.office_id.map(|o| db.office(o)).transpose()?;
                resolved.push(label(person.map(|p| p.full_name), office.map(|o| o.title)));
            }
            let mut data = self.data_for(&db, &draft, &recipients)?;
            let mut approved = false;
            if let Some(id) = have.saved_letter {
                data.signer.signature = drawn_signature(&db, id)?;
                approved = db.letter(id)?.status != Status::Draft;
            }
            // The preview is what an export would give: a draft's pages say
            // so at the top, as its PDF's do, until it is approved.
            if !approved {
                data.mark = Some(DRAFT_MARK.into());
            }
            (data, warnings, resolved)
        };
        let mut greetings = Vec::new();
        let mut shown = 0;
        let (ink, missing, size) = match self.engine.render(&data, None) {
            Ok(copies) => {
                // How each copy greets its addressees, as laid out.
                greetings = copies
                    .iter()
                    .map(|c| {
                        c.letter
                            .rendered
                            .salutation
                            .iter()
                            .map(|i| i.text.as_str())
                            .collect()
                    })
                    .collect();
                shown = (have.copy as usize).min(copies.len().saturating_sub(1));
                match copies.get(shown) {
                    Some(c) => (self.engine.ink_pages(c), Vec::new(), c.layout.page),
                    None => (Vec::new(), Vec::new(), typeset::PageSize::LETTER),
                }
            }
            Err(AppError::Letter(letters::LetterError::Data(problems))) => (
                Vec::new(),
                problems.into_iter().map(|p| p.location).collect(),
                typeset::PageSize::LETTER,
            ),
            Err(e) => return Err(e),
        };
        let known_pages: HashSet<&str> = have.pages.iter().map(String::as_str).collect();
        let known_glyphs: HashSet<u32> = have.glyphs.iter().copied().collect();
        let mut glyphs = Vec::new();
        let mut sent = HashSet::new();
        let mut pages = Vec::with_capacity(ink.len());
        for page in ink {
            let key = page_key(&page);
            if known_pages.contains(key.as_str()) {
                pages.push(PreviewPage { key, drawing: None });
                continue;
            }
            for &(face, gid) in &page.glyphs {
                let id = typeset::svg::glyph_key(face, gid);
                if !known_glyphs.contains(&id) && sent.insert(id) {
                    let d = self.engine.glyph_path(face, gid).to_string();
                    glyphs.push(GlyphDef { id, d });
                }
            }
            let lines = page
                .lines
                .into_iter()
                .map(|l| InkLine {
                    color: l.color,
                    scale: l.scale,
                    glyphs: l.glyphs,
                })
                .collect();
            pages.push(PreviewPage {
                key,
                drawing: Some(PageDrawing {
                    width: size.width,
                    height: size.height,
                    overlay: page.overlay,
                    lines,
                }),
            });
        }
        Ok(DraftPreview {
            pages,
            glyphs,
            warnings,
            resolved,
            missing,
            greetings,
            copy: u32::try_from(shown).unwrap_or(u32::MAX),
        })
    }

    /// Write the letter's PDFs or Word documents (one per copy, or one for
    /// all) and log the export. Returns the files written. The record is
    /// not held while the files are made.
    #[tracing::instrument(skip(self, options))]
    pub fn export_letter(
        &self,
        id: i64,
        out: &Path,
        options: &ExportOptions,
    ) -> Result<Vec<PathBuf>, AppError> {
        let now = self.clock().now();
        let (names, made) = self.write_letter_files(id, out, options)?;
        if made {
            let detail = names
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ");
            self.db().record_export(id, &detail, now)?;
            self.changed(&[RecordArea::Letters]);
        }
        Ok(names)
    }

    /// The letter's files as exported (the signed copies as signed, a
    /// draft marked so), written at `out`; nothing recorded. The flag says
    /// whether they were made now (false: the signed copies, as kept).
    pub(crate) fn write_letter_files(
        &self,
        id: i64,
        out: &Path,
        options: &ExportOptions,
    ) -> Result<(Vec<PathBuf>, bool), AppError> {
        let mut data = self.letter_data(id)?;
        if options.blank_signature {
            data.signer.signature = None;
        }
        // Digitally signed copies go out as they were signed, one file each
        // (a Word document is a copy to edit, never the signed one).
        let signed = match options.format {
            ExportFormat::Pdf => self.db().signed_copies(id)?,
            ExportFormat::Docx => Vec::new(),
        };
        if !signed.is_empty() && !options.blank_signature && !options.combined {
            let copies = self.engine.render(&data, None)?;
            let many = signed.len() > 1;
            let mut written = Vec::new();
            for (i, (copy, pdf)) in copies.iter().zip(&signed).enumerate() {
                let path = copy_pdf_path(out, many, i, &copy.label());
                write_atomically(&path, pdf)?;
                if let Some(report) = &options.progress
                    && !report(i + 1, signed.len())
                {
                    break;
                }
                written.push(path);
            }
            return Ok((written, false));
        }
        // A draft's pages say so: nobody mistakes one for the approved letter.
        if self.db().letter(id)?.status == Status::Draft {
            data.mark = Some(DRAFT_MARK.into());
        }
        Ok((self.engine.export_with(&data, None, out, options)?, true))
    }
}
