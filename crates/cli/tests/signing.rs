//! Signing draws the signer's signature on the letter, as a reader sees it:
//! ink appears above the typed name only once the letter is signed, a copy
//! to sign by hand leaves the space blank, and a signed letter keeps the
//! image it was signed with.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{amicus, ok};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Where the signer's typed name starts on the last page: (page, x, top), in points.
fn name_position(pdf: &Path, first_word: &str) -> (u32, f32, f32) {
    let out = Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8(out.stdout).unwrap();
    let mut found = None;
    for (page, text) in html.split("<page ").skip(1).enumerate() {
        for word in text.split("<word ").skip(1) {
            let Some((attrs, rest)) = word.split_once('>') else {
                continue;
            };
            if !rest.starts_with(&format!("{first_word}<")) {
                continue;
            }
            let attr = |name: &str| -> f32 {
                let at = attrs.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                attrs[at..].split('"').next().unwrap().parse().unwrap()
            };
            found = Some((page as u32 + 1, attr("xMin"), attr("yMin")));
        }
    }
    found.unwrap_or_else(|| panic!("{first_word} is not in {}", pdf.display()))
}

/// Dark pixels in the box (points) of page `page`, rendered at 72 dpi in grey.
fn ink(pdf: &Path, page: u32, x: f32, top: f32, width: f32, height: f32) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let stem = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args([
            "-r",
            "72",
            "-gray",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
            "-singlefile",
        ])
        .arg(pdf)
        .arg(&stem)
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    let pgm = std::fs::read(stem.with_extension("pgm")).unwrap();
    // P5 header: "P5\n<w> <h>\n255\n", then one byte per pixel.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..i]).to_string());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &pgm[i + 1..];
    let mut dark = 0;
    for y in (top.max(0.0) as usize)..((top + height) as usize).min(h) {
        for x in (x.max(0.0) as usize)..((x + width) as usize).min(w) {
            if pixels[y * w + x] < 128 {
                dark += 1;
            }
        }
    }
    dark
}

/// Ink in the space above the signer's name ("Jordan A. Whitfield").
fn signature_ink(pdf: &Path) -> usize {
    let (page, x, top) = name_position(pdf, "Jordan");
    ink(pdf, page, x, top - 40.0, 160.0, 38.0)
}

#[test]
fn the_signature_is_drawn_only_once_signed_and_a_signed_letter_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let pdf = |name: &str| dir.path().join(name);
    let drafted = ok(&db, &["letters", "copy", "1", "--date", "2017-09-20"]);
    assert!(drafted.starts_with("drafted letter 2"), "{drafted}");
    ok(&db, &["letters", "approve", "2"]);

    // A picture that is not a PNG is refused, and nothing is put on file.
    let not_png = dir.path().join("signature.png");
    std::fs::write(&not_png, "a scan saved as text").unwrap();
    let refused = amicus(
        &db,
        &["signers", "signature", "1", not_png.to_str().unwrap()],
    );
    assert!(!refused.status.success());
    let why = String::from_utf8(refused.stderr).unwrap();
    assert!(why.contains("cannot be used as a signature"), "{why}");
    assert!(ok(&db, &["signers", "list"]).contains("no signature image"));

    let image = fixture("signature.png");
    ok(&db, &["signers", "signature", "1", image.to_str().unwrap()]);
    assert!(
        ok(&db, &["signers", "list"]).contains(
            "Jordan A. Whitfield, Vice President, International Trade  (signature on file)"
        )
    );

    // Approved, not signed: the space stays blank.
    ok(
        &db,
        &[
            "letters",
            "export",
            "2",
            "--out",
            pdf("approved.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(
        signature_ink(&pdf("approved.pdf")),
        0,
        "an approved letter has no signature"
    );

    ok(&db, &["letters", "sign", "2"]);
    ok(
        &db,
        &[
            "letters",
            "export",
            "2",
            "--out",
            pdf("signed.pdf").to_str().unwrap(),
        ],
    );
    let signed = signature_ink(&pdf("signed.pdf"));
    assert!(
        signed > 100,
        "the signed letter shows the signature ({signed} dark pixels)"
    );
    // Nothing else moved: the name is where it was before signing.
    assert_eq!(
        name_position(&pdf("approved.pdf"), "Jordan"),
        name_position(&pdf("signed.pdf"), "Jordan")
    );

    // A copy to sign by hand.
    ok(
        &db,
        &[
            "letters",
            "export",
            "2",
            "--blank-signature",
            "--out",
            pdf("wet.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(
        signature_ink(&pdf("wet.pdf")),
        0,
        "the copy to sign by hand is blank there"
    );

    // The signer's image changes later: the signed letter keeps its own.
    ok(&db, &["signers", "signature", "1", "--remove"]);
    ok(
        &db,
        &[
            "letters",
            "export",
            "2",
            "--out",
            pdf("later.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(signature_ink(&pdf("later.pdf")), signed);

    // Sent: the archive holds the signed pages, and verifying re-draws them.
    ok(&db, &["letters", "send", "2", "--method", "mail"]);
    let verified = ok(&db, &["letters", "verify", "2"]);
    assert!(verified.contains("verified"), "{verified}");
}
