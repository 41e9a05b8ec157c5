//! The `amicus` command's tests, each running the built binary, in one test binary: one link instead of one per file
//! (each was ~450 MB with debug info, which filled CI's disk).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod common;
mod concurrency;
mod email;
mod followups;
mod groups;
mod letterhead;
mod mailbox;
mod paper;
mod paragraphs;
mod pdfa_check;
#[cfg(unix)]
mod print;
mod record;
mod render;
mod report;
mod signing;
mod tagged;
mod team;
mod word;
