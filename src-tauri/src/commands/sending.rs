//! Sending: the mail server, e-mailing copies, drafts and contact forms for the
//! other ways, and marking copies sent.

use amicus_app::mail::MailSettings;
use amicus_app::oauth::{Browser, SignIn};
use amicus_app::secrets::SecretKept;
use amicus_app::{
    ContactFormCopy, EmailDraft, EmailRequest, EmailResult, MailView, SendReport, SendRequest,
    SignedIn,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use crate::AppState;
use crate::cancel::Operation;

use super::Reply;

/// How far sending by e-mail has got: copies done of total, and who is next.
#[derive(Clone, Serialize, ts_rs::TS)]
pub struct EmailProgress {
    pub done: u32,
    pub total: u32,
    pub next: String,
}

#[tauri::command(async)]
pub fn mail_settings(state: State<'_, AppState>) -> Reply<MailView> {
    Ok(state.app()?.mail_settings()?)
}

/// Save the mail server; a password given goes to the keychain.
#[tauri::command(async)]
pub fn mail_settings_set(
    state: State<'_, AppState>,
    settings: MailSettings,
    password: Option<String>,
) -> Reply<Option<SecretKept>> {
    Ok(state
        .app()?
        .set_mail_settings(&settings, password.as_deref())?)
}

#[tauri::command(async)]
pub fn mail_password_forget(state: State<'_, AppState>) -> Reply<()> {
    Ok(state.app()?.forget_mail_password()?)
}

/// The sign-in page the window waits on: its address, and why no browser
/// could be started when none could (the window then shows the address to
/// open by hand, as the command line prints it).
#[derive(Clone, Serialize, ts_rs::TS)]
pub struct SignInPage {
    pub url: String,
    pub browser_error: Option<String>,
}

/// Sign in to the organization's mailbox in the system browser (with
/// `sign_in`, an administrator saves the provider first); waits for the
/// browser, at most five minutes, on a plain thread (the HTTP client is a
/// blocking one, which may not run inside the shell's async runtime). The
/// page's address goes to `page` first, so the wait is never in vain: a
/// person whose browser did not open opens it by hand.
#[tauri::command(async)]
pub fn mail_sign_in(
    state: State<'_, AppState>,
    sign_in: Option<SignIn>,
    page: Channel<SignInPage>,
) -> Reply<SignedIn> {
    let app = state.app()?;
    let cancel = state.cancels.start(Operation::SignIn);
    let browser = Browser {
        open: Box::new(move |url: &str| {
            let browser_error = amicus_app::oauth::open_in_system_browser(url).err();
            let _ = page.send(SignInPage {
                url: url.to_string(),
                browser_error,
            });
            Ok(())
        }),
        timeout: std::time::Duration::from_secs(300),
        cancelled: Some(Box::new(move || cancel.is_cancelled())),
    };
    Ok(off_runtime(|| app.mail_sign_in(sign_in, browser))?)
}

/// Stop waiting for the browser's sign-in.
#[tauri::command]
pub fn mail_sign_in_cancel(state: State<'_, AppState>) {
    state.cancels.cancel(Operation::SignIn);
}

#[tauri::command(async)]
pub fn mail_sign_out(state: State<'_, AppState>) -> Reply<()> {
    Ok(state.app()?.mail_sign_out()?)
}

/// Run `f` on a thread of its own (no async runtime there) and wait for it.
fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(f).join()).unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// E-mail copies of a letter (one, or every unsent one), reporting each on
/// `progress`; `send_cancel` stops before the next message.
#[tauri::command(async)]
pub fn letter_send_email(
    state: State<'_, AppState>,
    id: i64,
    copy: Option<u32>,
    resend: bool,
    progress: Channel<EmailProgress>,
) -> Reply<Vec<EmailResult>> {
    let cancel = state.cancels.start(Operation::Email);
    let mut req = EmailRequest::new(id);
    req.copy = copy;
    req.resend = resend;
    req.progress = Some(Box::new(move |done, total, next: &str| {
        let _ = progress.send(EmailProgress {
            done: done as u32,
            total: total as u32,
            next: next.to_string(),
        });
        !cancel.is_cancelled()
    }));
    let app = state.app()?;
    Ok(off_runtime(|| app.send_by_email(req))?)
}

#[tauri::command]
pub fn send_cancel(state: State<'_, AppState>) {
    state.cancels.cancel(Operation::Email);
}

/// Write copy `copy` as an .eml draft in the drafts folder; the UI opens it.
#[tauri::command(async)]
pub fn letter_email_draft(state: State<'_, AppState>, id: i64, copy: u32) -> Reply<EmailDraft> {
    let path = amicus_app::mail::drafts_dir().join(format!("letter-{id}-copy-{copy}.eml"));
    Ok(state.app()?.email_draft(id, copy, &path)?)
}

/// Copy `copy`'s text and its office's contact form.
#[tauri::command(async)]
pub fn letter_contact_form(
    state: State<'_, AppState>,
    id: i64,
    copy: u32,
) -> Reply<ContactFormCopy> {
    Ok(state.app()?.contact_form_copy(id, copy)?)
}

/// The follow-up a copy sent at `at` gets unless staff choose another.
#[tauri::command(async)]
pub fn follow_up_default(
    state: State<'_, AppState>,
    at: DateTime<Utc>,
) -> Reply<Option<NaiveDate>> {
    Ok(state.app()?.default_follow_up(at))
}

#[tauri::command(async)]
pub fn mark_sent(state: State<'_, AppState>, recipient_id: i64, report: SendReport) -> Reply<i64> {
    Ok(state.app()?.mark_sent(recipient_id, &report)?)
}

/// Mark every copy not yet sent as sent the same way; returns how many.
#[tauri::command(async)]
pub fn mark_all_sent(state: State<'_, AppState>, letter_id: i64, report: SendReport) -> Reply<u32> {
    let app = state.app()?;
    let req = SendRequest {
        letter_id,
        copy: None,
        report,
    };
    let done = app.send_copies(&req)?;
    Ok(u32::try_from(done.len()).unwrap_or(u32::MAX))
}
