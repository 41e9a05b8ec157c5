//! The rows of the record, as the rest of Amicus sees them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                $(if wanted == $text { return Ok($name::$variant); })*
                Err(format!(
                    "\"{s}\" is not one of: {}",
                    [$($text),*].join(", ")
                ))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                v.as_str()?.parse().map_err(|e: String| rusqlite::types::FromSqlError::Other(e.into()))
            }
        }
    };
}

text_enum!(
    /// What kind of office: it decides the form of address.
    OfficeKind {
        CabinetSecretary = "cabinet_secretary",
        TradeRepresentative = "trade_representative",
        Senator = "senator",
        Representative = "representative",
        Governor = "governor",
        ForeignMinister = "foreign_minister",
        AgencyHead = "agency_head",
        Other = "other",
    }
);

text_enum!(Stance {
    Support = "support",
    Oppose = "oppose",
    Neutral = "neutral",
    Monitor = "monitor",
});

text_enum!(
    /// Where a letter is in its life. Only forward moves are allowed.
    Status {
        Draft = "draft",
        Approved = "approved",
        Signed = "signed",
        Sent = "sent",
    }
);

text_enum!(LetterMode {
    Joint = "joint",
    PerRecipient = "per_recipient",
});

text_enum!(Role { To = "to", Cc = "cc" });

text_enum!(Method {
    Mail = "mail",
    Email = "email",
    Fax = "fax",
    Hand = "hand",
    Portal = "portal",
});

text_enum!(EventKind {
    Created = "created",
    Edited = "edited",
    Approved = "approved",
    Signed = "signed",
    Exported = "exported",
    Sent = "sent",
    FollowedUp = "followed_up",
    Replied = "replied",
    Snoozed = "snoozed",
    Assigned = "assigned",
    ReplyAttached = "reply_attached",
    Printed = "printed",
    Deleted = "deleted",
    Restored = "restored",
});

text_enum!(
    /// A contact about a copy that is not its reply.
    ContactKind {
        Call = "call",
        Meeting = "meeting",
        Email = "email",
        Other = "other",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    pub id: i64,
    pub full_name: String,
    pub family_name: String,
    pub honorific: Option<String>,
    pub salutation: Option<String>,
    pub email: Option<String>,
    pub retired_on: Option<NaiveDate>,
}

/// A person as entered or edited (no id yet).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewPerson {
    pub full_name: String,
    /// Derived from the last word of the full name when empty.
    #[serde(default)]
    pub family_name: String,
    #[serde(default)]
    pub honorific: Option<String>,
    #[serde(default)]
    pub salutation: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Office {
    pub id: i64,
    pub title: String,
    pub short_name: Option<String>,
    pub organization: Option<String>,
    pub kind: OfficeKind,
    pub single_holder: bool,
    /// Mailing address, one line per entry.
    pub address: Vec<String>,
    pub retired_on: Option<NaiveDate>,
    /// Where the office takes letters by e-mail.
    pub email: Option<String>,
    /// The office's web contact form, for offices that take no e-mail.
    pub contact_form: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewOffice {
    pub title: String,
    #[serde(default)]
    pub short_name: Option<String>,
    #[serde(default)]
    pub organization: Option<String>,
    pub kind: OfficeKind,
    #[serde(default = "yes")]
    pub single_holder: bool,
    #[serde(default)]
    pub address: Vec<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub contact_form: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Term {
    pub id: i64,
    pub person_id: i64,
    pub office_id: i64,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub acting: bool,
    /// `end_on` is the day a roster stopped listing the holder (an upper
    /// bound on when they left), not a day the term is known to have ended.
    #[serde(default)]
    pub end_listed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewTerm {
    pub person_id: i64,
    pub office_id: i64,
    pub start_on: NaiveDate,
    #[serde(default)]
    pub end_on: Option<NaiveDate>,
    #[serde(default)]
    pub acting: bool,
    /// The mailing address for this term (a member's rooms), lines; empty:
    /// not known, the office's is used. Editing a term keeps its address
    /// when none is given.
    #[serde(default)]
    pub address: Vec<String>,
}

/// Who held an office on a day, with the person and office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Holder {
    pub term: Term,
    pub person: Person,
    pub office: Office,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Issue {
    pub id: i64,
    pub name: String,
    pub summary: String,
    /// The person on the team who answers for the issue (a staff name).
    #[serde(default)]
    pub staff_contact: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Position {
    pub id: i64,
    pub issue_id: i64,
    pub issue: String,
    pub version: u32,
    pub stance: Stance,
    pub adopted_on: NaiveDate,
    pub statement: String,
    pub rationale: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewPosition {
    pub stance: Stance,
    /// The day it was adopted; the app makes it today when not said, and
    /// the record refuses a position without one.
    #[serde(default)]
    pub adopted_on: Option<NaiveDate>,
    pub statement: String,
    #[serde(default)]
    pub rationale: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredTemplate {
    pub id: i64,
    pub key: String,
    pub version: u32,
    pub builtin: bool,
    /// The template's metadata JSON (as in `templates/*.json`).
    pub meta: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Signer {
    pub id: i64,
    pub name: String,
    pub title: Option<String>,
    /// A handwritten signature image is on file, drawn on letters they sign.
    pub has_signature: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Letter {
    pub id: i64,
    pub revision_of: Option<i64>,
    pub template_id: i64,
    pub position_id: Option<i64>,
    pub signer_id: i64,
    pub date: NaiveDate,
    pub subject: String,
    pub body: String,
    pub mode: LetterMode,
    pub status: Status,
    /// cc lines, enclosures, template fields and paper, as JSON.
    pub extra: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the draft was deleted (it is kept, out of the lists, until
    /// restored); None for a letter that is not deleted.
    #[serde(default)]
    pub deleted_at: Option<DateTime<Utc>>,
    /// Who deleted it: a team record's login; None on a single-user file.
    #[serde(default)]
    pub deleted_by: Option<String>,
}

/// The editable content of a letter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterDraft {
    pub template_id: i64,
    pub position_id: Option<i64>,
    pub signer_id: i64,
    pub date: NaiveDate,
    pub subject: String,
    pub body: String,
    pub mode: LetterMode,
    #[serde(default)]
    pub extra: serde_json::Value,
}

/// One addressee (or cc) of a letter and what happened to their copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Recipient {
    pub id: i64,
    pub letter_id: i64,
    pub ord: u32,
    pub role: Role,
    pub person_id: Option<i64>,
    pub office_id: Option<i64>,
    pub term_id: Option<i64>,
    pub method: Option<Method>,
    pub sent_at: Option<DateTime<Utc>>,
    pub confirmation: Option<String>,
    pub follow_up_on: Option<NaiveDate>,
    pub followed_up_at: Option<DateTime<Utc>>,
    pub reply_on: Option<NaiveDate>,
    pub reply_notes: Option<String>,
    /// Who follows the copy up (a staff name; on a team record the login
    /// that sent it until reassigned).
    pub follow_up_owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewRecipient {
    pub role: Role,
    /// None for an office that nobody held on the letter's date.
    pub person_id: Option<i64>,
    pub office_id: Option<i64>,
    pub term_id: Option<i64>,
}

/// The exact PDF that was sent, with what it was made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Archived {
    pub id: i64,
    pub letter_id: i64,
    pub recipient_id: Option<i64>,
    #[serde(skip)]
    pub pdf: Vec<u8>,
    pub sha256: String,
    /// The letter data (JSON) the PDF was rendered from.
    pub data: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Event {
    pub id: i64,
    pub letter_id: i64,
    pub recipient_id: Option<i64>,
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    pub detail: String,
    /// The login that did it, on a team record.
    pub actor: Option<String>,
}

/// A call, meeting or e-mail about a copy that is not its reply, as logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CopyContact {
    pub id: i64,
    pub letter_id: i64,
    pub recipient_id: i64,
    pub on: NaiveDate,
    pub kind: ContactKind,
    /// The official's side: "Jane Roe, trade counsel".
    pub who: String,
    pub notes: String,
    /// When it was logged, and by whom (a team record's login).
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
}

/// A contact to log on a copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewContact {
    /// The day it happened; today (the day `log_contact` is given) when not said.
    #[serde(default)]
    pub on: Option<NaiveDate>,
    pub kind: ContactKind,
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub notes: String,
}

/// A reply kept as a PDF (without its bytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReplyFile {
    pub id: i64,
    pub letter_id: i64,
    pub recipient_id: i64,
    pub file_name: String,
    /// Bytes.
    pub size: u64,
    pub sha256: String,
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
}

/// An office's title as staff say it: a U.S. Senate seat's title names its
/// class ("U.S. Senator for California, class 3", which keeps the state's
/// two seats apart in the record), but nobody speaks of classes: "U.S.
/// Senator for California". Every other title is as stored.
pub fn spoken_title(title: &str) -> &str {
    if !title.starts_with("U.S. Senator for ") {
        return title;
    }
    for class in ["1", "2", "3"] {
        for form in [format!(", class {class}"), format!(" (class {class})")] {
            if let Some(spoken) = title.strip_suffix(form.as_str()) {
                return spoken;
            }
        }
    }
    title
}

/// The class of a U.S. Senate seat its title names (1, 2 or 3), for a
/// detail or a tooltip.
pub fn senate_class(title: &str) -> Option<u8> {
    let spoken = spoken_title(title);
    if spoken.len() == title.len() {
        return None;
    }
    title
        .trim_end_matches(')')
        .chars()
        .last()?
        .to_digit(10)
        .map(|d| d as u8)
}

#[cfg(test)]
mod spoken_tests {
    use super::{senate_class, spoken_title};

    #[test]
    fn a_senate_seat_is_said_without_its_class() {
        assert_eq!(
            spoken_title("U.S. Senator for California, class 3"),
            "U.S. Senator for California"
        );
        assert_eq!(
            spoken_title("U.S. Senator for California (class 1)"),
            "U.S. Senator for California"
        );
        assert_eq!(
            senate_class("U.S. Senator for California (class 1)"),
            Some(1)
        );
        assert_eq!(senate_class("U.S. Senator for Iowa, class 3"), Some(3));
        assert_eq!(
            spoken_title("U.S. Representative, CA-12"),
            "U.S. Representative, CA-12"
        );
        assert_eq!(senate_class("U.S. Representative, CA-12"), None);
        // Only a seat's class: other titles keep their words.
        assert_eq!(spoken_title("Teacher, class 3"), "Teacher, class 3");
    }
}
