//! Printing on the office printer: the exact PDFs of a letter's copies (the
//! files Export PDF writes: signed copies as signed, a draft marked so)
//! handed to the system's print service, one job per copy or one job for
//! them all, and the printing recorded in the letter's history ("printed
//! on Trade-4F: 12 copies", with who on a team record).
//!
//! Linux and macOS print through CUPS with its `lp` and `lpstat` (`lp`
//! takes the printer, the number of copies, two-sided and the tray as CUPS
//! options; `CUPS_SERVER` chooses another server, as for any CUPS program).
//! On Windows Amicus does not print by itself yet: it says so and points to
//! Export PDF, whose file the PDF reader prints with the system's dialog.

use std::path::PathBuf;
use std::process::Command;

use serde::{Deserialize, Serialize};
use store::LetterMode;

use crate::app::{App, RecordArea};
use crate::engine::ExportOptions;
use crate::error::AppError;

/// A printer (a CUPS queue) on this computer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Printer {
    pub name: String,
    /// The system's default printer.
    pub default: bool,
}

/// What to print, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrintRequest {
    pub letter_id: i64,
    /// One copy (its number in the letter); none: every copy.
    pub copy: Option<u32>,
    /// The printer; none: the system's default.
    pub printer: Option<String>,
    /// How many of each (1 to 99).
    pub copies: u32,
    /// Both sides of the sheet (long edge).
    pub two_sided: bool,
    /// The tray to take paper from (the printer's own name for it:
    /// "Tray2", "Manual"); none: the printer's choice.
    pub tray: Option<String>,
    /// Every copy in one job (one stack out of the printer) instead of one
    /// job per copy.
    pub one_job: bool,
}

/// What went to the printer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Printed {
    pub printer: String,
    /// The print service's job ids ("Trade-4F-12"), one per job.
    pub jobs: Vec<String>,
    /// Letters printed: files × copies of each.
    pub sheets_of: u32,
}

impl App {
    /// The print service's own programs, or why there are none.
    fn lp_program(&self, name: &str) -> Result<Command, AppError> {
        if cfg!(windows) {
            return Err(AppError::Unavailable(
                "printing from Amicus is not built for Windows yet: use Export PDF… and print the \
                 file from your PDF reader, which offers the printer, copies, two-sided and the tray"
                    .into(),
            ));
        }
        Ok(match &self.print_programs {
            Some(dir) => Command::new(dir.join(name)),
            None => Command::new(name),
        })
    }
}

/// What a print-service program that could be started did.
enum Ran {
    /// It succeeded: what it printed.
    Said(String),
    /// It ran and failed: why, in words.
    Refused(AppError),
}

/// Run a print-service program: an error only when it could not be started
/// (above all, when it is not installed at all).
fn ran(mut cmd: Command, what: &str) -> Result<Ran, AppError> {
    let out = cmd.output().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => AppError::Unavailable(format!(
            "this computer has no print service ({what} is not installed): install CUPS \
             (the cups package) and add a printer, then print again"
        )),
        _ => AppError::Unavailable(format!("{what} did not run: {e}")),
    })?;
    if out.status.success() {
        Ok(Ran::Said(String::from_utf8_lossy(&out.stdout).into_owned()))
    } else {
        let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
        Ok(Ran::Refused(AppError::Unavailable(format!(
            "the print service refused: {}",
            if said.is_empty() {
                format!("{what} ended with {}", out.status)
            } else {
                said
            }
        ))))
    }
}

/// Run a print-service program; its error in words.
fn run(cmd: Command, what: &str) -> Result<String, AppError> {
    match ran(cmd, what)? {
        Ran::Said(out) => Ok(out),
        Ran::Refused(e) => Err(e),
    }
}

impl App {
    /// The printers this computer can print to, the default first; an
    /// error when it has no print service at all (no CUPS), which is not
    /// the same as a print service with no printer.
    pub fn printers(&self) -> Result<Vec<Printer>, AppError> {
        let said = |r: Ran| match r {
            Ran::Said(out) => out,
            Ran::Refused(_) => String::new(),
        };
        let mut names = self.lp_program("lpstat")?;
        names.arg("-e");
        // No printer at all: lpstat -e prints nothing (or fails on an
        // empty server); both mean none.
        let listed = said(ran(names, "lpstat")?);
        let mut default = self.lp_program("lpstat")?;
        default.arg("-d");
        let default = said(ran(default, "lpstat")?);
        let default = default.lines().find_map(|l| {
            l.split_once("destination:")
                .map(|(_, d)| d.trim().to_string())
        });
        let mut printers: Vec<Printer> = listed
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|name| Printer {
                default: default.as_deref() == Some(name),
                name: name.to_string(),
            })
            .collect();
        printers.sort_by(|a, b| b.default.cmp(&a.default).then(a.name.cmp(&b.name)));
        Ok(printers)
    }

    /// How many documents printing the whole letter sends (what Print
    /// counts as its copies): the signed copies as signed, else one per
    /// copy the letter makes (one for a joint letter, however many it is
    /// addressed to).
    pub fn print_copies(&self, letter_id: i64) -> Result<u32, AppError> {
        let signed = self.db().signed_copy_count(letter_id)?;
        let n = if signed > 0 {
            signed
        } else {
            self.engine.copy_count(&self.letter_data(letter_id)?)?
        };
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Print a letter's copies: the exact PDFs Export PDF writes, to the
    /// printer asked for (or the default), and say so in its history.
    #[tracing::instrument(skip(self))]
    pub fn print_letter(&self, req: &PrintRequest) -> Result<Printed, AppError> {
        if !(1..=99).contains(&req.copies) {
            return Err(AppError::invalid(
                "copies",
                "print from 1 to 99 of each copy at a time",
            ));
        }
        let printers = self.printers()?;
        let printer = match req.printer.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => printers
                .iter()
                .find(|x| x.name == p)
                .ok_or_else(|| {
                    AppError::invalid(
                        "printer",
                        if printers.is_empty() {
                            format!("there is no printer named {p}: this computer has no printer set up")
                        } else {
                            format!(
                                "there is no printer named {p} on this computer; its printers: {}",
                                printers.iter().map(|x| x.name.as_str()).collect::<Vec<_>>().join(", ")
                            )
                        },
                    )
                })?
                .name
                .clone(),
            None => printers
                .iter()
                .find(|x| x.default)
                .or(printers.first())
                .ok_or_else(|| {
                    AppError::invalid(
                        "printer",
                        "this computer has no printer set up: add one in the system's printer settings",
                    )
                })?
                .name
                .clone(),
        };
        let letter = self.db().letter(req.letter_id)?;
        let dir = tempfile::Builder::new()
            .prefix("amicus-print-")
            .tempdir()
            .map_err(|source| AppError::Write {
                path: std::env::temp_dir(),
                source,
            })?;
        let out = dir.path().join(format!("letter-{}.pdf", letter.id));
        let (mut files, _) = self.write_letter_files(letter.id, &out, &ExportOptions::default())?;
        files.sort();
        if let Some(n) = req.copy {
            let copies = self.db().recipients(letter.id)?.len();
            if n == 0 || n as usize > copies {
                return Err(AppError::invalid(
                    "copy",
                    format!("letter {} has copies 1 to {copies}", letter.id),
                ));
            }
            // A joint letter is one document, whoever's copy it is.
            if letter.mode == LetterMode::PerRecipient || files.len() > 1 {
                let Some(one) = files.get(n as usize - 1).cloned() else {
                    return Err(AppError::invalid(
                        "copy",
                        format!("letter {} has no copy {n} to print", letter.id),
                    ));
                };
                files = vec![one];
            }
        }
        // The letter's paper (its own, else its template's), named as CUPS
        // names media; printed at its size, never scaled.
        let data = self.letter_data(letter.id)?;
        let paper = match data.paper {
            Some(p) => p,
            None => {
                let template = data.template.as_deref().unwrap_or_default();
                self.engine.template(template)?.paper
            }
        };
        let paper = match paper {
            letters::Paper::Letter => "Letter",
            letters::Paper::A4 => "A4",
        };
        let subject = letter.subject.trim();
        let batches: Vec<(String, Vec<PathBuf>)> = if req.one_job || files.len() == 1 {
            vec![(format!("Letter {}: {subject}", letter.id), files.clone())]
        } else {
            files
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    (
                        format!("Letter {}: {subject} (copy {})", letter.id, i + 1),
                        vec![f.clone()],
                    )
                })
                .collect()
        };
        let mut jobs = Vec::new();
        let mut failure = None;
        for (title, batch) in &batches {
            let mut lp = self.lp_program("lp")?;
            lp.args(["-d", &printer, "-n", &req.copies.to_string()])
                .args(["-o", &format!("media={paper}")])
                .args(["-o", "print-scaling=none"])
                .args([
                    "-o",
                    if req.two_sided {
                        "sides=two-sided-long-edge"
                    } else {
                        "sides=one-sided"
                    },
                ])
                .args(["-t", title]);
            if let Some(t) = req.tray.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                lp.args(["-o", &format!("InputSlot={t}")]);
            }
            lp.arg("--").args(batch);
            match run(lp, "lp") {
                Ok(said) => jobs.push(
                    said.split_whitespace()
                        .skip_while(|w| *w != "is")
                        .nth(1)
                        .unwrap_or("")
                        .to_string(),
                ),
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        let sheets_of = u32::try_from(
            jobs.iter()
                .zip(&batches)
                .map(|(_, (_, b))| b.len())
                .sum::<usize>(),
        )
        .unwrap_or(u32::MAX)
            * req.copies;
        if !jobs.is_empty() {
            let mut detail = format!(
                "on {printer}: {sheets_of} {}",
                if sheets_of == 1 { "copy" } else { "copies" }
            );
            if req.two_sided {
                detail.push_str(", two-sided");
            }
            detail.push_str(&format!(" (job {})", jobs.join(", ")));
            self.db()
                .record_printed(letter.id, &detail, self.clock().now())?;
            self.changed(&[RecordArea::Letters]);
        }
        if let Some(e) = failure {
            return Err(match jobs.len() {
                0 => e,
                n => AppError::Unavailable(format!(
                    "{n} of {} print jobs went to {printer} (recorded); the rest did not: {e}",
                    batches.len()
                )),
            });
        }
        Ok(Printed {
            printer,
            jobs,
            sheets_of,
        })
    }
}
