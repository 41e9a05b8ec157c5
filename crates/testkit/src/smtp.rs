//! The real mail server the e-mail tests talk to (scripts/test-smtp-server.py,
//! aiosmtpd from the venv scripts/setup.sh makes), and a CA and server
//! certificate for it. Shared by the app's and the CLI's tests.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn python() -> PathBuf {
    let venv = root().join("target/tools/pyhanko/bin/python");
    assert!(
        venv.exists(),
        "{} is missing: run scripts/setup.sh (it installs aiosmtpd)",
        venv.display()
    );
    venv
}

/// The test's mail server; stopped (stdin closed, then killed) when dropped.
pub struct Server {
    running: Running,
    pub port: u16,
    pub maildir: PathBuf,
}

/// How the server runs: a child of the test, or (for a test that cannot
/// start a Linux program, as under Wine) a child of
/// scripts/test-smtp-spawner.py, held by a connection to it.
enum Running {
    Child(Child, Option<ChildStdin>),
    Spawned(TcpStream),
}

impl Server {
    /// A mail server writing what it receives to `dir/name`, with `args`
    /// (paths in them relative to `dir`). Through the spawner at
    /// `AMICUS_TEST_SMTP_SPAWNER` (host:port) when that is set.
    pub fn start(dir: &Path, name: &str, args: &[&str]) -> Server {
        let maildir = dir.join(name);
        let mut all = vec!["--maildir", name];
        all.extend_from_slice(args);
        let (running, line) = match std::env::var("AMICUS_TEST_SMTP_SPAWNER") {
            Ok(at) => spawned(&at, dir, &all),
            Err(_) => child(dir, &all),
        };
        let port = line
            .strip_prefix("READY ")
            .unwrap_or_else(|| panic!("the mail server did not start: {line:?}"))
            .trim()
            .parse()
            .unwrap();
        Server {
            running,
            port,
            maildir,
        }
    }

    /// The messages received, in order, parsed back to bytes.
    pub fn received(&self) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for n in 1.. {
            match std::fs::read(self.maildir.join(format!("{n}.eml"))) {
                Ok(b) => out.push(b),
                Err(_) => break,
            }
        }
        out
    }
}

fn child(dir: &Path, args: &[&str]) -> (Running, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/test-smtp-server.py");
    let mut child = Command::new(python())
        .arg(script)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let stdin = child.stdin.take();
    (Running::Child(child, stdin), line)
}

fn spawned(at: &str, dir: &Path, args: &[&str]) -> (Running, String) {
    let mut conn = TcpStream::connect(at)
        .unwrap_or_else(|e| panic!("the mail-server spawner at {at} cannot be reached: {e}"));
    let ask = serde_json::json!({ "dir": dir.to_string_lossy(), "args": args });
    writeln!(conn, "{ask}").unwrap();
    let mut line = String::new();
    BufReader::new(conn.try_clone().unwrap())
        .read_line(&mut line)
        .unwrap();
    (Running::Spawned(conn), line)
}

impl Drop for Server {
    fn drop(&mut self) {
        match &mut self.running {
            Running::Child(child, stdin) => {
                drop(stdin.take());
                let _ = child.kill();
                let _ = child.wait();
            }
            Running::Spawned(conn) => {
                let _ = conn.shutdown(std::net::Shutdown::Both);
            }
        }
    }
}
