//! One test (at least) per query, on an in-memory database.
//!
//! Over 900 lines: a test file, one short test per query of the store in
//! the order of its modules, all on the same in-memory fixtures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use store::letters::{Copy, Sending};
use store::log::LogFilter;
use store::*;

use support::{Backend, fresh, fresh_with_url, open_as};
use testkit::engines as support;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day(s).and_hms_opt(15, 0, 0).unwrap())
}

struct World {
    store: Store,
    commerce: i64,
    ustr: i64,
    ross: i64,
    lighthizer: i64,
    greer: i64,
    signer: i64,
    template: i64,
    position: i64,
}

fn person(s: &mut Store, name: &str, salutation: &str) -> i64 {
    s.add_person(
        &NewPerson {
            full_name: name.into(),
            honorific: Some("The Honorable".into()),
            salutation: Some(salutation.into()),
            ..Default::default()
        },
        at("2017-01-01"),
    )
    .unwrap()
}

fn office(s: &mut Store, title: &str, short: &str, kind: OfficeKind) -> i64 {
    s.add_office(&NewOffice {
        title: title.into(),
        short_name: Some(short.into()),
        organization: Some(format!("Office of the {title}")),
        kind,
        single_holder: true,
        address: vec!["Washington, DC 20230".into()],
        email: None,
        contact_form: None,
    })
    .unwrap()
}

fn term(s: &mut Store, p: i64, o: i64, start: &str, end: Option<&str>) -> Result<i64> {
    s.add_term(&NewTerm {
        person_id: p,
        office_id: o,
        start_on: day(start),
        end_on: end.map(day),
        acting: false,
    })
}

fn world_on(engine: Backend) -> World {
    world_at(engine).0
}

/// The world, and on PostgreSQL its record's connection string.
fn world_at(engine: Backend) -> (World, Option<String>) {
    let (mut s, url) = fresh_with_url(engine);
    let commerce = office(
        &mut s,
        "Secretary of Commerce",
        "Commerce",
        OfficeKind::CabinetSecretary,
    );
    let ustr = office(
        &mut s,
        "United States Trade Representative",
        "USTR",
        OfficeKind::TradeRepresentative,
    );
    let ross = person(&mut s, "Wilbur Ross", "Secretary Ross");
    let lighthizer = person(&mut s, "Robert E. Lighthizer", "Ambassador Lighthizer");
    let tai = person(&mut s, "Katherine Tai", "Ambassador Tai");
    let greer = person(&mut s, "Jamieson Greer", "Ambassador Greer");
    term(&mut s, ross, commerce, "2017-02-28", Some("2021-01-20")).unwrap();
    term(&mut s, lighthizer, ustr, "2017-05-15", Some("2021-01-20")).unwrap();
    term(&mut s, tai, ustr, "2021-03-18", Some("2025-01-20")).unwrap();
    term(&mut s, greer, ustr, "2025-02-27", None).unwrap();
    let signer = s
        .add_signer("Jordan A. Whitfield", Some("Vice President"))
        .unwrap();
    let template = s
        .register_builtin_template("joint-support", "{}", "Dear {{x}}", at("2017-01-01"))
        .unwrap();
    let korus = s
        .add_issue("KORUS", "U.S.–Korea Free Trade Agreement")
        .unwrap();
    let position = s
        .add_position(
            korus,
            &NewPosition {
                stance: Stance::Support,
                adopted_on: Some(day("2017-08-22")),
                statement: "We support KORUS.".into(),
                rationale: "Exports.".into(),
            },
        )
        .unwrap()
        .id;
    (
        World {
            store: s,
            commerce,
            ustr,
            ross,
            lighthizer,
            greer,
            signer,
            template,
            position,
        },
        url,
    )
}

fn draft(w: &World) -> LetterDraft {
    LetterDraft {
        template_id: w.template,
        position_id: Some(w.position),
        signer_id: w.signer,
        date: day("2017-09-05"),
        subject: "Continued support for KORUS".into(),
        body: "Since KORUS entered into force, exports grew.".into(),
        mode: LetterMode::Joint,
        extra: serde_json::json!({"cc": ["Myung-hee Yoo (유명희)"]}),
    }
}

fn to(w: &World) -> Vec<NewRecipient> {
    vec![
        NewRecipient {
            role: Role::To,
            person_id: Some(w.ross),
            office_id: Some(w.commerce),
            term_id: None,
        },
        NewRecipient {
            role: Role::To,
            person_id: Some(w.lighthizer),
            office_id: Some(w.ustr),
            term_id: None,
        },
    ]
}

/// Counts of every table, to prove a failed write left nothing behind.
fn counts(s: &Store) -> Vec<i64> {
    [
        "persons",
        "offices",
        "terms",
        "issues",
        "positions",
        "templates",
        "letters",
        "letter_recipients",
        "archive",
        "events",
    ]
    .iter()
    .map(|t| {
        s.connection()
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    })
    .collect()
}

#[test]
fn a_new_database_is_current_sound_and_in_wal() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(&dir.path().join("a.db")).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(s.integrity_check().unwrap(), "ok");
    let mode: String = s
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = s
        .connection()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

fn persons_are_added_edited_listed_and_retired(engine: Backend) {
    let mut w = world_on(engine);
    let p = w.store.person(w.ross).unwrap();
    assert_eq!(p.family_name, "Ross");
    assert_eq!(p.salutation.as_deref(), Some("Secretary Ross"));
    let mut edit = NewPerson {
        full_name: "Wilbur L. Ross Jr.".into(),
        family_name: "Ross".into(),
        ..Default::default()
    };
    w.store
        .edit_person(w.ross, &edit, at("2017-02-01"))
        .unwrap();
    assert_eq!(
        w.store.person(w.ross).unwrap().full_name,
        "Wilbur L. Ross Jr."
    );
    let found = w.store.persons("ross", 10).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(w.store.persons("", 2).unwrap().len(), 2);
    w.store.retire_person(w.ross, day("2021-01-20")).unwrap();
    assert_eq!(
        w.store.person(w.ross).unwrap().retired_on,
        Some(day("2021-01-20"))
    );
    edit.full_name = "  ".into();
    let err = w
        .store
        .edit_person(w.ross, &edit, at("2017-02-01"))
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "full_name",
                ..
            }
        ),
        "{err}"
    );
    assert!(matches!(
        w.store.person(999),
        Err(StoreError::NotFound { .. })
    ));
}

fn offices_are_found_by_title_or_short_name(engine: Backend) {
    let mut w = world_on(engine);
    assert_eq!(w.store.find_office("ustr").unwrap().id, w.ustr);
    assert_eq!(
        w.store.find_office("Secretary of Commerce").unwrap().id,
        w.commerce
    );
    assert_eq!(w.store.find_office("Trade Rep").unwrap().id, w.ustr);
    let err = w.store.find_office("Secretary of Defense").unwrap_err();
    assert!(err.to_string().contains("Secretary of Defense"), "{err}");
    let o = w.store.office(w.ustr).unwrap();
    assert_eq!(o.kind, OfficeKind::TradeRepresentative);
    assert_eq!(
        o.organization.as_deref(),
        Some("Office of the United States Trade Representative")
    );
    assert_eq!(w.store.offices("").unwrap().len(), 2);
    let mut edited = NewOffice {
        title: "Secretary of Commerce".into(),
        short_name: Some("DOC".into()),
        organization: Some("U.S. Department of Commerce".into()),
        kind: OfficeKind::CabinetSecretary,
        single_holder: true,
        address: vec![
            "1401 Constitution Avenue, NW".into(),
            "Washington, DC 20230".into(),
        ],
        email: None,
        contact_form: None,
    };
    w.store.edit_office(w.commerce, &edited).unwrap();
    assert_eq!(w.store.office(w.commerce).unwrap().address.len(), 2);
    edited.title = String::new();
    assert!(w.store.edit_office(w.commerce, &edited).is_err());
    // Someone held it past that day: retiring is refused, naming them.
    let err = w
        .store
        .retire_office(w.commerce, day("2019-01-01"))
        .unwrap_err();
    assert!(matches!(&err, StoreError::Invalid { field, .. } if *field == "retired_on"));
    assert!(
        err.to_string()
            .contains("Wilbur Ross holds this office until 2021-01-20, after 2019-01-01"),
        "{err}"
    );
    assert!(w.store.office(w.commerce).unwrap().retired_on.is_none());
    w.store
        .retire_office(w.commerce, day("2030-01-01"))
        .unwrap();
    assert_eq!(
        w.store.office(w.commerce).unwrap().retired_on,
        Some(day("2030-01-01"))
    );
    // No term may start or run past the retirement.
    let p = w.store.terms_of_office(w.commerce).unwrap()[0].person_id;
    let late = NewTerm {
        person_id: p,
        office_id: w.commerce,
        start_on: day("2030-02-01"),
        end_on: None,
        acting: false,
    };
    let err = w.store.add_term(&late).unwrap_err();
    assert!(err.to_string().contains("retired on 2030-01-01"), "{err}");
    // Reinstated, it can be held again.
    w.store.reinstate_office(w.commerce).unwrap();
    assert!(w.store.office(w.commerce).unwrap().retired_on.is_none());
    w.store.add_term(&late).unwrap();
}

fn the_holder_of_an_office_depends_on_the_date(engine: Backend) {
    let w = world_on(engine);
    let h = w
        .store
        .holder_on(w.ustr, day("2017-09-05"))
        .unwrap()
        .unwrap();
    assert_eq!(h.person.full_name, "Robert E. Lighthizer");
    let h = w
        .store
        .holder_on(w.ustr, day("2026-11-28"))
        .unwrap()
        .unwrap();
    assert_eq!(h.person.id, w.greer);
    // Between Tai and Greer the seat was vacant (no acting holder recorded).
    assert!(
        w.store
            .holder_on(w.ustr, day("2025-02-01"))
            .unwrap()
            .is_none()
    );
    assert_eq!(w.store.terms_of_office(w.ustr).unwrap().len(), 3);
    assert_eq!(w.store.terms_of_person(w.ross).unwrap().len(), 1);
    let latest = w
        .store
        .latest_holding(w.ross, day("2026-11-28"))
        .unwrap()
        .unwrap();
    assert_eq!(latest.office.id, w.commerce);
}

fn overlapping_and_backwards_terms_are_refused_and_nothing_is_written(engine: Backend) {
    let mut w = world_on(engine);
    let before = counts(&w.store);
    let err = term(
        &mut w.store,
        w.greer,
        w.commerce,
        "2018-01-01",
        Some("2019-01-01"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("overlaps Wilbur Ross"), "{err}");
    let err = term(
        &mut w.store,
        w.greer,
        w.commerce,
        "2022-01-01",
        Some("2021-01-01"),
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "end_on",
                ..
            }
        ),
        "{err}"
    );
    let err = term(&mut w.store, w.greer, 4242, "2022-01-01", None).unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "office", .. }),
        "{err}"
    );
    assert_eq!(counts(&w.store), before);
    // An acting term may overlap; a term may start on the day the last one ended.
    w.store
        .add_term(&NewTerm {
            person_id: w.greer,
            office_id: w.commerce,
            start_on: day("2018-01-01"),
            end_on: None,
            acting: true,
        })
        .unwrap();
    term(
        &mut w.store,
        w.greer,
        w.commerce,
        "2021-01-20",
        Some("2021-02-01"),
    )
    .unwrap();
    // Editing a term runs the same checks.
    let t = w
        .store
        .terms_of_office(w.commerce)
        .unwrap()
        .into_iter()
        .find(|t| !t.acting && t.person_id == w.greer)
        .unwrap();
    let err = w
        .store
        .edit_term(
            t.id,
            &NewTerm {
                person_id: w.greer,
                office_id: w.commerce,
                start_on: day("2020-01-01"),
                end_on: Some(day("2021-02-01")),
                acting: false,
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("overlaps"), "{err}");
    assert_eq!(w.store.term(t.id).unwrap().start_on, day("2021-01-20"));
}

fn positions_are_versioned_and_history_kept(engine: Backend) {
    let mut w = world_on(engine);
    let issue = w.store.find_issue("korus").unwrap();
    let v2 = w
        .store
        .add_position(
            issue.id,
            &NewPosition {
                stance: Stance::Monitor,
                adopted_on: Some(day("2018-03-01")),
                statement: "Watch.".into(),
                rationale: String::new(),
            },
        )
        .unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(w.store.positions(issue.id).unwrap().len(), 2);
    assert_eq!(
        w.store
            .position_on(issue.id, day("2017-09-05"))
            .unwrap()
            .unwrap()
            .version,
        1
    );
    assert_eq!(
        w.store
            .position_on(issue.id, day("2019-01-01"))
            .unwrap()
            .unwrap()
            .version,
        2
    );
    assert!(
        w.store
            .position_on(issue.id, day("2017-01-01"))
            .unwrap()
            .is_none()
    );
    let err = w
        .store
        .add_position(
            issue.id,
            &NewPosition {
                stance: Stance::Oppose,
                adopted_on: Some(day("2018-01-01")),
                statement: "No.".into(),
                rationale: String::new(),
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("cannot be dated earlier"), "{err}");
    assert!(w.store.add_issue("KORUS", "").is_err());
    assert_eq!(w.store.issues().unwrap().len(), 1);
    assert_eq!(
        w.store.position(w.position).unwrap().stance,
        Stance::Support
    );
}

fn templates_are_versioned_and_builtins_read_only(engine: Backend) {
    let mut w = world_on(engine);
    let same = w
        .store
        .register_builtin_template("joint-support", "{}", "Dear {{x}}", at("2018-01-01"))
        .unwrap();
    assert_eq!(same, w.template);
    let newer = w
        .store
        .register_builtin_template("joint-support", "{}", "Dear {{y}}", at("2018-01-01"))
        .unwrap();
    assert_eq!(w.store.template(newer).unwrap().version, 2);
    assert!(matches!(
        w.store
            .save_user_template("joint-support", "{}", "x", at("2018-01-01")),
        Err(StoreError::Conflict(_))
    ));
    let u1 = w
        .store
        .save_user_template("mine", "{}", "a", at("2018-01-01"))
        .unwrap();
    let u2 = w
        .store
        .save_user_template("mine", "{}", "b", at("2018-01-02"))
        .unwrap();
    assert_ne!(u1, u2);
    assert_eq!(w.store.latest_template("mine").unwrap().source, "b");
    assert_eq!(w.store.templates().unwrap().len(), 2);
    assert_eq!(w.store.signers().unwrap().len(), 1);
    assert_eq!(
        w.store.signer(w.signer).unwrap().title.as_deref(),
        Some("Vice President")
    );
}

fn a_letter_goes_from_draft_to_sent_and_is_archived(engine: Backend) {
    let mut w = world_on(engine);
    let id = w
        .store
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    assert_eq!(w.store.letter(id).unwrap().status, Status::Draft);
    // Sending before approval is refused and changes nothing.
    let r = w.store.recipients(id).unwrap();
    assert_eq!(r.len(), 2);
    let sending = Sending {
        method: Method::Mail,
        at: at("2017-09-05"),
        confirmation: Some("USPS 9400".into()),
        follow_up_on: Some(day("2017-10-05")),
    };
    let copy = Copy {
        pdf: b"%PDF-1.7 letter".to_vec(),
        data: "{}".into(),
    };
    let before = counts(&w.store);
    let err = w
        .store
        .mark_sent(r[0].id, &sending, &copy, at("2017-09-05"))
        .unwrap_err();
    assert!(
        err.to_string().contains("must be approved and signed"),
        "{err}"
    );
    assert!(matches!(
        w.store.sign_letter(id, at("2017-09-02")),
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(counts(&w.store), before);

    w.store.approve_letter(id, at("2017-09-02")).unwrap();
    w.store.sign_letter(id, at("2017-09-04")).unwrap();
    w.store
        .record_export(id, "korus.pdf", at("2017-09-04"))
        .unwrap();
    let archive = w
        .store
        .mark_sent(r[0].id, &sending, &copy, at("2017-09-05"))
        .unwrap();
    assert!(archive > 0);
    assert!(matches!(
        w.store
            .mark_sent(r[0].id, &sending, &copy, at("2017-09-05")),
        Err(StoreError::Conflict(_))
    ));
    w.store
        .mark_sent(
            r[1].id,
            &Sending {
                method: Method::Email,
                ..sending.clone()
            },
            &copy,
            at("2017-09-05"),
        )
        .unwrap();
    assert_eq!(w.store.letter(id).unwrap().status, Status::Sent);

    let archived = w.store.archived(id).unwrap();
    assert_eq!(archived.len(), 2);
    assert_eq!(archived[0].pdf, copy.pdf);
    assert_eq!(archived[0].sha256, store::letters::sha256_hex(&copy.pdf));

    w.store
        .record_follow_up(r[0].id, at("2017-10-05"), Some(day("2017-11-05")), "called")
        .unwrap();
    w.store
        .record_reply(r[0].id, day("2017-10-20"), "Thanked us", at("2017-10-21"))
        .unwrap();
    let sent = w.store.recipient(r[0].id).unwrap();
    assert_eq!(sent.method, Some(Method::Mail));
    assert_eq!(sent.reply_notes.as_deref(), Some("Thanked us"));
    let kinds: Vec<EventKind> = w
        .store
        .events(id)
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            EventKind::Created,
            EventKind::Approved,
            EventKind::Signed,
            EventKind::Exported,
            EventKind::Sent,
            EventKind::Sent,
            EventKind::FollowedUp,
            EventKind::Replied
        ]
    );
}

fn a_sent_letter_cannot_change_and_a_revision_leaves_it_intact(engine: Backend) {
    let mut w = world_on(engine);
    let id = w
        .store
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    w.store.approve_letter(id, at("2017-09-02")).unwrap();
    w.store.sign_letter(id, at("2017-09-02")).unwrap();
    let r = w.store.recipients(id).unwrap();
    let copy = Copy {
        pdf: vec![1, 2, 3],
        data: "{}".into(),
    };
    let sending = Sending {
        method: Method::Mail,
        at: at("2017-09-05"),
        confirmation: None,
        follow_up_on: None,
    };
    w.store
        .mark_sent(r[0].id, &sending, &copy, at("2017-09-05"))
        .unwrap();
    let original = w.store.letter(id).unwrap();
    let before = counts(&w.store);
    let mut changed = draft(&w);
    changed.body = "Something else".into();
    let err = w
        .store
        .edit_letter(id, &changed, &to(&w), at("2017-09-06"))
        .unwrap_err();
    assert!(err.to_string().contains("Make a revision"), "{err}");
    assert_eq!(counts(&w.store), before);
    // Even a direct UPDATE is refused by the schema.
    let raw = w
        .store
        .connection()
        .execute("UPDATE letters SET body = 'x' WHERE id = ?1", [id]);
    assert!(
        raw.unwrap_err()
            .to_string()
            .contains("sent letter cannot be edited")
    );
    let raw = w.store.connection().execute("DELETE FROM archive", []);
    assert!(raw.is_err());

    let rev = w.store.revise_letter(id, at("2017-09-06")).unwrap();
    w.store
        .edit_letter(rev, &changed, &to(&w), at("2017-09-06"))
        .unwrap();
    let revision = w.store.letter(rev).unwrap();
    assert_eq!(revision.revision_of, Some(id));
    assert_eq!(revision.status, Status::Draft);
    assert_eq!(w.store.letter(id).unwrap(), original);
    assert_eq!(w.store.archived(id).unwrap()[0].pdf, vec![1, 2, 3]);
}

/// Issue 25, items 1 and 2: once a copy went, nothing records it went
/// otherwise, for any client with the file or a login (here the team
/// record's superuser, who passes every role rule), and its history is
/// written once.
fn a_sent_copy_and_its_history_cannot_be_rewritten(engine: Backend) {
    let mut w = world_on(engine);
    let id = w
        .store
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    w.store.approve_letter(id, at("2017-09-02")).unwrap();
    w.store.sign_letter(id, at("2017-09-02")).unwrap();
    let r = w.store.recipients(id).unwrap();
    let copy = Copy {
        pdf: b"%PDF-1.7 sent".to_vec(),
        data: "{}".into(),
    };
    let sending = Sending {
        method: Method::Mail,
        at: at("2017-09-05"),
        confirmation: Some("certified 7019".into()),
        follow_up_on: Some(day("2017-10-05")),
    };
    w.store
        .mark_sent(r[0].id, &sending, &copy, at("2017-09-05"))
        .unwrap();
    let before = counts(&w.store);
    let sent = w.store.recipient(r[0].id).unwrap();
    let raw = |sql: &str| {
        w.store
            .connection()
            .execute_batch(sql)
            .map_err(|e| e.to_string())
    };
    for sql in [
        format!(
            "UPDATE letter_recipients SET sent_at = NULL, method = NULL, confirmation = NULL WHERE id = {}",
            r[0].id
        ),
        format!(
            "UPDATE letter_recipients SET confirmation = 'forged' WHERE id = {}",
            r[0].id
        ),
        format!(
            "UPDATE letter_recipients SET method = 'email' WHERE id = {}",
            r[0].id
        ),
        format!(
            "UPDATE letter_recipients SET person_id = NULL WHERE id = {}",
            r[0].id
        ),
        format!("UPDATE letters SET status = 'draft' WHERE id = {id}"),
        format!("DELETE FROM letter_recipients WHERE id = {}", r[1].id),
        "UPDATE events SET detail = 'forged'".to_string(),
        format!("DELETE FROM events WHERE letter_id = {id}"),
        format!(
            "INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at)
             VALUES ({id}, {}, x'00', '{}', '{{}}', 'x')",
            r[0].id,
            "0".repeat(64)
        ),
    ] {
        let sql = if engine == Backend::Postgres {
            sql.replace("x'00'", "'\\x00'")
        } else {
            sql
        };
        let err = raw(&sql).expect_err(&sql);
        assert!(
            err.contains("record")
                || err.contains("cannot be changed")
                || err.contains("cannot be edited")
                || err.contains("archived once")
                || err.contains("archived only"),
            "{sql}: {err}"
        );
    }
    assert_eq!(counts(&w.store), before);
    assert_eq!(w.store.recipient(r[0].id).unwrap(), sent);
    assert_eq!(w.store.letter(id).unwrap().status, Status::Sent);
    // The follow-up goes on, as events: a snooze and a reply are not edits
    // of the sending.
    w.store
        .snooze_follow_up(r[0].id, day("2017-10-12"), at("2017-10-01"))
        .unwrap();
    w.store
        .record_reply(r[0].id, day("2017-10-20"), "Thanked us", at("2017-10-21"))
        .unwrap();
    assert_eq!(w.store.recipient(r[0].id).unwrap().sent_at, sent.sent_at);
}

/// Issue 25, item 1: a drafter's login cannot write a step into the
/// history that did not happen, though the server would name her as its
/// actor; nor make a sent copy unsent (item 2).
#[test]
fn a_drafter_cannot_write_history_that_did_not_happen() {
    testkit::needs_postgres!();
    let (w, url) = team();
    let mut dana = open_as(&url, "dana");
    let id = dana
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    let events = dana.events(id).unwrap().len();
    for kind in ["approved", "signed", "created", "edited"] {
        let err = dana
            .connection()
            .execute(
                "INSERT INTO events (letter_id, kind, at) VALUES (?1, ?2, 'x')",
                (id, kind),
            )
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("the letter history is written only by what happens"),
            "{kind}: {err}"
        );
    }
    assert_eq!(dana.events(id).unwrap().len(), events);
    assert_eq!(dana.letter(id).unwrap().status, Status::Draft);

    open_as(&url, "avery")
        .approve_letter(id, at("2017-09-02"))
        .unwrap();
    let mut sam = open_as(&url, "sam");
    sam.sign_letter(id, at("2017-09-03")).unwrap();
    let r = dana.recipients(id).unwrap()[0].id;
    dana.mark_sent(
        r,
        &Sending {
            method: Method::Mail,
            at: at("2017-09-05"),
            confirmation: Some("certified".into()),
            follow_up_on: None,
        },
        &Copy {
            pdf: vec![0],
            data: "{}".into(),
        },
        at("2017-09-05"),
    )
    .unwrap();
    let err = dana
        .connection()
        .execute(
            "UPDATE letter_recipients SET sent_at = NULL, method = NULL, confirmation = NULL WHERE id = ?1",
            [r],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("part of the record"), "{err}");
    assert!(dana.recipient(r).unwrap().sent_at.is_some());
    // The drafter's own "approved" on the sent letter is refused too.
    let err = dana
        .connection()
        .execute(
            "INSERT INTO events (letter_id, kind, at) VALUES (?1, 'approved', 'x')",
            [id],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("no 'approved' event"), "{err}");
}

fn editing_an_approved_letter_returns_it_to_draft(engine: Backend) {
    let mut w = world_on(engine);
    let id = w
        .store
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    w.store.approve_letter(id, at("2017-09-02")).unwrap();
    w.store
        .edit_letter(id, &draft(&w), &to(&w)[..1], at("2017-09-03"))
        .unwrap();
    assert_eq!(w.store.letter(id).unwrap().status, Status::Draft);
    assert_eq!(w.store.recipients(id).unwrap().len(), 1);
}

fn an_unfinished_draft_is_kept_but_not_approved(engine: Backend) {
    let mut w = world_on(engine);
    let mut d = draft(&w);
    d.subject = " ".into();
    let no_subject = w
        .store
        .create_letter(&d, &to(&w), at("2017-09-01"))
        .unwrap();
    assert!(matches!(
        w.store.approve_letter(no_subject, at("2017-09-02")),
        Err(StoreError::Invalid {
            field: "subject",
            ..
        })
    ));
    let nobody = w
        .store
        .create_letter(&draft(&w), &[], at("2017-09-01"))
        .unwrap();
    assert!(matches!(
        w.store.approve_letter(nobody, at("2017-09-02")),
        Err(StoreError::Invalid {
            field: "recipients",
            ..
        })
    ));
    assert_eq!(w.store.letter(nobody).unwrap().status, Status::Draft);
}

fn bad_letters_are_refused_whole(engine: Backend) {
    let mut w = world_on(engine);
    let before = counts(&w.store);
    let mut bad = to(&w);
    bad[1].person_id = Some(999);
    assert!(matches!(
        w.store.create_letter(&draft(&w), &bad, at("2017-09-01")),
        Err(StoreError::NotFound { what: "person", .. })
    ));
    let mut d = draft(&w);
    d.signer_id = 77;
    assert!(matches!(
        w.store.create_letter(&d, &to(&w), at("2017-09-01")),
        Err(StoreError::NotFound { what: "signer", .. })
    ));
    assert_eq!(counts(&w.store), before);
}

fn sent_letter(w: &mut World, date: &str) -> i64 {
    let mut d = draft(w);
    d.date = day(date);
    let id = w.store.create_letter(&d, &to(w), at(date)).unwrap();
    w.store.approve_letter(id, at(date)).unwrap();
    w.store.sign_letter(id, at(date)).unwrap();
    let r = w.store.recipients(id).unwrap();
    let sending = Sending {
        method: Method::Mail,
        at: at(date),
        confirmation: Some("c, \"quoted\"".into()),
        follow_up_on: Some(day(date) + chrono::Days::new(30)),
    };
    w.store
        .mark_sent(
            r[0].id,
            &sending,
            &Copy {
                pdf: vec![0],
                data: "{}".into(),
            },
            at(date),
        )
        .unwrap();
    id
}

fn the_log_filters_by_office_person_issue_status_and_dates(engine: Backend) {
    let mut w = world_on(engine);
    let a = sent_letter(&mut w, "2017-09-05");
    let b = sent_letter(&mut w, "2018-03-01");
    let draft_id = w
        .store
        .create_letter(&draft(&w), &to(&w)[1..], at("2019-01-01"))
        .unwrap();
    // What went out, unless unsent copies are asked for.
    let sent = w.store.log(&LogFilter::default()).unwrap();
    assert_eq!(
        sent.iter()
            .map(|e| (e.letter_id, e.sent_at.is_some()))
            .collect::<Vec<_>>(),
        [(b, true), (a, true)]
    );
    let all = w
        .store
        .log(&LogFilter {
            include_unsent: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.len(), 5);
    let by_office = w
        .store
        .log(&LogFilter {
            office_id: Some(w.commerce),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        by_office.iter().map(|e| e.letter_id).collect::<Vec<_>>(),
        [b, a]
    );
    let ranged = w
        .store
        .log(&LogFilter {
            office_id: Some(w.ustr),
            from: Some(day("2018-01-01")),
            include_unsent: true,
            to: Some(day("2018-12-31")),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ranged.len(), 1);
    assert_eq!(ranged[0].letter_id, b);
    let drafts = w
        .store
        .log(&LogFilter {
            status: Some(Status::Draft),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        drafts.iter().map(|e| e.letter_id).collect::<Vec<_>>(),
        [draft_id]
    );
    let person = w
        .store
        .log(&LogFilter {
            person_id: Some(w.lighthizer),
            include_unsent: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(person.len(), 3);
    let issue = w.store.find_issue("KORUS").unwrap();
    assert_eq!(
        w.store
            .log(&LogFilter {
                issue_id: Some(issue.id),
                include_unsent: true,
                ..Default::default()
            })
            .unwrap()
            .len(),
        5
    );
    let due = w
        .store
        .log(&LogFilter {
            follow_up_due: Some(day("2017-12-01")),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].person.as_deref(), Some("Wilbur Ross"));
    // By how copies went, and whether a reply came.
    let sent = w.store.log(&LogFilter::default()).unwrap();
    let by_mail = w
        .store
        .log(&LogFilter {
            method: Some(Method::Mail),
            ..Default::default()
        })
        .unwrap();
    assert!(!by_mail.is_empty());
    assert!(
        by_mail.iter().all(|e| e.method == Some(Method::Mail)),
        "{by_mail:?}"
    );
    let by_fax = w
        .store
        .log(&LogFilter {
            method: Some(Method::Fax),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        by_fax.len(),
        sent.iter()
            .filter(|e| e.method == Some(Method::Fax))
            .count()
    );
    w.store
        .record_reply(
            due[0].recipient_id,
            day("2017-12-02"),
            "Thanked us",
            at("2017-12-02"),
        )
        .unwrap();
    let replied = |r: bool| {
        w.store
            .log(&LogFilter {
                replied: Some(r),
                ..Default::default()
            })
            .unwrap()
    };
    assert_eq!(replied(true).len(), 1);
    assert_eq!(replied(true)[0].recipient_id, due[0].recipient_id);
    assert!(!replied(false).is_empty());
    assert!(replied(false).iter().all(|e| e.reply_on.is_none()));
    assert_eq!(replied(true).len() + replied(false).len(), sent.len());
    let limited = w
        .store
        .log(&LogFilter {
            limit: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(limited.len(), 2);
}

fn the_log_exports_as_csv_with_quoting(engine: Backend) {
    let mut w = world_on(engine);
    sent_letter(&mut w, "2017-09-05");
    let csv = w.store.log_csv(&LogFilter::default()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    // The header and the one copy sent (the letter's second copy was not).
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[0].starts_with("letter,date,subject,status"));
    assert!(lines[1].contains("2017-09-05T15:00:00Z"), "{csv}");
    assert!(lines[1].contains("\"c, \"\"quoted\"\"\""), "{csv}");
    assert!(
        lines[1].contains(",Wilbur Ross,Secretary of Commerce,to,mail,"),
        "{csv}"
    );
}

fn search_finds_letters_officials_offices_and_positions(engine: Backend) {
    let mut w = world_on(engine);
    let id = w
        .store
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    let hits = w.store.search("exports grew", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].kind.as_str(), hits[0].id), ("letter", id));
    assert!(hits[0].snippet.contains("[exports]"), "{}", hits[0].snippet);
    let hits = w.store.search("lighthiz", 10).unwrap();
    assert_eq!(
        (hits[0].kind.as_str(), hits[0].id),
        ("person", w.lighthizer)
    );
    let hits = w.store.search("USTR", 10).unwrap();
    assert_eq!((hits[0].kind.as_str(), hits[0].id), ("office", w.ustr));
    let kinds: Vec<String> = w
        .store
        .search("korus", 10)
        .unwrap()
        .into_iter()
        .map(|h| h.kind)
        .collect();
    assert!(
        kinds.contains(&"position".to_string()) && kinds.contains(&"letter".to_string()),
        "{kinds:?}"
    );
    // A person's name finds the letters addressed to them, which name them
    // only as a recipient; a position is one hit per issue, by the issue's id.
    let hits = w.store.search("wilbur", 10).unwrap();
    assert_eq!((hits[0].kind.as_str(), hits[0].id), ("person", w.ross));
    assert!(
        hits.iter()
            .any(|h| h.kind == "letter" && h.id == id && h.snippet.starts_with("To Wilbur Ross")),
        "{hits:?}"
    );
    let issue = w.store.position(w.position).unwrap().issue_id;
    w.store
        .add_position(
            issue,
            &NewPosition {
                stance: Stance::Support,
                adopted_on: Some(day("2018-04-01")),
                statement: "We support KORUS as amended.".into(),
                rationale: String::new(),
            },
        )
        .unwrap();
    let positions: Vec<i64> = w
        .store
        .search("korus", 10)
        .unwrap()
        .into_iter()
        .filter(|h| h.kind == "position")
        .map(|h| h.id)
        .collect();
    assert_eq!(positions, vec![issue]);
    // Edits are searchable at once; syntax typed by a user is harmless.
    let mut d = draft(&w);
    d.body = "Tariff schedules matter.".into();
    w.store
        .edit_letter(id, &d, &to(&w), at("2017-09-02"))
        .unwrap();
    assert!(w.store.search("exports grew", 10).unwrap().is_empty());
    assert_eq!(w.store.search("tariff", 10).unwrap().len(), 1);
    assert!(w.store.search("\"AND OR (", 10).unwrap().is_empty());
    assert!(w.store.search("", 10).unwrap().is_empty());
}

fn settings_round_trip(engine: Backend) {
    let mut s = fresh(engine);
    assert!(s.is_empty().unwrap());
    assert_eq!(s.setting::<String>("organization").unwrap(), None);
    s.set_setting("organization", &serde_json::json!({"name": "Chamber"}))
        .unwrap();
    s.set_setting("organization", &serde_json::json!({"name": "Lakeshore"}))
        .unwrap();
    let v: serde_json::Value = s.setting("organization").unwrap().unwrap();
    assert_eq!(v["name"], "Lakeshore");
    assert!(!s.is_empty().unwrap());
}

#[test]
fn backup_and_restore_round_trip_and_bad_backups_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = world_on(Backend::Sqlite);
    sent_letter(&mut w, "2017-09-05");
    let backup = dir.path().join("backup.db");
    w.store.backup(&backup).unwrap();

    let mut other = Store::open(&dir.path().join("live.db")).unwrap();
    other.add_issue("Steel tariffs", "").unwrap();
    // A file that is not a database is refused and the live one is untouched.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all, just some text").unwrap();
    let err = other.restore(&junk).unwrap_err();
    assert!(err.to_string().contains("junk.db"), "{err}");
    assert_eq!(other.issues().unwrap().len(), 1);
    assert!(other.restore(&dir.path().join("missing.db")).is_err());

    other.restore(&backup).unwrap();
    assert_eq!(other.issues().unwrap()[0].name, "KORUS");
    let everything = LogFilter {
        include_unsent: true,
        ..Default::default()
    };
    assert_eq!(other.log(&everything).unwrap().len(), 2);
    assert_eq!(other.integrity_check().unwrap(), "ok");
}

#[test]
fn a_damaged_archive_entry_is_reported_not_returned() {
    let mut w = world_on(Backend::Sqlite);
    let id = sent_letter(&mut w, "2017-09-05");
    // Simulate damage below the triggers (as a disk error would).
    w.store
        .connection()
        .execute_batch("DROP TRIGGER archive_is_immutable_update; UPDATE archive SET pdf = x'FF';")
        .unwrap();
    let err = w.store.archived(id).unwrap_err();
    assert!(
        err.to_string().contains("does not match its SHA-256"),
        "{err}"
    );
}

fn the_log_follows_a_letters_new_date_and_search_ignores_word_endings(engine: Backend) {
    let mut w = world_on(engine);
    let id = w
        .store
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    let in_2018 = |w: &World| {
        w.store
            .log(&LogFilter {
                from: Some(day("2018-01-01")),
                office_id: Some(w.ustr),
                include_unsent: true,
                ..Default::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(in_2018(&w), 0);
    let mut d = draft(&w);
    d.date = day("2018-02-01");
    d.body = "Tariffs were cut.".into();
    w.store
        .edit_letter(id, &d, &to(&w), at("2017-09-02"))
        .unwrap();
    assert_eq!(in_2018(&w), 1);
    // A revision carries the new date too.
    let rev = w.store.revise_letter(id, at("2018-02-02")).unwrap();
    assert_eq!(in_2018(&w), 2);
    assert_eq!(w.store.search("tariff cut", 10).unwrap()[0].id, rev);
    assert_eq!(w.store.search("tariff cut", 10).unwrap().len(), 2);
}

fn a_signer_may_have_a_signature_image(engine: Backend) {
    let mut w = world_on(engine);
    assert_eq!(w.store.signer_signature(w.signer).unwrap(), None);
    let png = b"\x89PNG\r\n\x1a\nrest of the image".to_vec();
    w.store.set_signer_signature(w.signer, Some(&png)).unwrap();
    assert_eq!(
        w.store.signer_signature(w.signer).unwrap(),
        Some(png.clone())
    );
    let err = w
        .store
        .set_signer_signature(w.signer, Some(b"GIF89a"))
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Invalid {
                field: "signature",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(w.store.signer_signature(w.signer).unwrap(), Some(png));
    w.store.set_signer_signature(w.signer, None).unwrap();
    assert_eq!(w.store.signer_signature(w.signer).unwrap(), None);
    assert!(w.store.set_signer_signature(999, None).is_err());
}

fn a_letter_keeps_the_signature_it_was_signed_with_and_a_sent_one_cannot_lose_it(engine: Backend) {
    let mut w = world_on(engine);
    let png = b"\x89PNG\r\n\x1a\nthe signer's hand".to_vec();
    w.store.set_signer_signature(w.signer, Some(&png)).unwrap();
    let d = draft(&w);
    let id = w
        .store
        .create_letter(&d, &to(&w), at("2017-09-01"))
        .unwrap();
    w.store.approve_letter(id, at("2017-09-01")).unwrap();
    assert_eq!(
        w.store.letter_signature(id).unwrap(),
        None,
        "not signed yet"
    );
    w.store.sign_letter(id, at("2017-09-02")).unwrap();
    // The signer's image changes afterwards: the letter keeps its own.
    w.store.set_signer_signature(w.signer, None).unwrap();
    assert_eq!(w.store.letter_signature(id).unwrap(), Some(png.clone()));

    let sent = sent_letter(&mut w, "2017-09-05");
    let err = w
        .store
        .connection()
        .execute(
            "UPDATE letters SET signature = ?2 WHERE id = ?1",
            store::params![sent, vec![0u8]],
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("a sent letter cannot be edited"),
        "{err}"
    );
}

fn letters_are_found_by_the_position_they_cite(engine: Backend) {
    let mut w = world_on(engine);
    assert!(w.store.letters_citing(w.position).unwrap().is_empty());
    let a = w
        .store
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    let mut d = draft(&w);
    d.position_id = None;
    w.store
        .create_letter(&d, &to(&w), at("2017-09-01"))
        .unwrap();
    let citing: Vec<i64> = w
        .store
        .letters_citing(w.position)
        .unwrap()
        .iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(citing, [a]);
}

// The team record: each refusal below comes from the server (grants and the
// team schema's rules), not from Amicus's own checks.

fn team() -> (World, String) {
    let (mut w, url) = world_at(Backend::Postgres);
    let url = url.unwrap();
    w.store
        .team_add_user("dana", team::TeamRole::Drafter, None)
        .unwrap();
    w.store
        .team_add_user("avery", team::TeamRole::Approver, None)
        .unwrap();
    w.store
        .team_add_user("sam", team::TeamRole::Signer, None)
        .unwrap();
    (w, url)
}

#[test]
fn a_drafter_cannot_approve_and_the_server_says_so() {
    testkit::needs_postgres!();
    let (w, url) = team();
    let mut dana = open_as(&url, "dana");
    assert_eq!(dana.session_user().unwrap().as_deref(), Some("dana"));
    assert_eq!(dana.session_roles().unwrap(), vec![team::TeamRole::Drafter]);
    let id = dana
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    let err = dana.approve_letter(id, at("2017-09-02")).unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err:?}");
    assert!(err.to_string().contains("permission denied"), "{err}");
    assert_eq!(dana.letter(id).unwrap().status, Status::Draft);
    // Raw SQL as the drafter: refused by the server the same way.
    let raw = dana
        .connection()
        .execute("UPDATE letters SET status = 'approved' WHERE id = ?1", [id])
        .unwrap_err();
    assert_eq!(raw.sqlstate(), Some("42501"), "{raw}");
    let raw = dana
        .connection()
        .execute("DELETE FROM archive", [])
        .unwrap_err();
    assert_eq!(raw.sqlstate(), Some("42501"), "{raw}");

    let mut avery = open_as(&url, "avery");
    avery.approve_letter(id, at("2017-09-02")).unwrap();
    let err = avery.sign_letter(id, at("2017-09-03")).unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err:?}");
    let mut sam = open_as(&url, "sam");
    sam.sign_letter(id, at("2017-09-03")).unwrap();
    // Who did what is the server's session user, whatever the client says.
    let actors: Vec<(EventKind, Option<String>)> = sam
        .events(id)
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, e.actor))
        .collect();
    assert_eq!(
        actors,
        vec![
            (EventKind::Created, Some("dana".into())),
            (EventKind::Approved, Some("avery".into())),
            (EventKind::Signed, Some("sam".into())),
        ]
    );
    // And when is the server's clock, not the one each client passed in (2017).
    let before = Utc::now() - chrono::Duration::minutes(5);
    for e in sam.events(id).unwrap() {
        assert!(e.at > before, "{:?} at {}", e.kind, e.at);
    }
}

#[test]
fn the_four_eyes_rule_needs_another_approver_and_only_an_admin_sets_it() {
    testkit::needs_postgres!();
    let (mut w, url) = team();
    let mut dana = open_as(&url, "dana");
    let err = dana.set_setting("four_eyes", &true).unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err:?}");
    let err = dana.set_setting("time_zone", &"Asia/Seoul").unwrap_err();
    assert!(err.to_string().contains("organization's settings"), "{err}");
    w.store.set_setting("four_eyes", &true).unwrap();
    let mut avery = open_as(&url, "avery");
    let own = avery
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    let err = avery.approve_letter(own, at("2017-09-02")).unwrap_err();
    assert!(err.to_string().contains("four-eyes"), "{err}");
    let theirs = dana
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    avery.approve_letter(theirs, at("2017-09-02")).unwrap();
}

#[test]
fn a_record_moves_from_a_file_to_a_team_and_back_whole() {
    testkit::needs_postgres!();
    let mut w = world_on(Backend::Sqlite);
    let sent = sent_letter(&mut w, "2017-09-05");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("alone.db");
    w.store.backup(&file).unwrap();
    let source = Store::open(&file).unwrap();
    let (mut team, _) = fresh_with_url(Backend::Postgres);
    let copied = team.import_record(&source).unwrap();
    assert_eq!(copied.rows("letters"), 1);
    assert_eq!(copied.rows("archive"), 1);
    assert_eq!(
        copied.pdfs_checked,
        copied.rows("archive") + copied.rows("signed_copies")
    );
    assert_eq!(team.letter(sent).unwrap(), source.letter(sent).unwrap());
    assert_eq!(team.archived(sent).unwrap(), source.archived(sent).unwrap());
    assert_eq!(counts(&team), counts(&source));
    let hits = |s: &Store| -> Vec<(String, i64)> {
        s.search("korus", 10)
            .unwrap()
            .into_iter()
            .map(|h| (h.kind, h.id))
            .collect()
    };
    assert!(!hits(&source).is_empty());
    assert_eq!(hits(&team), hits(&source));
    // New rows continue after the copied ids.
    let next = team.add_issue("Steel", "").unwrap();
    assert!(next > source.issues().unwrap().iter().map(|i| i.id).max().unwrap());
    // A second import is refused: the team record is no longer empty.
    let err = team.import_record(&source).unwrap_err();
    assert!(err.to_string().contains("empty team record"), "{err}");

    // Back out to the portable file format, which opens as a record.
    let back = dir.path().join("team-backup.db");
    team.backup(&back).unwrap();
    let restored = Store::open(&back).unwrap();
    assert_eq!(restored.letter(sent).unwrap(), source.letter(sent).unwrap());
    assert_eq!(
        restored.archived(sent).unwrap(),
        source.archived(sent).unwrap()
    );
    assert_eq!(restored.integrity_check().unwrap(), "ok");
}

#[test]
fn a_team_record_works_from_inside_an_async_runtime() {
    testkit::needs_postgres!();
    // The desktop's commands run inside tokio, where the sync client may not
    // start its own runtime: each session's client lives on its own thread.
    let (mut w, url) = world_at(Backend::Postgres);
    let url = url.unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let issues = runtime.block_on(async move {
        let other = open_as(&url, "postgres");
        w.store.add_issue("Steel tariffs", "").unwrap();
        let names: Vec<String> = other
            .issues()
            .unwrap()
            .into_iter()
            .map(|i| i.name)
            .collect();
        drop(other);
        drop(w);
        names
    });
    assert!(issues.contains(&"Steel tariffs".to_string()), "{issues:?}");
}

#[test]
fn a_damaged_archive_is_not_imported_at_all() {
    testkit::needs_postgres!();
    let mut w = world_on(Backend::Sqlite);
    sent_letter(&mut w, "2017-09-05");
    w.store
        .connection()
        .execute_batch("DROP TRIGGER archive_is_immutable_update; UPDATE archive SET pdf = x'FF';")
        .unwrap();
    let (mut team, _) = fresh_with_url(Backend::Postgres);
    let err = team.import_record(&w.store).unwrap_err();
    assert!(err.to_string().contains("SHA-256"), "{err}");
    assert_eq!(counts(&team).iter().sum::<i64>(), 0);
}

testkit::engines!(
    persons_are_added_edited_listed_and_retired,
    offices_are_found_by_title_or_short_name,
    the_holder_of_an_office_depends_on_the_date,
    overlapping_and_backwards_terms_are_refused_and_nothing_is_written,
    positions_are_versioned_and_history_kept,
    templates_are_versioned_and_builtins_read_only,
    a_letter_goes_from_draft_to_sent_and_is_archived,
    a_sent_letter_cannot_change_and_a_revision_leaves_it_intact,
    a_sent_copy_and_its_history_cannot_be_rewritten,
    editing_an_approved_letter_returns_it_to_draft,
    an_unfinished_draft_is_kept_but_not_approved,
    bad_letters_are_refused_whole,
    the_log_filters_by_office_person_issue_status_and_dates,
    the_log_exports_as_csv_with_quoting,
    search_finds_letters_officials_offices_and_positions,
    settings_round_trip,
    the_log_follows_a_letters_new_date_and_search_ignores_word_endings,
    a_signer_may_have_a_signature_image,
    a_letter_keeps_the_signature_it_was_signed_with_and_a_sent_one_cannot_lose_it,
    letters_are_found_by_the_position_they_cite,
);

/// Follow-up work on a team record: the sender owns the follow-up, a
/// drafter snoozes, reassigns, logs a call and keeps the reply's PDF, each
/// in her own name; nobody rewrites that history.
#[test]
fn a_drafter_does_follow_up_work_in_her_own_name() {
    testkit::needs_postgres!();
    let (w, url) = team();
    let mut dana = open_as(&url, "dana");
    let id = dana
        .create_letter(&draft(&w), &to(&w), at("2017-09-01"))
        .unwrap();
    open_as(&url, "avery")
        .approve_letter(id, at("2017-09-02"))
        .unwrap();
    let mut sam = open_as(&url, "sam");
    sam.sign_letter(id, at("2017-09-03")).unwrap();
    let r = sam.recipients(id).unwrap()[0].id;
    let sending = Sending {
        method: Method::Mail,
        at: at("2017-09-05"),
        confirmation: None,
        follow_up_on: Some(day("2017-10-05")),
    };
    let copy = Copy {
        pdf: vec![0],
        data: "{}".into(),
    };
    sam.mark_sent(r, &sending, &copy, at("2017-09-05")).unwrap();
    assert_eq!(
        dana.recipient(r).unwrap().follow_up_owner.as_deref(),
        Some("sam")
    );
    let mine = |s: &Store| {
        s.log(&LogFilter {
            mine: true,
            ..Default::default()
        })
        .unwrap()
        .len()
    };
    assert_eq!((mine(&sam), mine(&dana)), (1, 0));

    dana.snooze_follow_up(r, day("2017-10-12"), at("2017-10-01"))
        .unwrap();
    dana.assign_follow_up(r, "dana", at("2017-10-01")).unwrap();
    assert_eq!((mine(&sam), mine(&dana)), (0, 1));
    dana.log_contact(
        r,
        &NewContact {
            on: Some(day("2017-10-10")),
            kind: ContactKind::Call,
            who: "Jane Roe, trade counsel".into(),
            notes: "Reply on its way.".into(),
        },
        day("2026-01-01"),
        at("2017-10-10"),
    )
    .unwrap();
    dana.record_reply_with_file(
        r,
        day("2017-10-20"),
        "Thanks",
        Some(("reply.pdf", b"%PDF-1.4 reply")),
        at("2017-10-20"),
    )
    .unwrap();

    let work: Vec<(EventKind, Option<String>)> = sam
        .events(id)
        .unwrap()
        .into_iter()
        .filter(|e| e.recipient_id == Some(r) && e.kind != EventKind::Sent)
        .map(|e| (e.kind, e.actor))
        .collect();
    let dana_did = |k| (k, Some("dana".to_string()));
    assert_eq!(
        work,
        [
            dana_did(EventKind::Snoozed),
            dana_did(EventKind::Assigned),
            dana_did(EventKind::Replied),
            dana_did(EventKind::ReplyAttached),
        ]
    );
    assert_eq!(sam.contacts(id).unwrap()[0].actor.as_deref(), Some("dana"));
    let kept = sam.reply_files(id).unwrap();
    assert_eq!(kept[0].actor.as_deref(), Some("dana"));
    assert_eq!(sam.reply_file(kept[0].id).unwrap().1, b"%PDF-1.4 reply");
    // Written once: a drafter may not change or remove either.
    for sql in [
        "UPDATE copy_contacts SET notes = 'x'",
        "DELETE FROM copy_contacts",
        "DELETE FROM reply_files",
    ] {
        let raw = dana.connection().execute(sql, []).unwrap_err();
        assert_eq!(raw.sqlstate(), Some("42501"), "{sql}: {raw}");
    }
}
