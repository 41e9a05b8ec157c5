//! A letter quoting a position version that is no longer the one in force on
//! its date (issue 30, item 2): said before approval, and approval waits
//! until someone chooses.

use super::*;

/// A new version of the KORUS position adopted today (the app's clock).
fn adopt_today(app: &App) -> store::Position {
    app.adopt_position(
        "KORUS",
        &store::NewPosition {
            stance: store::Stance::Support,
            adopted_on: None,
            statement: "We support the agreement as amended in 2026.".into(),
            rationale: String::new(),
        },
    )
    .unwrap()
    .1
}

fn a_draft_quoting_a_superseded_version_waits_for_a_choice(engine: Backend) {
    let app = app_on(engine);
    let today = app.clock().today().to_string();
    let form = new_letter(&app, &today);
    let old = app.store().position(form.position_id.unwrap()).unwrap();
    let id = app.draft_letter(&form).unwrap().letter_id;
    let new = adopt_today(&app);
    assert_eq!(new.version, old.version + 1);

    // Said on saving (the window says it beside the position, not among the
    // preview's warnings, which it shows under the recipients).
    let said = format!(
        "quotes version {} of your position on {}, but version {} (adopted {today}) is the one in force on {today}",
        old.version, old.issue, new.version
    );
    let preview = app.preview_draft(&form, &PreviewHave::default()).unwrap();
    assert!(
        !preview.warnings.iter().any(|w| w.contains(&said)),
        "{:?}",
        preview.warnings
    );
    let saved = app.edit_letter(id, &form).unwrap();
    assert!(
        saved.warnings.iter().any(|w| w.contains(&said)),
        "{:?}",
        saved.warnings
    );

    // Approval waits, and names both ways out.
    let err = app.approve(id).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("position"), "{err}");
    assert!(
        err.to_string().contains(&format!(
            "use version {}, or keep version {} on purpose",
            new.version, old.version
        )),
        "{err}"
    );
    assert_eq!(app.store().letter(id).unwrap().status, Status::Draft);

    // Kept on purpose: no warning, and it is approved quoting the old one.
    let mut kept = form.clone();
    kept.extra.kept_position = Some(old.id);
    let saved = app.edit_letter(id, &kept).unwrap();
    assert!(
        !saved.warnings.iter().any(|w| w.contains("in force")),
        "{:?}",
        saved.warnings
    );
    app.approve(id).unwrap();
    assert_eq!(
        app.letter_data(id).unwrap().position.unwrap().version,
        Some(old.version)
    );
}

fn updating_to_the_version_in_force_is_approved_and_a_kept_choice_is_per_version(engine: Backend) {
    let app = app_on(engine);
    let today = app.clock().today().to_string();
    let mut form = new_letter(&app, &today);
    let old = form.position_id.unwrap();
    let id = app.draft_letter(&form).unwrap().letter_id;
    let new = adopt_today(&app);
    // "Use version N": the draft quotes the one in force and is approved.
    form.position_id = Some(new.id);
    let saved = app.edit_letter(id, &form).unwrap();
    assert!(
        !saved.warnings.iter().any(|w| w.contains("in force")),
        "{:?}",
        saved.warnings
    );
    app.approve(id).unwrap();

    // Keeping one version says nothing about another: a letter kept at
    // version N that now quotes an older one is asked again.
    let mut other = new_letter(&app, &today);
    other.position_id = Some(old);
    other.extra.kept_position = Some(new.id);
    let id = app.draft_letter(&other).unwrap().letter_id;
    assert_eq!(
        app.approve(id).unwrap_err().field().as_deref(),
        Some("position")
    );
}

testkit::engines!(
    a_draft_quoting_a_superseded_version_waits_for_a_choice,
    updating_to_the_version_in_force_is_approved_and_a_kept_choice_is_per_version,
    a_new_versions_quotes_are_set_as_the_letters_set_them,
);

/// Typed with straight quotes, a statement is kept with typographic ones, as
/// the shipped positions and the letters' own text are set.
fn a_new_versions_quotes_are_set_as_the_letters_set_them(engine: Backend) {
    let app = app_on(engine);
    let (_, p) = app
        .adopt_position(
            "KORUS",
            &store::NewPosition {
                stance: store::Stance::Support,
                adopted_on: None,
                statement: "We support \"KORUS 2.0\" and the members' exports.".into(),
                rationale: "The 'autos' chapter.".into(),
            },
        )
        .unwrap();
    assert_eq!(
        p.statement,
        "We support “KORUS 2.0” and the members’ exports."
    );
    assert_eq!(p.rationale, "The ‘autos’ chapter.");
    assert_eq!(app.store().position(p.id).unwrap().statement, p.statement);
}
