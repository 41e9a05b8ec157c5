//! A letter's life in the record: drafted, approved, signed (with the
//! signer's image), sent and archived; refused whole when bad.

use super::world::{at, counts, day, draft, sent_letter, to, world_on};
use store::letters::{Copy, Sending};
use store::*;
use support::Backend;
use testkit::engines as support;

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

testkit::engines!(
    a_letter_goes_from_draft_to_sent_and_is_archived,
    a_sent_letter_cannot_change_and_a_revision_leaves_it_intact,
    editing_an_approved_letter_returns_it_to_draft,
    an_unfinished_draft_is_kept_but_not_approved,
    bad_letters_are_refused_whole,
    a_signer_may_have_a_signature_image,
    a_letter_keeps_the_signature_it_was_signed_with_and_a_sent_one_cannot_lose_it,
);
