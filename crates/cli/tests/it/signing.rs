//! Signing draws the signer's signature on the letter, as a reader sees it:
//! ink appears above the typed name only once the letter is signed, a copy
//! to sign by hand leaves the space blank, and a signed letter keeps the
//! image it was signed with.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

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
    assert_eq!(
        verified,
        "letter 2: 2 copies, not signed digitally, content matches\n"
    );
}

/// A self-signed certificate for Jordan A. Whitfield valid for `days` from
/// now, in `dir/jordan.p12` (password "letters").
fn certificate(dir: &Path, days: u32) -> PathBuf {
    let p12 = testkit::pki::self_signed_p12("Jordan A. Whitfield", i64::from(days));
    testkit::pki::write(dir, "jordan.p12", &p12)
}

#[test]
fn signing_warns_of_a_certificate_about_to_expire_and_verify_all_reads_as_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    ok(&db, &["letters", "copy", "1", "--date", "2017-09-20"]);
    ok(&db, &["letters", "approve", "2"]);
    let p12 = certificate(dir.path(), 10);
    let signed = common::sign_digitally(&db, "2", &p12);
    let said = String::from_utf8(signed.stdout).unwrap();
    assert_eq!(
        said,
        "letter 2 signed, and digitally signed by Jordan A. Whitfield\n"
    );
    let warned = String::from_utf8(signed.stderr).unwrap();
    assert!(
        warned.starts_with("warning: the certificate 'Jordan A. Whitfield' expires on "),
        "{warned}"
    );
    assert!(warned.contains("(in 10 days)"), "{warned}");

    ok(&db, &["letters", "send", "2", "--method", "mail"]);
    assert_eq!(
        ok(&db, &["letters", "verify", "2"]),
        "letter 2: 2 copies, both digitally signed by Jordan A. Whitfield, content matches\n"
    );
    let all = ok(&db, &["letters", "verify", "--all"]);
    assert_eq!(
        all,
        "letter 1: 2 copies, not signed digitally, content matches\n\
         letter 2: 2 copies, both digitally signed by Jordan A. Whitfield, content matches\n\
         2 letters checked: every copy verified\n"
    );

    // Someone with the file puts letter 1's unsigned copy (other words) in
    // place of letter 2's first signed one, its hash recomputed and the
    // archive's guards dropped first.
    {
        let conn = store::rusqlite::Connection::open(&db).unwrap();
        let triggers: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'archive'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for t in triggers {
            conn.execute_batch(&format!("DROP TRIGGER \"{t}\""))
                .unwrap();
        }
        let (pdf, data): (Vec<u8>, String) = conn
            .query_row(
                "SELECT pdf, data FROM archive WHERE letter_id = 1 ORDER BY id LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let hash = store::letters::sha256_hex(&pdf);
        let changed = conn
            .execute(
                "UPDATE archive SET pdf = ?1, sha256 = ?2, data = ?3
                 WHERE id = (SELECT min(id) FROM archive WHERE letter_id = 2)",
                store::rusqlite::params![pdf, hash, data],
            )
            .unwrap();
        assert_eq!(changed, 1);
    }
    let failed = common::amicus(&db, &["letters", "verify", "--all"]);
    assert!(!failed.status.success());
    let report = String::from_utf8(failed.stdout).unwrap();
    assert!(
        report.contains(
            "letter 2: copy 1 (Commerce, Wilbur Ross): FAILED — the archived copy is not digitally signed, \
             but the letter was signed digitally by Jordan A. Whitfield\n"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "letter 2: copy 2 (USTR, Robert E. Lighthizer): digitally signed by Jordan A. Whitfield, content matches"
        ),
        "{report}"
    );
    assert!(!report.contains("every copy verified"), "{report}");
    let error = String::from_utf8(failed.stderr).unwrap();
    assert_eq!(
        error,
        "error: the record is damaged: letter 2: copy 1 (Commerce, Wilbur Ross): the archived copy \
         is not digitally signed, but the letter was signed digitally by Jordan A. Whitfield\n"
    );
}
