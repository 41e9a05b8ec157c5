//! A print server of a test's own: CUPS (`cupsd`, from Debian) started in a
//! temporary folder on a socket of its own, with one printer, "AmicusPDF",
//! a cups-pdf queue (the PDF printer from Debian's printer-driver-cups-pdf)
//! that writes each job as a PDF into `out`. The server keeps each job's
//! file as it was sent (`PreserveJobFiles`), so a test reads both what the
//! printer was given and what it printed. Programs reach it through
//! `CUPS_SERVER` (`env`). Stopped, and its cups-pdf settings removed, when
//! dropped.
//!
//! cups-pdf reads its settings from /etc/cups/cups-pdf-NAME.conf for a
//! queue whose device is cups-pdf:/NAME; the test writes one with a name of
//! its own and removes it again (root is needed for the print server
//! anyway: its backends run as root).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The printer every test server has.
pub const PRINTER: &str = "AmicusPDF";

pub struct Server {
    child: Child,
    dir: tempfile::TempDir,
    conf: PathBuf,
}

impl Server {
    /// Start a print server; panics with what is missing when it cannot.
    pub fn start() -> Server {
        assert!(
            Path::new("/usr/sbin/cupsd").exists()
                && Path::new("/usr/lib/cups/backend/cups-pdf").exists(),
            "CUPS and cups-pdf are missing: run scripts/setup.sh"
        );
        let dir = tempfile::Builder::new()
            .prefix("amicus-cups-")
            .tempdir()
            .expect("a folder for the print server");
        let root = dir.path();
        for d in ["etc", "spool", "cache", "state", "tmp", "log", "out"] {
            std::fs::create_dir_all(root.join(d)).expect("the print server's folders");
        }
        use std::os::unix::fs::PermissionsExt;
        // Filters run as lp: they write in tmp and read the spooled job.
        for (d, mode) in [("", 0o755), ("tmp", 0o1777), ("spool", 0o755)] {
            std::fs::set_permissions(root.join(d), std::fs::Permissions::from_mode(mode))
                .expect("the print server's folders");
        }
        let socket = root.join("cups.sock");
        std::fs::write(
            root.join("etc/cupsd.conf"),
            format!(
                "Listen {}\nLogLevel info\nWebInterface No\nBrowsing Off\nPreserveJobFiles Yes\n\
                 DefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n\
                 <Policy default>\n  <Limit All>\n    Order deny,allow\n    Allow all\n  </Limit>\n</Policy>\n",
                socket.display()
            ),
        )
        .expect("cupsd.conf");
        let r = root.display();
        std::fs::write(
            root.join("etc/cups-files.conf"),
            format!(
                "ServerRoot {r}/etc\nRequestRoot {r}/spool\nCacheDir {r}/cache\nStateDir {r}/state\n\
                 TempDir {r}/tmp\nErrorLog {r}/log/error_log\nAccessLog {r}/log/access_log\n\
                 PageLog {r}/log/page_log\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
            ),
        )
        .expect("cups-files.conf");
        let name = format!(
            "amicus-test-{}-{}",
            std::process::id(),
            root.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("x")
                .replace(['.', '_'], "")
        );
        let conf = PathBuf::from(format!("/etc/cups/cups-pdf-{name}.conf"));
        std::fs::write(
            &conf,
            format!("Out {r}/out\nAnonDirName {r}/out\nLabel 0\nTitlePref 0\n"),
        )
        .expect("the cups-pdf settings (as root)");
        let child = Command::new("/usr/sbin/cupsd")
            .args(["-f", "-c"])
            .arg(root.join("etc/cupsd.conf"))
            .arg("-s")
            .arg(root.join("etc/cups-files.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cupsd starts");
        let server = Server { child, dir, conf };
        let deadline = Instant::now() + Duration::from_secs(20);
        while !socket.exists() {
            assert!(
                Instant::now() < deadline,
                "cupsd did not start: {}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let added = Command::new("lpadmin")
            .env("CUPS_SERVER", &socket)
            .args(["-p", PRINTER, "-E", "-v", &format!("cups-pdf:/{name}")])
            .args(["-P", "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"])
            .args(["-o", "printer-is-shared=false"])
            .output()
            .expect("lpadmin runs");
        assert!(
            added.status.success(),
            "the test printer was not added: {}",
            String::from_utf8_lossy(&added.stderr)
        );
        let default = Command::new("lpadmin")
            .env("CUPS_SERVER", &socket)
            .args(["-d", PRINTER])
            .output()
            .expect("lpadmin runs");
        assert!(default.status.success());
        server
    }

    /// The environment a program needs to print to this server.
    pub fn env(&self) -> (&'static str, PathBuf) {
        ("CUPS_SERVER", self.dir.path().join("cups.sock"))
    }

    /// What the server logged (for a failing test's message).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log/error_log")).unwrap_or_default()
    }

    /// Each job's first file as the printer was given it, by job number.
    pub fn jobs_given(&self) -> Vec<(u32, Vec<u8>)> {
        let mut jobs: Vec<(u32, Vec<u8>)> = std::fs::read_dir(self.dir.path().join("spool"))
            .expect("the spool folder")
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let n = name.strip_prefix('d')?.strip_suffix("-001")?.parse().ok()?;
                Some((n, std::fs::read(e.path()).ok()?))
            })
            .collect();
        jobs.sort_by_key(|(n, _)| *n);
        jobs
    }

    /// Whether the server still has jobs to finish (cups-pdf writes its
    /// file while the job runs: read only once every job is done).
    fn busy(&self) -> bool {
        let (key, value) = self.env();
        Command::new("lpstat")
            .env(key, value)
            .args(["-W", "not-completed", "-o"])
            .output()
            .map(|o| !o.stdout.is_empty() || !o.status.success())
            .unwrap_or(true)
    }

    /// The PDFs the printer wrote, once `count` are there and every job is
    /// finished (jobs print one after another; each takes a second or
    /// two), in job order.
    pub fn printed(&self, count: usize) -> Vec<PathBuf> {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let mut files: Vec<(u32, PathBuf)> = std::fs::read_dir(self.dir.path().join("out"))
                .expect("the printer's folder")
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let n = name
                        .rsplit_once("job_")
                        .and_then(|(_, n)| n.strip_suffix(".pdf"))
                        .and_then(|n| n.parse().ok())?;
                    Some((n, e.path()))
                })
                .collect();
            if files.len() >= count && !self.busy() {
                files.sort_by_key(|(n, _)| *n);
                return files.into_iter().map(|(_, p)| p).collect();
            }
            assert!(
                Instant::now() < deadline,
                "the printer wrote {} of {count} jobs: {}",
                files.len(),
                self.log()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // SIGTERM: cupsd stops its jobs and leaves.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.conf);
    }
}
