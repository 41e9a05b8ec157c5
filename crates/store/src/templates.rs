//! Letter templates in the record: shipped ones registered read-only, user
//! ones versioned on every save. A letter points at the exact version it used.

use crate::db::{OptionalExtension, Row, params};
use chrono::{DateTime, Utc};

use crate::{Result, Signer, Store, StoreError, StoredTemplate};

const COLS: &str = "id, key, version, builtin, meta, source";

fn template_row(r: &Row) -> crate::db::Result<StoredTemplate> {
    Ok(StoredTemplate {
        id: r.get(0)?,
        key: r.get(1)?,
        version: r.get(2)?,
        builtin: r.get(3)?,
        meta: r.get(4)?,
        source: r.get(5)?,
    })
}

impl Store {
    fn latest_template_row(&self, key: &str) -> Result<Option<StoredTemplate>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {COLS} FROM templates WHERE key = ?1 ORDER BY version DESC LIMIT 1"
                ),
                [key],
                template_row,
            )
            .optional()?)
    }

    /// Record a shipped template. Unchanged ones keep their row; a template
    /// changed by an upgrade gets a new version, and old letters keep theirs.
    pub fn register_builtin_template(
        &mut self,
        key: &str,
        meta: &str,
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.save_template(key, meta, source, true, now)
    }

    /// Save a user template as a new version. Built-in keys are read-only.
    pub fn save_user_template(
        &mut self,
        key: &str,
        meta: &str,
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        if key.trim().is_empty() {
            return Err(StoreError::invalid(
                "key",
                "a template needs an id, e.g. \"my-support\"",
            ));
        }
        self.save_template(key.trim(), meta, source, false, now)
    }

    fn save_template(
        &mut self,
        key: &str,
        meta: &str,
        source: &str,
        builtin: bool,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let latest = self.latest_template_row(key)?;
        if let Some(t) = &latest {
            if t.builtin != builtin {
                return Err(StoreError::Conflict(format!(
                    "\"{key}\" is a built-in template and cannot be changed; save it under a new id"
                )));
            }
            if t.meta == meta && t.source == source {
                return Ok(t.id);
            }
        }
        let version = latest.map_or(1, |t| t.version + 1);
        let new_id = self.conn.insert(
            "INSERT INTO templates (key, version, builtin, meta, source, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![key, version, builtin, meta, source, now],
        )?;
        Ok(new_id)
    }

    pub fn template(&self, id: i64) -> Result<StoredTemplate> {
        self.conn
            .query_row(
                &format!("SELECT {COLS} FROM templates WHERE id = ?1"),
                [id],
                template_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::not_found("template", id))
    }

    /// The newest version of the template `key`.
    pub fn latest_template(&self, key: &str) -> Result<StoredTemplate> {
        self.latest_template_row(key)?
            .ok_or_else(|| StoreError::not_found("template", format!("\"{key}\"")))
    }

    /// The newest version of every template.
    pub fn templates(&self) -> Result<Vec<StoredTemplate>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLS} FROM templates t WHERE version = (SELECT max(version) FROM templates WHERE key = t.key)
             ORDER BY builtin DESC, key"
        ))?;
        let rows = stmt.query_map([], template_row)?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }

    pub fn add_signer(&mut self, name: &str, title: Option<&str>) -> Result<i64> {
        if name.trim().is_empty() {
            return Err(StoreError::invalid("name", "a signer needs a name"));
        }
        let title = title.map(str::trim).filter(|t| !t.is_empty());
        let new_id = self.conn.insert(
            "INSERT INTO signers (name, title) VALUES (?1, ?2)",
            params![name.trim(), title],
        )?;
        Ok(new_id)
    }

    /// Set (or with `None` clear) a signer's signature image, a PNG.
    pub fn set_signer_signature(&mut self, id: i64, png: Option<&[u8]>) -> Result<()> {
        if let Some(bytes) = png
            && !bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        {
            return Err(StoreError::invalid(
                "signature",
                "the signature image must be a PNG file",
            ));
        }
        let n = self.conn.execute(
            "UPDATE signers SET signature = ?2 WHERE id = ?1",
            crate::params![id, png],
        )?;
        if n == 0 {
            return Err(StoreError::not_found("signer", id));
        }
        Ok(())
    }

    pub fn signer_signature(&self, id: i64) -> Result<Option<Vec<u8>>> {
        self.conn
            .query_row("SELECT signature FROM signers WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::not_found("signer", id))
    }

    pub fn signer(&self, id: i64) -> Result<Signer> {
        self.conn
            .query_row(
                "SELECT id, name, title, signature IS NOT NULL FROM signers WHERE id = ?1",
                [id],
                |r| {
                    Ok(Signer {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        title: r.get(2)?,
                        has_signature: r.get(3)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::not_found("signer", id))
    }

    pub fn signers(&self) -> Result<Vec<Signer>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, title, signature IS NOT NULL FROM signers ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Signer {
                id: r.get(0)?,
                name: r.get(1)?,
                title: r.get(2)?,
                has_signature: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<crate::db::Result<_>>()?)
    }
}
