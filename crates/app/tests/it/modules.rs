//! The modules of crates/app import one another without circles and never
//! the crate root (`lib.rs` only declares and re-exports). The checker is
//! `testkit::modules`, shared with crates/typeset and tested there on
//! made-up crates with a circle and a root import.

use std::path::Path;

#[test]
fn the_apps_modules_import_one_another_without_circles() {
    testkit::modules::assert_no_cycles(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
}
