//! What the integration tests of `store`, `app` and `amicus` share, in one
//! place: each suite is one test binary (`tests/it/main.rs`) that depends on
//! this crate instead of including files by path.
//!
//! - [`engines`]: run a test on both engines (`engines!`), a fresh record on
//!   each, PostgreSQL skipped with a message when no test server is given,
//!   unless `AMICUS_REQUIRE_PG=1` (which `make test` sets) makes that a failure;
//! - [`pg_server`]: a PostgreSQL server of the test's own (TLS, passwords,
//!   stop and start);
//! - [`modules`]: a crate's modules import one another without circles and
//!   never the crate root;
//! - [`pki`]: test certificates (a CA, a TLS server's, signers' in PKCS#12),
//!   made in-process with rcgen;
//! - [`smtp`]: the real mail server the e-mail tests talk to.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test support: a panic is the failure report

#[cfg(unix)]
pub mod cups;
#[cfg(feature = "record")]
pub mod engines;
pub mod modules;
pub mod oidc;
#[cfg(feature = "record")]
pub mod pg_server;
pub mod pki;
pub mod smtp;
