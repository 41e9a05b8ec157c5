//! The sent log (every recipient of every letter, filtered) and full-text search.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::{Method, Result, Role, Status, Store, StoreError};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogFilter {
    pub issue_id: Option<i64>,
    pub person_id: Option<i64>,
    pub office_id: Option<i64>,
    pub status: Option<Status>,
    /// Letters dated on or after this day.
    pub from: Option<NaiveDate>,
    /// Letters dated on or before this day.
    pub to: Option<NaiveDate>,
    /// Only copies whose follow-up was due on or before this day and got no reply.
    pub follow_up_due: Option<NaiveDate>,
    /// At most this many rows (newest first); 0 means 500.
    #[serde(default)]
    pub limit: usize,
    /// Also list copies not sent yet (drafts, approved and signed letters):
    /// the sent log shows what went out unless asked for more, or for a
    /// letter status.
    #[serde(default)]
    pub include_unsent: bool,
    /// Only copies sent this way.
    #[serde(default)]
    pub method: Option<Method>,
    /// Only copies that got a reply (true) or did not (false).
    #[serde(default)]
    pub replied: Option<bool>,
    /// Only copies whose follow-up is this staff member's (any case).
    #[serde(default)]
    pub owner: Option<String>,
    /// Only the session's own follow-ups: on a team record those owned by
    /// its login; on a single-user file, those assigned to nobody else.
    #[serde(default)]
    pub mine: bool,
    /// Only letters sent to this group: its label ("Senate Committee on
    /// Finance"), a committee's code ("SSFI") or a saved list's name, in
    /// any case.
    #[serde(default)]
    pub group: Option<String>,
    /// Only copies to someone whose name, or whose office's title or short
    /// name, holds every word typed ("kamala harris", "ustr"), as the
    /// Recipient box reads before a person is picked.
    #[serde(default)]
    pub recipient: Option<String>,
    /// The next page: the copies after this one (the last of the page
    /// before) in the log's order. Keyset paging, so a page costs the same
    /// however far down the log it is, and a copy sent meanwhile neither
    /// repeats a row nor pushes one off the page.
    #[serde(default)]
    pub after: Option<LogCursor>,
}

/// Where a copy stands in the log's order (newest date first, newest letter
/// first, then the letter's copies in their order): the key a next page
/// starts after. [`LogEntry::cursor`] gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogCursor {
    pub date: NaiveDate,
    pub letter_id: i64,
    /// The copy's place among the letter's recipients.
    pub ord: u32,
}

/// One line of the sent log: a copy of a letter and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogEntry {
    pub letter_id: i64,
    pub recipient_id: i64,
    pub date: NaiveDate,
    pub subject: String,
    pub status: Status,
    pub issue: Option<String>,
    /// None when the letter went to an office with no holder on record.
    pub person: Option<String>,
    pub office: Option<String>,
    pub role: Role,
    pub method: Option<Method>,
    pub sent_at: Option<DateTime<Utc>>,
    pub confirmation: Option<String>,
    pub follow_up_on: Option<NaiveDate>,
    pub reply_on: Option<NaiveDate>,
    pub reply_notes: Option<String>,
    /// Who follows the copy up.
    pub owner: Option<String>,
    /// Calls, meetings and e-mails logged on the copy, and the latest of them.
    pub contacts: u32,
    pub last_contact: Option<LastContact>,
    /// How many times its follow-up was put off.
    pub snoozes: u32,
    /// The copy's place among the letter's recipients (the log lists a
    /// letter's copies in this order).
    pub ord: u32,
}

impl LogEntry {
    /// The key of this row, for the page after it ([`LogFilter::after`]).
    pub fn cursor(&self) -> LogCursor {
        LogCursor {
            date: self.date,
            letter_id: self.letter_id,
            ord: self.ord,
        }
    }
}

/// The latest call, meeting or e-mail logged on a copy, as the log row says it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LastContact {
    pub on: NaiveDate,
    pub kind: crate::ContactKind,
    /// The official's side ("Jane Roe, trade counsel"); empty when not said.
    pub who: String,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    /// letter, person, office, position or committee.
    pub kind: String,
    pub id: i64,
    pub title: String,
    /// The matching text with the match in [brackets].
    pub snippet: String,
    /// What the hit is, beyond its title: for a person, the office held
    /// ("U.S. Senator for California (2017–2021)"). Filled by the app.
    #[serde(default)]
    pub detail: Option<String>,
}

const KINDS: [&str; 4] = ["letter", "person", "office", "position"];

/// The words of what a user typed; nothing else of it is read.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Turn what a user typed into an FTS5 query: every word must match, the
/// last one as a prefix (it may still be being typed), and nothing typed is
/// read as query syntax.
fn fts_query(text: &str) -> String {
    let words = words(text);
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == last {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Store {
    pub fn log(&self, f: &LogFilter) -> Result<Vec<LogEntry>> {
        let mut sql = String::from(
            "SELECT l.id, r.id, l.date, l.subject, l.status, i.name, p.full_name, o.title, r.role,
                    r.method, r.sent_at, r.confirmation, r.follow_up_on, r.reply_on, r.reply_notes,
                    r.follow_up_owner,
                    (SELECT count(*) FROM copy_contacts c WHERE c.recipient_id = r.id),
                    lc.on_date, lc.kind, lc.who,
                    (SELECT count(*) FROM events e
                      WHERE e.letter_id = r.letter_id AND e.recipient_id = r.id AND e.kind = 'snoozed'),
                    r.ord
             FROM letter_recipients r
             LEFT JOIN copy_contacts lc ON lc.id = (
                 SELECT c.id FROM copy_contacts c WHERE c.recipient_id = r.id
                 ORDER BY c.on_date DESC, c.id DESC LIMIT 1)
             JOIN letters l ON l.id = r.letter_id
             LEFT JOIN persons p ON p.id = r.person_id
             LEFT JOIN offices o ON o.id = r.office_id
             LEFT JOIN positions pos ON pos.id = l.position_id
             LEFT JOIN issues i ON i.id = pos.issue_id
             WHERE l.deleted_at IS NULL",
        );
        if !f.include_unsent && f.status.is_none() {
            sql.push_str(" AND r.sent_at IS NOT NULL");
        }
        match f.replied {
            Some(true) => sql.push_str(" AND r.reply_on IS NOT NULL"),
            Some(false) => sql.push_str(" AND r.reply_on IS NULL"),
            None => {}
        }
        if f.mine {
            sql.push_str(self.conn.pick(
                " AND r.follow_up_owner IS NULL",
                " AND lower(r.follow_up_owner) = lower(session_user::text)",
            ));
        }
        let mut args: Vec<Value> = Vec::new();
        let mut and = |clause: &str, v: Value| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(id) = f.issue_id {
            and(" AND pos.issue_id = ?", id.into());
        }
        if let Some(id) = f.person_id {
            and(" AND r.person_id = ?", id.into());
        }
        if let Some(id) = f.office_id {
            and(" AND r.office_id = ?", id.into());
        }
        if let Some(s) = f.status {
            and(" AND l.status = ?", s.as_str().to_string().into());
        }
        if let Some(d) = f.from {
            and(" AND r.letter_date >= ?", d.to_string().into());
        }
        if let Some(d) = f.to {
            and(" AND r.letter_date <= ?", d.to_string().into());
        }
        if let Some(m) = f.method {
            and(" AND r.method = ?", m.as_str().to_string().into());
        }
        if let Some(d) = f.follow_up_due {
            and(
                " AND r.follow_up_on <= ? AND r.reply_on IS NULL",
                d.to_string().into(),
            );
        }
        if let Some(o) = f.owner.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            and(
                " AND lower(r.follow_up_owner) = lower(CAST(? AS TEXT))",
                o.to_string().into(),
            );
        }
        if let Some(g) = f.group.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
            // A group the letter records in extra.groups: by its label, a
            // committee's code or name (a letter to its chair and ranking
            // member only is labelled so, but is still the committee's) or a
            // saved list's name.
            let clause = self.conn.pick(
                " AND EXISTS (SELECT 1 FROM json_each(l.extra, '$.groups') g
                      WHERE lower(json_extract(g.value, '$.label')) = lower(?)
                         OR lower(json_extract(g.value, '$.group.code')) = lower(?)
                         OR lower(json_extract(g.value, '$.group.name')) = lower(?)
                         OR EXISTS (SELECT 1 FROM committees c
                                    WHERE c.code = json_extract(g.value, '$.group.code')
                                      AND lower(c.name) = lower(?)))",
                " AND EXISTS (SELECT 1 FROM jsonb_array_elements(
                          CASE WHEN jsonb_typeof(CAST(l.extra AS jsonb) -> 'groups') = 'array'
                               THEN CAST(l.extra AS jsonb) -> 'groups' END) g
                      WHERE lower(g ->> 'label') = lower(CAST(? AS TEXT))
                         OR lower(g -> 'group' ->> 'code') = lower(CAST(? AS TEXT))
                         OR lower(g -> 'group' ->> 'name') = lower(CAST(? AS TEXT))
                         OR EXISTS (SELECT 1 FROM committees c
                                    WHERE c.code = g -> 'group' ->> 'code'
                                      AND lower(c.name) = lower(CAST(? AS TEXT))))",
            );
            and(clause, g.to_string().into());
        }
        for w in f.recipient.as_deref().unwrap_or("").split_whitespace() {
            let clause = " AND (p.full_name LIKE '%' || ? || '%' OR o.title LIKE '%' || ? || '%'
                               OR o.short_name LIKE '%' || ? || '%')";
            and(clause, w.to_string().into());
        }
        if let Some(c) = f.after {
            // After the cursor in ORDER BY's order (date and letter falling,
            // ord rising); `and` numbers each clause's `?`s alike, and the
            // first bounds the index scan.
            and(
                " AND r.letter_date <= ? AND (r.letter_date < ?",
                c.date.to_string().into(),
            );
            and(
                " OR r.letter_id < ? OR (r.letter_id = ?",
                c.letter_id.into(),
            );
            and(" AND r.ord > ?))", c.ord.into());
        }
        let limit = if f.limit == 0 { 500 } else { f.limit };
        and(
            // The order of the index recipients_newest (and of
            // recipients_by_office and _by_person after their key), so a
            // page is read from it in order and the scan stops at its end.
            " ORDER BY r.letter_date DESC, r.letter_id DESC, r.ord LIMIT ?",
            (limit as i64).into(),
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(crate::db::params_from_iter(args), |r| {
            Ok(LogEntry {
                letter_id: r.get(0)?,
                recipient_id: r.get(1)?,
                date: r.get(2)?,
                subject: r.get(3)?,
                status: r.get(4)?,
                issue: r.get(5)?,
                person: r.get(6)?,
                office: r.get(7)?,
                role: r.get(8)?,
                method: r.get(9)?,
                sent_at: r.get(10)?,
                confirmation: r.get(11)?,
                follow_up_on: r.get(12)?,
                reply_on: r.get(13)?,
                reply_notes: r.get(14)?,
                owner: r.get(15)?,
                contacts: u32::try_from(r.get::<i64>(16)?).unwrap_or(u32::MAX),
                last_contact: match (r.get::<Option<NaiveDate>>(17)?, r.get(18)?) {
                    (Some(on), Some(kind)) => Some(LastContact {
                        on,
                        kind,
                        who: r.get::<Option<String>>(19)?.unwrap_or_default(),
                    }),
                    _ => None,
                },
                snoozes: u32::try_from(r.get::<i64>(20)?).unwrap_or(u32::MAX),
                ord: r.get(21)?,
            })
        })?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    /// The log as CSV (UTF-8, header row, RFC 4180 quoting and CRLF line ends).
    pub fn log_csv(&self, f: &LogFilter) -> Result<String> {
        let entries = self.log(f)?;
        let mut w = crate::officials_csv::rfc4180_csv();
        let csv_err = |e: csv::Error| StoreError::Corrupt(format!("cannot write CSV: {e}"));
        w.write_record([
            "letter",
            "date",
            "subject",
            "status",
            "issue",
            "recipient",
            "office",
            "role",
            "method",
            "sent_at",
            "confirmation",
            "follow_up_on",
            "reply_on",
            "reply_notes",
            "follow_up_owner",
        ])
        .map_err(csv_err)?;
        let opt = |v: Option<String>| v.unwrap_or_default();
        for e in entries {
            w.write_record([
                e.letter_id.to_string(),
                e.date.to_string(),
                e.subject,
                e.status.to_string(),
                opt(e.issue),
                opt(e.person),
                opt(e.office),
                e.role.to_string(),
                opt(e.method.map(|m| m.to_string())),
                opt(e
                    .sent_at
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))),
                opt(e.confirmation),
                opt(e.follow_up_on.map(|d| d.to_string())),
                opt(e.reply_on.map(|d| d.to_string())),
                opt(e.reply_notes),
                opt(e.owner),
            ])
            .map_err(csv_err)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| StoreError::Corrupt(format!("cannot write CSV: {e}")))?;
        String::from_utf8(bytes).map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    /// Letters, officials, offices and positions matching every word of
    /// `text` (ignoring case, accents and word endings), newest first, with
    /// those whose title or name matches moved to the front.
    ///
    /// Newest-first rather than bm25 relevance: ranking needs the frequency
    /// of every word across the whole record, which for a common word in a
    /// large record costs far more than the 10 ms a keystroke can spend,
    /// while a newest-first scan stops after `limit` rows.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let query = fts_query(text);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        // On a team record the same index is a tsvector column (accents
        // folded, English stemming, the last word as a prefix): see
        // `search_hits` in pg/01-schema.sql.
        let query = match self.dialect() {
            crate::db::Dialect::Sqlite => query,
            crate::db::Dialect::Postgres => serde_json::to_string(&words(text))
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        };
        let mut stmt = self.conn.prepare_cached(self.conn.pick(
            "SELECT rowid, title, snippet(search, -1, '[', ']', '…', 12),
                    instr(highlight(search, 0, char(1), ''), char(1)) > 0
             FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
            "SELECT rowid, title, snippet, in_title FROM search_hits(
                 ARRAY(SELECT jsonb_array_elements_text(CAST(?1 AS jsonb))), ?2)",
        ))?;
        let rows = stmt.query_map(crate::params![query, limit as i64], |r| {
            let rowid: i64 = r.get(0)?;
            let in_title: bool = r.get(3)?;
            Ok((
                !in_title,
                SearchHit {
                    kind: KINDS[(rowid % 4) as usize].to_string(),
                    id: rowid / 4,
                    title: r.get(1)?,
                    snippet: r.get(2)?,
                    detail: None,
                },
            ))
        })?;
        let mut hits: Vec<(bool, SearchHit)> = rows.collect::<crate::db::Result<_>>()?;
        // Stable: newest first within title matches and within the rest.
        hits.sort_by_key(|(body_only, _)| *body_only);
        let found: Vec<SearchHit> = hits.into_iter().map(|(_, h)| h).collect();
        let mut out = self.committee_hits(text, limit)?;
        let mut seen: std::collections::HashSet<(String, i64)> =
            out.iter().map(|h| (h.kind.clone(), h.id)).collect();
        for hit in self.refine_hits(found, limit)? {
            if seen.insert((hit.kind.clone(), hit.id)) {
                out.push(hit);
            }
        }
        out.truncate(limit);
        Ok(out)
    }

    /// Committees named by `text` as people call them ("Finance", "Senate
    /// Finance", "Ways and Means"), each followed by the letters sent to it
    /// as a group (which name it only in `extra.groups`, not in their text).
    fn committee_hits(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let mut letters_to = self.conn.prepare_cached(self.conn.pick(
            "SELECT l.id, l.subject, l.date FROM letters l
             WHERE l.deleted_at IS NULL AND EXISTS (SELECT 1 FROM json_each(l.extra, '$.groups') g
                           WHERE json_extract(g.value, '$.group.code') = ?1)
             ORDER BY l.date DESC, l.id DESC LIMIT ?2",
            "SELECT l.id, l.subject, l.date FROM letters l
             WHERE l.deleted_at IS NULL AND EXISTS (SELECT 1 FROM jsonb_array_elements(
                               CASE WHEN jsonb_typeof(CAST(l.extra AS jsonb) -> 'groups') = 'array'
                                    THEN CAST(l.extra AS jsonb) -> 'groups' END) g
                           WHERE g -> 'group' ->> 'code' = CAST(?1 AS TEXT))
             ORDER BY l.date DESC, l.id DESC LIMIT ?2",
        ))?;
        let mut out = Vec::new();
        // A few committees at most: a word common to many names is refined
        // by the next one typed.
        for c in self.committees_named(text, false)?.into_iter().take(5) {
            let rows = letters_to.query_map(crate::params![c.code, limit as i64], |r| {
                let date: NaiveDate = r.get(2)?;
                Ok(SearchHit {
                    kind: "letter".into(),
                    id: r.get(0)?,
                    title: r.get(1)?,
                    snippet: format!("To the {}, {date}", c.name),
                    detail: None,
                })
            })?;
            let letters = rows.collect::<crate::db::Result<Vec<_>>>()?;
            out.push(SearchHit {
                kind: "committee".into(),
                id: c.id,
                title: c.name.clone(),
                snippet: match letters.len() {
                    0 => format!("{} · no letters to it yet", c.code),
                    1 => format!("{} · 1 letter to it", c.code),
                    n => format!("{} · {n} letters to it", c.code),
                },
                detail: None,
            });
            out.extend(letters);
        }
        Ok(out)
    }

    /// Make each hit lead somewhere: a position hit becomes its issue (one
    /// hit per issue, however many versions matched), and a person found is
    /// followed by the letters addressed to them, which mention them only in
    /// the recipient list and so are not in the text index.
    fn refine_hits(&self, found: Vec<SearchHit>, limit: usize) -> Result<Vec<SearchHit>> {
        let mut issue_of = self
            .conn
            .prepare_cached("SELECT issue_id FROM positions WHERE id = ?1")?;
        let mut letters_to = self.conn.prepare_cached(
            "SELECT DISTINCT l.id, l.subject, l.date FROM letter_recipients r
             JOIN letters l ON l.id = r.letter_id
             WHERE r.person_id = ?1 AND l.deleted_at IS NULL
             ORDER BY l.date DESC, l.id DESC LIMIT ?2",
        )?;
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        let mut addressed = Vec::new();
        for mut hit in found {
            if hit.kind == "position" {
                hit.id = issue_of.query_row([hit.id], |r| r.get(0))?;
            }
            if hit.kind == "person" {
                let rows = letters_to.query_map(crate::params![hit.id, limit as i64], |r| {
                    let date: chrono::NaiveDate = r.get(2)?;
                    Ok(SearchHit {
                        kind: "letter".into(),
                        id: r.get(0)?,
                        title: r.get(1)?,
                        snippet: format!("To {}, {date}", hit.title),
                        detail: None,
                    })
                })?;
                addressed.extend(rows.collect::<crate::db::Result<Vec<_>>>()?);
            }
            if seen.insert((hit.kind.clone(), hit.id)) {
                out.push(hit);
            }
        }
        for hit in addressed {
            if seen.insert((hit.kind.clone(), hit.id)) {
                out.push(hit);
            }
        }
        out.truncate(limit);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn typed_text_is_never_query_syntax() {
        assert_eq!(
            fts_query("KORUS \"OR\" NEAR(x"),
            "\"KORUS\" \"OR\" \"NEAR\" \"x\"*"
        );
        assert_eq!(fts_query("  -*  "), "");
    }
}
