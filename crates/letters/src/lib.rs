//! The letter domain of Amicus: letter data, templates, light markup, and
//! composition into a typeset document. Pure: no files, no database, no clock.

pub mod address;
pub mod compose;
pub mod data;
pub mod docx;
pub mod envelope;
mod error;
pub mod markup;
pub mod template;

pub use compose::{Art, Letter, SIGNATURE_HEIGHT, compose};
pub use data::{LetterData, Mode, Organization, Position, Recipient, Signer, TYPOGRAPHY};
pub use error::{LetterError, Problem};
pub use template::{Margins, Paper, Rendered, TemplateMeta, Templates};

/// Fill the template for `data`: one [`Letter`] for a joint letter, one per
/// recipient otherwise. `template` overrides the data's own template field.
pub fn prepare(
    templates: &Templates,
    data: &LetterData,
    template: Option<&str>,
) -> Result<Vec<Letter>, LetterError> {
    let id = template
        .or(data.template.as_deref())
        .ok_or(LetterError::NoTemplate)?;
    let meta = templates.get(id)?.clone();
    if data.recipients.is_empty() {
        return Err(LetterError::Data(vec![Problem::new(
            "recipients",
            "a letter needs at least one recipient",
        )]));
    }
    let copies: Vec<LetterData> = match data.mode {
        Mode::Joint => vec![data.clone()],
        Mode::PerRecipient => {
            // Clone everything but the recipients once: cloning the whole
            // data per copy made a merge quadratic in its size.
            let shell = LetterData {
                recipients: Vec::new(),
                ..data.clone()
            };
            data.recipients
                .iter()
                .map(|r| LetterData {
                    recipients: vec![r.clone()],
                    ..shell.clone()
                })
                .collect()
        }
    };
    copies
        .into_iter()
        .map(|copy| {
            let rendered = templates.render(id, &copy)?;
            Ok(Letter {
                template: meta.clone(),
                data: copy,
                rendered,
            })
        })
        .collect()
}
