//! Files written whole or not at all: staged under a temporary name beside
//! the target, synced, then renamed into place; and the names of a
//! letter's copies.

use std::path::{Path, PathBuf};

use crate::error::AppError;

/// Write a file so that it is either complete or absent: write a temporary
/// file beside it, then rename over the target.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    stage(path, bytes)?.commit()
}

/// A file written and synced under a temporary name beside its target,
/// waiting to be moved into place. Dropped uncommitted, it is deleted.
pub struct Staged {
    temp: tempfile::TempPath,
    path: PathBuf,
}

impl Staged {
    /// Move the file into place (an atomic rename).
    pub fn commit(self) -> Result<(), AppError> {
        let path = self.path;
        self.temp
            .persist(&path)
            .map_err(|e| replace_failed(path.clone(), e.error))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Move several staged files into place, all of them or (as far as can be
/// known beforehand) none: first every target is checked to be replaceable
/// (not a folder; on Windows not held open by another program, as Excel
/// holds a spreadsheet), and only then are they moved, in order. A file
/// that cannot be replaced is named and nothing is moved.
pub fn commit_all(staged: Vec<Staged>) -> Result<(), AppError> {
    for file in &staged {
        check_replaceable(file.path())?;
    }
    for file in staged {
        file.commit()?;
    }
    Ok(())
}

/// Whether a file at `path`, if there is one, could be replaced now.
fn check_replaceable(path: &Path) -> Result<(), AppError> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(AppError::invalid(
            "file",
            format!(
                "{} is a folder, not a file; choose another name. Nothing was written",
                path.display()
            ),
        ));
    }
    // A Windows program that holds a file open without sharing it for
    // writing (Excel, Acrobat) makes this open fail as the rename would.
    if cfg!(windows)
        && let Err(e) = std::fs::OpenOptions::new().append(true).open(path)
    {
        return Err(replace_failed(path.to_path_buf(), e));
    }
    Ok(())
}

/// Why moving a staged file over `path` failed. On Windows a file another
/// program holds open (Acrobat, Edge) cannot be replaced: ERROR_ACCESS_DENIED
/// (5) from the rename, or a sharing or lock violation (32, 33). The
/// staged file was written beside it in the same folder, so the folder is
/// writable: the file itself is the obstacle, and the person can close it.
fn replace_failed(path: PathBuf, error: std::io::Error) -> AppError {
    if held_by_another_program(&error) {
        AppError::InUse { path }
    } else {
        AppError::Write {
            path,
            source: error,
        }
    }
}

fn held_by_another_program(error: &std::io::Error) -> bool {
    cfg!(windows) && matches!(error.raw_os_error(), Some(5 | 32 | 33))
}

/// Write `bytes` under a temporary name beside `path` and sync them to disk.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, AppError> {
    stage_with(path, bytes, true)
}

/// Flush every file written on the filesystem holding `dir` (Linux: one
/// `syncfs`, far cheaper than an fsync per file of a large merge).
#[cfg(target_os = "linux")]
fn sync_filesystem(dir: &Path) -> std::io::Result<bool> {
    let handle = std::fs::File::open(dir)?;
    rustix::fs::syncfs(&handle)?;
    Ok(true)
}

#[cfg(not(target_os = "linux"))]
fn sync_filesystem(_dir: &Path) -> std::io::Result<bool> {
    Ok(false)
}

pub(crate) fn sync_filesystems(dirs: &[PathBuf]) -> Result<(), AppError> {
    for dir in dirs {
        sync_filesystem(dir).map_err(|source| AppError::Write {
            path: dir.clone(),
            source,
        })?;
    }
    Ok(())
}

pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

pub(crate) fn stage_with(path: &Path, bytes: &[u8], sync: bool) -> Result<Staged, AppError> {
    use std::io::Write as _;
    let err = |source| AppError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = parent_dir(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".amicus-").suffix(".part");
    // An exported letter is an ordinary document: readable as the user's
    // umask allows, like any file they save (a temporary file is 0600).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    if sync {
        tmp.as_file().sync_all().map_err(err)?;
    }
    Ok(Staged {
        // Closes the file (a merge may stage thousands) but keeps the name.
        temp: tmp.into_temp_path(),
        path: path.to_path_buf(),
    })
}

/// Where copy `index` of an export to `out` goes: `out` itself for a lone
/// copy, else `OUT-01-secretary-ross.pdf` beside it.
pub fn copy_pdf_path(out: &Path, many: bool, index: usize, label: &str) -> PathBuf {
    copy_path(out, many, index, label, "pdf")
}

/// [`copy_pdf_path`] for a file of another kind (`ext`: "docx").
pub fn copy_path(out: &Path, many: bool, index: usize, label: &str, ext: &str) -> PathBuf {
    if many {
        let base = out.with_extension("");
        PathBuf::from(format!(
            "{}-{}.{ext}",
            base.display(),
            file_stem(index, label)
        ))
    } else {
        out.to_path_buf()
    }
}

/// A file-name-safe form of a label: "01-secretary-ross".
pub fn file_stem(index: usize, label: &str) -> String {
    let mut slug = String::new();
    for c in label.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    format!("{:02}-{}", index + 1, slug.trim_matches('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_held_open_elsewhere_is_named_as_such_on_windows_only() {
        let sharing_violation = || std::io::Error::from_raw_os_error(32);
        let err = replace_failed(PathBuf::from("korus.pdf"), sharing_violation());
        if cfg!(windows) {
            assert!(matches!(err, AppError::InUse { .. }), "{err}");
            assert!(err.to_string().contains("close it there"), "{err}");
        } else {
            // Elsewhere a rename replaces an open file, and 32 is EPIPE.
            assert!(matches!(err, AppError::Write { .. }), "{err}");
        }
        let other = replace_failed(
            PathBuf::from("korus.pdf"),
            std::io::Error::from(std::io::ErrorKind::StorageFull),
        );
        assert!(matches!(other, AppError::Write { .. }), "{other}");
    }
}
