//! Amicus use cases: the one way in. Both front ends (the desktop shell and
//! the `amicus` command) call this crate and nothing below it; the record
//! (`store`) is private to it, so every rule lives here once.
//!
//! An [`Engine`] is made once per process: it parses the fonts and the
//! templates, and caches decoded logos and shaped words, so rendering one
//! letter or a thousand does only per-letter work. An [`App`] is the engine
//! and one record, with the process's [`Clock`]; its use cases are grouped
//! by area, one module each, and each module owns its requests and views.
//!
//! This file only declares the modules and names what the crate offers.
//! No module imports from here: each names the module an item is defined
//! in (`crate::app::App`, `crate::error::AppError`), so the modules' imports
//! form a graph without circles (`tests/it/modules.rs` checks it).

mod app;
mod archive;
mod board;
mod clock;
pub mod congress;
mod delivery;
mod drafts;
mod engine;
mod error;
mod files;
mod followups;
mod imports;
mod log;
mod loopback;
pub mod mail;
mod mailbox;
mod model;
pub mod oauth;
mod offices;
mod officials;
mod paper;
mod paragraphs;
mod positions;
pub mod posts;
mod preview;
mod printing;
mod recipient_groups;
mod recipients;
mod reports;
mod sample;
pub mod secrets;
mod sending;
mod settings;
mod states;
pub mod team;
mod templates;
mod verify;
mod workflow;

/// Recipient groups resolved at a letter's date ([`recipient_groups`]), and
/// a letter once a group has joined it ([`drafts`]).
pub mod groups {
    pub use crate::drafts::WithGroup;
    pub use crate::recipient_groups::*;
}

pub use app::{App, RecordArea, RecordChanged, VERSION, default_db_path};
pub use archive::{LetterDetail, LetterRecord, LetterSummary, RecipientView};
pub use board::{
    BoardReport, BoardRequest, BoardWritten, CSV_HEADER as BOARD_CSV_HEADER,
    rows_beside as board_rows_beside,
};
pub use clock::{Clock, parse_zone, system_zone};
pub use delivery::{
    ContactFormCopy, EmailDraft, EmailOutcome, EmailRequest, EmailResult, MailView, Reach,
    TestMessage,
};
pub use drafts::{DraftRequest, Drafted, LetterExtra, NewLetter};
pub use engine::{Engine, ExportFormat, ExportOptions, Rendered, RenderedPdf, SAMPLE_LETTER};
pub use error::AppError;
pub use files::{Staged, copy_path, copy_pdf_path, file_stem, stage, write_atomically};
pub use followups::{FOLLOW_UP_DAYS, LogChoices, SnoozeChoice, SnoozeTo};
pub use imports::ImportRequest;
pub use letters::envelope::{EnvelopeSize, LabelSheet};
pub use letters::{Letter, LetterData, LetterError, Mode, Problem, TemplateMeta};
pub use log::LogEntry;
pub use mailbox::SignedIn;
pub use model::*;
pub use offices::{HolderView, OfficeChange, OfficeDetail, OfficeHolder, OfficeRow};
pub use officials::{NewOfficial, OfficialRow, OfficialsPage, PersonDetail, TermEnd, TermView};
pub use paper::{PaperChoice, PaperKind};
pub use positions::{IssueView, LetterRef, PositionView};
pub use preview::{DraftPreview, GlyphDef, InkLine, PageDrawing, PreviewHave, PreviewPage};
pub use printing::{PrintRequest, Printed, Printer};
pub use recipients::{Addressee, RecipientChoice};
pub use reports::{
    GroupReplies, IssuePage, IssueRecord, MethodCounts, MonthRow, OfficeGroup, OwnerFollowUps,
    POSITION_PARAGRAPH_TEMPLATE, ParagraphWording, PositionParagraph, RecordCopy, RecordLetter,
    RecordNumbers,
};
pub use sending::{FollowUp, SendReport, SendRequest};
pub use settings::{
    ClockView, FileMargins, LETTERHEAD_FILE_MARGINS, Letterhead, LetterheadFileView, SettingsInfo,
    log_dir, replace_record_with_backup,
};
pub use states::UsState;
pub use templates::{
    Catalog, Language, TemplateCheck, TemplateDraft, TemplateInfo, TemplateProblem, language_tag,
};
pub use typeset::PageSize;
pub use verify::{CopyCheck, LetterCheck};
pub use workflow::{CERTIFICATE_WARNING_DAYS, DigitallySigned, WorkflowStep};
