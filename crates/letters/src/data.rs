//! The data a letter is rendered from, as staff fill it in (or the app
//! assembles it from the record). JSON on disk; every field is plain text,
//! except `body`, which is light markup written by staff.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{LetterError, Problem};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterData {
    /// Template id; `--template` on the command line overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default)]
    pub mode: Mode,
    /// Paper size; the template's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<crate::template::Paper>,
    pub date: NaiveDate,
    pub organization: Organization,
    pub recipients: Vec<Recipient>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// Paragraphs in light markup: blank lines separate paragraphs; `**bold**`,
    /// `*italic*`, and `- ` bulleted lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    pub signer: Signer,
    #[serde(default)]
    pub cc: Vec<String>,
    #[serde(default)]
    pub enclosures: Vec<String>,
    /// Template-specific fields (docket number, agency, occasion …).
    #[serde(default)]
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// A line in red at the top of every page, such as "DRAFT — not
    /// approved"; not part of what a template sees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<String>,
    /// A joint letter's greeting in place of the one its template makes
    /// from the addressees: a committee's "Dear Chairman Crapo, Ranking
    /// Member Wyden and Members of the Committee:".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salutation: Option<String>,
    /// The letter's language, as a BCP 47 tag ("en-US" when not given):
    /// what a screen reader reads it in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Which recipients a joint letter's inside address shows (their
    /// places in `recipients`), when not every one: a letter to a whole
    /// committee is addressed to its chair and ranking member and greets
    /// the members. Empty: every recipient's address.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inside_addresses: Vec<usize>,
    /// How the letter's text is set, so an archived copy re-renders to the
    /// bytes it was sent as: 0, straight quotes from the data kept (copies
    /// archived before the field existed); 1, every quote typographic.
    #[serde(default = "current_typography")]
    pub typography: u8,
    /// How the letter's PDF is written, so an archived copy re-renders to
    /// the bytes it was sent as: 0, an untagged file with right-to-left
    /// words in the order typed (copies archived before the field
    /// existed); 1, a tagged PDF/UA-1 and PDF/A-2u file.
    #[serde(default = "current_format")]
    pub format: u8,
}

/// The [`LetterData::format`] of letters written now.
pub const FORMAT: u8 = typeset::VERSION;

fn current_format() -> u8 {
    FORMAT
}

/// The [`LetterData::typography`] of letters set now.
pub const TYPOGRAPHY: u8 = 1;

fn current_typography() -> u8 {
    TYPOGRAPHY
}

/// One joint letter to every recipient, or one copy per recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Joint,
    PerRecipient,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub name: String,
    /// A department or council shown under the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default)]
    pub address: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Path of a PNG logo for the letterhead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// The organization's printed letterhead (a PDF), drawn beneath every
    /// page in place of the letterhead composed from the fields above. Its
    /// bytes travel in the data, so an archived copy re-renders exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letterhead: Option<LetterheadFile>,
}

/// A letterhead PDF as the letter data carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterheadFile {
    /// The file's name as it was chosen ("chamber-letterhead.pdf").
    pub name: String,
    /// Lowercase hex SHA-256 of the PDF.
    pub sha256: String,
    /// The PDF, base64.
    pub pdf: String,
    /// Its paper: a letter is set on this paper or refused.
    pub paper: crate::template::Paper,
    /// The letter's margins, keeping its text clear of the letterhead.
    pub margins: crate::template::Margins,
}

impl LetterheadFile {
    /// The PDF's bytes.
    pub fn bytes(&self) -> Result<Vec<u8>, LetterError> {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(&self.pdf)
            .map_err(|e| {
                LetterError::Data(vec![Problem::new(
                    "organization.letterhead.pdf",
                    format!("the letterhead file is damaged: {e}"),
                )])
            })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// "The Honorable", "His Excellency" …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(default)]
    pub address: Vec<String>,
    /// How the salutation names them: "Secretary Ross", "Ambassador Lighthizer".
    pub salutation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub issue: String,
    pub stance: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted_on: Option<NaiveDate>,
    pub statement: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The signer's handwritten signature (a PNG, base64), drawn above the
    /// typed name: present once the letter is signed, absent before and in
    /// a copy for signing by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl LetterData {
    /// Parse letter data from JSON, naming the path of any bad value.
    pub fn from_json(text: &str) -> Result<LetterData, LetterError> {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let location = if path == "." || path.is_empty() {
                format!("line {}, column {}", inner.line(), inner.column())
            } else {
                format!("{path} (line {}, column {})", inner.line(), inner.column())
            };
            LetterError::Data(vec![Problem::new(
                location,
                clean_serde_message(&inner.to_string()),
            )])
        })
    }

    /// The data as the JSON value templates see.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// serde_json appends " at line X column Y"; the location is reported separately.
fn clean_serde_message(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
