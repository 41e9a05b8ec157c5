//! `amicus issues show`, `issues paragraph` and `amicus report` on the
//! sample record: the page, the paragraph, the PDF (read back with poppler
//! as a reader sees it) and the CSV agree with each other and with the
//! sample's letter counted by hand (two copies to the Administration, by
//! mail and e-mail, no reply, both overdue as of December 1, 2017).

use crate::common::{fails, ok, tool};

const PARAGRAPH: &str = "The Chamber reaffirmed its support for the U.S.–Korea Free Trade Agreement (KORUS) in a letter sent September 5, 2017 to the Secretary of Commerce and the U.S. Trade Representative.";

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_board_report_agrees_with_the_issue_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let range = ["--from", "2017-01-01", "--to", "2017-12-31"];
    ok(&db, &["issues", "contact", "KORUS", "Jordan Whitfield"]);

    let mut show = vec!["issues", "show", "KORUS", "--as-of", "2017-12-01"];
    show.extend(range);
    let page = ok(&db, &show);
    assert!(page.contains("Staff contact: Jordan Whitfield"), "{page}");
    assert!(page.contains(PARAGRAPH), "{page}");
    assert!(
        page.contains("2017-09  1 letters, 2 copies (1, 1, 0, 0, 0)"),
        "{page}"
    );
    assert!(
        page.contains("Executive  2 sent, 0 replies, median —"),
        "{page}"
    );
    assert!(page.contains("follow-up 2017-10-05 OVERDUE"), "{page}");
    assert!(
        page.contains("nobody               0 due, 2 overdue"),
        "{page}"
    );

    let mut html = vec!["issues", "paragraph", "KORUS", "--format", "html"];
    html.extend(range);
    assert_eq!(
        ok(&db, &html).trim_end(),
        format!("<p>{PARAGRAPH}</p>\n<p>Staff contact: Jordan Whitfield.</p>")
    );

    let pdf = dir.path().join("board.pdf");
    let mut report = vec![
        "report",
        "--issue",
        "KORUS",
        "--as-of",
        "2017-12-01",
        "--out",
    ];
    report.push(pdf.to_str().unwrap());
    report.extend(range);
    let said = ok(&db, &report);
    assert!(said.contains("(2 pages)"), "{said}");
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("Pages:           2"), "{info}");
    assert!(info.contains("Tagged:          yes"), "{info}");
    let text = words(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    for seen in [
        "Lakeshore State Chamber of Commerce",
        "Board report: January 1, 2017 – December 31, 2017",
        "Staff contact: Jordan Whitfield",
        &words(PARAGRAPH),
        "Letters and copies per month, by method",
        "Sep 17",
        "0 of 2 replied; no replies",
        "2 overdue, 0 due",
        "Secretary of Commerce — Wilbur Ross",
        "mail 2017-09-05",
        "e-mail 2017-09-05",
        "2017-10-05 overdue",
        "Page 2 of 2",
    ] {
        assert!(text.contains(seen), "{seen:?} not in the PDF: {text}");
    }

    let csv = std::fs::read_to_string(dir.path().join("board.csv")).unwrap();

    // The rows as a spreadsheet too: LibreOffice reads it back to the
    // CSV's rows, the days as days and the numbers as numbers.
    let xlsx = dir.path().join("rows.xlsx");
    let both = dir.path().join("rows.csv");
    let mut sheet = report.clone();
    sheet.extend([
        "--csv",
        both.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
    ]);
    let said = ok(&db, &sheet);
    assert!(said.contains("rows.csv and "), "{said}");
    assert!(said.trim_end().ends_with("rows.xlsx"), "{said}");
    let read = std::fs::read_to_string(crate::word::libreoffice(
        &xlsx,
        // Comma-separated, quoted with ", UTF-8 (76), from line 1.
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        "csv",
    ))
    .unwrap();
    // LibreOffice quotes the text cells, not the numbers and days: typed.
    assert!(
        read.contains("(KORUS)\",1,2017-09-05,\"Continued")
            && read.contains("\"sent\",2,\"to\"")
            && read.contains(",2017-09-05,,,2017-10-05,,\"yes\""),
        "{read}"
    );
    assert_eq!(
        read.replace('"', "").replace("\r\n", "\n").trim_end(),
        std::fs::read_to_string(&both)
            .unwrap()
            .trim_start_matches('\u{feff}')
            .replace("\r\n", "\n")
            .trim_end(),
        "LibreOffice's reading of the spreadsheet"
    );
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("\u{feff}issue,letter,date,"), "{csv}");
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows[1].starts_with("U.S.–Korea Free Trade Agreement (KORUS),1,2017-09-05,"),
        "{csv}"
    );
    assert!(
        rows[1].ends_with(
            ",to,Secretary of Commerce,Wilbur Ross,executive,mail,2017-09-05,,,2017-10-05,,yes"
        ),
        "{csv}"
    );
    assert!(
        rows[2].contains(",email,2017-09-05,,,2017-10-05,,yes"),
        "{csv}"
    );
}

#[test]
fn bad_ranges_and_issues_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let out = dir.path().join("board.pdf");
    let out = out.to_str().unwrap();
    let report = |from: &str, to: &str, issue: &str| {
        fails(
            &db,
            &[
                "report", "--from", from, "--to", to, "--issue", issue, "--out", out,
            ],
        )
    };
    let e = report("2017-02-30", "2017-12-31", "KORUS");
    assert!(e.contains("February 2017 has 28 days"), "{e}");
    let e = report("2018-01-01", "2017-12-31", "KORUS");
    assert!(
        e.contains("the range starts on 2018-01-01, after it ends on 2017-12-31"),
        "{e}"
    );
    let e = report("2017-01-01", "2017-12-31", "NAFTA");
    assert!(e.contains("\"NAFTA\""), "{e}");
    let e = fails(&db, &["issues", "show", "NAFTA"]);
    assert!(e.contains("\"NAFTA\""), "{e}");
    // The short name and the paragraph's template, set and refused.
    assert_eq!(
        ok(&db, &["settings", "short-name"]).trim(),
        "short name: the Chamber"
    );
    ok(&db, &["settings", "short-name", "--clear"]);
    let mut para = vec![
        "issues",
        "paragraph",
        "KORUS",
        "--from",
        "2017-01-01",
        "--to",
        "2017-12-31",
    ];
    assert!(ok(&db, &para).starts_with("Lakeshore State Chamber of Commerce reaffirmed"));
    let own = dir.path().join("own.hbs");
    std::fs::write(&own, "{{Organization}} wrote {{letter_count}} time.").unwrap();
    ok(
        &db,
        &["settings", "paragraph-template", own.to_str().unwrap()],
    );
    assert_eq!(
        ok(&db, &para).trim(),
        "Lakeshore State Chamber of Commerce wrote 1 time."
    );
    std::fs::write(&own, "{{#if letters}}unclosed").unwrap();
    let e = fails(
        &db,
        &["settings", "paragraph-template", own.to_str().unwrap()],
    );
    assert!(e.contains("the paragraph template"), "{e}");
    ok(&db, &["settings", "paragraph-template", "--reset"]);
    assert!(ok(&db, &["settings", "paragraph-template"]).contains("reaffirmed"));
    para.extend(["--format", "markdown"]);
    assert!(ok(&db, &para).contains("reaffirmed its support"));

    let report = [
        "report",
        "--from",
        "2017-01-01",
        "--to",
        "2017-12-31",
        "--issue",
        "KORUS",
        "--out",
        out,
    ];
    let e = fails(&db, &[&report[..], &["--xlsx", "rows.ods"]].concat());
    assert!(
        e.contains("rows.ods: the rows are written as .csv or .xlsx"),
        "{e}"
    );

    let e = fails(&db, &["issues", "show", "KORUS", "--from", "2017-13-01"]);
    assert!(e.contains("months run from 01 to 12"), "{e}");
    assert!(!dir.path().join("board.pdf").exists());
    assert!(!dir.path().join("board.csv").exists());

    // All three files or none: with a folder where the spreadsheet would
    // go, it is named, and neither the PDF nor the CSV is written.
    std::fs::create_dir(dir.path().join("board.xlsx")).unwrap();
    let e = fails(&db, &report);
    assert!(e.contains("board.xlsx") && e.contains("folder"), "{e}");
    assert!(!dir.path().join("board.pdf").exists());
    assert!(!dir.path().join("board.csv").exists());
    // Unnamed, the rows go beside the PDF as CSV and spreadsheet, as the
    // window writes them; an earlier file replaced is said.
    std::fs::remove_dir(dir.path().join("board.xlsx")).unwrap();
    std::fs::write(dir.path().join("board.csv"), "earlier").unwrap();
    let said = ok(&db, &report);
    assert!(
        said.contains("board.csv and ") && said.contains("board.xlsx"),
        "{said}"
    );
    assert!(said.contains("replaced the earlier "), "{said}");
    assert!(dir.path().join("board.pdf").exists());
    assert_ne!(
        std::fs::read_to_string(dir.path().join("board.csv")).unwrap(),
        "earlier"
    );
}
