//! The real OpenID Connect provider the mailbox sign-in tests talk to
//! (scripts/test-oidc-provider.mjs: `oidc-provider` from npm, installed by
//! scripts/setup.sh under target/tools/oidc-provider), the "browser" that
//! signs in there (scripts/test-oidc-browser.mjs), and the stand-ins for
//! Microsoft Graph and the Gmail API (scripts/test-mail-api-server.py).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Start `cmd`, wait for its "READY <port>" line (skipping any warnings
/// before it) and keep its stdin open (closing it stops the process).
fn start(mut cmd: Command, what: &str) -> (Child, Option<ChildStdin>, u16) {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{what} did not start: {e}"));
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let port = loop {
        line.clear();
        if out.read_line(&mut line).unwrap() == 0 {
            panic!("{what} stopped before it was ready");
        }
        if let Some(p) = line.strip_prefix("READY ") {
            break p.trim().parse().unwrap();
        }
    };
    // Keep reading what it prints, so a later line never meets a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let stdin = child.stdin.take();
    (child, stdin, port)
}

/// The test's OpenID provider on 127.0.0.1; stopped when dropped.
pub struct Provider {
    child: Child,
    stdin: Option<ChildStdin>,
    pub port: u16,
}

/// The client Amicus signs in as, and the one whose tokens are for someone else.
pub const CLIENT_ID: &str = "amicus-desktop";

impl Provider {
    pub fn start() -> Provider {
        let lib = root().join("target/tools/oidc-provider/node_modules/oidc-provider");
        assert!(
            lib.exists(),
            "{} is missing: run scripts/setup.sh (it installs oidc-provider)",
            lib.display()
        );
        let mut cmd = Command::new("node");
        cmd.arg(root().join("scripts/test-oidc-provider.mjs"))
            .stderr(Stdio::null());
        let (child, stdin, port) = start(cmd, "the test OpenID provider");
        Provider { child, stdin, port }
    }

    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn introspection(&self) -> String {
        format!("{}/token/introspection", self.issuer())
    }

    fn post(&self, path: &str, basic: &str, form: &str) -> (u16, serde_json::Value) {
        post(self.port, path, basic, form)
    }

    /// Revoke a token (RFC 7009), as an administrator ending a session
    /// would: a refresh token takes its grant's access tokens with it.
    pub fn revoke(&self, token: &str) {
        revoke(self.port, token);
    }

    /// An access token for another client (client credentials): the wrong audience.
    pub fn token_for_another_client(&self) -> String {
        let (_, v) = self.post("/token", OTHER_APP, "grant_type=client_credentials");
        v["access_token"].as_str().unwrap().to_string()
    }

    /// Whether the provider still takes `token` (introspection).
    pub fn active(&self, token: &str) -> bool {
        let (_, v) = self.post(
            "/token/introspection",
            MAIL_SERVER,
            &format!("token={}", form(token)),
        );
        v["active"].as_bool().unwrap()
    }
}

/// POST a form to the provider on `port` with a client's basic credentials;
/// the status and the JSON answer.
fn post(port: u16, path: &str, basic: &str, form: &str) -> (u16, serde_json::Value) {
    use std::io::Write;
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Basic {basic}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{form}",
        form.len()
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    let status = answer[9..12].parse().unwrap();
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(body).unwrap_or_default())
}

/// Revoke `token` at the provider on `port` (for a closure that outlives
/// the borrow of the `Provider`, such as a sending's progress callback).
pub fn revoke(port: u16, token: &str) {
    let (status, _) = post(
        port,
        "/token/revocation",
        MAIL_SERVER,
        &format!("token={}", form(token)),
    );
    assert_eq!(status, 200, "revocation");
}

/// Basic credentials of the provider's confidential clients.
const MAIL_SERVER: &str = "bWFpbC1zZXJ2ZXI6bWFpbC1zZXJ2ZXItc2VjcmV0";
const OTHER_APP: &str = "b3RoZXItYXBwOm90aGVyLWFwcC1zZWNyZXQ=";

/// Tokens are URL-safe already but for these.
fn form(v: &str) -> String {
    v.replace('%', "%25")
        .replace('+', "%2B")
        .replace('&', "%26")
        .replace('=', "%3D")
}

impl Drop for Provider {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The person in the browser: what they do at the provider's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Person {
    /// Signs in as this address and allows.
    SignsIn(&'static str),
    /// Closes the browser on the login page.
    ClosesTheBrowser,
    /// Refuses on the consent page.
    Refuses(&'static str),
}

/// Open `url` in the test's "browser" (started, not waited for, as the
/// system's opener does); the child is handed back to wait on.
pub fn browse(url: &str, person: Person) -> Child {
    let mut cmd = Command::new("node");
    cmd.arg(root().join("scripts/test-oidc-browser.mjs"))
        .arg(url);
    match person {
        Person::SignsIn(who) => cmd.args(["--login", who]),
        Person::ClosesTheBrowser => cmd.arg("--close"),
        Person::Refuses(who) => cmd.args(["--login", who, "--deny"]),
    };
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// What the browser showed at the end (Amicus's loopback page), or why it stopped.
pub fn browser_finished(mut child: Child) -> String {
    let status = child.wait().unwrap();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "the browser failed: {out}{err}");
    out
}

/// The stand-ins for Graph and Gmail; stopped when dropped.
pub struct ApiServer {
    child: Child,
    stdin: Option<ChildStdin>,
    pub port: u16,
    scheme: &'static str,
    pub maildir: PathBuf,
}

impl ApiServer {
    pub fn start(dir: &Path, provider: &Provider) -> ApiServer {
        ApiServer::start_with(dir, provider, &[])
    }

    /// Over HTTPS with `cert` and `key` (PEM files in `dir`).
    pub fn start_tls(dir: &Path, provider: &Provider, cert: &str, key: &str) -> ApiServer {
        let cert = dir.join(cert).display().to_string();
        let key = dir.join(key).display().to_string();
        ApiServer::start_with(dir, provider, &["--cert", &cert, "--key", &key])
    }

    fn start_with(dir: &Path, provider: &Provider, extra: &[&str]) -> ApiServer {
        let maildir = dir.join("api");
        let mut cmd = Command::new(crate::smtp::python());
        cmd.arg(root().join("scripts/test-mail-api-server.py"))
            .arg("--maildir")
            .arg(&maildir)
            .args(["--introspection", &provider.introspection()])
            .args(extra);
        let (child, stdin, port) = start(cmd, "the mail API stand-in");
        ApiServer {
            child,
            stdin,
            port,
            scheme: if extra.is_empty() { "http" } else { "https" },
            maildir,
        }
    }

    /// The address Amicus's settings give as the Graph API's (…/v1.0).
    pub fn graph_url(&self) -> String {
        format!("{}://127.0.0.1:{}/v1.0", self.scheme, self.port)
    }

    pub fn gmail_url(&self) -> String {
        format!("{}://127.0.0.1:{}", self.scheme, self.port)
    }

    /// The accepted requests in order: (file name, bytes, who the token was for).
    pub fn received(&self) -> Vec<(String, Vec<u8>, String)> {
        let mut out = Vec::new();
        for n in 1.. {
            let Ok(meta) = std::fs::read(self.maildir.join(format!("{n}.meta.json"))) else {
                break;
            };
            let meta: serde_json::Value = serde_json::from_slice(&meta).unwrap();
            let (name, bytes) = ["graph.json", "eml"]
                .iter()
                .find_map(|k| {
                    let name = format!("{n}.{k}");
                    std::fs::read(self.maildir.join(&name))
                        .ok()
                        .map(|b| (name, b))
                })
                .unwrap();
            out.push((name, bytes, meta["user"].as_str().unwrap().to_string()));
        }
        out
    }

    /// The refusals it gave, one line each ("401 token not active ...").
    pub fn refusals(&self) -> Vec<String> {
        std::fs::read_to_string(self.maildir.join("refusals.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

impl Drop for ApiServer {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
