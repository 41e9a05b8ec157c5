//! Follow-up work from the command line on the sample record: snooze and
//! assign a follow-up, log a call, keep the reply's PDF, and the sent log
//! filtered by owner and by the group a letter went to.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{fails, json, ok};

#[test]
fn follow_up_work_on_the_sample_letter() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");

    // Snooze: a date later than the one due (2017-10-05), or weeks.
    let err = fails(
        &db,
        &["followups", "snooze", "1", "1", "--to", "2017-10-01"],
    );
    assert!(err.contains("later than 2017-10-05"), "{err}");
    let err = fails(&db, &["followups", "snooze", "1", "1", "--to", "soon"]);
    assert!(err.contains("number of weeks"), "{err}");
    let out = ok(
        &db,
        &["followups", "snooze", "1", "1", "--to", "2099-01-02"],
    );
    assert_eq!(out.trim(), "copy 1 of letter 1: follow up by 2099-01-02");
    let out = ok(&db, &["followups", "snooze", "1", "1", "--to", "1 week"]);
    assert_eq!(out.trim(), "copy 1 of letter 1: follow up by 2099-01-09");
    let err = fails(&db, &["followups", "snooze", "1", "7", "--to", "1 week"]);
    assert!(
        err.contains("recipient 7 of letter 1 does not exist"),
        "{err}"
    );

    // Assign, and the log by owner.
    ok(
        &db,
        &["followups", "assign", "1", "2", "--to", "Avery Chen"],
    );
    let err = fails(
        &db,
        &["followups", "assign", "1", "2", "--to", "avery chen"],
    );
    assert!(err.contains("already Avery Chen's"), "{err}");
    let mine = json(&db, &["log", "--owner", "avery chen"]);
    let copies = mine.as_array().unwrap();
    assert_eq!(copies.len(), 1, "{mine}");
    assert_eq!(copies[0]["person"], "Robert E. Lighthizer", "{mine}");
    assert_eq!(copies[0]["owner"], "Avery Chen", "{mine}");
    // The lines say the same.
    let lines = ok(&db, &["log", "--owner", "avery chen"]);
    assert!(
        lines.contains("Robert E. Lighthizer") && lines.contains("(Avery Chen)"),
        "{lines}"
    );
    let due = ok(
        &db,
        &["followups", "--due", "2099-12-31", "--owner", "Avery Chen"],
    );
    assert_eq!(due.lines().count(), 1, "{due}");
    assert!(due.trim_end().ends_with("\tAvery Chen"), "{due}");
    // On a file, "mine" is what nobody else was given.
    let unassigned = ok(&db, &["log", "--mine"]);
    assert!(unassigned.contains("Wilbur Ross"), "{unassigned}");
    assert!(!unassigned.contains("Lighthizer"), "{unassigned}");

    // A call that is not a reply.
    let err = fails(
        &db,
        &[
            "followups",
            "log",
            "1",
            "2",
            "--kind",
            "call",
            "--on",
            "2017-09-20",
        ],
    );
    assert!(err.contains("say who"), "{err}");
    ok(
        &db,
        &[
            "followups",
            "log",
            "1",
            "2",
            "--kind",
            "call",
            "--on",
            "2017-09-20",
            "--who",
            "Jane Roe, trade counsel",
            "--notes",
            "Asked for the export figures",
        ],
    );

    // The reply's PDF: refused unless it is one; kept with the reply.
    let not_pdf = dir.path().join("reply.docx");
    std::fs::write(&not_pdf, b"PK\x03\x04").unwrap();
    let err = fails(
        &db,
        &[
            "letters",
            "reply",
            "1",
            "--recipient",
            "2",
            "--on",
            "2017-10-20",
            "--pdf",
            not_pdf.to_str().unwrap(),
        ],
    );
    assert!(err.contains("reply.docx is not a PDF"), "{err}");
    let show = ok(&db, &["letters", "show", "1"]);
    assert!(
        !show.contains("reply 2017-10-20"),
        "nothing half-written: {show}"
    );
    let pdf = dir.path().join("reply.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\nthe reply").unwrap();
    let err = fails(&db, &["replies", "attach", "1", "2", pdf.to_str().unwrap()]);
    assert!(err.contains("no reply recorded"), "{err}");
    ok(
        &db,
        &[
            "letters",
            "reply",
            "1",
            "--recipient",
            "2",
            "--on",
            "2017-10-20",
            "--notes",
            "Thanks",
        ],
    );
    ok(&db, &["replies", "attach", "1", "2", pdf.to_str().unwrap()]);
    let show = ok(&db, &["letters", "show", "1"]);
    assert!(
        show.contains("2017-09-20 call with Jane Roe, trade counsel: Asked for the export figures"),
        "{show}"
    );
    assert!(show.contains("reply PDF 1: reply.pdf, 18 bytes"), "{show}");
    for kind in ["snoozed", "assigned", "reply_attached"] {
        assert!(show.contains(kind), "{kind}: {show}");
    }
    let saved = dir.path().join("saved.pdf");
    ok(
        &db,
        &[
            "replies",
            "save",
            "1",
            "2",
            "--out",
            saved.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read(&saved).unwrap(), b"%PDF-1.4\nthe reply");
}

#[test]
fn the_sent_log_by_group() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
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
    let body = dir.path().join("body.md");
    std::fs::write(&body, "We write again about KORUS.").unwrap();
    let out = ok(
        &db,
        &[
            "letters",
            "new",
            "--to-group",
            "list:KORUS principals",
            "--date",
            "2018-09-24",
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
    ok(&db, &["letters", "approve", &id]);
    ok(&db, &["letters", "sign", &id]);
    ok(
        &db,
        &[
            "letters",
            "send",
            &id,
            "--method",
            "mail",
            "--at",
            "2018-09-24T15:00:00Z",
        ],
    );
    let all = json(&db, &["log"]);
    assert_eq!(all.as_array().unwrap().len(), 4, "{all}");
    let grouped = json(&db, &["log", "--group", "korus principals"]);
    let copies = grouped.as_array().unwrap();
    assert_eq!(copies.len(), 2, "{grouped}");
    assert!(
        copies.iter().all(|c| c["date"] == "2018-09-24"),
        "{grouped}"
    );
    let csv = ok(&db, &["log", "--csv", "--group", "KORUS principals"]);
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(ok(&db, &["log", "--group", "SSFI"]).is_empty());
}
