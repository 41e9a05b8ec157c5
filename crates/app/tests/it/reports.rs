//! What we did on an issue, on both engines: the record of KORUS for 2017
//! (the sample's letter and letters with known copies, replies and
//! follow-ups), its numbers against values computed by hand, the position
//! paragraph the newsletter prints, and every bad input refused by name.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{at, day};
use amicus_app::groups::{GroupNote, GroupRef};
use amicus_app::*;
use store::{LetterMode, Method, NewOffice, NewPerson, OfficeKind, Role};

use support::{Backend, fresh};
use testkit::engines as support;

/// The sample record, "today" 2026-11-28; on a team record, the logins
/// follow-ups and issues are given to.
fn app_on(engine: Backend) -> App {
    let app = App::with_store(Engine::new().unwrap(), fresh(engine), at("2026-11-28")).unwrap();
    if engine == Backend::Postgres {
        for login in ["Dana", "Sam", "Jordan Whitfield"] {
            app.store()
                .connection()
                .execute_batch(&format!(
                    "DO $$ BEGIN
                       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{login}') THEN
                         CREATE ROLE \"{login}\" LOGIN IN ROLE amicus_drafter;
                       END IF;
                     END $$"
                ))
                .unwrap();
        }
    }
    app
}

fn office(app: &App, name: &str) -> i64 {
    app.store().find_office(name).unwrap().id
}

/// Senator Rob Portman (Ohio), in office from 2011.
fn portman(app: &App) -> i64 {
    senator(app, "Rob Portman", "Senator for Ohio (Class 3)")
}

/// `name` in the Senate office `title` from 2011; the office's id.
fn senator(app: &App, name: &str, title: &str) -> i64 {
    app.add_official(&NewOfficial {
        person: NewPerson {
            full_name: name.into(),
            family_name: String::new(),
            honorific: None,
            salutation: None,
            email: None,
        },
        office_id: None,
        office: Some(NewOffice {
            title: title.into(),
            short_name: None,
            organization: None,
            kind: OfficeKind::Senator,
            single_holder: true,
            address: vec!["448 Russell Senate Office Building".into()],
            email: None,
            contact_form: None,
        }),
        start_on: day("2011-01-03"),
        end_on: None,
        acting: false,
    })
    .unwrap();
    office(app, title)
}

/// A KORUS letter dated `date` to `offices`, with `groups`; sent on the same
/// day by `method` with `follow_up` unless `method` is None (a draft).
fn letter(
    app: &App,
    date: &str,
    offices: &[i64],
    groups: Vec<GroupNote>,
    method: Option<Method>,
    follow_up: FollowUp,
) -> Vec<RecipientView> {
    letter_about(app, "KORUS", date, offices, groups, method, follow_up)
}

/// [`letter`] with its subject.
fn letter_about(
    app: &App,
    subject: &str,
    date: &str,
    offices: &[i64],
    groups: Vec<GroupNote>,
    method: Option<Method>,
    follow_up: FollowUp,
) -> Vec<RecipientView> {
    let korus = app.store().find_issue("KORUS").unwrap();
    let position = app.store().position_on(korus.id, day(date)).unwrap();
    let signer_id = app.store().signers().unwrap()[0].id;
    let was = app.clock().now();
    app.clock().set(at(date));
    let id = app
        .draft_letter(&NewLetter {
            template: "joint-support".into(),
            position_id: position.map(|p| p.id),
            signer_id,
            date: day(date),
            subject: subject.into(),
            body: "We write again about KORUS.".into(),
            mode: LetterMode::Joint,
            recipients: offices
                .iter()
                .map(|o| RecipientChoice {
                    role: Role::To,
                    to: Addressee::Office(*o),
                })
                .collect(),
            extra: LetterExtra {
                groups,
                ..LetterExtra::default()
            },
        })
        .unwrap()
        .letter_id;
    if let Some(method) = method {
        app.approve(id).unwrap();
        app.sign(id).unwrap();
        app.send_copies(&SendRequest {
            letter_id: id,
            copy: None,
            report: SendReport {
                method,
                at: Some(at(date)),
                confirmation: None,
                follow_up,
            },
        })
        .unwrap();
    }
    app.clock().set(was);
    app.open_letter(id).unwrap().recipients
}

/// The sample record and, in 2017 (copies, replies and owners by hand):
/// - Sep 5 (the sample): Commerce by mail, USTR by e-mail, follow-up Oct 5,
///   no reply; both owned by Dana → 2 overdue on Dec 1;
/// - Oct 2: Commerce and USTR by mail; replies Oct 12 (10 days) and Oct 22
///   (20 days);
/// - Nov 6: Senator Portman by e-mail, follow-up Dec 15, owned by Sam → due;
/// - Nov 20: Korea's trade minister by fax, reply Nov 29 (9 days);
/// - Dec 1: a draft to Commerce (listed, never counted);
/// - 2018-01-10: sent to Commerce, outside the range.
fn korus_2017(app: &App) {
    let (commerce, ustr) = (
        office(app, "Secretary of Commerce"),
        office(app, "United States Trade Representative"),
    );
    let korus = app.store().find_issue("KORUS").unwrap();
    let sample = app.issue_record(
        "KORUS",
        Some(day("2017-01-01")),
        Some(day("2017-12-31")),
        None,
    );
    for c in &sample.unwrap().letters[0].copies {
        app.assign_follow_up(c.id, "Dana").unwrap();
    }
    let oct = letter(
        app,
        "2017-10-02",
        &[commerce, ustr],
        vec![],
        Some(Method::Mail),
        FollowUp::Default,
    );
    app.record_reply(oct[0].id, day("2017-10-12"), "Thanks")
        .unwrap();
    app.record_reply(oct[1].id, day("2017-10-22"), "Noted")
        .unwrap();
    let senator = portman(app);
    let nov = letter(
        app,
        "2017-11-06",
        &[senator],
        vec![],
        Some(Method::Email),
        FollowUp::On(day("2017-12-15")),
    );
    app.assign_follow_up(nov[0].id, "Sam").unwrap();
    let minister = letter(
        app,
        "2017-11-20",
        &[office(app, "Minister for Trade")],
        vec![],
        Some(Method::Fax),
        FollowUp::Default,
    );
    app.record_reply(minister[0].id, day("2017-11-29"), "")
        .unwrap();
    letter(
        app,
        "2017-12-01",
        &[commerce],
        vec![],
        None,
        FollowUp::Default,
    );
    letter(
        app,
        "2018-01-10",
        &[commerce],
        vec![],
        Some(Method::Mail),
        FollowUp::Default,
    );
    assert_eq!(korus.name, "U.S.–Korea Free Trade Agreement (KORUS)");
}

fn record_numbers_agree_with_hand_counts(engine: Backend) {
    let app = app_on(engine);
    korus_2017(&app);
    let r = app
        .issue_record(
            "KORUS",
            Some(day("2017-01-01")),
            Some(day("2017-12-31")),
            Some(day("2017-12-01")),
        )
        .unwrap();
    assert_eq!(
        r.letters
            .iter()
            .map(|l| l.date.to_string())
            .collect::<Vec<_>>(),
        [
            "2017-09-05",
            "2017-10-02",
            "2017-11-06",
            "2017-11-20",
            "2017-12-01"
        ]
    );
    assert_eq!(r.positions.len(), 2, "the timeline holds both versions");
    assert_eq!(r.positions[0].version, 1, "oldest first");
    let months: Vec<(String, u32, u32, u32, u32, u32)> = r
        .numbers
        .months
        .iter()
        .map(|m| {
            (
                m.month.clone(),
                m.letters,
                m.copies.mail,
                m.copies.email,
                m.copies.fax,
                m.copies.total(),
            )
        })
        .collect();
    assert_eq!(months.len(), 12);
    assert_eq!(months[0], ("2017-01".into(), 0, 0, 0, 0, 0));
    assert_eq!(months[8], ("2017-09".into(), 1, 1, 1, 0, 2));
    assert_eq!(months[9], ("2017-10".into(), 1, 2, 0, 0, 2));
    assert_eq!(months[10], ("2017-11".into(), 2, 0, 1, 1, 2));
    assert_eq!(
        months[11],
        ("2017-12".into(), 0, 0, 0, 0, 0),
        "a draft is not sent"
    );

    let replies: Vec<(OfficeGroup, u32, u32, Option<f64>)> = r
        .numbers
        .replies
        .iter()
        .map(|g| (g.group, g.sent, g.replies, g.median_days))
        .collect();
    assert_eq!(
        replies,
        [
            (OfficeGroup::Executive, 4, 2, Some(15.0)),
            (OfficeGroup::Senate, 1, 0, None),
            (OfficeGroup::House, 0, 0, None),
            (OfficeGroup::Committee, 0, 0, None),
            (OfficeGroup::Foreign, 1, 1, Some(9.0)),
        ]
    );
    let owners: Vec<(Option<String>, u32, u32)> = r
        .numbers
        .follow_ups
        .iter()
        .map(|o| (o.owner.clone(), o.due, o.overdue))
        .collect();
    assert_eq!(
        owners,
        [(Some("Dana".into()), 0, 2), (Some("Sam".into()), 1, 0)]
    );
    // The charts' words, the window's and the PDF's alike.
    let notes: Vec<(&str, &str)> = r
        .numbers
        .replies
        .iter()
        .map(|g| (g.label.as_str(), g.note.as_str()))
        .chain(
            r.numbers
                .follow_ups
                .iter()
                .map(|o| (o.label.as_str(), o.note.as_str())),
        )
        .collect();
    assert_eq!(
        notes,
        [
            ("Executive", "2 of 4 replied; median 15 days"),
            ("Senate", "0 of 1 replied; no replies"),
            ("House", "none sent"),
            ("Committee", "none sent"),
            ("Foreign", "1 of 1 replied; median 9 days"),
            ("Dana", "2 overdue, 0 due"),
            ("Sam", "0 overdue, 1 due"),
        ]
    );
    let sample = &r.letters[0];
    assert!(sample.copies.iter().all(|c| c.overdue));
    assert_eq!(sample.copies[0].method, Some(Method::Mail));
    assert_eq!(sample.copies[1].method, Some(Method::Email));
    assert_eq!(sample.copies[0].person.as_deref(), Some("Wilbur Ross"));
    assert_eq!(r.letters[1].copies[1].days_to_reply, Some(20));

    // As of the day after Sam's follow-up, it is overdue too.
    let later = app
        .issue_record(
            "KORUS",
            Some(day("2017-01-01")),
            Some(day("2017-12-31")),
            Some(day("2017-12-16")),
        )
        .unwrap();
    assert_eq!(later.numbers.follow_ups[1].overdue, 1);

    // Without a range: from January 1 of the first letter's year to today.
    let all = app.issue_record("KORUS", None, None, None).unwrap();
    assert_eq!((all.from, all.to), (day("2017-01-01"), day("2026-11-28")));
    assert_eq!(all.letters.len(), 6);

    // The board report's rows are the record's copies, one a line.
    let report = app
        .board_report(&BoardRequest {
            from: day("2017-01-01"),
            to: day("2017-12-31"),
            issues: vec!["KORUS".into()],
            as_of: Some(day("2017-12-01")),
        })
        .unwrap();
    let rows: Vec<&str> = report.csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(rows[0], BOARD_CSV_HEADER);
    assert_eq!(rows.len(), 1 + 7, "{}", report.csv);
    let oct = format!(
        "U.S.–Korea Free Trade Agreement (KORUS),{},2017-10-02,KORUS,sent,2,to,Secretary of Commerce,Wilbur Ross,executive,mail,2017-10-02,2017-10-12,10,,",
        r.letters[1].id
    );
    assert!(rows[3].starts_with(&oct), "{}", rows[3]);
    assert!(rows[1].ends_with(",Dana,yes"), "{}", rows[1]);
    assert!(report.pdf.starts_with(b"%PDF-"));
    assert_eq!(report.pages, 2, "the issue's page, then its letters");
    assert_eq!(report.records[0].0, r);
}

#[test]
fn record_numbers_agree_with_hand_counts_sqlite() {
    record_numbers_agree_with_hand_counts(Backend::Sqlite);
}

#[test]
fn record_numbers_agree_with_hand_counts_postgres() {
    if support::postgres_available("record_numbers_agree_with_hand_counts_postgres") {
        record_numbers_agree_with_hand_counts(Backend::Postgres);
    }
}

fn paragraph_reads_as_a_person_writes(engine: Backend) {
    let app = app_on(engine);
    let p = app
        .position_paragraph("KORUS", day("2017-01-01"), day("2017-12-31"))
        .unwrap();
    assert_eq!(
        p.text,
        "The Chamber reaffirmed its support for the U.S.–Korea Free Trade Agreement (KORUS) in a letter sent September 5, 2017 to the Secretary of Commerce and the U.S. Trade Representative."
    );
    assert_eq!(p.markdown, p.text, "nothing in it is Markdown");
    assert_eq!(p.html, format!("<p>{}</p>", p.text));

    // A year with no letters says so.
    let none = app
        .position_paragraph("KORUS", day("2016-01-01"), day("2016-12-31"))
        .unwrap();
    assert_eq!(
        none.text,
        "The Chamber sent no letters on the U.S.–Korea Free Trade Agreement (KORUS) between January 1, 2016 and December 31, 2016."
    );

    // A letter to one senator, then one to a committee; a staff contact.
    let senator = portman(&app);
    letter(
        &app,
        "2018-03-05",
        &[senator],
        vec![],
        Some(Method::Email),
        FollowUp::Default,
    );
    app.store()
        .connection()
        .execute(
            "INSERT INTO committees (code, name, chamber) VALUES ('SSFI', 'Senate Committee on Finance', 'senate')",
            [],
        )
        .unwrap();
    let finance = GroupNote {
        group: GroupRef::Committee {
            code: "SSFI".into(),
            leaders_only: false,
        },
        label: "Senate Finance Committee".into(),
        members: 27,
    };
    letter(
        &app,
        "2018-04-09",
        &[senator],
        vec![finance],
        Some(Method::Mail),
        FollowUp::Default,
    );
    app.set_issue_contact("KORUS", Some("  Jordan Whitfield "))
        .unwrap();
    let p = app
        .position_paragraph("KORUS", day("2018-01-01"), day("2018-12-31"))
        .unwrap();
    assert_eq!(
        p.text,
        "The Chamber reaffirmed its support for the U.S.–Korea Free Trade Agreement (KORUS) in letters sent March 5, 2018 to Senator Rob Portman, and April 9, 2018 to the 27 members of the Senate Finance Committee.\n\nStaff contact: Jordan Whitfield."
    );
    assert!(
        p.html
            .ends_with("</p>\n<p>Staff contact: Jordan Whitfield.</p>"),
        "{}",
        p.html
    );

    // A joint letter of which one copy went: only its office is named.
    let (commerce, ustr) = (
        office(&app, "Secretary of Commerce"),
        office(&app, "United States Trade Representative"),
    );
    let copies = letter(
        &app,
        "2020-02-04",
        &[commerce, ustr],
        vec![],
        None,
        FollowUp::Default,
    );
    let id = app
        .issue_record(
            "KORUS",
            Some(day("2020-01-01")),
            Some(day("2020-12-31")),
            None,
        )
        .unwrap()
        .letters[0]
        .id;
    app.approve(id).unwrap();
    app.sign(id).unwrap();
    app.send_copies(&SendRequest {
        letter_id: id,
        copy: Some(copies[0].number),
        report: SendReport {
            method: Method::Mail,
            at: Some(at("2020-02-04")),
            confirmation: None,
            follow_up: FollowUp::Default,
        },
    })
    .unwrap();
    let p = app
        .position_paragraph("KORUS", day("2020-01-01"), day("2020-12-31"))
        .unwrap();
    assert!(
        p.text
            .contains("in a letter sent February 4, 2020 to the Secretary of Commerce."),
        "{}",
        p.text
    );
    let r = app
        .issue_record(
            "KORUS",
            Some(day("2018-01-01")),
            Some(day("2018-12-31")),
            None,
        )
        .unwrap();
    assert_eq!(r.issue.staff_contact.as_deref(), Some("Jordan Whitfield"));
    if engine == Backend::Postgres {
        let err = app
            .set_issue_contact("KORUS", Some("Nobody Here"))
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("“Nobody Here” is not a login on the team record"),
            "{err}"
        );
    }
    assert_eq!(r.letters[1].copies[0].group, OfficeGroup::Committee);
    assert_eq!(r.letters[0].copies[0].group, OfficeGroup::Senate);

    // Many letters are counted, not listed: four to the same senator.
    for date in ["2019-02-01", "2019-03-01", "2019-04-01", "2019-05-01"] {
        letter(
            &app,
            date,
            &[senator],
            vec![],
            Some(Method::Email),
            FollowUp::Default,
        );
    }
    let many = app
        .position_paragraph("KORUS", day("2019-01-01"), day("2019-12-31"))
        .unwrap();
    assert_eq!(
        many.text,
        "The Chamber reaffirmed its support for the U.S.–Korea Free Trade Agreement (KORUS) in 4 letters sent from February 1, 2019 to May 1, 2019, each to Senator Rob Portman.\n\nStaff contact: Jordan Whitfield."
    );

    // The team's own template, and one that does not compile.
    app.set_position_paragraph_template(Some(
        "{{Organization}} wrote <{{letter_count}}> times & *more*.",
    ))
    .unwrap();
    let own = app
        .position_paragraph("KORUS", day("2018-01-01"), day("2018-12-31"))
        .unwrap();
    assert_eq!(own.text, "The Chamber wrote <2> times & *more*.");
    assert_eq!(
        own.markdown,
        "The Chamber wrote \\<2\\> times & \\*more\\*."
    );
    assert_eq!(
        own.html,
        "<p>The Chamber wrote &lt;2&gt; times &amp; *more*.</p>"
    );
    let err = app
        .set_position_paragraph_template(Some("{{#if letters}}unclosed"))
        .unwrap_err();
    assert!(err.to_string().contains("paragraph template"), "{err}");
    app.set_position_paragraph_template(None).unwrap();
    assert_eq!(
        app.position_paragraph_template().unwrap(),
        POSITION_PARAGRAPH_TEMPLATE
    );

    // The window's editor keeps the short name and the template together,
    // or neither: a misspelt field (strict, as letter templates are), a
    // blank template and one that does not compile leave both as they were.
    let before = app.paragraph_wording().unwrap();
    assert!(before.shipped);
    assert_eq!(before.short_name.as_deref(), Some("the Chamber"));
    for (bad, said) in [
        ("{{Organisation}} wrote.", "Organisation"),
        ("  \n", "the paragraph's template is empty"),
        ("{{#each letters}}", "paragraph template"),
    ] {
        let err = app
            .set_paragraph_wording(Some("the Council"), Some(bad))
            .unwrap_err();
        assert!(err.to_string().contains(said), "{bad:?}: {err}");
        assert_eq!(app.paragraph_wording().unwrap(), before, "{bad:?}");
    }
    let kept = app
        .set_paragraph_wording(
            Some("  the Council "),
            Some("{{Organization}} wrote on the {{issue}}."),
        )
        .unwrap();
    assert_eq!(kept.short_name.as_deref(), Some("the Council"));
    assert!(!kept.shipped);
    let p = app
        .position_paragraph("KORUS", day("2018-01-01"), day("2018-12-31"))
        .unwrap();
    assert!(
        p.text.starts_with("The Council wrote on the U.S.–Korea"),
        "{}",
        p.text
    );
    // The shipped text given back is the shipped template, not a copy of it.
    let again = app
        .set_paragraph_wording(Some(""), Some(POSITION_PARAGRAPH_TEMPLATE))
        .unwrap();
    assert!(again.shipped);
    assert_eq!(again.short_name, None);
    assert_eq!(again.template, POSITION_PARAGRAPH_TEMPLATE);
}

#[test]
fn paragraph_reads_as_a_person_writes_sqlite() {
    paragraph_reads_as_a_person_writes(Backend::Sqlite);
}

#[test]
fn paragraph_reads_as_a_person_writes_postgres() {
    if support::postgres_available("paragraph_reads_as_a_person_writes_postgres") {
        paragraph_reads_as_a_person_writes(Backend::Postgres);
    }
}

#[test]
fn bad_input_is_refused_by_name() {
    let app = app_on(Backend::Sqlite);
    let err = app
        .issue_record(
            "NAFTA",
            Some(day("2017-01-01")),
            Some(day("2017-12-31")),
            None,
        )
        .unwrap_err();
    assert!(err.to_string().contains("\"NAFTA\""), "{err}");
    let err = app
        .issue_record(
            "KORUS",
            Some(day("2018-01-01")),
            Some(day("2017-12-31")),
            None,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "from: the range starts on 2018-01-01, after it ends on 2017-12-31"
    );
    let err = app.set_issue_contact("NAFTA", Some("Dana")).unwrap_err();
    assert!(err.to_string().contains("NAFTA"), "{err}");
    let err = app
        .board_report(&BoardRequest {
            from: day("2017-01-01"),
            to: day("2017-12-31"),
            issues: vec![],
            as_of: None,
        })
        .unwrap_err();
    assert!(err.to_string().contains("at least one issue"), "{err}");
    let err = app
        .board_report(&BoardRequest {
            from: day("2017-01-01"),
            to: day("2017-12-31"),
            issues: vec!["KORUS".into(), "NAFTA".into()],
            as_of: None,
        })
        .unwrap_err();
    assert!(err.to_string().contains("NAFTA"), "{err}");
}

/// The words of a PDF as pdftotext places them: (page, height, text,
/// xMin, yMin, xMax, yMax) in points from the page's top left.
fn words_of(pdf: &[u8]) -> Vec<(usize, f32, String, [f32; 4])> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) reads the report");
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f32 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mut words = Vec::new();
    for (page, text) in html.split("<page ").skip(1).enumerate() {
        let height = attr(text, "height");
        for word in text.split("<word ").skip(1) {
            let (tag, rest) = word.split_once('>').unwrap();
            let w = rest.split("</word>").next().unwrap().to_string();
            let b = ["xMin", "yMin", "xMax", "yMax"].map(|n| attr(tag, n));
            words.push((page, height, w, b));
        }
    }
    words
}

/// Many follow-up owners, copies whose "To" wraps onto three lines and a
/// range of ten years: every word stays above the bottom margin (the page
/// number apart), and no two words on a page run into each other (month
/// names, numbers above bars, a row's cells).
#[test]
fn the_board_report_keeps_within_its_margins_and_its_words_apart() {
    let app = app_on(Backend::Sqlite);
    let long = senator(
        &app,
        "Ron Wyden",
        "Ranking Member of the Subcommittee on International Trade, Customs, and Global Competitiveness of the Committee on Finance",
    );
    let commerce = office(&app, "Secretary of Commerce");
    for i in 0..28 {
        // From March 2017 (Secretary Ross took office on February 28).
        let date = format!("{}-{:02}-10", 2017 + (i + 2) / 12, (i + 2) % 12 + 1);
        let copies = letter(
            &app,
            &date,
            &[long, commerce],
            vec![],
            Some(Method::Mail),
            FollowUp::Default,
        );
        for c in &copies {
            app.assign_follow_up(c.id, &format!("Owner{i:02}")).unwrap();
        }
    }
    let report = app
        .board_report(&BoardRequest {
            from: day("2017-01-01"),
            to: day("2026-11-28"),
            issues: vec!["KORUS".into()],
            as_of: Some(day("2026-11-28")),
        })
        .unwrap();
    let words = words_of(&report.pdf);
    let last = words.iter().map(|w| w.0).max().unwrap();
    assert_eq!(report.pages, last + 1);
    assert!(
        words.iter().any(|w| w.2 == "Member" && w.0 > 0),
        "the long office is in the table"
    );
    // Above the bottom margin (54 pt), but for "Page N of M".
    for (page, height, w, b) in &words {
        if b[3] > height - 54.0 + 0.5 {
            assert!(
                w == "Page" || w == "of" || w.parse::<usize>().is_ok(),
                "{w:?} on page {} reaches into the bottom margin at {}",
                page + 1,
                b[3]
            );
        }
    }
    // No two words overlap.
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            if a.0 != b.0 {
                continue;
            }
            let (p, q) = (a.3, b.3);
            let apart = p[2] <= q[0] + 0.5
                || q[2] <= p[0] + 0.5
                || p[3] <= q[1] + 0.5
                || q[3] <= p[1] + 0.5;
            assert!(
                apart,
                "{:?} and {:?} overlap on page {}: {p:?} {q:?}",
                a.2,
                b.2,
                a.0 + 1
            );
        }
    }
    // Every owner's bar is there, however many pages the chart takes,
    // before the letters' table begins.
    let table = words
        .iter()
        .position(|w| w.2 == "letters" && w.0 > 0)
        .unwrap();
    for i in 0..28 {
        let name = format!("Owner{i:02}");
        assert!(words[..table].iter().any(|w| w.2 == name), "{name}");
    }
}

/// A subject a spreadsheet would read as a formula is written in the CSV
/// as text (a `'` before it), so opening the rows in Excel never runs it.
#[test]
fn the_rows_never_hand_a_spreadsheet_a_formula() {
    let app = app_on(Backend::Sqlite);
    let commerce = office(&app, "Secretary of Commerce");
    for subject in [
        "=HYPERLINK(\"http://example.org\",\"KORUS\")",
        "+1",
        "@SUM(A1)",
        "-2, again",
    ] {
        letter_about(
            &app,
            subject,
            "2017-10-02",
            &[commerce],
            vec![],
            Some(Method::Mail),
            FollowUp::Default,
        );
    }
    let report = app
        .board_report(&BoardRequest {
            from: day("2017-10-01"),
            to: day("2017-10-31"),
            issues: vec!["KORUS".into()],
            as_of: None,
        })
        .unwrap();
    let mut reader = csv::Reader::from_reader(report.csv.as_bytes());
    let mut subjects: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[3].to_string())
        .collect();
    subjects.sort();
    assert_eq!(
        subjects,
        [
            "'+1",
            "'-2, again",
            "'=HYPERLINK(\"http://example.org\",\"KORUS\")",
            "'@SUM(A1)"
        ]
    );
}
