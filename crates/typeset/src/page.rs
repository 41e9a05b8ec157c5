//! The paper a page is set on.

/// Page size in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

impl PageSize {
    pub const LETTER: PageSize = PageSize {
        width: 612.0,
        height: 792.0,
    };
    pub const A4: PageSize = PageSize {
        width: 595.276,
        height: 841.89,
    };
}
