//! A TrueType font program without its hinting, for embedding.
//!
//! Hinting is bytecode that grid-fits outlines for screens at small sizes:
//! the font's programs (`fpgm`, `prep`, `cvt `, and the tables derived from
//! them: `hdmx`, `VDMX`, `LTSH`) and each glyph's instructions. PDF viewers
//! rasterise embedded fonts with their own (auto-)hinting or none, and a
//! printer's resolution needs none; for the bundled Liberation Serif the
//! instructions are more than half of what a letter embeds (30 KB of a
//! 72 KB letter, 13 KB without them). The outlines, metrics and glyph ids
//! are untouched, so every glyph is drawn where it was.

/// Tables dropped: the hinting programs and what is derived from them.
const DROPPED: [&[u8; 4]; 6] = [b"fpgm", b"prep", b"cvt ", b"hdmx", b"VDMX", b"LTSH"];

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

/// One glyph's data without its instructions (None: not a glyph that can
/// be read, and the font is left as it is).
fn glyph_without_instructions(g: &[u8]) -> Option<Vec<u8>> {
    if g.is_empty() {
        return Some(Vec::new());
    }
    let contours = i16::from_be_bytes([*g.first()?, *g.get(1)?]);
    if contours >= 0 {
        let at = 10 + 2 * contours as usize;
        let len = usize::from(u16_at(g, at)?);
        let rest = g.get(at + 2 + len..)?;
        let mut out = Vec::with_capacity(g.len() - len);
        out.extend_from_slice(g.get(..at)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(out);
    }
    // A composite glyph: its components, then instructions if the last
    // component's flags say so.
    let mut at = 10;
    let mut last_flags_at;
    loop {
        last_flags_at = at;
        let flags = u16_at(g, at)?;
        at += 4;
        at += if flags & 0x0001 != 0 { 4 } else { 2 };
        at += if flags & 0x0008 != 0 {
            2
        } else if flags & 0x0040 != 0 {
            4
        } else if flags & 0x0080 != 0 {
            8
        } else {
            0
        };
        if flags & 0x0020 == 0 {
            break;
        }
    }
    let mut out = g.get(..at)?.to_vec();
    let flags = u16_at(&out, last_flags_at)? & !0x0100;
    out[last_flags_at..last_flags_at + 2].copy_from_slice(&flags.to_be_bytes());
    Some(out)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// `ttf` without hinting; None when it is not a TrueType font this can
/// read (it is then embedded as it is).
pub(crate) fn unhinted(ttf: &[u8]) -> Option<Vec<u8>> {
    let count = usize::from(u16_at(ttf, 4)?);
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::with_capacity(count);
    for k in 0..count {
        let rec = 12 + 16 * k;
        let tag: [u8; 4] = ttf.get(rec..rec + 4)?.try_into().ok()?;
        let offset = u32_at(ttf, rec + 8)? as usize;
        let length = u32_at(ttf, rec + 12)? as usize;
        tables.push((tag, ttf.get(offset..offset.checked_add(length)?)?));
    }
    let find = |tag: &[u8; 4]| tables.iter().find(|(t, _)| t == tag).map(|(_, d)| *d);
    let (head, loca, glyf, maxp) = (
        find(b"head")?,
        find(b"loca")?,
        find(b"glyf")?,
        find(b"maxp")?,
    );
    let glyphs = usize::from(u16_at(maxp, 4)?);
    let long = u16_at(head, 50)? == 1;
    let offset = |i: usize| -> Option<usize> {
        if long {
            u32_at(loca, 4 * i).map(|v| v as usize)
        } else {
            u16_at(loca, 2 * i).map(|v| 2 * usize::from(v))
        }
    };
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(4 * (glyphs + 1));
    for i in 0..glyphs {
        new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
        let g = glyf.get(offset(i)?..offset(i + 1)?)?;
        new_glyf.extend(glyph_without_instructions(g)?);
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
    }
    new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
    // Long offsets from now on; the checksum adjustment is made last.
    let mut new_head = head.to_vec();
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);

    let mut kept: Vec<([u8; 4], Vec<u8>)> = tables
        .iter()
        .filter(|(t, _)| !DROPPED.contains(&t))
        .map(|(t, d)| {
            let data = match t {
                b"glyf" => new_glyf.clone(),
                b"loca" => new_loca.clone(),
                b"head" => new_head.clone(),
                _ => d.to_vec(),
            };
            (*t, data)
        })
        .collect();
    kept.sort_by_key(|(t, _)| *t);

    let n = kept.len() as u16;
    let mut power = 1u16;
    let mut log = 0u16;
    while power * 2 <= n {
        power *= 2;
        log += 1;
    }
    let mut out = Vec::with_capacity(ttf.len());
    out.extend_from_slice(ttf.get(..4)?);
    for v in [n, power * 16, log, n * 16 - power * 16] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut at = 12 + 16 * kept.len();
    let mut head_at = 0;
    for (tag, data) in &kept {
        if tag == b"head" {
            head_at = at;
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&u32::try_from(at).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        at += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &kept {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out.get_mut(head_at + 8..head_at + 12)?
        .copy_from_slice(&adjustment.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERIF: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");

    #[test]
    fn the_outlines_and_metrics_stay_and_the_hinting_goes() {
        let bare = unhinted(SERIF).expect("Liberation Serif is read");
        assert!(
            bare.len() * 10 < SERIF.len() * 8,
            "{} of {}",
            bare.len(),
            SERIF.len()
        );
        let before = ttf_parser::Face::parse(SERIF, 0).unwrap();
        let after = ttf_parser::Face::parse(&bare, 0).expect("the result is a font");
        assert_eq!(before.number_of_glyphs(), after.number_of_glyphs());
        for tag in DROPPED {
            assert!(
                after
                    .raw_face()
                    .table(ttf_parser::Tag::from_bytes(tag))
                    .is_none()
            );
        }
        struct Path(Vec<(f32, f32)>);
        impl ttf_parser::OutlineBuilder for Path {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0.push((x, y));
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0.push((x, y));
            }
            fn quad_to(&mut self, _: f32, _: f32, x: f32, y: f32) {
                self.0.push((x, y));
            }
            fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, x: f32, y: f32) {
                self.0.push((x, y));
            }
            fn close(&mut self) {}
        }
        let mut composites = 0;
        for id in 0..before.number_of_glyphs() {
            let g = ttf_parser::GlyphId(id);
            let (mut a, mut b) = (Path(Vec::new()), Path(Vec::new()));
            let box_a = before.outline_glyph(g, &mut a);
            let box_b = after.outline_glyph(g, &mut b);
            assert_eq!(box_a, box_b, "glyph {id}");
            assert_eq!(a.0, b.0, "glyph {id}'s outline");
            assert_eq!(before.glyph_hor_advance(g), after.glyph_hor_advance(g));
            if before.glyph_index('é') == Some(g) {
                composites += 1;
            }
        }
        assert_eq!(composites, 1, "é (a composite in Liberation) was compared");
    }

    #[test]
    fn what_is_not_a_truetype_font_is_left_alone() {
        assert_eq!(unhinted(b"not a font"), None);
        assert_eq!(unhinted(&SERIF[..100]), None);
    }
}
