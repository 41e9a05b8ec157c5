//! The sample record a new database starts with: the organization, the
//! executive and foreign posts with their holders from 2017 to today, the
//! KORUS issue with its positions, and the KORUS letter of September 5, 2017
//! as it was sent.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use store::{LetterMode, Method, NewPosition, Role, Stance};

use crate::app::App;
use crate::drafts::{LetterExtra, NewLetter};
use crate::error::AppError;
use crate::recipients::{Addressee, RecipientChoice};
use crate::sending::{FollowUp, SendReport};

fn day(iso: &str) -> NaiveDate {
    iso.parse().unwrap_or_default()
}

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .unwrap_or_default()
}

pub(crate) fn seed(app: &App) -> Result<(), AppError> {
    let sample = app.engine.parse_data(crate::engine::SAMPLE_LETTER)?;
    app.db().set_setting("organization", &sample.organization)?;
    // How the newsletter and the board report name it in a sentence.
    app.db()
        .set_setting("organization_short_name", &"the Chamber")?;
    // The offices and their holders from 2017 to today come from the
    // curated posts dataset, so the sample and an import agree.
    app.import_posts(None, app.clock().today(), false)?;
    let commerce = app.find_office("Secretary of Commerce")?.id;
    let ustr = app.find_office("United States Trade Representative")?.id;
    let seeded = seed_positions(app, &sample)?;
    seed_letter(app, &sample, seeded, (commerce, ustr))
}

/// The KORUS issue, its two positions and the sample's signer.
fn seed_positions(
    app: &App,
    sample: &letters::LetterData,
) -> Result<(store::Position, i64), AppError> {
    let mut db = app.db();
    let s = &mut *db;

    let korus = s.add_issue(
        "U.S.–Korea Free Trade Agreement (KORUS)",
        "The trade agreement between the United States and the Republic of Korea, in force since March 15, 2012.",
    )?;
    s.add_position(
        korus,
        &NewPosition {
            stance: Stance::Support,
            adopted_on: Some(day("2011-09-20")),
            statement:
                "Our members support prompt ratification of the U.S.–Korea Free Trade Agreement."
                    .into(),
            rationale: "Korea is a top-ten market for the state's exporters.".into(),
        },
    )?;
    let position = s.add_position(korus, &NewPosition {
        stance: Stance::Support,
        adopted_on: Some(day("2017-09-01")),
        statement: sample.position.as_ref().map(|p| p.statement.clone()).unwrap_or_default(),
        rationale: "The Administration announced a renegotiation in July 2017; members asked the council to press for a quick, efficient process that keeps the agreement's gains.".into(),
    })?;
    let signer = s.add_signer(&sample.signer.name, sample.signer.title.as_deref())?;
    Ok((position, signer))
}

fn seed_letter(
    app: &App,
    sample: &letters::LetterData,
    (position, signer): (store::Position, i64),
    (commerce, ustr): (i64, i64),
) -> Result<(), AppError> {
    let drafted = app.draft_letter_at(
        &NewLetter {
            template: "joint-support".into(),
            position_id: Some(position.id),
            signer_id: signer,
            date: sample.date,
            subject: sample.subject.clone().unwrap_or_default(),
            body: sample.body.clone().unwrap_or_default(),
            mode: LetterMode::Joint,
            recipients: vec![
                RecipientChoice {
                    role: Role::To,
                    to: Addressee::Office(commerce),
                },
                RecipientChoice {
                    role: Role::To,
                    to: Addressee::Office(ustr),
                },
            ],
            extra: LetterExtra {
                cc: sample.cc.clone(),
                ..Default::default()
            },
        },
        at(2017, 9, 1, 16),
    )?;
    let id = drafted.letter_id;
    app.approve_at(id, at(2017, 9, 4, 14))?;
    app.sign_at(id, at(2017, 9, 5, 13))?;
    let recipients = app.open_letter(id)?.recipients;
    for (r, method) in recipients.iter().zip([Method::Mail, Method::Email]) {
        app.mark_sent_at(
            r.id,
            &SendReport {
                method,
                at: Some(at(2017, 9, 5, 16)),
                confirmation: (method == Method::Mail)
                    .then(|| "Certified mail; receipt on file".into()),
                follow_up: FollowUp::On(day("2017-10-05")),
            },
            at(2017, 9, 5, 16),
        )?;
    }
    Ok(())
}

impl App {
    /// Fill a new record with the sample.
    pub(crate) fn seed_sample(&self) -> Result<(), AppError> {
        seed(self)
    }
}
