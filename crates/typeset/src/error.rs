use thiserror::Error;

/// What can go wrong while setting a document.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum TypesetError {
    /// No bundled or installed font has a glyph for this character.
    #[error(
        "no installed font can draw the character '{0}' (U+{code:04X}); install a font that covers it (for Chinese, Japanese or Korean: fonts-noto-cjk) or remove the character",
        code = *.0 as u32
    )]
    MissingGlyph(char),
    #[error("font problem: {0}")]
    Font(String),
    #[error("image problem: {0}")]
    Image(String),
    #[error("the page is too small for its margins and header")]
    PageTooSmall,
}
