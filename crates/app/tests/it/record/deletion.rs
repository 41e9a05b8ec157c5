//! Deleting a draft (issue 30, item 3): kept, out of the lists, the search
//! and the sent log, restored as it was; told in the history; never an
//! approved, signed or sent letter; on a team record, the server decides who.

use super::*;

/// A draft with words of its own, so a search finds only it.
fn own_draft(app: &App) -> i64 {
    app.clock().set(at("2017-10-30"));
    let mut letter = new_letter(app, "2017-11-01");
    letter.subject = "Dairy quotas and the zucchini tariff".into();
    letter.body = "We write about the zucchini tariff.".into();
    app.draft_letter(&letter).unwrap().letter_id
}

fn listed(app: &App, id: i64) -> bool {
    app.letter_summaries(None)
        .unwrap()
        .iter()
        .any(|l| l.id == id)
}

fn found(app: &App, id: i64) -> bool {
    app.search("zucchini")
        .unwrap()
        .iter()
        .any(|h| h.kind == "letter" && h.id == id)
}

fn logged(app: &App, id: i64) -> bool {
    app.log(&LogFilter {
        include_unsent: true,
        ..Default::default()
    })
    .unwrap()
    .iter()
    .any(|e| e.letter_id == id)
}

fn kinds(app: &App, id: i64) -> Vec<String> {
    app.store()
        .events(id)
        .unwrap()
        .iter()
        .map(|e| e.kind.to_string())
        .collect()
}

fn a_deleted_draft_leaves_the_lists_and_comes_back_unchanged(engine: Backend) {
    let app = app_on(engine);
    let id = own_draft(&app);
    assert!(listed(&app, id) && found(&app, id) && logged(&app, id));
    let before = app.open_letter(id).unwrap();
    let rows = counts(&app);

    app.clock().set(at("2017-11-02"));
    app.delete_draft(id).unwrap();
    assert!(!listed(&app, id), "not in the letters list");
    assert!(!found(&app, id), "not found by the search");
    assert!(
        !logged(&app, id),
        "not in the sent log, even with unsent copies"
    );
    assert!(
        app.letter_summaries(Some(Status::Draft))
            .unwrap()
            .iter()
            .all(|l| l.id != id)
    );
    let deleted = app.deleted_letters().unwrap();
    assert_eq!(deleted.len(), 1, "{deleted:?}");
    assert_eq!(deleted[0].id, id);
    assert_eq!(deleted[0].subject, "Dairy quotas and the zucchini tariff");
    assert_eq!(deleted[0].deleted_at, Some(at("2017-11-02")));
    // Who: the login on a team record; a single-user file names nobody.
    match engine {
        Backend::Sqlite => assert_eq!(deleted[0].deleted_by, None),
        Backend::Postgres => assert!(deleted[0].deleted_by.is_some()),
    }
    // Kept: the letter, its copies and its history, one event more.
    let mut expected = rows.clone();
    expected[6] += 1;
    assert_eq!(counts(&app), expected);
    assert_eq!(kinds(&app, id), ["created", "deleted"]);
    // Opened, it says it is deleted, and its steps say when.
    let opened = app.open_letter(id).unwrap();
    assert_eq!(opened.summary.deleted_at, Some(at("2017-11-02")));
    let last = opened.steps.last().unwrap();
    assert_eq!(
        (last.kind, last.at),
        (store::EventKind::Deleted, at("2017-11-02"))
    );

    // A deleted draft is not changed until restored.
    let e = app.save_letter(Some(id), &before.draft).unwrap_err();
    assert!(e.to_string().contains("restore it"), "{e}");
    let e = app.approve(id).unwrap_err();
    assert!(e.to_string().contains("restore it"), "{e}");
    let e = app.delete_draft(id).unwrap_err();
    assert!(e.to_string().contains("already deleted"), "{e}");
    assert_eq!(kinds(&app, id), ["created", "deleted"]);

    app.clock().set(at("2017-11-03"));
    app.restore_draft(id).unwrap();
    assert!(listed(&app, id) && found(&app, id) && logged(&app, id));
    assert!(app.deleted_letters().unwrap().is_empty());
    let after = app.open_letter(id).unwrap();
    assert_eq!(after.draft, before.draft, "restored as it was");
    assert_eq!(after.summary, before.summary);
    assert_eq!(after.recipients, before.recipients);
    // Its steps say so after its drafting: "Drafted …, restored on …".
    let steps: Vec<store::EventKind> = after.steps.iter().map(|s| s.kind).collect();
    assert_eq!(
        steps,
        [store::EventKind::Created, store::EventKind::Restored]
    );
    assert_eq!(kinds(&app, id), ["created", "deleted", "restored"]);
    let e = app.restore_draft(id).unwrap_err();
    assert!(e.to_string().contains("not deleted"), "{e}");
    // And it goes on as a draft.
    app.approve(id).unwrap();
}

fn only_a_draft_can_be_deleted(engine: Backend) {
    let app = app_on(engine);
    let approved = own_draft(&app);
    app.approve(approved).unwrap();
    let signed = own_draft(&app);
    app.approve(signed).unwrap();
    app.sign(signed).unwrap();
    let sent = app.letters(Some(Status::Sent)).unwrap()[0].id;
    let before = counts(&app);
    for (id, status) in [(approved, "approved"), (signed, "signed"), (sent, "sent")] {
        let e = app.delete_draft(id).unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains(&format!(
                "letter {id} is {status}: only a draft can be deleted"
            )),
            "{text}"
        );
        assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
        assert!(listed(&app, id));
    }
    assert_eq!(counts(&app), before, "nothing written");
    assert!(app.deleted_letters().unwrap().is_empty());
    let e = app.delete_draft(999_999).unwrap_err();
    assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");

    // Nor by writing to the record directly: the record itself refuses
    // (SQLite's triggers; the team server's rules, for every login).
    for id in [approved, signed, sent] {
        let e = app
            .store()
            .connection()
            .execute(
                "UPDATE letters SET deleted_at = '2017-11-02 15:00:00+00:00' WHERE id = ?1",
                [id],
            )
            .unwrap_err();
        assert!(e.to_string().contains("only a draft can be deleted"), "{e}");
    }
    // A deleted draft's text cannot be changed behind the app's back either.
    let draft = own_draft(&app);
    app.delete_draft(draft).unwrap();
    let e = app
        .store()
        .connection()
        .execute(
            "UPDATE letters SET body = 'Changed.' WHERE id = ?1",
            [draft],
        )
        .unwrap_err();
    assert!(e.to_string().contains("restore it"), "{e}");
    assert_eq!(counts(&app)[3], before[3] + 1);
}

testkit::engines!(
    a_deleted_draft_leaves_the_lists_and_comes_back_unchanged,
    only_a_draft_can_be_deleted,
);

/// On a team record the server says who may delete a draft: its author or
/// an administrator. A colleague's attempt is refused there, whatever the
/// client, and changes nothing.
#[test]
fn on_a_team_record_only_the_author_or_an_administrator_deletes_a_draft() {
    testkit::needs_postgres!();
    let (admin_store, url) = support::fresh_with_url(Backend::Postgres);
    let url = url.unwrap();
    let n = std::process::id();
    let (dana, avery) = (format!("deldana_{n}"), format!("delavery_{n}"));
    let mut admin_store = admin_store;
    admin_store
        .team_add_user(&dana, store::team::TeamRole::Drafter, None)
        .unwrap();
    admin_store
        .team_add_user(&avery, store::team::TeamRole::Approver, None)
        .unwrap();
    let admin = App::with_store(Engine::new().unwrap(), admin_store, at("2026-11-28")).unwrap();
    let as_login = |login: &str| {
        App::with_store(
            Engine::new().unwrap(),
            support::open_as(&url, login),
            at("2026-11-28"),
        )
        .unwrap()
    };
    let dana_app = as_login(&dana);
    let avery_app = as_login(&avery);
    let id = own_draft(&dana_app);
    let before = counts(&admin);

    let e = avery_app.delete_draft(id).unwrap_err();
    assert!(matches!(e, AppError::Denied(_)), "{e:?}");
    let text = e.to_string();
    assert!(
        text.contains(&format!(
            "only the draft's author ({dana}) or an administrator may delete letter {id}"
        )),
        "{text}"
    );
    assert_eq!(counts(&admin), before, "nothing written");
    assert!(listed(&admin, id));

    dana_app.delete_draft(id).unwrap();
    let deleted = admin.deleted_letters().unwrap();
    assert_eq!(deleted[0].id, id);
    assert_eq!(deleted[0].deleted_by.as_deref(), Some(dana.as_str()));
    let history = admin.store().events(id).unwrap();
    let deletion = history
        .iter()
        .find(|e| e.kind == store::EventKind::Deleted)
        .unwrap();
    assert_eq!(deletion.actor.as_deref(), Some(dana.as_str()));

    let e = avery_app.restore_draft(id).unwrap_err();
    assert!(matches!(e, AppError::Denied(_)), "{e:?}");
    assert!(e.to_string().contains("may restore letter"), "{e}");
    assert!(!listed(&admin, id));
    // An administrator may, for anyone.
    admin.restore_draft(id).unwrap();
    assert!(listed(&avery_app, id));
    // (The server stamps staff's events with its own clock, the
    // administrator's with the app's: look for it by kind.)
    assert!(
        admin
            .store()
            .events(id)
            .unwrap()
            .iter()
            .any(|e| e.kind == store::EventKind::Restored)
    );
}
