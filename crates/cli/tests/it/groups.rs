//! A letter to a congressional committee from the command line: the
//! committee's members on the letter's date become its addressees, a joint
//! letter greets the chair, the ranking member and the members, and the
//! letter keeps which group it went to.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::process::Command;

use common::{fails, ok};

#[test]
fn a_letter_to_the_senate_finance_committee() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    ok(&db, &["import", "congress", "--as-of", "2026-06-15"]);
    let list = ok(&db, &["groups", "list"]);
    assert!(
        list.contains("SSFI\tSenate Committee on Finance\t"),
        "{list}"
    );
    let show = ok(
        &db,
        &[
            "groups",
            "show",
            "SSFI",
            "--on",
            "2026-06-20",
            "--leaders-only",
        ],
    );
    assert!(
        show.starts_with(
            "Senate Committee on Finance (chair and ranking member) on 2026-06-20: 2 members"
        ),
        "{show}"
    );
    assert!(show.contains("Mike Crapo (Chairman)"), "{show}");
    let err = fails(&db, &["groups", "show", "delegation:WA:both"]);
    assert!(err.contains("is not a chamber"), "{err}");

    let body = dir.path().join("body.md");
    std::fs::write(&body, "We ask the Committee to support the agreement.").unwrap();
    let out = ok(
        &db,
        &[
            "letters",
            "new",
            "--to-group",
            "SSFI",
            "--date",
            "2026-06-20",
            "--subject",
            "KORUS",
            "--issue",
            "KORUS",
            "--body-file",
            body.to_str().unwrap(),
        ],
    );
    let id = out
        .trim()
        .strip_prefix("drafted letter ")
        .unwrap()
        .to_string();
    let letter = ok(&db, &["letters", "show", &id]);
    let members = show_count(&ok(&db, &["groups", "show", "SSFI", "--on", "2026-06-20"]));
    assert!(members > 20, "{members}");
    assert!(
        letter.contains(&format!(
            "group:    Senate Committee on Finance, {members} members on 2026-06-20"
        )),
        "{letter}"
    );
    assert_eq!(letter.matches("[to]").count(), members, "{letter}");
    let pdf = dir.path().join("finance.pdf");
    ok(
        &db,
        &["letters", "export", &id, "--out", pdf.to_str().unwrap()],
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Dear Chairman Crapo, Ranking Member Wyden and Members of the Committee:"),
        "{text}"
    );
    // Addressed to the chair and the ranking member by their titles in the
    // committee: two address blocks, not one for each member.
    assert!(
        text.contains(
            "The Honorable Mike Crapo\nChairman\nCommittee on Finance\nUnited States Senate"
        ),
        "{text}"
    );
    assert_eq!(text.matches("The Honorable").count(), 2, "{text}");

    // Per recipient: one copy each, each greeting its own addressee.
    let out = ok(
        &db,
        &[
            "letters",
            "new",
            "--to-group",
            "SSFI",
            "--leaders-only",
            "--per-recipient",
            "--date",
            "2026-06-20",
            "--subject",
            "KORUS",
            "--issue",
            "KORUS",
            "--body-file",
            body.to_str().unwrap(),
        ],
    );
    let id = out
        .trim()
        .strip_prefix("drafted letter ")
        .unwrap()
        .to_string();
    let pdf = dir.path().join("leaders.pdf");
    let written = ok(
        &db,
        &["letters", "export", &id, "--out", pdf.to_str().unwrap()],
    );
    assert_eq!(written.lines().count(), 2, "{written}");
    let first = written
        .lines()
        .next()
        .unwrap()
        .strip_prefix("wrote ")
        .unwrap();
    let text = Command::new("pdftotext")
        .arg(first)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    // The chair's own copy greets him by his title in the committee.
    assert!(text.contains("Dear Chairman Crapo:"), "{text}");
}

/// "… on DATE: N members" → N.
fn show_count(show: &str) -> usize {
    show.lines()
        .next()
        .and_then(|l| l.rsplit_once(": "))
        .and_then(|(_, n)| n.strip_suffix(" members"))
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn a_saved_list_resolves_its_offices_at_each_letters_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let err = fails(&db, &["groups", "save", "KORUS principals"]);
    assert!(err.contains("at least one office or person"), "{err}");
    let err = fails(
        &db,
        &[
            "groups",
            "save",
            "KORUS principals",
            "--office",
            "Secretary of Nothing",
        ],
    );
    assert!(err.contains("Secretary of Nothing"), "{err}");
    ok(
        &db,
        &[
            "groups",
            "save",
            "KORUS principals",
            "--office",
            "Secretary of Commerce",
            "--office",
            "USTR",
        ],
    );
    let list = ok(&db, &["groups", "list"]);
    assert!(
        list.starts_with("list:KORUS principals\tKORUS principals\t2 members"),
        "{list}"
    );
    let then = ok(
        &db,
        &[
            "groups",
            "show",
            "list:korus principals",
            "--on",
            "2017-09-05",
        ],
    );
    assert!(
        then.contains("Wilbur Ross") && then.contains("Robert E. Lighthizer"),
        "{then}"
    );
    let body = dir.path().join("body.md");
    std::fs::write(&body, "KORUS matters to our members.").unwrap();
    let out = ok(
        &db,
        &[
            "letters",
            "new",
            "--to-group",
            "list:KORUS principals",
            "--date",
            "2017-09-05",
            "--subject",
            "KORUS",
            "--issue",
            "KORUS",
            "--body-file",
            body.to_str().unwrap(),
        ],
    );
    let id = out
        .trim()
        .strip_prefix("drafted letter ")
        .unwrap()
        .to_string();
    let shown = ok(&db, &["letters", "show", &id]);
    assert!(
        shown.contains("group:    KORUS principals, 2 members on 2017-09-05"),
        "{shown}"
    );
    // Copied to 2021: the same offices, their holders then.
    let copy = ok(&db, &["letters", "copy", &id, "--date", "2021-06-01"]);
    let copy_id = copy.split_whitespace().nth(2).unwrap().to_string();
    let shown = ok(&db, &["letters", "show", &copy_id]);
    assert!(shown.contains("Katherine Tai"), "{shown}");
    ok(&db, &["groups", "delete", "KORUS principals"]);
    let err = fails(&db, &["groups", "show", "list:KORUS principals"]);
    assert!(err.contains("does not exist"), "{err}");
}
