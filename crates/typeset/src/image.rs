//! Raster images (the letterhead logo), decoded once and shared.

use crate::error::TypesetError;

/// A decoded PNG, kept with its original bytes for the SVG preview.
#[derive(Debug)]
pub struct Image {
    pub(crate) raw: printpdf::RawImage,
    pub(crate) png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

impl Image {
    /// Decode a PNG. Decoding is the costly part; do it once per logo, not per letter.
    pub fn from_png(bytes: &[u8]) -> Result<Image, TypesetError> {
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(TypesetError::Image(
                "the logo is not a PNG file; save it as PNG and try again".into(),
            ));
        }
        let mut warnings = Vec::new();
        let raw = printpdf::RawImage::decode_from_bytes(bytes, &mut warnings)
            .map_err(|e| TypesetError::Image(format!("the logo PNG cannot be decoded: {e}")))?;
        Ok(Image {
            width: raw.width as u32,
            height: raw.height as u32,
            raw,
            png: bytes.to_vec(),
        })
    }

    /// The PNG file the image was decoded from.
    pub fn png(&self) -> &[u8] {
        &self.png
    }
}
