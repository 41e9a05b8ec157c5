//! The modules of crates/typeset import one another without circles and
//! never the crate root: fonts sits below shaping, layout and embedding,
//! which keep their caches in their own modules (see `cache.rs`).

use std::path::Path;

#[test]
fn the_typesetters_modules_import_one_another_without_circles() {
    testkit::modules::assert_no_cycles(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
}
