//! The `amicus` command end to end, judged by what a reader's tools see in
//! the PDF: qpdf, pdfinfo, pdffonts and pdftotext (poppler-utils).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::Run;
use crate::common::tool;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../templates/samples/korus-2017.json"
);

fn amicus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amicus")).args(args).run()
}

fn render_sample(dir: &Path) -> PathBuf {
    let out = dir.join("korus.pdf");
    let o = amicus(&["render", "--data", SAMPLE, "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// Words of the text in reading order, with the layout's hyphenation and
/// typographic apostrophes undone.
fn words(text: &str) -> String {
    text.replace("-\n", "")
        .replace('\u{2019}', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sample body's paragraphs as plain text (markup removed).
fn sample_paragraphs() -> Vec<String> {
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    let body = data["body"].as_str().unwrap();
    body.split("\n\n")
        .flat_map(|block| block.split("\n- "))
        .map(|p| words(&p.trim_start_matches("- ").replace("**", "")))
        .collect()
}

#[test]
fn the_korus_sample_is_a_valid_two_page_letter() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render_sample(dir.path());
    // An ordinary document, readable by others as the umask allows (not a
    // private 0600 temporary file).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&pdf).unwrap().permissions().mode();
        assert_eq!(mode & 0o444, 0o444, "mode {mode:o}");
    }
    let pdf = pdf.to_str().unwrap();

    let check = tool("qpdf", &["--check", pdf]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );

    let info = tool("pdfinfo", &[pdf]);
    assert!(info.contains("Pages:           2"), "{info}");
    assert!(info.contains("(letter)"), "{info}");
    assert!(
        info.contains(
            "Title:           Continued support for the U.S.–Korea Free Trade Agreement (KORUS)"
        ),
        "{info}"
    );
    assert!(
        info.contains("Author:          Lakeshore State Chamber of Commerce"),
        "{info}"
    );
    assert!(
        info.contains("CreationDate:    Tue Sep  5 00:00:00 2017"),
        "{info}"
    );

    // Every font embedded and subset; one of them covers Hangul.
    let fonts = tool("pdffonts", &[pdf]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb/sub/uni in: {row}"
        );
        assert!(
            cols[0].chars().take(6).all(|c| c.is_ascii_uppercase())
                && cols[0].as_bytes()[6] == b'+',
            "{row}"
        );
    }
    assert!(
        rows.iter().any(|r| r.contains("CJK")),
        "a CJK font is embedded: {fonts}"
    );

    // Every paragraph, word for word, in reading order, once the running
    // header of page 2 is set aside (a reader skips it too).
    let page1 = tool("pdftotext", &["-f", "1", "-l", "1", pdf, "-"]);
    let page2 = tool("pdftotext", &["-f", "2", "-l", "2", pdf, "-"]);
    let header = [
        "Secretary Ross and Ambassador Lighthizer",
        "September 5, 2017",
        "Page 2 of 2",
    ];
    let mut page2_lines: Vec<&str> = page2.lines().filter(|l| !l.trim().is_empty()).collect();
    let head: Vec<&str> = page2_lines.drain(..3).collect();
    for h in header {
        assert!(
            head.contains(&h),
            "page 2 starts with the continuation header: {head:?}"
        );
    }
    let text = format!(
        "{}\n{}",
        page1.trim_end_matches(['\n', '\u{c}']),
        page2_lines.join("\n")
    );
    let all = words(&text);
    let mut from = 0;
    for p in sample_paragraphs() {
        let at = all[from..]
            .find(&p)
            .unwrap_or_else(|| panic!("paragraph missing or out of order:\n{p}\n---\n{all}"));
        from += at + p.len();
    }
    assert!(all.contains("유명희"), "Hangul extracts from the PDF");
    assert!(all.contains("Dear Secretary Ross and Ambassador Lighthizer:"));

    // Page 1 carries the letterhead; the signature block is whole on one page.
    assert!(
        !page1.contains("Page 1 of"),
        "page 1 carries the letterhead, not a page header"
    );
    let sig = [
        "Sincerely,",
        "Jordan A. Whitfield",
        "Vice President, International Trade",
    ];
    let on_page2 = sig.iter().filter(|s| page2.contains(*s)).count();
    assert!(
        on_page2 == 0 || on_page2 == sig.len(),
        "signature block split across pages"
    );
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let pa = std::fs::read(render_sample(a.path())).unwrap();
    let pb = std::fs::read(render_sample(b.path())).unwrap();
    assert_eq!(pa, pb);
}

/// Copies archived before letters were tagged PDF/A files re-render to
/// their bytes (what `verify` relies on): the data with `format` 0 gives,
/// byte for byte, the files the version before wrote (kept as fixtures),
/// for the KORUS sample and for names in six scripts, two right to left.
#[test]
fn data_of_format_0_renders_as_the_version_before_tagged_pdf_did() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut korus: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    korus["format"] = 0.into();
    let korus_data = dir.path().join("korus-format0.json");
    std::fs::write(&korus_data, korus.to_string()).unwrap();
    for (data, fixture) in [
        (korus_data, "korus-format0.pdf"),
        (fixtures.join("names-format0.json"), "names-format0.pdf"),
    ] {
        let out = dir.path().join(fixture);
        let o = amicus(&[
            "render",
            "--data",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(
            std::fs::read(&out).unwrap() == std::fs::read(fixtures.join(fixture)).unwrap(),
            "{fixture}: format 0 no longer renders as it did"
        );
    }
}

#[test]
fn svg_pages_are_written_beside_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("k.pdf");
    let svg = dir.path().join("svg");
    let o = amicus(&[
        "render",
        "--data",
        SAMPLE,
        "--out",
        out.to_str().unwrap(),
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let page1 = std::fs::read_to_string(svg.join("page-1.svg")).unwrap();
    assert!(page1.starts_with("<svg"));
    assert!(page1.contains("Dear Secretary Ross and Ambassador Lighthizer:"));
    assert!(svg.join("page-2.svg").exists());
}

fn write_data(dir: &Path, edit: impl Fn(&mut serde_json::Value)) -> PathBuf {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    edit(&mut v);
    let p = dir.join("data.json");
    std::fs::write(&p, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    p
}

#[test]
fn check_lists_every_missing_field() {
    let dir = tempfile::tempdir().unwrap();
    let data = write_data(dir.path(), |v| {
        v["template"] = "comment-rule".into();
    });
    let o = amicus(&["check", "--data", data.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    for f in [
        "fields.agency",
        "fields.docket",
        "fields.rule_title",
        "fields.notice_date",
    ] {
        assert!(
            err.contains(&format!("error: {f}:")),
            "{f} not reported:\n{err}"
        );
    }
    let ok = amicus(&["check", "--data", SAMPLE]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

#[test]
fn invalid_json_is_reported_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.json");
    std::fs::write(
        &p,
        "{\n  \"date\": \"2017-09-05\",\n  \"organization\": {\"name\": 7}\n}",
    )
    .unwrap();
    let o = amicus(&["check", "--data", p.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("organization.name") && err.contains("line 3"),
        "{err}"
    );
}

#[test]
fn an_unknown_template_is_named() {
    let o = amicus(&["check", "--template", "nope", "--data", SAMPLE]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no template named \"nope\""));
}

#[test]
fn a_character_no_font_has_fails_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let data = write_data(dir.path(), |v| {
        v["recipients"][0]["name"] = "Wilbur \u{10FFFD} Ross".into();
    });
    let out = dir.path().join("x.pdf");
    let o = amicus(&[
        "render",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("U+10FFFD"), "{err}");
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "only the data file remains: {leftovers:?}"
    );
}

#[test]
fn an_unwritable_output_is_a_clear_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // A path under a regular file cannot be created, even by root.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let out = blocker.join("letter.pdf");
    let o = amicus(&["render", "--data", SAMPLE, "--out", out.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("cannot write") && err.contains("letter.pdf"),
        "{err}"
    );
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1);
}

#[test]
fn one_copy_per_recipient_writes_one_pdf_each() {
    let dir = tempfile::tempdir().unwrap();
    let data = write_data(dir.path(), |v| {
        v["mode"] = "per_recipient".into();
    });
    let out = dir.path().join("korus.pdf");
    let o = amicus(&[
        "render",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ross = dir.path().join("korus-01-secretary-ross.pdf");
    let ustr = dir.path().join("korus-02-ambassador-lighthizer.pdf");
    let t1 = tool("pdftotext", &[ross.to_str().unwrap(), "-"]);
    let t2 = tool("pdftotext", &[ustr.to_str().unwrap(), "-"]);
    assert!(t1.contains("Dear Secretary Ross:") && !t1.contains("Lighthizer"));
    assert!(t2.contains("Dear Ambassador Lighthizer:") && !t2.contains("Wilbur Ross"));
}

#[test]
fn templates_lists_the_shipped_four() {
    let o = amicus(&["templates"]);
    let out = String::from_utf8_lossy(&o.stdout);
    for id in ["joint-support", "opposition", "comment-rule", "thank-you"] {
        assert!(out.contains(id), "{out}");
    }
}

#[test]
fn a4_paper_and_a_png_logo_reach_the_pdf_and_the_svg() {
    let dir = tempfile::tempdir().unwrap();
    let logo = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../templates/samples/logo.png"
    );
    let data = write_data(dir.path(), |v| {
        v["paper"] = "a4".into();
        v["organization"]["logo"] = logo.into();
    });
    let out = dir.path().join("a4.pdf");
    let svg = dir.path().join("svg");
    let o = amicus(&[
        "render",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let info = tool("pdfinfo", &[out.to_str().unwrap()]);
    assert!(info.contains("(A4)"), "{info}");
    let images = tool("pdfimages", &["-list", out.to_str().unwrap()]);
    assert!(
        images
            .lines()
            .skip(2)
            .any(|l| l.contains(" image ") && l.contains("256   256")),
        "{images}"
    );
    let page1 = std::fs::read_to_string(svg.join("page-1.svg")).unwrap();
    assert!(page1.contains("<image ") && page1.contains("data:image/png;base64,"));
}

#[test]
fn a_logo_that_is_not_a_png_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let data = write_data(dir.path(), |v| {
        v["organization"]["logo"] = SAMPLE.into();
    });
    let out = dir.path().join("x.pdf");
    let o = amicus(&[
        "render",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a PNG"));
    assert!(!out.exists());
}
