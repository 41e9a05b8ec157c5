//! Settings: the organization's letterhead and signers, the organization's
//! time zone (what "today" means), where the record and the logs are,
//! diagnostics for whoever supports the staff, and backups.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::app::{App, RecordArea};
use crate::error::AppError;

/// Where the record lives and what it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SettingsInfo {
    pub db_path: String,
    pub organization: String,
    pub schema_version: u32,
    /// The organization's time zone (IANA name), which decides "today".
    pub time_zone: String,
    /// The zone is the one saved in the record; false: none is saved, and
    /// `time_zone` is this computer's own.
    pub time_zone_saved: bool,
    /// The folder of the desktop app's daily log files.
    pub log_dir: String,
    /// Amicus's version ([`crate::VERSION`]).
    pub version: String,
}

/// Today as the organization counts it, for forms' defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClockView {
    pub today: NaiveDate,
    pub time_zone: String,
    /// The last day of this week ([`App::end_of_week`]): what "due this
    /// week" counts up to.
    pub end_of_week: NaiveDate,
}

/// The folder of the desktop app's log files: `$XDG_STATE_HOME/amicus/logs`
/// (usually `~/.local/state/amicus/logs`).
pub fn log_dir() -> PathBuf {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .unwrap_or_else(std::env::temp_dir)
        .join("amicus")
        .join("logs")
}

/// The operating system's name and version, for diagnostics.
fn os_name() -> String {
    let pretty = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|v| v.trim_matches('"').to_string())
        });
    match pretty {
        Some(p) => format!("{p} ({} {})", std::env::consts::OS, std::env::consts::ARCH),
        None => format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
    }
}

impl App {
    pub fn clock_view(&self) -> ClockView {
        ClockView {
            today: self.clock().today(),
            time_zone: self.clock().zone().name().to_string(),
            end_of_week: self.end_of_week(),
        }
    }

    pub fn settings_info(&self) -> Result<SettingsInfo, AppError> {
        let db = self.db();
        let org: Option<letters::Organization> = db.setting("organization")?;
        Ok(SettingsInfo {
            db_path: match (db.path(), db.team_place()) {
                (Some(p), _) => p.display().to_string(),
                (None, Some(team)) => format!("team record {team} (PostgreSQL)"),
                (None, None) => "(in memory)".into(),
            },
            organization: org.map(|o| o.name).unwrap_or_default(),
            schema_version: u32::try_from(db.schema_version()?).unwrap_or(u32::MAX),
            time_zone: self.clock().zone().name().to_string(),
            time_zone_saved: db
                .setting::<String>("time_zone")?
                .is_some_and(|z| crate::clock::parse_zone(&z).is_ok()),
            log_dir: log_dir().display().to_string(),
            version: crate::app::VERSION.to_string(),
        })
    }

    /// Set the organization's time zone (an IANA name such as America/New_York).
    #[tracing::instrument(skip(self))]
    pub fn set_time_zone(&self, name: &str) -> Result<(), AppError> {
        let zone = crate::clock::parse_zone(name)?;
        self.db().set_setting("time_zone", &zone.name())?;
        self.clock().set_zone(zone);
        self.changed(&[RecordArea::Settings]);
        Ok(())
    }

    /// What whoever supports the staff needs to know, without any letter's
    /// text: the version, the system, the record's place and schema, the
    /// time zone and the log folder.
    pub fn diagnostics(&self) -> Result<String, AppError> {
        let info = self.settings_info()?;
        Ok(format!(
            "Amicus {}\nSystem: {}\nRecord: {} (schema {} of {})\nTime zone: {}\nLogs: {}\n",
            crate::app::VERSION,
            os_name(),
            info.db_path,
            info.schema_version,
            store::SCHEMA_VERSION,
            info.time_zone,
            info.log_dir,
        ))
    }

    /// Copy the whole record to `dest` (consistent even while others write).
    #[tracing::instrument(skip(self))]
    pub fn backup(&self, dest: &Path) -> Result<(), AppError> {
        Ok(self.db().backup(dest)?)
    }

    /// Replace the record with the backup at `src` from the window: the
    /// record as it is now is first saved beside it
    /// (`amicus.db.before-restore-20261129-231500.bak`), so a wrong choice
    /// can be undone; returns where. An in-memory record keeps no copy.
    #[tracing::instrument(skip(self))]
    pub fn restore_keeping_current(&self, src: &Path) -> Result<Option<PathBuf>, AppError> {
        let kept = {
            let mut db = self.db();
            let kept = db.path().map(|p| {
                let mut name = p.as_os_str().to_owned();
                name.push(format!(
                    ".before-restore-{}.bak",
                    self.clock().now().format("%Y%m%d-%H%M%S")
                ));
                PathBuf::from(name)
            });
            if let Some(k) = &kept {
                db.backup(k)?;
            }
            if let Err(e) = db.restore(src) {
                // Nothing was replaced, so there is nothing to keep.
                if let Some(k) = &kept {
                    let _ = std::fs::remove_file(k);
                }
                return Err(e.into());
            }
            kept
        };
        self.changed(&[
            RecordArea::Letters,
            RecordArea::Officials,
            RecordArea::Positions,
            RecordArea::Templates,
            RecordArea::Settings,
        ]);
        Ok(kept)
    }

    /// Replace the record with the backup at `src`, checked first; if it is
    /// not a sound Amicus record nothing changes.
    #[tracing::instrument(skip(self))]
    pub fn restore(&self, src: &Path) -> Result<(), AppError> {
        self.db().restore(src)?;
        self.changed(&[
            RecordArea::Letters,
            RecordArea::Officials,
            RecordArea::Positions,
            RecordArea::Templates,
            RecordArea::Settings,
        ]);
        Ok(())
    }
}

/// The organization's letterhead as the settings form edits it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Letterhead {
    pub name: String,
    pub unit: Option<String>,
    pub address: Vec<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// A PNG file; on save it is copied beside the database under a name
    /// made from its contents, so letters already sent keep their logo.
    pub logo: Option<String>,
    /// The letterhead file in use ([`App::set_letterhead_file`]), which
    /// replaces the letterhead drawn from the fields above. On save, only
    /// its margins are taken from the form.
    #[serde(default)]
    pub file: Option<LetterheadFileView>,
}

/// A letterhead PDF in use, as the settings screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterheadFileView {
    /// The file's name as it was chosen.
    pub name: String,
    pub sha256: String,
    /// 1 (the first page only) or 2 (then the continuation pages').
    pub pages: u32,
    /// "letter" or "a4".
    pub paper: String,
    pub bytes: u32,
    /// The letter's margins in points, keeping it clear of the letterhead.
    pub margins: FileMargins,
    /// Why letters on it cannot be archival PDF/A files ("its fonts are not
    /// embedded (Helvetica)"); empty when they can.
    pub not_archival: Vec<String>,
}

/// Margins in points (72 to the inch).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileMargins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl From<letters::Margins> for FileMargins {
    fn from(m: letters::Margins) -> FileMargins {
        FileMargins {
            top: m.top,
            right: m.right,
            bottom: m.bottom,
            left: m.left,
        }
    }
}

impl From<FileMargins> for letters::Margins {
    fn from(m: FileMargins) -> letters::Margins {
        letters::Margins {
            top: m.top,
            right: m.right,
            bottom: m.bottom,
            left: m.left,
        }
    }
}

/// Where a letter's text starts by default with a letterhead file: clear
/// of a printed head of up to an inch and three quarters, and of a footer.
pub const LETTERHEAD_FILE_MARGINS: FileMargins = FileMargins {
    top: 126.0,
    right: 72.0,
    bottom: 72.0,
    left: 72.0,
};

fn paper_id(p: letters::Paper) -> &'static str {
    match p {
        letters::Paper::Letter => "letter",
        letters::Paper::A4 => "a4",
    }
}

fn file_view(f: &letters::LetterheadFile) -> LetterheadFileView {
    let sheet = f
        .bytes()
        .ok()
        .and_then(|b| typeset::Stationery::from_pdf(&b).ok());
    let pages = sheet.as_ref().map_or(0, |s| s.page_count() as u32);
    let not_archival = sheet.map_or_else(Vec::new, |s| s.archival_problems().to_vec());
    LetterheadFileView {
        name: f.name.clone(),
        sha256: f.sha256.clone(),
        pages,
        paper: paper_id(f.paper).to_string(),
        bytes: u32::try_from(f.pdf.len() / 4 * 3).unwrap_or(u32::MAX),
        margins: f.margins.into(),
        not_archival,
    }
}

/// Margins a letter can be set in on `page`: none negative, at least two
/// inches of text across and three down.
fn check_margins(m: FileMargins, page: typeset::PageSize) -> Result<(), AppError> {
    for (name, v) in [
        ("top", m.top),
        ("right", m.right),
        ("bottom", m.bottom),
        ("left", m.left),
    ] {
        if !v.is_finite() || v < 0.0 {
            return Err(AppError::invalid(
                "margins",
                format!("the {name} margin must be zero or more points"),
            ));
        }
    }
    if page.width - m.left - m.right < 144.0 {
        return Err(AppError::invalid(
            "margins",
            "the left and right margins leave less than two inches for the text",
        ));
    }
    if page.height - m.top - m.bottom < 216.0 {
        return Err(AppError::invalid(
            "margins",
            "the top and bottom margins leave less than three inches for the text",
        ));
    }
    Ok(())
}

fn opt_text(s: Option<String>) -> Option<String> {
    s.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

impl App {
    pub fn letterhead(&self) -> Result<Letterhead, AppError> {
        let o: Option<letters::Organization> = self.db().setting("organization")?;
        Ok(o.map(|o| Letterhead {
            name: o.name,
            unit: o.unit,
            address: o.address,
            phone: o.phone,
            website: o.website,
            logo: o.logo,
            file: o.letterhead.as_ref().map(file_view),
        })
        .unwrap_or_default())
    }

    /// Use the PDF at `path` as the organization's letterhead: one page, or
    /// two (first page, continuation pages), on the paper of the templates.
    /// Its bytes are kept in the record and travel with each letter's data.
    /// `margins` default to those already set, else to
    /// [`LETTERHEAD_FILE_MARGINS`]. Anything wrong is refused, nothing changed.
    #[tracing::instrument(skip(self))]
    pub fn set_letterhead_file(
        &self,
        path: &Path,
        margins: Option<FileMargins>,
    ) -> Result<LetterheadFileView, AppError> {
        let bytes = std::fs::read(path).map_err(|source| AppError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let parsed = typeset::Stationery::from_pdf(&bytes).map_err(|e| {
            AppError::invalid(
                "letterhead",
                format!("{name} cannot be used as the letterhead: {e}"),
            )
        })?;
        let paper = if parsed.page == typeset::PageSize::A4 {
            letters::Paper::A4
        } else {
            letters::Paper::Letter
        };
        let papers: Vec<letters::Paper> = self.engine.templates().iter().map(|t| t.paper).collect();
        if !papers.contains(&paper) {
            let theirs = papers.first().copied().unwrap_or_default();
            return Err(AppError::invalid(
                "letterhead",
                format!(
                    "{name} cannot be used as the letterhead: it is {} paper but the templates are set on {} paper",
                    letters::paper_name(paper),
                    letters::paper_name(theirs)
                ),
            ));
        }
        let mut db = self.db();
        let mut org: letters::Organization = db.setting("organization")?.ok_or_else(|| {
            AppError::invalid(
                "name",
                "fill in the organization's name under Settings → Letterhead first",
            )
        })?;
        let margins = margins
            .or_else(|| org.letterhead.as_ref().map(|f| f.margins.into()))
            .unwrap_or(LETTERHEAD_FILE_MARGINS);
        check_margins(margins, parsed.page)?;
        use base64::Engine as _;
        let file = letters::LetterheadFile {
            name,
            sha256: parsed.sha256.clone(),
            pdf: base64::engine::general_purpose::STANDARD.encode(&bytes),
            paper,
            margins: margins.into(),
        };
        let view = file_view(&file);
        org.letterhead = Some(file);
        db.set_setting("organization", &org)?;
        drop(db);
        self.changed(&[RecordArea::Settings]);
        Ok(view)
    }

    /// Stop using a letterhead file: letters are drawn with the letterhead
    /// composed from the organization's name and address again. Letters
    /// already sent keep theirs.
    #[tracing::instrument(skip(self))]
    pub fn remove_letterhead_file(&self) -> Result<(), AppError> {
        let mut db = self.db();
        let Some(mut org) = db.setting::<letters::Organization>("organization")? else {
            return Ok(());
        };
        if org.letterhead.take().is_some() {
            db.set_setting("organization", &org)?;
            drop(db);
            self.changed(&[RecordArea::Settings]);
        }
        Ok(())
    }

    /// Save the letterhead. A logo must be a PNG Amicus can draw; it is
    /// copied into the data folder (content-named) before anything is stored.
    pub fn set_letterhead(&self, l: &Letterhead) -> Result<(), AppError> {
        let name = l.name.trim();
        if name.is_empty() {
            return Err(AppError::invalid(
                "name",
                "the letterhead needs the organization's name",
            ));
        }
        let logo = match opt_text(l.logo.clone()) {
            None => None,
            Some(path) => Some(self.keep_logo(std::path::Path::new(&path))?),
        };
        // The letterhead file stays as set; the form edits its margins.
        let kept: Option<letters::Organization> = self.db().setting("organization")?;
        let mut letterhead = kept.and_then(|o| o.letterhead);
        if let (Some(file), Some(view)) = (letterhead.as_mut(), l.file.as_ref()) {
            let page = match file.paper {
                letters::Paper::A4 => typeset::PageSize::A4,
                letters::Paper::Letter => typeset::PageSize::LETTER,
            };
            check_margins(view.margins, page)?;
            file.margins = view.margins.into();
        }
        let org = letters::Organization {
            name: name.to_string(),
            unit: opt_text(l.unit.clone()),
            address: l
                .address
                .iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            phone: opt_text(l.phone.clone()),
            website: opt_text(l.website.clone()),
            logo,
            letterhead,
        };
        self.db().set_setting("organization", &org)?;
        self.changed(&[RecordArea::Settings]);
        Ok(())
    }

    fn keep_logo(&self, path: &Path) -> Result<String, AppError> {
        let bytes = std::fs::read(path).map_err(|source| AppError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        if typeset::Image::from_png(&bytes).is_err() {
            return Err(AppError::invalid(
                "logo",
                format!("{} is not a PNG image Amicus can use", path.display()),
            ));
        }
        let db_path = self.db().path().map(std::path::Path::to_path_buf);
        let Some(dir) = db_path.as_deref().and_then(std::path::Path::parent) else {
            // An in-memory record (tests): use the file where it is.
            return Ok(path.display().to_string());
        };
        let digest = store::letters::sha256_hex(&bytes);
        let kept = dir.join(format!("logo-{}.png", &digest[..16]));
        if kept != path && !kept.exists() {
            crate::files::write_atomically(&kept, &bytes)?;
        }
        Ok(kept.display().to_string())
    }

    #[tracing::instrument(skip(self))]
    pub fn add_signer(&self, name: &str, title: Option<&str>) -> Result<i64, AppError> {
        let id = self.db().add_signer(name, title)?;
        self.changed(&[RecordArea::Settings]);
        Ok(id)
    }

    /// Signer `id`'s signature image on file, as a `data:image/png` URL for
    /// the window to show; None when there is none.
    pub fn signer_signature_image(&self, id: i64) -> Result<Option<String>, AppError> {
        use base64::Engine as _;
        Ok(self.db().signer_signature(id)?.map(|png| {
            format!(
                "data:image/png;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(png)
            )
        }))
    }

    /// Put the PNG at `png` on file as signer `id`'s handwritten signature
    /// (None removes it). Letters signed from now on are drawn with it;
    /// letters already signed keep the image they were signed with.
    #[tracing::instrument(skip(self))]
    pub fn set_signer_signature(&self, id: i64, png: Option<&Path>) -> Result<(), AppError> {
        let bytes = match png {
            None => None,
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|source| AppError::Read {
                    path: path.to_path_buf(),
                    source,
                })?;
                // Refused here, not when a letter is drawn with it.
                typeset::Image::from_png(&bytes).map_err(|e| {
                    AppError::invalid(
                        "signature",
                        format!(
                            "{} cannot be used as a signature: {}",
                            path.display(),
                            e.to_string().replace("the logo", "the image")
                        ),
                    )
                })?;
                Some(bytes)
            }
        };
        self.db().set_signer_signature(id, bytes.as_deref())?;
        self.changed(&[RecordArea::Settings]);
        Ok(())
    }
}

/// Put the backup at `backup` in place of the record at `db_path`, which
/// could not be opened. The backup is checked first (a sound Amicus record
/// this build can read, brought up to date on a copy); only then is the
/// unreadable file moved aside, never deleted, as `NAME.unreadable-N`, and
/// the checked copy moved into its place. Returns where the old file went.
pub fn replace_record_with_backup(
    db_path: &Path,
    backup: &Path,
) -> Result<Option<PathBuf>, AppError> {
    let dir = db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|source| AppError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let staged = tempfile::Builder::new()
        .prefix(".amicus-restore-")
        .suffix(".db")
        .tempfile_in(dir)
        .map_err(|source| AppError::Write {
            path: dir.to_path_buf(),
            source,
        })?
        .into_temp_path();
    std::fs::copy(backup, &staged).map_err(|source| AppError::Read {
        path: backup.to_path_buf(),
        source,
    })?;
    let not_backup = |e: &dyn std::fmt::Display| AppError::Record {
        path: backup.to_path_buf(),
        message: format!("not an Amicus backup Amicus can use: {e}"),
    };
    {
        let candidate = store::Store::open(&staged).map_err(|e| not_backup(&e))?;
        let check = candidate.integrity_check()?;
        if check != "ok" || candidate.is_empty()? {
            return Err(not_backup(&"it is damaged or empty"));
        }
        // Closing the last connection folds the write-ahead log into the
        // file, so the copy is whole before it moves.
    }
    let moved = if db_path.exists() {
        let mut n = 1;
        let aside = loop {
            let mut name = db_path.file_name().unwrap_or_default().to_os_string();
            name.push(format!(".unreadable-{n}"));
            let candidate = db_path.with_file_name(name);
            if !candidate.exists() {
                break candidate;
            }
            n += 1;
        };
        std::fs::rename(db_path, &aside).map_err(|source| AppError::Write {
            path: db_path.to_path_buf(),
            source,
        })?;
        Some(aside)
    } else {
        None
    };
    for suffix in ["-wal", "-shm"] {
        let mut name = db_path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(db_path.with_file_name(name));
    }
    staged.persist(db_path).map_err(|e| AppError::Write {
        path: db_path.to_path_buf(),
        source: e.error,
    })?;
    Ok(moved)
}
