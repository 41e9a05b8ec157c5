//! One connection, two engines: the embedded SQLite file or a team's
//! PostgreSQL server.
//!
//! The store's queries are written once, in the SQL both engines share, with
//! `?N` placeholders (rewritten to `$N` for PostgreSQL). Values cross the
//! boundary in SQLite's type model (`rusqlite::types::Value`): parameters are
//! anything that is `rusqlite::ToSql`, and columns are read with
//! `rusqlite::types::FromSql`, so every model type converts the same way on
//! both engines. A PostgreSQL parameter takes the type the server inferred
//! for it (an integer bound to a `bigint`, `integer` or `boolean` column).
//! Where the two dialects differ, a query says so with [`Connection::dialect`].

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use postgres::types::{IsNull, ToSql as PgToSql, Type};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};

pub use rusqlite::ToSql;
pub use rusqlite::types::FromSql;

/// Which engine a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// An error from either engine, or a value that does not fit its column.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}", pg_message(.0))]
    Postgres(#[from] postgres::Error),
    #[error("column {column}: {message}")]
    Conversion { column: usize, message: String },
    #[error("the query returned no rows")]
    NoRows,
    /// The connection to the server is gone (and could not be made again).
    #[error("{0}")]
    Lost(String),
}

fn pg_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => e.to_string(),
    }
}

impl Error {
    /// PostgreSQL's SQLSTATE, when the server refused the statement.
    pub fn sqlstate(&self) -> Option<&str> {
        match self {
            Error::Postgres(e) => e.code().map(|c| c.code()),
            _ => None,
        }
    }

    /// True when the connection to the server is gone (not a refusal).
    pub fn is_disconnect(&self) -> bool {
        match self {
            Error::Lost(_) => true,
            Error::Postgres(e) => {
                if e.is_closed() {
                    return true;
                }
                let mut source = std::error::Error::source(e);
                while let Some(s) = source {
                    if s.is::<std::io::Error>() {
                        return true;
                    }
                    source = s.source();
                }
                false
            }
            _ => false,
        }
    }
}

impl Error {
    /// True when the statement never reached a live server: the client
    /// knew the connection closed, or writing it failed with a broken pipe
    /// (the server's end was already gone). Without the closing Sync a
    /// server commits nothing, so such a statement is safe to send again.
    fn unsent(&self) -> bool {
        let Error::Postgres(e) = self else {
            return false;
        };
        if e.is_closed() {
            return true;
        }
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            if let Some(io) = s.downcast_ref::<std::io::Error>() {
                return io.kind() == std::io::ErrorKind::BrokenPipe;
            }
            source = s.source();
        }
        false
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Whether `sql` starts with the keyword `word`, in any case (without
/// copying the statement: this runs for every statement).
fn starts_with_word(sql: &str, word: &str) -> bool {
    sql.trim_start()
        .get(..word.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(word))
}

/// `Ok(None)` for "no row", as rusqlite's `OptionalExtension`.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) | Err(Error::Sqlite(rusqlite::Error::QueryReturnedNoRows)) => {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}

/// The values of a statement's parameters.
pub trait Params {
    fn values(&self) -> Result<Vec<Value>>;
}

fn value_of(p: &dyn ToSql) -> Result<Value> {
    Ok(match p.to_sql()? {
        ToSqlOutput::Borrowed(v) => match v {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        },
        ToSqlOutput::Owned(v) => v,
        other => {
            return Err(Error::Conversion {
                column: 0,
                message: format!("unsupported parameter {other:?}"),
            });
        }
    })
}

impl Params for &[&dyn ToSql] {
    fn values(&self) -> Result<Vec<Value>> {
        self.iter().map(|p| value_of(*p)).collect()
    }
}

impl Params for [&dyn ToSql; 0] {
    fn values(&self) -> Result<Vec<Value>> {
        Ok(Vec::new())
    }
}

macro_rules! array_params {
    ($($n:literal)*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn values(&self) -> Result<Vec<Value>> {
                self.iter().map(|p| value_of(p)).collect()
            }
        }
    )*};
}
array_params!(1 2 3 4 5 6 7 8);

macro_rules! tuple_params {
    ($(($($t:ident $i:tt),*))*) => {$(
        impl<$($t: ToSql),*> Params for ($($t,)*) {
            fn values(&self) -> Result<Vec<Value>> {
                Ok(vec![$(value_of(&self.$i)?),*])
            }
        }
    )*};
}
tuple_params! {
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
}

/// Parameters collected at run time (a filter's clauses).
pub struct FromIter(std::result::Result<Vec<Value>, String>);

pub fn params_from_iter<I>(values: I) -> FromIter
where
    I: IntoIterator,
    I::Item: ToSql,
{
    FromIter(
        values
            .into_iter()
            .map(|v| value_of(&v).map_err(|e| e.to_string()))
            .collect(),
    )
}

impl Params for FromIter {
    fn values(&self) -> Result<Vec<Value>> {
        self.0
            .clone()
            .map_err(|message| Error::Conversion { column: 0, message })
    }
}

/// `params![a, b, c]`: mixed parameters, as rusqlite's macro.
#[macro_export]
macro_rules! params {
    () => { &[] as &[&dyn $crate::db::ToSql] };
    ($($p:expr),+ $(,)?) => { &[$(&$p as &dyn $crate::db::ToSql),+] as &[&dyn $crate::db::ToSql] };
}
pub use crate::params;

/// One row of a result, from either engine.
pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a postgres::Row),
}

impl Row<'_> {
    pub fn get<T: FromSql>(&self, idx: usize) -> Result<T> {
        match self {
            Row::Sqlite(r) => Ok(r.get(idx)?),
            Row::Postgres(r) => {
                let v = pg_column(r, idx)?;
                T::column_result(ValueRef::from(&v)).map_err(|e| Error::Conversion {
                    column: idx,
                    message: e.to_string(),
                })
            }
        }
    }
}

/// A PostgreSQL column as SQLite would have stored it.
fn pg_column(row: &postgres::Row, idx: usize) -> Result<Value> {
    let ty = row
        .columns()
        .get(idx)
        .ok_or(Error::Conversion {
            column: idx,
            message: "no such column".into(),
        })?
        .type_()
        .clone();
    let v = match ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(idx)?.map(Value::Integer),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(idx)?
            .map(|i| Value::Integer(i.into())),
        Type::INT2 => row
            .try_get::<_, Option<i16>>(idx)?
            .map(|i| Value::Integer(i.into())),
        Type::BOOL => row
            .try_get::<_, Option<bool>>(idx)?
            .map(|b| Value::Integer(b.into())),
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(idx)?.map(Value::Real),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(idx)?
            .map(|f| Value::Real(f.into())),
        Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(idx)?.map(Value::Blob),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
            row.try_get::<_, Option<String>>(idx)?.map(Value::Text)
        }
        other => {
            return Err(Error::Conversion {
                column: idx,
                message: format!("PostgreSQL type {other} has no SQLite equivalent; cast it"),
            });
        }
    };
    Ok(v.unwrap_or(Value::Null))
}

/// A parameter bound to whatever type PostgreSQL inferred for it.
#[derive(Debug)]
struct PgParam<'a>(&'a Value);

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl PgToSql for PgParam<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<IsNull, BoxError> {
        let text_like = matches!(
            *ty,
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN
        );
        match self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => match *ty {
                Type::INT8 => PgToSql::to_sql(i, ty, out),
                Type::INT4 => PgToSql::to_sql(&i32::try_from(*i)?, ty, out),
                Type::INT2 => PgToSql::to_sql(&i16::try_from(*i)?, ty, out),
                Type::BOOL => PgToSql::to_sql(&(*i != 0), ty, out),
                Type::FLOAT8 => PgToSql::to_sql(&(*i as f64), ty, out),
                _ if text_like => PgToSql::to_sql(&i.to_string(), ty, out),
                _ => Err(format!("an integer cannot be sent as {ty}").into()),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT8 => PgToSql::to_sql(f, ty, out),
                Type::FLOAT4 => PgToSql::to_sql(&(*f as f32), ty, out),
                _ if text_like => PgToSql::to_sql(&f.to_string(), ty, out),
                _ => Err(format!("a number cannot be sent as {ty}").into()),
            },
            Value::Text(s) => match *ty {
                _ if text_like => PgToSql::to_sql(&s.as_str(), ty, out),
                Type::JSON => {
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
                // jsonb's binary form: a version byte, then the text.
                Type::JSONB => {
                    out.extend_from_slice(&[1]);
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
                Type::INT8 => PgToSql::to_sql(&s.parse::<i64>()?, ty, out),
                _ => Err(format!("text cannot be sent as {ty}").into()),
            },
            Value::Blob(b) => match *ty {
                Type::BYTEA => PgToSql::to_sql(&b.as_slice(), ty, out),
                _ => Err(format!("bytes cannot be sent as {ty}").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// `?1` → `$1`, and a bare `?` → the next number, outside quoted text; and
/// `LIKE` → `ILIKE`, since SQLite's LIKE ignores case and PostgreSQL's does not.
pub fn to_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = 0;
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    let mut rest = sql;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' => {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                rest = &rest[digits.len()..];
                let n = if digits.is_empty() {
                    next += 1;
                    next.to_string()
                } else {
                    digits
                };
                out.push('$');
                out.push_str(&n);
            }
            None if c == 'L'
                && prev.is_whitespace()
                && rest.starts_with("IKE")
                && rest[3..].starts_with(char::is_whitespace) =>
            {
                out.push_str("ILIKE");
                rest = &rest[3..];
            }
            None => out.push(c),
        }
        prev = c;
    }
    out
}

/// How a session connects again after its connection was lost.
pub type Reconnect = Box<dyn Fn() -> std::result::Result<postgres::Client, String> + Send>;

/// The thread a session's client lives on. The sync `postgres` client runs
/// each call on a runtime of its own, which may not start inside another
/// (a Tauri command runs inside tokio): so the client is only ever used,
/// and dropped, on this plain thread, and callers wait for its answers.
struct Worker {
    jobs: Option<std::sync::mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

type Job = Box<dyn FnOnce(&mut postgres::Client) + Send>;

impl Worker {
    fn new(client: postgres::Client) -> Worker {
        let (jobs, todo) = std::sync::mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("amicus-pg-session".into())
            .spawn(move || {
                let mut client = client;
                for job in todo {
                    job(&mut client);
                }
            })
            .expect("the session's thread starts");
        Worker {
            jobs: Some(jobs),
            thread: Some(thread),
        }
    }

    fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut postgres::Client) -> R + Send + 'static,
    ) -> Result<R> {
        let (answer, answered) = std::sync::mpsc::sync_channel(1);
        let sent = self.jobs.as_ref().map(|jobs| {
            jobs.send(Box::new(move |client: &mut postgres::Client| {
                let _ = answer.send(f(client));
            }))
        });
        match sent {
            Some(Ok(())) => answered
                .recv()
                .map_err(|_| Error::Lost("the session's thread stopped".into())),
            _ => Err(Error::Lost("the session's thread stopped".into())),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        drop(self.jobs.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Bind `values` as a statement's parameters.
fn bound(values: &[Value]) -> Vec<PgParam<'_>> {
    values.iter().map(PgParam).collect()
}

fn refs<'a>(params: &'a [PgParam<'a>]) -> Vec<&'a (dyn postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|p| p as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

/// A PostgreSQL session: the client and its prepared statements. A session
/// whose connection broke connects again by itself at its next statement,
/// but never in the middle of a transaction: that write failed as a whole.
pub struct PgSession {
    worker: Worker,
    statements: HashMap<String, postgres::Statement>,
    reconnect: Option<Reconnect>,
    in_tx: bool,
    /// A statement failed because the connection broke.
    broken: bool,
}

impl PgSession {
    pub fn new(client: postgres::Client, reconnect: Option<Reconnect>) -> PgSession {
        PgSession {
            worker: Worker::new(client),
            statements: HashMap::new(),
            reconnect,
            in_tx: false,
            broken: false,
        }
    }

    /// Run `f` on the session's thread, in one trip: `None` when the
    /// client had already found its connection closed, so nothing was sent.
    fn run<T: Send + 'static>(
        &mut self,
        f: impl FnOnce(&mut postgres::Client) -> std::result::Result<T, postgres::Error>
        + Send
        + 'static,
    ) -> Result<Option<T>> {
        let r = self
            .worker
            .call(move |c| (!c.is_closed()).then(|| f(c)).transpose());
        let r = r.and_then(|r| r.map_err(Error::from));
        match r {
            Ok(None) => {
                self.broken = true;
                Ok(None)
            }
            Err(e) if e.is_disconnect() => {
                self.broken = true;
                Err(e)
            }
            other => other,
        }
    }

    /// Connect again if the connection was lost (which forgets the
    /// prepared statements), but never in the middle of a transaction.
    fn live(&mut self) -> Result<()> {
        if self.broken {
            if self.in_tx {
                return Err(Error::Lost(
                    "the connection was lost in the middle of a change; none of it was saved"
                        .into(),
                ));
            }
            let Some(reconnect) = &self.reconnect else {
                return Err(Error::Lost("the connection was lost".into()));
            };
            let client = reconnect().map_err(Error::Lost)?;
            self.worker = Worker::new(client);
            self.statements.clear();
            self.broken = false;
        }
        Ok(())
    }

    /// Do `op`. Outside a transaction, if the statement never reached a
    /// live server (see `Error::unsent`), or the connection broke under one
    /// that changes nothing (`harmless`: a read, or the BEGIN that starts
    /// a change), connect again and do it once more: a server restarted
    /// while the session sat idle costs the user nothing. A write that may
    /// have reached the server is never sent twice; it is reported.
    fn attempt<T>(
        &mut self,
        harmless: bool,
        mut op: impl FnMut(&mut Self) -> Result<Option<T>>,
    ) -> Result<T> {
        self.live()?;
        match op(self) {
            Ok(Some(v)) => return Ok(v),
            Ok(None) => {}
            Err(e)
                if !self.in_tx
                    && (e.unsent() || harmless && e.is_disconnect())
                    && self.reconnect.is_some() => {}
            Err(e) => return Err(e),
        }
        self.live()?;
        op(self)?.ok_or_else(|| Error::Lost("the connection was lost".into()))
    }

    fn batch(&mut self, sql: &str) -> Result<()> {
        let harmless = starts_with_word(sql, "BEGIN");
        self.attempt(harmless, |s| {
            let sql = sql.to_string();
            s.run(move |c| c.batch_execute(&sql))
        })
    }

    fn begin(&mut self, sql: &str) -> Result<()> {
        self.batch(sql)?;
        self.in_tx = true;
        Ok(())
    }

    /// COMMIT or ROLLBACK. A rollback on a lost connection is done: the
    /// server discarded the transaction with the connection.
    fn finish(&mut self, sql: &str) -> Result<()> {
        let was = std::mem::replace(&mut self.in_tx, false);
        let lost = || {
            if sql == "ROLLBACK" || !was {
                Ok(())
            } else {
                Err(Error::Lost(
                    "the connection was lost before the change was saved; none of it was saved"
                        .into(),
                ))
            }
        };
        if self.broken {
            return lost();
        }
        let text = sql.to_string();
        match self.run(move |c| c.batch_execute(&text)) {
            Ok(Some(())) => Ok(()),
            Ok(None) => lost(),
            Err(e) if e.is_disconnect() && sql == "ROLLBACK" => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// The prepared statement for `sql`; `None` if the connection was
    /// found closed.
    fn statement(&mut self, sql: &str) -> Result<Option<postgres::Statement>> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(Some(s.clone()));
        }
        let text = to_postgres(sql);
        let Some(stmt) = self.run(move |c| c.prepare(&text))? else {
            return Ok(None);
        };
        if self.statements.len() >= 512 {
            self.statements.clear();
        }
        self.statements.insert(sql.to_string(), stmt.clone());
        Ok(Some(stmt))
    }

    fn query(&mut self, sql: &str, values: &[Value]) -> Result<Vec<postgres::Row>> {
        let harmless = starts_with_word(sql, "SELECT");
        self.attempt(harmless, |s| {
            let Some(stmt) = s.statement(sql)? else {
                return Ok(None);
            };
            let values = values.to_vec();
            s.run(move |c| c.query(&stmt, &refs(&bound(&values))))
        })
    }

    fn execute(&mut self, sql: &str, values: &[Value]) -> Result<usize> {
        self.attempt(false, |s| {
            let Some(stmt) = s.statement(sql)? else {
                return Ok(None);
            };
            let values = values.to_vec();
            s.run(move |c| c.execute(&stmt, &refs(&bound(&values))))
        })
        .map(|n| n as usize)
    }
}

/// A connection to the record, on either engine.
pub enum Connection {
    Sqlite(rusqlite::Connection),
    Postgres(Box<RefCell<PgSession>>),
}

impl Connection {
    pub fn dialect(&self) -> Dialect {
        match self {
            Connection::Sqlite(_) => Dialect::Sqlite,
            Connection::Postgres(_) => Dialect::Postgres,
        }
    }

    /// The first SQL on SQLite, the second on PostgreSQL.
    pub fn pick<'s>(&self, sqlite: &'s str, postgres: &'s str) -> &'s str {
        match self.dialect() {
            Dialect::Sqlite => sqlite,
            Dialect::Postgres => postgres,
        }
    }

    /// The SQLite connection underneath, when this is one.
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Connection::Sqlite(c) => Some(c),
            Connection::Postgres(_) => None,
        }
    }

    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        let values = params.values()?;
        match self {
            Connection::Sqlite(c) => Ok(c
                .prepare_cached(sql)?
                .execute(rusqlite::params_from_iter(values))?),
            Connection::Postgres(s) => s.borrow_mut().execute(sql, &values),
        }
    }

    /// Run an INSERT and return the new row's `id`.
    pub fn insert<P: Params>(&self, sql: &str, params: P) -> Result<i64> {
        match self {
            Connection::Sqlite(c) => {
                self.execute(sql, params)?;
                Ok(c.last_insert_rowid())
            }
            Connection::Postgres(_) => {
                self.query_row(&format!("{sql} RETURNING id"), params, |r| r.get(0))
            }
        }
    }

    /// Statements without parameters, separated by semicolons.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Connection::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Connection::Postgres(s) => s.borrow_mut().batch(sql),
        }
    }

    pub fn query_row<T, P: Params, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        let values = params.values()?;
        match self {
            Connection::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
                match rows.next()? {
                    Some(r) => f(&Row::Sqlite(r)),
                    None => Err(Error::NoRows),
                }
            }
            Connection::Postgres(s) => {
                let rows = s.borrow_mut().query(sql, &values)?;
                match rows.first() {
                    Some(r) => f(&Row::Postgres(r)),
                    None => Err(Error::NoRows),
                }
            }
        }
    }

    /// Every row, each through `f`.
    pub fn query_map<T, P: Params, F>(
        &self,
        sql: &str,
        params: P,
        mut f: F,
    ) -> Result<std::vec::IntoIter<Result<T>>>
    where
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        let values = params.values()?;
        let mut out = Vec::new();
        match self {
            Connection::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
                while let Some(r) = rows.next()? {
                    out.push(f(&Row::Sqlite(r)));
                }
            }
            Connection::Postgres(s) => {
                let rows = s.borrow_mut().query(sql, &values)?;
                out.extend(rows.iter().map(|r| f(&Row::Postgres(r))));
            }
        }
        Ok(out.into_iter())
    }

    /// Begin a write transaction: SQLite's IMMEDIATE (the write lock first),
    /// or on PostgreSQL one transaction-scoped advisory lock, the same queue
    /// of writers. Dropped without `commit`, it rolls back.
    pub fn begin_write(&self) -> Result<Tx<'_>> {
        match self {
            Connection::Sqlite(c) => c.execute_batch("BEGIN IMMEDIATE")?,
            Connection::Postgres(s) => s
                .borrow_mut()
                .begin("BEGIN; SELECT pg_advisory_xact_lock(7263545)")?,
        }
        Ok(Tx {
            conn: self,
            open: true,
        })
    }

    /// A statement to run more than once (prepared once per connection).
    pub fn prepare<'c>(&'c self, sql: &str) -> Result<Statement<'c>> {
        Ok(Statement {
            conn: self,
            sql: Cow::Owned(sql.to_string()),
        })
    }

    pub fn prepare_cached<'c>(&'c self, sql: &str) -> Result<Statement<'c>> {
        self.prepare(sql)
    }
}

/// An open write transaction; see [`Connection::begin_write`].
pub struct Tx<'c> {
    conn: &'c Connection,
    open: bool,
}

impl Tx<'_> {
    fn finish(&self, sql: &str) -> Result<()> {
        match self.conn {
            Connection::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Connection::Postgres(s) => s.borrow_mut().finish(sql),
        }
    }

    pub fn commit(mut self) -> Result<()> {
        self.open = false;
        let done = self.finish("COMMIT");
        if done.is_err() {
            let _ = self.finish("ROLLBACK");
        }
        done
    }

    pub fn rollback(mut self) -> Result<()> {
        self.open = false;
        self.finish("ROLLBACK")
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open {
            // A rollback that fails (the server is gone) leaves nothing
            // behind either: the server discards the open transaction.
            let _ = self.finish("ROLLBACK");
        }
    }
}

/// A query bound to its connection; each call runs it once.
pub struct Statement<'c> {
    conn: &'c Connection,
    sql: Cow<'static, str>,
}

impl Statement<'_> {
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        self.conn.execute(&self.sql, params)
    }

    pub fn insert<P: Params>(&mut self, params: P) -> Result<i64> {
        self.conn.insert(&self.sql, params)
    }

    pub fn query_row<T, P: Params, F>(&mut self, params: P, f: F) -> Result<T>
    where
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        self.conn.query_row(&self.sql, params, f)
    }

    pub fn query_map<T, P: Params, F>(
        &mut self,
        params: P,
        f: F,
    ) -> Result<std::vec::IntoIter<Result<T>>>
    where
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        self.conn.query_map(&self.sql, params, f)
    }

    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        self.conn
            .query_row(&self.sql, params, |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::to_postgres;

    #[test]
    fn placeholders_become_numbered_outside_quotes() {
        assert_eq!(
            to_postgres("SELECT '?', x FROM t WHERE a = ?1 AND b = ?12 AND c LIKE 'a?b'"),
            "SELECT '?', x FROM t WHERE a = $1 AND b = $12 AND c ILIKE 'a?b'"
        );
        assert_eq!(
            to_postgres("name LIKE 'LIKE x' OR LIKED"),
            "name ILIKE 'LIKE x' OR LIKED"
        );
        assert_eq!(to_postgres("a = ? AND b = ?"), "a = $1 AND b = $2");
    }
}
