//! The real mail server the e-mail tests talk to (scripts/test-smtp-server.py,
//! aiosmtpd from the venv scripts/setup.sh makes), and a CA and server
//! certificate for it. Shared by the app's and the CLI's tests.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
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
    child: Child,
    stdin: Option<ChildStdin>,
    pub port: u16,
    pub maildir: PathBuf,
}

impl Server {
    pub fn start(dir: &Path, name: &str, args: &[&str]) -> Server {
        let maildir = dir.join(name);
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/test-smtp-server.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg("--maildir")
            .arg(&maildir)
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
        let port = line
            .strip_prefix("READY ")
            .unwrap_or_else(|| panic!("the mail server did not start: {line:?}"))
            .trim()
            .parse()
            .unwrap();
        let stdin = child.stdin.take();
        Server {
            child,
            stdin,
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

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
