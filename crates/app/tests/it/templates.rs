//! User templates from the editor: problems at their line, a preview with
//! the sample letter, versions on save, and use in a letter.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use amicus_app::*;
use chrono::{TimeZone, Utc};
use store::{LetterMode, Role};

use support::{Backend, fresh};
use testkit::engines as support;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
}

fn app_on(engine: Backend) -> App {
    App::with_store(Engine::new().unwrap(), fresh(engine), now()).unwrap()
}

fn draft(source: &str) -> TemplateDraft {
    TemplateDraft {
        key: "brief-support".into(),
        base: "joint-support".into(),
        name: "Brief letter of support".into(),
        description: "Two sentences.".into(),
        source: source.into(),
    }
}

const GOOD: &str = "subject: {{subject}}\nsalutation: {{salutation recipients}}\nclosing: With thanks,\n---\nWe support {{position.issue}}.\n\n{{markdown body}}\n";

fn a_template_with_mistakes_reports_them_at_their_line(engine: Backend) {
    let app = app_on(engine);
    let unclosed = GOOD.replace("We support", "{{#if subject}}We support");
    let check = app.check_template(&draft(&unclosed)).unwrap();
    assert!(check.pages.is_empty());
    let p = &check.problems[0];
    // At the line the block opens (the parser alone points past the end).
    assert_eq!((p.line, p.column), (Some(5), Some(1)), "{p:?}");
    assert!(p.message.contains("never closed; add {{/if}}"), "{p:?}");

    // A field the data does not have: strict mode names it.
    let missing = GOOD.replace("{{position.issue}}", "{{position.nickname}}");
    let check = app.check_template(&draft(&missing)).unwrap();
    assert!(
        check
            .problems
            .iter()
            .any(|p| p.location.contains("nickname") || p.message.contains("nickname")),
        "{:?}",
        check.problems
    );
}

fn a_good_template_previews_saves_in_versions_and_writes_letters(engine: Backend) {
    let app = app_on(engine);
    let check = app.check_template(&draft(GOOD)).unwrap();
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    assert!(!check.pages.is_empty());

    let templates = |app: &App| -> i64 {
        app.store()
            .connection()
            .query_row("SELECT count(*) FROM templates", [], |r| r.get(0))
            .unwrap()
    };
    let before = templates(&app);
    assert_eq!(app.save_template(&draft(GOOD)).unwrap(), 1);
    let second = GOOD.replace("With thanks,", "Respectfully,");
    assert_eq!(app.save_template(&draft(&second)).unwrap(), 2);
    assert_eq!(templates(&app), before + 2);

    // A bad save is refused with the problem, and stores nothing.
    let err = app
        .save_template(&draft(
            &GOOD.replace("{{markdown body}}", "{{markdown body"),
        ))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("brief-support") && err.contains("line"),
        "{err}"
    );
    assert_eq!(templates(&app), before + 2);
    let err = app
        .save_template(&TemplateDraft {
            key: "joint-support".into(),
            ..draft(GOOD)
        })
        .unwrap_err()
        .to_string();
    assert!(err.contains("built-in"), "{err}");

    // Letters use the newest version.
    let commerce = app.store().find_office("Secretary of Commerce").unwrap().id;
    let korus = app.store().find_issue("KORUS").unwrap();
    let position = app.store().positions(korus.id).unwrap()[0].id;
    let signer_id = app.store().signers().unwrap()[0].id;
    let letter = NewLetter {
        template: "brief-support".into(),
        position_id: Some(position),
        signer_id,
        date: "2018-03-01".parse().unwrap(),
        subject: "Steel".into(),
        body: "Our members buy steel.".into(),
        mode: LetterMode::Joint,
        recipients: vec![RecipientChoice {
            role: Role::To,
            to: Addressee::Office(commerce),
        }],
        extra: LetterExtra::default(),
    };
    let drafted = app.draft_letter(&letter).unwrap();
    let pages = app.preview_letter(drafted.letter_id).unwrap();
    assert!(!pages.is_empty());
    let catalog = app.catalog().unwrap();
    let info = catalog
        .templates
        .iter()
        .find(|t| t.key == "brief-support")
        .unwrap();
    assert_eq!((info.version, info.builtin), (2, false));
    assert!(info.source.contains("Respectfully,"));
}

fn every_built_in_template_checks_clean_when_copied(engine: Backend) {
    let app = app_on(engine);
    for t in app.catalog().unwrap().templates {
        let check = app
            .check_template(&TemplateDraft {
                key: format!("my-{}", t.key),
                base: t.key.clone(),
                name: t.name.clone(),
                description: t.description.clone(),
                source: t.source.clone(),
            })
            .unwrap();
        assert!(check.problems.is_empty(), "{}: {:?}", t.key, check.problems);
        assert!(!check.pages.is_empty(), "{}", t.key);
    }
}

testkit::engines!(
    a_template_with_mistakes_reports_them_at_their_line,
    a_good_template_previews_saves_in_versions_and_writes_letters,
    every_built_in_template_checks_clean_when_copied,
);
