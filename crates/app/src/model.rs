//! The record's plain data types that requests and views carry. They are
//! re-exported by name (never the store itself), so the front ends can build
//! requests and print views without reaching the record.

pub use store::followups::human_size;
pub use store::import::{ImportSummary, LocalOffice};
pub use store::log::{LastContact, LogCursor, LogFilter, SearchHit};
pub use store::officials_csv::CsvSummary;
pub use store::paragraphs::{NewParagraph, Paragraph};
pub use store::{
    ContactKind, CopyContact, Event, EventKind, Issue, LetterMode, Method, NewContact, NewOffice,
    NewPerson, NewPosition, NewTerm, Office, OfficeKind, Person, Position, ReplyFile, Role,
    RowProblem, Signer, Stance, Status, Term,
};
