//! A letter on paper: its copies' envelopes and address labels, with the
//! organization's return address, in the order of the copies.

use std::path::Path;

use letters::envelope::{self, EnvelopeSize, LabelSheet};
use serde::{Deserialize, Serialize};
use typeset::Metadata;

use crate::app::App;
use crate::error::AppError;
use crate::files::write_atomically;

/// What is printed: envelopes of a size, or a sheet of labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PaperKind {
    Envelopes(EnvelopeSize),
    Labels(LabelSheet),
}

/// What the window asks for: envelopes or labels, by the name staff pick
/// ("10", "dl", "c5"; "5160", "l7160"), read as the command line reads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum PaperChoice {
    Envelopes(String),
    Labels(String),
}

impl TryFrom<&PaperChoice> for PaperKind {
    type Error = AppError;
    fn try_from(choice: &PaperChoice) -> Result<PaperKind, AppError> {
        match choice {
            PaperChoice::Envelopes(name) => name
                .parse()
                .map(PaperKind::Envelopes)
                .map_err(|e| AppError::invalid("size", e)),
            PaperChoice::Labels(name) => name
                .parse()
                .map(PaperKind::Labels)
                .map_err(|e| AppError::invalid("sheet", e)),
        }
    }
}

impl App {
    /// The PDF of letter `id`'s envelopes (one a page) or address labels,
    /// one for each addressee in the letter's order, as the letter
    /// addresses them on its date. Returns the file's bytes and how many.
    pub fn paper_pdf(&self, id: i64, kind: PaperKind) -> Result<(Vec<u8>, usize), AppError> {
        let data = self.letter_data(id)?;
        let addresses = envelope::recipients(&data);
        if addresses.is_empty() {
            return Err(AppError::invalid(
                "recipients",
                format!("letter {id} has no addressee to address an envelope to"),
            ));
        }
        let fonts = self.engine.fonts();
        let (what, layout) = match kind {
            PaperKind::Envelopes(size) => (
                "Envelopes",
                envelope::envelopes(
                    size,
                    &envelope::return_lines(&data.organization),
                    &addresses,
                    fonts,
                    Metadata::default(),
                ),
            ),
            PaperKind::Labels(sheet) => (
                "Address labels",
                envelope::labels(&sheet, &addresses, fonts, Metadata::default()),
            ),
        };
        let mut layout = layout.map_err(|e| AppError::invalid("paper", e.to_string()))?;
        layout.metadata = Metadata {
            title: format!("{what} for letter {id}"),
            author: data.organization.name.clone(),
            creator: "Amicus".into(),
            timestamp: self.clock().now().timestamp(),
            ..Metadata::default()
        };
        let pdf = typeset::pdf::write_pdf(&layout, fonts)
            .map_err(|e| AppError::invalid("paper", e.to_string()))?;
        Ok((pdf, addresses.len()))
    }

    /// Write [`App::paper_pdf`] to `out` (replaced whole, or left as it was).
    pub fn export_paper(&self, id: i64, kind: PaperKind, out: &Path) -> Result<usize, AppError> {
        let (pdf, n) = self.paper_pdf(id, kind)?;
        write_atomically(out, &pdf)?;
        Ok(n)
    }
}
