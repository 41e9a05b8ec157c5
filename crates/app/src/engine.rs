//! The letter engine: fonts and templates parsed once, decoded logos
//! cached, every copy of a letter laid out (in parallel for a merge) and
//! written as PDF or SVG. It knows nothing of the record; [`crate::app::App`]
//! pairs it with one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use letters::{Letter, LetterData, LetterError, Mode, Problem, TemplateMeta};
use typeset::{FontSet, Image, Layout};

use crate::error::AppError;
use crate::files::{
    copy_path, copy_pdf_path, file_stem, parent_dir, stage, stage_with, sync_filesystems,
    write_atomically,
};

/// The sample letter shipped with Amicus (KORUS, September 5, 2017).
pub const SAMPLE_LETTER: &str = include_str!("../../../templates/samples/korus-2017.json");

pub struct Engine {
    fonts: FontSet,
    /// Read by every render; written only when a user template is loaded or
    /// checked, so renders never wait on each other.
    templates: RwLock<letters::Templates>,
    logos: Mutex<HashMap<PathBuf, Arc<Image>>>,
    /// Letterhead files parsed, by SHA-256 (a merge parses its file once).
    stationery: Mutex<HashMap<String, Arc<typeset::Stationery>>>,
}

/// What a letter is exported as: the exact PDF, or a Word document
/// (.docx) to edit, built from the same composed letter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    #[default]
    Pdf,
    Docx,
}

impl ExportFormat {
    /// The file name extension: "pdf", "docx".
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Docx => "docx",
        }
    }
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<ExportFormat, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pdf" => Ok(ExportFormat::Pdf),
            "docx" | "word" => Ok(ExportFormat::Docx),
            other => Err(format!(
                "\"{other}\" is not a format Amicus writes; choose pdf or docx"
            )),
        }
    }
}

/// How to export a letter's copies.
#[derive(Default)]
pub struct ExportOptions {
    /// PDF (the default) or a Word document.
    pub format: ExportFormat,
    /// One file holding every copy, instead of one file per copy (in a
    /// Word document, each copy its own section after a page break).
    pub combined: bool,
    /// A copy to sign by hand: the space above the signer's name is left
    /// blank even when the letter is signed with their signature image.
    pub blank_signature: bool,
    /// Called after each copy with (done, total); false cancels the export.
    #[allow(clippy::type_complexity)]
    pub progress: Option<Box<dyn Fn(usize, usize) -> bool + Sync>>,
}

/// A copy with its PDF bytes.
pub type RenderedPdf = (Rendered, Vec<u8>);

/// One laid-out copy of a letter.
pub struct Rendered {
    pub letter: Letter,
    pub layout: Layout,
}

impl Rendered {
    /// Who this copy is for, for file names and progress lines.
    pub fn label(&self) -> String {
        letters::compose::addressee_names(&self.letter.data)
    }
}

impl Engine {
    pub fn new() -> Result<Engine, AppError> {
        Self::with_fonts(FontSet::new().map_err(letters::LetterError::from)?)
    }

    pub fn with_fonts(fonts: FontSet) -> Result<Engine, AppError> {
        Ok(Engine {
            fonts,
            templates: RwLock::new(letters::Templates::builtin()?),
            logos: Mutex::new(HashMap::new()),
            stationery: Mutex::new(HashMap::new()),
        })
    }

    /// Every template the engine knows.
    pub fn templates(&self) -> Vec<TemplateMeta> {
        self.read_templates().list().to_vec()
    }

    /// The filled-in template of each copy, before layout.
    pub(crate) fn prepare(&self, data: &LetterData) -> Result<Vec<Letter>, AppError> {
        Ok(letters::prepare(&self.read_templates(), data, None)?)
    }

    fn read_templates(&self) -> std::sync::RwLockReadGuard<'_, letters::Templates> {
        self.templates.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write_templates(&self) -> std::sync::RwLockWriteGuard<'_, letters::Templates> {
        self.templates.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Register (or replace) a template under `meta.id`.
    pub(crate) fn add_template(&self, meta: TemplateMeta, source: &str) -> Result<(), AppError> {
        Ok(self.write_templates().add(meta, source)?)
    }

    /// Whether the engine knows a template (asked for every letter laid out,
    /// so it clones nothing).
    pub(crate) fn knows_template(&self, id: &str) -> bool {
        self.read_templates().get(id).is_ok()
    }

    /// A known template's metadata.
    pub(crate) fn template(&self, id: &str) -> Result<TemplateMeta, AppError> {
        Ok(self.read_templates().get(id)?.clone())
    }

    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// Parse letter data, reporting the path of any bad value.
    pub fn parse_data(&self, json: &str) -> Result<LetterData, AppError> {
        Ok(LetterData::from_json(json)?)
    }

    pub fn read_data(&self, path: &Path) -> Result<LetterData, AppError> {
        let text = std::fs::read_to_string(path).map_err(|source| AppError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        self.parse_data(&text)
    }

    fn logo(&self, org: &letters::Organization) -> Result<Option<Arc<Image>>, AppError> {
        let Some(path) = org.logo.as_deref() else {
            return Ok(None);
        };
        let path = PathBuf::from(path);
        let mut logos = self.logos.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(img) = logos.get(&path) {
            return Ok(Some(Arc::clone(img)));
        }
        let bytes = std::fs::read(&path).map_err(|source| AppError::Read {
            path: path.clone(),
            source,
        })?;
        let img = Arc::new(Image::from_png(&bytes).map_err(letters::LetterError::from)?);
        logos.insert(path, Arc::clone(&img));
        Ok(Some(img))
    }

    /// The letter's images: the letterhead's logo (decoded once per file)
    /// and, once signed, the signer's signature.
    fn art(&self, data: &LetterData) -> Result<letters::Art, AppError> {
        let signature = match &data.signer.signature {
            None => None,
            Some(b64) => {
                use base64::Engine as _;
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .map_err(|e| AppError::damaged("the signer's signature image", e))?;
                let img = Image::from_png(&bytes)
                    .map_err(|e| AppError::damaged("the signer's signature image", e))?;
                Some(Arc::new(img))
            }
        };
        Ok(letters::Art {
            logo: self.logo(&data.organization)?,
            signature,
            stationery: self.stationery(&data.organization)?,
        })
    }

    /// The letter's letterhead file, parsed (once per file) and checked to
    /// be what the data says it is.
    fn stationery(
        &self,
        org: &letters::Organization,
    ) -> Result<Option<Arc<typeset::Stationery>>, AppError> {
        let Some(file) = &org.letterhead else {
            return Ok(None);
        };
        let mut cache = self.stationery.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = cache.get(&file.sha256) {
            return Ok(Some(Arc::clone(s)));
        }
        let bytes = file.bytes()?;
        let parsed = typeset::Stationery::from_pdf(&bytes)
            .map_err(|e| AppError::damaged("the letterhead file", e))?;
        if parsed.sha256 != file.sha256 {
            return Err(AppError::damaged(
                "the letterhead file",
                "its bytes do not match its SHA-256",
            ));
        }
        let mut parsed = parsed;
        parsed.name.clone_from(&file.name);
        let parsed = Arc::new(parsed);
        if cache.len() >= 8 {
            cache.clear();
        }
        cache.insert(file.sha256.clone(), Arc::clone(&parsed));
        Ok(Some(parsed))
    }

    /// The organization's letterhead as a report draws it, the way its
    /// letters do: its letterhead file (beneath the pages), or the
    /// letterhead drawn from its fields with its logo.
    pub(crate) fn letterhead_of(
        &self,
        org: &letters::Organization,
    ) -> Result<(typeset::Letterhead, Option<Arc<typeset::Stationery>>), AppError> {
        match self.stationery(org)? {
            Some(file) => Ok((typeset::Letterhead::default(), Some(file))),
            None => Ok((
                letters::compose::drawn_letterhead(org, self.logo(org)?),
                None,
            )),
        }
    }

    /// Compose and lay out one filled letter.
    fn lay_out(&self, letter: Letter, art: letters::Art) -> Result<Rendered, AppError> {
        let doc = letters::compose(&letter, art);
        let layout = typeset::layout(&doc, &self.fonts).map_err(letters::LetterError::from)?;
        Ok(Rendered { letter, layout })
    }

    /// Fill, compose and lay out every copy of the letter.
    pub fn render(
        &self,
        data: &LetterData,
        template: Option<&str>,
    ) -> Result<Vec<Rendered>, AppError> {
        let art = self.art(data)?;
        let prepared = letters::prepare(&self.read_templates(), data, template)?;
        prepared
            .into_iter()
            .map(|letter| self.lay_out(letter, art.clone()))
            .collect()
    }

    /// How many copies the letter makes (one per addressee when per
    /// recipient, one for a joint letter): filled, not laid out.
    pub fn copy_count(&self, data: &LetterData) -> Result<usize, AppError> {
        Ok(letters::prepare(&self.read_templates(), data, None)?.len())
    }

    /// How each copy greets its addressees ("Dear Secretary Ross:"), as the
    /// letter says it: filled, not laid out.
    pub fn salutations(&self, data: &LetterData) -> Result<Vec<String>, AppError> {
        let prepared = letters::prepare(&self.read_templates(), data, None)?;
        Ok(prepared
            .iter()
            .map(|l| {
                l.rendered
                    .salutation
                    .iter()
                    .map(|i| i.text.as_str())
                    .collect()
            })
            .collect())
    }

    /// Lay out every copy of the letter and hand each to `work`, on
    /// `per_core` threads per core, each taking the next copy in turn (a
    /// merge is embarrassingly parallel: fonts, templates and caches are
    /// shared read-mostly). Results come back in copy order; on an error
    /// the other results are dropped.
    fn each_copy<T: Send>(
        &self,
        data: &LetterData,
        template: Option<&str>,
        per_core: usize,
        work: &(dyn Fn(usize, Rendered) -> Result<T, AppError> + Sync),
    ) -> Result<Vec<T>, AppError> {
        let art = self.art(data)?;
        let letters = letters::prepare(&self.read_templates(), data, template)?;
        let total = letters.len();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let workers = (cores * per_core).min(total).max(1);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let slots: Vec<Mutex<Option<Letter>>> =
            letters.into_iter().map(|l| Mutex::new(Some(l))).collect();
        let results: Vec<Result<Vec<(usize, T)>, AppError>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    let (art, next, slots) = (art.clone(), &next, &slots);
                    s.spawn(move || {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(slot) = slots.get(i) else {
                                return Ok(done);
                            };
                            let Some(letter) =
                                slot.lock().unwrap_or_else(|e| e.into_inner()).take()
                            else {
                                continue;
                            };
                            done.push((i, work(i, self.lay_out(letter, art.clone())?)?));
                        }
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        let mut out = Vec::with_capacity(total);
        for part in results {
            out.extend(part?);
        }
        out.sort_by_key(|(i, _)| *i);
        Ok(out.into_iter().map(|(_, t)| t).collect())
    }

    /// Render every copy and its PDF, in parallel.
    pub fn render_pdfs(
        &self,
        data: &LetterData,
        template: Option<&str>,
    ) -> Result<Vec<RenderedPdf>, AppError> {
        self.each_copy(data, template, 1, &|_, rendered| {
            let pdf = self.pdf(&rendered)?;
            Ok((rendered, pdf))
        })
    }

    /// Render every copy to its own PDF file, named by `name_of(index,
    /// copy)`. Either every file is written or none is: copies are staged
    /// beside their targets as they are rendered (in parallel), flushed to
    /// disk together, and moved into place only when all have succeeded.
    pub fn render_to_files(
        &self,
        data: &LetterData,
        template: Option<&str>,
        name_of: &(dyn Fn(usize, &Rendered) -> PathBuf + Sync),
        after_each: &(dyn Fn() -> Result<(), AppError> + Sync),
    ) -> Result<Vec<PathBuf>, AppError> {
        let batch_sync = cfg!(target_os = "linux");
        // Two threads per core: while one waits on the disk another renders.
        // On an error, the staged files are dropped, deleting themselves.
        let staged = self.each_copy(data, template, 2, &|i, rendered| {
            let pdf = self.pdf(&rendered)?;
            let staged = stage_with(&name_of(i, &rendered), &pdf, !batch_sync)?;
            after_each()?;
            Ok(staged)
        })?;
        // The data is on disk before any file takes its final name.
        let mut dirs: Vec<PathBuf> = staged
            .iter()
            .map(|f| parent_dir(f.path()).to_path_buf())
            .collect();
        dirs.sort();
        dirs.dedup();
        sync_filesystems(&dirs)?;
        let mut written = Vec::with_capacity(staged.len());
        for file in staged {
            let path = file.path().to_path_buf();
            file.commit()?;
            written.push(path);
        }
        // And the new names are on disk too.
        sync_filesystems(&dirs)?;
        Ok(written)
    }

    /// Export every copy as a PDF at `out`: one file for a single copy, else
    /// `OUT-01-name.pdf`, `OUT-02-name.pdf`, … — all written or none.
    pub fn export_pdfs(
        &self,
        data: &LetterData,
        template: Option<&str>,
        out: &Path,
    ) -> Result<Vec<PathBuf>, AppError> {
        self.export_with(data, template, out, &ExportOptions::default())
    }

    /// Export every copy as [`Engine::export_pdfs`] does and each page of
    /// each copy as SVG into the folder `svg_dir` (`page-1.svg`, or
    /// `01-name-page-1.svg` for one copy per recipient). Everything is
    /// rendered before anything is written, so an error leaves no files.
    pub fn export_pdfs_and_svg(
        &self,
        data: &LetterData,
        template: Option<&str>,
        out: &Path,
        svg_dir: &Path,
    ) -> Result<Vec<PathBuf>, AppError> {
        let copies = self.render_pdfs(data, template)?;
        let many = copies.len() > 1;
        let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        for (i, (copy, pdf)) in copies.into_iter().enumerate() {
            let label = copy.label();
            files.push((copy_pdf_path(out, many, i, &label), pdf));
            let stem = file_stem(i, &label);
            for (p, page) in self.svg_pages(&copy).into_iter().enumerate() {
                let name = if many {
                    format!("{stem}-page-{}.svg", p + 1)
                } else {
                    format!("page-{}.svg", p + 1)
                };
                files.push((svg_dir.join(name), page.into_bytes()));
            }
        }
        std::fs::create_dir_all(svg_dir).map_err(|source| AppError::Write {
            path: svg_dir.to_path_buf(),
            source,
        })?;
        let staged = files
            .iter()
            .map(|(path, bytes)| stage(path, bytes))
            .collect::<Result<Vec<_>, _>>()?;
        let mut written = Vec::with_capacity(staged.len());
        for file in staged {
            let path = file.path().to_path_buf();
            file.commit()?;
            written.push(path);
        }
        Ok(written)
    }

    /// Export with a choice of one file per copy or one combined file, and a
    /// progress callback called after each copy with (done, total); when it
    /// returns false the export stops and nothing is written.
    pub fn export_with(
        &self,
        data: &LetterData,
        template: Option<&str>,
        out: &Path,
        options: &ExportOptions,
    ) -> Result<Vec<PathBuf>, AppError> {
        let total = match data.mode {
            Mode::PerRecipient => data.recipients.len().max(1),
            Mode::Joint => 1,
        };
        if options.format == ExportFormat::Docx {
            return self.export_docx(data, template, out, options);
        }
        let done = std::sync::atomic::AtomicUsize::new(0);
        let step = || {
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            match &options.progress {
                Some(go_on) if !go_on(n, total) => Err(AppError::Cancelled),
                _ => Ok(()),
            }
        };
        if options.combined && total > 1 {
            let copies = self.each_copy(data, template, 1, &|_, rendered| {
                step()?;
                Ok(rendered)
            })?;
            let mut pages = Vec::new();
            let mut first = None;
            for c in copies {
                let Rendered { layout, .. } = c;
                pages.extend(layout.pages.iter().cloned());
                first.get_or_insert(layout);
            }
            let Some(mut layout) = first else {
                return Ok(Vec::new());
            };
            layout.pages = pages;
            let pdf = typeset::pdf::write_pdf(&layout, &self.fonts)
                .map_err(|e| AppError::Letter(LetterError::from(e)))?;
            let file = stage_with(out, &pdf, true)?;
            let path = file.path().to_path_buf();
            file.commit()?;
            sync_filesystems(&[parent_dir(&path).to_path_buf()])?;
            return Ok(vec![path]);
        }
        let many = total > 1;
        self.render_to_files(
            data,
            template,
            &|i, copy| copy_pdf_path(out, many, i, &copy.label()),
            &step,
        )
    }

    /// Every copy of the letter composed (the document its PDF is laid out
    /// from), with who it is for.
    pub fn compose(
        &self,
        data: &LetterData,
        template: Option<&str>,
    ) -> Result<Vec<(String, typeset::Document)>, AppError> {
        let art = self.art(data)?;
        let prepared = letters::prepare(&self.read_templates(), data, template)?;
        Ok(prepared
            .iter()
            .map(|l| {
                (
                    letters::compose::addressee_names(&l.data),
                    letters::compose(l, art.clone()),
                )
            })
            .collect())
    }

    /// The letter as Word documents: one per copy, or one holding every
    /// copy when `combined` (each copy its own section). With who each is for.
    pub fn docx(
        &self,
        data: &LetterData,
        template: Option<&str>,
        combined: bool,
    ) -> Result<Vec<(String, Vec<u8>)>, AppError> {
        let copies = self.compose(data, template)?;
        if combined && copies.len() > 1 {
            let docs: Vec<typeset::Document> = copies.into_iter().map(|(_, d)| d).collect();
            return Ok(vec![(String::new(), letters::docx::write_docx(&docs)?)]);
        }
        copies
            .into_iter()
            .map(|(label, doc)| Ok((label, letters::docx::write_docx(&[doc])?)))
            .collect()
    }

    /// Export the letter as Word: `out` for one copy or one combined file,
    /// else `OUT-01-name.docx`, … beside it — all written or none.
    fn export_docx(
        &self,
        data: &LetterData,
        template: Option<&str>,
        out: &Path,
        options: &ExportOptions,
    ) -> Result<Vec<PathBuf>, AppError> {
        let copies = self.compose(data, template)?;
        let total = copies.len();
        let report = |n: usize| match &options.progress {
            Some(go_on) if !go_on(n, total) => Err(AppError::Cancelled),
            _ => Ok(()),
        };
        let mut files = Vec::new();
        if options.combined || total == 1 {
            let docs: Vec<typeset::Document> = copies.into_iter().map(|(_, d)| d).collect();
            let bytes = letters::docx::write_docx(&docs)?;
            report(total)?;
            files.push(stage_with(out, &bytes, true)?);
        } else {
            // Each staged file deletes itself if a later one fails.
            for (i, (label, doc)) in copies.into_iter().enumerate() {
                let bytes = letters::docx::write_docx(&[doc])?;
                files.push(stage_with(
                    &copy_path(out, true, i, &label, "docx"),
                    &bytes,
                    true,
                )?);
                report(i + 1)?;
            }
        }
        let mut written = Vec::with_capacity(files.len());
        for file in files {
            let path = file.path().to_path_buf();
            file.commit()?;
            written.push(path);
        }
        let dirs: Vec<PathBuf> = written
            .iter()
            .map(|p| parent_dir(p).to_path_buf())
            .collect();
        sync_filesystems(&dirs)?;
        Ok(written)
    }

    /// Every problem with the data and template, without writing anything.
    /// Rendering already reports every missing required field at once.
    pub fn check(&self, json: &str, template: Option<&str>) -> Vec<Problem> {
        match self
            .parse_data(json)
            .and_then(|data| self.render(&data, template))
        {
            Ok(_) => Vec::new(),
            Err(e) => e.problems(),
        }
    }

    pub fn pdf(&self, rendered: &Rendered) -> Result<Vec<u8>, AppError> {
        typeset::pdf::write_pdf(&rendered.layout, &self.fonts)
            .map_err(|e| AppError::Letter(LetterError::from(e)))
    }

    /// The shipped sample letter, laid out (it is a joint letter: one copy).
    fn sample(&self) -> Result<Rendered, AppError> {
        let data = self.parse_data(SAMPLE_LETTER)?;
        let letter = letters::prepare(&self.read_templates(), &data, None)?
            .into_iter()
            .next()
            .ok_or(LetterError::NoTemplate)?;
        self.lay_out(letter, self.art(&data)?)
    }

    /// The shipped sample letter as a PDF (a test message's attachment).
    pub fn sample_pdf(&self) -> Result<Vec<u8>, AppError> {
        let sample = self.sample()?;
        self.pdf(&sample)
    }

    /// The sample letter's title and SVG pages, for the first window.
    pub fn sample_preview(&self) -> Result<(String, Vec<String>), AppError> {
        let sample = self.sample()?;
        Ok((
            sample.layout.metadata.title.clone(),
            self.svg_pages(&sample),
        ))
    }

    /// Render the sample letter and write it as a PDF, atomically.
    pub fn export_sample_pdf(&self, path: &Path) -> Result<(), AppError> {
        write_atomically(path, &self.pdf(&self.sample()?)?)
    }

    /// The pages as glyph placements and overlays (the live preview).
    pub fn ink_pages(&self, rendered: &Rendered) -> Vec<typeset::svg::InkPage> {
        (0..rendered.layout.pages.len())
            .map(|i| typeset::svg::ink_page(&rendered.layout, i, &self.fonts))
            .collect()
    }

    /// The outline of a glyph the shared pages use, as SVG path data.
    pub fn glyph_path(&self, face: typeset::FaceId, gid: u16) -> std::sync::Arc<str> {
        typeset::svg::glyph_path(&self.fonts, face, gid)
    }

    pub fn svg_pages(&self, rendered: &Rendered) -> Vec<String> {
        (0..rendered.layout.pages.len())
            .map(|i| typeset::svg::page_svg(&rendered.layout, i, &self.fonts))
            .collect()
    }
}
