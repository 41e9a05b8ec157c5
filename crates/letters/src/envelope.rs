//! Envelopes and address labels for a letter's copies: the same address
//! blocks as the letter's inside address ([`address_lines`]), placed where
//! the post reads them, on the envelope sizes and label sheets offices use.
//!
//! Each block is set by [`typeset::layout`] in a frame of its own width (so
//! a long line wraps as in the letter, in the same fonts, any script
//! included) and then moved to its place on the envelope or the sheet.

use std::str::FromStr;

use typeset::{
    Document, FontSet, Layout, Letterhead, Margins, Metadata, Page, PageSize, Paragraph, Part,
    Placed, Style, Tag, TypesetError,
};

use crate::compose::address_lines;
use crate::data::{LetterData, Organization};

/// Points in an inch and in a millimetre.
const INCH: f32 = 72.0;
const MM: f32 = 72.0 / 25.4;

/// The envelope sizes offices keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopeSize {
    /// US No. 10 (4⅛ × 9½ in), the business envelope for a letter folded in three.
    No10,
    /// DL (110 × 220 mm), for A4 folded in three.
    Dl,
    /// C5 (162 × 229 mm), for A4 folded once.
    C5,
}

impl EnvelopeSize {
    /// Width and height, landscape, in points.
    pub fn page(self) -> PageSize {
        match self {
            EnvelopeSize::No10 => PageSize {
                width: 9.5 * INCH,
                height: 4.125 * INCH,
            },
            EnvelopeSize::Dl => PageSize {
                width: 220.0 * MM,
                height: 110.0 * MM,
            },
            EnvelopeSize::C5 => PageSize {
                width: 229.0 * MM,
                height: 162.0 * MM,
            },
        }
    }

    /// Where the recipient's block starts (left, top), in points: on a No. 10
    /// about 4 in from the left and 2 in from the top, inside the area USPS
    /// machines read; on DL and C5 just left of the middle, in the lower half
    /// (Royal Mail, La Poste and Deutsche Post read there).
    fn recipient_at(self) -> (f32, f32) {
        let page = self.page();
        match self {
            EnvelopeSize::No10 => (4.0 * INCH, 1.875 * INCH),
            EnvelopeSize::Dl | EnvelopeSize::C5 => (page.width * 0.45, page.height * 0.5),
        }
    }
}

impl FromStr for EnvelopeSize {
    type Err = String;
    fn from_str(s: &str) -> Result<EnvelopeSize, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "10" | "no10" | "#10" | "no. 10" => Ok(EnvelopeSize::No10),
            "dl" => Ok(EnvelopeSize::Dl),
            "c5" => Ok(EnvelopeSize::C5),
            other => Err(format!(
                "\"{other}\" is not an envelope size Amicus knows; choose 10 (US No. 10), dl or c5"
            )),
        }
    }
}

/// A sheet of address labels: the page, the grid, and each label's size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelSheet {
    pub page: PageSize,
    pub columns: u32,
    pub rows: u32,
    /// One label's width and height, in points.
    pub width: f32,
    pub height: f32,
    /// The top-left label's top-left corner, in points from the page's.
    pub left: f32,
    pub top: f32,
    /// From one label's left (top) edge to the next one's.
    pub across: f32,
    pub down: f32,
}

impl LabelSheet {
    /// Avery 5160 and its kin (US Letter, 3 × 10 labels of 2⅝ × 1 in).
    pub const AVERY_5160: LabelSheet = LabelSheet {
        page: PageSize::LETTER,
        columns: 3,
        rows: 10,
        width: 2.625 * INCH,
        height: INCH,
        left: 0.1875 * INCH,
        top: 0.5 * INCH,
        across: 2.75 * INCH,
        down: INCH,
    };
    /// Avery L7160 (A4, 3 × 7 labels of 63.5 × 38.1 mm).
    pub const AVERY_L7160: LabelSheet = LabelSheet {
        page: PageSize::A4,
        columns: 3,
        rows: 7,
        width: 63.5 * MM,
        height: 38.1 * MM,
        left: 7.2 * MM,
        top: 15.15 * MM,
        across: 66.04 * MM,
        down: 38.1 * MM,
    };

    /// A grid of one's own: "COLUMNSxROWS WIDTHxHEIGHT LEFT TOP ACROSS DOWN"
    /// in millimetres, on `page` ("3x8 70x37 0 0 70 37").
    pub fn custom(page: PageSize, grid: &str) -> Result<LabelSheet, String> {
        let wrong = || {
            format!(
                "\"{grid}\" is not a label grid; write COLUMNSxROWS WIDTHxHEIGHT LEFT TOP ACROSS DOWN \
                 in millimetres, e.g. \"3x8 70x37 0 0 70 37\""
            )
        };
        let parts: Vec<&str> = grid.split_whitespace().collect();
        let [count, size, left, top, across, down] = parts[..] else {
            return Err(wrong());
        };
        fn pair<T: FromStr>(s: &str) -> Option<(T, T)> {
            let (a, b) = s.split_once(['x', '×'])?;
            Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
        }
        let mm = |s: &str| s.parse::<f32>().ok().map(|v| v * MM);
        let (columns, rows) = pair::<u32>(count).ok_or_else(wrong)?;
        let (width, height) = pair::<f32>(size).ok_or_else(wrong)?;
        let sheet = LabelSheet {
            page,
            columns,
            rows,
            width: width * MM,
            height: height * MM,
            left: mm(left).ok_or_else(wrong)?,
            top: mm(top).ok_or_else(wrong)?,
            across: mm(across).ok_or_else(wrong)?,
            down: mm(down).ok_or_else(wrong)?,
        };
        sheet.check().map(|()| sheet)
    }

    /// Every label on the page, none wider than the step to the next.
    fn check(&self) -> Result<(), String> {
        let fits = self.columns >= 1
            && self.rows >= 1
            && self.width >= 0.75 * INCH
            && self.height >= 0.5 * INCH
            && self.across >= self.width
            && self.down >= self.height
            && self.left >= 0.0
            && self.top >= 0.0
            && self.left + (self.columns - 1) as f32 * self.across + self.width
                <= self.page.width + 0.5
            && self.top + (self.rows - 1) as f32 * self.down + self.height
                <= self.page.height + 0.5;
        if fits {
            Ok(())
        } else {
            Err(
                "these labels do not fit on the page, or are too small for an address \
                 (at least 19 × 13 mm each)"
                    .to_string(),
            )
        }
    }
}

impl FromStr for LabelSheet {
    type Err = String;
    fn from_str(s: &str) -> Result<LabelSheet, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "5160" | "avery5160" | "avery 5160" => Ok(LabelSheet::AVERY_5160),
            "l7160" | "avery l7160" | "averyl7160" => Ok(LabelSheet::AVERY_L7160),
            other => Err(format!(
                "\"{other}\" is not a label sheet Amicus knows; choose 5160 (US Letter), l7160 (A4) or a grid of your own"
            )),
        }
    }
}

/// The organization's return address: its name, its unit and its address.
pub fn return_lines(org: &Organization) -> Vec<String> {
    let mut lines = vec![org.name.clone()];
    lines.extend(org.unit.iter().cloned());
    lines.extend(org.address.iter().cloned());
    lines.retain(|l| !l.trim().is_empty());
    lines
}

/// The addressees of a letter's copies, in order, as their envelopes name them.
pub fn recipients(data: &LetterData) -> Vec<Vec<String>> {
    data.recipients.iter().map(address_lines).collect()
}

/// One envelope a page for each of `addresses`, with the return address
/// at the top left.
pub fn envelopes(
    size: EnvelopeSize,
    from: &[String],
    addresses: &[Vec<String>],
    fonts: &FontSet,
    metadata: Metadata,
) -> Result<Layout, TypesetError> {
    let page = size.page();
    let margin = 0.375 * INCH;
    let (to_left, to_top) = size.recipient_at();
    let back = set_block(from, 9.0, to_left - 2.0 * margin, fonts)?;
    let mut pages = Vec::with_capacity(addresses.len());
    let mut parts = Vec::with_capacity(addresses.len() * 2);
    for address in addresses {
        let mut p = Page::default();
        place(&back, margin, margin, &mut p, parts.len());
        parts.push(address_part("Return Address"));
        let to = set_block(address, 11.0, page.width - to_left - margin, fonts)?;
        place(&to, to_left, to_top, &mut p, parts.len());
        parts.push(address_part("Address"));
        pages.push(p);
    }
    Ok(Layout {
        page,
        pages,
        metadata,
        measure: page.width - 2.0 * margin,
        stationery: None,
        parts,
        version: typeset::VERSION,
    })
}

/// `addresses` on sheets of labels, filled across then down, as many
/// sheets as they need.
pub fn labels(
    sheet: &LabelSheet,
    addresses: &[Vec<String>],
    fonts: &FontSet,
    metadata: Metadata,
) -> Result<Layout, TypesetError> {
    let pad = 0.1 * INCH;
    let per_page = (sheet.columns * sheet.rows) as usize;
    let mut pages: Vec<Page> = Vec::new();
    for (i, address) in addresses.iter().enumerate() {
        if i % per_page == 0 {
            pages.push(Page::default());
        }
        let n = (i % per_page) as u32;
        let (col, row) = (n % sheet.columns, n / sheet.columns);
        // 9 pt, or smaller for an address that would not fit the label.
        let mut fitted = None;
        for size in [9.0, 8.0, 7.0, 6.0] {
            let set = set_block(address, size, sheet.width - 2.0 * pad, fonts)?;
            let height = set.iter().map(|(_, bottom)| *bottom).fold(0.0, f32::max);
            let fits = height <= sheet.height - pad / 2.0;
            fitted = Some((set, height));
            if fits {
                break;
            }
        }
        let Some((set, height)) = fitted else {
            continue;
        };
        // Centred in the label's height, as label programs do.
        let top =
            sheet.top + row as f32 * sheet.down + ((sheet.height - height) / 2.0).max(pad / 2.0);
        let left = sheet.left + col as f32 * sheet.across + pad;
        if let Some(page) = pages.last_mut() {
            place(&set, left, top, page, i);
        }
    }
    Ok(Layout {
        page: sheet.page,
        pages,
        metadata,
        measure: sheet.width - 2.0 * pad,
        stationery: None,
        parts: addresses.iter().map(|_| address_part("Address")).collect(),
        version: typeset::VERSION,
    })
}

/// The lines of one address block set in a frame `width` wide, with each
/// item's bottom (its baseline plus a descent), from the frame's top.
fn set_block(
    lines: &[String],
    size: f32,
    width: f32,
    fonts: &FontSet,
) -> Result<Vec<(Placed, f32)>, TypesetError> {
    let frame = Document {
        page: PageSize {
            width: width.max(72.0),
            height: 20.0 * INCH,
        },
        margins: Margins {
            top: 0.0,
            right: 0.0,
            bottom: 0.0,
            left: 0.0,
        },
        letterhead: Letterhead::default(),
        continuation: None,
        body: vec![Paragraph::block(
            &lines.join("\n"),
            Style::REGULAR,
            size,
            size * 1.2,
        )],
        metadata: Metadata::default(),
        mark: None,
        stationery: None,
        version: typeset::VERSION,
    };
    let set = typeset::layout(&frame, fonts)?;
    Ok(set
        .pages
        .into_iter()
        .flat_map(|p| p.items)
        .map(|item| {
            let bottom = match &item {
                Placed::Text(t) => t.baseline + t.size * 0.25,
                _ => 0.0,
            };
            (item, bottom)
        })
        .collect())
}

/// Put a set block on `page` with its frame's top-left corner at (`left`, `top`).
/// An address block in the structure of a tagged PDF.
fn address_part(role: &'static str) -> Part {
    Part {
        role: Some(role),
        figure_alt: None,
    }
}

/// Place an address block with its top left at (`left`, `top`), as part
/// `part` of the document's structure (each block one paragraph).
fn place(set: &[(Placed, f32)], left: f32, top: f32, page: &mut Page, part: usize) {
    for (item, _) in set {
        if let Placed::Text(t) = item {
            let mut t = t.clone();
            t.tag = Tag::Body(part);
            t.baseline += top;
            t.left += left;
            t.right += left;
            for run in &mut t.runs {
                for g in &mut run.glyphs {
                    g.x += left;
                }
            }
            page.items.push(Placed::Text(t));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> FontSet {
        FontSet::new().unwrap()
    }

    fn lines(layout: &Layout, page: usize) -> Vec<(String, f32, f32)> {
        layout.pages[page]
            .lines()
            .map(|l| (l.text.clone(), l.left, l.baseline))
            .collect()
    }

    fn address(name: &str) -> Vec<String> {
        vec![
            format!("The Honorable {name}"),
            "United States Senate".into(),
            "219 Dirksen Senate Office Building".into(),
            "Washington, DC 20510".into(),
        ]
    }

    #[test]
    fn a_no10_envelope_has_the_return_address_top_left_and_the_addressee_where_usps_reads() {
        let from = vec![
            "Lakeshore Chamber".to_string(),
            "88 East Broad Street".to_string(),
        ];
        let to = [address("Mike Crapo"), address("Ron Wyden")];
        let set = envelopes(
            EnvelopeSize::No10,
            &from,
            &to,
            &fonts(),
            Metadata::default(),
        )
        .unwrap();
        assert_eq!((set.page.width, set.page.height), (684.0, 297.0));
        assert_eq!(set.pages.len(), 2, "one envelope a copy");
        let first = lines(&set, 0);
        let (text, left, baseline) = &first[0];
        assert_eq!(text, "Lakeshore Chamber");
        assert!(
            *left >= 27.0 && *left < 30.0 && *baseline < 45.0,
            "{first:?}"
        );
        let to_line = first
            .iter()
            .find(|l| l.0 == "The Honorable Mike Crapo")
            .unwrap();
        // USPS reads the lower right: from 4 in across, below the middle's top.
        assert!(to_line.1 >= 288.0 && to_line.1 < 300.0, "{to_line:?}");
        assert!(to_line.2 > 135.0 && to_line.2 < 160.0, "{to_line:?}");
        assert!(
            lines(&set, 1)
                .iter()
                .any(|l| l.0 == "The Honorable Ron Wyden")
        );
    }

    #[test]
    fn labels_fill_a_5160_sheet_across_then_down_and_a_second_sheet_after_30() {
        let to: Vec<Vec<String>> = (1..=31).map(|n| address(&format!("Member {n}"))).collect();
        let set = labels(&LabelSheet::AVERY_5160, &to, &fonts(), Metadata::default()).unwrap();
        assert_eq!(set.pages.len(), 2);
        let name_at = |page: usize, name: &str| {
            lines(&set, page)
                .into_iter()
                .find(|l| l.0 == format!("The Honorable {name}"))
                .unwrap_or_else(|| panic!("{name} is not on sheet {page}"))
        };
        let (m1, m2, m4) = (
            name_at(0, "Member 1"),
            name_at(0, "Member 2"),
            name_at(0, "Member 4"),
        );
        assert!(
            (m2.1 - m1.1 - 198.0).abs() < 0.5,
            "the next across is 2¾ in on: {m1:?} {m2:?}"
        );
        assert!(
            (m4.2 - m1.2 - 72.0).abs() < 0.5,
            "the next row is 1 in down: {m1:?} {m4:?}"
        );
        assert!(
            m1.1 > 13.5 && m1.2 > 36.0 && m1.2 < 36.0 + 72.0,
            "inside the first label: {m1:?}"
        );
        let m31 = name_at(1, "Member 31");
        assert!((m31.1 - m1.1).abs() < 0.5 && (m31.2 - m1.2).abs() < 0.5);
    }

    #[test]
    fn a_long_address_is_set_smaller_to_fit_its_label() {
        let mut long = address("Mike Crapo");
        long.extend(
            [
                "Committee on Finance",
                "Attention: Trade Counsel",
                "Room SD-219",
                "By hand",
            ]
            .map(String::from),
        );
        let set = labels(
            &LabelSheet::AVERY_5160,
            &[long],
            &fonts(),
            Metadata::default(),
        )
        .unwrap();
        let page = &set.pages[0];
        let bottom = page.lines().map(|l| l.baseline).fold(0.0, f32::max);
        assert!(page.lines().all(|l| l.size < 9.0), "set smaller than 9 pt");
        assert!(
            bottom < 36.0 + 72.0,
            "the last line stays on the label: {bottom}"
        );
    }

    #[test]
    fn sizes_and_sheets_are_named_and_a_grid_of_ones_own_is_checked() {
        assert_eq!("10".parse(), Ok(EnvelopeSize::No10));
        assert_eq!("DL".parse(), Ok(EnvelopeSize::Dl));
        assert!(
            "9x12"
                .parse::<EnvelopeSize>()
                .unwrap_err()
                .contains("choose 10")
        );
        assert_eq!("l7160".parse(), Ok(LabelSheet::AVERY_L7160));
        let own = LabelSheet::custom(PageSize::A4, "3x8 70x37 0 0 70 37").unwrap();
        assert_eq!((own.columns, own.rows), (3, 8));
        assert!(
            LabelSheet::custom(PageSize::A4, "3x8 70x37")
                .unwrap_err()
                .contains("COLUMNSxROWS")
        );
        assert!(
            LabelSheet::custom(PageSize::LETTER, "4x8 70x37 0 0 70 37")
                .unwrap_err()
                .contains("do not fit")
        );
    }
}
