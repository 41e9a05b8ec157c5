//! A letter's PDF as any reader can read it and any archive can keep it:
//! the logical structure (a tagged PDF, PDF/UA-1) and what makes the file
//! PDF/A-2u.
//!
//! The page writer ([`crate::pdf`]) encloses every piece of content in a
//! marked-content sequence: the letter's text and its signature image each
//! get a number (MCID) on their page and the structure element they belong
//! to ([`Marks`]); the letterhead, running heads, page numbers, the draft
//! mark and rules are artifacts, outside the structure. [`finish`] then
//! writes the structure tree in reading order: a `Document` of paragraphs
//! (the date, each address block, subject, salutation, body paragraphs,
//! closing, the signature block, copies and enclosures, each by its own
//! name mapped to `P`), lists as `L` of `LI` with `Lbl` and `LBody`, and
//! the handwritten signature as a `Figure` with its alternate text; with
//! the document's language, title (shown in the viewer's title bar), XMP
//! metadata naming PDF/A-2u and PDF/UA-1, and the sRGB output intent.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use crate::error::TypesetError;
use crate::layout::{Layout, Metadata};

/// The sRGB profile of the output intent: "sRGB-v2-magic" of the Compact
/// ICC Profiles (CC0), 736 bytes.
const SRGB_ICC: &[u8] = include_bytes!("../assets/sRGB-v2-magic.icc");

/// What a marked-content sequence belongs to in the structure tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Key {
    /// Body paragraph `n` (not a list item).
    Para(usize),
    /// A list item's marker, and its text.
    Lbl(usize),
    LBody(usize),
    /// The image above paragraph `n` (a handwritten signature).
    Figure(usize),
}

/// Whether a paragraph of this role is a list item.
pub(crate) fn is_list(role: Option<&str>) -> bool {
    matches!(role, Some("List Bullet" | "List Number"))
}

/// The structure type a paragraph of `role` gets: the role's own name
/// (mapped to `P` in the role map), `P` for body text.
fn element_type(role: Option<&'static str>) -> std::borrow::Cow<'static, str> {
    match role {
        None | Some("Body") => "P".into(),
        Some(r) if r.chars().all(|c| c.is_ascii_alphanumeric()) => r.into(),
        Some(r) => r
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .into(),
    }
}

/// The tag of a marked-content sequence for `key` (its element's type):
/// borrowed, as every role is a name already, for every line of every page.
pub(crate) fn content_tag(layout: &Layout, key: Key) -> std::borrow::Cow<'static, str> {
    match key {
        Key::Para(n) => element_type(layout.parts.get(n).and_then(|p| p.role)),
        Key::Lbl(_) => "Lbl".into(),
        Key::LBody(_) => "LBody".into(),
        Key::Figure(_) => "Figure".into(),
    }
}

/// The marked-content numbers of each page, in order, and what each
/// belongs to.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    pages: Vec<Vec<Key>>,
}

impl Marks {
    /// Start the next page.
    pub(crate) fn page(&mut self) {
        self.pages.push(Vec::new());
    }

    /// The next number on the current page, for content of `key`.
    pub(crate) fn mcid(&mut self, key: Key) -> usize {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let page = self.pages.last_mut().expect("a page was started");
        page.push(key);
        page.len() - 1
    }
}

/// A text string as PDF wants it outside ASCII: UTF-16BE with its mark.
pub(crate) fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// One structure element being built: its type, where its content is
/// (page, MCID) or its child elements.
struct Element {
    kind: String,
    content: Vec<(usize, usize)>,
    children: Vec<usize>,
    alt: Option<String>,
}

impl Element {
    fn new(kind: &str) -> Element {
        Element {
            kind: kind.into(),
            content: Vec::new(),
            children: Vec::new(),
            alt: None,
        }
    }
}

/// The elements of the tree in reading order (index 0: the document),
/// and for each key the element holding its content.
fn elements(layout: &Layout, marks: &Marks) -> (Vec<Element>, Vec<(Key, usize)>) {
    use std::collections::BTreeMap;
    let mut found: BTreeMap<Key, Vec<(usize, usize)>> = BTreeMap::new();
    for (page, keys) in marks.pages.iter().enumerate() {
        for (mcid, key) in keys.iter().enumerate() {
            found.entry(*key).or_default().push((page, mcid));
        }
    }
    let mut all = vec![Element::new("Document")];
    let mut of_key = Vec::new();
    let mut list: Option<usize> = None;
    for (n, part) in layout.parts.iter().enumerate() {
        let mut add = |all: &mut Vec<Element>, parent: usize, key: Key, kind: &str| {
            let content = found.remove(&key)?;
            let mut e = Element::new(kind);
            e.content = content;
            all.push(e);
            let id = all.len() - 1;
            all[parent].children.push(id);
            of_key.push((key, id));
            Some(id)
        };
        if let Some(alt) = &part.figure_alt
            && let Some(id) = add(&mut all, 0, Key::Figure(n), "Figure")
        {
            all[id].alt = Some(alt.clone());
        }
        if is_list(part.role) {
            let l = match list {
                Some(l) => l,
                None => {
                    all.push(Element::new("L"));
                    let l = all.len() - 1;
                    all[0].children.push(l);
                    list = Some(l);
                    l
                }
            };
            all.push(Element::new("LI"));
            let li = all.len() - 1;
            all[l].children.push(li);
            add(&mut all, li, Key::Lbl(n), "Lbl");
            add(&mut all, li, Key::LBody(n), "LBody");
            continue;
        }
        list = None;
        add(&mut all, 0, Key::Para(n), &element_type(part.role));
    }
    (all, of_key)
}

/// Write the structure tree, the parent tree and the catalog's entries for
/// a tagged PDF/UA-1 and PDF/A-2u file (`archival`: claim PDF/A, which a
/// letterhead file may not allow).
pub(crate) fn finish(
    lo: &mut lopdf::Document,
    layout: &Layout,
    marks: &Marks,
    archival: bool,
) -> Result<(), TypesetError> {
    let broken = |e: lopdf::Error| TypesetError::Font(format!("cannot tag the PDF: {e}"));
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let (elements, _) = elements(layout, marks);
    let root_id = lo.new_object_id();
    let ids: Vec<ObjectId> = elements.iter().map(|_| lo.new_object_id()).collect();
    let mut parent_of = vec![None; elements.len()];
    for (p, e) in elements.iter().enumerate() {
        for c in &e.children {
            parent_of[*c] = Some(p);
        }
    }
    let mut parents: Vec<Vec<Object>> = pages.iter().map(|_| Vec::new()).collect();
    let mut roles = Dictionary::new();
    for (k, e) in elements.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Type", name("StructElem"));
        d.set("S", name(&e.kind));
        if !["Document", "P", "L", "LI", "Lbl", "LBody", "Figure"].contains(&e.kind.as_str()) {
            roles.set(e.kind.as_bytes().to_vec(), name("P"));
        }
        let parent = parent_of[k].map_or(root_id, |p| ids[p]);
        d.set("P", Object::Reference(parent));
        let first_page = e.content.first().map(|(p, _)| *p);
        if let Some(p) = first_page.and_then(|p| pages.get(p)) {
            d.set("Pg", Object::Reference(*p));
        }
        let mut kids: Vec<Object> = e
            .children
            .iter()
            .map(|c| Object::Reference(ids[*c]))
            .collect();
        for (page, mcid) in &e.content {
            let slot = &mut parents[*page];
            if slot.len() <= *mcid {
                slot.resize(*mcid + 1, Object::Null);
            }
            slot[*mcid] = Object::Reference(ids[k]);
            if Some(*page) == first_page {
                kids.push(Object::Integer(*mcid as i64));
            } else {
                let mut mcr = Dictionary::new();
                mcr.set("Type", name("MCR"));
                mcr.set("Pg", Object::Reference(pages[*page]));
                mcr.set("MCID", Object::Integer(*mcid as i64));
                kids.push(Object::Dictionary(mcr));
            }
        }
        d.set(
            "K",
            match kids.len() {
                1 => kids.remove(0),
                _ => Object::Array(kids),
            },
        );
        if let Some(alt) = &e.alt {
            d.set("Alt", text_string(alt));
        }
        lo.objects.insert(ids[k], Object::Dictionary(d));
    }
    let mut nums = Vec::new();
    for (k, (page, refs)) in pages.iter().zip(parents).enumerate() {
        let p = lo.get_dictionary_mut(*page).map_err(broken)?;
        p.set("StructParents", Object::Integer(k as i64));
        p.set("Tabs", name("S"));
        nums.push(Object::Integer(k as i64));
        nums.push(Object::Array(refs));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let mut root = Dictionary::new();
    root.set("Type", name("StructTreeRoot"));
    root.set("K", Object::Reference(ids[0]));
    root.set("ParentTree", Object::Dictionary(parent_tree));
    root.set("ParentTreeNextKey", Object::Integer(pages.len() as i64));
    if !roles.is_empty() {
        root.set("RoleMap", Object::Dictionary(roles));
    }
    lo.objects.insert(root_id, Object::Dictionary(root));

    let meta = &layout.metadata;
    let xmp = xmp(meta, archival);
    let mut stream = Stream::new(Dictionary::new(), xmp.into_bytes());
    stream.dict.set("Type", name("Metadata"));
    stream.dict.set("Subtype", name("XML"));
    // PDF/A: the metadata stays readable as it is, unfiltered.
    stream.allows_compression = false;
    let metadata = lo.add_object(stream);
    // The profile deflated once per process: every letter carries it.
    static PACKED: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let packed = PACKED.get_or_init(|| crate::embed::zlib(SRGB_ICC, crate::embed::Effort::Once));
    let mut icc = Stream::new(Dictionary::new(), packed.clone());
    icc.dict.set("N", Object::Integer(3));
    icc.dict.set("Filter", name("FlateDecode"));
    let icc = lo.add_object(icc);
    let mut intent = Dictionary::new();
    intent.set("Type", name("OutputIntent"));
    intent.set("S", name("GTS_PDFA1"));
    intent.set(
        "OutputConditionIdentifier",
        text_string("sRGB IEC61966-2.1"),
    );
    intent.set("Info", text_string("sRGB IEC61966-2.1"));
    intent.set("RegistryName", text_string("http://www.color.org"));
    intent.set("DestOutputProfile", Object::Reference(icc));

    let catalog = lo.catalog_mut().map_err(broken)?;
    let mut marked = Dictionary::new();
    marked.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(marked));
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    catalog.set("Lang", text_string(lang(meta)));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    catalog.set("Metadata", Object::Reference(metadata));
    catalog.set(
        "OutputIntents",
        Object::Array(vec![Object::Dictionary(intent)]),
    );
    lo.version = "1.7".into();
    Ok(())
}

/// The document's language ("en-US" when not given).
fn lang(meta: &Metadata) -> &str {
    if meta.lang.trim().is_empty() {
        "en-US"
    } else {
        meta.lang.trim()
    }
}

/// `s` with XML's special characters escaped.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The XMP date of the document's timestamp ("2017-09-05T00:00:00Z"), the
/// same instant as the Info dictionary's dates.
fn xmp_date(timestamp: i64) -> String {
    let days = timestamp.div_euclid(86_400);
    let secs = timestamp.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// The document's XMP metadata: the Info dictionary's fields (PDF/A wants
/// both to say the same), and the PDF/A-2u and PDF/UA-1 identification.
fn xmp(meta: &Metadata, archival: bool) -> String {
    let date = xmp_date(meta.timestamp);
    let pdfa = if archival {
        "\n   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>U</pdfaid:conformance>"
    } else {
        ""
    };
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>{pdfa}
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
        bom = '\u{feff}',
        title = xml(&meta.title),
        author = xml(&meta.author),
        subject = xml(&meta.subject),
        lang = xml(lang(meta)),
        keywords = xml(&meta.keywords.join(",")),
        producer = xml(&producer()),
        creator = xml(&meta.creator),
    )
}

/// The Info dictionary's Producer, as the XMP says it too.
pub(crate) fn producer() -> String {
    format!("Amicus typeset {}", env!("CARGO_PKG_VERSION"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xmp_dates_are_the_calendar_dates_of_the_timestamps() {
        assert_eq!(xmp_date(0), "1970-01-01T00:00:00Z");
        // 2017-09-05 00:00:00 UTC, and a leap day with a time.
        assert_eq!(xmp_date(1_504_569_600), "2017-09-05T00:00:00Z");
        assert_eq!(xmp_date(951_825_600 + 3_723), "2000-02-29T13:02:03Z");
        assert_eq!(xmp_date(-86_400), "1969-12-31T00:00:00Z");
    }

    #[test]
    fn text_strings_outside_ascii_are_utf16_with_the_mark() {
        assert_eq!(
            text_string("en-US"),
            Object::String(b"en-US".to_vec(), StringFormat::Literal)
        );
        let Object::String(bytes, _) = text_string("Ω") else {
            panic!()
        };
        assert_eq!(bytes, [0xFE, 0xFF, 0x03, 0xA9]);
    }
}
