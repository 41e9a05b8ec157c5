//! One test (at least) per query of the store, by subject, each module on
//! the same fixtures (`world`): an in-memory record on SQLite, a database
//! of the test's own on PostgreSQL.

mod history;
mod letters;
mod log;
mod officials;
mod positions;
mod record;
mod search;
mod team;
mod templates;
mod world;
