//! Use cases over the record, without Tauri: the sample record, drafting by
//! office at a date, the lifecycle to sent, archives and revisions; the
//! tests by subject in `record/`, the shared helpers here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod addresses;
mod basics;
mod deletion;
mod lifecycle;
mod officials;
mod positions;
mod preview;

use crate::common::{at, day};
use std::collections::HashSet;

use amicus_app::LogFilter;
use amicus_app::*;
use chrono::{DateTime, Utc};
use store::{LetterMode, Method, Role, Status};

use support::{Backend, fresh};
use testkit::engines as support;

/// The sample record, on either engine.
fn app_on(engine: Backend) -> App {
    App::with_store(
        amicus_app::Engine::new().unwrap(),
        fresh(engine),
        at("2026-11-28"),
    )
    .unwrap()
}

fn counts(app: &App) -> Vec<i64> {
    [
        "persons",
        "offices",
        "terms",
        "letters",
        "letter_recipients",
        "archive",
        "events",
    ]
    .iter()
    .map(|t| {
        app.store()
            .connection()
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    })
    .collect()
}

fn office(app: &App, name: &str) -> i64 {
    app.store().find_office(name).unwrap().id
}

fn new_letter(app: &App, date: &str) -> NewLetter {
    let korus = app.store().find_issue("KORUS").unwrap();
    let position = app
        .store()
        .position_on(korus.id, day(date))
        .unwrap()
        .unwrap();
    let signer_id = app.store().signers().unwrap()[0].id;
    NewLetter {
        template: "joint-support".into(),
        position_id: Some(position.id),
        signer_id,
        date: day(date),
        subject: "Modernizing KORUS".into(),
        body: "We write again about **KORUS**.\n\nOur members export to Korea.".into(),
        mode: LetterMode::Joint,
        recipients: vec![
            RecipientChoice {
                role: Role::To,
                to: Addressee::Office(office(app, "Secretary of Commerce")),
            },
            RecipientChoice {
                role: Role::To,
                to: Addressee::Office(office(app, "U.S. Trade Representative")),
            },
        ],
        extra: LetterExtra::default(),
    }
}

fn send_report(date: &str, method: Method) -> SendReport {
    SendReport {
        method,
        at: Some(at(date)),
        confirmation: None,
        follow_up: FollowUp::Default,
    }
}
