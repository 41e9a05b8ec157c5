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
        .run()
}

/// `amicus letters sign LETTER --certificate P12`, the certificate's password
/// ("letters") given as a script would; no session bus, so no keychain: the
/// user's own is never reached. Must succeed; its output.
pub fn sign_digitally(db: &Path, letter: &str, p12: &Path) -> Output {
    let signed = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(["letters", "sign", letter, "--certificate"])
        .arg(p12)
        .env("AMICUS_DB", db)
        .env("AMICUS_CERT_PASSWORD", "letters")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .run();
    assert!(signed.status.success(), "{signed:?}");
    signed
}

/// Running a command to its end, as `Command::output` does, except that a
/// start Wine refused is tried again. Under load Wine (which runs these tests
/// as Windows programs) now and then fails `CreateProcess` with
/// ERROR_INTERNAL_ERROR (1359); nothing ran then, so starting it again is safe,
/// and a real Windows does not do this.
pub trait Run {
    fn run(&mut self) -> Output;
}

impl Run for Command {
    fn run(&mut self) -> Output {
        const WINE_COULD_NOT_START: i32 = 1359;
        let mut tries = 0;
        loop {
            match self.output() {
                Ok(o) => return o,
                Err(e)
                    if cfg!(windows)
                        && e.raw_os_error() == Some(WINE_COULD_NOT_START)
                        && tries < 5 =>
                {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(250 * tries));
                }
                Err(e) => panic!("{:?} does not start: {e}", self.get_program()),
            }
        }
    }
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
