//! The fixtures every module of `queries` shares: a small record of
//! officials, a signer, a template and a position (`World`), letters drafted
//! and sent in it, and a team record with a drafter, an approver and a signer.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use store::letters::{Copy, Sending};
use store::*;
use support::{Backend, fresh_with_url};
use testkit::engines as support;

pub(super) fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(super) fn at(s: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day(s).and_hms_opt(15, 0, 0).unwrap())
}

pub(super) struct World {
    pub(super) store: Store,
    pub(super) commerce: i64,
    pub(super) ustr: i64,
    pub(super) ross: i64,
    pub(super) lighthizer: i64,
    pub(super) greer: i64,
    pub(super) signer: i64,
    pub(super) template: i64,
    pub(super) position: i64,
}

pub(super) fn person(s: &mut Store, name: &str, salutation: &str) -> i64 {
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

pub(super) fn office(s: &mut Store, title: &str, short: &str, kind: OfficeKind) -> i64 {
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

pub(super) fn term(s: &mut Store, p: i64, o: i64, start: &str, end: Option<&str>) -> Result<i64> {
    s.add_term(&NewTerm {
        person_id: p,
        office_id: o,
        start_on: day(start),
        end_on: end.map(day),
        acting: false,
        address: Vec::new(),
    })
}

pub(super) fn world_on(engine: Backend) -> World {
    world_at(engine).0
}

/// The world, and on PostgreSQL its record's connection string.
pub(super) fn world_at(engine: Backend) -> (World, Option<String>) {
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

pub(super) fn draft(w: &World) -> LetterDraft {
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

pub(super) fn to(w: &World) -> Vec<NewRecipient> {
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
pub(super) fn counts(s: &Store) -> Vec<i64> {
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

pub(super) fn sent_letter(w: &mut World, date: &str) -> i64 {
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

/// The world on the team record, with a drafter (dana), an approver (avery)
/// and a signer (sam); and the record's connection string.
pub(super) fn team() -> (World, String) {
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
