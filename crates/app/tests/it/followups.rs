//! Follow-up work on sent copies, on both engines: snoozing, owners and
//! reassignment, calls and meetings that are not replies, the reply kept as
//! a PDF, and the sent log filtered by owner and by group.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{at, day};
use amicus_app::groups::{GroupNote, GroupRef};
use amicus_app::*;
use chrono::{NaiveDate, TimeZone, Utc};
use store::{LetterMode, Method, Role};

use support::{Backend, fresh};
use testkit::engines as support;

/// The sample record, "today" 2026-11-28 (a Saturday).
fn app_on(engine: Backend) -> App {
    App::with_store(Engine::new().unwrap(), fresh(engine), at("2026-11-28")).unwrap()
}

fn counts(app: &App) -> Vec<i64> {
    [
        "letter_recipients",
        "events",
        "copy_contacts",
        "reply_files",
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

/// A joint letter to Commerce and USTR, sent on `date` with the default
/// follow-up (a month later); `groups` as the letter records them. Returns
/// its copies.
fn sent_letter(app: &App, date: &str, groups: Vec<GroupNote>) -> Vec<RecipientView> {
    sent_letter_as(app, date, date, FollowUp::Default, groups)
}

/// A joint letter dated `date`, sent on `sent` with `follow_up`.
fn sent_letter_with(app: &App, date: &str, sent: &str, follow_up: FollowUp) -> Vec<RecipientView> {
    sent_letter_as(app, date, sent, follow_up, vec![])
}

fn sent_letter_as(
    app: &App,
    date: &str,
    sent: &str,
    follow_up: FollowUp,
    groups: Vec<GroupNote>,
) -> Vec<RecipientView> {
    let korus = app.store().find_issue("KORUS").unwrap();
    let position = app.store().position_on(korus.id, day(date)).unwrap();
    let signer_id = app.store().signers().unwrap()[0].id;
    let letter = NewLetter {
        template: "joint-support".into(),
        position_id: position.map(|p| p.id),
        signer_id,
        date: day(date),
        subject: "Modernizing KORUS".into(),
        body: "We write again about KORUS.".into(),
        mode: LetterMode::Joint,
        recipients: ["Secretary of Commerce", "U.S. Trade Representative"]
            .iter()
            .map(|o| RecipientChoice {
                role: Role::To,
                to: Addressee::Office(office(app, o)),
            })
            .collect(),
        extra: LetterExtra {
            groups,
            ..LetterExtra::default()
        },
    };
    // Each step at its own time; the test's clock as it was afterwards.
    let was = app.clock().now();
    app.clock().set(at(date));
    let id = app.draft_letter(&letter).unwrap().letter_id;
    app.approve(id).unwrap();
    app.sign(id).unwrap();
    app.clock().set(at(sent));
    app.send_copies(&SendRequest {
        letter_id: id,
        copy: None,
        report: SendReport {
            method: Method::Mail,
            at: Some(at(sent)),
            confirmation: None,
            follow_up,
        },
    })
    .unwrap();
    app.clock().set(was);
    app.open_letter(id).unwrap().recipients
}

fn copy(app: &App, recipient_id: i64) -> RecipientView {
    let letter = app.store().recipient(recipient_id).unwrap().letter_id;
    app.open_letter(letter)
        .unwrap()
        .recipients
        .into_iter()
        .find(|r| r.id == recipient_id)
        .unwrap()
}

fn events_of(app: &App, recipient_id: i64, kind: EventKind) -> Vec<Event> {
    let letter = app.store().recipient(recipient_id).unwrap().letter_id;
    app.store()
        .events(letter)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == kind && e.recipient_id == Some(recipient_id))
        .collect()
}

fn field_of(e: AppError) -> String {
    match e {
        AppError::Invalid { field, .. } => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

fn a_snooze_moves_the_follow_up_later_and_is_an_event(engine: Backend) {
    let app = app_on(engine);
    let copies = sent_letter(&app, "2026-11-02", vec![]);
    let c = copies[0].id;
    assert_eq!(copy(&app, c).follow_up_on, Some(day("2026-12-02")));
    let before = counts(&app);
    // Not later: refused at the field, nothing written.
    let e = app
        .snooze_follow_up(c, SnoozeTo::Date(day("2026-12-01")))
        .unwrap_err();
    assert_eq!(field_of(e), "to");
    assert_eq!(counts(&app), before);
    // A week on from when it was due (not yet overdue on 2026-11-28): the
    // quick choices the dialog offers are the days a snooze then gives.
    assert_eq!(
        app.snooze_choices(c).unwrap(),
        [
            SnoozeChoice {
                weeks: 1,
                on: day("2026-12-09")
            },
            SnoozeChoice {
                weeks: 2,
                on: day("2026-12-16")
            },
        ]
    );
    let to = app.snooze_follow_up(c, SnoozeTo::Weeks(1)).unwrap();
    assert_eq!(to, day("2026-12-09"));
    assert_eq!(copy(&app, c).follow_up_on, Some(day("2026-12-09")));
    let snoozes = events_of(&app, c, EventKind::Snoozed);
    assert_eq!(snoozes.len(), 1);
    assert_eq!(snoozes[0].detail, "2026-12-02 → 2026-12-09");
    if engine == Backend::Postgres {
        assert!(
            snoozes[0].actor.is_some(),
            "the team record names who snoozed"
        );
    }
    // An overdue follow-up snoozes from today.
    let sample = app.open_letter(1).unwrap().recipients[0].id;
    assert_eq!(copy(&app, sample).follow_up_on, Some(day("2017-10-05")));
    assert_eq!(
        app.snooze_target(sample, SnoozeTo::Weeks(2)).unwrap(),
        day("2026-12-12")
    );
    let to = app.snooze_follow_up(sample, SnoozeTo::Weeks(2)).unwrap();
    assert_eq!(to, day("2026-12-12"));
    // A copy with its reply has nothing to snooze.
    app.record_reply(c, day("2026-11-20"), "Thanks").unwrap();
    let e = app.snooze_follow_up(c, SnoozeTo::Weeks(1)).unwrap_err();
    assert!(
        matches!(e, AppError::Conflict(ref m) if m.contains("reply")),
        "{e}"
    );
    // The quick choices read as staff type them.
    assert_eq!("2 weeks".parse::<SnoozeTo>(), Ok(SnoozeTo::Weeks(2)));
    assert_eq!(
        "2026-12-14".parse::<SnoozeTo>(),
        Ok(SnoozeTo::Date(day("2026-12-14")))
    );
    assert!("soon".parse::<SnoozeTo>().is_err());
    // In the form of a day, but no day: said so, not taken for weeks.
    assert_eq!(
        "2026-02-30".parse::<SnoozeTo>(),
        Err("\"2026-02-30\" is not a date: February 2026 has 28 days".to_string())
    );
}

fn a_follow_up_has_an_owner_who_can_be_changed_and_filtered_on(engine: Backend) {
    let app = app_on(engine);
    let copies = sent_letter(&app, "2026-11-02", vec![]);
    let me = app.log_choices().unwrap().me;
    // The sender owns it on a team record; a file names nobody.
    match engine {
        Backend::Sqlite => assert_eq!(me, None),
        Backend::Postgres => assert!(me.is_some()),
    }
    assert_eq!(copy(&app, copies[0].id).owner, me);
    let mine = |app: &App| {
        app.log(&LogFilter {
            mine: true,
            ..Default::default()
        })
        .unwrap()
        .iter()
        .map(|e| e.recipient_id)
        .collect::<Vec<_>>()
    };
    assert!(mine(&app).contains(&copies[0].id));

    let before = counts(&app);
    let e = app.assign_follow_up(copies[0].id, "  ").unwrap_err();
    assert_eq!(field_of(e), "owner");
    assert_eq!(counts(&app), before);

    // On a team record a follow-up goes to a colleague's login: one that
    // is not is refused, naming those that are.
    if engine == Backend::Postgres {
        app.store()
            .connection()
            .execute_batch(
                "DO $$ BEGIN
                   IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'Avery Chen') THEN
                     CREATE ROLE \"Avery Chen\" LOGIN IN ROLE amicus_drafter;
                   END IF;
                 END $$",
            )
            .unwrap();
        let e = app
            .assign_follow_up(copies[0].id, "Nobody Here")
            .unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("“Nobody Here” is not a login on the team record"),
            "{text}"
        );
        assert!(text.contains("Avery Chen"), "{text}");
        assert_eq!(field_of(e), "owner");
        assert_eq!(counts(&app), before);
    }
    app.assign_follow_up(copies[0].id, " Avery Chen ").unwrap();
    assert_eq!(
        copy(&app, copies[0].id).owner.as_deref(),
        Some("Avery Chen")
    );
    let assigned = events_of(&app, copies[0].id, EventKind::Assigned);
    assert_eq!(assigned.len(), 1);
    // The letter view shows the copy's history: sent, then reassigned.
    let history: Vec<EventKind> = copy(&app, copies[0].id)
        .history
        .iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(history.first(), Some(&EventKind::Sent), "{history:?}");
    assert_eq!(history.last(), Some(&EventKind::Assigned), "{history:?}");
    assert!(
        copy(&app, copies[1].id)
            .history
            .iter()
            .all(|e| e.kind != EventKind::Assigned),
        "only this copy's events"
    );
    match &me {
        Some(login) => assert_eq!(assigned[0].detail, format!("{login} → Avery Chen")),
        None => assert_eq!(assigned[0].detail, "to Avery Chen"),
    }
    // Again to the same person: said, not written.
    let e = app
        .assign_follow_up(copies[0].id, "avery chen")
        .unwrap_err();
    assert_eq!(field_of(e), "owner");
    assert_eq!(events_of(&app, copies[0].id, EventKind::Assigned).len(), 1);

    let avery = app
        .log(&LogFilter {
            owner: Some("AVERY CHEN".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        avery.iter().map(|e| e.recipient_id).collect::<Vec<_>>(),
        [copies[0].id]
    );
    assert_eq!(avery[0].owner.as_deref(), Some("Avery Chen"));
    assert!(!mine(&app).contains(&copies[0].id));
    assert!(mine(&app).contains(&copies[1].id));
    assert!(
        app.log_choices()
            .unwrap()
            .owners
            .contains(&"Avery Chen".to_string())
    );
    let csv = app
        .log_csv(&LogFilter {
            owner: Some("Avery Chen".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(
        csv.lines().next().unwrap().ends_with(",follow_up_owner"),
        "{csv}"
    );
    assert!(
        csv.lines().nth(1).unwrap().ends_with(",Avery Chen"),
        "{csv}"
    );
    // Saved for a spreadsheet: Excel's UTF-8 mark first, CRLF line ends.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.csv");
    app.write_log_csv(
        &LogFilter {
            owner: Some("Avery Chen".into()),
            ..Default::default()
        },
        &path,
    )
    .unwrap();
    let saved = std::fs::read(&path).unwrap();
    assert_eq!(&saved[..3], b"\xEF\xBB\xBF", "no byte-order mark");
    assert_eq!(&saved[3..], csv.as_bytes());
    assert_eq!(csv.matches("\r\n").count(), csv.lines().count(), "{csv:?}");
}

fn calls_and_meetings_are_kept_with_the_copy_in_order(engine: Backend) {
    let app = app_on(engine);
    let copies = sent_letter(&app, "2026-11-02", vec![]);
    let c = copies[1].id;
    let contact = |on: &str, kind: ContactKind, who: &str, notes: &str| NewContact {
        on: Some(day(on)),
        kind,
        who: who.into(),
        notes: notes.into(),
    };
    let before = counts(&app);
    for (bad, field) in [
        (
            contact("2026-11-29", ContactKind::Call, "Jane Roe", ""),
            "on",
        ),
        (
            contact("2026-11-01", ContactKind::Call, "Jane Roe", ""),
            "on",
        ),
        (
            contact("2026-11-10", ContactKind::Meeting, " ", "  "),
            "notes",
        ),
        (contact("2026-11-10", ContactKind::Call, "a\nb", "x"), "who"),
    ] {
        let e = app.log_contact(c, &bad).unwrap_err();
        assert_eq!(field_of(e), field);
    }
    assert_eq!(counts(&app), before);
    app.log_contact(
        c,
        &contact(
            "2026-11-20",
            ContactKind::Meeting,
            "Jane Roe, trade counsel",
            "Met at USTR; they want the export figures.",
        ),
    )
    .unwrap();
    app.log_contact(
        c,
        &contact(
            "2026-11-12",
            ContactKind::Call,
            "Jane Roe",
            "Left a message.",
        ),
    )
    .unwrap();
    let view = copy(&app, c);
    let logged: Vec<(NaiveDate, ContactKind, &str)> = view
        .contacts
        .iter()
        .map(|k| (k.on, k.kind, k.who.as_str()))
        .collect();
    assert_eq!(
        logged,
        [
            (day("2026-11-12"), ContactKind::Call, "Jane Roe"),
            (
                day("2026-11-20"),
                ContactKind::Meeting,
                "Jane Roe, trade counsel"
            ),
        ]
    );
    assert!(copy(&app, copies[0].id).contacts.is_empty());
    if engine == Backend::Postgres {
        assert!(view.contacts[0].actor.is_some());
    }
    // The sent log's row says so too: how many, and the latest by its day
    // (not the last logged); and a snooze is counted there.
    app.snooze_follow_up(c, SnoozeTo::Weeks(1)).unwrap();
    let rows = app.log(&LogFilter::default()).unwrap();
    let row = rows.iter().find(|r| r.recipient_id == c).unwrap();
    assert_eq!(row.contacts, 2);
    let last = row.last_contact.as_ref().unwrap();
    assert_eq!(
        (last.on, last.kind, last.who.as_str()),
        (
            day("2026-11-20"),
            ContactKind::Meeting,
            "Jane Roe, trade counsel"
        )
    );
    assert_eq!(row.snoozes, 1);
    let other = rows
        .iter()
        .find(|r| r.recipient_id == copies[0].id)
        .unwrap();
    assert_eq!((other.contacts, other.snoozes), (0, 0));
    assert!(other.last_contact.is_none());
    // Written once: the record refuses to change or remove one.
    let err = app
        .store()
        .connection()
        .execute("UPDATE copy_contacts SET notes = 'x'", [])
        .unwrap_err();
    assert!(err.to_string().contains("cannot be changed"), "{err}");
    assert!(
        app.store()
            .connection()
            .execute("DELETE FROM copy_contacts", [])
            .is_err()
    );
}

fn a_reply_pdf_is_kept_checked_and_refused_when_not_a_pdf(engine: Backend) {
    let app = app_on(engine);
    let copies = sent_letter(&app, "2026-11-02", vec![]);
    let c = copies[0].id;
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("reply.pdf");
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 120 * 1024));
    std::fs::write(&pdf, &bytes).unwrap();
    let word = dir.path().join("reply.docx");
    std::fs::write(&word, b"PK\x03\x04 not a pdf").unwrap();
    let huge = dir.path().join("huge.pdf");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(21 * 1024 * 1024)
        .unwrap();

    let before = counts(&app);
    // Not yet replied: attaching alone is refused.
    let e = app.attach_reply(c, &pdf).unwrap_err();
    assert!(matches!(e, AppError::Conflict(_)), "{e}");
    // A reply with a file that is not a PDF records nothing at all.
    let e = app
        .record_reply_with_file(c, day("2026-11-20"), "Thanks", Some(&word))
        .unwrap_err();
    assert!(e.to_string().contains("reply.docx is not a PDF"), "{e}");
    assert_eq!(field_of(e), "file");
    let e = app
        .record_reply_with_file(c, day("2026-11-20"), "Thanks", Some(&huge))
        .unwrap_err();
    assert!(e.to_string().contains("at most 20 MB"), "{e}");
    assert_eq!(counts(&app), before);
    assert_eq!(copy(&app, c).reply_on, None);

    app.record_reply_with_file(c, day("2026-11-20"), "Thanks", Some(&pdf))
        .unwrap();
    let view = copy(&app, c);
    assert_eq!(view.reply_on, Some(day("2026-11-20")));
    let kept = view.reply_file.unwrap();
    assert_eq!(kept.file_name, "reply.pdf");
    assert_eq!(kept.size, bytes.len() as u64);
    assert_eq!(kept.sha256, store::letters::sha256_hex(&bytes));
    assert_eq!(human_size(kept.size), "121 KB");
    let (_, back) = app.reply_file(kept.id).unwrap();
    assert_eq!(back, bytes);
    let saved = dir.path().join("saved.pdf");
    app.save_reply_file(kept.id, &saved).unwrap();
    assert_eq!(std::fs::read(&saved).unwrap(), bytes);
    let viewing = app.reply_file_for_viewing(kept.id).unwrap();
    assert_eq!(std::fs::read(&viewing).unwrap(), bytes);
    assert_eq!(events_of(&app, c, EventKind::ReplyAttached).len(), 1);

    // Later, a second file for the same reply: the newest is shown, the
    // first stays in the record.
    let second = dir.path().join("reply-signed.pdf");
    std::fs::write(&second, b"%PDF-1.4 signed").unwrap();
    app.clock().set(at("2026-11-29"));
    app.attach_reply(c, &second).unwrap();
    assert_eq!(
        copy(&app, c).reply_file.unwrap().file_name,
        "reply-signed.pdf"
    );
    assert!(app.reply_file(kept.id).is_ok());
    assert!(
        app.store()
            .connection()
            .execute("DELETE FROM reply_files", [])
            .is_err()
    );
}

fn the_sent_log_filters_by_the_group_a_letter_went_to(engine: Backend) {
    let app = app_on(engine);
    app.save_list(
        "KORUS principals",
        &["Secretary of Commerce".into(), "USTR".into()],
        &[],
    )
    .unwrap();
    let note = GroupNote {
        group: GroupRef::List {
            name: "KORUS principals".into(),
        },
        label: "KORUS principals".into(),
        members: 2,
    };
    let to_group = sent_letter(&app, "2026-11-02", vec![note]);
    let plain = sent_letter(&app, "2026-11-03", vec![]);
    let by_group = |g: &str| {
        app.log(&LogFilter {
            group: Some(g.into()),
            ..Default::default()
        })
        .unwrap()
        .iter()
        .map(|e| e.recipient_id)
        .collect::<Vec<_>>()
    };
    let mut expected: Vec<i64> = to_group.iter().map(|c| c.id).collect();
    expected.sort_unstable();
    let mut found = by_group("korus PRINCIPALS");
    found.sort_unstable();
    assert_eq!(found, expected);
    assert!(!found.contains(&plain[0].id));
    assert!(by_group("SSFI").is_empty());
    // Combined with the other filters.
    let combined = app
        .log(&LogFilter {
            group: Some("KORUS principals".into()),
            office_id: Some(office(&app, "USTR")),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(combined.len(), 1);
    assert_eq!(
        app.log_choices().unwrap().groups,
        ["KORUS principals".to_string()]
    );
    let csv = app
        .log_csv(&LogFilter {
            group: Some("KORUS principals".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");

    // A letter to a committee's chair and ranking member only is labelled
    // so, yet found by the committee's name, as the search's committee hit
    // asks for it.
    app.store()
        .connection()
        .execute(
            "INSERT INTO committees (code, name, chamber) VALUES ('SSFI', 'Senate Committee on Finance', 'senate')",
            [],
        )
        .unwrap();
    let leaders = GroupNote {
        group: GroupRef::Committee {
            code: "SSFI".into(),
            leaders_only: true,
        },
        label: "Senate Committee on Finance (chair and ranking member)".into(),
        members: 2,
    };
    let to_leaders = sent_letter(&app, "2026-11-04", vec![leaders]);
    let mut expected: Vec<i64> = to_leaders.iter().map(|c| c.id).collect();
    expected.sort_unstable();
    for asked in ["Senate Committee on Finance", "ssfi"] {
        let mut found = by_group(asked);
        found.sort_unstable();
        assert_eq!(found, expected, "{asked}");
    }
    // And the Recipient box's words, before anyone is picked: each word in
    // the name or the office.
    let by_words = |w: &str| {
        app.log(&LogFilter {
            recipient: Some(w.into()),
            ..Default::default()
        })
        .unwrap()
        .iter()
        .map(|e| e.person.clone().unwrap_or_default())
        .collect::<std::collections::BTreeSet<_>>()
    };
    let ustr_holders: std::collections::BTreeSet<String> = app
        .log(&LogFilter {
            office_id: Some(office(&app, "USTR")),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .filter_map(|e| e.person.clone())
        .collect();
    assert!(ustr_holders.len() >= 2, "{ustr_holders:?}");
    assert_eq!(by_words("ustr"), ustr_holders);
    for holder in &ustr_holders {
        let family = holder.split_whitespace().last().unwrap().to_lowercase();
        assert_eq!(
            by_words(&format!("Trade {family}")),
            [holder.clone()].into(),
            "{family}"
        );
    }
    assert!(by_words("nobody-of-that-name").is_empty());
}

fn an_unsent_copy_has_no_follow_up_work(engine: Backend) {
    let app = app_on(engine);
    let korus = app.store().find_issue("KORUS").unwrap();
    let position = app
        .store()
        .position_on(korus.id, day("2026-11-02"))
        .unwrap();
    let signer_id = app.store().signers().unwrap()[0].id;
    let ustr = office(&app, "USTR");
    let letter = NewLetter {
        template: "joint-support".into(),
        position_id: position.map(|p| p.id),
        signer_id,
        date: day("2026-11-02"),
        subject: "Draft".into(),
        body: "Body.".into(),
        mode: LetterMode::Joint,
        recipients: vec![RecipientChoice {
            role: Role::To,
            to: Addressee::Office(ustr),
        }],
        extra: LetterExtra::default(),
    };
    app.clock().set(at("2026-11-02"));
    let id = app.draft_letter(&letter).unwrap().letter_id;
    let c = app.copy_id(id, 1).unwrap();
    let before = counts(&app);
    app.clock().set(at("2026-11-28"));
    assert!(matches!(
        app.assign_follow_up(c, "Dana"),
        Err(AppError::Conflict(_))
    ));
    assert!(matches!(
        app.snooze_follow_up(c, SnoozeTo::Weeks(1)),
        Err(AppError::Conflict(_))
    ));
    let call = NewContact {
        on: Some(day("2026-11-20")),
        kind: ContactKind::Call,
        who: "Jane Roe".into(),
        notes: String::new(),
    };
    assert!(matches!(
        app.log_contact(c, &call),
        Err(AppError::Conflict(_))
    ));
    assert!(matches!(app.copy_id(id, 9), Err(AppError::NotFound { .. })));
    assert_eq!(counts(&app), before);
}

/// The default follow-up is the organization's interval after the day the
/// copy went (in its time zone), whether it is marked sent by hand, all at
/// once or sent by e-mail; "no follow-up" stays possible.
fn the_default_follow_up_is_thirty_days_after_the_copy_went(engine: Backend) {
    let app = app_on(engine);
    // Late on November 2 in Washington is already November 3 in UTC.
    app.set_time_zone("America/New_York").unwrap();
    let late = Utc.with_ymd_and_hms(2026, 11, 3, 2, 0, 0).unwrap();
    assert_eq!(app.default_follow_up(late), Some(day("2026-12-02")));
    assert_eq!(FOLLOW_UP_DAYS, 30);
    // A report that leaves it out gets the default (the window's "not edited").
    let report: SendReport = serde_json::from_value(serde_json::json!({
        "method": "mail", "at": "2026-11-10T15:00:00Z", "confirmation": null
    }))
    .unwrap();
    assert_eq!(report.follow_up, FollowUp::Default);
    let copies = sent_letter(&app, "2026-11-02", vec![]);
    assert!(
        copies
            .iter()
            .all(|c| c.follow_up_on == Some(day("2026-12-02")))
    );
    // Marked sent a week after the letter's date: 30 days after that day.
    let copies = sent_letter_with(&app, "2026-11-02", "2026-11-09", FollowUp::Default);
    assert_eq!(copies[0].follow_up_on, Some(day("2026-12-09")));
    let copies = sent_letter_with(&app, "2026-11-02", "2026-11-09", FollowUp::None);
    assert_eq!(copies[0].follow_up_on, None);
    let copies = sent_letter_with(
        &app,
        "2026-11-02",
        "2026-11-09",
        FollowUp::On(day("2026-11-20")),
    );
    assert_eq!(copies[0].follow_up_on, Some(day("2026-11-20")));
}

/// Overdue and "this week" are reckoned by the app on the organization's
/// today (Saturday 2026-11-28): the sent log's rows say which are overdue.
fn overdue_and_the_end_of_the_week_are_decided_by_the_app(engine: Backend) {
    let app = app_on(engine);
    assert_eq!(app.end_of_week(), day("2026-11-29"));
    assert_eq!(app.clock_view().end_of_week, day("2026-11-29"));
    let late = sent_letter_with(
        &app,
        "2026-10-01",
        "2026-10-01",
        FollowUp::On(day("2026-11-27")),
    );
    let due_today = sent_letter_with(
        &app,
        "2026-10-01",
        "2026-10-01",
        FollowUp::On(day("2026-11-28")),
    );
    app.record_reply(late[1].id, day("2026-11-20"), "Thanks")
        .unwrap();
    let log = app.log(&LogFilter::default()).unwrap();
    let overdue = |id: i64| log.iter().find(|e| e.recipient_id == id).unwrap().overdue;
    assert!(overdue(late[0].id), "due yesterday, no reply");
    assert!(!overdue(late[1].id), "a reply came");
    assert!(!overdue(due_today[0].id), "due today is not late yet");
    // The window reads the flag beside the copy's own fields.
    let row =
        serde_json::to_value(log.iter().find(|e| e.recipient_id == late[0].id).unwrap()).unwrap();
    assert_eq!(row["overdue"], true);
    assert_eq!(row["follow_up_on"], "2026-11-27");
}

testkit::engines!(
    the_default_follow_up_is_thirty_days_after_the_copy_went,
    overdue_and_the_end_of_the_week_are_decided_by_the_app,
    a_snooze_moves_the_follow_up_later_and_is_an_event,
    a_follow_up_has_an_owner_who_can_be_changed_and_filtered_on,
    calls_and_meetings_are_kept_with_the_copy_in_order,
    a_reply_pdf_is_kept_checked_and_refused_when_not_a_pdf,
    the_sent_log_filters_by_the_group_a_letter_went_to,
    an_unsent_copy_has_no_follow_up_work,
);
