//! Shaping: text in one style → positioned glyphs, with font fallback.
//!
//! Results are cached per (style, text): a letter repeats its words, and a
//! merge of a thousand letters repeats nearly all of them.

use std::sync::Arc;

use crate::cache::Bounded;
use crate::error::TypesetError;
use crate::fonts::{FaceId, FontSet, Style};

/// One glyph; advances and offsets are in em, so one shaping serves every size.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub face: FaceId,
    pub gid: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte offset in the shaped text where this glyph's cluster starts.
    pub cluster: u32,
    /// The text this glyph stands for, for copy-and-paste (several characters
    /// for a ligature, empty for the second glyph of a cluster).
    pub text: Arc<str>,
}

/// A shaped piece of text (typically one word).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shaped {
    pub glyphs: Vec<Glyph>,
}

impl Shaped {
    /// Width in em.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }

    /// Split at a byte offset of the source text, if no glyph cluster spans it
    /// (a ligature across the point makes it unusable).
    pub fn split_at(&self, byte: u32) -> Option<(Shaped, Shaped)> {
        let pos = self.glyphs.iter().position(|g| g.cluster >= byte)?;
        if self.glyphs[pos].cluster != byte || pos == 0 {
            return None;
        }
        let (a, b) = self.glyphs.split_at(pos);
        Some((Shaped { glyphs: a.to_vec() }, Shaped { glyphs: b.to_vec() }))
    }
}

/// Shaped text by style and text, kept with the font set. Past 200,000
/// entries it is cleared (cheap, rare).
#[derive(Default)]
struct ShapeCache(Bounded<(Style, bool, Box<str>), Arc<Shaped>, 200_000>);

impl FontSet {
    /// Shape `text` in `style`, splitting it into runs by the face that covers
    /// each character. Fails naming the first character no font can draw.
    pub fn shape(&self, text: &str, style: Style) -> Result<Arc<Shaped>, TypesetError> {
        self.shape_as(text, style, false)
    }

    /// [`FontSet::shape`]; `legacy`: each glyph's text as documents of
    /// version 0 had it (a right-to-left cluster's text ran to the end of
    /// its run), so they re-render to the same bytes.
    pub fn shape_as(
        &self,
        text: &str,
        style: Style,
        legacy: bool,
    ) -> Result<Arc<Shaped>, TypesetError> {
        let cache = &self.cache::<ShapeCache>().0;
        let key = (style, legacy, Box::<str>::from(text));
        if let Some(hit) = cache.get(&key) {
            return Ok(hit);
        }
        let shaped = Arc::new(self.shape_uncached(text, style, legacy)?);
        cache.put(key, Arc::clone(&shaped));
        Ok(shaped)
    }

    fn shape_uncached(
        &self,
        text: &str,
        style: Style,
        legacy: bool,
    ) -> Result<Shaped, TypesetError> {
        let mut out = Shaped::default();
        let mut run_start = 0usize;
        let mut run_face: Option<FaceId> = None;
        for (i, c) in text.char_indices() {
            let face = self.face_for(c, style)?;
            match run_face {
                Some(f) if f == face => {}
                Some(f) => {
                    self.shape_run(text, run_start, i, f, legacy, &mut out);
                    run_start = i;
                    run_face = Some(face);
                }
                None => run_face = Some(face),
            }
        }
        if let Some(f) = run_face {
            self.shape_run(text, run_start, text.len(), f, legacy, &mut out);
        }
        Ok(out)
    }

    fn shape_run(
        &self,
        text: &str,
        start: usize,
        end: usize,
        face_id: FaceId,
        legacy: bool,
        out: &mut Shaped,
    ) {
        let face = self.face(face_id);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&text[start..end]);
        let shaped = rustybuzz::shape(&face.shaper, &[], buffer);
        let upem = face.units_per_em;
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        // Where each cluster's text ends: at the next cluster in the text,
        // whichever way the glyphs run (right-to-left scripts come out of
        // the shaper in visual order, their clusters descending).
        let mut starts: Vec<usize> = infos.iter().map(|g| start + g.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        for (k, (info, pos)) in infos.iter().zip(positions).enumerate() {
            let cluster = start + info.cluster as usize;
            let first_of_cluster = k == 0 || infos[k - 1].cluster != info.cluster;
            let next_cluster = if legacy {
                infos[k..]
                    .iter()
                    .map(|g| start + g.cluster as usize)
                    .find(|&c| c > cluster)
                    .unwrap_or(end)
            } else {
                // The first cluster start after this one (`starts` is sorted).
                starts
                    .get(starts.partition_point(|&c| c <= cluster))
                    .copied()
                    .unwrap_or(end)
            };
            let glyph_text: Arc<str> = if first_of_cluster {
                Arc::from(&text[cluster..next_cluster])
            } else {
                Arc::from("")
            };
            out.glyphs.push(Glyph {
                face: face_id,
                gid: info.glyph_id as u16,
                // Whole thousandths of an em, truncated as a PDF's /W widths
                // are: the layout then advances exactly as a viewer's pen
                // does, and only kerning and justification need TJ nudges.
                advance: (pos.x_advance as f32 * 1000.0 / upem).trunc() / 1000.0,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                cluster: cluster as u32,
                text: glyph_text,
            });
        }
    }
}
