//! Stock paragraphs: reusable text with a title, an issue and tags.

use crate::db::{OptionalExtension, params};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Paragraph {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub issue_id: Option<i64>,
    /// The issue's name, for lists.
    pub issue: Option<String>,
    pub tags: Vec<String>,
}

/// A paragraph as entered or edited.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewParagraph {
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub issue_id: Option<i64>,
    #[serde(default)]
    pub tags: Vec<String>,
}

const COLS: &str = "p.id, p.title, p.body, p.issue_id, i.name, p.tags";

fn row(r: &crate::db::Row) -> crate::db::Result<Paragraph> {
    let tags: String = r.get(5)?;
    Ok(Paragraph {
        id: r.get(0)?,
        title: r.get(1)?,
        body: r.get(2)?,
        issue_id: r.get(3)?,
        issue: r.get(4)?,
        tags: tags.split_whitespace().map(String::from).collect(),
    })
}

/// Tags as stored: lower case, one word each, no repeats, in order given.
fn tag_text(tags: &[String]) -> String {
    let mut out: Vec<String> = Vec::new();
    for t in tags
        .iter()
        .flat_map(|t| t.split(|c: char| c.is_whitespace() || c == ','))
    {
        let t = t.trim().trim_start_matches('#').to_lowercase();
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out.join(" ")
}

fn validate(p: &NewParagraph) -> Result<()> {
    if p.title.trim().is_empty() {
        return Err(StoreError::invalid(
            "title",
            "a paragraph needs a title, e.g. \"KORUS by the numbers\"",
        ));
    }
    if p.body.trim().is_empty() {
        return Err(StoreError::invalid("body", "a paragraph needs its text"));
    }
    Ok(())
}

impl Store {
    pub fn add_paragraph(&mut self, p: &NewParagraph, now: DateTime<Utc>) -> Result<i64> {
        validate(p)?;
        self.write(|tx| {
            if let Some(i) = p.issue_id {
                tx.query_row("SELECT id FROM issues WHERE id = ?1", [i], |r| {
                    r.get::<i64>(0)
                })
                .optional()?
                .ok_or_else(|| StoreError::not_found("issue", i))?;
            }
            let new_id = tx
                .insert(
                    "INSERT INTO paragraphs (title, body, issue_id, tags, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                    params![
                        p.title.trim(),
                        p.body.trim(),
                        p.issue_id,
                        tag_text(&p.tags),
                        now
                    ],
                )
                .map_err(|e| {
                    crate::officials::unique_violation(
                        e,
                        "title",
                        "a paragraph with this title already exists",
                    )
                })?;
            Ok(new_id)
        })
    }

    pub fn edit_paragraph(&mut self, id: i64, p: &NewParagraph, now: DateTime<Utc>) -> Result<()> {
        validate(p)?;
        self.write(|tx| {
            let n = tx
                .execute(
                    "UPDATE paragraphs SET title = ?2, body = ?3, issue_id = ?4, tags = ?5, updated_at = ?6
                     WHERE id = ?1",
                    params![id, p.title.trim(), p.body.trim(), p.issue_id, tag_text(&p.tags), now],
                )
                .map_err(|e| crate::officials::unique_violation(e, "title", "a paragraph with this title already exists"))?;
            if n == 0 {
                return Err(StoreError::not_found("paragraph", id));
            }
            Ok(())
        })
    }

    pub fn delete_paragraph(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM paragraphs WHERE id = ?1", [id])? == 0 {
                return Err(StoreError::not_found("paragraph", id));
            }
            Ok(())
        })
    }

    pub fn paragraph(&self, id: i64) -> Result<Paragraph> {
        self.conn
            .query_row(
                &format!("SELECT {COLS} FROM paragraphs p LEFT JOIN issues i ON i.id = p.issue_id WHERE p.id = ?1"),
                [id],
                row,
            )
            .optional()?
            .ok_or_else(|| StoreError::not_found("paragraph", id))
    }

    /// Paragraphs whose title, text, tags or issue contain every word of
    /// `text` (all of them for an empty search), those on `issue` first.
    pub fn paragraphs(&self, text: &str, issue: Option<i64>) -> Result<Vec<Paragraph>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLS} FROM paragraphs p LEFT JOIN issues i ON i.id = p.issue_id
             ORDER BY (p.issue_id IS NOT DISTINCT FROM ?1) DESC, p.title"
        ))?;
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        let all: Vec<Paragraph> = stmt
            .query_map([issue], row)?
            .collect::<crate::db::Result<_>>()?;
        Ok(all
            .into_iter()
            .filter(|p| {
                let hay = format!(
                    "{} {} {} {}",
                    p.title.to_lowercase(),
                    p.body.to_lowercase(),
                    p.tags.join(" "),
                    p.issue.as_deref().unwrap_or("").to_lowercase()
                );
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect())
    }
}
