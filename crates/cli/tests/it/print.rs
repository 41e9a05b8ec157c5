//! `amicus letters print` against a real print server this test starts
//! (CUPS with a cups-pdf printer, testkit::cups): the printer is given the
//! exact PDF `letters export` writes, prints it on as many pages at the
//! letter's paper size, one job per copy or one for all, and the letter's
//! history says so. Unix only (CUPS); Windows says it does not print yet.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::Run;
use crate::common::ok;
use testkit::cups::{PRINTER, Server};

fn amicus_printing(db: &Path, server: &Server, args: &[&str]) -> Output {
    let (key, value) = server.env();
    Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(args)
        .env("AMICUS_DB", db)
        .env("XDG_CONFIG_HOME", db.with_file_name("no-config"))
        .env(key, value)
        .run()
}

fn prints(db: &Path, server: &Server, args: &[&str]) -> String {
    let o = amicus_printing(db, server, args);
    assert!(
        o.status.success(),
        "amicus {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&o.stderr),
        server.log()
    );
    String::from_utf8(o.stdout).unwrap()
}

fn refused(db: &Path, server: &Server, args: &[&str]) -> String {
    let o = amicus_printing(db, server, args);
    assert!(!o.status.success(), "amicus {args:?} should fail");
    String::from_utf8(o.stderr).unwrap()
}

fn pdfinfo(path: &Path) -> String {
    let o = Command::new("pdfinfo").arg(path).output().unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_printer_is_given_the_exact_letter_and_prints_it_at_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let server = Server::start();
    assert_eq!(
        prints(&db, &server, &["letters", "print", "--printers"]).trim(),
        format!("{PRINTER} (default)")
    );

    // The sample letter (joint, sent): what the printer is given is the PDF
    // `export` writes, byte for byte.
    let said = prints(
        &db,
        &server,
        &["letters", "print", "1", "--copies", "2", "--two-sided"],
    );
    assert!(
        said.starts_with(&format!("printed 2 copies on {PRINTER} (job {PRINTER}-")),
        "{said}"
    );
    let exported = dir.path().join("letter-1.pdf");
    ok(
        &db,
        &[
            "letters",
            "export",
            "1",
            "--out",
            exported.to_str().unwrap(),
        ],
    );
    let given = server.jobs_given();
    assert_eq!(given.len(), 1);
    assert!(
        given[0].1 == std::fs::read(&exported).unwrap(),
        "the printer was given the exported PDF, byte for byte"
    );
    let printed = server.printed(1);
    let info = pdfinfo(&printed[0]);
    assert!(info.contains("Pages:           2"), "{info}");
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let history = ok(&db, &["letters", "show", "1"]);
    assert!(
        history.contains(&format!(
            "printed     on {PRINTER}: 2 copies, two-sided (job {PRINTER}-1)"
        )),
        "{history}"
    );

    // A letter with a copy for each addressee: one job each, or one for all.
    let body = dir.path().join("body.md");
    std::fs::write(&body, "We write again in support of KORUS.\n").unwrap();
    ok(
        &db,
        &[
            "letters",
            "new",
            "--to",
            "Commerce",
            "--to",
            "USTR",
            "--per-recipient",
            "--date",
            "2017-09-20",
            "--subject",
            "KORUS again",
            "--body-file",
            body.to_str().unwrap(),
            "--issue",
            "KORUS",
        ],
    );
    let said = prints(&db, &server, &["letters", "print", "2"]);
    assert!(said.starts_with("printed 2 copies"), "{said}");
    assert_eq!(
        said.matches(&format!("{PRINTER}-")).count(),
        2,
        "one job each: {said}"
    );
    let said = prints(&db, &server, &["letters", "print", "2", "--one-job"]);
    assert_eq!(
        said.matches(&format!("{PRINTER}-")).count(),
        1,
        "one job: {said}"
    );
    let said = prints(&db, &server, &["letters", "print", "2", "--copy", "2"]);
    assert!(said.starts_with("printed 1 copy"), "{said}");
    // Jobs 2 and 3 are the two copies; 4 holds both; 5 is copy 2 alone.
    let given = server.jobs_given();
    assert_eq!(given.len(), 5);
    assert_eq!(given[4].1, given[2].1, "copy 2 alone is copy 2");
    assert_ne!(given[1].1, given[2].1, "each copy its own addressee");
    server.printed(5);

    // Bad requests are refused, and nothing more is printed or recorded.
    let before = ok(&db, &["letters", "show", "2"]);
    for (args, says) in [
        (
            vec!["letters", "print", "2", "--printer", "Upstairs"],
            "there is no printer named Upstairs on this computer; its printers: AmicusPDF",
        ),
        (
            vec!["letters", "print", "2", "--copies", "0"],
            "print from 1 to 99 of each copy at a time",
        ),
        (
            vec!["letters", "print", "2", "--copy", "3"],
            "letter 2 has copies 1 to 2",
        ),
    ] {
        let err = refused(&db, &server, &args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(ok(&db, &["letters", "show", "2"]), before);
    assert_eq!(server.jobs_given().len(), 5);
}
