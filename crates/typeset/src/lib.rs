//! Typesetting for Amicus letters.
//!
//! Pure and self-contained: styled paragraphs go in, positioned glyphs on
//! pages come out ([`layout`]), and the same layout is written as PDF
//! ([`pdf::write_pdf`]) for printing and as SVG ([`svg::page_svg`]) for the
//! on-screen preview, so what staff see is what prints.

mod cache;
mod embed;
mod error;
mod fonts;
mod image;
mod layout;
pub mod linebreak;
mod page;
pub mod pdf;
mod shape;
pub mod stationery;
pub mod svg;
mod tagged;
mod unhint;

pub use error::TypesetError;
pub use fonts::{Face, FaceId, Fallback, FontSet, Style};
pub use image::Image;
pub use layout::{
    Align, Continuation, Document, Figure, Layout, Letterhead, Margins, Metadata, Page, PageSize,
    Paragraph, Part, Placed, PlacedGlyph, Rgb, Run, Span, Tag, TextLine, VERSION, layout,
    place_letterhead, set_lines,
};
pub use shape::{Glyph, Shaped};
pub use stationery::{Stationery, StationeryError};
