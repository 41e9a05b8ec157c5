//! `amicus`: the command-line front end. Every command is a thin call into
//! `amicus_app`; this file only parses arguments and prints.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use amicus_app::{AppError, Engine, Problem, file_stem, write_atomically};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "amicus",
    version,
    about = "Draft, render and track formal letters to officials"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the letter templates.
    Templates,
    /// Check letter data against its template and print every problem.
    Check {
        /// Template id; overrides the data's "template" field.
        #[arg(long)]
        template: Option<String>,
        /// Letter data (JSON).
        #[arg(long)]
        data: PathBuf,
    },
    /// Render a letter to PDF (one file per copy for per-recipient letters).
    Render {
        #[arg(long)]
        template: Option<String>,
        #[arg(long)]
        data: PathBuf,
        /// The PDF to write. A per-recipient letter writes NAME-01-….pdf, NAME-02-….pdf.
        #[arg(long)]
        out: PathBuf,
        /// Also write each page as SVG into this folder.
        #[arg(long)]
        svg: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let engine = match Engine::new() {
        Ok(e) => e,
        Err(e) => return fail(&e.problems()),
    };
    match cli.command {
        Command::Templates => {
            for t in engine.templates() {
                println!(
                    "{:<14} {:<8} {}{}",
                    t.id,
                    t.kind,
                    t.name,
                    if t.builtin { "" } else { " (user)" }
                );
            }
            ExitCode::SUCCESS
        }
        Command::Check { template, data } => {
            let text = match std::fs::read_to_string(&data) {
                Ok(t) => t,
                Err(source) => return fail(&AppError::Read { path: data, source }.problems()),
            };
            let problems = engine.check(&text, template.as_deref());
            if problems.is_empty() {
                println!("{}: ok", data.display());
                ExitCode::SUCCESS
            } else {
                fail(&problems)
            }
        }
        Command::Render {
            template,
            data,
            out,
            svg,
        } => match render(&engine, template.as_deref(), &data, &out, svg.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e.problems()),
        },
    }
}

fn render(
    engine: &Engine,
    template: Option<&str>,
    data: &Path,
    out: &Path,
    svg: Option<&Path>,
) -> Result<(), AppError> {
    let data = engine.read_data(data)?;
    let copies = engine.render_pdfs(&data, template)?;
    // Everything is rendered before anything is written: an error leaves no files.
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let many = copies.len() > 1;
    for (i, (copy, pdf)) in copies.into_iter().enumerate() {
        let stem = file_stem(i, &copy.label());
        let pdf_path = if many {
            let base = out.with_extension("");
            PathBuf::from(format!("{}-{stem}.pdf", base.display()))
        } else {
            out.to_path_buf()
        };
        files.push((pdf_path, pdf));
        if let Some(dir) = svg {
            for (p, page) in engine.svg_pages(&copy).into_iter().enumerate() {
                let name = if many {
                    format!("{stem}-page-{}.svg", p + 1)
                } else {
                    format!("page-{}.svg", p + 1)
                };
                files.push((dir.join(name), page.into_bytes()));
            }
        }
    }
    if let Some(dir) = svg {
        std::fs::create_dir_all(dir).map_err(|source| AppError::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    for (path, bytes) in &files {
        write_atomically(path, bytes)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

fn fail(problems: &[Problem]) -> ExitCode {
    for p in problems {
        if p.location.is_empty() {
            eprintln!("error: {}", p.message);
        } else {
            eprintln!("error: {}: {}", p.location, p.message);
        }
    }
    ExitCode::FAILURE
}
