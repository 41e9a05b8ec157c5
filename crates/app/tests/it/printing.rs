//! The print service as Print finds it: a computer without CUPS at all is
//! told so, not that it has no printer set up.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use amicus_app::*;
use chrono::{DateTime, Utc};

fn app(engine: testkit::engines::Backend, programs: &std::path::Path) -> App {
    let at: DateTime<Utc> = "2026-11-28T15:00:00Z".parse().unwrap();
    App::with_store(
        amicus_app::Engine::new().unwrap(),
        testkit::engines::fresh(engine),
        at,
    )
    .unwrap()
    .with_print_programs(programs)
}

#[cfg(unix)]
fn no_print_service_is_not_no_printer(engine: testkit::engines::Backend) {
    use std::os::unix::fs::PermissionsExt;
    // No lpstat at all: the computer has no print service.
    let empty = tempfile::tempdir().unwrap();
    let err = app(engine, empty.path()).printers().unwrap_err();
    let said = err.to_string();
    assert!(said.contains("no print service"), "{said}");
    assert!(said.contains("install CUPS"), "{said}");
    // A print service that answers but has no printer: none, no error.
    let cups = tempfile::tempdir().unwrap();
    let lpstat = cups.path().join("lpstat");
    std::fs::write(
        &lpstat,
        "#!/bin/sh\necho 'lpstat: No destinations added.' >&2\nexit 1\n",
    )
    .unwrap();
    std::fs::set_permissions(&lpstat, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(app(engine, cups.path()).printers().unwrap(), Vec::new());
    // And one with printers lists them, the default first.
    std::fs::write(
        &lpstat,
        "#!/bin/sh\nif [ \"$1\" = -e ]; then printf 'Annex\\nTrade-4F\\n'; \
         else echo 'system default destination: Trade-4F'; fi\n",
    )
    .unwrap();
    let names: Vec<(String, bool)> = app(engine, cups.path())
        .printers()
        .unwrap()
        .into_iter()
        .map(|p| (p.name, p.default))
        .collect();
    assert_eq!(
        names,
        vec![("Trade-4F".to_string(), true), ("Annex".to_string(), false)]
    );
}

#[cfg(unix)]
testkit::engines!(no_print_service_is_not_no_printer);
