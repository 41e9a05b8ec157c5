//! `amicus paragraphs`: the library of stock paragraphs.

use std::path::PathBuf;

use amicus_app::{App, AppError, NewParagraph};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum Paragraphs {
    /// Stock paragraphs whose title, text, tags or issue contain every word of SEARCH.
    List {
        #[arg(default_value = "")]
        search: String,
    },
    /// A paragraph's whole text.
    Show { id: i64 },
    /// Add a paragraph from a file of light markup.
    Add {
        #[arg(long)]
        title: String,
        #[arg(long)]
        file: PathBuf,
        /// The issue it speaks to (name or id).
        #[arg(long)]
        issue: Option<String>,
        /// A tag; repeat, or separate with commas.
        #[arg(long)]
        tag: Vec<String>,
    },
    /// Delete a paragraph (letters that used it keep their text).
    Delete { id: i64 },
}

pub fn run(app: &App, cmd: Paragraphs) -> Result<(), AppError> {
    match cmd {
        Paragraphs::List { search } => {
            for p in app.paragraphs(&search, None)? {
                let mut about = Vec::new();
                if let Some(i) = &p.issue {
                    about.push(i.clone());
                }
                about.extend(p.tags.iter().map(|t| format!("#{t}")));
                out!("{}\t{}\t{}", p.id, p.title, about.join(" "));
            }
        }
        Paragraphs::Show { id } => {
            let p = app.paragraph(id)?;
            out!("{}\n\n{}", p.title, p.body);
        }
        Paragraphs::Add {
            title,
            file,
            issue,
            tag,
        } => {
            let body = std::fs::read_to_string(&file).map_err(|source| AppError::Read {
                path: file.clone(),
                source,
            })?;
            let issue_id = match issue {
                Some(i) => Some(app.find_issue(&i)?.id),
                None => None,
            };
            let id = app.save_paragraph(
                None,
                &NewParagraph {
                    title,
                    body,
                    issue_id,
                    tags: tag,
                },
            )?;
            out!("added paragraph {id}");
        }
        Paragraphs::Delete { id } => {
            app.delete_paragraph(id)?;
            out!("deleted paragraph {id}");
        }
    }
    Ok(())
}
