//! `amicus mail login oidc --issuer … --client-id …` against a real OpenID
//! provider this test starts (`oidc-provider`, scripts/test-oidc-provider.mjs):
//! $BROWSER is the test's browser script, which signs in on the provider's
//! pages and is sent back to the loopback port `amicus` listens on. Without a
//! session bus there is no keychain, so the sign-in lasts the command, and
//! `amicus` says so; the organization's sign-in settings stay in the record.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

use crate::common::Run;
use crate::common::{fails, ok};
use testkit::oidc::{CLIENT_ID, Provider};

fn amicus_with_browser(db: &Path, browser: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args(args)
        .env("AMICUS_DB", db)
        .env("BROWSER", browser)
        .env("XDG_CONFIG_HOME", db.with_file_name("no-config"))
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .run()
}

/// A $BROWSER that signs in as `who` (or closes the browser), its output in `out`.
fn browser(dir: &Path, name: &str, args: &str) -> std::path::PathBuf {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/test-oidc-browser.mjs");
    let path = dir.join(name);
    let out = dir.join(format!("{name}.out"));
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\nexec node '{}' \"$1\" {args} > '{}' 2>&1\n",
            script.display(),
            out.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

#[test]
fn mail_login_signs_in_through_the_browser_and_says_where_the_sign_in_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let provider = Provider::start();
    let db = dir.path().join("amicus.db");
    ok(
        &db,
        &[
            "mail",
            "set",
            "--server",
            "127.0.0.1",
            "--port",
            "2525",
            "--from",
            "trade@wachamber.example",
        ],
    );
    let issuer = provider.issuer();
    let signs_in = browser(dir.path(), "signs-in", "--login ann@wachamber.example");
    let o = amicus_with_browser(
        &db,
        &signs_in,
        &[
            "mail",
            "login",
            "oidc",
            "--issuer",
            &issuer,
            "--client-id",
            CLIENT_ID,
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{out}{err}");
    assert!(
        out.contains("signed in to the mailbox as ann@wachamber.example"),
        "{out}"
    );
    assert!(out.contains("no system keychain answered"), "{out}");
    assert!(
        err.contains(&format!("{issuer}/auth?")),
        "the address is shown too: {err}"
    );
    let page = std::fs::read_to_string(dir.path().join("signs-in.out")).unwrap();
    assert!(page.contains("You are signed in to the mailbox"), "{page}");

    // The provider and client are the organization's settings now; the
    // sign-in itself went nowhere (no keychain), and `mail show` says so.
    let shown = ok(&db, &["mail", "show"]);
    assert!(
        shown.contains("sign-in: your organization's sign-in service (client amicus-desktop), no one signed in on this computer"),
        "{shown}"
    );

    // The browser closed: the wait ends in words, nothing is kept.
    let closes = browser(dir.path(), "closes", "--close");
    let o = amicus_with_browser(&db, &closes, &["mail", "login", "--timeout", "3"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("not finished in the browser within 3 seconds (was the browser window closed?); nothing was saved"),
        "{err}"
    );

    // An issuer that is not one is refused before any browser opens.
    let e = fails(&db, &["mail", "login", "oidc", "--client-id", CLIENT_ID]);
    assert!(e.contains("enter the issuer's address"), "{e}");
}

/// No browser can be started here (a server, a locked-down laptop): the
/// address is printed and the sign-in waits for it, so opening it by hand
/// (here: the test's browser script, given the address from stderr) signs in.
#[test]
fn with_no_browser_the_printed_address_opened_by_hand_signs_in() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let provider = Provider::start();
    let db = dir.path().join("amicus.db");
    ok(
        &db,
        &[
            "mail",
            "set",
            "--server",
            "127.0.0.1",
            "--port",
            "2525",
            "--from",
            "trade@wachamber.example",
        ],
    );
    let issuer = provider.issuer();
    let mut child = Command::new(env!("CARGO_BIN_EXE_amicus"))
        .args([
            "mail",
            "login",
            "oidc",
            "--issuer",
            &issuer,
            "--client-id",
            CLIENT_ID,
            "--timeout",
            "60",
        ])
        .env("AMICUS_DB", &db)
        .env("BROWSER", dir.path().join("no-such-browser"))
        .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut said = String::new();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().expect("amicus printed the address").unwrap();
        said.push_str(&line);
        said.push('\n');
        if line.starts_with(&format!("{issuer}/auth?")) {
            break line;
        }
    };
    let by_hand = browser(dir.path(), "by-hand", "--login ann@wachamber.example");
    let opened = Command::new(&by_hand).arg(&address).status().unwrap();
    assert!(opened.success());
    let out = child.wait_with_output().unwrap();
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}{}", rest.join("\n"));
    assert!(
        stdout.contains("signed in to the mailbox as ann@wachamber.example"),
        "{stdout}"
    );
    assert!(
        said.contains("open this address")
            || rest
                .iter()
                .any(|l| l.contains("no browser could be started")),
        "{said}"
    );
}
