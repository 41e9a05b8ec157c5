//! Tauri commands: take state, call `amicus_app`, map the error. No logic
//! here; every command is a few lines over one use case. "Now" and "today"
//! come from the app's clock (the organization's time zone).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use amicus_app::groups::{GroupExpansion, GroupInfo, GroupRef, WithGroup};
use amicus_app::mail::MailSettings;
use amicus_app::secrets::SecretKept;
use amicus_app::{
    Catalog, ClockView, CsvSummary, DraftPreview, Drafted, ExportOptions, ImportRequest,
    ImportSummary, IssueView, LetterDetail, LetterSummary, Letterhead, LogEntry, LogFilter,
    NewLetter, NewOffice, NewOfficial, NewPerson, NewPosition, NewTerm, OfficeDetail, OfficeRow,
    OfficialsPage, PersonDetail, Position, PreviewHave, SearchHit, SendReport, SendRequest,
    SettingsInfo, Status, TemplateCheck, TemplateDraft,
};
use amicus_app::{
    ContactFormCopy, EmailDraft, EmailRequest, EmailResult, MailView, NewParagraph, Paragraph,
};
use amicus_app::{LogChoices, NewContact, RecipientChoice, SnoozeChoice, SnoozeTo};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use amicus_app::Clock;
use amicus_app::team::{TeamSignIn, TeamStatus};

use crate::AppState;
use crate::ipc_error::IpcError;
use crate::record::{Location, Startup};

type Reply<T> = Result<T, IpcError>;

/// Pages of a letter: one standalone SVG per page, from the PDF's own layout.
#[derive(Serialize, ts_rs::TS)]
pub struct Preview {
    pub title: String,
    pub pages: Vec<String>,
}

#[tauri::command(async)]
pub fn sample_preview(state: State<'_, AppState>) -> Reply<Preview> {
    let (title, pages) = state.app()?.engine().sample_preview()?;
    Ok(Preview { title, pages })
}

/// The app, or why the record did not open (waits while it opens).
#[tauri::command(async)]
pub fn startup(state: State<'_, AppState>) -> Startup {
    state.record.startup()
}

/// Which record the window works on, and as whom.
#[tauri::command(async)]
pub fn team_status(state: State<'_, AppState>) -> Reply<TeamStatus> {
    Ok(state.app()?.team_status()?)
}

/// The team record's logins and their roles (for giving a follow-up to a
/// colleague); refused on this computer's own record.
#[tauri::command(async)]
pub fn team_users(state: State<'_, AppState>) -> Reply<Vec<amicus_app::team::TeamUser>> {
    Ok(state.app()?.team_users()?)
}

/// Switch to a team record: tried first, so a wrong password or an
/// unreachable server leaves the current record open.
#[tauri::command(async)]
pub fn team_connect(state: State<'_, AppState>, request: TeamSignIn) -> Reply<SecretKept> {
    let (connect, saved) = request.plan()?;
    let app = amicus_app::App::open_team(amicus_app::Engine::new()?, &connect, Clock::system())?;
    let kept = request.keep(&saved)?;
    state.install(&Location::Team(connect), app)?;
    Ok(kept)
}

/// Back to this computer's own record (and at every start from now on).
#[tauri::command(async)]
pub fn team_leave(state: State<'_, AppState>) -> Reply<()> {
    amicus_app::team::forget_team()?;
    state.open_record(None)
}

/// Open the record the window started with again (after an outage).
#[tauri::command(async)]
pub fn record_retry(state: State<'_, AppState>) -> Reply<()> {
    state.open_location(AppState::initial_location(&state.config))
}

/// Open (or create) the record at `path` instead.
#[tauri::command(async)]
pub fn record_open(state: State<'_, AppState>, path: PathBuf) -> Reply<()> {
    state.open_record(Some(path))
}

/// Put a backup in place of the record that would not open, then open it.
#[tauri::command(async)]
pub fn record_restore(state: State<'_, AppState>, backup: PathBuf) -> Reply<()> {
    state.restore_record(&backup)
}

#[tauri::command(async)]
pub fn clock(state: State<'_, AppState>) -> Reply<ClockView> {
    Ok(state.app()?.clock_view())
}

#[tauri::command(async)]
pub fn letter_blank(state: State<'_, AppState>) -> Reply<NewLetter> {
    Ok(state.app()?.blank_letter()?)
}

/// A new, unsaved letter copied from letter `id`, dated `date`.
#[tauri::command(async)]
pub fn letter_copy(state: State<'_, AppState>, id: i64, date: NaiveDate) -> Reply<NewLetter> {
    Ok(state.app()?.copy_letter(id, date)?)
}

#[tauri::command(async)]
pub fn position_in_force(
    state: State<'_, AppState>,
    issue_id: i64,
    date: NaiveDate,
) -> Reply<Option<i64>> {
    Ok(state.app()?.position_in_force(issue_id, date)?)
}

#[tauri::command(async)]
pub fn diagnostics(state: State<'_, AppState>) -> Reply<String> {
    let mut text = state.app()?.diagnostics()?;
    text.push_str(&crate::ipc_error::recent_errors().join("\n"));
    Ok(text)
}

#[tauri::command(async)]
pub fn time_zone_save(state: State<'_, AppState>, time_zone: String) -> Reply<()> {
    Ok(state.app()?.set_time_zone(&time_zone)?)
}

#[tauri::command(async)]
pub fn letters_list(
    state: State<'_, AppState>,
    status: Option<Status>,
) -> Reply<Vec<LetterSummary>> {
    Ok(state.app()?.letter_summaries(status)?)
}

#[tauri::command(async)]
pub fn letter_open(state: State<'_, AppState>, id: i64) -> Reply<LetterDetail> {
    Ok(state.app()?.open_letter(id)?)
}

#[tauri::command(async)]
pub fn draft_preview(
    state: State<'_, AppState>,
    letter: NewLetter,
    have: PreviewHave,
) -> Reply<DraftPreview> {
    Ok(state.app()?.preview_draft(&letter, &have)?)
}

#[tauri::command(async)]
pub fn letter_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    letter: NewLetter,
) -> Reply<Drafted> {
    let app = state.app()?;
    Ok(app.save_letter(id, &letter, app.clock().now())?)
}

#[tauri::command(async)]
pub fn letter_approve(state: State<'_, AppState>, id: i64) -> Reply<()> {
    let app = state.app()?;
    Ok(app.approve(id, app.clock().now())?)
}

#[tauri::command(async)]
pub fn letter_sign(state: State<'_, AppState>, id: i64) -> Reply<()> {
    let app = state.app()?;
    Ok(app.sign(id, app.clock().now())?)
}

/// Sign an approved letter and each of its copies digitally with the
/// PKCS#12 file `certificate`; answers the certificate's name and what
/// the signer should be told (a certificate about to expire).
#[tauri::command(async)]
pub fn letter_sign_digitally(
    state: State<'_, AppState>,
    id: i64,
    certificate: PathBuf,
    password: Option<String>,
    remember: bool,
) -> Reply<amicus_app::DigitallySigned> {
    let app = state.app()?;
    let password = app.certificate_password_for(&certificate, password)?;
    let signed = app.sign_digitally(id, &certificate, &password, app.clock().now())?;
    if remember {
        app.remember_certificate_password(&certificate, &password);
    }
    Ok(signed)
}

/// Whether the keychain has the password of this certificate.
#[tauri::command(async)]
pub fn certificate_password_kept(state: State<'_, AppState>, certificate: PathBuf) -> Reply<bool> {
    Ok(state.app()?.certificate_password(&certificate).is_some())
}

/// How far an export has got.
#[derive(Clone, Serialize, ts_rs::TS)]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
}

/// Export every copy (or one combined PDF), reporting each copy on
/// `progress`; `export_cancel` stops it and nothing is written.
#[tauri::command(async)]
pub fn letter_export(
    state: State<'_, AppState>,
    id: i64,
    path: PathBuf,
    combined: bool,
    blank_signature: bool,
    progress: Channel<ExportProgress>,
) -> Reply<Vec<PathBuf>> {
    state.cancel.store(false, Ordering::SeqCst);
    let cancel = Arc::clone(&state.cancel);
    let report = move |done: usize, total: usize| {
        let _ = progress.send(ExportProgress {
            done: done as u32,
            total: total as u32,
        });
        !cancel.load(Ordering::SeqCst)
    };
    let options = ExportOptions {
        combined,
        blank_signature,
        progress: Some(Box::new(report)),
    };
    let app = state.app()?;
    Ok(app.export_letter(id, &path, &options, app.clock().now())?)
}

#[tauri::command]
pub fn export_cancel(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::SeqCst);
}

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
    state.cancel.store(false, Ordering::SeqCst);
    let cancel = Arc::clone(&state.cancel);
    let mut req = EmailRequest::new(id);
    req.copy = copy;
    req.resend = resend;
    req.progress = Some(Box::new(move |done, total, next: &str| {
        let _ = progress.send(EmailProgress {
            done: done as u32,
            total: total as u32,
            next: next.to_string(),
        });
        !cancel.load(Ordering::SeqCst)
    }));
    Ok(state.app()?.send_by_email(req)?)
}

#[tauri::command]
pub fn send_cancel(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::SeqCst);
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

/// Stock paragraphs matching every word of `search`, those on `issue_id` first.
#[tauri::command(async)]
pub fn paragraphs_list(
    state: State<'_, AppState>,
    search: String,
    issue_id: Option<i64>,
) -> Reply<Vec<Paragraph>> {
    Ok(state.app()?.paragraphs(&search, issue_id)?)
}

#[tauri::command(async)]
pub fn paragraph_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    paragraph: NewParagraph,
) -> Reply<i64> {
    Ok(state.app()?.save_paragraph(id, &paragraph)?)
}

#[tauri::command(async)]
pub fn paragraph_delete(state: State<'_, AppState>, id: i64) -> Reply<()> {
    Ok(state.app()?.delete_paragraph(id)?)
}

/// The saved lists, then every committee and subcommittee, with today's size.
#[tauri::command(async)]
pub fn groups_list(state: State<'_, AppState>) -> Reply<Vec<GroupInfo>> {
    let app = state.app()?;
    let mut groups = app.list_groups()?;
    groups.extend(app.committee_groups()?);
    Ok(groups)
}

/// A group's members on `on`, the seats a letter goes to, and its greeting.
#[tauri::command(async)]
pub fn group_expand(
    state: State<'_, AppState>,
    group: GroupRef,
    on: NaiveDate,
) -> Reply<GroupExpansion> {
    Ok(state.app()?.expand_group(&group, on)?)
}

/// A letter with `group`'s members on its date added, but for `left_out`,
/// and its greeting decided again.
#[tauri::command(async)]
pub fn letter_add_group(
    state: State<'_, AppState>,
    letter: NewLetter,
    group: GroupRef,
    left_out: Vec<RecipientChoice>,
) -> Reply<WithGroup> {
    Ok(state.app()?.add_group(letter, &group, &left_out)?)
}

/// A letter with its group number `index` (from 0) and the members only it brought taken off.
#[tauri::command(async)]
pub fn letter_remove_group(
    state: State<'_, AppState>,
    letter: NewLetter,
    index: usize,
) -> Reply<NewLetter> {
    Ok(state.app()?.remove_group(letter, index)?)
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
    let app = state.app()?;
    Ok(app.mark_sent(recipient_id, &report, app.clock().now())?)
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
    let done = app.send_copies(&req, app.clock().now())?;
    Ok(u32::try_from(done.len()).unwrap_or(u32::MAX))
}

#[tauri::command(async)]
pub fn record_reply(
    state: State<'_, AppState>,
    recipient_id: i64,
    on: NaiveDate,
    notes: String,
    file: Option<PathBuf>,
) -> Reply<()> {
    let app = state.app()?;
    let now = app.clock().now();
    Ok(app.record_reply_with_file(recipient_id, on, &notes, file.as_deref(), now)?)
}

#[tauri::command(async)]
pub fn follow_up_snooze(
    state: State<'_, AppState>,
    recipient_id: i64,
    to: SnoozeTo,
) -> Reply<NaiveDate> {
    let app = state.app()?;
    Ok(app.snooze_follow_up(recipient_id, to, app.clock().now())?)
}

/// The quick snooze choices for a copy and the day each gives.
#[tauri::command(async)]
pub fn follow_up_snooze_choices(
    state: State<'_, AppState>,
    recipient_id: i64,
) -> Reply<Vec<SnoozeChoice>> {
    Ok(state.app()?.snooze_choices(recipient_id)?)
}

#[tauri::command(async)]
pub fn follow_up_assign(state: State<'_, AppState>, recipient_id: i64, owner: String) -> Reply<()> {
    let app = state.app()?;
    Ok(app.assign_follow_up(recipient_id, &owner, app.clock().now())?)
}

#[tauri::command(async)]
pub fn copy_contact_log(
    state: State<'_, AppState>,
    recipient_id: i64,
    contact: NewContact,
) -> Reply<i64> {
    let app = state.app()?;
    Ok(app.log_contact(recipient_id, &contact, app.clock().now())?)
}

#[tauri::command(async)]
pub fn reply_attach(state: State<'_, AppState>, recipient_id: i64, path: PathBuf) -> Reply<i64> {
    let app = state.app()?;
    Ok(app.attach_reply(recipient_id, &path, app.clock().now())?)
}

#[tauri::command(async)]
pub fn reply_file_save(state: State<'_, AppState>, id: i64, path: PathBuf) -> Reply<()> {
    Ok(state.app()?.save_reply_file(id, &path)?)
}

/// The kept reply written to a private temporary file, for the system's viewer.
#[tauri::command(async)]
pub fn reply_file_view(state: State<'_, AppState>, id: i64) -> Reply<PathBuf> {
    Ok(state.app()?.reply_file_for_viewing(id)?)
}

#[tauri::command(async)]
pub fn sent_log_choices(state: State<'_, AppState>) -> Reply<LogChoices> {
    Ok(state.app()?.log_choices()?)
}

#[tauri::command(async)]
pub fn sent_log(state: State<'_, AppState>, filter: LogFilter) -> Reply<Vec<LogEntry>> {
    Ok(state.app()?.log(&filter)?)
}

#[tauri::command(async)]
pub fn sent_log_csv(state: State<'_, AppState>, filter: LogFilter, path: PathBuf) -> Reply<()> {
    Ok(state.app()?.write_log_csv(&filter, &path)?)
}

#[tauri::command(async)]
pub fn catalog(state: State<'_, AppState>) -> Reply<Catalog> {
    Ok(state.app()?.catalog()?)
}

#[tauri::command(async)]
pub fn issues_overview(state: State<'_, AppState>) -> Reply<Vec<IssueView>> {
    Ok(state.app()?.issue_views()?)
}

#[tauri::command(async)]
pub fn officials_list(state: State<'_, AppState>, filter: String) -> Reply<OfficialsPage> {
    let app = state.app()?;
    Ok(app.officials_page(&filter, app.clock().today(), 200)?)
}

#[tauri::command(async)]
/// Import the congress roster from a folder, or (no folder) the snapshot shipped with Amicus.
pub fn import_congress(
    state: State<'_, AppState>,
    dir: Option<PathBuf>,
    dry_run: bool,
) -> Reply<ImportSummary> {
    let request = ImportRequest {
        source: dir,
        as_of: None,
        dry_run,
    };
    Ok(state.app()?.import_congress_now(&request)?)
}

#[tauri::command(async)]
pub fn import_posts(state: State<'_, AppState>, dry_run: bool) -> Reply<ImportSummary> {
    let request = ImportRequest {
        source: None,
        as_of: None,
        dry_run,
    };
    Ok(state.app()?.import_posts_now(&request)?)
}

#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, text: String) -> Reply<Vec<SearchHit>> {
    Ok(state.app()?.search(&text)?)
}

#[tauri::command(async)]
pub fn settings_info(state: State<'_, AppState>) -> Reply<SettingsInfo> {
    Ok(state.app()?.settings_info()?)
}

#[tauri::command(async)]
pub fn backup(state: State<'_, AppState>, path: PathBuf) -> Reply<()> {
    Ok(state.app()?.backup(&path)?)
}

/// Replace the open record with a backup; the record as it was is kept
/// beside it first. Returns where (none for an in-memory record).
#[tauri::command(async)]
pub fn backup_restore(state: State<'_, AppState>, path: PathBuf) -> Reply<Option<PathBuf>> {
    Ok(state.app()?.restore_keeping_current(&path)?)
}

#[tauri::command(async)]
pub fn template_check(state: State<'_, AppState>, template: TemplateDraft) -> Reply<TemplateCheck> {
    Ok(state.app()?.check_template(&template)?)
}

#[tauri::command(async)]
pub fn template_save(state: State<'_, AppState>, template: TemplateDraft) -> Reply<u32> {
    let app = state.app()?;
    Ok(app.save_template(&template, app.clock().now())?)
}

#[tauri::command(async)]
pub fn person_detail(state: State<'_, AppState>, id: i64) -> Reply<PersonDetail> {
    Ok(state.app()?.person_detail(id)?)
}

#[tauri::command(async)]
pub fn person_save(state: State<'_, AppState>, id: Option<i64>, person: NewPerson) -> Reply<i64> {
    let app = state.app()?;
    Ok(app.save_person(id, &person, app.clock().now())?)
}

#[tauri::command(async)]
pub fn official_add(state: State<'_, AppState>, official: NewOfficial) -> Reply<i64> {
    Ok(state.app()?.add_official(&official)?)
}

#[tauri::command(async)]
pub fn position_adopt(
    state: State<'_, AppState>,
    issue: String,
    position: NewPosition,
) -> Reply<Position> {
    Ok(state.app()?.adopt_position(&issue, &position)?.1)
}

#[tauri::command(async)]
pub fn person_retire(state: State<'_, AppState>, id: i64, on: NaiveDate) -> Reply<()> {
    Ok(state.app()?.retire_person(id, on)?)
}

#[tauri::command(async)]
pub fn letterhead(state: State<'_, AppState>) -> Reply<Letterhead> {
    Ok(state.app()?.letterhead()?)
}

#[tauri::command(async)]
pub fn letterhead_save(state: State<'_, AppState>, letterhead: Letterhead) -> Reply<()> {
    Ok(state.app()?.set_letterhead(&letterhead)?)
}

#[tauri::command(async)]
pub fn signer_add(state: State<'_, AppState>, name: String, title: Option<String>) -> Reply<i64> {
    Ok(state.app()?.add_signer(&name, title.as_deref())?)
}

/// Put the PNG at `path` on file as the signer's signature (None removes it).
#[tauri::command(async)]
pub fn signer_signature_set(
    state: State<'_, AppState>,
    id: i64,
    path: Option<PathBuf>,
) -> Reply<()> {
    Ok(state.app()?.set_signer_signature(id, path.as_deref())?)
}

#[tauri::command(async)]
pub fn import_csv(state: State<'_, AppState>, path: PathBuf, dry_run: bool) -> Reply<CsvSummary> {
    let app = state.app()?;
    Ok(app.import_csv(&path, app.clock().now(), dry_run)?)
}

#[tauri::command(async)]
pub fn offices_list(state: State<'_, AppState>, filter: String) -> Reply<Vec<OfficeRow>> {
    let app = state.app()?;
    Ok(app.office_rows(&filter, app.clock().today())?)
}

#[tauri::command(async)]
pub fn office_detail(state: State<'_, AppState>, id: i64) -> Reply<OfficeDetail> {
    Ok(state.app()?.office_detail(id)?)
}

#[tauri::command(async)]
pub fn office_add(state: State<'_, AppState>, office: NewOffice) -> Reply<i64> {
    Ok(state.app()?.add_office(&office)?)
}

#[tauri::command(async)]
pub fn office_edit(state: State<'_, AppState>, id: i64, office: NewOffice) -> Reply<()> {
    Ok(state.app()?.edit_office(id, &office)?)
}

/// Retire an office on `on`, or reinstate it when `on` is null.
#[tauri::command(async)]
pub fn office_retire(state: State<'_, AppState>, id: i64, on: Option<NaiveDate>) -> Reply<()> {
    Ok(state.app()?.retire_office(id, on)?)
}

#[tauri::command(async)]
pub fn term_add(state: State<'_, AppState>, term: NewTerm) -> Reply<i64> {
    Ok(state.app()?.add_term(&term)?)
}

#[tauri::command(async)]
pub fn term_end(state: State<'_, AppState>, term_id: i64, on: NaiveDate) -> Reply<()> {
    Ok(state.app()?.end_term(term_id, on)?)
}
