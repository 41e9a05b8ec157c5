//! `verify`: what the record says was sent is what was sent. Each archived
//! copy is rendered again from its data snapshot and compared with its
//! bytes; a letter signed digitally must have each archived copy signed with
//! the certificate its signed copies were signed with, over the same
//! re-rendered content, and be the very copy that was signed. A copy replaced
//! by someone holding the file (an unsigned rendering of edited data, its
//! hash recomputed) fails, and the report says which copy and why.

use serde::Serialize;
use store::letters::{SignedCopy, sha256_hex};
use store::{Archived, EventKind, Recipient, Status, Store};

use crate::app::App;
use crate::error::AppError;
use crate::recipients::copy_index;

/// What `verify` found for one copy of a letter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CopyCheck {
    /// The copy's number, as `letters show` numbers them (None for an
    /// archived copy tied to no recipient).
    pub number: Option<u32>,
    /// Whom it went to: "USTR, Robert E. Lighthizer".
    pub recipient: String,
    /// The certificate's name, when the copy is digitally signed and its
    /// signature holds.
    pub signed_by: Option<String>,
    /// Why the copy fails, if it does.
    pub problem: Option<String>,
}

impl CopyCheck {
    /// "copy 1 (USTR, Robert E. Lighthizer)".
    pub fn name(&self) -> String {
        let number = self
            .number
            .map_or_else(|| "an archived copy".to_string(), |n| format!("copy {n}"));
        if self.recipient.is_empty() {
            number
        } else {
            format!("{number} ({})", self.recipient)
        }
    }
}

/// What `verify` found for one letter: every archived copy checked, and the
/// record of its digital signing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LetterCheck {
    pub letter_id: i64,
    /// Who the letter was signed digitally by, as the record says.
    pub signed_digitally_by: Option<String>,
    /// Digitally signed copies kept with the letter.
    pub signed_copies: usize,
    /// Problems with the letter as a whole (its signed copies, its history).
    pub problems: Vec<String>,
    /// One per archived copy, and one per copy sent with nothing archived.
    pub copies: Vec<CopyCheck>,
}

impl LetterCheck {
    /// Everything holds.
    pub fn passed(&self) -> bool {
        self.problems.is_empty() && self.copies.iter().all(|c| c.problem.is_none())
    }

    /// The first problem, in words that name the letter and the copy.
    pub fn first_problem(&self) -> Option<String> {
        let id = self.letter_id;
        if let Some(p) = self.problems.first() {
            return Some(format!("letter {id}: {p}"));
        }
        self.copies.iter().find_map(|c| {
            c.problem
                .as_ref()
                .map(|p| format!("letter {id}: {}: {p}", c.name()))
        })
    }

    /// The report a person reads: one line for a letter that holds, one per
    /// problem and per copy for one that does not.
    pub fn lines(&self) -> Vec<String> {
        let id = self.letter_id;
        let signer = |name: &str, n: usize| match n {
            1 => format!("digitally signed by {name}"),
            2 => format!("both digitally signed by {name}"),
            _ => format!("all digitally signed by {name}"),
        };
        if self.passed() {
            let n = self.copies.len();
            let line = match (&self.signed_digitally_by, n) {
                (Some(name), 0) => format!(
                    "letter {id}: not sent yet; {} signed cop{}, {}, content matches",
                    self.signed_copies,
                    if self.signed_copies == 1 { "y" } else { "ies" },
                    signer(name, self.signed_copies)
                ),
                (None, 0) => format!("letter {id}: nothing sent yet, so nothing archived to check"),
                (Some(name), n) => format!(
                    "letter {id}: {n} cop{}, {}, content matches",
                    if n == 1 { "y" } else { "ies" },
                    signer(name, n)
                ),
                (None, n) => format!(
                    "letter {id}: {n} cop{}, not signed digitally, content matches",
                    if n == 1 { "y" } else { "ies" }
                ),
            };
            return vec![line];
        }
        let mut lines: Vec<String> = self
            .problems
            .iter()
            .map(|p| format!("letter {id}: FAILED — {p}"))
            .collect();
        for c in &self.copies {
            lines.push(match (&c.problem, &c.signed_by) {
                (Some(p), _) => format!("letter {id}: {}: FAILED — {p}", c.name()),
                (None, Some(name)) => {
                    format!(
                        "letter {id}: {}: digitally signed by {name}, content matches",
                        c.name()
                    )
                }
                (None, None) => format!("letter {id}: {}: content matches", c.name()),
            });
        }
        lines
    }
}

/// What the record says about a letter's digital signing.
struct Signing {
    /// The certificate's name, from the signed copies or the history.
    name: Option<String>,
    /// The certificate the signed copies were signed with (DER).
    certificate: Option<Vec<u8>>,
    rows: Vec<SignedCopy>,
    problems: Vec<String>,
}

impl App {
    /// Check every copy of letter `id` against what the record says was
    /// sent: each archived copy re-renders from its data snapshot to its
    /// bytes; when the letter was signed digitally, each is the copy that
    /// was signed, signed with the same certificate, over that re-rendered
    /// content. Problems are reported, copy by copy, not returned as
    /// errors; an error is a record that cannot be read at all.
    pub fn verify_letter(&self, id: i64) -> Result<LetterCheck, AppError> {
        let (letter, recipients, archived, rows, history, labels, current) = {
            let db = self.db();
            let letter = db.letter(id)?;
            self.ensure_template(&db, letter.template_id)?;
            let recipients = db.recipients(id)?;
            let labels = recipients
                .iter()
                .map(|r| Ok((r.id, recipient_label(&db, r)?)))
                .collect::<Result<std::collections::HashMap<_, _>, AppError>>()?;
            let rows = db.signed_copy_rows(id)?;
            // A signed letter not yet sent: its signed copies are checked
            // against the letter as it stands, as sending would.
            let current = if letter.status == Status::Signed && !rows.is_empty() {
                Some(self.letter_data_in(&db, id))
            } else {
                None
            };
            (
                letter,
                recipients,
                db.archived_as_kept(id)?,
                rows,
                db.events(id)?,
                labels,
                current,
            )
        };
        let signing = signing_of(rows, &history);
        let mut problems = signing.problems.clone();
        if let Some(data) = current {
            match data.and_then(|d| self.engine.render_pdfs(&d, None)) {
                Ok(copies) => {
                    for row in &signing.rows {
                        let fits = usize::try_from(row.copy)
                            .ok()
                            .and_then(|i| copies.get(i))
                            .is_some_and(|(_, pdf)| row.pdf.starts_with(pdf));
                        if !fits {
                            problems.push(format!(
                                "signed copy {} no longer matches the letter",
                                row.copy + 1
                            ));
                        }
                    }
                }
                Err(e) => problems.push(format!("the letter no longer renders: {e}")),
            }
        }

        let mut copies = Vec::new();
        for a in &archived {
            let r = a
                .recipient_id
                .and_then(|rid| recipients.iter().find(|r| r.id == rid));
            let signed_row = r.and_then(|r| {
                let index = copy_index(&recipients, letter.mode, r.id);
                signing
                    .rows
                    .iter()
                    .find(|row| usize::try_from(row.copy).ok() == Some(index))
            });
            let (signed_by, problem) = match self.check_copy(a, &signing, signed_row) {
                Ok(signed_by) => (signed_by, None),
                Err(problem) => (None, Some(problem)),
            };
            copies.push(CopyCheck {
                number: r.map(|r| r.ord),
                recipient: r
                    .and_then(|r| labels.get(&r.id).cloned())
                    .unwrap_or_default(),
                signed_by,
                problem,
            });
        }
        // A copy marked sent must have been archived (unless the record
        // has archived copies tied to no recipient, from before they were).
        if archived.iter().all(|a| a.recipient_id.is_some()) {
            for r in &recipients {
                if let Some(at) = r.sent_at
                    && !archived.iter().any(|a| a.recipient_id == Some(r.id))
                {
                    copies.push(CopyCheck {
                        number: Some(r.ord),
                        recipient: labels.get(&r.id).cloned().unwrap_or_default(),
                        signed_by: None,
                        problem: Some(format!(
                            "it was sent on {}, but no archived copy of it is on record",
                            at.format("%Y-%m-%d")
                        )),
                    });
                }
            }
        }
        copies.sort_by_key(|c| c.number);
        Ok(LetterCheck {
            letter_id: id,
            signed_digitally_by: signing.name,
            signed_copies: signing.rows.len(),
            problems,
            copies,
        })
    }

    /// Every letter with something to check (sent, or signed), oldest first.
    pub fn verify_all(&self) -> Result<Vec<LetterCheck>, AppError> {
        let ids = self.db().letters_to_verify()?;
        ids.into_iter().map(|id| self.verify_letter(id)).collect()
    }

    /// One archived copy: the certificate's name when it is digitally
    /// signed and holds, or the problem in words.
    fn check_copy(
        &self,
        a: &Archived,
        signing: &Signing,
        signed_row: Option<&SignedCopy>,
    ) -> Result<Option<String>, String> {
        let actual = sha256_hex(&a.pdf);
        if actual != a.sha256 {
            return Err(format!(
                "the archived PDF does not match its recorded SHA-256 (recorded {}, found {actual})",
                a.sha256
            ));
        }
        let data = self
            .engine
            .parse_data(&a.data)
            .map_err(|e| format!("its data snapshot cannot be read: {e}"))?;
        // The data as written now, then as copies archived before a field
        // existed were set: before `format`, an untagged PDF; before
        // `typography`, the data's straight quotes kept.
        let mut variants = vec![data.clone()];
        let mut old = data;
        if !a.data.contains("\"format\"") {
            old.format = 0;
            variants.push(old.clone());
        }
        if !a.data.contains("\"typography\"") {
            old.typography = 0;
            variants.push(old);
        }
        let rendered = self
            .engine
            .render_pdfs(&variants[0], None)
            .map_err(|e| format!("its data snapshot no longer renders: {e}"))?;
        // Whether some variant's PDF passes `test` (the later ones are
        // rendered only when needed).
        let any_renders = |test: &dyn Fn(&[u8]) -> bool| {
            rendered.iter().any(|(_, pdf)| test(pdf))
                || variants[1..].iter().any(|v| {
                    self.engine
                        .render_pdfs(v, None)
                        .is_ok_and(|r| r.iter().any(|(_, pdf)| test(pdf)))
                })
        };
        match (pades::verify(&a.pdf), &signing.name) {
            (Err(pades::PadesError::Unsigned), Some(name)) => Err(format!(
                "the archived copy is not digitally signed, but the letter was signed digitally by {name}"
            )),
            (Ok(v), None) => Err(format!(
                "the archived copy carries a digital signature by '{}', but the letter was not signed digitally",
                v.signer
            )),
            (Ok(v), Some(name)) => {
                let same_certificate = match &signing.certificate {
                    Some(c) => *c == v.certificate,
                    // No signed copy to compare with (a problem already
                    // reported): the names at least must agree.
                    None => v.signer == *name,
                };
                if !same_certificate {
                    return Err(format!(
                        "the archived copy is signed with another certificate ('{}') than the one the letter was signed with ('{name}')",
                        v.signer
                    ));
                }
                if let Some(row) = signed_row
                    && row.pdf != a.pdf
                {
                    return Err(
                        "the archived copy is not the copy that was signed (it differs from the signed copy kept with the letter)"
                            .into(),
                    );
                }
                if !any_renders(&|pdf| a.pdf.starts_with(pdf) && v.value_at > pdf.len()) {
                    return Err(
                        "it is signed, but what it signed does not re-render to the same bytes from its data snapshot"
                            .into(),
                    );
                }
                Ok(Some(v.signer))
            }
            (Err(pades::PadesError::Unsigned), None) => {
                let same = any_renders(&|pdf| pdf == a.pdf);
                if same {
                    Ok(None)
                } else {
                    Err("it does not re-render to the same bytes from its data snapshot".into())
                }
            }
            (Err(e), _) => Err(format!("its digital signature does not hold: {e}")),
        }
    }
}

/// The record of a letter's digital signing, checked: each signed copy
/// matches its hash and holds, all by one certificate, the one the history
/// names.
fn signing_of(rows: Vec<SignedCopy>, history: &[store::Event]) -> Signing {
    let said = history
        .iter()
        .filter(|e| e.kind == EventKind::Signed)
        .filter_map(|e| e.detail.strip_prefix("digitally signed by "))
        .map(str::to_string)
        .next_back();
    let mut problems = Vec::new();
    let mut certificate: Option<(Vec<u8>, String)> = None;
    for row in &rows {
        let n = row.copy + 1;
        if sha256_hex(&row.pdf) != row.sha256 {
            problems.push(format!(
                "signed copy {n} kept with the letter does not match its recorded SHA-256"
            ));
            continue;
        }
        match pades::verify(&row.pdf) {
            Err(e) => problems.push(format!(
                "the digital signature of signed copy {n} kept with the letter does not hold: {e}"
            )),
            Ok(v) => {
                if v.signer != row.signer {
                    problems.push(format!(
                        "signed copy {n} is signed by '{}', but the record says '{}'",
                        v.signer, row.signer
                    ));
                }
                match &certificate {
                    None => certificate = Some((v.certificate, v.signer)),
                    Some((c, first)) if *c != v.certificate => problems.push(format!(
                        "signed copy {n} is signed with another certificate ('{}') than signed copy 1 ('{first}')",
                        v.signer
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    if let Some(said) = &said {
        if rows.is_empty() {
            problems.push(format!(
                "its history says it was digitally signed by {said}, but no signed copy is kept with it"
            ));
        } else if let Some((_, name)) = &certificate
            && name != said
        {
            problems.push(format!(
                "its history says it was digitally signed by {said}, but its signed copies are signed by '{name}'"
            ));
        }
    }
    let name = certificate
        .as_ref()
        .map(|(_, n)| n.clone())
        .or(said)
        .or_else(|| rows.first().map(|r| r.signer.clone()));
    Signing {
        name,
        certificate: certificate.map(|(c, _)| c),
        rows,
        problems,
    }
}

/// How a copy's recipient is named in the report: "USTR, Robert E.
/// Lighthizer" (the office's short name, else its title; then the person).
fn recipient_label(db: &Store, r: &Recipient) -> Result<String, AppError> {
    let office = match r.office_id {
        Some(o) => {
            let o = db.office(o)?;
            Some(
                o.short_name
                    .filter(|s| !s.trim().is_empty())
                    .unwrap_or_else(|| store::spoken_title(&o.title).to_string()),
            )
        }
        None => None,
    };
    let person = match r.person_id {
        Some(p) => Some(db.person(p)?.full_name),
        None => None,
    };
    Ok([office, person]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", "))
}
