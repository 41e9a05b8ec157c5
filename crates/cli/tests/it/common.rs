//! Running the `amicus` binary on a test's own record.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

pub fn amicus(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(args)
        .env("AMICUS_DB", db)
        // Never this computer's saved team record (the record named wins
        // anyway; this keeps it so if a test names none).
        .env("XDG_CONFIG_HOME", db.with_file_name("no-config"))
        .output()
        .expect("amicus runs")
}

/// Standard output of a command that must succeed.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let o = amicus(db, args);
    assert!(
        o.status.success(),
        "amicus {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Standard error of a command that must fail.
pub fn fails(db: &Path, args: &[&str]) -> String {
    let o = amicus(db, args);
    assert!(!o.status.success(), "amicus {args:?} should fail");
    String::from_utf8(o.stderr).unwrap()
}

/// The view a command prints with `--json`, read back (the command must succeed).
pub fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let mut with = args.to_vec();
    with.push("--json");
    let text = ok(db, &with);
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("amicus {with:?} printed no JSON ({e}): {text}"))
}

/// Standard output of a reader's tool (pdftotext, pdfinfo, qpdf…) that must succeed.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test (make setup installs it): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
