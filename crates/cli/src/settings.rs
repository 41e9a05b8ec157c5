//! `amicus settings`: the organization's settings.

use std::path::PathBuf;

use amicus_app::{App, AppError, FileMargins};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum Settings {
    /// Use a PDF of one or two pages (the first page's, then the
    /// continuation pages') as the organization's letterhead, drawn beneath
    /// every page of every letter; with no FILE, show the one in use.
    Letterhead {
        /// The letterhead PDF (US Letter or A4, the templates' paper).
        #[arg(conflicts_with = "remove")]
        file: Option<PathBuf>,
        /// Stop using a letterhead file: letters draw their letterhead from
        /// the organization's name and address again.
        #[arg(long)]
        remove: bool,
        /// The letter's margins in points (72 to the inch), keeping its text
        /// clear of the letterhead: TOP,RIGHT,BOTTOM,LEFT.
        #[arg(long, value_name = "TOP,RIGHT,BOTTOM,LEFT", value_parser = parse_margins)]
        margins: Option<FileMargins>,
    },
    /// How reports and the newsletter's position paragraph name the
    /// organization in a sentence ("the Chamber"); with no NAME, show it.
    ShortName {
        #[arg(conflicts_with = "clear")]
        name: Option<String>,
        /// Name it by its full name again.
        #[arg(long)]
        clear: bool,
    },
    /// The template the position paragraph is written by (handlebars):
    /// print it, replace it with FILE, or --reset it to the shipped one.
    ParagraphTemplate {
        #[arg(conflicts_with = "reset")]
        file: Option<PathBuf>,
        #[arg(long)]
        reset: bool,
    },
}

fn parse_margins(s: &str) -> Result<FileMargins, String> {
    let v: Vec<f32> = s
        .split(',')
        .map(|p| p.trim().parse::<f32>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("\"{s}\" is not four numbers of points: TOP,RIGHT,BOTTOM,LEFT"))?;
    match v.as_slice() {
        [top, right, bottom, left] => Ok(FileMargins {
            top: *top,
            right: *right,
            bottom: *bottom,
            left: *left,
        }),
        _ => Err(format!(
            "\"{s}\" is not four numbers of points: TOP,RIGHT,BOTTOM,LEFT"
        )),
    }
}

pub fn run(app: &App, cmd: Settings) -> Result<(), AppError> {
    match cmd {
        Settings::Letterhead {
            file,
            remove,
            margins,
        } => {
            if remove {
                app.remove_letterhead_file()?;
                out!("no letterhead file: letters draw the organization's letterhead");
                return Ok(());
            }
            if let Some(path) = file {
                let v = app.set_letterhead_file(&path, margins)?;
                out!(
                    "letterhead: {} ({} page{}, {}), margins {}",
                    v.name,
                    v.pages,
                    if v.pages == 1 { "" } else { "s" },
                    paper(&v.paper),
                    margins_text(v.margins)
                );
                if !v.not_archival.is_empty() {
                    out!(
                        "note: letters on it are tagged but not archival PDF/A files: {}",
                        v.not_archival.join("; ")
                    );
                }
                return Ok(());
            }
            let mut head = app.letterhead()?;
            if let (Some(m), Some(f)) = (margins, head.file.as_mut()) {
                f.margins = m;
                app.set_letterhead(&head)?;
            }
            match app.letterhead()?.file {
                Some(v) => out!(
                    "letterhead: {} ({} page{}, {}), margins {}, sha256 {}",
                    v.name,
                    v.pages,
                    if v.pages == 1 { "" } else { "s" },
                    paper(&v.paper),
                    margins_text(v.margins),
                    v.sha256
                ),
                None => out!("no letterhead file: letters draw the organization's letterhead"),
            }
        }
        Settings::ShortName { name, clear } => {
            if clear || name.is_some() {
                app.set_organization_short_name(if clear { None } else { name.as_deref() })?;
            }
            match app.organization_short_name()? {
                Some(n) => out!("short name: {n}"),
                None => out!("no short name: reports name the organization in full"),
            }
        }
        Settings::ParagraphTemplate { file, reset } => {
            if reset {
                app.set_position_paragraph_template(None)?;
                out!("the position paragraph is written by the shipped template again");
            } else if let Some(path) = file {
                let source = std::fs::read_to_string(&path).map_err(|source| AppError::Read {
                    path: path.clone(),
                    source,
                })?;
                app.set_position_paragraph_template(Some(&source))?;
                out!("the position paragraph is written by {}", path.display());
            } else {
                out_raw!("{}", app.position_paragraph_template()?);
            }
        }
    }
    Ok(())
}

fn paper(id: &str) -> &'static str {
    if id == "a4" { "A4" } else { "US Letter" }
}

fn margins_text(m: FileMargins) -> String {
    format!(
        "{},{},{},{} pt (top, right, bottom, left)",
        m.top, m.right, m.bottom, m.left
    )
}
