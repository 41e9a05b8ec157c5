//! The organization's mailbox, signed in to: signing in and out (the
//! refresh token in the keychain), an access token when one is needed, and
//! handing a message over by SMTP XOAUTH2, Microsoft Graph or the Gmail API.
//! Password SMTP stays in `mail::Mailer`; `delivery` picks the way through
//! `Courier`.

use std::time::Duration;

use base64::Engine as _;
use lettre::Message;
use serde::{Deserialize, Serialize};

use crate::app::{App, RecordArea};
use crate::error::AppError;
use crate::mail::{Accepted, MailSettings, Mailer, Outgoing, Refused};
use crate::oauth::{self, Browser, Handover, Http, Kept, SignIn};
use crate::secrets::{MAILBOX_SERVICE, SecretKept};

/// Who signed in, and where the sign-in is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignedIn {
    /// The person's address as the provider gave it.
    pub user: String,
    pub kept: SecretKept,
}

/// An access token and whose it is.
pub(crate) struct Bearer {
    pub user: String,
    pub token: String,
}

/// The way messages go for one sending.
pub(crate) enum Courier {
    /// SMTP with a password (or none, to a relay that asks for none).
    Password(Mailer),
    /// The organization's mailbox, signed in to.
    Mailbox {
        settings: MailSettings,
        sign_in: SignIn,
        http: Http,
    },
}

/// How often a busy API (429, 503) is tried, and the longest wait it may ask for.
const BUSY_TRIES: u32 = 3;
const LONGEST_WAIT: Duration = Duration::from_secs(30);

impl App {
    /// Sign in to the organization's mailbox in the system browser. With
    /// `sign_in`, the organization's provider settings are saved first
    /// (an administrator's change on a team record). The refresh token goes
    /// to the keychain; nothing is kept if the sign-in does not finish.
    pub fn mail_sign_in(
        &self,
        sign_in: Option<SignIn>,
        browser: Browser,
    ) -> Result<SignedIn, AppError> {
        let mut settings = self.saved_mail()?;
        if let Some(s) = sign_in {
            let mut changed = settings.clone();
            changed.sign_in = Some(s);
            changed.validate()?;
            if changed != settings {
                self.db().set_setting("mail", &changed)?;
                self.changed(&[RecordArea::Settings]);
            }
            settings = changed;
        }
        let Some(s) = settings.sign_in.clone() else {
            return Err(AppError::invalid(
                "sign_in",
                "the organization has not chosen how to sign in to its mailbox: choose Microsoft, Google \
                 or an OpenID provider and the client id in Settings → Sending email \
                 (or `amicus mail login microsoft --client-id ID`)",
            ));
        };
        let http = Http::new(settings.ca_file.as_deref())?;
        let t = oauth::authorize(&s, settings.handover, &http, browser)?;
        let Some(refresh_token) = t.refresh_token else {
            return Err(AppError::SignIn(format!(
                "{} signed you in but gave Amicus no refresh token, so it could not send later; \
                 ask your administrator to allow offline access (the offline_access scope), then Sign in again",
                s.provider.name()
            )));
        };
        let user = t
            .user
            .clone()
            .unwrap_or_else(|| settings.from_address.clone());
        let kept = Kept {
            user: user.clone(),
            refresh_token,
        };
        let kept_where = self.secrets.set(
            MAILBOX_SERVICE,
            &s.account(),
            &serde_json::to_string(&kept).map_err(|e| AppError::Damaged(e.to_string()))?,
        );
        self.tokens.put(&s.account(), &t.access_token, t.expires_in);
        self.changed(&[RecordArea::Settings]);
        Ok(SignedIn {
            user,
            kept: kept_where,
        })
    }

    /// Sign out: forget the refresh token (keychain and session) and the
    /// access token.
    pub fn mail_sign_out(&self) -> Result<(), AppError> {
        let settings: Option<MailSettings> = self.db().setting("mail")?;
        if let Some(s) = settings.and_then(|s| s.sign_in) {
            self.tokens.forget(&s.account());
            self.secrets.delete(MAILBOX_SERVICE, &s.account())?;
        }
        self.changed(&[RecordArea::Settings]);
        Ok(())
    }

    /// Who is signed in to the mailbox on this computer, if anyone.
    pub(crate) fn mailbox_user(&self, s: &SignIn) -> Option<String> {
        let kept = self.secrets.get(MAILBOX_SERVICE, &s.account())?;
        serde_json::from_str::<Kept>(&kept).ok().map(|k| k.user)
    }

    /// A valid access token: this session's if it has more than a minute
    /// left, else a fresh one for the kept refresh token (a rotated refresh
    /// token replaces the kept one).
    pub(crate) fn mailbox_token(&self, s: &SignIn, http: &Http) -> Result<Bearer, AppError> {
        let account = s.account();
        let not_signed_in = || {
            AppError::SignIn(format!(
                "no one has signed in to the mailbox on this computer: Sign in with {} in \
                 Settings → Sending email (or `amicus mail login`)",
                s.provider.name()
            ))
        };
        let read_kept = || -> Result<Kept, AppError> {
            let kept = self
                .secrets
                .get(MAILBOX_SERVICE, &account)
                .ok_or_else(not_signed_in)?;
            serde_json::from_str(&kept).map_err(|_| not_signed_in())
        };
        let kept = read_kept()?;
        if let Some(token) = self.tokens.get(&account) {
            return Ok(Bearer {
                user: kept.user,
                token,
            });
        }
        // One refresh at a time: a provider that rotates refresh tokens takes
        // each once, and a second use revokes the whole sign-in. A sending
        // that waited here uses what the first one got, or the refresh token
        // it kept.
        let _one_at_a_time = self.tokens.refreshing();
        if let Some(token) = self.tokens.get(&account) {
            return Ok(Bearer {
                user: kept.user,
                token,
            });
        }
        let kept = read_kept()?;
        let t = match oauth::refresh(s, http, &kept.refresh_token) {
            Ok(t) => t,
            Err(e @ AppError::SignIn(_)) => {
                // The provider will never take this refresh token again: it is
                // forgotten, so Settings says no one is signed in (the error
                // says why). A keychain that will not forget it changes nothing.
                let _ = self.secrets.delete(MAILBOX_SERVICE, &account);
                return Err(e);
            }
            Err(e) => return Err(e),
        };
        if let Some(new) = t.refresh_token.filter(|n| *n != kept.refresh_token) {
            let rotated = Kept {
                user: kept.user.clone(),
                refresh_token: new,
            };
            if let Ok(json) = serde_json::to_string(&rotated) {
                self.secrets.set(MAILBOX_SERVICE, &account, &json);
            }
        }
        self.tokens.put(&account, &t.access_token, t.expires_in);
        Ok(Bearer {
            user: kept.user,
            token: t.access_token,
        })
    }

    /// The way this sending goes. A signed-in mailbox gets its first token
    /// now, so a sign-in that no longer holds, or a provider that is down,
    /// stops the sending before any copy is tried.
    pub(crate) fn courier(
        &self,
        settings: &MailSettings,
        password: Option<&str>,
    ) -> Result<Courier, AppError> {
        let Some(sign_in) = settings.sign_in.clone() else {
            return Ok(Courier::Password(Mailer::new(settings, password)?));
        };
        settings.validate()?;
        let http = Http::new(settings.ca_file.as_deref())?;
        self.mailbox_token(&sign_in, &http)?;
        Ok(Courier::Mailbox {
            settings: settings.clone(),
            sign_in,
            http,
        })
    }

    /// Hand one message over. A login the mailbox refuses (an access token
    /// revoked or expired early) is tried once more with a fresh token; if
    /// the refresh token no longer holds, the words say "Sign in again".
    pub(crate) fn hand_over(
        &self,
        courier: &Courier,
        message: &Message,
        out: &Outgoing,
    ) -> Result<Accepted, Refused> {
        let (settings, sign_in, http) = match courier {
            Courier::Password(m) => return m.send(message),
            Courier::Mailbox {
                settings,
                sign_in,
                http,
            } => (settings, sign_in, http),
        };
        let mut last = None;
        for _ in 0..2 {
            let bearer = self.mailbox_token(sign_in, http).map_err(|e| Refused {
                reason: e.to_string(),
                recipient_only: false,
                login: true,
            })?;
            let sent = match settings.handover {
                Handover::Smtp => Mailer::with_token(settings, &bearer.user, &bearer.token)
                    .map_err(|e| Refused {
                        reason: e.to_string(),
                        recipient_only: false,
                        login: false,
                    })
                    .and_then(|m| m.send(message)),
                Handover::Graph => graph_send(http, settings, &bearer, out),
                Handover::Gmail => gmail_send(http, settings, &bearer, message),
            };
            match sent {
                Err(r) if r.login => {
                    self.tokens.forget(&sign_in.account());
                    last = Some(r);
                }
                other => return other,
            }
        }
        let r = last.unwrap_or_else(|| Refused {
            reason: String::new(),
            recipient_only: false,
            login: true,
        });
        Err(Refused {
            reason: format!(
                "{}; the mailbox did not take the sign-in of this computer even with a fresh token: \
                 Sign in again, and ask your administrator whether this mailbox may send this way",
                r.reason
            ),
            ..r
        })
    }
}

fn api_base(settings: &MailSettings, public: &str) -> String {
    settings
        .api_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .unwrap_or(public)
        .trim_end_matches('/')
        .to_string()
}

/// Microsoft Graph `POST /me/sendMail`: the same cover note and PDF, the
/// organization's address as From (send-as a shared mailbox), saved to
/// Sent Items, and Amicus's Message-ID set as `internetMessageId`.
fn graph_send(
    http: &Http,
    settings: &MailSettings,
    bearer: &Bearer,
    out: &Outgoing,
) -> Result<Accepted, Refused> {
    let address = |name: Option<&str>, address: &str| {
        let mut a = serde_json::json!({ "address": address });
        if let Some(n) = name.filter(|n| !n.trim().is_empty()) {
            a["name"] = n.into();
        }
        serde_json::json!({ "emailAddress": a })
    };
    let from = address(settings.from_name.as_deref(), &settings.from_address);
    let body = serde_json::json!({
        "message": {
            "subject": out.subject,
            "body": { "contentType": "Text", "content": out.note },
            "toRecipients": [address(Some(&out.to_name), &out.to_address)],
            "from": from,
            "replyTo": [from],
            "internetMessageId": out.message_id,
            "attachments": [{
                "@odata.type": "#microsoft.graph.fileAttachment",
                "name": out.file_name,
                "contentType": "application/pdf",
                "contentBytes": base64::engine::general_purpose::STANDARD.encode(&out.pdf),
            }],
        },
        "saveToSentItems": true,
    });
    let url = format!(
        "{}/me/sendMail",
        api_base(settings, "https://graph.microsoft.com/v1.0")
    );
    post(http, "Microsoft Graph", &url, &bearer.token, &body).map(|_| Accepted {
        reply: "Microsoft Graph: 202 Accepted".into(),
    })
}

/// The Gmail API's `users.messages.send`: the RFC 822 message as SMTP
/// would carry it, base64url.
fn gmail_send(
    http: &Http,
    settings: &MailSettings,
    bearer: &Bearer,
    message: &Message,
) -> Result<Accepted, Refused> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(message.formatted());
    let url = format!(
        "{}/gmail/v1/users/me/messages/send",
        api_base(settings, "https://gmail.googleapis.com")
    );
    let answer = post(
        http,
        "the Gmail API",
        &url,
        &bearer.token,
        &serde_json::json!({ "raw": raw }),
    )?;
    #[derive(Deserialize)]
    struct Sent {
        id: Option<String>,
    }
    let id = serde_json::from_str::<Sent>(&answer)
        .ok()
        .and_then(|s| s.id)
        .unwrap_or_default();
    Ok(Accepted {
        reply: format!("the Gmail API: sent as {id}"),
    })
}

/// POST JSON with the bearer token; a busy service (429, 503) is asked
/// again after the wait it names (Retry-After, at most 30 s), three times
/// in all, then the refusal says so.
fn post(
    http: &Http,
    service: &str,
    url: &str,
    token: &str,
    body: &serde_json::Value,
) -> Result<String, Refused> {
    let refused = |reason: String, login: bool| Refused {
        reason,
        recipient_only: false,
        login,
    };
    let mut tries = 0;
    loop {
        tries += 1;
        let resp = http
            .client
            .post(url)
            .bearer_auth(token)
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .map_err(|e| {
                refused(
                    format!(
                        "{service} cannot be reached ({}); nothing was sent",
                        oauth::error_chain(&e)
                    ),
                    false,
                )
            })?;
        let status = resp.status();
        let wait = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(retry_after);
        let text = resp.text().unwrap_or_default();
        if status.is_success() {
            return Ok(text);
        }
        let words = api_words(&text);
        match status.as_u16() {
            429 | 503 => {
                let wait = wait.unwrap_or(Duration::from_secs(2));
                if tries < BUSY_TRIES && wait <= LONGEST_WAIT {
                    tracing::info!(%service, status = status.as_u16(), ?wait, "busy; asking again");
                    std::thread::sleep(wait);
                    continue;
                }
                return Err(refused(
                    format!(
                        "{service} is busy ({status}{words}) and asked Amicus to wait {} seconds; \
                         it was asked {tries} times: send the rest later",
                        wait.as_secs()
                    ),
                    false,
                ));
            }
            401 => {
                return Err(refused(
                    format!("{service} did not accept the sign-in ({status}{words})"),
                    true,
                ));
            }
            403 => {
                return Err(refused(
                    format!(
                        "{service} refused to send ({status}{words}); to send as the organization's \
                         shared mailbox the signed-in person needs Send As rights on it"
                    ),
                    false,
                ));
            }
            _ => {
                return Err(refused(
                    format!("{service} refused the message ({status}{words})"),
                    false,
                ));
            }
        }
    }
}

/// Retry-After: seconds, or an HTTP date (RFC 9110 10.2.3), as a wait from
/// now. The date is the service's wall clock, so it is compared with this
/// computer's, not the app's `Clock` (which tests may stop).
fn retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(s) = v.parse::<u64>() {
        return Some(Duration::from_secs(s));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let wait = at.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// The API's own message ("error": {"message": ...}), after a colon.
fn api_words(body: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let m = v
        .pointer("/error/message")
        .and_then(|m| m.as_str())
        .or_else(|| v.pointer("/error").and_then(|m| m.as_str()));
    m.map(|m| format!(": {m}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        assert_eq!(retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO),
            "a date gone by: ask again now"
        );
        let later = (chrono::Utc::now() + chrono::Duration::seconds(120))
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string();
        let wait = retry_after(&later).expect("a date");
        assert!(
            wait > Duration::from_secs(100) && wait <= Duration::from_secs(120),
            "{wait:?}"
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn the_api_s_own_words_are_kept() {
        assert_eq!(
            api_words(
                r#"{"error":{"code":"ErrorSendAsDenied","message":"not allowed to send as trade@"}}"#
            ),
            ": not allowed to send as trade@"
        );
        assert_eq!(api_words("<html>"), "");
    }
}
