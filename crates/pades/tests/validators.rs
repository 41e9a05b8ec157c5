//! A signed letter is intact and trusted for two independent validators —
//! poppler's `pdfsig` (the test CA in an NSS database) and pyHanko (`--trust
//! ca.pem`) — and for `pades::verify`; a byte changed after signing, or one
//! appended, is caught by all three. The CA and the signer's certificate are
//! made here with rcgen (testkit's `pki`), not by the code under test.
//!
//! pyHanko comes from PyPI into a virtual environment (`scripts/setup.sh`
//! installs it in `target/tools/pyhanko`; `PYHANKO` may point elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use testkit::pki::{self, KeyUsagePurpose};

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

/// Output and success of a validator (they report a bad signature in words).
fn check(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    /// A CA, a signer certificate it issued (in a PKCS#12 file with the
    /// password "letters"), and an NSS database that trusts the CA.
    fn new() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let ca = pki::Ca::new(
            "Amicus Test CA",
            Some("Lakeshore State Chamber of Commerce"),
        );
        std::fs::write(d.join("ca.pem"), ca.pem()).unwrap();
        let signer = ca.signer(
            "Jordan A. Whitfield",
            Some("Lakeshore State Chamber of Commerce"),
            ("2024-01-01", "2099-01-01"),
            &[
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::ContentCommitment,
            ],
        );
        pki::write(d, "signer.p12", &signer.p12());
        std::fs::create_dir(d.join("nss")).unwrap();
        run(Command::new("certutil")
            .args(["-N", "--empty-password", "-d"])
            .arg(nss(d)));
        run(Command::new("certutil")
            .args(["-A", "-n", "Amicus Test CA", "-t", "CT,C,C", "-i"])
            .arg(d.join("ca.pem"))
            .arg("-d")
            .arg(nss(d)));
        Pki { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn signer(&self) -> pades::Signer {
        pades::Signer::from_pkcs12(&std::fs::read(self.path("signer.p12")).unwrap(), "letters")
            .unwrap()
    }

    /// pdfsig's verdict: (signature valid, certificate trusted), and its words.
    fn pdfsig(&self, pdf: &Path) -> (bool, bool, String) {
        let (_, text) = check(
            Command::new("pdfsig")
                .arg("-nssdir")
                .arg(nss(self.dir.path()))
                .arg(pdf),
        );
        (
            text.contains("Signature Validation: Signature is Valid."),
            text.contains("Certificate Validation: Certificate is Trusted."),
            text,
        )
    }

    /// pyHanko's verdict (it exits non-zero on anything wrong), and its words.
    fn pyhanko(&self, pdf: &Path) -> (bool, String) {
        check(
            Command::new(pyhanko())
                .args(["sign", "validate", "--trust-replace", "--trust"])
                .arg(self.path("ca.pem"))
                .arg(pdf),
        )
    }
}

fn nss(d: &Path) -> String {
    format!("sql:{}", d.join("nss").display())
}

fn pyhanko() -> PathBuf {
    if let Some(p) = std::env::var_os("PYHANKO") {
        return p.into();
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/tools/pyhanko/bin/pyhanko")
}

fn letter() -> Vec<u8> {
    fixture("letter.pdf")
}

/// `tests/fixtures/NAME`: `letter.pdf`, an untagged letter as Amicus wrote
/// them before, or `tagged-letter.pdf`, the KORUS sample as a tagged
/// PDF/UA-1 and PDF/A-2u file (signing adds its field to the structure).
fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

fn at() -> chrono::DateTime<chrono::Utc> {
    "2017-09-05T14:00:00Z".parse().unwrap()
}

#[test]
fn a_signed_letter_is_intact_and_trusted_for_both_validators() {
    for name in ["letter.pdf", "tagged-letter.pdf"] {
        signed_and_trusted(&fixture(name));
    }
}

fn signed_and_trusted(original: &[u8]) {
    let pki = Pki::new();
    let signed = pades::sign(original, &pki.signer(), at()).unwrap();
    assert!(signed.starts_with(original), "signing only appends");
    let file = pki.path("signed.pdf");
    std::fs::write(&file, &signed).unwrap();

    let verified = pades::verify(&signed).unwrap();
    assert_eq!(verified.signer, "Jordan A. Whitfield");
    assert!(verified.value_at > original.len());

    let (valid, trusted, words) = pki.pdfsig(&file);
    assert!(valid && trusted, "pdfsig:\n{words}");
    assert!(words.contains("Jordan A. Whitfield"), "{words}");
    assert!(words.contains("ETSI.CAdES.detached"), "{words}");
    assert!(words.contains("Total document signed"), "{words}");

    let (ok, words) = pki.pyhanko(&file);
    assert!(ok, "pyHanko:\n{words}");
    assert!(
        words.contains("INTACT") && words.contains("TRUSTED"),
        "{words}"
    );

    // The qpdf structure check still passes on the updated file.
    run(Command::new("qpdf").arg("--check").arg(&file));
}

#[test]
fn a_letter_changed_or_added_to_after_signing_is_caught_by_all_three() {
    let pki = Pki::new();
    let signed = pades::sign(&letter(), &pki.signer(), at()).unwrap();

    // One byte of the letter's text changed (inside the signed range).
    let mut altered = signed.clone();
    let at_text = altered
        .windows(b"/Producer".len())
        .position(|w| w == b"/Producer")
        .expect("the info dictionary");
    altered[at_text + 12] ^= 0x01;
    assert!(matches!(
        pades::verify(&altered),
        Err(pades::PadesError::Altered)
    ));
    let file = pki.path("altered.pdf");
    std::fs::write(&file, &altered).unwrap();
    let (valid, _, words) = pki.pdfsig(&file);
    assert!(!valid, "pdfsig should report the change:\n{words}");
    let (ok, words) = pki.pyhanko(&file);
    assert!(!ok, "pyHanko should report the change:\n{words}");

    // A page appended after the signature (an incremental update of its own).
    let mut appended = signed.clone();
    appended.extend_from_slice(b"\n1 0 obj\n(appended)\nendobj\n%%EOF\n");
    assert!(matches!(
        pades::verify(&appended),
        Err(pades::PadesError::Appended)
    ));
    let file = pki.path("appended.pdf");
    std::fs::write(&file, &appended).unwrap();
    let (_, _, words) = pki.pdfsig(&file);
    assert!(
        !words.contains("Total document signed"),
        "pdfsig should see the addition:\n{words}"
    );
}

#[test]
fn a_wrong_password_or_a_file_that_is_not_pkcs12_is_refused_plainly() {
    let pki = Pki::new();
    let p12 = std::fs::read(pki.path("signer.p12")).unwrap();
    let wrong = pades::Signer::from_pkcs12(&p12, "not the password").unwrap_err();
    assert_eq!(
        wrong.to_string(),
        "the password is wrong for this certificate file"
    );
    let not = pades::Signer::from_pkcs12(b"a letter, not a certificate", "letters").unwrap_err();
    assert!(not.to_string().contains("not a PKCS#12"), "{not}");
    assert!(!not.to_string().contains("password"), "{not}");
    assert!(matches!(
        pades::verify(&letter()),
        Err(pades::PadesError::Unsigned)
    ));
}
