//! `amicus signers`: who signs letters, and their signature images.

use std::path::PathBuf;

use amicus_app::{App, AppError};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum Signers {
    /// Who signs letters, and whether their signature image is on file.
    List,
    /// Add a signer.
    Add {
        name: String,
        #[arg(long)]
        title: Option<String>,
    },
    /// Put a PNG of the signer's handwritten signature on file: letters
    /// they sign from now on are drawn with it.
    Signature {
        id: i64,
        /// The PNG image (a transparent background looks best).
        #[arg(required_unless_present = "remove", conflicts_with = "remove")]
        png: Option<PathBuf>,
        /// Take the image off file instead.
        #[arg(long)]
        remove: bool,
    },
}

pub fn run(app: &App, cmd: Signers) -> Result<(), AppError> {
    match cmd {
        Signers::List => {
            for s in app.catalog()?.signers {
                let title = s.title.map(|t| format!(", {t}")).unwrap_or_default();
                let image = if s.has_signature {
                    "signature on file"
                } else {
                    "no signature image"
                };
                out!("{:>4}  {}{title}  ({image})", s.id, s.name);
            }
        }
        Signers::Add { name, title } => {
            let id = app.add_signer(&name, title.as_deref())?;
            out!("signer {id} added: {name}");
        }
        Signers::Signature { id, png, remove } => {
            let png = if remove { None } else { png };
            app.set_signer_signature(id, png.as_deref())?;
            match png {
                Some(p) => out!("signer {id}'s signature is now {}", p.display()),
                None => out!("signer {id} has no signature image on file"),
            }
        }
    }
    Ok(())
}
