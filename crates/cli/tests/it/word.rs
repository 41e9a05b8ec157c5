//! The letter as a Word document (`--format docx`), judged by what other
//! programs make of it: python-docx reads its paragraphs and their styles,
//! LibreOffice opens and sets it (its PDF has Amicus's words in Amicus's
//! order, on as many pages), and openxml-audit, the Open XML SDK's
//! validator in Python, checks every part against the OOXML schemas.
//! `make setup` (scripts/setup.sh) installs all three.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::Run;
use crate::common::{ok, tool};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../templates/samples/korus-2017.json"
);

pub(crate) fn tools(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/tools/pyhanko/bin")
        .join(name)
}

/// `amicus render` (no record), which must succeed; its output lines.
fn render(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .arg("render")
        .args(args)
        .run();
    assert!(
        o.status.success(),
        "amicus render {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// The sample's data with `edit` applied, written to the test's folder.
fn data(dir: &Path, name: &str, edit: impl Fn(&mut Value)) -> PathBuf {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    edit(&mut v);
    let path = dir.join(name);
    std::fs::write(&path, v.to_string()).unwrap();
    path
}

/// What python-docx reads in the file (crates/cli/tests/it/read_docx.py).
fn read_docx(path: &Path) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/read_docx.py");
    let out = tool(
        tools("python").to_str().unwrap(),
        &[script.to_str().unwrap(), path.to_str().unwrap()],
    );
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("python-docx printed {out} ({e})"))
}

/// The body's paragraphs as (style, text).
fn styled(doc: &Value) -> Vec<(String, String)> {
    doc["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["style"].as_str().unwrap_or_default().to_string(),
                p["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// LibreOffice's PDF of a Word file, converted headless. The tests share
/// one profile under the build's scratch folder (made on first use, ~4 s),
/// one conversion at a time: two at once on one profile would fail.
pub(crate) fn libreoffice_pdf(docx: &Path) -> PathBuf {
    libreoffice(docx, "pdf", "pdf")
}

/// `file` converted by LibreOffice headless with the filter `to` ("pdf",
/// or "csv:…" with its options) to a file ending `ext`.
pub(crate) fn libreoffice(docx: &Path, to: &str, ext: &str) -> PathBuf {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let profile = Path::new(env!("CARGO_TARGET_TMPDIR")).join("libreoffice-profile");
    let dir = docx.parent().unwrap().join("lo");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(&dir)
        .arg(docx)
        .output()
        .unwrap_or_else(|e| {
            panic!("soffice is needed for this test (make setup installs it): {e}")
        });
    let pdf = dir.join(docx.with_extension(ext).file_name().unwrap());
    assert!(
        out.status.success() && pdf.exists(),
        "LibreOffice did not open {}: {}{}",
        docx.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count: {info}"))
}

/// A PDF's words in reading order, normalised so that two typesetters'
/// pages compare: hyphens at line ends joined, hyphens inside words dropped
/// (a line may break at "medium-" in one and not in the other), and the
/// running head of every page after the first taken out (`heads`: its lines,
/// and "Page N of M"), with any line in `every_page` (a draft's mark).
fn letter_words(pdf: &Path, heads: &[&str], every_page: &[&str]) -> Vec<String> {
    let split = |s: &str| -> Vec<String> {
        // A line may also break after a dash inside a word ("U.S.–" / "Korea").
        let mut joined = String::with_capacity(s.len());
        let mut prev = ' ';
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if matches!(c, '-' | '–') && !prev.is_whitespace() && chars.peek() == Some(&'\n') {
                chars.next();
                if c == '–' {
                    joined.push(c);
                }
                prev = c;
                continue;
            }
            joined.push(c);
            prev = c;
        }
        joined
            .split_whitespace()
            .map(|w| w.replace('-', ""))
            .filter(|w| !w.is_empty())
            .collect()
    };
    let mut words: Vec<String> = Vec::new();
    // A word hyphenated across a page break ("pro-" / "ducers.").
    let mut broken = false;
    for page in 1..=pages(pdf) {
        let n = page.to_string();
        let text = tool(
            "pdftotext",
            &["-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
        );
        let mut w = split(&text);
        let mut cut = |phrase: &[String]| {
            // The running head stands at the top of the page.
            let within = w.len().min(40);
            if let Some(at) = (0..within).find(|&i| w[i..].starts_with(phrase)) {
                w.drain(at..at + phrase.len());
            }
        };
        for line in every_page {
            cut(&split(line));
        }
        if page > 1 {
            for line in heads {
                cut(&split(line));
            }
            let total = pages(pdf).to_string();
            cut(&split(&format!("Page {page} of {total}")));
        }
        if broken && !w.is_empty() {
            let rest = w.remove(0);
            if let Some(last) = words.last_mut() {
                last.push_str(&rest);
            }
        }
        words.extend(w);
        let end = text.trim_end();
        broken = end.ends_with('-') && !end.ends_with(" -");
    }
    words
}

/// The first place two word lists part, for a readable failure.
fn same_words(amicus: &[String], word: &[String], what: &str) {
    if amicus == word {
        return;
    }
    let at = amicus
        .iter()
        .zip(word)
        .position(|(a, b)| a != b)
        .unwrap_or(amicus.len().min(word.len()));
    let from = at.saturating_sub(8);
    panic!(
        "{what}: the words part at word {at} of {}/{}:\n  Amicus: {:?}\n  Word:   {:?}",
        amicus.len(),
        word.len(),
        &amicus[from..(at + 8).min(amicus.len())],
        &word[from..(at + 8).min(word.len())]
    );
}

#[test]
fn the_korus_letter_in_word_has_named_styles_headers_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("korus.docx");
    let said = render(&[
        "--data",
        SAMPLE,
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(said.trim(), format!("wrote {}", out.display()));
    let doc = read_docx(&out);
    let body = styled(&doc);
    let style_of = |start: &str| {
        body.iter()
            .find(|(_, t)| t.starts_with(start))
            .map(|(s, _)| s.as_str())
            .unwrap_or_else(|| panic!("no paragraph starts {start:?}: {body:?}"))
    };
    assert_eq!(body[0], ("Date".into(), "September 5, 2017".into()));
    assert_eq!(
        body[1],
        (
            "Address".into(),
            "The Honorable Wilbur Ross\nSecretary of Commerce\nU.S. Department of Commerce\n\
             1401 Constitution Avenue, NW\nWashington, DC 20230"
                .into()
        )
    );
    assert_eq!(style_of("The Honorable Robert E. Lighthizer"), "Address");
    assert_eq!(style_of("Re: Continued support"), "Subject");
    assert_eq!(
        style_of("Dear Secretary Ross and Ambassador Lighthizer:"),
        "Salutation"
    );
    assert_eq!(style_of("On behalf of the members"), "Body");
    assert_eq!(style_of("proceed on a clear"), "List Bullet");
    assert_eq!(style_of("Sincerely,"), "Closing");
    assert_eq!(
        style_of("Jordan A. Whitfield"),
        "Signature",
        "the signature block"
    );
    assert_eq!(style_of("cc:"), "Copies");
    // Every paragraph is in one of the letter's own named styles.
    let named = [
        "Date",
        "Address",
        "Subject",
        "Salutation",
        "Body",
        "List Bullet",
        "Closing",
        "Signature",
        "Copies",
    ];
    for (style, text) in &body {
        assert!(named.contains(&style.as_str()), "{style:?} for {text:?}");
    }
    for name in named
        .iter()
        .chain(&["Letterhead", "Running Head", "Draft Mark"])
    {
        assert!(
            doc["styles"].as_array().unwrap().iter().any(|s| s == name),
            "styles.xml defines {name}: {}",
            doc["styles"]
        );
    }
    // The list is a Word list (numbering), its bullets are not typed text;
    // bold stays bold.
    let items: Vec<&Value> = doc["body"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["style"] == "List Bullet")
        .collect();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|p| p["numbered"] == true));
    assert!(!items[0]["text"].as_str().unwrap().starts_with('•'));
    assert_eq!(items[0]["bold"], serde_json::json!(["limited"]));
    let subject = &doc["body"][3];
    assert!(subject["bold"].as_array().unwrap().len() >= 2, "{subject}");

    // Page 1: the letterhead; later pages: the running head with its fields.
    let section = &doc["sections"][0];
    assert_eq!(doc["sections"].as_array().unwrap().len(), 1);
    assert_eq!(section["first_page_different"], true);
    let first: Vec<&str> = section["first_header"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(first[0], "Lakeshore State Chamber of Commerce");
    assert!(first.contains(&"International Trade Council"), "{first:?}");
    let later = section["header"].as_array().unwrap();
    assert_eq!(later[0]["style"], "Running Head");
    assert!(
        later[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Secretary Ross and Ambassador Lighthizer\tPage "),
        "{}",
        later[0]
    );
    assert_eq!(later[0]["fields"], serde_json::json!(["PAGE", "NUMPAGES"]));
    assert_eq!(later[1]["text"], "September 5, 2017");
    // The template's paper and margins (US Letter; 72 pt at the sides).
    assert_eq!(section["width_pt"], 612.0);
    assert_eq!(section["height_pt"], 792.0);
    assert_eq!(section["margins_pt"][1], 72.0);
    assert_eq!(section["margins_pt"][3], 72.0);
    assert_eq!(section["header_distance_pt"], 54.0);
    assert_eq!(doc["round_trip"], true, "python-docx saves it unchanged");
}

#[test]
fn libreoffice_sets_the_word_letter_with_amicus_words_on_as_many_pages() {
    let dir = tempfile::tempdir().unwrap();
    // The sample, and a long letter: forty paragraphs of varied length.
    let long = data(dir.path(), "long.json", |v| {
        let sentences = [
            "Our members export machinery, chemicals and processed foods to customers abroad.",
            "Tariff reductions made exporting practical for many small and medium-sized firms for the first time.",
            "We urge the Administration to preserve the market-access commitments already in effect.",
            "Clear rules at the border, faster clearance and stronger recourse matter as much as the tariffs themselves.",
            "A prolonged period of uncertainty would do real harm to contracts that took years to build.",
        ];
        let body: Vec<String> = (0..40)
            .map(|k| {
                (0..(2 + k % 4))
                    .map(|s| sentences[(k + s) % sentences.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        v["body"] = body.join("\n\n").into();
    });
    for (name, data) in [("korus", PathBuf::from(SAMPLE)), ("long", long)] {
        let pdf = dir.path().join(format!("{name}.pdf"));
        let docx = dir.path().join(format!("{name}.docx"));
        let d = data.to_str().unwrap();
        render(&["--data", d, "--out", pdf.to_str().unwrap()]);
        render(&[
            "--data",
            d,
            "--format",
            "docx",
            "--out",
            docx.to_str().unwrap(),
        ]);
        let word = libreoffice_pdf(&docx);
        let heads = [
            "Secretary Ross and Ambassador Lighthizer",
            "September 5, 2017",
        ];
        assert_eq!(
            pages(&word),
            pages(&pdf),
            "{name}: LibreOffice sets the Word file on as many pages as Amicus"
        );
        let amicus = letter_words(&pdf, &heads, &[]);
        assert!(amicus.len() > 400, "{name}: {} words", amicus.len());
        same_words(&amicus, &letter_words(&word, &heads, &[]), name);
    }
}

#[test]
fn the_word_file_passes_the_open_xml_sdk_schema_checks() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("korus.docx");
    render(&[
        "--data",
        SAMPLE,
        "--format",
        "docx",
        "--out",
        docx.to_str().unwrap(),
    ]);
    assert_passes_schema_checks(&docx);
}

#[test]
fn a_per_recipient_letter_is_one_word_file_per_copy_or_one_with_a_section_each() {
    let dir = tempfile::tempdir().unwrap();
    // Twelve copies: past ten headers, where docx-rs files them out of order.
    let names: Vec<String> = (1..=12).map(|k| format!("Senator Number{k:02}")).collect();
    let per = data(dir.path(), "per.json", |v| {
        v["mode"] = "per_recipient".into();
        let base = v["recipients"][0].clone();
        let list: Vec<Value> = names
            .iter()
            .map(|n| {
                let mut r = base.clone();
                r["name"] = n.clone().into();
                r["salutation"] = n.clone().into();
                r
            })
            .collect();
        v["recipients"] = list.into();
    });
    let out = dir.path().join("copies.docx");
    let said = render(&[
        "--data",
        per.to_str().unwrap(),
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(said.lines().count(), 12, "{said}");
    let third = dir.path().join("copies-03-senator-number03.docx");
    assert!(third.exists(), "{said}");
    let copy = read_docx(&third);
    assert_eq!(copy["sections"].as_array().unwrap().len(), 1);
    assert!(
        styled(&copy)
            .iter()
            .any(|(s, t)| s == "Salutation" && t == "Dear Senator Number03:")
    );

    let one = dir.path().join("all.docx");
    let said = render(&[
        "--data",
        per.to_str().unwrap(),
        "--format",
        "docx",
        "--one-file",
        "--out",
        one.to_str().unwrap(),
    ]);
    assert_eq!(said.trim(), format!("wrote {}", one.display()));
    let all = read_docx(&one);
    let sections = all["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 12);
    for (k, s) in sections.iter().enumerate() {
        let head = s["header"][0]["text"].as_str().unwrap();
        assert!(
            head.starts_with(&format!("{}\t", names[k])),
            "copy {} is headed {head:?}",
            k + 1
        );
        assert_eq!(
            s["header"][0]["fields"],
            serde_json::json!(["PAGE", "SECTIONPAGES"])
        );
        assert_eq!(s["first_page_different"], true);
    }
    let salutations: Vec<String> = styled(&all)
        .into_iter()
        .filter(|(s, _)| s == "Salutation")
        .map(|(_, t)| t)
        .collect();
    let expected: Vec<String> = names.iter().map(|n| format!("Dear {n}:")).collect();
    assert_eq!(salutations, expected);
    // Set by LibreOffice: each copy starts a page and is numbered from 1.
    let word = libreoffice_pdf(&one);
    let single = libreoffice_pdf(&third);
    assert_eq!(pages(&word), 12 * pages(&single));
    let text = tool("pdftotext", &[word.to_str().unwrap(), "-"]);
    let n = pages(&single);
    if n > 1 {
        assert_eq!(
            text.matches(&format!("Page 2 of {n}")).count(),
            12,
            "each copy numbered on its own"
        );
    }
}

#[test]
fn a_draft_is_marked_and_a_signed_letter_carries_the_signature_in_word() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let file = |name: &str| dir.path().join(name);
    // A new letter from the record's first (the sample, sent) is a draft.
    let drafted = ok(&db, &["letters", "copy", "1", "--date", "2017-09-20"]);
    assert!(drafted.starts_with("drafted letter 2"), "{drafted}");
    ok(
        &db,
        &[
            "letters",
            "export",
            "2",
            "--format",
            "docx",
            "--out",
            file("draft.docx").to_str().unwrap(),
        ],
    );
    let draft = read_docx(&file("draft.docx"));
    for header in ["first_header", "header"] {
        let top = &draft["sections"][0][header][0];
        assert_eq!(top["style"], "Draft Mark", "{header}: {top}");
        assert_eq!(top["text"], "DRAFT — not approved for sending");
    }
    // Its LibreOffice PDF says so on every page, as Amicus's PDF does.
    let text = tool(
        "pdftotext",
        &[libreoffice_pdf(&file("draft.docx")).to_str().unwrap(), "-"],
    );
    assert_eq!(
        text.matches("DRAFT — not approved for sending").count(),
        2,
        "{text}"
    );

    let signature = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/signature.png");
    ok(
        &db,
        &["signers", "signature", "1", signature.to_str().unwrap()],
    );
    ok(&db, &["letters", "approve", "2"]);
    ok(
        &db,
        &[
            "letters",
            "export",
            "2",
            "--format",
            "docx",
            "--out",
            file("approved.docx").to_str().unwrap(),
        ],
    );
    let approved = read_docx(&file("approved.docx"));
    assert_ne!(approved["sections"][0]["header"][0]["style"], "Draft Mark");
    assert!(
        !approved["body"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["picture"] == true)
    );
    ok(&db, &["letters", "sign", "2"]);
    ok(
        &db,
        &[
            "letters",
            "export",
            "2",
            "--format",
            "docx",
            "--out",
            file("signed.docx").to_str().unwrap(),
        ],
    );
    let signed = read_docx(&file("signed.docx"));
    let body = signed["body"].as_array().unwrap();
    let at = body
        .iter()
        .position(|p| p["picture"] == true)
        .expect("the signature image is in the signed letter");
    assert_eq!(body[at]["style"], "Signature Image");
    assert_eq!(body[at - 1]["style"], "Closing");
    assert_eq!(body[at + 1]["style"], "Signature");
    assert!(
        body[at + 1]["text"]
            .as_str()
            .unwrap()
            .starts_with("Jordan A. Whitfield")
    );
    // The export is in the letter's history, as a PDF export is.
    let shown = ok(&db, &["letters", "show", "2"]);
    assert!(shown.contains("signed.docx"), "{shown}");
}

/// openxml-audit (the Open XML SDK's schema checks) finds nothing in `docx`.
pub(crate) fn assert_passes_schema_checks(docx: &Path) {
    let out = Command::new(tools("openxml-audit"))
        .args(["--output", "json", "--max-errors", "0"])
        .arg(docx)
        .output()
        .unwrap_or_else(|e| panic!("openxml-audit is needed (make setup installs it): {e}"));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "openxml-audit printed no JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    // Its strict policy also asks for a theme part, which neither the
    // schemas nor the SDK require (Word then uses its default theme): the
    // one finding allowed. Everything else, schema order included, is an error.
    let errors: Vec<&Value> = report[0]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            !e["description"]
                .as_str()
                .unwrap_or_default()
                .contains("relationships/theme")
        })
        .collect();
    assert!(
        errors.is_empty(),
        "schema errors in {}: {errors:#?}",
        docx.display()
    );
    assert_eq!(report[0]["warning_count"], 0, "{report}");
}
