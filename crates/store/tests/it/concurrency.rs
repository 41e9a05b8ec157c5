//! Two connections writing one file. A write transaction that reads first
//! and is overtaken by another connection's commit must wait its turn, not
//! be refused: with DEFERRED transactions SQLite answers such a write
//! "database is locked" at once (the busy timeout cannot help, because the
//! reader's snapshot is stale); `Store::write` starts IMMEDIATE.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::mpsc;
use std::time::Duration;

use store::Store;

#[test]
fn a_write_that_reads_first_waits_for_the_other_writer_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("amicus.db");
    let mut first = Store::open(&path).unwrap();
    let mut second = Store::open(&path).unwrap();
    let count = |s: &Store| -> i64 {
        s.connection()
            .query_row("SELECT count(*) FROM issues", [], |r| r.get(0))
            .unwrap()
    };
    let (inside, started) = mpsc::channel();
    std::thread::scope(|s| {
        let other = s.spawn(move || {
            started.recv().unwrap();
            second.add_issue("Steel tariffs", "").unwrap();
            second
        });
        first
            .write(|tx| {
                let n: i64 = tx.query_row("SELECT count(*) FROM issues", [], |r| r.get(0))?;
                inside.send(()).unwrap();
                // The other connection tries to write meanwhile.
                std::thread::sleep(Duration::from_millis(300));
                tx.execute(
                    "INSERT INTO issues (name, summary) VALUES (?1, '')",
                    [format!("Issue {}", n + 1)],
                )?;
                Ok(())
            })
            .expect("the first writer's transaction commits");
        let second = other.join().unwrap();
        assert_eq!(count(&second), 2);
    });
    assert_eq!(count(&first), 2);
}
