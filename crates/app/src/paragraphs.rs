//! The library of stock paragraphs: reusable text a staffer inserts into a
//! letter's body; the letter records which paragraphs it took.

use store::paragraphs::{NewParagraph, Paragraph};

use crate::app::{App, RecordArea};
use crate::error::AppError;

impl App {
    /// Paragraphs matching every word of `text`, those on `issue` first.
    pub fn paragraphs(&self, text: &str, issue: Option<i64>) -> Result<Vec<Paragraph>, AppError> {
        Ok(self.db().paragraphs(text, issue)?)
    }

    pub fn paragraph(&self, id: i64) -> Result<Paragraph, AppError> {
        Ok(self.db().paragraph(id)?)
    }

    /// Add (`id` None) or change a paragraph; returns its id.
    pub fn save_paragraph(&self, id: Option<i64>, p: &NewParagraph) -> Result<i64, AppError> {
        let now = self.clock().now();
        let id = match id {
            Some(id) => {
                self.db().edit_paragraph(id, p, now)?;
                id
            }
            None => self.db().add_paragraph(p, now)?,
        };
        self.changed(&[RecordArea::Templates]);
        Ok(id)
    }

    /// Delete a paragraph; letters that used it keep their text.
    pub fn delete_paragraph(&self, id: i64) -> Result<(), AppError> {
        self.db().delete_paragraph(id)?;
        self.changed(&[RecordArea::Templates]);
        Ok(())
    }
}
