//! E-mail: the organization's mail server, the message that carries a
//! letter (a short cover note and the PDF), sending it over SMTP, and the
//! `.eml` draft for staff whose mail program does the sending.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::oauth::{Handover, SignIn};

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum MailSecurity {
    /// A plain connection upgraded with STARTTLS (usually port 587). A
    /// server on this computer may skip the upgrade; any other must offer it.
    Starttls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

impl MailSecurity {
    /// The port a mail server usually listens on for this kind of
    /// connection: 587 for STARTTLS, 465 for TLS.
    pub fn usual_port(self) -> u16 {
        match self {
            MailSecurity::Starttls => 587,
            MailSecurity::Tls => 465,
        }
    }
}

/// The usual port of each kind of connection, for the settings form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UsualPorts {
    pub starttls: u16,
    pub tls: u16,
}

impl Default for UsualPorts {
    fn default() -> Self {
        UsualPorts {
            starttls: MailSecurity::Starttls.usual_port(),
            tls: MailSecurity::Tls.usual_port(),
        }
    }
}

/// The organization's mail server and the sender, kept in the record
/// (the password is not: it lives in the keychain).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailSettings {
    /// The server's host name ("smtp.office365.com").
    pub server: String,
    pub port: u16,
    pub security: MailSecurity,
    /// The login, when the server asks for one (usually the sender's address).
    #[serde(default)]
    pub username: Option<String>,
    /// The address letters are sent from, and replies go to.
    pub from_address: String,
    /// The name shown with it ("Washington Chamber of Commerce").
    #[serde(default)]
    pub from_name: Option<String>,
    /// A PEM file with the organization's own certificate authority, for a
    /// server whose certificate the system does not know.
    #[serde(default)]
    pub ca_file: Option<String>,
    /// How messages are handed over: SMTP (the server above), Microsoft
    /// Graph or the Gmail API (those two need `sign_in`).
    #[serde(default)]
    pub handover: Handover,
    /// Signing in with the organization's mailbox provider instead of a
    /// password (SMTP then uses XOAUTH2); each person signs in as themselves.
    #[serde(default)]
    pub sign_in: Option<SignIn>,
    /// The mail API's address when it is not the public one
    /// (https://graph.microsoft.com/v1.0, https://gmail.googleapis.com):
    /// a national cloud such as graph.microsoft.us.
    #[serde(default)]
    pub api_url: Option<String>,
}

impl MailSettings {
    /// No mail server, no sign-in: the settings only say who letters are
    /// from, for drafts opened in the staffer's own mail program.
    pub fn drafts_only(&self) -> bool {
        self.server.trim().is_empty() && self.sign_in.is_none() && self.handover == Handover::Smtp
    }

    pub(crate) fn validate(&self) -> Result<(), AppError> {
        if let Some(sign_in) = &self.sign_in {
            sign_in.validate(self.handover)?;
        } else if self.handover != Handover::Smtp {
            return Err(AppError::invalid(
                "sign_in",
                "Microsoft Graph and the Gmail API need a sign-in: choose Microsoft or Google and its client id",
            ));
        }
        let server = self.server.trim();
        if self.handover != Handover::Smtp {
            // The API is the way in: no mail server to check.
        } else if server.is_empty() || server.contains(char::is_whitespace) || server.contains('/')
        {
            return Err(AppError::invalid(
                "server",
                "name the mail server, e.g. smtp.example.org",
            ));
        }
        if self.handover == Handover::Smtp && self.port == 0 {
            return Err(AppError::invalid(
                "port",
                "the port is a number such as 587 (STARTTLS) or 465 (TLS)",
            ));
        }
        self.validate_sender()
    }

    /// Only the sender: what an `.eml` draft for one's own mail program
    /// needs, with no mail server set up (`drafts_only`).
    pub(crate) fn validate_sender(&self) -> Result<(), AppError> {
        if self.from_address.trim().is_empty() {
            return Err(AppError::invalid(
                "from_address",
                "enter the address letters are sent from, e.g. trade@example.org",
            ));
        }
        check_address("from_address", &self.from_address)?;
        if let Some(ca) = self.ca_file.as_deref().filter(|c| !c.trim().is_empty()) {
            let pem = std::fs::read(ca)
                .map_err(|e| AppError::invalid("ca_file", format!("cannot read {ca}: {e}")))?;
            Certificate::from_pem(&pem).map_err(|_| {
                AppError::invalid(
                    "ca_file",
                    format!("{ca} is not a PEM certificate (-----BEGIN CERTIFICATE-----)"),
                )
            })?;
        }
        Ok(())
    }

    /// The account the password is kept under in the keychain.
    pub fn account(&self) -> Option<String> {
        self.username
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(|u| format!("{u}@{}", self.server.trim()))
    }

    /// "smtp.example.org:587 (STARTTLS)", for messages and the log.
    pub fn describe(&self) -> String {
        match self.handover {
            Handover::Graph => return "Microsoft Graph".into(),
            Handover::Gmail => return "the Gmail API".into(),
            Handover::Smtp => {}
        }
        let how = match self.security {
            MailSecurity::Starttls => "STARTTLS",
            MailSecurity::Tls => "TLS",
        };
        format!("{}:{} ({how})", self.server.trim(), self.port)
    }

    /// A server on this computer (a local relay, a test server).
    fn is_local(&self) -> bool {
        matches!(
            self.server.trim(),
            "localhost" | "127.0.0.1" | "::1" | "[::1]"
        )
    }

    /// Settings from an `smtp://[user@]host[:port]` (STARTTLS) or
    /// `smtps://[user@]host[:port]` (TLS) address, the sender kept.
    pub fn with_url(&self, url: &str) -> Result<MailSettings, AppError> {
        let bad = || {
            AppError::invalid(
                "smtp",
                format!(
                    "\"{url}\" is not a mail server address; write smtp://host:587 or smtps://host:465"
                ),
            )
        };
        let (security, rest) = if let Some(r) = url.strip_prefix("smtps://") {
            (MailSecurity::Tls, r)
        } else if let Some(r) = url.strip_prefix("smtp://") {
            (MailSecurity::Starttls, r)
        } else {
            return Err(bad());
        };
        let port = security.usual_port();
        let rest = rest.trim_end_matches('/');
        let (user, host_port) = match rest.rsplit_once('@') {
            Some((u, h)) => (Some(u.to_string()), h),
            None => (None, rest),
        };
        let (host, port) = match host_port.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(':') => (h, p.parse().map_err(|_| bad())?),
            _ => (host_port, port),
        };
        if host.is_empty() {
            return Err(bad());
        }
        let s = MailSettings {
            server: host.to_string(),
            port,
            security,
            username: user.or_else(|| self.username.clone()),
            ..self.clone()
        };
        s.validate()?;
        Ok(s)
    }
}

/// Settings with nothing filled in yet, for the form.
pub fn blank_settings() -> MailSettings {
    MailSettings {
        server: String::new(),
        port: MailSecurity::Starttls.usual_port(),
        security: MailSecurity::Starttls,
        username: None,
        from_address: String::new(),
        from_name: None,
        ca_file: None,
        handover: Handover::Smtp,
        sign_in: None,
        api_url: None,
    }
}

fn check_address(field: &str, address: &str) -> Result<Mailbox, AppError> {
    address
        .trim()
        .parse::<lettre::Address>()
        .map(|a| Mailbox::new(None, a))
        .map_err(|_| {
            AppError::invalid(
                field,
                format!(
                    "\"{}\" is not an e-mail address; write it as name@example.org",
                    address.trim()
                ),
            )
        })
}

/// One copy of a letter as it goes out by e-mail.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    /// The cover note, plain text.
    pub note: String,
    pub pdf: Vec<u8>,
    /// The attachment's file name.
    pub file_name: String,
    /// Unique to this sending: `<...@sender's domain>`.
    pub message_id: String,
}

/// A Message-ID for copy `recipient` of letter `letter`, sent at `at` from
/// `from`: unique per sending (a resend gets a new one).
pub fn message_id(from: &str, letter: i64, recipient: i64, at: DateTime<Utc>) -> String {
    let domain = from.rsplit_once('@').map_or("amicus.invalid", |(_, d)| d);
    let nanos = at.timestamp_nanos_opt().unwrap_or_default();
    format!(
        "<amicus.{letter}.{recipient}.{nanos:x}.{}@{domain}>",
        std::process::id()
    )
}

/// The message: the cover note as text, the letter as a PDF attachment.
pub fn message(
    settings: &MailSettings,
    out: &Outgoing,
    at: DateTime<Utc>,
) -> Result<Message, AppError> {
    let mut from = check_address("from_address", &settings.from_address)?;
    from.name = settings.from_name.clone().filter(|n| !n.trim().is_empty());
    let mut to = check_address("email", &out.to_address)?;
    to.name = Some(out.to_name.clone());
    Message::builder()
        .from(from.clone())
        .reply_to(from)
        .to(to)
        .subject(out.subject.clone())
        .date(at.into())
        .message_id(Some(out.message_id.clone()))
        .user_agent(format!("Amicus {}", crate::app::VERSION))
        .multipart(
            MultiPart::mixed()
                .singlepart(SinglePart::plain(out.note.clone()))
                .singlepart(Attachment::new(out.file_name.clone()).body(
                    out.pdf.clone(),
                    ContentType::parse("application/pdf").expect("a valid MIME type"),
                )),
        )
        .map_err(|e| AppError::invalid("email", format!("the message cannot be made: {e}")))
}

/// The message as a draft a mail program opens ready to send
/// (`X-Unsent: 1`), in RFC 5322 form.
pub fn draft(
    settings: &MailSettings,
    out: &Outgoing,
    at: DateTime<Utc>,
) -> Result<Vec<u8>, AppError> {
    let mut m = message(settings, out, at)?;
    m.headers_mut().insert_raw(HeaderValue::new(
        HeaderName::new_from_ascii_str("X-Unsent"),
        "1".to_string(),
    ));
    Ok(m.formatted())
}

/// What the server said when it took a message.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    /// The server's reply, e.g. "250 2.0.0 Ok: queued as 4XyZ".
    pub reply: String,
}

/// Why a message did not go, in the server's words where it gave any.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub reason: String,
    /// The server turned down this recipient only (5xx to the address):
    /// the next copies may still go.
    pub recipient_only: bool,
    /// The server did not accept the login (535, an API's 401): with a
    /// sign-in, a fresh access token may still be taken.
    pub login: bool,
}

/// One connection's worth of sending to the organization's server.
pub struct Mailer {
    transport: SmtpTransport,
    settings: MailSettings,
}

impl Mailer {
    pub fn new(settings: &MailSettings, password: Option<&str>) -> Result<Mailer, AppError> {
        let login = match settings
            .username
            .as_deref()
            .filter(|u| !u.trim().is_empty())
        {
            None => None,
            Some(user) => {
                let Some(password) = password else {
                    return Err(AppError::invalid(
                        "password",
                        format!(
                            "the mail server {} needs the password of {user}; enter it in Settings → Sending email \
                             (or set AMICUS_SMTP_PASSWORD for the command line)",
                            settings.server.trim()
                        ),
                    ));
                };
                Some((
                    Credentials::new(user.trim().to_string(), password.to_string()),
                    None,
                ))
            }
        };
        Mailer::build(settings, login)
    }

    /// SMTP with XOAUTH2: the signed-in `user` and an access token of the
    /// mailbox provider instead of a password.
    pub fn with_token(
        settings: &MailSettings,
        user: &str,
        access_token: &str,
    ) -> Result<Mailer, AppError> {
        Mailer::build(
            settings,
            Some((
                Credentials::new(user.to_string(), access_token.to_string()),
                Some(vec![Mechanism::Xoauth2]),
            )),
        )
    }

    fn build(
        settings: &MailSettings,
        login: Option<(Credentials, Option<Vec<Mechanism>>)>,
    ) -> Result<Mailer, AppError> {
        settings.validate()?;
        let host = settings.server.trim().to_string();
        let mut params = TlsParameters::builder(host.clone());
        if let Some(ca) = settings.ca_file.as_deref().filter(|c| !c.trim().is_empty()) {
            let pem = std::fs::read(ca)
                .map_err(|e| AppError::invalid("ca_file", format!("cannot read {ca}: {e}")))?;
            let cert = Certificate::from_pem(&pem)
                .map_err(|e| AppError::invalid("ca_file", format!("{ca}: {e}")))?;
            params = params.add_root_certificate(cert);
        }
        let params = params
            .build_rustls()
            .map_err(|e| AppError::invalid("server", format!("TLS cannot be set up: {e}")))?;
        let tls = match settings.security {
            MailSecurity::Tls => Tls::Wrapper(params),
            MailSecurity::Starttls if settings.is_local() => Tls::Opportunistic(params),
            MailSecurity::Starttls => Tls::Required(params),
        };
        let mut builder = SmtpTransport::builder_dangerous(host)
            .port(settings.port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(30)));
        if let Some((credentials, mechanisms)) = login {
            builder = builder.credentials(credentials);
            if let Some(m) = mechanisms {
                builder = builder.authentication(m);
            }
        }
        Ok(Mailer {
            transport: builder.build(),
            settings: settings.clone(),
        })
    }

    pub fn settings(&self) -> &MailSettings {
        &self.settings
    }

    /// Send one copy; the server's acceptance (and its time) or its refusal.
    pub fn send(&self, message: &Message) -> Result<Accepted, Refused> {
        match self.transport.send(message) {
            Ok(r) => Ok(Accepted {
                reply: format!("{} {}", r.code(), r.message().collect::<Vec<_>>().join(" ")),
            }),
            Err(e) => Err(refusal(&self.settings, &e)),
        }
    }
}

/// The server's words, with what a staff member can do about them.
fn refusal(settings: &MailSettings, e: &lettre::transport::smtp::Error) -> Refused {
    let code = e.status().map(u16::from);
    let words = e.to_string();
    let where_ = settings.describe();
    let reason = match code {
        Some(535 | 534 | 530) => format!(
            "the mail server {where_} did not accept the login: {words}; check the user name and password in Settings → Sending email"
        ),
        Some(550..=553 | 501) => format!("the mail server refused the address: {words}"),
        Some(_) => format!("the mail server {where_} refused the message: {words}"),
        None if e.is_tls() || words.contains("certificate") => format!(
            "the secure connection to {where_} failed: {words}; if the server uses the organization's own certificate, choose its CA file in Settings → Sending email"
        ),
        None if e.is_timeout() => {
            format!("the mail server {where_} did not answer in time: {words}")
        }
        None if [
            "failed to lookup address",
            "Name or service not known",
            "Temporary failure in name resolution",
        ]
        .iter()
        .any(|w| words.contains(w)) =>
        {
            format!(
                "no mail server named {} was found: check the server's name in Settings → Sending email ({words})",
                settings.server.trim()
            )
        }
        None if words.contains("Connection refused") => format!(
            "nothing answers at {where_}: check the port and the security in Settings → Sending email ({words})"
        ),
        None => format!("the connection to the mail server {where_} failed: {words}"),
    };
    Refused {
        reason,
        recipient_only: matches!(code, Some(550..=553 | 501)),
        login: matches!(code, Some(535 | 534 | 530)),
    }
}

/// Where `.eml` drafts are written for the mail program to open.
pub fn drafts_dir() -> PathBuf {
    std::env::temp_dir().join("amicus-drafts")
}

/// The cover note shipped with Amicus (`templates/mail/cover-note.hbs`).
const COVER_NOTE: &str = include_str!("../../../templates/mail/cover-note.hbs");

/// What the cover note may use.
#[derive(Debug, Clone, Serialize)]
pub struct CoverFields {
    pub salutation: String,
    pub recipient: String,
    pub organization: String,
    pub subject: String,
    pub date: String,
    pub signer: String,
    pub signer_title: String,
}

/// The cover note for one copy, from the shipped template (strict: a
/// missing field is an error, never a blank).
pub fn cover_note(fields: &CoverFields) -> Result<String, AppError> {
    let mut hb = handlebars::Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(handlebars::no_escape);
    hb.render_template(COVER_NOTE, fields)
        .map(|t| {
            // Blank lines the template's conditionals leave are folded to one.
            let mut out = String::new();
            let mut blank = 0;
            for line in t.lines() {
                if line.trim().is_empty() {
                    blank += 1;
                    if blank > 1 {
                        continue;
                    }
                } else {
                    blank = 0;
                }
                out.push_str(line.trim_end());
                out.push('\n');
            }
            out.trim().to_string() + "\n"
        })
        .map_err(|e| AppError::Damaged(format!("the cover note template: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> MailSettings {
        MailSettings {
            server: "smtp.example.org".into(),
            port: 587,
            security: MailSecurity::Starttls,
            username: Some("trade@example.org".into()),
            from_address: "trade@example.org".into(),
            from_name: Some("Trade Desk".into()),
            ca_file: None,
            handover: Handover::Smtp,
            sign_in: None,
            api_url: None,
        }
    }

    #[test]
    fn urls_choose_security_and_port() {
        let s = settings()
            .with_url("smtps://mail.example.org")
            .expect("url");
        assert_eq!(
            (s.server.as_str(), s.port, s.security),
            ("mail.example.org", 465, MailSecurity::Tls)
        );
        let s = settings()
            .with_url("smtp://me@localhost:2525")
            .expect("url");
        assert_eq!(
            (s.server.as_str(), s.port, s.security),
            ("localhost", 2525, MailSecurity::Starttls)
        );
        assert_eq!(s.username.as_deref(), Some("me"));
        assert_eq!(s.account().as_deref(), Some("me@localhost"));
        let err = settings().with_url("http://x").expect_err("not smtp");
        assert!(err.to_string().contains("smtp://host:587"), "{err}");
        let err = settings()
            .with_url("smtp://host:port")
            .expect_err("bad port");
        assert!(err.to_string().starts_with("smtp:"), "{err}");
    }

    #[test]
    fn the_usual_ports_are_decided_here_for_the_form_the_cli_and_urls() {
        assert_eq!(
            UsualPorts::default(),
            UsualPorts {
                starttls: 587,
                tls: 465
            }
        );
        assert_eq!(blank_settings().port, MailSecurity::Starttls.usual_port());
        for security in [MailSecurity::Starttls, MailSecurity::Tls] {
            let scheme = match security {
                MailSecurity::Starttls => "smtp",
                MailSecurity::Tls => "smtps",
            };
            let s = settings()
                .with_url(&format!("{scheme}://mail.example.org"))
                .expect("url");
            assert_eq!(s.port, security.usual_port());
        }
    }

    #[test]
    fn a_bad_sender_is_named() {
        let mut s = settings();
        s.from_address = "trade desk".into();
        let err = s.validate().expect_err("bad sender");
        assert_eq!(err.field().as_deref(), Some("from_address"));
        s.from_address = "trade@example.org".into();
        s.server = " ".into();
        assert_eq!(
            s.validate().expect_err("no server").field().as_deref(),
            Some("server")
        );
    }

    #[test]
    fn the_draft_is_marked_unsent_and_carries_the_pdf() {
        let at = DateTime::parse_from_rfc3339("2017-09-05T14:00:00Z")
            .expect("date")
            .to_utc();
        let out = Outgoing {
            to_name: "Robert E. Lighthizer".into(),
            to_address: "ustr@example.gov".into(),
            subject: "KORUS".into(),
            note: "Dear Ambassador Lighthizer:\n".into(),
            pdf: b"%PDF-1.7 test".to_vec(),
            file_name: "letter.pdf".into(),
            message_id: message_id("trade@example.org", 1, 2, at),
        };
        let eml = String::from_utf8(draft(&settings(), &out, at).expect("draft")).expect("utf-8");
        assert!(eml.contains("X-Unsent: 1\r\n"), "{eml}");
        assert!(
            eml.contains(&format!("Message-ID: {}", out.message_id)),
            "{eml}"
        );
        assert!(eml.contains("application/pdf"), "{eml}");
        assert!(
            out.message_id.ends_with("@example.org>"),
            "{}",
            out.message_id
        );
    }

    #[test]
    fn the_cover_note_names_the_recipient_and_the_letter() {
        let note = cover_note(&CoverFields {
            salutation: "Dear Secretary Ross:".into(),
            recipient: "Wilbur Ross".into(),
            organization: "Washington Chamber of Commerce".into(),
            subject: "Reaffirming support for KORUS".into(),
            date: "September 5, 2017".into(),
            signer: "Ann Smith".into(),
            signer_title: String::new(),
        })
        .expect("note");
        assert!(note.starts_with("Dear Secretary Ross:\n"), "{note}");
        assert!(
            note.contains(
                "a letter from Washington Chamber of Commerce dated September 5, 2017, \
                 with the subject “Reaffirming support for KORUS”."
            ),
            "{note}"
        );
        assert!(!note.contains("\n\n\n"), "{note}");
    }
}
