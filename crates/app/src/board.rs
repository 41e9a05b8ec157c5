//! The board report: a date range and one or more issues → a PDF (the
//! letterhead; a page per issue with its position paragraph and its charts
//! drawn as vectors; then the issue's letters table) and the same rows as
//! CSV. Laid out here on Amicus's own typesetting, page by page: text set
//! by [`typeset::set_lines`], bars as [`Placed::Rect`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use store::Method;
use typeset::{
    Align, FontSet, Layout, Metadata, Page, PageSize, Paragraph, Part, Placed, Rgb, Span, Style,
    Tag, TextLine,
};

use crate::app::App;
use crate::error::AppError;
use crate::reports::{IssueRecord, PositionParagraph, long_date};

/// What the board report covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardRequest {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Issues by name or id; at least one.
    pub issues: Vec<String>,
    /// The day overdue is counted as of (today when None).
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
}

/// The files the report was written to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardWritten {
    pub pdf: PathBuf,
    /// The rows written beside it (.csv, .xlsx).
    pub rows: Vec<PathBuf>,
    /// Those of the rows that replaced a file of the same name, said so.
    pub replaced: Vec<PathBuf>,
    pub pages: u32,
}

/// Where a board report's rows go when not named: beside its PDF, named
/// like it, as CSV and as a spreadsheet (the window and `amicus report`
/// alike).
pub fn rows_beside(pdf: &Path) -> Vec<PathBuf> {
    vec![pdf.with_extension("csv"), pdf.with_extension("xlsx")]
}

/// The report made: its PDF, its CSV rows, and each issue's record.
#[derive(Debug)]
pub struct BoardReport {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub csv: String,
    pub records: Vec<(IssueRecord, PositionParagraph)>,
}

const METHOD_COLORS: [(Method, &str, Rgb); 5] = [
    (Method::Mail, "mail", Rgb(0.16, 0.33, 0.55)),
    (Method::Email, "e-mail", Rgb(0.35, 0.62, 0.80)),
    (Method::Fax, "fax", Rgb(0.55, 0.45, 0.70)),
    (Method::Hand, "by hand", Rgb(0.85, 0.60, 0.25)),
    (Method::Portal, "portal", Rgb(0.45, 0.65, 0.40)),
];
const GREY: Rgb = Rgb(0.45, 0.45, 0.45);
const LIGHT: Rgb = Rgb(0.80, 0.84, 0.88);
const DARK: Rgb = Rgb(0.16, 0.33, 0.55);
const RED: Rgb = Rgb(0.75, 0.18, 0.15);
const AXIS: Rgb = Rgb(0.6, 0.6, 0.6);

fn method_word(m: Method) -> &'static str {
    METHOD_COLORS
        .iter()
        .find(|(k, _, _)| *k == m)
        .map_or("", |(_, w, _)| w)
}

/// The report's CSV header; one row per copy.
pub const CSV_HEADER: &str = "issue,letter,date,subject,status,position_version,role,office,person,office_kind,method,sent_on,reply_on,days_to_reply,follow_up_on,owner,overdue";

/// A cell of the report's rows, as a spreadsheet types it.
enum Cell<'a> {
    Text(std::borrow::Cow<'a, str>),
    Number(i64),
    Day(NaiveDate),
    Empty,
}

impl<'a> Cell<'a> {
    fn text(s: &'a str) -> Cell<'a> {
        Cell::Text(s.into())
    }

    fn some(v: &'a Option<String>) -> Cell<'a> {
        v.as_deref().map_or(Cell::Empty, Cell::text)
    }

    fn day(d: Option<NaiveDate>) -> Cell<'a> {
        d.map_or(Cell::Empty, Cell::Day)
    }
}

/// The report's rows, one per copy: what the CSV and the spreadsheet hold.
fn rows_of<'a>(records: &[&'a IssueRecord]) -> Vec<[Cell<'a>; 17]> {
    let mut rows = Vec::new();
    for r in records {
        for l in &r.letters {
            for c in &l.copies {
                rows.push([
                    Cell::text(&r.issue.name),
                    Cell::Number(l.id),
                    Cell::Day(l.date),
                    Cell::text(&l.subject),
                    Cell::Text(l.status.to_string().into()),
                    Cell::Number(i64::from(l.position_version)),
                    Cell::Text(c.role.to_string().into()),
                    Cell::some(&c.office),
                    Cell::some(&c.person),
                    Cell::Text(c.group.label().to_lowercase().into()),
                    c.method
                        .map_or(Cell::Empty, |m| Cell::Text(m.to_string().into())),
                    Cell::day(c.sent_on),
                    Cell::day(c.reply_on),
                    c.days_to_reply.map_or(Cell::Empty, Cell::Number),
                    Cell::day(c.follow_up_on),
                    Cell::some(&c.owner),
                    Cell::text(if c.overdue { "yes" } else { "no" }),
                ]);
            }
        }
    }
    rows
}

/// The rows of the records as CSV (RFC 4180: CRLF line ends, as
/// spreadsheets expect). A text cell that a spreadsheet would read as a
/// formula (one starting `=`, `+`, `-`, `@`, or a tab or return: a
/// subject or office name typed so) is written with a `'` before it, so
/// opening the file in Excel never runs it; the .xlsx has no need, its
/// text cells are text.
pub fn csv_of(records: &[&IssueRecord]) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail. A cell is borrowed unless it must be
    // written anew (a number, a day, a guarded formula).
    let _ = out.write_record(CSV_HEADER.split(','));
    for row in rows_of(records) {
        for cell in &row {
            let _ = match cell {
                Cell::Text(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
                    out.write_field(format!("'{s}"))
                }
                Cell::Text(s) => out.write_field(s.as_bytes()),
                Cell::Number(n) => out.write_field(n.to_string()),
                Cell::Day(d) => out.write_field(d.to_string()),
                Cell::Empty => out.write_field(""),
            };
        }
        let _ = out.write_record(None::<&[u8]>);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The rows of the records as a spreadsheet: the CSV's columns, numbers
/// as numbers and days as dates, the heading bold, frozen and filtered.
pub fn xlsx_of(records: &[&IssueRecord]) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let failed = |e: rust_xlsxwriter::XlsxError| AppError::damaged("the report's spreadsheet", e);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Letters").map_err(failed)?;
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    for (col, name) in CSV_HEADER.split(',').enumerate() {
        sheet
            .write_string_with_format(0, col as u16, name, &bold)
            .map_err(failed)?;
    }
    let rows = rows_of(records);
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(s) => {
                    sheet.write_string(r, col, s.as_ref()).map_err(failed)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, col, *n as f64).map_err(failed)?;
                }
                Cell::Day(d) => {
                    use chrono::Datelike;
                    let when =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                            .map_err(failed)?;
                    sheet
                        .write_date_with_format(r, col, &when, &day)
                        .map_err(failed)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    sheet
        .autofilter(0, 0, rows.len() as u32, 16)
        .map_err(failed)?;
    sheet.autofit();
    book.save_to_buffer().map_err(failed)
}

/// What a piece of text is in the tagged PDF's structure.
#[derive(Clone, Copy)]
enum Tagged {
    /// Part of this one (a table row's cells: one paragraph each row).
    In(Tag),
    /// Furniture: a chart's labels, running heads, page numbers.
    Not,
}

/// Pages set by hand: a cursor down the current page, text tagged as the
/// report's paragraphs (in reading order), bars and labels as furniture.
struct Pages<'f> {
    fonts: &'f FontSet,
    size: PageSize,
    left: f32,
    width: f32,
    top: f32,
    bottom: f32,
    pages: Vec<Page>,
    /// The page drawn on.
    current: usize,
    parts: Vec<Part>,
    y: f32,
    /// Text already set, by what it is and where: a report's cells repeat
    /// (dates, methods, owners, offices), and each is shaped once.
    set: HashMap<SetKey, HashMap<String, Vec<(TextLine, f32)>>>,
}

/// Text this long or shorter is kept once set: a table's cells.
const SHORT: usize = 64;

/// How a piece of text is set: its face, and (as bits) size, colour,
/// alignment, left edge and width.
type SetKey = (Style, [u32; 7]);

impl<'f> Pages<'f> {
    /// Pages of `size` with margins of 3/4 inch, or a letterhead file's.
    fn new(fonts: &'f FontSet, size: PageSize, margins: Option<letters::Margins>) -> Pages<'f> {
        let m = margins.unwrap_or(letters::Margins {
            top: 54.0,
            right: 54.0,
            bottom: 54.0,
            left: 54.0,
        });
        Pages {
            fonts,
            size,
            left: m.left,
            width: size.width - m.left - m.right,
            // Below the running head on later pages.
            top: m.top + 18.0,
            bottom: size.height - m.bottom,
            pages: vec![Page::default()],
            current: 0,
            parts: Vec::new(),
            y: m.top,
            set: HashMap::new(),
        }
    }

    fn page(&mut self) -> &mut Page {
        if self.current >= self.pages.len() {
            self.pages.push(Page::default());
            self.current = self.pages.len() - 1;
        }
        &mut self.pages[self.current]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.current = self.pages.len() - 1;
        self.y = self.top;
    }

    fn room(&self) -> f32 {
        self.bottom - self.y
    }

    /// A new page unless `height` fits above the bottom margin.
    fn need(&mut self, height: f32) {
        if self.room() < height {
            self.new_page();
        }
    }

    /// Lines already set, placed from the cursor down as one paragraph of
    /// the structure (`tag`), onto a new page where one would cross the
    /// bottom margin.
    fn flow(&mut self, lines: Vec<(TextLine, f32)>, tag: Tag) {
        for (mut line, height) in lines {
            self.need(height);
            line.baseline += self.y;
            line.tag = tag;
            self.page().items.push(Placed::Text(line));
            self.y += height;
        }
    }

    /// Set `text` at (`x`, `top`) in a column `width` wide; returns its height.
    #[allow(clippy::too_many_arguments)]
    fn text_at(
        &mut self,
        text: &str,
        style: Style,
        size: f32,
        align: Align,
        color: Rgb,
        x: f32,
        top: f32,
        width: f32,
        tag: Tagged,
    ) -> Result<f32, AppError> {
        if text.is_empty() {
            return Ok(0.0);
        }
        let lines = self.set(text, style, size, align, color, x, width)?;
        let tag = match tag {
            Tagged::In(tag) => tag,
            Tagged::Not => Tag::Artifact,
        };
        let mut y = top;
        for (mut line, height) in lines {
            line.baseline += y;
            line.tag = tag;
            self.page().items.push(Placed::Text(line));
            y += height;
        }
        Ok(y - top)
    }

    /// `text` set in a column `width` wide at `x`, its first line's
    /// baseline relative to 0, with each line's height.
    #[allow(clippy::too_many_arguments)]
    fn set(
        &mut self,
        text: &str,
        style: Style,
        size: f32,
        align: Align,
        color: Rgb,
        x: f32,
        width: f32,
    ) -> Result<Vec<(TextLine, f32)>, AppError> {
        let how: SetKey = (
            style,
            [
                size.to_bits(),
                color.0.to_bits(),
                color.1.to_bits(),
                color.2.to_bits(),
                align as u32,
                x.to_bits(),
                width.to_bits(),
            ],
        );
        if let Some(lines) = self.set.get(&how).and_then(|texts| texts.get(text)) {
            return Ok(lines.clone());
        }
        let mut p = Paragraph::new(vec![Span::new(text, style)], size, size * 1.25);
        p.align = align;
        p.color = color;
        p.hyphenate = false;
        let lines = typeset::set_lines(&p, self.fonts, x, width)
            .map_err(|e| AppError::Letter(letters::LetterError::from(e)))?;
        // Cells (short) repeat; a letter's heading line (long) is its own.
        if text.len() <= SHORT {
            self.set
                .entry(how)
                .or_default()
                .insert(text.to_string(), lines.clone());
        }
        Ok(lines)
    }

    /// A paragraph across the column at the cursor, moving it down (and on
    /// to the next page where it reaches the bottom margin).
    fn para(&mut self, text: &str, style: Style, size: f32, align: Align) -> Result<(), AppError> {
        if text.is_empty() {
            return Ok(());
        }
        let (x, w) = (self.left, self.width);
        let lines = self.set(text, style, size, align, Rgb::default(), x, w)?;
        let tag = self.part();
        self.flow(lines, tag);
        Ok(())
    }

    fn label(
        &mut self,
        text: &str,
        size: f32,
        align: Align,
        x: f32,
        top: f32,
        width: f32,
    ) -> Result<(), AppError> {
        self.text_at(
            text,
            Style::REGULAR,
            size,
            align,
            GREY,
            x,
            top,
            width,
            Tagged::Not,
        )?;
        Ok(())
    }

    /// A new paragraph of the report's structure.
    fn part(&mut self) -> Tag {
        self.parts.push(Part {
            role: None,
            figure_alt: None,
        });
        Tag::Body(self.parts.len() - 1)
    }

    fn rect(&mut self, x: f32, top: f32, width: f32, height: f32, color: Rgb) {
        if width > 0.0 && height > 0.0 {
            self.page().items.push(Placed::Rect {
                x,
                top,
                width,
                height,
                color,
            });
        }
    }

    fn rule(&mut self, y: f32, color: Rgb) {
        let (x1, x2) = (self.left, self.left + self.width);
        self.page().items.push(Placed::Rule {
            x1,
            x2,
            y,
            thickness: 0.5,
            color,
        });
    }
}

/// A round top for a bar chart's scale: 1, 2, 5, 10, 20, 50, …
fn nice_max(v: u32) -> u32 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if v <= step * m {
                return (step * m).max(1);
            }
        }
        step *= 10;
    }
}

/// A chart's title with the space around it, and a bar's row.
const CHART_TITLE_HEIGHT: f32 = 32.0;
const ROW: f32 = 14.0;

fn chart_title(p: &mut Pages, title: &str) -> Result<(), AppError> {
    p.y += 14.0;
    p.para(title, Style::BOLD, 10.5, Align::Left)?;
    p.y += 4.0;
    Ok(())
}

/// Letters and copies per month: a stacked bar of copies by method for
/// each month, the month's letters written above it.
fn month_chart(p: &mut Pages, r: &IssueRecord) -> Result<(), AppError> {
    // Title, bars, month names and legend stay on one page.
    p.need(MONTH_CHART_HEIGHT);
    chart_title(p, "Letters and copies per month, by method")?;
    let height = 90.0;
    let top = p.y + 4.0;
    let base = top + height;
    let months = &r.numbers.months;
    let most = months.iter().map(|m| m.copies.total()).max().unwrap_or(0);
    let scale = nice_max(most);
    let axis_w = 22.0;
    let (x0, w) = (p.left + axis_w, p.width - axis_w);
    let slot = w / months.len().max(1) as f32;
    let bar = (slot * 0.6).min(28.0);
    p.label(
        &scale.to_string(),
        7.0,
        Align::Right,
        p.left,
        top - 4.0,
        axis_w - 4.0,
    )?;
    p.label("0", 7.0, Align::Right, p.left, base - 4.0, axis_w - 4.0)?;
    p.page().items.push(Placed::Rule {
        x1: x0,
        x2: x0 + w,
        y: base,
        thickness: 0.5,
        color: AXIS,
    });
    let every = label_step(slot);
    // A month's letters above its bar while there is room for the number;
    // over a long range the bars alone (the rows have the numbers).
    let counted = slot >= COUNT_ROOM;
    for (i, m) in months.iter().enumerate() {
        let x = x0 + slot * i as f32 + (slot - bar) / 2.0;
        let mut y = base;
        for (method, _, color) in METHOD_COLORS {
            let n = m.copies.get(method);
            let h = height * n as f32 / scale as f32;
            p.rect(x, y - h, bar, h, color);
            y -= h;
        }
        if counted && m.letters > 0 {
            p.label(
                &m.letters.to_string(),
                7.0,
                Align::Center,
                x - 6.0,
                y - 11.0,
                bar + 12.0,
            )?;
        }
        // A month's name centred under its bar, as wide as the months it
        // stands for, so names never run into each other.
        if i % every == 0 {
            // Kept within the axis: the first and last names move inwards
            // rather than under the scale's numbers or past the edge.
            let span = slot * every as f32;
            let centre = x0 + slot * (i as f32 + 0.5);
            let left = (centre - span / 2.0).min(x0 + w - span).max(x0);
            p.label(
                &month_label(&m.month),
                6.5,
                Align::Center,
                left,
                base + 2.0,
                span,
            )?;
        }
    }
    // The legend.
    let mut lx = x0;
    let ly = base + 14.0;
    p.label(
        if counted {
            "Bars: copies sent; above: letters."
        } else {
            "Bars: copies sent."
        },
        7.0,
        Align::Left,
        lx,
        ly,
        130.0,
    )?;
    lx += 132.0;
    for (_, word, color) in METHOD_COLORS {
        p.rect(lx, ly + 2.0, 7.0, 7.0, color);
        p.label(word, 7.0, Align::Left, lx + 9.0, ly, 50.0)?;
        lx += 52.0;
    }
    p.y = ly + 12.0;
    Ok(())
}

/// How tall the month chart is, title and legend included.
const MONTH_CHART_HEIGHT: f32 = 160.0;

/// The width a month needs for its letters' number above its bar.
const COUNT_ROOM: f32 = 12.0;

/// The widest month name ("May 17" at 6.5 pt is about 20 pt) and a gap.
const MONTH_LABEL_ROOM: f32 = 26.0;

/// Name every `n`th month, `n` the first of 1, 2, 3, 4, 6, 12, 24, … whose
/// span of `slot`-wide months holds a name: a long range is named by
/// quarter, half-year or year, never in overlapping words.
fn label_step(slot: f32) -> usize {
    let mut n = 1;
    for step in [1, 2, 3, 4, 6, 12] {
        n = step;
        if slot * step as f32 >= MONTH_LABEL_ROOM {
            return n;
        }
    }
    while slot * (n as f32) < MONTH_LABEL_ROOM {
        n += 12;
    }
    n
}

/// "2017-09" → "Sep 17".
fn month_label(month: &str) -> String {
    let names = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m) = month.split_once('-').unwrap_or((month, "01"));
    let m: usize = m.parse().unwrap_or(1);
    format!(
        "{} {}",
        names.get(m.saturating_sub(1)).unwrap_or(&""),
        y.get(2..).unwrap_or(y)
    )
}

/// Replies by office kind: for each, copies sent (light) and replies
/// (dark) as horizontal bars, the median days to reply beside them.
fn replies_chart(p: &mut Pages, r: &IssueRecord) -> Result<(), AppError> {
    let rows = &r.numbers.replies;
    p.need(CHART_TITLE_HEIGHT + ROW * rows.len().max(1) as f32);
    chart_title(p, "Replies and median days to reply, by office kind")?;
    let label_w = 70.0;
    let note_w = 150.0;
    let x0 = p.left + label_w;
    let w = p.width - label_w - note_w;
    let most = rows.iter().map(|g| g.sent).max().unwrap_or(0);
    let scale = nice_max(most);
    for g in rows {
        let top = p.y;
        p.label(&g.label, 8.0, Align::Left, p.left, top, label_w)?;
        p.rect(x0, top + 2.0, w * g.sent as f32 / scale as f32, 9.0, LIGHT);
        p.rect(
            x0,
            top + 2.0,
            w * g.replies as f32 / scale as f32,
            9.0,
            DARK,
        );
        p.label(&g.note, 8.0, Align::Left, x0 + w + 6.0, top, note_w - 6.0)?;
        p.y = top + ROW;
    }
    Ok(())
}

/// Follow-ups awaiting a reply by owner: due (light) and overdue (red).
fn follow_up_chart(p: &mut Pages, r: &IssueRecord) -> Result<(), AppError> {
    let rows = &r.numbers.follow_ups;
    let title = format!(
        "Follow-ups awaiting a reply, by owner, as of {}",
        long_date(r.as_of)
    );
    // The title with its first rows; a long list of owners goes on over
    // the page, its title said again.
    p.need(CHART_TITLE_HEIGHT + ROW * rows.len().clamp(1, 3) as f32);
    chart_title(p, &title)?;
    if rows.is_empty() {
        p.label("None.", 8.0, Align::Left, p.left, p.y, p.width)?;
        p.y += 12.0;
        return Ok(());
    }
    let label_w = 110.0;
    let note_w = 120.0;
    let x0 = p.left + label_w;
    let w = p.width - label_w - note_w;
    let scale = nice_max(rows.iter().map(|o| o.due + o.overdue).max().unwrap_or(0));
    for o in rows {
        if p.room() < ROW {
            p.new_page();
            chart_title(p, &format!("{title} (continued)"))?;
        }
        let top = p.y;
        p.label(&o.label, 8.0, Align::Left, p.left, top, label_w)?;
        let ow = w * o.overdue as f32 / scale as f32;
        p.rect(x0, top + 2.0, ow, 9.0, RED);
        p.rect(
            x0 + ow,
            top + 2.0,
            w * o.due as f32 / scale as f32,
            9.0,
            LIGHT,
        );
        p.label(&o.note, 8.0, Align::Left, x0 + w + 6.0, top, note_w - 6.0)?;
        p.y = top + ROW;
    }
    Ok(())
}

/// A table row's least height.
const ROW_MIN: f32 = 10.0;

/// The table's columns: (heading, share of the width).
const COLUMNS: [(&str, f32); 6] = [
    ("Date", 0.11),
    ("To", 0.33),
    ("Sent", 0.16),
    ("Reply", 0.15),
    ("Follow-up", 0.15),
    ("Owner", 0.10),
];

fn table_head(p: &mut Pages) -> Result<(), AppError> {
    let row = Tagged::In(p.part());
    let mut x = p.left;
    let y = p.y;
    for (h, share) in COLUMNS {
        let w = p.width * share;
        p.text_at(
            h,
            Style::BOLD,
            8.0,
            Align::Left,
            Rgb::default(),
            x,
            y,
            w - 4.0,
            row,
        )?;
        x += w;
    }
    p.y += 12.0;
    p.rule(p.y - 1.0, AXIS);
    p.y += 2.0;
    Ok(())
}

/// Add a cell's line (`top` below the row's top) to the row's lines: onto
/// the line already at that height in its colour, else as a new one.
fn join_line(row: &mut Vec<(TextLine, f32)>, line: TextLine, top: f32) {
    if let Some((same, _)) = row
        .iter_mut()
        .find(|(l, t)| *t == top && l.color == line.color && l.size == line.size)
    {
        same.runs.extend(line.runs);
        same.text.push(' ');
        same.text.push_str(&line.text);
        same.left = same.left.min(line.left);
        same.right = same.right.max(line.right);
    } else {
        row.push((line, top));
    }
}

/// The letters table: per letter a line with its date and subject, then a
/// row per copy; a new page repeats the heading.
fn letters_table(p: &mut Pages, r: &IssueRecord) -> Result<(), AppError> {
    p.new_page();
    p.para(
        &format!("{}: letters", r.issue.name),
        Style::BOLD,
        12.0,
        Align::Left,
    )?;
    p.y += 6.0;
    if r.letters.is_empty() {
        p.para(
            "No letters in this period.",
            Style::ITALIC,
            9.0,
            Align::Left,
        )?;
        return Ok(());
    }
    table_head(p)?;
    for l in &r.letters {
        let status = if l.status == store::Status::Sent {
            String::new()
        } else {
            format!(" ({})", l.status)
        };
        let (x, w) = (p.left, p.width);
        let heading = p.set(
            &format!(
                "{} — {}{status} (letter {}, position version {})",
                long_date(l.date),
                l.subject,
                l.id,
                l.position_version
            ),
            Style::BOLD,
            8.5,
            Align::Left,
            Rgb::default(),
            x,
            w,
        )?;
        // The letter's heading is kept with its first copy's row.
        let tall: f32 = heading.iter().map(|(_, h)| h).sum();
        if p.room() < 3.0 + tall + 1.0 + ROW_MIN {
            p.new_page();
            table_head(p)?;
        }
        p.y += 3.0;
        let tag = p.part();
        p.flow(heading, tag);
        p.y += 1.0;
        for c in &l.copies {
            let to = match (&c.office, &c.person) {
                (Some(o), Some(n)) => format!("{o} — {n}"),
                (Some(o), None) => o.clone(),
                (None, Some(n)) => n.clone(),
                (None, None) => String::new(),
            };
            let to = if c.role == store::Role::Cc {
                format!("cc: {to}")
            } else {
                to
            };
            let sent = match (c.method, c.sent_on) {
                (Some(m), Some(d)) => format!("{} {}", method_word(m), d),
                _ => "not sent".into(),
            };
            let reply = match (c.reply_on, c.days_to_reply) {
                (Some(d), Some(n)) => format!("{d} ({n} d)"),
                (Some(d), None) => d.to_string(),
                _ => "—".into(),
            };
            let follow = match (c.follow_up_on, c.overdue) {
                (Some(d), true) => format!("{d} overdue"),
                (Some(d), false) if c.reply_on.is_none() => d.to_string(),
                _ => "—".into(),
            };
            let cells = [
                String::new(),
                to,
                sent,
                reply,
                follow,
                c.owner.clone().unwrap_or_default(),
            ];
            // A row is one paragraph of the structure, its cells read in
            // turn: the cells' k-th lines share a baseline and are written
            // as one line (one of each colour), not a line per cell.
            let mut x = p.left;
            let mut tallest: f32 = 0.0;
            let mut merged: Vec<(TextLine, f32)> = Vec::new();
            for ((_, share), cell) in COLUMNS.iter().zip(&cells) {
                let w = p.width * share;
                let color = if c.overdue && cell.ends_with("overdue") {
                    RED
                } else {
                    Rgb::default()
                };
                if !cell.is_empty() {
                    let mut below = 0.0;
                    for (line, height) in
                        p.set(cell, Style::REGULAR, 8.0, Align::Left, color, x, w - 4.0)?
                    {
                        let top = below;
                        below += height;
                        join_line(&mut merged, line, top);
                    }
                    tallest = tallest.max(below);
                }
                x += w;
            }
            // Measured before it is placed: a row whose cells wrap goes
            // whole onto the next page, under the heading said again.
            let height = tallest.max(ROW_MIN);
            if p.room() < height {
                p.new_page();
                table_head(p)?;
            }
            let (row, y) = (p.part(), p.y);
            for (mut line, top) in merged {
                line.baseline += y + top;
                line.tag = row;
                p.page().items.push(Placed::Text(line));
            }
            p.y += height;
        }
    }
    Ok(())
}

impl App {
    /// The board report for `req`: a PDF laid out page by page and its rows
    /// as CSV. Nothing is written.
    pub fn board_report(&self, req: &BoardRequest) -> Result<BoardReport, AppError> {
        if req.issues.is_empty() {
            return Err(AppError::invalid(
                "issue",
                "name at least one issue for the report (--issue KORUS)",
            ));
        }
        crate::reports::check_range(req.from, req.to)?;
        let mut records = Vec::new();
        for name in &req.issues {
            let (record, notes) =
                self.issue_record_with_groups(name, req.from, req.to, req.as_of)?;
            let paragraph = self.paragraph_of(&record, &notes)?;
            records.push((record, paragraph));
        }
        let organization: Option<letters::Organization> = self.db().setting("organization")?;
        let org_name = organization
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default();
        let fonts = self.engine.fonts();
        // The organization's letterhead, on the first page, as on its
        // letters: its letterhead file beneath every page (on its paper,
        // within its margins), or the one drawn from its fields and logo.
        let (head, stationery) = match &organization {
            Some(o) => self.engine.letterhead_of(o)?,
            None => (typeset::Letterhead::default(), None),
        };
        let margins = organization
            .as_ref()
            .and_then(|o| o.letterhead.as_ref())
            .filter(|_| stationery.is_some())
            .map(|f| f.margins);
        let size = stationery.as_ref().map_or(PageSize::LETTER, |s| s.page);
        let mut p = Pages::new(fonts, size, margins);
        let range = format!("{} – {}", long_date(req.from), long_date(req.to));
        let (left, top, width) = (p.left, p.y, p.width);
        p.y = typeset::place_letterhead(p.page(), &head, fonts, left, top, width, false)
            .map_err(|e| AppError::Letter(letters::LetterError::from(e)))?;
        p.para(
            &format!("Board report: {range}"),
            Style::BOLD,
            13.0,
            Align::Left,
        )?;
        for (i, (r, paragraph)) in records.iter().enumerate() {
            if i > 0 {
                p.new_page();
            } else {
                p.y += 10.0;
            }
            p.para(&r.issue.name, Style::BOLD, 14.0, Align::Left)?;
            p.y += 2.0;
            let mut facts = Vec::new();
            if let Some(v) = r.positions.iter().rev().find(|v| v.adopted_on <= r.to) {
                facts.push(format!(
                    "Position: {} (version {}, adopted {})",
                    v.stance,
                    v.version,
                    long_date(v.adopted_on)
                ));
            }
            facts.push(format!(
                "Staff contact: {}",
                r.issue.staff_contact.as_deref().unwrap_or("none named")
            ));
            p.para(&facts.join(" · "), Style::REGULAR, 9.0, Align::Left)?;
            p.y += 8.0;
            for text in paragraph.text.split("\n\n") {
                p.para(text, Style::REGULAR, 10.5, Align::Justify)?;
                p.y += 4.0;
            }
            month_chart(&mut p, r)?;
            replies_chart(&mut p, r)?;
            follow_up_chart(&mut p, r)?;
            letters_table(&mut p, r)?;
        }
        // Running heads and page numbers (furniture).
        let total = p.pages.len();
        let running = format!("{org_name} · Board report, {range}");
        for i in 0..total {
            p.current = i;
            let (x, w) = (p.left, p.width);
            let foot = p.size.height - 40.0;
            if i > 0 {
                p.label(&running, 7.5, Align::Left, x, p.top - 36.0, w)?;
            }
            p.label(
                &format!("Page {} of {total}", i + 1),
                7.5,
                Align::Right,
                x,
                foot,
                w,
            )?;
        }
        let issues: Vec<&str> = records.iter().map(|(r, _)| r.issue.name.as_str()).collect();
        let layout = Layout {
            page: p.size,
            measure: p.width,
            pages: std::mem::take(&mut p.pages),
            metadata: Metadata {
                title: format!("Board report, {range}: {}", issues.join(", ")),
                author: org_name,
                subject: "What we did on the issues, with the letters sent".into(),
                keywords: issues.iter().map(|s| s.to_string()).collect(),
                creator: format!("Amicus {}", crate::app::VERSION),
                timestamp: self.clock().now().timestamp(),
                lang: "en-US".into(),
            },
            stationery,
            parts: p.parts,
            version: typeset::VERSION,
        };
        let pdf = typeset::pdf::write_pdf(&layout, fonts)
            .map_err(|e| AppError::Letter(letters::LetterError::from(e)))?;
        let csv = csv_of(&records.iter().map(|(r, _)| r).collect::<Vec<_>>());
        Ok(BoardReport {
            pdf,
            pages: total,
            csv,
            records,
        })
    }

    /// Write the board report to `pdf` and its rows to each of `rows`, as
    /// its name ends: `.csv` (a UTF-8 mark first, for Excel) or `.xlsx`.
    /// All of them or none.
    pub fn write_board_report(
        &self,
        req: &BoardRequest,
        pdf: &Path,
        rows: &[PathBuf],
    ) -> Result<BoardWritten, AppError> {
        let mut kinds = Vec::new();
        for path in rows {
            if path == pdf {
                return Err(AppError::invalid(
                    "rows",
                    format!(
                        "the rows and the PDF would be the same file ({}); name the rows .csv or .xlsx",
                        path.display()
                    ),
                ));
            }
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            match ext.as_deref() {
                Some("csv") => kinds.push(false),
                Some("xlsx") => kinds.push(true),
                _ => {
                    return Err(AppError::invalid(
                        "rows",
                        format!(
                            "{}: the rows are written as .csv or .xlsx; name the file with one of those",
                            path.display()
                        ),
                    ));
                }
            }
        }
        let report = self.board_report(req)?;
        let records: Vec<&IssueRecord> = report.records.iter().map(|(r, _)| r).collect();
        let mut staged = Vec::new();
        for (path, xlsx) in rows.iter().zip(kinds) {
            let bytes = if xlsx {
                xlsx_of(&records)?
            } else {
                format!("\u{feff}{}", report.csv).into_bytes()
            };
            staged.push(crate::files::stage(path, &bytes)?);
        }
        // The rows first (a spreadsheet is the file most often left open),
        // the PDF last, and none moved unless all can be.
        staged.push(crate::files::stage(pdf, &report.pdf)?);
        let replaced: Vec<PathBuf> = rows.iter().filter(|p| p.exists()).cloned().collect();
        crate::files::commit_all(staged)?;
        Ok(BoardWritten {
            pdf: pdf.to_path_buf(),
            rows: rows.to_vec(),
            replaced,
            pages: u32::try_from(report.pages).unwrap_or(u32::MAX),
        })
    }
}
