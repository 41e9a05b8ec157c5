//! Our own checks of a PDF against PDF/A-2u (ISO 19005-2) and PDF/UA-1
//! (ISO 14289-1), for want of a validator on the package registries this
//! project may install from (veraPDF is a Java download). Each check names
//! the clause it stands for. What they cover is written down in
//! docs/PLATFORMS.md ("Tagged and archival PDF"), and so is what they don't:
//! font programs against their widths (6.2.11.5), the ICC profile's own
//! validity beyond its header (6.2.3), implementation limits (6.1.13), and
//! PDF/UA's checks a program cannot make (that alternate text is apt, that
//! the reading order is right beyond the order tested elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use lopdf::{Dictionary, Document, Object};

fn name_is(d: &Dictionary, key: &[u8], value: &[u8]) -> bool {
    d.get(key)
        .and_then(Object::as_name)
        .is_ok_and(|n| n == value)
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match resolve(doc, o) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The value of an XMP property (`<prefix:name>value</prefix:name>`, or
/// inside an rdf:Alt/Seq/Bag's first item).
fn xmp_value(xmp: &str, prop: &str) -> Option<String> {
    let open = format!("<{prop}>");
    let close = format!("</{prop}>");
    let start = xmp.find(&open)? + open.len();
    let end = start + xmp[start..].find(&close)?;
    let mut v = &xmp[start..end];
    if let Some(li) = v.find("<rdf:li") {
        let from = li + v[li..].find('>')? + 1;
        let to = from + v[from..].find("</rdf:li>")?;
        v = &v[from..to];
    }
    Some(
        v.trim()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&"),
    )
}

/// A PDF text string as Rust text (UTF-16BE with its mark, or PDFDocEncoding
/// read as Latin-1, enough for what the tests compare).
fn text(o: &Object) -> Option<String> {
    let Object::String(bytes, _) = o else {
        return None;
    };
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        return String::from_utf16(&units).ok();
    }
    Some(bytes.iter().map(|b| char::from(*b)).collect())
}

/// "D:20170905000000+00'00'" as the XMP writes it: "2017-09-05T00:00:00Z".
fn info_date_as_xmp(d: &str) -> Option<String> {
    let d = d.strip_prefix("D:")?;
    Some(format!(
        "{}-{}-{}T{}:{}:{}Z",
        d.get(0..4)?,
        d.get(4..6)?,
        d.get(6..8)?,
        d.get(8..10)?,
        d.get(10..12)?,
        d.get(12..14)?
    ))
}

/// Every problem found with `pdf` as a PDF/A-2u file; with `ua`, as a
/// PDF/UA-1 file too.
pub fn problems(pdf: &[u8], ua: bool) -> Vec<String> {
    let mut out = Vec::new();
    // 6.1.2: the header, and a comment of four bytes above 127 after it.
    if !pdf.starts_with(b"%PDF-1.") || !(b'0'..=b'7').contains(&pdf[7]) {
        out.push("6.1.2: the header is not %PDF-1.0 to %PDF-1.7".into());
    }
    let second = pdf.split(|b| *b == b'\n').nth(1).unwrap_or_default();
    if !(second.first() == Some(&b'%') && second.iter().skip(1).take(4).all(|b| *b > 127)) {
        out.push("6.1.2: no binary comment on the second line".into());
    }
    let doc = Document::load_mem(pdf).expect("the PDF loads");
    // 6.1.3: a file identifier, no encryption.
    if doc.trailer.get(b"ID").is_err() {
        out.push("6.1.3: the trailer has no ID".into());
    }
    if doc.trailer.get(b"Encrypt").is_ok() {
        out.push("6.1.3: the file is encrypted".into());
    }
    let catalog = doc.catalog().expect("a catalog");
    // 6.1.7 (streams), 6.2.11.4 (fonts embedded), 6.2.11.7.2 (ToUnicode, for
    // the u level), 6.1.8/6.6.1 (no JavaScript, no actions on open), 6.3.2
    // (annotations printed, never hidden).
    for (id, object) in &doc.objects {
        let d = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => {
                for key in [&b"F"[..], b"FFilter", b"FDecodeParms"] {
                    if s.dict.has(key) {
                        out.push(format!("6.1.7.1: stream {id:?} refers to an external file"));
                    }
                }
                if name_is(&s.dict, b"Filter", b"LZWDecode") {
                    out.push(format!("6.1.7.2: stream {id:?} is LZW-compressed"));
                }
                &s.dict
            }
            _ => continue,
        };
        if name_is(d, b"Type", b"Font") && !name_is(d, b"Subtype", b"Type3") {
            let descendant = d
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| match resolve(&doc, o) {
                    Object::Array(a) => a.first(),
                    _ => None,
                })
                .and_then(|o| dict(&doc, o));
            let font = descendant.unwrap_or(d);
            let embedded = font
                .get(b"FontDescriptor")
                .ok()
                .and_then(|o| dict(&doc, o))
                .is_some_and(|fd| {
                    [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                        .iter()
                        .any(|k| fd.has(k))
                });
            if !embedded
                && !name_is(d, b"Subtype", b"CIDFontType2")
                && !name_is(d, b"Subtype", b"CIDFontType0")
            {
                out.push(format!("6.2.11.4: font {id:?} is not embedded"));
            }
            if !name_is(d, b"Subtype", b"CIDFontType2")
                && !name_is(d, b"Subtype", b"CIDFontType0")
                && !d.has(b"ToUnicode")
            {
                out.push(format!("6.2.11.7.2: font {id:?} has no ToUnicode map"));
            }
        }
        if name_is(d, b"S", b"JavaScript") || d.has(b"JS") {
            out.push(format!("6.6.1: object {id:?} is JavaScript"));
        }
        if name_is(d, b"Type", b"Annot") {
            let flags = d.get(b"F").and_then(Object::as_i64).unwrap_or(0);
            if flags & 4 == 0 || flags & (1 | 2 | 32) != 0 {
                out.push(format!(
                    "6.3.2: annotation {id:?} is not printed or is hidden ({flags})"
                ));
            }
            if ua && !d.has(b"StructParent") {
                out.push(format!(
                    "PDF/UA 7.18.1: annotation {id:?} is not in the structure tree"
                ));
            }
        }
    }
    if catalog.has(b"OpenAction") || catalog.has(b"AA") {
        out.push("6.6.1: the catalog runs an action".into());
    }
    if let Ok(form) = catalog.get(b"AcroForm")
        && let Some(form) = dict(&doc, form)
        && form.get(b"NeedAppearances").and_then(Object::as_bool).ok() == Some(true)
    {
        out.push("6.4.1: the form asks for its appearances to be made".into());
    }
    // 6.2.2, 6.2.4.3: an output intent with an RGB profile (the pages draw
    // in DeviceRGB), and no device CMYK drawing.
    let intent = catalog
        .get(b"OutputIntents")
        .ok()
        .and_then(|o| match resolve(&doc, o) {
            Object::Array(a) => a.first(),
            _ => None,
        })
        .and_then(|o| dict(&doc, o));
    match intent {
        None => out.push("6.2.2: no output intent".into()),
        Some(i) => {
            if !name_is(i, b"S", b"GTS_PDFA1") {
                out.push("6.2.2: the output intent is not GTS_PDFA1".into());
            }
            let profile = i
                .get(b"DestOutputProfile")
                .ok()
                .and_then(|o| match resolve(&doc, o) {
                    Object::Stream(s) => Some(s),
                    _ => None,
                });
            match profile {
                None => out.push("6.2.2: the output intent has no profile".into()),
                Some(s) => {
                    let bytes = s
                        .decompressed_content()
                        .unwrap_or_else(|_| s.content.clone());
                    if s.dict.get(b"N").and_then(Object::as_i64).ok() != Some(3)
                        || bytes.get(16..20) != Some(b"RGB ")
                        || bytes.get(36..40) != Some(b"acsp")
                    {
                        out.push("6.2.2: the output profile is not an RGB ICC profile".into());
                    }
                }
            }
        }
    }
    for page in doc.get_pages().values() {
        let content = doc.get_page_content(*page);
        let ops = lopdf::content::Content::decode(&content).expect("page content decodes");
        if ops
            .operations
            .iter()
            .any(|o| o.operator == "k" || o.operator == "K")
        {
            out.push(format!("6.2.4.3: page {page:?} draws in device CMYK"));
        }
        if ua {
            // PDF/UA 7.1: every text object is inside marked content.
            let mut depth = 0i32;
            for op in &ops.operations {
                match op.operator.as_str() {
                    "BDC" | "BMC" => depth += 1,
                    "EMC" => depth -= 1,
                    "BT" if depth <= 0 => {
                        out.push(format!(
                            "PDF/UA 7.1: page {page:?} has text outside marked content"
                        ));
                        break;
                    }
                    _ => {}
                }
            }
        }
    }
    // 6.6.2: the XMP metadata, unfiltered, naming PDF/A-2u; 6.6.3: the same
    // as the Info dictionary.
    let xmp = catalog
        .get(b"Metadata")
        .ok()
        .and_then(|o| match resolve(&doc, o) {
            Object::Stream(s) => Some(s),
            _ => None,
        });
    let Some(xmp) = xmp else {
        out.push("6.6.2: no XMP metadata".into());
        return out;
    };
    if xmp.dict.has(b"Filter") {
        out.push("6.6.2.1: the metadata stream is filtered".into());
    }
    let xmp = String::from_utf8_lossy(&xmp.content).into_owned();
    if xmp_value(&xmp, "pdfaid:part").as_deref() != Some("2")
        || xmp_value(&xmp, "pdfaid:conformance").as_deref() != Some("U")
    {
        out.push("6.6.4: the XMP does not name PDF/A-2u".into());
    }
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| dict(&doc, o))
        .cloned()
        .unwrap_or_default();
    for (key, prop) in [
        (&b"Title"[..], "dc:title"),
        (b"Author", "dc:creator"),
        (b"Subject", "dc:description"),
        (b"Keywords", "pdf:Keywords"),
        (b"Producer", "pdf:Producer"),
        (b"Creator", "xmp:CreatorTool"),
    ] {
        if let Some(v) = info.get(key).ok().and_then(text)
            && xmp_value(&xmp, prop).as_deref() != Some(v.as_str())
        {
            out.push(format!(
                "6.6.3: Info's {} ({v:?}) is not the XMP's {prop} ({:?})",
                String::from_utf8_lossy(key),
                xmp_value(&xmp, prop)
            ));
        }
    }
    for (key, prop) in [
        (&b"CreationDate"[..], "xmp:CreateDate"),
        (b"ModDate", "xmp:ModifyDate"),
    ] {
        if let Some(v) = info.get(key).ok().and_then(text)
            && xmp_value(&xmp, prop) != info_date_as_xmp(&v)
        {
            out.push(format!(
                "6.6.3: Info's {} is not the XMP's {prop}",
                String::from_utf8_lossy(key)
            ));
        }
    }
    if ua {
        // PDF/UA 7.1 and 6.2: marked, a structure tree, pdfuaid, the title
        // shown, a language.
        let marked = catalog
            .get(b"MarkInfo")
            .ok()
            .and_then(|o| dict(&doc, o))
            .and_then(|m| m.get(b"Marked").ok())
            .and_then(|m| m.as_bool().ok());
        if marked != Some(true) {
            out.push("PDF/UA 7.1: MarkInfo Marked is not true".into());
        }
        if !catalog.has(b"StructTreeRoot") {
            out.push("PDF/UA 7.1: no structure tree".into());
        }
        if xmp_value(&xmp, "pdfuaid:part").as_deref() != Some("1") {
            out.push("PDF/UA 5: the XMP does not name PDF/UA-1".into());
        }
        if xmp_value(&xmp, "dc:title").is_none_or(|t| t.is_empty()) {
            out.push("PDF/UA 7.1: no dc:title".into());
        }
        let shows_title = catalog
            .get(b"ViewerPreferences")
            .ok()
            .and_then(|o| dict(&doc, o))
            .and_then(|v| v.get(b"DisplayDocTitle").ok())
            .and_then(|v| v.as_bool().ok());
        if shows_title != Some(true) {
            out.push("PDF/UA 7.1: DisplayDocTitle is not true".into());
        }
        if catalog
            .get(b"Lang")
            .ok()
            .and_then(text)
            .is_none_or(|l| l.is_empty())
        {
            out.push("PDF/UA 7.2: no document language".into());
        }
        // 7.3: every figure has alternate text.
        for (id, object) in &doc.objects {
            if let Object::Dictionary(d) = object
                && name_is(d, b"Type", b"StructElem")
                && name_is(d, b"S", b"Figure")
                && !d.has(b"Alt")
            {
                out.push(format!("PDF/UA 7.3: figure {id:?} has no alternate text"));
            }
        }
    }
    out
}

/// The structure elements of type `kind` and their alternate texts.
pub fn alternate_texts(pdf: &[u8], kind: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).expect("the PDF loads");
    let mut out: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d)
                if name_is(d, b"Type", b"StructElem") && name_is(d, b"S", kind) =>
            {
                d.get(b"Alt").ok().and_then(text)
            }
            _ => None,
        })
        .collect();
    out.sort();
    out
}

/// The type of each structure element, in the order they were written
/// (the writer numbers them in reading order).
pub fn element_types(pdf: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).expect("the PDF loads");
    doc.objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d) if name_is(d, b"Type", b"StructElem") => d
                .get(b"S")
                .and_then(Object::as_name)
                .ok()
                .map(|n| String::from_utf8_lossy(n).into_owned()),
            _ => None,
        })
        .collect()
}
