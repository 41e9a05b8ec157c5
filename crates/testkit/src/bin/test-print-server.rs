//! The test print server ([`testkit::cups::Server`]) for tests that are not
//! Rust (the WebDriver journeys). It prints `CUPS_SERVER=…`, the one line a
//! program needs to print to it; then for each line `printed N` read on
//! its input it waits for N jobs to be finished and prints the PDFs the
//! printer wrote, one path a line, then `end`. It stops the server (and
//! removes its cups-pdf settings) when its input closes.

#[cfg(unix)]
fn main() {
    use std::io::{BufRead, Write};
    let server = testkit::cups::Server::start();
    let (key, value) = server.env();
    let mut out = std::io::stdout().lock();
    let said = writeln!(out, "{key}={}", value.display()).and_then(|()| out.flush());
    if said.is_err() {
        return;
    }
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let Some(count) = line
            .strip_prefix("printed ")
            .and_then(|n| n.trim().parse().ok())
        else {
            eprintln!("test-print-server: say `printed N`, not {line:?}");
            continue;
        };
        let mut answer = String::new();
        for pdf in server.printed(count) {
            answer.push_str(&format!("{}\n", pdf.display()));
        }
        answer.push_str("end\n");
        if out
            .write_all(answer.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            break;
        }
    }
}

#[cfg(not(unix))]
fn main() {
    eprintln!("test-print-server: CUPS is for Linux and macOS");
    std::process::exit(2);
}
