//! The record both store benches build: 100,000 persons in 600 offices
//! and 250,000 letters of four copies each (1,000,000 letter-recipient
//! rows) dated over sixteen years, with sixty words of Zipf-distributed
//! text each.

#![allow(dead_code)]

use chrono::{Days, NaiveDate, TimeZone, Utc};
use rusqlite::params;
use store::Store;

pub const PERSONS: i64 = 100_000;
pub const OFFICES: i64 = 600;
pub const LETTERS: i64 = 250_000;
pub const RECIPIENTS_PER_LETTER: i64 = 4;
pub const RUNS: usize = 400;

pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// Roughly Zipf-distributed index below n: common words are common.
    pub fn zipf(&mut self, n: u64) -> u64 {
        let u = (self.below(1_000_000) as f64 + 1.0) / 1_000_001.0;
        ((n as f64).powf(u) - 1.0) as u64
    }
}

pub const SYLLABLES: [&str; 24] = [
    "ka", "ro", "mi", "tan", "vel", "dor", "shi", "len", "bra", "sto", "quin", "pe", "lu", "gar",
    "mon", "ther", "ash", "fi", "cor", "nel", "da", "ris", "um", "wex",
];

pub fn word(mut k: u64) -> String {
    let mut w = String::new();
    loop {
        w.push_str(SYLLABLES[(k % 24) as usize]);
        k /= 24;
        if k == 0 {
            break;
        }
    }
    w
}

/// A new database on the benchmark's PostgreSQL server, as a team record.
pub fn team_database(name: &str) -> store::team::TeamConnect {
    let server = std::env::var("AMICUS_TEST_PG")
        .expect("AMICUS_TEST_PG (run under scripts/with-postgres.sh)");
    let mut admin =
        postgres::Client::connect(&format!("{server} dbname=postgres"), postgres::NoTls)
            .expect("connect");
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .expect("drop the database");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create the database");
    store::team::TeamConnect {
        url: format!("{server} dbname={name}"),
        ..Default::default()
    }
}

/// `letters` letters of four recipients each; with `archive`, each letter
/// also has its sent PDF (16 KB) archived, as a real record does.
pub fn fill(mut store: Store, letters: i64, archive: bool) -> Store {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
    store
        .write(|tx| {
            // A bulk load of a whole record, as `team import` is.
            if tx.dialect() == store::db::Dialect::Postgres {
                tx.execute_batch("SELECT amicus_begin_import()")?;
            }
            tx.execute(
                "INSERT INTO templates (key, version, builtin, meta, source, created_at) VALUES ('t', 1, 1, '{}', '', ?1)",
                [now],
            )?;
            tx.execute("INSERT INTO signers (name) VALUES ('Signer')", [])?;
            for i in 0..50 {
                tx.execute("INSERT INTO issues (name) VALUES (?1)", [format!("Issue {}", word(i + 500))])?;
                tx.execute(
                    "INSERT INTO positions (issue_id, version, stance, adopted_on, statement) VALUES (?1, 1, 'support', '2009-01-01', ?2)",
                    params![i as i64 + 1, format!("We support {}", word(i + 900))],
                )?;
            }
            {
                let mut office = tx.prepare("INSERT INTO offices (title, kind, single_holder) VALUES (?1, 'representative', 0)")?;
                for i in 0..OFFICES {
                    office.execute([format!("Office {i} {}", word(i as u64 + 3000))])?;
                }
                let mut person = tx.prepare(
                    "INSERT INTO persons (full_name, family_name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                )?;
                let mut term = tx.prepare("INSERT INTO terms (person_id, office_id, start_on) VALUES (?1, ?2, '2010-01-01')")?;
                for i in 0..PERSONS {
                    let family = word(rng.below(200_000) + 10_000);
                    let given = word(rng.below(500) + 600);
                    person.execute(params![format!("{given} {family}"), family, now])?;
                    term.execute(params![i + 1, i % OFFICES + 1])?;
                }
                let mut letter = tx.prepare(
                    "INSERT INTO letters (template_id, position_id, signer_id, date, subject, body, mode, status, created_at, updated_at)
                     VALUES (1, ?1, 1, ?2, ?3, ?4, 'joint', 'sent', ?5, ?5)",
                )?;
                let mut recipient = tx.prepare(
                    "INSERT INTO letter_recipients (letter_id, ord, letter_date, role, person_id, office_id, method, sent_at, follow_up_on)
                     VALUES (?1, ?2, ?7, 'to', ?3, ?4, 'mail', ?5, ?6)",
                )?;
                let mut archived = tx.prepare(
                    "INSERT INTO archive (letter_id, recipient_id, pdf, sha256, data, created_at) VALUES (?1, NULL, ?2, ?3, '{}', ?4)",
                )?;
                for l in 0..letters {
                    let date = start + Days::new(rng.below(6000));
                    let words: Vec<String> = (0..60).map(|_| word(rng.zipf(5000))).collect();
                    let subject = format!("On {} and {}", word(rng.zipf(5000)), word(rng.zipf(5000)));
                    letter.execute(params![rng.below(50) as i64 + 1, date, subject, words.join(" "), now])?;
                    for ord in 0..RECIPIENTS_PER_LETTER {
                        let p = rng.below(PERSONS as u64) as i64 + 1;
                        let sent = Utc.from_utc_datetime(&date.and_hms_opt(15, 0, 0).unwrap());
                        recipient.execute(params![l + 1, ord + 1, p, (p - 1) % OFFICES + 1, sent, date + Days::new(30), date])?;
                    }
                    if archive {
                        let pdf: Vec<u8> = (0..16_384).map(|_| rng.below(256) as u8).collect();
                        let hash = store::letters::sha256_hex(&pdf);
                        archived.execute(params![l + 1, pdf, hash, now])?;
                    }
                }
            }
            Ok(())
        })
        .expect("build");
    // On PostgreSQL as autovacuum leaves a freshly loaded table: its
    // visibility map set, so reads skip the per-row checks a just-written
    // row needs (measured: without it a rare word's p95 was 31 ms, not 13).
    let analyze = store
        .connection()
        .pick("ANALYZE; PRAGMA optimize;", "VACUUM ANALYZE");
    store.connection().execute_batch(analyze).expect("analyze");
    store
}
