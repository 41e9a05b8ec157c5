//! Tauri commands, one module per area: take state, call `amicus_app`, map
//! the error. No logic here; every command is a few lines over one use case.
//! "Now" and "today" are the use cases' own, from the app's clock (the
//! organization's time zone); a command passes a time only when the person
//! gave one. [`handler`] registers every command; `contract.rs` (a test) checks
//! it against the commands and the UI's calls in `ui/src/ipc/`.

pub mod compose;
pub mod followups;
pub mod letters;
pub mod library;
pub mod officials;
pub mod sending;
pub mod session;
pub mod settings;

use crate::ipc_error::IpcError;

pub(crate) type Reply<T> = Result<T, IpcError>;

/// Every command the window may call (and, with the `test-hooks` feature,
/// the hooks').
pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        session::startup,
        session::team_status,
        session::team_users,
        session::team_connect,
        session::team_leave,
        session::record_retry,
        session::record_open,
        session::record_restore,
        session::clock,
        session::diagnostics,
        session::search,
        letters::sample_preview,
        letters::letter_blank,
        letters::letter_copy,
        letters::letters_list,
        letters::letter_open,
        letters::draft_preview,
        letters::letter_save,
        letters::letter_approve,
        letters::letter_sign,
        letters::letter_delete,
        letters::letter_restore,
        letters::letters_deleted,
        letters::letter_sign_digitally,
        letters::certificate_password_kept,
        letters::letter_export,
        letters::letter_paper_export,
        letters::printers_list,
        letters::letter_print,
        letters::letter_print_copies,
        letters::export_cancel,
        compose::paragraphs_list,
        compose::paragraph_save,
        compose::paragraph_delete,
        compose::groups_list,
        compose::group_expand,
        compose::letter_add_group,
        compose::letter_remove_group,
        compose::letter_add_recipient,
        compose::letter_remove_recipient,
        sending::mail_settings,
        sending::mail_settings_set,
        sending::mail_password_forget,
        sending::mail_test_message,
        sending::mail_sign_in,
        sending::mail_sign_in_cancel,
        sending::mail_sign_out,
        sending::letter_send_email,
        sending::send_cancel,
        sending::letter_email_draft,
        sending::letter_contact_form,
        sending::follow_up_default,
        sending::mark_sent,
        sending::mark_all_sent,
        followups::record_reply,
        followups::follow_up_snooze,
        followups::follow_up_snooze_choices,
        followups::follow_up_assign,
        followups::copy_contact_log,
        followups::reply_attach,
        followups::reply_file_save,
        followups::reply_file_view,
        followups::sent_log_choices,
        followups::sent_log,
        followups::sent_log_csv,
        officials::officials_list,
        officials::import_congress,
        officials::import_posts,
        officials::person_detail,
        officials::person_save,
        officials::official_add,
        officials::person_retire,
        officials::import_csv,
        officials::offices_list,
        officials::office_detail,
        officials::office_add,
        officials::office_edit,
        officials::office_retire,
        officials::term_add,
        officials::term_end,
        library::position_in_force,
        library::catalog,
        library::issues_overview,
        library::template_check,
        library::template_save,
        library::position_adopt,
        library::issue_page,
        library::issue_set_contact,
        library::paragraph_wording,
        library::paragraph_wording_save,
        library::board_report_export,
        settings::time_zone_save,
        settings::settings_info,
        settings::backup,
        settings::backup_restore,
        settings::letterhead,
        settings::letterhead_save,
        settings::letterhead_file_set,
        settings::letterhead_file_remove,
        settings::signer_add,
        settings::signer_signature_set,
        settings::signer_signature_image,
        #[cfg(feature = "test-hooks")]
        crate::hooks::export_path_override,
        #[cfg(feature = "test-hooks")]
        crate::hooks::open_path_override,
        #[cfg(feature = "test-hooks")]
        crate::hooks::app_ready,
    ]
}
