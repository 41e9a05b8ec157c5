//! Templates: user ones versioned, the shipped ones read-only.

use super::world::{at, world_on};
use store::*;
use support::Backend;
use testkit::engines as support;

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

testkit::engines!(templates_are_versioned_and_builtins_read_only,);
