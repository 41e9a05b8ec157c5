//! `amicus report`: the board report — a date range and one or more issues
//! as a PDF, and its rows as CSV beside it.

use std::path::PathBuf;

use amicus_app::{App, AppError, BoardRequest};
use chrono::NaiveDate;
use clap::Args;

#[derive(Args)]
pub struct ReportArgs {
    #[arg(value_parser = dates::parse, long)]
    from: NaiveDate,
    #[arg(value_parser = dates::parse, long)]
    to: NaiveDate,
    /// An issue by name or id; repeat for more (a page each).
    #[arg(long = "issue", required = true)]
    issues: Vec<String>,
    /// The day follow-ups are overdue as of; today when omitted.
    #[arg(value_parser = dates::parse, long)]
    as_of: Option<NaiveDate>,
    /// The PDF to write.
    #[arg(long)]
    out: PathBuf,
    /// The CSV of the rows (one per copy); beside the PDF, named like it, when omitted.
    #[arg(long)]
    csv: Option<PathBuf>,
}

pub fn run(app: &App, a: ReportArgs) -> Result<(), AppError> {
    let csv = a.csv.unwrap_or_else(|| a.out.with_extension("csv"));
    if csv == a.out {
        return Err(AppError::invalid(
            "csv",
            "the CSV and the PDF would be the same file; give --out a .pdf name or --csv another",
        ));
    }
    let written = app.write_board_report(
        &BoardRequest {
            from: a.from,
            to: a.to,
            issues: a.issues,
            as_of: a.as_of,
        },
        &a.out,
        &csv,
    )?;
    out!(
        "wrote {} ({} pages) and {}",
        written.pdf.display(),
        written.pages,
        written.csv.display()
    );
    Ok(())
}
