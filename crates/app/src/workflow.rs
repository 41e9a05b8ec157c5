//! A letter's way to the post: approving, signing (by hand or digitally,
//! PAdES), and the steps still standing as the record logged them.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use store::Status;

use crate::app::{App, RecordArea};
use crate::drafts::{base64_png, extra_of};
use crate::error::AppError;
use crate::positions::superseded;

/// One step of a letter's way to the post, as the record logged it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkflowStep {
    pub kind: store::EventKind,
    /// The login that took the step (a team record's session user).
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}

/// The steps still standing: an edit after approval sends a letter back to
/// draft, so that approval (and any signature) no longer counts. A draft
/// deleted or restored says the latest of the two, after its drafting.
pub(crate) fn workflow(events: &[store::Event]) -> Vec<WorkflowStep> {
    use store::EventKind as K;
    let step = |e: &store::Event| WorkflowStep {
        kind: e.kind,
        by: e.actor.clone(),
        at: e.at,
    };
    let (mut created, mut approved, mut signed, mut sent) = (None, None, None, None);
    let mut removal = None;
    for e in events {
        match e.kind {
            K::Created => created = created.or(Some(step(e))),
            K::Edited => (approved, signed) = (None, None),
            K::Approved => approved = Some(step(e)),
            K::Signed => signed = Some(step(e)),
            K::Sent => sent = sent.or(Some(step(e))),
            K::Deleted | K::Restored => removal = Some(step(e)),
            _ => {}
        }
    }
    [created, removal, approved, signed, sent]
        .into_iter()
        .flatten()
        .collect()
}

/// A certificate that expires within this many days signs, with a warning.
pub const CERTIFICATE_WARNING_DAYS: i64 = 30;

/// A letter signed digitally: by whom, and what the signer should know.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DigitallySigned {
    /// The certificate's name ("Jordan A. Whitfield").
    pub signer: String,
    /// Said to the signer: the certificate expires soon.
    pub warnings: Vec<String>,
    /// The last day the certificate signs (its notAfter, UTC).
    pub valid_until: NaiveDate,
}

impl App {
    #[tracing::instrument(skip(self))]
    pub fn approve(&self, id: i64) -> Result<(), AppError> {
        self.approve_at(id, self.clock().now())
    }

    pub(crate) fn approve_at(&self, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
        let mut db = self.db();
        // The record may name, since the draft was saved, who held an office
        // it is addressed to (a holder added under the open letter): the
        // draft is judged, and approved, with them.
        let letter = db.letter(id)?;
        if letter.status == Status::Draft {
            for r in db.recipients(id)? {
                if let (None, Some(office)) = (r.person_id, r.office_id)
                    && let Some(h) = db.holder_on(office, letter.date)?
                {
                    db.take_holder(id, r.id, h.term.id)?;
                }
            }
        }
        // A letter quoting a position version no longer in force on its
        // date waits until someone chooses: keep it on purpose, or update.
        let kept = extra_of(id, &letter.extra)?.kept_position;
        if let Some(why) = superseded(&db, letter.position_id, letter.date, kept)? {
            return Err(AppError::invalid("position", why));
        }
        // An unfinished draft, or a letter that no longer lays out (a
        // template changed), must not be approved.
        let data = self.letter_data_in(&db, id)?;
        if data.recipients.is_empty() {
            return Err(AppError::invalid(
                "recipients",
                "the letter needs at least one addressee before it can be approved; add a person or an office",
            ));
        }
        self.engine.render(&data, None)?;
        db.approve_letter(id, now)?;
        drop(db);
        self.changed(&[RecordArea::Letters]);
        Ok(())
    }

    #[tracing::instrument(skip(self))]
    pub fn sign(&self, id: i64) -> Result<(), AppError> {
        self.sign_at(id, self.clock().now())
    }

    pub(crate) fn sign_at(&self, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
        self.db().sign_letter(id, now)?;
        self.changed(&[RecordArea::Letters]);
        Ok(())
    }

    /// Sign approved letter `id` and sign each copy digitally (PAdES B-B)
    /// with the certificate in the PKCS#12 file `certificate`: the copies
    /// are laid out as signed (with the signer's image, if on file), signed,
    /// and kept; exporting and sending then use those exact bytes. Returns
    /// the certificate's name, and a warning when it expires within
    /// [`CERTIFICATE_WARNING_DAYS`]. A certificate readers would reject
    /// (expired, not yet valid, not for signing: judged at the app's clock)
    /// is refused before anything is signed. Nothing is kept if any step fails.
    #[tracing::instrument(skip(self, password))]
    pub fn sign_digitally(
        &self,
        id: i64,
        certificate: &Path,
        password: &str,
    ) -> Result<DigitallySigned, AppError> {
        let p12 = std::fs::read(certificate).map_err(|source| AppError::Read {
            path: certificate.to_path_buf(),
            source,
        })?;
        let signer = pades::Signer::from_pkcs12(&p12, password)
            .map_err(|e| AppError::invalid("certificate", e.to_string()))?;
        // Readers judge the certificate when they open the letter: it is
        // judged now, by the app's clock, which also dates the signature.
        let now = self.clock().now();
        signer
            .check_usable(now)
            .map_err(|e| AppError::invalid("certificate", e.to_string()))?;
        let mut warnings = Vec::new();
        let expires = signer.not_after();
        if expires - now <= chrono::Duration::days(CERTIFICATE_WARNING_DAYS) {
            let days = (expires.date_naive() - now.date_naive()).num_days();
            warnings.push(format!(
                "the certificate '{}' expires on {} ({}); ask for a renewed one now: \
                 letters signed with it will show \"Certificate has Expired\" to their readers after that day",
                signer.name,
                expires.date_naive(),
                match days {
                    0 => "today".to_string(),
                    1 => "tomorrow".to_string(),
                    n => format!("in {n} days"),
                }
            ));
        }
        let mut db = self.db();
        let letter = db.letter(id)?;
        if letter.status != Status::Approved {
            return Err(AppError::Conflict(format!(
                "letter {id} is {}: only an approved letter can be signed; approve it first",
                letter.status
            )));
        }
        // Laid out as signing will draw it: with the signer's image as it is now.
        let mut data = self.letter_data_in(&db, id)?;
        data.signer.signature = db
            .signer_signature(letter.signer_id)?
            .map(|png| base64_png(&png));
        let signed = self
            .engine
            .render_pdfs(&data, None)?
            .into_iter()
            .map(|(_, pdf)| pades::sign(&pdf, &signer, now))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| AppError::invalid("certificate", e.to_string()))?;
        db.sign_letter_digitally(id, now, &signer.name, &signed)?;
        drop(db);
        self.changed(&[RecordArea::Letters]);
        for w in &warnings {
            tracing::warn!("{w}");
        }
        Ok(DigitallySigned {
            valid_until: expires.date_naive(),
            signer: signer.name,
            warnings,
        })
    }
}

#[cfg(test)]
mod workflow_tests {
    use super::workflow;
    use chrono::{TimeZone, Utc};
    use store::{Event, EventKind as K};

    fn e(kind: K, by: &str, day: u32) -> Event {
        Event {
            id: 0,
            letter_id: 1,
            recipient_id: None,
            kind,
            at: Utc.with_ymd_and_hms(2017, 9, day, 12, 0, 0).unwrap(),
            detail: String::new(),
            actor: Some(by.into()),
        }
    }

    #[test]
    fn an_edit_after_approval_takes_the_approval_back() {
        let steps = workflow(&[
            e(K::Created, "dana", 1),
            e(K::Approved, "avery", 2),
            e(K::Edited, "dana", 3),
            e(K::Approved, "morgan", 4),
            e(K::Signed, "sam", 5),
            e(K::Sent, "dana", 5),
            e(K::Sent, "dana", 6),
        ]);
        let seen: Vec<(K, &str, u32)> = steps
            .iter()
            .map(|s| {
                (
                    s.kind,
                    s.by.as_deref().unwrap(),
                    chrono::Datelike::day(&s.at),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (K::Created, "dana", 1),
                (K::Approved, "morgan", 4),
                (K::Signed, "sam", 5),
                (K::Sent, "dana", 5)
            ]
        );
    }
}
