//! The record's plain data types that requests and views carry. They are
//! re-exported by name (never the store itself), so the front ends can build
//! requests and print views without reaching the record.

pub use store::import::{ImportSummary, LocalOffice};
pub use store::log::{LogEntry, LogFilter, SearchHit};
pub use store::officials_csv::CsvSummary;
pub use store::paragraphs::{NewParagraph, Paragraph};
pub use store::{
    Event, EventKind, Issue, LetterMode, Method, NewOffice, NewPerson, NewPosition, NewTerm,
    Office, OfficeKind, Person, Position, Role, RowProblem, Signer, Stance, Status, Term,
};
