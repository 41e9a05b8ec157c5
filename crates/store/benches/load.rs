//! Fifty staff at once on a team record of 1,000,000 letter-recipient rows.
//!
//! Each session is a desktop as `src-tauri` makes one: a `Store` (its one
//! connection) and a change listener (`team::watch`, its second). For
//! `AMICUS_LOAD_SECONDS` (120) each of `AMICUS_LOAD_SESSIONS` (50) sessions
//! does what staff do, one thing at a time with a pause between (uniform
//! 0–2 × `AMICUS_LOAD_THINK_MS`, 1000: a click a second is a busy person):
//!
//! - reads: the sent log by month (its first page, and sometimes the next)
//!   and by office, a search, opening a letter;
//! - writes: a letter's way, one step per turn: the draft created, saved
//!   twice, approved, signed, and its four copies marked sent (each with its
//!   16 KB PDF archived);
//! - live refresh: when its listener reports a colleague's change to the
//!   letters, the session reads the sent log page it shows again, before
//!   its next step (as the window's open queries refetch).
//!
//! A probe writes once a second to an area nobody else writes (an issue),
//! and each listener times how long after the write began it heard of it.
//! A monitor samples `pg_stat_activity` every second.
//!
//! Prints p50/p95/max of each operation and the connections the server
//! held. Run by `make bench` against the throwaway server of
//! `scripts/with-postgres.sh` (the database `amicus_bench` the store bench
//! built is reused when it is there; otherwise it is built, ~6 minutes).
//! Not a test: it asserts nothing. The client's threads share the machine
//! with the server, as they would not in an office.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate, Utc};
use store::letters::{Copy, Sending};
use store::log::LogFilter;
use store::team::{TeamConnect, TeamEvent, watch};
use store::{LetterDraft, LetterMode, Method, NewRecipient, Role, Store};

mod common;
use common::*;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

type Times = Arc<Mutex<BTreeMap<&'static str, Vec<Duration>>>>;

fn record(times: &Times, op: &'static str, took: Duration) {
    times.lock().unwrap().entry(op).or_default().push(took);
}

/// The record: `amicus_bench` if it is there with a million copies (the
/// store bench's, brought up to this build's schema), else built anew.
fn record_for_load(server: &str) -> TeamConnect {
    let c = TeamConnect {
        url: format!("{server} dbname=amicus_bench"),
        ..Default::default()
    };
    if let Ok(s) = Store::init_team(&c) {
        let rows: i64 = s
            .connection()
            .query_row("SELECT count(*) FROM letter_recipients", [], |r| r.get(0))
            .unwrap_or(0);
        if rows >= LETTERS * RECIPIENTS_PER_LETTER {
            println!("reusing amicus_bench ({rows} letter-recipient rows)");
            return c;
        }
    }
    let t = Instant::now();
    fill(
        Store::init_team(&team_database("amicus_bench")).expect("team record"),
        LETTERS,
        false,
    );
    println!("built amicus_bench in {:.0} s", t.elapsed().as_secs_f64());
    c
}

/// One session's letter on its way: what it does next.
enum Step {
    Create,
    Save(u8),
    Approve,
    Sign,
    Send(usize),
}

struct Session {
    store: Store,
    rng: Rng,
    n: usize,
    letter: i64,
    step: Step,
    /// The sent log page the window shows (re-read on a change).
    showing: LogFilter,
    /// Rows a sent log page holds (`AMICUS_LOAD_PAGE`, 100 as the window's).
    page: usize,
    /// When a step read a month's page and then the next: how long the
    /// first page took (the two are timed as the reads they are).
    first_page: Option<Duration>,
}

impl Session {
    fn draft(&mut self, k: u64) -> (LetterDraft, Vec<NewRecipient>) {
        let today = Utc::now().date_naive();
        let body: Vec<String> = (0..60).map(|_| word(self.rng.zipf(5000))).collect();
        let d = LetterDraft {
            template_id: 1,
            position_id: Some(self.rng.below(50) as i64 + 1),
            signer_id: 1,
            date: today,
            subject: format!(
                "Session {} letter {k} on {}",
                self.n,
                word(self.rng.zipf(5000))
            ),
            body: body.join(" "),
            mode: LetterMode::Joint,
            extra: serde_json::json!({}),
        };
        let to = (0..RECIPIENTS_PER_LETTER)
            .map(|_| {
                let p = self.rng.below(PERSONS as u64) as i64 + 1;
                NewRecipient {
                    role: Role::To,
                    person_id: Some(p),
                    office_id: Some((p - 1) % OFFICES + 1),
                    term_id: None,
                }
            })
            .collect();
        (d, to)
    }

    /// The next step of this session's letter; its name.
    fn write(&mut self) -> &'static str {
        let now = Utc::now();
        match self.step {
            Step::Create => {
                let k = self.rng.next();
                let (d, to) = self.draft(k);
                self.letter = self.store.create_letter(&d, &to, now).expect("create");
                self.step = Step::Save(0);
                "write: draft created"
            }
            Step::Save(n) => {
                let k = self.rng.next();
                let (d, to) = self.draft(k);
                self.store
                    .edit_letter(self.letter, &d, &to, now)
                    .expect("save");
                self.step = if n == 1 { Step::Approve } else { Step::Save(1) };
                "write: draft saved"
            }
            Step::Approve => {
                self.store
                    .approve_letter(self.letter, now)
                    .expect("approve");
                self.step = Step::Sign;
                "write: letter approved"
            }
            Step::Sign => {
                self.store.sign_letter(self.letter, now).expect("sign");
                self.step = Step::Send(0);
                "write: letter signed"
            }
            Step::Send(i) => {
                let copies = self.store.recipients(self.letter).expect("copies");
                let pdf: Vec<u8> = (0..16_384).map(|_| self.rng.below(256) as u8).collect();
                self.store
                    .mark_sent(
                        copies[i].id,
                        &Sending {
                            method: Method::Email,
                            at: now,
                            confirmation: Some(format!("<{}.{}@load>", self.n, self.letter)),
                            follow_up_on: Some(now.date_naive() + Days::new(30)),
                        },
                        &Copy {
                            pdf,
                            data: "{}".into(),
                        },
                        now,
                    )
                    .expect("mark sent");
                self.step = if i + 1 == copies.len() {
                    Step::Create
                } else {
                    Step::Send(i + 1)
                };
                "write: copy marked sent"
            }
        }
    }

    fn month(&mut self) -> LogFilter {
        let from = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap() + Days::new(self.rng.below(5900));
        LogFilter {
            from: Some(from),
            to: Some(from + Days::new(30)),
            limit: self.page,
            ..Default::default()
        }
    }

    /// One thing a member of staff does; its name.
    fn act(&mut self) -> &'static str {
        let roll = self.rng.below(100);
        match roll {
            0..=24 => {
                let f = self.month();
                let t = Instant::now();
                let page = self.store.log(&f).expect("log");
                let first = t.elapsed();
                self.showing = f.clone();
                if self.rng.below(4) == 0 && page.len() == self.page {
                    // Read on: the next page, after the last row shown.
                    let next = LogFilter {
                        after: page.last().map(|e| e.cursor()),
                        ..f
                    };
                    self.store.log(&next).expect("log");
                    self.first_page = Some(first);
                    return "read: sent log, the next page";
                }
                "read: sent log, a month"
            }
            25..=39 => {
                let f = LogFilter {
                    office_id: Some(self.rng.below(OFFICES as u64) as i64 + 1),
                    limit: self.page,
                    ..Default::default()
                };
                self.store.log(&f).expect("log");
                self.showing = f;
                "read: sent log, an office"
            }
            40..=59 => {
                let text = match self.rng.below(4) {
                    0 => word(self.rng.below(200_000) + 10_000),
                    1 => word(self.rng.below(3000) + 2000),
                    2 => word(self.rng.below(10)),
                    _ => format!(
                        "{} {}",
                        word(self.rng.below(100)),
                        word(self.rng.below(1000))
                    ),
                };
                self.store.search(&text, 50).expect("search");
                "read: search"
            }
            60..=74 => {
                let id = self.rng.below(LETTERS as u64) as i64 + 1;
                self.store.letter(id).expect("letter");
                self.store.recipients(id).expect("recipients");
                "read: open a letter"
            }
            _ => self.write(),
        }
    }
}

/// CPU seconds (user + system) a process has used, from /proc (Linux).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command's ")": state is field 3, utime 14 and stime 15.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The server's processes (the postmaster's children) and their CPU at the
/// start, when the server runs on this machine.
struct ServerCpu {
    postmaster: u32,
    start: std::collections::HashMap<u32, f64>,
}

impl ServerCpu {
    fn children(postmaster: u32) -> std::collections::HashMap<u32, f64> {
        let mut out = std::collections::HashMap::new();
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if (ppid == Some(postmaster) || pid == postmaster)
                && let Some(cpu) = cpu_seconds(pid)
            {
                out.insert(pid, cpu);
            }
        }
        out
    }

    fn find(url: &str) -> Option<ServerCpu> {
        let mut c = postgres::Client::connect(url, postgres::NoTls).ok()?;
        let pid: i32 = c.query_one("SELECT pg_backend_pid()", &[]).ok()?.get(0);
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let postmaster = stat
            .rsplit_once(')')?
            .1
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        Some(ServerCpu {
            postmaster,
            start: ServerCpu::children(postmaster),
        })
    }

    /// CPU seconds the server used since `find`, and over how many processes.
    fn used(&self) -> (f64, usize) {
        let now = ServerCpu::children(self.postmaster);
        let used = now
            .iter()
            .map(|(pid, cpu)| cpu - self.start.get(pid).copied().unwrap_or(0.0))
            .sum();
        (used, now.len())
    }
}

fn report(name: &str, times: &mut [Duration], seconds: f64) {
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{name:<40} p50 {:>7.2} ms   p95 {:>7.2} ms   max {:>8.2} ms   ({} times, {:.1}/s)",
        ms(pct(0.50)),
        ms(pct(0.95)),
        ms(times[times.len() - 1]),
        times.len(),
        times.len() as f64 / seconds
    );
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let server = std::env::var("AMICUS_TEST_PG")
        .expect("AMICUS_TEST_PG (run under scripts/with-postgres.sh)");
    let sessions = env_or("AMICUS_LOAD_SESSIONS", 50) as usize;
    let seconds = env_or("AMICUS_LOAD_SECONDS", 120);
    let think = env_or("AMICUS_LOAD_THINK_MS", 1000);
    let page = env_or("AMICUS_LOAD_PAGE", 100) as usize;
    let connect = record_for_load(&server);

    let times: Times = Arc::default();
    let done = Arc::new(AtomicBool::new(false));
    // The probe's write: when it began, and its number.
    let probe: Arc<Mutex<Option<Instant>>> = Arc::default();
    let peak = Arc::new(Mutex::new((0i64, String::new())));
    let max_connections: String = {
        let mut admin = postgres::Client::connect(&connect.url, postgres::NoTls).unwrap();
        admin.query_one("SHOW max_connections", &[]).unwrap().get(0)
    };
    println!(
        "{sessions} sessions for {seconds} s, a pause of 0–{} ms between steps, sent log pages of {page}; server max_connections {max_connections}",
        2 * think
    );
    let server_cpu = ServerCpu::find(&connect.url);
    let own_cpu = cpu_seconds(std::process::id());

    let start = Instant::now();
    let until = start + Duration::from_secs(seconds);
    std::thread::scope(|scope| {
        // The monitor: the server's connections, every second.
        {
            let (url, done, peak) = (connect.url.clone(), Arc::clone(&done), Arc::clone(&peak));
            scope.spawn(move || {
                let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
                while !done.load(Ordering::SeqCst) {
                    let rows = admin
                        .query(
                            "SELECT coalesce(application_name, ''), count(*) FROM pg_stat_activity
                             WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
                             GROUP BY 1 ORDER BY 1",
                            &[],
                        )
                        .unwrap();
                    let total: i64 = rows.iter().map(|r| r.get::<_, i64>(1)).sum();
                    let mut p = peak.lock().unwrap();
                    if total > p.0 {
                        let by: Vec<String> = rows
                            .iter()
                            .map(|r| format!("{} {}", r.get::<_, i64>(1), r.get::<_, String>(0)))
                            .collect();
                        *p = (total, by.join(", "));
                    }
                    drop(p);
                    std::thread::sleep(Duration::from_secs(1));
                }
            });
        }
        // The probe: a change nobody else makes, once a second.
        {
            let (connect, done, probe) = (connect.clone(), Arc::clone(&done), Arc::clone(&probe));
            let times = Arc::clone(&times);
            scope.spawn(move || {
                let mut s = Store::open_team(&connect).unwrap();
                let mut k = 0;
                std::thread::sleep(Duration::from_secs(3));
                while !done.load(Ordering::SeqCst) {
                    k += 1;
                    let t = Instant::now();
                    *probe.lock().unwrap() = Some(t);
                    s.add_issue(&format!("Probe {} {k}", std::process::id()), "")
                        .unwrap();
                    record(&times, "write: an issue (the probe)", t.elapsed());
                    std::thread::sleep(Duration::from_secs(1));
                }
            });
        }
        let heard_late = Arc::new(AtomicU64::new(0));
        for n in 0..sessions {
            let (connect, times, probe) = (connect.clone(), Arc::clone(&times), Arc::clone(&probe));
            let heard_late = Arc::clone(&heard_late);
            scope.spawn(move || {
                let stale = Arc::new(AtomicBool::new(false));
                let watcher = {
                    let (stale, times) = (Arc::clone(&stale), Arc::clone(&times));
                    watch(connect.clone(), move |e| {
                        if let TeamEvent::Changed(areas) = e {
                            if areas.iter().any(|a| a == "letters") {
                                stale.store(true, Ordering::SeqCst);
                            }
                            if areas.iter().any(|a| a == "positions")
                                && let Some(t) = *probe.lock().unwrap()
                            {
                                let late = t.elapsed();
                                if late > Duration::from_secs(1) {
                                    heard_late.fetch_add(1, Ordering::SeqCst);
                                }
                                record(&times, "notify: a change heard by each window", late);
                            }
                        }
                    })
                };
                watcher.wait_until_listening(Duration::from_secs(30));
                let mut s = Session {
                    store: Store::open_team(&connect).unwrap(),
                    rng: Rng(0x1234_5678 + n as u64 * 7919),
                    n,
                    letter: 0,
                    step: Step::Create,
                    showing: LogFilter::default(),
                    page,
                    first_page: None,
                };
                // Staggered starts, as people sit down.
                std::thread::sleep(Duration::from_millis(s.rng.below(2 * think + 1)));
                while Instant::now() < until {
                    if stale.swap(false, Ordering::SeqCst) {
                        let t = Instant::now();
                        s.store.log(&s.showing).expect("refresh");
                        record(&times, "refresh: the sent log page shown", t.elapsed());
                    }
                    let t = Instant::now();
                    let op = s.act();
                    let took = t.elapsed();
                    match s.first_page.take() {
                        Some(first) => {
                            record(&times, "read: sent log, a month", first);
                            record(&times, op, took - first);
                        }
                        None => record(&times, op, took),
                    }
                    std::thread::sleep(Duration::from_millis(s.rng.below(2 * think + 1)));
                }
                drop(watcher);
            });
        }
        // The CPU used, a second before the end, while every session and
        // its server process are still there.
        while Instant::now() + Duration::from_secs(1) < until {
            std::thread::sleep(Duration::from_millis(200));
        }
        let secs = start.elapsed().as_secs_f64();
        if let Some((used, processes)) = server_cpu.as_ref().map(|s| s.used()) {
            println!(
                "server CPU: {used:.0} s in {secs:.0} s ({:.2} cores on average, {processes} processes)",
                used / secs
            );
        }
        if let (Some(before), Some(now)) = (own_cpu, cpu_seconds(std::process::id())) {
            println!(
                "the sessions' own CPU (this process): {:.2} cores on average",
                (now - before) / secs
            );
        }
        while Instant::now() < until {
            std::thread::sleep(Duration::from_millis(200));
        }
        done.store(true, Ordering::SeqCst);
        println!(
            "notifications heard more than a second after the change: {}",
            heard_late.load(Ordering::SeqCst)
        );
    });
    let elapsed = start.elapsed().as_secs_f64();
    let mut times = Arc::try_unwrap(times).unwrap().into_inner().unwrap();
    for (name, t) in times.iter_mut() {
        report(name, t, elapsed);
    }
    let (peak, by) = &*peak.lock().unwrap();
    println!("server connections at most: {peak} ({by}), max_connections {max_connections}");
}
