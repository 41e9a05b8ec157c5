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
pub use data::{
    FORMAT, LetterData, LetterheadFile, Mode, Organization, Position, Recipient, Signer, TYPOGRAPHY,
};
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
    check_letterhead_paper(&meta, data)?;
    if data.recipients.is_empty() {
        return Err(LetterError::Data(vec![Problem::new(
            "recipients",
            "a letter needs at least one recipient",
        )]));
    }
    if let Some(k) = data
        .inside_addresses
        .iter()
        .find(|k| **k >= data.recipients.len())
    {
        return Err(LetterError::Data(vec![Problem::new(
            "inside_addresses",
            format!(
                "the inside address names recipient {} but the letter has {}",
                k + 1,
                data.recipients.len()
            ),
        )]));
    }
    let copies: Vec<LetterData> = match data.mode {
        Mode::Joint => vec![data.clone()],
        Mode::PerRecipient => {
            // Clone everything but the recipients once: cloning the whole
            // data per copy made a merge quadratic in its size.
            // Each copy shows its own addressee's address.
            let shell = LetterData {
                recipients: Vec::new(),
                inside_addresses: Vec::new(),
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

/// A letter with a letterhead file is set on the letterhead's paper: a
/// template (or a letter) on other paper is refused, not scaled.
pub fn check_letterhead_paper(meta: &TemplateMeta, data: &LetterData) -> Result<(), LetterError> {
    let Some(head) = &data.organization.letterhead else {
        return Ok(());
    };
    let paper = data.paper.unwrap_or(meta.paper);
    if paper == head.paper {
        return Ok(());
    }
    Err(LetterError::Data(vec![Problem::new(
        "organization.letterhead",
        format!(
            "the letterhead file {} is {} paper but the letter is set on {} paper (template \"{}\"); \
             choose a letterhead of the letter's paper, or remove the letterhead file",
            head.name,
            paper_name(head.paper),
            paper_name(paper),
            meta.id
        ),
    )]))
}

/// "US Letter", "A4".
pub fn paper_name(paper: Paper) -> &'static str {
    match paper {
        Paper::Letter => "US Letter",
        Paper::A4 => "A4",
    }
}
