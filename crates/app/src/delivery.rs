//! Delivery: the organization's mail server, sending signed copies by
//! e-mail (one message per copy, the archived PDF attached, the Message-ID
//! recorded), `.eml` drafts for a mail program, and a copy's plain text for
//! an office's web contact form.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use store::letters::Sending;
use store::{Method, Recipient, Role, Status, Store};

use crate::app::{App, RecordArea};
use crate::error::AppError;
use crate::mail::{self, CoverFields, MailSettings, Outgoing};
use crate::recipients::{recipient_block, recipient_numbered};
use crate::secrets::{CERTIFICATE_SERVICE, SMTP_SERVICE, SecretKept};

/// The mail settings as the Settings screen shows them.
/// A test message that went: to whom, and its Message-ID (to find it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TestMessage {
    pub to: String,
    pub message_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailView {
    /// None until someone sets the mail server up.
    pub settings: Option<MailSettings>,
    /// A password is kept for the login (in the keychain or this session).
    pub password_kept: bool,
    /// Who is signed in to the organization's mailbox on this computer
    /// (with a sign-in chosen); None: no one yet, or the sign-in was removed.
    pub signed_in_as: Option<String>,
    /// Only the sender is set up (no mail server, no sign-in): enough for
    /// `.eml` drafts, not to send (`MailSettings::drafts_only`).
    pub drafts_only: bool,
    /// The port each kind of connection usually uses, which the form
    /// offers when the security changes.
    pub usual_ports: mail::UsualPorts,
}

/// Where a copy can go other than by post.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reach {
    /// The person's own address first, else the office's.
    pub email: Option<String>,
    pub contact_form: Option<String>,
}

/// Sending a letter's copies by e-mail.
pub struct EmailRequest {
    pub letter_id: i64,
    /// One copy by its number on the letter; None: every copy not yet sent
    /// that has an e-mail address.
    pub copy: Option<u32>,
    /// Send copy `copy` again although it was sent (staff were asked).
    pub resend: bool,
    /// `smtp://` or `smtps://` address overriding the saved server (CLI).
    pub server: Option<String>,
    /// The login's password; None: the keychain's.
    pub password: Option<String>,
    /// Called before each message with (done, total, who); false stops
    /// the sending there (the copies already sent stay sent).
    #[allow(clippy::type_complexity)]
    pub progress: Option<Box<dyn FnMut(usize, usize, &str) -> bool + Send>>,
}

impl EmailRequest {
    pub fn new(letter_id: i64) -> EmailRequest {
        EmailRequest {
            letter_id,
            copy: None,
            resend: false,
            server: None,
            password: None,
            progress: None,
        }
    }
}

/// What became of one copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EmailOutcome {
    /// The server accepted it; the copy is recorded sent with this Message-ID.
    Sent {
        message_id: String,
        at: DateTime<Utc>,
    },
    /// Sent again, logged as a resend.
    Resent {
        message_id: String,
        at: DateTime<Utc>,
    },
    /// The server refused it (its words); the copy stays unsent.
    Refused { reason: String },
    /// No e-mail address on record for this recipient.
    NoAddress,
    /// Not tried: the sending was cancelled or stopped at an earlier error.
    NotTried { reason: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EmailResult {
    pub recipient_id: i64,
    pub number: u32,
    pub name: String,
    pub address: Option<String>,
    pub outcome: EmailOutcome,
}

/// An `.eml` draft written for a mail program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EmailDraft {
    pub path: PathBuf,
    pub address: String,
    pub message_id: String,
}

/// A copy's text for an office's web contact form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ContactFormCopy {
    pub url: String,
    pub text: String,
}

/// Everything one message needs, read from the record in one go.
struct Prepared {
    recipient: Recipient,
    name: String,
    address: Option<String>,
    outgoing: Option<Outgoing>,
}

impl App {
    /// The mail server as saved, and whether its password is kept.
    pub fn mail_settings(&self) -> Result<MailView, AppError> {
        let settings: Option<MailSettings> = self.db().setting("mail")?;
        let password_kept = settings
            .as_ref()
            .and_then(MailSettings::account)
            .is_some_and(|a| self.secrets.get(SMTP_SERVICE, &a).is_some());
        let signed_in_as = settings
            .as_ref()
            .and_then(|s| s.sign_in.as_ref())
            .and_then(|s| self.mailbox_user(s));
        Ok(MailView {
            drafts_only: settings.as_ref().is_some_and(MailSettings::drafts_only),
            settings,
            password_kept,
            signed_in_as,
            usual_ports: mail::UsualPorts::default(),
        })
    }

    /// Save the mail server; a password given is kept in the keychain (or,
    /// with none running, until Amicus closes). Returns where it went.
    pub fn set_mail_settings(
        &self,
        settings: &MailSettings,
        password: Option<&str>,
    ) -> Result<Option<SecretKept>, AppError> {
        let mut s = settings.clone();
        s.server = s.server.trim().to_string();
        s.from_address = s.from_address.trim().to_string();
        for v in [&mut s.username, &mut s.from_name, &mut s.ca_file] {
            *v = v
                .take()
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty());
        }
        // A sender alone is worth keeping: drafts for one's own mail
        // program need nothing more (sending says the server is missing).
        if s.drafts_only() {
            s.validate_sender()?;
        } else {
            s.validate()?;
        }
        let password = password.filter(|p| !p.is_empty());
        if password.is_some() && s.account().is_none() {
            return Err(AppError::invalid(
                "username",
                "a password needs the user name it belongs to",
            ));
        }
        // The server's settings are the organization's (on a team record,
        // the administrators'); the password is this computer's. Saving the
        // settings as they are writes nothing, so anyone may keep the
        // password for the account the organization set.
        let saved = self.db().setting::<MailSettings>("mail")?;
        if saved.as_ref() != Some(&s) {
            self.db().set_setting("mail", &s)?;
        }
        let kept = match (password, s.account()) {
            (Some(p), Some(account)) => Some(self.secrets.set(SMTP_SERVICE, &account, p)),
            _ => None,
        };
        self.changed(&[RecordArea::Settings]);
        Ok(kept)
    }

    /// Forget the mail server's password (keychain and session).
    pub fn forget_mail_password(&self) -> Result<(), AppError> {
        // The account only: asking the keychain whether it keeps a password
        // first would be one more question for it to fail.
        let saved: Option<MailSettings> = self.db().setting("mail")?;
        if let Some(account) = saved.as_ref().and_then(MailSettings::account) {
            self.secrets.delete(SMTP_SERVICE, &account)?;
        }
        self.changed(&[RecordArea::Settings]);
        Ok(())
    }

    pub(crate) fn saved_mail(&self) -> Result<MailSettings, AppError> {
        self.db().setting::<MailSettings>("mail")?.ok_or_else(|| {
            AppError::invalid(
                "mail",
                "no mail server is set up yet; fill in Settings → Sending email \
                 (or `amicus mail set` on the command line)",
            )
        })
    }

    /// The password kept for the signing certificate in `p12`, if any.
    pub fn certificate_password(&self, p12: &Path) -> Option<String> {
        self.secrets
            .get(CERTIFICATE_SERVICE, &certificate_account(p12))
    }

    /// The password to open the signing certificate `p12` with: the one
    /// given (typed in the window; `AMICUS_CERT_PASSWORD` on the command
    /// line) wins, else the one kept in the keychain; with neither, a
    /// refusal at the password.
    pub fn certificate_password_for(
        &self,
        p12: &Path,
        given: Option<String>,
    ) -> Result<String, AppError> {
        given
            .filter(|p| !p.is_empty())
            .or_else(|| self.certificate_password(p12))
            .ok_or_else(|| {
                AppError::invalid(
                    "password",
                    format!(
                        "enter the certificate's password: none is kept in the keychain for {}",
                        p12.display()
                    ),
                )
            })
    }

    /// Keep the password of the signing certificate in `p12` in the keychain.
    pub fn remember_certificate_password(&self, p12: &Path, password: &str) -> SecretKept {
        self.secrets
            .set(CERTIFICATE_SERVICE, &certificate_account(p12), password)
    }

    /// Where each copy of letter `id` can go besides the post, by copy number.
    pub fn reach(&self, id: i64) -> Result<Vec<(u32, Reach)>, AppError> {
        let db = self.db();
        db.recipients(id)?
            .iter()
            .map(|r| Ok((r.ord, reach_of(&db, r)?)))
            .collect()
    }

    /// Send copies of a signed letter by e-mail, one message each with the
    /// exact PDF that is archived. A copy the server accepts is recorded sent
    /// (the Message-ID as its confirmation, the time of acceptance); one it
    /// refuses stays unsent with the server's words. A refusal of one address
    /// lets the rest go on; any other error stops the sending there.
    /// Send a test message through the organization's mail settings (its
    /// server and password, or the signed-in mailbox) to `to`, or to the
    /// sender's own address: a short note with the sample letter attached,
    /// as a letter would go. Nothing is recorded; the Message-ID is said.
    #[tracing::instrument(skip(self))]
    pub fn send_test_message(&self, to: Option<&str>) -> Result<TestMessage, AppError> {
        let settings = self.saved_mail()?;
        let password = settings
            .account()
            .and_then(|a| self.secrets.get(SMTP_SERVICE, &a));
        let to = to
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or(&settings.from_address)
            .to_string();
        let courier = self.courier(&settings, password.as_deref())?;
        let now = self.clock().now();
        let out = Outgoing {
            to_name: String::new(),
            to_address: to.clone(),
            subject: "Amicus: a test message".into(),
            note: format!(
                "This is a test message from Amicus, sent through the settings in \
                 Settings → Sending email to check that letters can go by e-mail.\n\n\
                 Attached is the sample letter, as a letter's PDF is attached.\n\n\
                 {}\n",
                settings
                    .from_name
                    .as_deref()
                    .unwrap_or(&settings.from_address)
            ),
            pdf: self.engine.sample_pdf()?,
            file_name: "amicus-sample-letter.pdf".into(),
            message_id: mail::message_id(&settings.from_address, 0, 0, now),
        };
        let message = mail::message(&settings, &out, now)?;
        self.hand_over(&courier, &message, &out).map_err(|r| {
            AppError::Unavailable(format!("the test message was not sent: {}", r.reason))
        })?;
        Ok(TestMessage {
            to,
            message_id: out.message_id,
        })
    }

    #[tracing::instrument(skip(self, req), fields(letter = req.letter_id, copy = ?req.copy))]
    pub fn send_by_email(&self, mut req: EmailRequest) -> Result<Vec<EmailResult>, AppError> {
        let mut settings = self.saved_mail()?;
        if let Some(url) = req.server.as_deref() {
            settings = settings.with_url(url)?;
        }
        let password = req.password.clone().or_else(|| {
            settings
                .account()
                .and_then(|a| self.secrets.get(SMTP_SERVICE, &a))
        });
        let targets = self.email_targets(&req)?;
        let courier = self.courier(&settings, password.as_deref())?;
        let total = targets.len();
        let mut results = Vec::with_capacity(total);
        let mut stop: Option<String> = None;
        for (i, recipient_id) in targets.into_iter().enumerate() {
            let p = self.prepare_email(recipient_id, req.resend, &settings)?;
            let mut result = EmailResult {
                recipient_id,
                number: p.recipient.ord,
                name: p.name.clone(),
                address: p.address.clone(),
                outcome: EmailOutcome::NoAddress,
            };
            if let Some(reason) = &stop {
                result.outcome = EmailOutcome::NotTried {
                    reason: reason.clone(),
                };
                results.push(result);
                continue;
            }
            if let Some(go_on) = req.progress.as_mut()
                && !go_on(i, total, &p.name)
            {
                let reason = "not sent: the sending was cancelled".to_string();
                result.outcome = EmailOutcome::NotTried {
                    reason: reason.clone(),
                };
                stop = Some(reason);
                results.push(result);
                continue;
            }
            let Some(out) = p.outgoing else {
                results.push(result);
                continue;
            };
            let message = mail::message(&settings, &out, self.clock().now())?;
            result.outcome = match self.hand_over(&courier, &message, &out) {
                Ok(accepted) => {
                    tracing::info!(recipient_id, reply = %accepted.reply, "the mail server took a copy");
                    self.record_email(&p.recipient, req.resend, &out.message_id)
                }
                Err(refused) => {
                    tracing::warn!(recipient_id, reason = %refused.reason, "the mail server refused a copy");
                    if !refused.recipient_only {
                        stop = Some(format!(
                            "not sent: stopped after the error above ({})",
                            settings.describe()
                        ));
                    }
                    EmailOutcome::Refused {
                        reason: refused.reason,
                    }
                }
            };
            results.push(result);
        }
        if let Some(go_on) = req.progress.as_mut() {
            go_on(total, total, "");
        }
        if results.iter().any(|r| {
            matches!(
                r.outcome,
                EmailOutcome::Sent { .. } | EmailOutcome::Resent { .. }
            )
        }) {
            self.changed(&[RecordArea::Letters]);
        }
        Ok(results)
    }

    /// The copies a request names, checked before anything is sent.
    fn email_targets(&self, req: &EmailRequest) -> Result<Vec<i64>, AppError> {
        let db = self.db();
        ready_to_send(req.letter_id, db.letter(req.letter_id)?.status)?;
        let recipients = db.recipients(req.letter_id)?;
        match req.copy {
            Some(n) => {
                let id = recipient_numbered(&db, req.letter_id, n)?;
                let r = db.recipient(id)?;
                if let Some(at) = r.sent_at
                    && !req.resend
                {
                    return Err(AppError::Conflict(format!(
                        "copy {n} of letter {} was already sent on {}{}; send it again only as a resend \
                         (answer \"Resend\", or pass --resend)",
                        req.letter_id,
                        at.format("%Y-%m-%d"),
                        r.method.map(|m| format!(" by {m}")).unwrap_or_default()
                    )));
                }
                if req.resend && r.sent_at.is_none() {
                    return Err(AppError::Conflict(format!(
                        "copy {n} of letter {} has not been sent yet, so it cannot be resent",
                        req.letter_id
                    )));
                }
                if reach_of(&db, &r)?.email.is_none() {
                    return Err(AppError::invalid(
                        "email",
                        format!(
                            "{} has no e-mail address on record; add one under Officials, \
                             or send this copy another way and mark it sent",
                            display_name(&db, &r)?
                        ),
                    ));
                }
                Ok(vec![id])
            }
            None if req.resend => Err(AppError::invalid(
                "copy",
                "a resend names the copy to send again",
            )),
            None => {
                let unsent: Vec<&Recipient> =
                    recipients.iter().filter(|r| r.sent_at.is_none()).collect();
                if unsent.is_empty() {
                    return Err(AppError::Conflict(format!(
                        "every copy of letter {} has already been sent",
                        req.letter_id
                    )));
                }
                Ok(unsent.iter().map(|r| r.id).collect())
            }
        }
    }

    /// The message for one copy: the PDF (archived one for a resend), the
    /// cover note, the Message-ID. Holds the record only while reading.
    fn prepare_email(
        &self,
        recipient_id: i64,
        resend: bool,
        settings: &MailSettings,
    ) -> Result<Prepared, AppError> {
        let db = self.db();
        let recipient = db.recipient(recipient_id)?;
        let name = display_name(&db, &recipient)?;
        let address = reach_of(&db, &recipient)?.email;
        let Some(to) = address.clone() else {
            return Ok(Prepared {
                recipient,
                name,
                address,
                outgoing: None,
            });
        };
        let pdf = if resend {
            db.archived_copy(recipient_id)?.ok_or_else(|| {
                AppError::Damaged(format!(
                    "copy {recipient_id} is marked sent but nothing was archived"
                ))
            })?
        } else {
            self.copy_to_send(&db, recipient_id)?.pdf
        };
        let letter = db.letter(recipient.letter_id)?;
        let signer = db.signer(letter.signer_id)?;
        let organization: letters::Organization = db.setting("organization")?.ok_or_else(|| {
            AppError::invalid(
                "organization",
                "the organization's letterhead is not set; fill it in under Settings",
            )
        })?;
        let block = recipient_block(
            &db,
            recipient.person_id,
            recipient.office_id,
            recipient.term_id,
        )?;
        // An addressee is greeted as their copy of the letter greets them;
        // a cc as the letter would greet them by name (never by full name).
        let own = || letters::template::salutation_line(&[&block.salutation]);
        let salutation = match recipient.role {
            Role::To => self
                .copy_salutation(&db, recipient_id)
                .ok()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(own),
            Role::Cc => own(),
        };
        let note = mail::cover_note(&CoverFields {
            salutation,
            recipient: block.name.clone(),
            organization: organization.name.clone(),
            subject: letter.subject.trim().to_string(),
            date: letters::template::long_date(letter.date),
            signer: signer.name.clone(),
            signer_title: signer.title.clone().unwrap_or_default(),
        })?;
        let subject = if letter.subject.trim().is_empty() {
            format!("Letter from {}", organization.name)
        } else {
            letter.subject.trim().to_string()
        };
        let outgoing = Outgoing {
            to_name: block.name.clone(),
            to_address: to,
            subject,
            note,
            pdf,
            file_name: attachment_name(letter.id, letter.date, &block.name),
            message_id: mail::message_id(
                &settings.from_address,
                letter.id,
                recipient_id,
                self.clock().now(),
            ),
        };
        Ok(Prepared {
            recipient,
            name,
            address,
            outgoing: Some(outgoing),
        })
    }

    /// Record what the server accepted. A failure here is reported with the
    /// Message-ID, since the message did go.
    fn record_email(&self, r: &Recipient, resend: bool, message_id: &str) -> EmailOutcome {
        let at = self.clock().now();
        let recorded = if resend {
            self.db()
                .record_resend(r.id, Method::Email, Some(message_id), at)
                .map_err(AppError::from)
        } else {
            let mut db = self.db();
            self.copy_to_send(&db, r.id)
                .and_then(|copy| {
                    let sending = Sending {
                        method: Method::Email,
                        at,
                        confirmation: Some(message_id.to_string()),
                        follow_up_on: self.default_follow_up(at),
                    };
                    db.mark_sent(r.id, &sending, &copy, at)
                        .map_err(AppError::from)
                })
                .map(|_| ())
        };
        match recorded {
            Ok(()) if resend => EmailOutcome::Resent {
                message_id: message_id.to_string(),
                at,
            },
            Ok(()) => EmailOutcome::Sent {
                message_id: message_id.to_string(),
                at,
            },
            Err(e) => EmailOutcome::Refused {
                reason: format!(
                    "the mail server accepted it ({message_id}) but the record could not be written: {e}; \
                     mark this copy sent by hand with that Message-ID"
                ),
            },
        }
    }

    /// Write copy `number` of letter `id` as an `.eml` draft at `path`
    /// (`X-Unsent: 1`), for the staffer's mail program to open and send.
    /// The copy is not marked sent: staff confirm that after sending it.
    pub fn email_draft(&self, id: i64, number: u32, path: &Path) -> Result<EmailDraft, AppError> {
        let settings = self.db().setting::<MailSettings>("mail")?.ok_or_else(|| {
            AppError::invalid(
                "mail",
                "a draft needs only the address letters are sent from: enter it under Send from \
                 in Settings → Sending email (or `amicus mail set --from ADDRESS`); no mail server is needed",
            )
        })?;
        let (recipient_id, status) = {
            let db = self.db();
            (recipient_numbered(&db, id, number)?, db.letter(id)?.status)
        };
        ready_to_send(id, status)?;
        let p = self.prepare_email(recipient_id, false, &settings)?;
        let Some(out) = p.outgoing else {
            return Err(AppError::invalid(
                "email",
                format!(
                    "{} has no e-mail address on record; add one under Officials",
                    p.name
                ),
            ));
        };
        let eml = mail::draft(&settings, &out, self.clock().now())?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| AppError::Write {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(path, eml).map_err(|source| AppError::Write {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(EmailDraft {
            path: path.to_path_buf(),
            address: out.to_address,
            message_id: out.message_id,
        })
    }

    /// Copy `number` of letter `id` as plain text, with the office's web
    /// contact form to paste it into.
    pub fn contact_form_copy(&self, id: i64, number: u32) -> Result<ContactFormCopy, AppError> {
        let db = self.db();
        let recipient = db.recipient(recipient_numbered(&db, id, number)?)?;
        let Some(url) = reach_of(&db, &recipient)?.contact_form else {
            return Err(AppError::invalid(
                "contact_form",
                format!(
                    "{} has no contact form on record",
                    display_name(&db, &recipient)?
                ),
            ));
        };
        let copy = self.copy_to_send(&db, recipient.id)?;
        drop(db);
        let data: letters::LetterData = serde_json::from_str(&copy.data)
            .map_err(|e| AppError::damaged("the copy's data", e))?;
        let letter = self
            .engine
            .prepare(&data)?
            .into_iter()
            .next()
            .ok_or_else(|| AppError::Damaged(format!("letter {id} has no copy {number}")))?;
        Ok(ContactFormCopy {
            url,
            text: plain_text(&letter),
        })
    }
}

/// Only a signed letter (or one partly sent) goes out.
fn ready_to_send(id: i64, status: Status) -> Result<(), AppError> {
    if matches!(status, Status::Signed | Status::Sent) {
        return Ok(());
    }
    Err(AppError::Conflict(format!(
        "letter {id} is {status}; it must be approved and signed before it is sent"
    )))
}

/// A certificate's keychain account: its file, wherever it was named from.
fn certificate_account(p12: &Path) -> String {
    std::fs::canonicalize(p12)
        .unwrap_or_else(|_| p12.to_path_buf())
        .display()
        .to_string()
}

/// The person's address first (a staffer entered it for them), else the office's.
pub(crate) fn reach_of(db: &Store, r: &Recipient) -> Result<Reach, AppError> {
    let person_email = match r.person_id {
        Some(p) => db.person(p)?.email,
        None => None,
    };
    let office = match r.office_id {
        Some(o) => Some(db.office(o)?),
        None => None,
    };
    Ok(Reach {
        email: person_email.or_else(|| office.as_ref().and_then(|o| o.email.clone())),
        contact_form: office.and_then(|o| o.contact_form),
    })
}

fn display_name(db: &Store, r: &Recipient) -> Result<String, AppError> {
    Ok(match (r.person_id, r.office_id) {
        (Some(p), _) => db.person(p)?.full_name,
        (None, Some(o)) => db.office(o)?.title,
        (None, None) => format!("recipient {}", r.ord),
    })
}

/// "letter-12-2017-09-05-Robert-E-Lighthizer.pdf"
fn attachment_name(id: i64, date: chrono::NaiveDate, name: &str) -> String {
    let who: String = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("letter-{id}-{date}-{who}.pdf")
}

/// A letter as plain text: date, address, salutation, body, closing, signer.
fn plain_text(letter: &letters::Letter) -> String {
    let line = |inlines: &[letters::markup::Inline]| -> String {
        inlines.iter().map(|i| i.text.as_str()).collect::<String>()
    };
    let mut out = vec![
        letters::template::long_date(letter.data.date),
        String::new(),
    ];
    for r in &letter.data.recipients {
        out.extend(letters::compose::address_lines(r));
        out.push(String::new());
    }
    let subject = line(&letter.rendered.subject);
    if !subject.trim().is_empty() {
        out.push(format!("Re: {subject}"));
        out.push(String::new());
    }
    out.push(line(&letter.rendered.salutation));
    out.push(String::new());
    for b in &letter.rendered.body {
        match b {
            letters::markup::Block::Paragraph(t) => out.push(line(t)),
            letters::markup::Block::Item {
                marker,
                depth,
                text,
            } => {
                out.push(format!("{}{marker} {}", "  ".repeat(*depth), line(text)));
            }
        }
        out.push(String::new());
    }
    out.push(line(&letter.rendered.closing));
    out.push(String::new());
    out.push(letter.data.signer.name.clone());
    if let Some(t) = &letter.data.signer.title {
        out.push(t.clone());
    }
    out.push(letter.data.organization.name.clone());
    out.join("\n") + "\n"
}
