//! The use cases' integration tests, in one test binary: one link instead of one per file
//! (each was ~450 MB with debug info, which filled CI's disk).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod committees;
mod common;
mod congress;
mod connections;
mod email;
mod followups;
mod mailbox;
mod merge;
mod modules;
mod pagination;
mod posts;
mod printing;
mod record;
mod reports;
mod rosters;
mod signing;
mod silent_defaults;
mod templates;
