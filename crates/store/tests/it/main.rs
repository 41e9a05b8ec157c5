//! The store's integration tests, in one test binary: one link instead of one per file
//! (each was ~450 MB with debug info, which filled CI's disk).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is the failure report

mod concurrency;
mod crash;
mod migration;
mod officials_csv;
mod queries;
mod schema_parity;
mod team_connect;
mod team_load;
