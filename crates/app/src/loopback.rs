//! The address on this computer the browser comes back to after a sign-in:
//! a listener on 127.0.0.1 at a port the system picks (RFC 8252 7.3), for
//! one sign-in. It takes only the answer that carries our `state`, answers
//! the browser with a short page in words, and gives up in words when the
//! person never finishes (the browser closed) or the window cancels.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::error::AppError;

/// What the browser brought back.
#[derive(Debug)]
pub(crate) struct Answer {
    pub code: String,
    /// The provider's name for itself, when it gives one (RFC 9207).
    pub iss: Option<String>,
}

/// The address on this computer the browser is sent back to: 127.0.0.1 on
/// a port the system picks (RFC 8252 7.3), for one sign-in.
pub(crate) struct Loopback {
    listener: TcpListener,
    port: u16,
}

const PAGE_DONE: &str =
    "You are signed in to the mailbox. You can close this tab and go back to Amicus.";
const PAGE_NOT_OURS: &str = "This answer is not the one Amicus is waiting for (it may come from an older sign-in). Start the sign-in again from Amicus.";

impl Loopback {
    pub fn bind() -> Result<Loopback, AppError> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| {
            AppError::Unavailable(format!(
                "Amicus cannot listen on this computer for the browser's answer ({e})"
            ))
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| AppError::Unavailable(format!("no local port for the sign-in: {e}")))?
            .port();
        listener
            .set_nonblocking(true)
            .map_err(|e| AppError::Unavailable(format!("the sign-in listener: {e}")))?;
        Ok(Loopback { listener, port })
    }

    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// The authorization code, once the browser comes back with our `state`.
    pub fn wait(
        &self,
        state: &str,
        timeout: Duration,
        cancelled: Option<&(dyn Fn() -> bool + Send)>,
    ) -> Result<Answer, AppError> {
        let deadline = Instant::now() + timeout;
        loop {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    if let Some(answer) = answer(stream, state) {
                        return answer;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if cancelled.is_some_and(|c| c()) {
                        return Err(AppError::SignIn(
                            "the sign-in was cancelled; nothing was saved".into(),
                        ));
                    }
                    if Instant::now() >= deadline {
                        return Err(AppError::SignIn(format!(
                            "the sign-in was not finished in the browser within {} \
                             (was the browser window closed?); nothing was saved: Sign in again to try once more",
                            say_duration(timeout)
                        )));
                    }
                    // Polled: the listener is non-blocking so the wait can end.
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => {
                    return Err(AppError::Unavailable(format!(
                        "the sign-in listener failed ({e}); Sign in again"
                    )));
                }
            }
        }
    }
}

fn say_duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0 | 1 => "a second".into(),
        2..=119 => format!("{s} seconds"),
        _ => format!("{} minutes", s / 60),
    }
}

/// Read one request from the browser and answer it. Some(result) ends the
/// wait; None (a favicon, a stray or forged request) keeps waiting.
fn answer(stream: TcpStream, state: &str) -> Option<Result<Answer, AppError>> {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(&stream);
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    // The rest of the head, so the browser is not cut off mid-request.
    let mut line = String::new();
    while reader.read_line(&mut line).ok()? > 2 {
        line.clear();
    }
    let target = first.split_whitespace().nth(1)?.to_string();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let reply = |status: &str, text: &str| {
        let body = format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>Amicus</title></head>\
             <body style=\"font-family:sans-serif;max-width:36em;margin:4em auto\"><p>{text}</p></body></html>"
        );
        let _ = write!(
            &stream,
            "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
             Connection: close\r\nCache-Control: no-store\r\n\r\n{body}",
            body.len()
        );
        let _ = (&stream).flush();
    };
    if path != "/" {
        reply("404 Not Found", "Nothing here.");
        return None;
    }
    let params: HashMap<String, String> = oauth2::url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    if params.get("state").map(String::as_str) != Some(state) {
        reply("400 Bad Request", PAGE_NOT_OURS);
        return None;
    }
    if let Some(error) = params.get("error") {
        let why = params
            .get("error_description")
            .map(|d| format!("{error}: {d}"))
            .unwrap_or_else(|| error.clone());
        reply(
            "200 OK",
            "The sign-in was not completed. You can close this tab; Amicus says why.",
        );
        return Some(Err(AppError::SignIn(format!(
            "the sign-in was refused ({why}); nothing was saved: Sign in again, or ask your administrator"
        ))));
    }
    let Some(code) = params.get("code") else {
        reply("400 Bad Request", PAGE_NOT_OURS);
        return None;
    };
    reply("200 OK", PAGE_DONE);
    Some(Ok(Answer {
        code: code.clone(),
        iss: params.get("iss").cloned(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(port: u16, target: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(s, "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").expect("write");
        let mut out = String::new();
        std::io::Read::read_to_string(&mut s, &mut out).expect("read");
        out
    }

    #[test]
    fn the_loopback_takes_only_its_own_state_and_answers_in_words() {
        let lb = Loopback::bind().expect("bind");
        let port = lb.port;
        assert_eq!(lb.redirect_uri(), format!("http://127.0.0.1:{port}/"));
        let browser = std::thread::spawn(move || {
            let favicon = get(port, "/favicon.ico");
            let forged = get(port, "/?code=evil&state=other");
            let ours = get(port, "/?code=c0de&state=s1&iss=https%3A%2F%2Fid.example");
            (favicon, forged, ours)
        });
        let back = lb.wait("s1", Duration::from_secs(20), None).expect("code");
        assert_eq!(back.code, "c0de");
        assert_eq!(back.iss.as_deref(), Some("https://id.example"));
        let (favicon, forged, ours) = browser.join().expect("browser");
        assert!(favicon.starts_with("HTTP/1.1 404"), "{favicon}");
        assert!(forged.starts_with("HTTP/1.1 400"), "{forged}");
        assert!(
            forged.contains("not the one Amicus is waiting for"),
            "{forged}"
        );
        assert!(ours.contains("You are signed in"), "{ours}");
    }

    #[test]
    fn a_refusal_in_the_browser_is_said() {
        let lb = Loopback::bind().expect("bind");
        let port = lb.port;
        let browser = std::thread::spawn(move || {
            get(
                port,
                "/?error=access_denied&error_description=the+user+said+no&state=s1",
            )
        });
        let e = lb
            .wait("s1", Duration::from_secs(20), None)
            .expect_err("refused");
        browser.join().expect("browser");
        assert!(e.to_string().contains("the user said no"), "{e}");
        assert!(e.to_string().contains("Sign in again"), "{e}");
    }

    #[test]
    fn the_window_may_stop_the_wait() {
        let lb = Loopback::bind().expect("bind");
        let stop: Box<dyn Fn() -> bool + Send> = Box::new(|| true);
        let e = lb
            .wait("s1", Duration::from_secs(60), Some(stop.as_ref()))
            .expect_err("cancelled");
        assert!(matches!(e, AppError::SignIn(_)), "{e:?}");
        assert!(
            e.to_string().contains("cancelled; nothing was saved"),
            "{e}"
        );
    }

    #[test]
    fn no_answer_times_out_in_words() {
        let lb = Loopback::bind().expect("bind");
        let e = lb
            .wait("s1", Duration::from_millis(200), None)
            .expect_err("timeout");
        assert!(
            e.to_string().contains(
                "not finished in the browser within a second (was the browser window closed?)"
            ),
            "{e}"
        );
    }
}
