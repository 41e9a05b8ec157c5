//! A PostgreSQL server of the test's own, for what the shared throwaway
//! server cannot show: TLS with a certificate the test makes, password
//! (SCRAM) logins over TCP, and a server stopped and started mid-test.
//! Uses the binaries scripts/with-postgres.sh found (AMICUS_TEST_PG_BIN).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct OwnServer {
    pub dir: tempfile::TempDir,
    pub port: u16,
    bin: PathBuf,
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Run a server program as the server's user (postgres when we are root).
fn as_server(bin: &Path, program: &str, args: &[&str]) -> std::process::Output {
    let exe = bin.join(program);
    let out = if is_root() {
        Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(&exe)
            .args(args)
            .output()
    } else {
        Command::new(&exe).args(args).output()
    };
    out.expect("the PostgreSQL server programs run")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl OwnServer {
    /// initdb, then the settings and `pg_hba.conf` lines given; `tls_dir`
    /// holds server.pem and server.key when TLS is wanted.
    pub fn start(hba: &str, tls_dir: Option<&Path>) -> OwnServer {
        OwnServer::start_with(hba, tls_dir, false)
    }

    /// As `start`; with `durable`, every commit is flushed to disk (fsync on).
    pub fn start_with(hba: &str, tls_dir: Option<&Path>, durable: bool) -> OwnServer {
        let bin = PathBuf::from(std::env::var("AMICUS_TEST_PG_BIN").expect(
            "AMICUS_TEST_PG_BIN is not set: run under scripts/with-postgres.sh (`make test` does)",
        ));
        let dir = tempfile::Builder::new()
            .prefix("amicus-own-pg")
            .tempdir()
            .unwrap();
        let data = dir.path().join("data");
        if is_root() {
            assert!(
                Command::new("chown")
                    .args(["postgres"])
                    .arg(dir.path())
                    .status()
                    .unwrap()
                    .success()
            );
        }
        let out = as_server(
            &bin,
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-N",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
        );
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let port = free_port();
        let mut conf = format!(
            "listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{}'\nfsync = {}\nmax_connections = 100\n",
            dir.path().display(),
            if durable { "on" } else { "off" }
        );
        if let Some(tls) = tls_dir {
            for f in ["server.pem", "server.key"] {
                std::fs::copy(tls.join(f), data.join(f)).unwrap();
            }
            if is_root() {
                Command::new("chown")
                    .args(["postgres"])
                    .arg(data.join("server.pem"))
                    .arg(data.join("server.key"))
                    .status()
                    .unwrap();
            }
            Command::new("chmod")
                .arg("600")
                .arg(data.join("server.key"))
                .status()
                .unwrap();
            conf.push_str("ssl = on\nssl_cert_file = 'server.pem'\nssl_key_file = 'server.key'\n");
        }
        let mut file = std::fs::read_to_string(data.join("postgresql.conf")).unwrap();
        file.push_str(&conf);
        std::fs::write(data.join("postgresql.conf"), file).unwrap();
        std::fs::write(
            data.join("pg_hba.conf"),
            format!("local all all trust\n{hba}\n"),
        )
        .unwrap();
        let server = OwnServer { dir, port, bin };
        server.start_again();
        server
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The superuser, over the Unix socket.
    pub fn admin(&self, dbname: &str) -> String {
        format!(
            "host={} port={} user=postgres dbname={dbname}",
            self.dir.path().display(),
            self.port
        )
    }

    pub fn start_again(&self) {
        let log = self.dir.path().join("log");
        let out = as_server(
            &self.bin,
            "pg_ctl",
            &[
                "-D",
                self.data().to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-w",
                "start",
            ],
        );
        assert!(
            out.status.success(),
            "the test's server did not start: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    /// Stop at once, as a crash or a pulled cable would.
    pub fn stop_immediately(&self) {
        as_server(
            &self.bin,
            "pg_ctl",
            &[
                "-D",
                self.data().to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        self.stop_immediately();
    }
}
