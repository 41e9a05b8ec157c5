//! The library of stock paragraphs from the command line: added with an
//! issue and tags, found by any word, refused when untitled or a duplicate.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{fails, ok};

#[test]
fn paragraphs_are_added_found_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let text = dir.path().join("numbers.md");
    std::fs::write(&text, "Exports to Korea grew by a **third** since 2012.\n").unwrap();
    let out = ok(
        &db,
        &[
            "paragraphs",
            "add",
            "--title",
            "KORUS by the numbers",
            "--file",
            text.to_str().unwrap(),
            "--issue",
            "KORUS",
            "--tag",
            "Exports, autos",
            "--tag",
            "#korea",
        ],
    );
    let id = out
        .trim()
        .strip_prefix("added paragraph ")
        .unwrap()
        .to_string();
    let list = ok(&db, &["paragraphs", "list", "autos"]);
    assert_eq!(
        list,
        format!(
            "{id}\tKORUS by the numbers\tU.S.–Korea Free Trade Agreement (KORUS) #exports #autos #korea\n"
        )
    );
    assert_eq!(
        ok(&db, &["paragraphs", "list", "third korea"])
            .lines()
            .count(),
        1
    );
    assert_eq!(ok(&db, &["paragraphs", "list", "steel"]), "");
    let shown = ok(&db, &["paragraphs", "show", &id]);
    assert!(
        shown.starts_with("KORUS by the numbers\n\nExports to Korea"),
        "{shown}"
    );
    let err = fails(
        &db,
        &[
            "paragraphs",
            "add",
            "--title",
            "korus BY the numbers",
            "--file",
            text.to_str().unwrap(),
        ],
    );
    assert!(err.contains("already exists"), "{err}");
    let err = fails(
        &db,
        &[
            "paragraphs",
            "add",
            "--title",
            " ",
            "--file",
            text.to_str().unwrap(),
        ],
    );
    assert!(err.contains("needs a title"), "{err}");
    ok(&db, &["paragraphs", "delete", &id]);
    let err = fails(&db, &["paragraphs", "show", &id]);
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn followups_due_by_a_day_list_the_copies_still_waiting_for_a_reply() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    // The sample letter went out on 2017-09-05, follow-ups due a month later.
    assert_eq!(
        ok(&db, &["followups", "--due", "2017-10-01"]),
        "no follow-ups due by 2017-10-01\n"
    );
    let due = ok(&db, &["followups", "--due", "2017-10-31"]);
    let lines: Vec<&str> = due.lines().collect();
    assert_eq!(lines.len(), 2, "{due}");
    assert!(
        lines[0]
            .starts_with("2017-10-05 (overdue)\tWilbur Ross, Secretary of Commerce\tletter 1: "),
        "{due}"
    );
    // A reply takes the copy off the list.
    ok(
        &db,
        &[
            "letters",
            "reply",
            "1",
            "--recipient",
            "1",
            "--on",
            "2017-10-02",
            "--notes",
            "Thanked us.",
        ],
    );
    assert_eq!(
        ok(&db, &["followups", "--due", "2017-10-31"])
            .lines()
            .count(),
        1
    );
}
