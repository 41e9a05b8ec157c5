//! A letter's way from draft to sent: approval, signing, sending, archives and revisions.

use super::*;

fn draft_approve_sign_send_archives_the_exact_pdf(engine: Backend) {
    let app = app_on(engine);
    app.clock().set(at("2017-10-30"));
    let drafted = app.draft_letter(&new_letter(&app, "2017-11-01")).unwrap();
    let id = drafted.letter_id;
    // A joint letter to two prints as one document.
    assert_eq!(app.print_copies(id).unwrap(), 1);
    let data = app.letter_data(id).unwrap();
    assert_eq!(data.recipients[1].name, "Robert E. Lighthizer");
    assert_eq!(
        data.recipients[1].honorific.as_deref(),
        Some("The Honorable")
    );
    let preview = app.preview_letter(id).unwrap();
    assert!(
        !preview.is_empty()
            && preview[0].contains("Dear Secretary Ross and Ambassador Lighthizer:")
    );

    let r = app.store().recipients(id).unwrap();
    let before = counts(&app);
    app.clock().set(at("2017-11-01"));
    let err = app
        .mark_sent(r[0].id, &send_report("2017-11-01", Method::Mail))
        .unwrap_err();
    assert!(err.to_string().contains("approved and signed"), "{err}");
    assert_eq!(counts(&app), before);

    app.clock().set(at("2017-10-31"));
    app.approve(id).unwrap();
    app.clock().set(at("2017-11-01"));
    app.sign(id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let files = app
        .export_letter(id, &dir.path().join("korus.pdf"), &ExportOptions::default())
        .unwrap();
    let exported = std::fs::read(&files[0]).unwrap();
    app.mark_sent(r[0].id, &send_report("2017-11-01", Method::Mail))
        .unwrap();
    app.mark_sent(r[1].id, &send_report("2017-11-01", Method::Fax))
        .unwrap();
    let archived = app.store().archived(id).unwrap();
    assert_eq!(archived.len(), 2);
    // What was archived is what was exported for signing, byte for byte.
    assert_eq!(archived[0].pdf, exported);
    assert_eq!(archived[0].sha256, store::letters::sha256_hex(&exported));
    assert_eq!(app.verify_archive(id).unwrap(), 2);
    let kinds: Vec<String> = app
        .store()
        .events(id)
        .unwrap()
        .iter()
        .map(|e| e.kind.to_string())
        .collect();
    assert_eq!(
        kinds,
        ["created", "approved", "signed", "exported", "sent", "sent"]
    );
}

fn editing_a_sent_letter_makes_a_revision_and_leaves_the_original_intact(engine: Backend) {
    let app = app_on(engine);
    let sample = app.letters(Some(Status::Sent)).unwrap()[0].id;
    let original = app.store().letter(sample).unwrap();
    let archived = app.store().archived(sample).unwrap();

    // In place, the record refuses: nothing is written.
    let before = counts(&app);
    let mut edit = new_letter(&app, "2017-09-05");
    edit.body = "Changed after the fact.".into();
    let draft = store::LetterDraft {
        template_id: original.template_id,
        position_id: original.position_id,
        signer_id: original.signer_id,
        date: original.date,
        subject: original.subject.clone(),
        body: "Changed after the fact.".into(),
        mode: original.mode,
        extra: original.extra.clone(),
    };
    let err = app
        .store()
        .edit_letter(sample, &draft, &[], at("2017-09-06"))
        .unwrap_err();
    assert!(err.to_string().contains("Make a revision"), "{err}");
    assert_eq!(counts(&app), before);

    app.clock().set(at("2017-09-06"));
    // The edit use case turns it into a revision.
    let edited = app.edit_letter(sample, &edit).unwrap();
    assert_ne!(edited.letter_id, sample);
    assert!(
        edited.warnings.iter().any(|w| w.contains("revision")),
        "{:?}",
        edited.warnings
    );
    let revision = app.store().letter(edited.letter_id).unwrap();
    assert_eq!(revision.revision_of, Some(sample));
    assert_eq!(revision.status, Status::Draft);
    assert_eq!(revision.body, "Changed after the fact.");
    assert_eq!(app.store().letter(sample).unwrap(), original);
    assert_eq!(app.store().archived(sample).unwrap(), archived);
    assert_eq!(app.verify_archive(sample).unwrap(), 2);
    // The revision can be edited in place like any draft.
    edit.subject = "Second thoughts".into();
    app.clock().set(at("2017-09-07"));
    assert_eq!(
        app.edit_letter(revision.id, &edit).unwrap().letter_id,
        revision.id
    );
    assert_eq!(
        app.store().letter(revision.id).unwrap().subject,
        "Second thoughts"
    );
}

fn an_unfinished_draft_is_saved_and_approval_names_what_is_missing(engine: Backend) {
    let app = app_on(engine);
    // No subject yet, and a signer without the title the template prints.
    let untitled = app.store().add_signer("Pat Doe", None).unwrap();
    let mut l = new_letter(&app, "2017-09-05");
    l.subject = String::new();
    l.signer_id = untitled;
    app.clock().set(at("2017-09-05"));
    let drafted = app.draft_letter(&l).unwrap();
    assert!(
        drafted.warnings.iter().any(|w| w.contains("signer.title")),
        "{:?}",
        drafted.warnings
    );
    let id = drafted.letter_id;
    assert_eq!(app.open_letter(id).unwrap().draft.subject, "");
    app.clock().set(at("2017-09-06"));
    let err = app.approve(id).unwrap_err();
    assert!(err.to_string().contains("signer.title"), "{err}");
    // Finished: a subject and a signer with a title; now it can be approved.
    l.subject = "Modernizing KORUS".into();
    l.signer_id = app.store().signers().unwrap()[0].id;
    let saved = app.edit_letter(id, &l).unwrap();
    assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
    app.clock().set(at("2017-09-07"));
    app.approve(id).unwrap();
    // Changing an approved letter withdraws the approval, and says so.
    l.body.push_str("\n\nOne more thing.");
    app.clock().set(at("2017-09-08"));
    let changed = app.edit_letter(id, &l).unwrap();
    assert!(
        changed
            .warnings
            .iter()
            .any(|w| w.contains("approved again")),
        "{:?}",
        changed.warnings
    );
    assert_eq!(app.open_letter(id).unwrap().summary.status, Status::Draft);
    // No addressee at all: saved, with the warning; approval refuses.
    let mut empty = new_letter(&app, "2017-09-05");
    empty.recipients.clear();
    app.clock().set(at("2017-09-05"));
    let drafted = app.draft_letter(&empty).unwrap();
    assert!(drafted.warnings.iter().any(|w| w.contains("addressee")));
    app.clock().set(at("2017-09-06"));
    let err = app.approve(drafted.letter_id).unwrap_err();
    assert!(err.to_string().contains("addressee"), "{err}");
}

fn a_per_recipient_letter_archives_each_recipients_own_copy(engine: Backend) {
    let app = app_on(engine);
    let mut l = new_letter(&app, "2017-11-01");
    l.mode = LetterMode::PerRecipient;
    app.clock().set(at("2017-10-30"));
    let id = app.draft_letter(&l).unwrap().letter_id;
    // Print counts one document per addressee (the window's "several copies").
    assert_eq!(app.print_copies(id).unwrap(), 2);
    app.clock().set(at("2017-10-31"));
    app.approve(id).unwrap();
    app.sign(id).unwrap();
    let r = app.store().recipients(id).unwrap();
    for x in &r {
        app.clock().set(at("2017-11-01"));
        app.mark_sent(x.id, &send_report("2017-11-01", Method::Email))
            .unwrap();
    }
    let archived = app.store().archived(id).unwrap();
    assert_ne!(archived[0].pdf, archived[1].pdf);
    assert!(archived[0].data.contains("Wilbur Ross") && !archived[0].data.contains("Lighthizer"));
    assert!(archived[1].data.contains("Lighthizer"));
    assert_eq!(app.verify_archive(id).unwrap(), 2);
}

fn a_joint_letter_half_sent_says_so_and_send_all_finishes_it(engine: Backend) {
    let app = app_on(engine);
    app.clock().set(at("2018-09-20"));
    let drafted = app.draft_letter(&new_letter(&app, "2018-09-24")).unwrap();
    let id = drafted.letter_id;
    app.clock().set(at("2018-09-21"));
    app.approve(id).unwrap();
    app.clock().set(at("2018-09-22"));
    app.sign(id).unwrap();
    let copies = app.open_letter(id).unwrap().recipients;
    assert_eq!(copies.len(), 2);
    let report = SendReport {
        method: Method::Email,
        at: Some(at("2018-09-24")),
        confirmation: Some("msg-1".into()),
        follow_up: FollowUp::On(day("2018-10-24")),
    };
    app.clock().set(at("2018-09-24"));
    app.mark_sent(copies[0].id, &report).unwrap();
    let summary = |app: &App| {
        app.letter_summaries(None)
            .unwrap()
            .into_iter()
            .find(|l| l.id == id)
            .unwrap()
    };
    let half = summary(&app);
    assert_eq!(half.status, Status::Sent);
    assert_eq!((half.copies, half.copies_sent), (2, 1));
    assert_eq!(app.open_letter(id).unwrap().summary.copies_sent, 1);
    app.clock().set(at("2018-09-25"));
    // "Send all unsent" sends the one left, and only it.
    let sent = app
        .send_copies(&SendRequest {
            letter_id: id,
            copy: None,
            report,
        })
        .unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, copies[1].id);
    let whole = summary(&app);
    assert_eq!((whole.copies, whole.copies_sent), (2, 2));
}

fn quotes_are_typographic_in_data_too_and_older_archives_still_verify(engine: Backend) {
    let app = app_on(engine);
    let mut l = new_letter(&app, "2018-09-24");
    l.body = "Our members' \"gains\" matter, as Mr. O'Brien said.".into();
    let preview = app.preview_draft(&l, &PreviewHave::default()).unwrap();
    let text = &preview.pages[0].drawing.as_ref().unwrap().overlay;
    assert!(
        text.contains("members\u{2019} \u{201c}gains\u{201d} matter, as Mr. O\u{2019}Brien said."),
        "{text}"
    );
    // The position statement comes from the data: curled as well.
    assert!(
        !text.contains("&#39;") && !text.contains("&quot;"),
        "{text}"
    );

    app.clock().set(at("2018-09-24"));
    // A copy archived before typography was recorded (data without the
    // field, set with the data's straight quotes) still verifies.
    let id = app.draft_letter(&l).unwrap().letter_id;
    app.approve(id).unwrap();
    app.sign(id).unwrap();
    let mut data = app.letter_data(id).unwrap();
    data.typography = 0;
    data.format = 0;
    let pdf = app.engine().render_pdfs(&data, None).unwrap().remove(0).1;
    let mut json = serde_json::to_value(&data).unwrap();
    json.as_object_mut().unwrap().remove("typography");
    json.as_object_mut().unwrap().remove("format");
    let recipient = app.store().recipients(id).unwrap()[0].id;
    app.store()
        .mark_sent(
            recipient,
            &store::letters::Sending {
                method: Method::Mail,
                at: at("2018-09-24"),
                confirmation: None,
                follow_up_on: None,
            },
            &store::letters::Copy {
                pdf,
                data: json.to_string(),
            },
            at("2018-09-24"),
        )
        .unwrap();
    assert_eq!(app.verify_archive(id).unwrap(), 1);
}

/// Issue 31: a copy archived before letters were tagged PDF/A files (an
/// untagged PDF, a right-to-left name's words in the order typed, data
/// without `format`) still re-renders to its bytes and verifies; today's
/// rendering of the same data is another file.
fn an_untagged_copy_archived_before_tagged_pdf_still_verifies(engine: Backend) {
    let app = app_on(engine);
    app.clock().set(at("2018-09-24"));
    let l = new_letter(&app, "2018-09-24");
    let id = app.draft_letter(&l).unwrap().letter_id;
    app.approve(id).unwrap();
    app.sign(id).unwrap();
    let mut data = app.letter_data(id).unwrap();
    data.recipients[0].name = "محمد بن سلمان".into();
    data.format = 0;
    let old = app.engine().render_pdfs(&data, None).unwrap().remove(0).1;
    data.format = letters::FORMAT;
    let now = app.engine().render_pdfs(&data, None).unwrap().remove(0).1;
    assert_ne!(old, now, "today's file is tagged");
    assert!(!String::from_utf8_lossy(&old).contains("/StructTreeRoot"));
    assert!(String::from_utf8_lossy(&now).contains("/StructTreeRoot"));
    let mut json = serde_json::to_value(&data).unwrap();
    json.as_object_mut().unwrap().remove("format");
    let recipient = app.store().recipients(id).unwrap()[0].id;
    app.store()
        .mark_sent(
            recipient,
            &store::letters::Sending {
                method: Method::Mail,
                at: at("2018-09-24"),
                confirmation: None,
                follow_up_on: None,
            },
            &store::letters::Copy {
                pdf: old,
                data: json.to_string(),
            },
            at("2018-09-24"),
        )
        .unwrap();
    assert_eq!(app.verify_archive(id).unwrap(), 1);
}

/// Issue 31: a letter's language is its PDF's (what a screen reader reads
/// it in); en-US when none is chosen; a tag that is not one is refused at
/// the field and nothing is saved.
fn a_letters_language_is_its_pdfs(engine: Backend) {
    let app = app_on(engine);
    let mut l = new_letter(&app, "2018-09-24");
    let id = app.draft_letter(&l).unwrap().letter_id;
    let pdf = String::from_utf8_lossy(&app.render_letter(id).unwrap()[0].1).into_owned();
    assert!(pdf.contains("/Lang(en-US)"), "the default");
    l.extra.lang = Some(" fr-CA ".into());
    let id = app.draft_letter(&l).unwrap().letter_id;
    assert_eq!(
        app.open_letter(id).unwrap().draft.extra.lang.as_deref(),
        Some("fr-CA")
    );
    let pdf = String::from_utf8_lossy(&app.render_letter(id).unwrap()[0].1).into_owned();
    assert!(pdf.contains("/Lang(fr-CA)"), "the letter's own");
    assert!(pdf.contains("<rdf:li>fr-CA</rdf:li>"), "and the XMP's");
    // Choosing the default language is naming none, as a letter that never
    // named one does (the catalog says which it is).
    l.extra.lang = Some(app.catalog().unwrap().default_language);
    let id = app.draft_letter(&l).unwrap().letter_id;
    assert_eq!(app.open_letter(id).unwrap().draft.extra.lang, None);
    let before = app.letters(None).unwrap().len();
    for bad in ["french", "f", "fr_CA", "fr-", "fr-toolongsubtag"] {
        l.extra.lang = Some(bad.into());
        let err = app.draft_letter(&l).unwrap_err();
        assert_eq!(err.field().as_deref(), Some("lang"), "{bad}: {err}");
        assert!(err.to_string().contains("is not a language tag"), "{err}");
    }
    assert_eq!(app.letters(None).unwrap().len(), before, "nothing saved");
}

testkit::engines!(
    a_letters_language_is_its_pdfs,
    an_untagged_copy_archived_before_tagged_pdf_still_verifies,
    draft_approve_sign_send_archives_the_exact_pdf,
    editing_a_sent_letter_makes_a_revision_and_leaves_the_original_intact,
    an_unfinished_draft_is_saved_and_approval_names_what_is_missing,
    a_per_recipient_letter_archives_each_recipients_own_copy,
    a_joint_letter_half_sent_says_so_and_send_all_finishes_it,
    quotes_are_typographic_in_data_too_and_older_archives_still_verify,
);
