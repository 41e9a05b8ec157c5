//! The TypeScript types of everything the UI sends and receives, generated
//! from the Rust types into `ui/src/ipc/bindings.ts`. The test fails when the
//! file is out of date (run `make bindings` to refresh it), so CI catches
//! drift between the shell and the UI.

use amicus_app::{
    Addressee, Catalog, ClockView, CsvSummary, DraftPreview, Drafted, ExportFormat, FileMargins,
    GlyphDef, HolderView, ImportSummary, InkLine, Issue, IssueView, LastContact, LetterDetail,
    LetterExtra, LetterMode, LetterRef, LetterSummary, Letterhead, LetterheadFileView, LocalOffice,
    LogCursor, LogEntry, LogFilter, Method, NewLetter, NewOffice, NewOfficial, NewPerson,
    NewPosition, NewTerm, Office, OfficeDetail, OfficeKind, OfficeRow, OfficialRow, OfficialsPage,
    PageDrawing, PaperChoice, Person, PersonDetail, Position, PositionView, PreviewHave,
    PreviewPage, RecipientChoice, RecipientView, RecordArea, RecordChanged, Role, SearchHit,
    SendReport, SettingsInfo, Signer, Stance, Status, TemplateCheck, TemplateDraft, TemplateInfo,
    TemplateProblem, TermView, UsState,
};
use ts_rs::{Config, TS};

use amicus_app::DigitallySigned;
use amicus_app::groups::{
    Chamber, GroupExpansion, GroupInfo, GroupMember, GroupNote, GroupRef, WithGroup,
};
use amicus_app::mail::{MailSecurity, MailSettings, UsualPorts};
use amicus_app::oauth::{Handover, Provider, SignIn};
use amicus_app::secrets::SecretKept;
use amicus_app::{
    ContactFormCopy, EmailDraft, EmailOutcome, EmailResult, MailView, NewParagraph, Paragraph,
    Reach, SignedIn,
};

use amicus_app::EventKind;
use amicus_app::WorkflowStep;
use amicus_app::team::{TeamRole, TeamSession, TeamSignIn, TeamStatus, TeamUser};
use amicus_app::{
    ContactKind, CopyContact, Event, FollowUp, LogChoices, NewContact, ReplyFile, SnoozeChoice,
    SnoozeTo,
};

use crate::TeamConnection;
use crate::commands::letters::{ExportProgress, Preview};
use crate::commands::sending::{EmailProgress, SignInPage};
use crate::ipc_error::{ErrorCode, IpcError};
use crate::record::{OpenFailure, Startup};

macro_rules! decls {
    ($cfg:expr, $($t:ty),* $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),*]
    };
}

fn generate() -> String {
    // Ids and counts are small: numbers, not bigints.
    let cfg = &Config::new().with_large_int("number");
    let decls = decls!(
        cfg,
        ErrorCode,
        IpcError,
        Preview,
        SettingsInfo,
        ExportProgress,
        ExportFormat,
        PaperChoice,
        Status,
        LetterMode,
        Role,
        Method,
        OfficeKind,
        Stance,
        Person,
        Office,
        Issue,
        Position,
        Signer,
        Addressee,
        RecipientChoice,
        LetterExtra,
        NewLetter,
        Drafted,
        DigitallySigned,
        SendReport,
        FollowUp,
        LetterSummary,
        RecipientView,
        LetterDetail,
        InkLine,
        PageDrawing,
        PreviewPage,
        GlyphDef,
        PreviewHave,
        DraftPreview,
        TemplateInfo,
        TemplateDraft,
        TemplateProblem,
        TemplateCheck,
        LetterRef,
        PositionView,
        IssueView,
        amicus_app::IssuePage,
        amicus_app::IssueRecord,
        amicus_app::RecordLetter,
        amicus_app::RecordCopy,
        amicus_app::RecordNumbers,
        amicus_app::MonthRow,
        amicus_app::MethodCounts,
        amicus_app::GroupReplies,
        amicus_app::OwnerFollowUps,
        amicus_app::OfficeGroup,
        amicus_app::PositionParagraph,
        amicus_app::ParagraphWording,
        amicus_app::BoardRequest,
        amicus_app::BoardWritten,
        Catalog,
        UsState,
        amicus_app::Language,
        amicus_app::Printer,
        amicus_app::PrintRequest,
        amicus_app::Printed,
        OfficialRow,
        OfficialsPage,
        LogFilter,
        LogCursor,
        LogEntry,
        LastContact,
        SearchHit,
        ImportSummary,
        NewPerson,
        NewOfficial,
        NewPosition,
        LocalOffice,
        TermView,
        amicus_app::TermEnd,
        PersonDetail,
        Letterhead,
        LetterheadFileView,
        FileMargins,
        CsvSummary,
        NewOffice,
        NewTerm,
        OfficeRow,
        HolderView,
        OfficeDetail,
        ClockView,
        RecordArea,
        RecordChanged,
        OpenFailure,
        Startup,
        Reach,
        MailSecurity,
        MailSettings,
        UsualPorts,
        Provider,
        Handover,
        SignIn,
        MailView,
        SecretKept,
        SignedIn,
        EmailProgress,
        SignInPage,
        amicus_app::TestMessage,
        EmailOutcome,
        EmailResult,
        EmailDraft,
        ContactFormCopy,
        Chamber,
        GroupRef,
        GroupNote,
        GroupMember,
        GroupExpansion,
        GroupInfo,
        WithGroup,
        Paragraph,
        NewParagraph,
        TeamRole,
        TeamSession,
        TeamStatus,
        TeamUser,
        TeamSignIn,
        TeamConnection,
        WorkflowStep,
        EventKind,
        SnoozeTo,
        SnoozeChoice,
        LogChoices,
        ContactKind,
        NewContact,
        CopyContact,
        Event,
        ReplyFile,
    );
    format!(
        "// Generated from the Rust types by src-tauri/src/bindings.rs (`make bindings`).\n// Do not edit by hand.\n\n{}\n",
        decls.join("\n\n")
    )
}

#[test]
fn typescript_bindings_are_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/bindings.ts");
    let fresh = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == fresh,
        "ui/src/ipc/bindings.ts is out of date with the Rust types; run `make bindings`"
    );
}
