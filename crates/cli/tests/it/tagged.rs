//! Issue 31: letters any reader can read and any archive can keep. A
//! letter's PDF is tagged (its structure tree reads the letter in order,
//! the letterhead, running heads and page numbers left out as artifacts),
//! every script's names extract as they were typed, and the file passes
//! our PDF/A-2u and PDF/UA-1 checks ([`crate::pdfa_check`]), signed too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::Run;
use crate::common::{ok, tool};
use crate::pdfa_check;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../templates/samples/korus-2017.json"
);

/// `amicus render` of the sample's data with `edit` applied; the PDFs written.
fn render(dir: &Path, name: &str, edit: impl Fn(&mut Value)) -> Vec<PathBuf> {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    edit(&mut v);
    let data = dir.join(format!("{name}.json"));
    std::fs::write(&data, v.to_string()).unwrap();
    let out = dir.join(format!("{name}.pdf"));
    let o = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(["render", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .run();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("wrote "))
        .map(PathBuf::from)
        .collect()
}

/// The text of the structure tree in order, as `pdfinfo -struct-text` reads it.
fn structure_words(pdf: &Path) -> Vec<String> {
    tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()])
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix('"').and_then(|l| l.strip_suffix('"'))
        })
        .flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// The structure tree's outline: each element's type, indented.
fn structure(pdf: &Path) -> String {
    tool("pdfinfo", &["-struct", pdf.to_str().unwrap()])
}

/// The pages' words in the order they are drawn (`pdftotext -raw`: no
/// joining of words hyphenated at a line's end).
fn page_words(pdf: &Path) -> Vec<String> {
    tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"])
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

/// `all` without `part`, which must be in it in order: what is left.
fn without(all: &[String], part: &[String]) -> Vec<String> {
    let mut left = Vec::new();
    let mut k = 0;
    for w in all {
        if k < part.len() && *w == part[k] {
            k += 1;
        } else {
            left.push(w.clone());
        }
    }
    assert_eq!(
        k,
        part.len(),
        "the structure's text is not in the page's order"
    );
    left
}

#[test]
fn the_structure_tree_reads_the_letter_in_order_without_the_page_furniture() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = &render(dir.path(), "korus", |_| {})[0];
    let tree = structure_words(pdf);
    let pages = page_words(pdf);
    // What the pages show beyond the tree is exactly the letterhead and
    // page 2's running head (addressees, date, "Page 2 of 2").
    let furniture = without(&pages, &tree);
    let mut expected = words(
        "Lakeshore State Chamber of Commerce International Trade Council \
         88 East Broad Street, Suite 1500 · Columbus, Ohio 43215 \
         (614) 555-0142 · www.lakeshorechamber.org",
    );
    expected.extend(words(
        "Secretary Ross and Ambassador Lighthizer September 5, 2017 Page 2 of 2",
    ));
    let mut sorted_furniture = furniture.clone();
    sorted_furniture.sort();
    expected.sort();
    assert_eq!(sorted_furniture, expected, "{furniture:?}");
    // The tree starts with the date and ends with the copies line.
    assert_eq!(tree[..3], ["September", "5,", "2017"]);
    assert!(tree.iter().any(|w| w == "Sincerely,"));

    // Its elements: the document of named paragraphs and a bulleted list
    // (poppler shows each name as the standard type it is mapped to).
    let outline = structure(pdf);
    for element in ["Document", "P", "L", "LI", "Lbl", "LBody"] {
        assert!(
            outline
                .lines()
                .any(|l| l.trim() == element || l.trim().starts_with(&format!("{element} "))),
            "no {element}: {outline}"
        );
    }
    let bytes = std::fs::read(pdf).unwrap();
    let kinds = pdfa_check::element_types(&bytes);
    let named: Vec<&str> = kinds
        .iter()
        .map(String::as_str)
        .filter(|k| !["P", "L", "LI", "Lbl", "LBody"].contains(k))
        .collect();
    assert_eq!(
        named,
        [
            "Document",
            "Date",
            "Address",
            "Address",
            "Subject",
            "Salutation",
            "Closing",
            "Signature",
            "Copies"
        ],
        "{kinds:?}"
    );
    let found = pdfa_check::problems(&bytes, true);
    assert!(found.is_empty(), "{found:#?}");
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("PDF version:     1.7"), "{info}");
}

#[test]
fn each_copy_of_a_letter_per_recipient_is_tagged_with_its_own_addressee() {
    let dir = tempfile::tempdir().unwrap();
    let copies = render(dir.path(), "copies", |v| v["mode"] = "per_recipient".into());
    assert_eq!(copies.len(), 2);
    let second = structure_words(&copies[1]).join(" ");
    assert!(
        second.contains("The Honorable Robert E. Lighthizer"),
        "{second}"
    );
    assert!(!second.contains("Wilbur Ross"), "{second}");
    assert!(second.contains("Dear Ambassador Lighthizer:"), "{second}");
    let found = pdfa_check::problems(&std::fs::read(&copies[1]).unwrap(), true);
    assert!(found.is_empty(), "{found:#?}");
}

/// Bidirectional controls poppler puts around right-to-left text.
fn plain(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(*c as u32, 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069))
        .collect()
}

#[test]
fn names_in_every_script_extract_as_they_were_typed() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "문재인",
        "安倍晋三",
        "Κυριάκος Μητσοτάκης",
        "Nguyễn Xuân Phúc",
        "محمد بن سلمان",
        "בנימין נתניהו",
    ];
    let pdf = &render(dir.path(), "names", |v| {
        let base = v["recipients"][0].clone();
        v["recipients"] = names
            .iter()
            .map(|n| {
                let mut r = base.clone();
                r["name"] = (*n).into();
                r["salutation"] = (*n).into();
                r.as_object_mut().unwrap().remove("title");
                r
            })
            .collect::<Vec<_>>()
            .into();
    })[0];
    let text = plain(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    let addressed: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("The Honorable "))
        .collect();
    assert_eq!(addressed, names, "{text}");
    // In the greeting too, a right-to-left name keeps its words' order and
    // the list's comma after it.
    let joined = text.replace('\n', " ");
    assert!(
        joined.contains("Nguyễn Xuân Phúc, محمد بن سلمان, and בנימין נתניהו:"),
        "{joined}"
    );
    // And in the structure tree.
    let tree = plain(&structure_words(pdf).join(" "));
    for n in names {
        assert!(tree.contains(&format!("The Honorable {n}")), "{n}: {tree}");
    }
}

#[test]
fn a_signed_letter_stays_tagged_and_archival_and_its_signature_holds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    ok(&db, &["letters", "copy", "1", "--date", "2017-09-20"]);
    ok(
        &db,
        &[
            "signers",
            "signature",
            "1",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/signature.png"),
        ],
    );
    ok(&db, &["letters", "approve", "2"]);
    let p12 = testkit::pki::write(
        dir.path(),
        "jordan.p12",
        &testkit::pki::self_signed_p12("Jordan A. Whitfield", 365),
    );
    crate::common::sign_digitally(&db, "2", &p12);
    ok(&db, &["letters", "send", "2", "--method", "mail"]);
    let pdf = dir.path().join("signed.pdf");
    ok(
        &db,
        &["letters", "export", "2", "--out", pdf.to_str().unwrap()],
    );
    let bytes = std::fs::read(&pdf).unwrap();
    // The handwritten signature is a figure a screen reader can name, and
    // the digital signature's field is in the structure as a form.
    assert_eq!(
        pdfa_check::alternate_texts(&bytes, b"Figure"),
        ["Signature of Jordan A. Whitfield"]
    );
    assert_eq!(
        pdfa_check::alternate_texts(&bytes, b"Form"),
        ["Digital signature of Jordan A. Whitfield"]
    );
    let found = pdfa_check::problems(&bytes, true);
    assert!(found.is_empty(), "{found:#?}");
    // The structure's text still ends with the signer's block.
    let tree = structure_words(&pdf).join(" ");
    assert!(tree.contains("Sincerely, Jordan A. Whitfield"), "{tree}");
    // The signature itself holds, as poppler reads it.
    let sigs = tool("pdfsig", &[pdf.to_str().unwrap()]);
    assert!(
        sigs.contains("Signature Validation: Signature is Valid."),
        "{sigs}"
    );
    let verified = ok(&db, &["letters", "verify", "2"]);
    assert!(verified.contains("content matches"), "{verified}");
}

#[test]
fn a_letter_in_another_language_says_so_and_a_bad_tag_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let body = dir.path().join("body.txt");
    std::fs::write(&body, "Nous appuyons l'accord.").unwrap();
    let new = |lang: &str| {
        crate::common::amicus(
            &db,
            &[
                "letters",
                "new",
                "--to",
                "Secretary of Commerce",
                "--date",
                "2017-09-20",
                "--subject",
                "KORUS",
                "--issue",
                "KORUS",
                "--body-file",
                body.to_str().unwrap(),
                "--lang",
                lang,
            ],
        )
    };
    let refused = new("french!");
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("\"french!\" is not a language tag"), "{said}");
    assert!(new("fr-CA").status.success());
    let pdf = dir.path().join("fr.pdf");
    ok(
        &db,
        &["letters", "export", "2", "--out", pdf.to_str().unwrap()],
    );
    let doc = lopdf::Document::load(&pdf).unwrap();
    let lang = doc
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap()
        .to_vec();
    assert_eq!(lang, b"fr-CA");
}
