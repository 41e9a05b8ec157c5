//! Templates: strictness, error locations, escaping, helpers, and every
//! shipped template rendering its sample.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

use letters::{LetterData, LetterError, Mode, Problem, TemplateMeta, Templates, prepare};

const SAMPLE: &str = include_str!("../../../templates/samples/korus-2017.json");

fn sample() -> LetterData {
    LetterData::from_json(SAMPLE).expect("the sample parses")
}

fn meta(id: &str) -> TemplateMeta {
    TemplateMeta {
        id: id.into(),
        name: id.into(),
        description: String::new(),
        kind: "other".into(),
        fields: vec![],
        paper: Default::default(),
        margins: Default::default(),
        builtin: false,
    }
}

fn text(inlines: &[letters::markup::Inline]) -> String {
    inlines.iter().map(|i| i.text.as_str()).collect()
}

#[test]
fn the_sample_renders_with_a_joint_salutation() {
    let t = Templates::builtin().unwrap();
    let letters = prepare(&t, &sample(), None).unwrap();
    assert_eq!(letters.len(), 1);
    let r = &letters[0].rendered;
    assert_eq!(
        text(&r.salutation),
        "Dear Secretary Ross and Ambassador Lighthizer:"
    );
    assert_eq!(text(&r.closing), "Sincerely,");
    assert!(r.body.len() >= 6, "{} body blocks", r.body.len());
}

#[test]
fn one_copy_per_recipient_addresses_each_alone() {
    let t = Templates::builtin().unwrap();
    let mut data = sample();
    data.mode = Mode::PerRecipient;
    let letters = prepare(&t, &data, None).unwrap();
    let salutations: Vec<String> = letters
        .iter()
        .map(|l| text(&l.rendered.salutation))
        .collect();
    assert_eq!(
        salutations,
        vec!["Dear Secretary Ross:", "Dear Ambassador Lighthizer:"]
    );
}

#[test]
fn a_missing_field_names_the_field_and_the_template_line_and_column() {
    let mut t = Templates::builtin().unwrap();
    let src = "subject: x\nsalutation: Dear all:\nclosing: Yours,\n---\nHello {{organization.nickname}}.\n";
    t.add(meta("custom"), src).unwrap();
    let err = t.render("custom", &sample()).unwrap_err();
    let LetterError::Template(problems) = err else {
        panic!("expected a template error, got {err:?}")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].location, "template custom, line 5, column 7");
    assert!(
        problems[0].message.contains("organization.nickname"),
        "{}",
        problems[0].message
    );
}

#[test]
fn a_misspelt_helper_argument_is_a_missing_field_not_an_empty_body() {
    let mut t = Templates::builtin().unwrap();
    let src = "subject: x\nsalutation: Dear all:\nclosing: Yours,\n---\n{{markdown bodyx}}\n";
    t.add(meta("typo"), src).unwrap();
    let err = t.render("typo", &sample()).unwrap_err();
    let LetterError::Template(problems) = err else {
        panic!("expected a template error, got {err:?}")
    };
    assert_eq!(problems[0].location, "template typo, line 5, column 1");
    assert_eq!((problems[0].line, problems[0].column), (Some(5), Some(1)));
    assert!(
        problems[0].message.contains("\"bodyx\""),
        "{}",
        problems[0].message
    );
    // The same helpers with real fields still render.
    let ok = "subject: x\nsalutation: Dear all:\nclosing: Yours,\n---\n{{markdown body}} {{date date}}\n";
    t.add(meta("fine"), ok).unwrap();
    t.render("fine", &sample()).unwrap();
}

#[test]
fn every_required_field_that_is_missing_is_reported() {
    let t = Templates::builtin().unwrap();
    let mut data = sample();
    data.body = None;
    data.signer.title = None;
    let err = t.render("joint-support", &data).unwrap_err();
    let LetterError::Data(problems) = err else {
        panic!("expected a data error")
    };
    let locations: Vec<&str> = problems.iter().map(|p| p.location.as_str()).collect();
    assert_eq!(locations, vec!["body", "signer.title"]);
}

#[test]
fn a_malformed_template_gives_its_location() {
    let mut t = Templates::builtin().unwrap();
    let err = t
        .add(
            meta("broken"),
            "subject: x\n---\n{{#if recipients}}\nno end\n",
        )
        .unwrap_err();
    let LetterError::Template(problems) = err else {
        panic!("expected a template error")
    };
    assert!(
        problems[0].location.starts_with("template broken, line"),
        "{}",
        problems[0].location
    );
}

fn syntax_error(source: &str) -> Problem {
    let mut t = Templates::builtin().unwrap();
    let err = t.add(meta("broken"), source).unwrap_err();
    let LetterError::Template(mut problems) = err else {
        panic!("expected a template error")
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems.remove(0)
}

#[test]
fn an_unclosed_block_is_named_at_the_line_it_opens() {
    let p = syntax_error(
        "subject: x\n---\n{{#each recipients}}\n  {{#if name}}{{name}}\n{{/each}}\nDone.\n",
    );
    // The parser first stumbles on {{/each}} closing {{#if}}.
    assert_eq!(p.location, "template broken, line 5, column 1");
    assert!(
        p.message.contains("{{/each}} closes the {{#if}} block")
            && p.message.contains("{{/if}} comes first"),
        "{}",
        p.message
    );
    let p = syntax_error(
        "subject: x\n---\nDear all,\n{{!-- {{#if}} in a comment --}}\n  é {{#if subject}}yes\n",
    );
    assert_eq!(p.location, "template broken, line 5, column 5");
    assert_eq!(
        p.message,
        "the {{#if}} block opened here is never closed; add {{/if}} where it ends"
    );
    // A tag left without its }} is named where it starts.
    let p = syntax_error("subject: x\n---\nHello {{name\n");
    assert_eq!(p.location, "template broken, line 3, column 7");
    assert_eq!(
        p.message,
        "the tag {{name opened here has no closing }}; write {{name}}"
    );
    // Any other unreadable spot keeps the parser's position, in plain words.
    let p = syntax_error("subject: x\n---\nHello {{name}} {{#if}}{{/if}} {{> }}\n");
    assert!(p.location.starts_with("template broken"), "{}", p.location);
}

#[test]
fn every_mistake_in_a_template_is_reported_at_once_each_at_its_own_place() {
    let source = "subject: x\nsalutation: Dear {{name}}:\nclosing: Sincerely,\n---\n\
                  {{#each recipients}}\n\
                  {{name}}\n\
                  \n\
                  {{#if subject}}\n\
                  About {{subject}}\n\
                  {{/if\n\
                  \n\
                  Thanks.\n";
    let mut t = Templates::builtin().unwrap();
    let LetterError::Template(problems) = t.add(meta("broken"), source).unwrap_err() else {
        panic!("expected a template error")
    };
    let places: Vec<&str> = problems.iter().map(|p| p.location.as_str()).collect();
    assert_eq!(
        places,
        [
            "template broken, line 5, column 1",
            "template broken, line 10, column 1"
        ],
        "{problems:?}"
    );
    assert!(
        problems[0]
            .message
            .contains("{{#each}} block opened here is never closed")
    );
    assert!(
        problems[1]
            .message
            .contains("the tag {{/if opened here has no closing }}")
    );
    assert_eq!((problems[1].line, problems[1].column), (Some(10), Some(1)));
}

#[test]
fn a_header_without_its_closing_dashes_is_explained() {
    let mut t = Templates::builtin().unwrap();
    t.add(
        meta("nohead"),
        "subject: x\nsalutation: Dear:\nclosing: Bye\nBody",
    )
    .unwrap();
    let err = t.render("nohead", &sample()).unwrap_err();
    assert!(err.to_string().contains("three dashes"), "{err}");
    t.add(
        meta("typo"),
        "subjekt: x\nsalutation: Dear:\nclosing: Bye\n---\nBody",
    )
    .unwrap();
    let err = t.render("typo", &sample()).unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
    assert!(err.to_string().contains("subjekt"), "{err}");
}

#[test]
fn data_is_printed_never_evaluated_or_styled() {
    let t = Templates::builtin().unwrap();
    let mut data = sample();
    data.organization.name = "{{organization.name}} **Bold** & <Co>".into();
    let letters = prepare(&t, &data, None).unwrap();
    let first = &letters[0].rendered.body[0];
    let letters::markup::Block::Paragraph(p) = first else {
        panic!("first block is a paragraph")
    };
    let plain = text(p);
    assert!(
        plain.contains("{{organization.name}} **Bold** & <Co>,"),
        "{plain}"
    );
    assert!(p.iter().all(|i| !i.style.bold));
}

#[test]
fn invalid_data_names_the_path_of_the_bad_value() {
    let bad_type = SAMPLE.replace("\"name\": \"Wilbur Ross\"", "\"name\": 42");
    let err = LetterData::from_json(&bad_type).unwrap_err();
    assert!(err.to_string().contains("recipients[0].name"), "{err}");

    let bad_date = SAMPLE.replace("2017-09-05", "2017-13-05");
    let err = LetterData::from_json(&bad_date).unwrap_err();
    assert!(err.to_string().contains("date"), "{err}");

    let err = LetterData::from_json("{ \"date\": ").unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
}

#[test]
fn every_shipped_template_renders_sample_data() {
    let t = Templates::builtin().unwrap();
    assert!(t.list().len() >= 4);
    let mut data = sample();
    data.fields
        .insert("agency".into(), "International Trade Administration".into());
    data.fields.insert("docket".into(), "ITA-2017-0003".into());
    data.fields
        .insert("rule_title".into(), "Request for Public Comments".into());
    data.fields
        .insert("notice_date".into(), "2017-08-01".into());
    data.fields
        .insert("occasion".into(), "meeting with our delegation".into());
    for meta in t.list() {
        let letters =
            prepare(&t, &data, Some(&meta.id)).unwrap_or_else(|e| panic!("{} fails: {e}", meta.id));
        assert!(!letters[0].rendered.body.is_empty(), "{}", meta.id);
    }
    let comment = prepare(&t, &data, Some("comment-rule")).unwrap();
    let subject = text(&comment[0].rendered.subject);
    assert_eq!(
        subject,
        "Comments on Request for Public Comments, Docket No. ITA-2017-0003"
    );
    let letters::markup::Block::Paragraph(first) = &comment[0].rendered.body[0] else {
        panic!()
    };
    assert!(
        text(first).contains("published August 1, 2017"),
        "{}",
        text(first)
    );
    // A notice date typed as a day that does not exist: the reason, not the form.
    data.fields
        .insert("notice_date".into(), "2017-02-30".into());
    let err = prepare(&t, &data, Some("comment-rule")).unwrap_err();
    assert!(
        err.to_string()
            .contains("\"2017-02-30\" is not a date: February 2017 has 28 days"),
        "{err}"
    );
}
