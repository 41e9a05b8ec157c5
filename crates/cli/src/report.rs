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
    /// The CSV of the rows (one per copy). When neither this nor --xlsx is
    /// given, both are written beside the PDF and named like it, as the
    /// window writes them.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// The rows as a spreadsheet (.xlsx): numbers as numbers, days as dates.
    #[arg(long)]
    xlsx: Option<PathBuf>,
}

pub fn run(app: &App, a: ReportArgs) -> Result<(), AppError> {
    let mut rows: Vec<PathBuf> = a.csv.into_iter().chain(a.xlsx).collect();
    if rows.is_empty() {
        rows = amicus_app::board_rows_beside(&a.out);
    }
    let written = app.write_board_report(
        &BoardRequest {
            from: a.from,
            to: a.to,
            issues: a.issues,
            as_of: a.as_of,
        },
        &a.out,
        &rows,
    )?;
    let beside: Vec<String> = written
        .rows
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    out!(
        "wrote {} ({} pages) and {}",
        written.pdf.display(),
        written.pages,
        beside.join(" and ")
    );
    for p in &written.replaced {
        out!("replaced the earlier {}", p.display());
    }
    Ok(())
}
