//! WordprocessingML in the order its schema gives. ECMA-376 declares most
//! property lists (a paragraph's `pPr`, a run's `rPr`, a section's
//! `sectPr`, a style, the settings) as sequences: their children must come
//! in one order. docx-rs writes some of them in another (`rPr` first in a
//! `pPr`, `pPr` after `rPr` in a style…), which Word's own validator (the
//! Open XML SDK's) reports as schema errors and which some readers treat
//! as damage. Every part it builds is put in order here: the children of
//! those elements sorted by their place in the schema's sequence, nothing
//! else touched (unknown children keep their order, after the known ones).

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// CT_PPr: EG_PPrBase, then rPr, sectPr, pPrChange.
const P_PR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];

/// CT_ParaRPr and CT_RPr: the revision marks, then EG_RPrBase.
const R_PR: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

/// CT_SectPr: the header and footer references first.
const SECT_PR: &[&str] = &[
    "headerReference|footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];

/// CT_Style.
const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

/// CT_NumPr.
const NUM_PR: &[&str] = &["ilvl", "numId", "numberingChange", "ins"];

/// CT_Lvl.
const LVL: &[&str] = &[
    "start",
    "numFmt",
    "lvlRestart",
    "pStyle",
    "isLgl",
    "suff",
    "lvlText",
    "lvlPicBulletId",
    "legacy",
    "lvlJc",
    "pPr",
    "rPr",
];

/// CT_Settings, as far as docx-rs writes it (the rest keeps its order after).
const SETTINGS: &[&str] = &[
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
];

/// The sequence the children of a `w:` element `name` must follow.
fn sequence(name: &[u8]) -> Option<&'static [&'static str]> {
    Some(match name {
        b"w:pPr" => P_PR,
        b"w:rPr" => R_PR,
        b"w:sectPr" => SECT_PR,
        b"w:style" => STYLE,
        b"w:numPr" => NUM_PR,
        b"w:lvl" => LVL,
        b"w:settings" => SETTINGS,
        _ => return None,
    })
}

enum Node {
    Element {
        start: BytesStart<'static>,
        children: Vec<Node>,
    },
    Empty(BytesStart<'static>),
    Other(Event<'static>),
}

impl Node {
    /// The element's place in `seq` (past the end when it has none).
    fn rank(&self, seq: &[&str]) -> usize {
        let name = match self {
            Node::Element { start, .. } | Node::Empty(start) => start.name(),
            Node::Other(_) => return seq.len(),
        };
        let local = name.as_ref().strip_prefix(b"w:");
        seq.iter()
            .position(|entry| {
                entry
                    .split('|')
                    .any(|n| local.is_some_and(|l| l == n.as_bytes()))
            })
            .unwrap_or(seq.len())
    }
}

/// A style's, a list level's and the defaults' paragraph properties
/// (CT_PPrGeneral) have no `rPr`; docx-rs writes an empty one there.
fn drop_empty_run_properties(children: &mut [Node]) {
    for child in children {
        if let Node::Element { start, children } = child
            && start.name().as_ref() == b"w:pPr"
        {
            children.retain(|c| match c {
                Node::Empty(s) => s.name().as_ref() != b"w:rPr",
                Node::Element { start, children } => {
                    start.name().as_ref() != b"w:rPr" || !children.is_empty()
                }
                Node::Other(_) => true,
            });
        }
    }
}

fn parse(xml: &[u8]) -> Result<Vec<Node>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<(BytesStart<'static>, Vec<Node>)> = Vec::new();
    let mut top = Vec::new();
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?
            .into_owned();
        buf.clear();
        let node = match event {
            Event::Eof => break,
            Event::Start(start) => {
                stack.push((start, Vec::new()));
                continue;
            }
            Event::End(_) => {
                let (start, mut children) = stack.pop().ok_or("an end tag with no start")?;
                if let Some(seq) = sequence(start.name().as_ref()) {
                    // Stable: children the schema does not order keep theirs.
                    children.sort_by_key(|c| c.rank(seq));
                }
                if matches!(
                    start.name().as_ref(),
                    b"w:style" | b"w:lvl" | b"w:pPrDefault"
                ) {
                    drop_empty_run_properties(&mut children);
                }
                Node::Element { start, children }
            }
            Event::Empty(start) => Node::Empty(start),
            other => Node::Other(other),
        };
        match stack.last_mut() {
            Some((_, children)) => children.push(node),
            None => top.push(node),
        }
    }
    if !stack.is_empty() {
        return Err("an element is never closed".into());
    }
    Ok(top)
}

fn write(nodes: Vec<Node>, out: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
    for node in nodes {
        match node {
            Node::Element { start, children } => {
                let end = start.to_end().into_owned();
                out.write_event(Event::Start(start))?;
                write(children, out)?;
                out.write_event(Event::End(end))?;
            }
            Node::Empty(start) => out.write_event(Event::Empty(start))?,
            Node::Other(event) => out.write_event(event)?,
        }
    }
    Ok(())
}

/// `xml` with the children of every schema sequence in the schema's order.
pub fn in_schema_order(xml: &[u8]) -> Result<Vec<u8>, String> {
    let nodes = parse(xml)?;
    let mut out = Writer::new(Vec::with_capacity(xml.len()));
    write(nodes, &mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_are_put_in_the_schemas_order_and_nothing_else_moves() {
        let xml = br#"<?xml version="1.0"?><w:p><w:pPr><w:rPr /><w:jc w:val="left" /><w:pStyle w:val="Body" /><w:spacing w:before="0" /></w:pPr><w:r><w:rPr><w:color w:val="FF0000" /><w:i /><w:sz w:val="20" /><w:b /></w:rPr><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#;
        let out = String::from_utf8(in_schema_order(xml).expect("ordered")).expect("utf-8");
        assert_eq!(
            out,
            r#"<?xml version="1.0"?><w:p><w:pPr><w:pStyle w:val="Body" /><w:spacing w:before="0" /><w:jc w:val="left" /><w:rPr /></w:pPr><w:r><w:rPr><w:b /><w:i /><w:color w:val="FF0000" /><w:sz w:val="20" /></w:rPr><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn a_style_keeps_no_empty_run_properties_in_its_paragraph_properties() {
        let xml = br#"<w:style><w:pPr><w:rPr /><w:jc w:val="left" /></w:pPr><w:rPr><w:b /></w:rPr><w:name w:val="Body" /></w:style>"#;
        let out = String::from_utf8(in_schema_order(xml).expect("ordered")).expect("utf-8");
        assert_eq!(
            out,
            r#"<w:style><w:name w:val="Body" /><w:pPr><w:jc w:val="left" /></w:pPr><w:rPr><w:b /></w:rPr></w:style>"#
        );
    }

    #[test]
    fn a_section_lists_its_headers_first() {
        let xml = br#"<w:sectPr><w:pgSz w:w="1" /><w:titlePg /><w:headerReference w:type="default" /><w:headerReference w:type="first" /></w:sectPr>"#;
        let out = String::from_utf8(in_schema_order(xml).expect("ordered")).expect("utf-8");
        assert_eq!(
            out,
            r#"<w:sectPr><w:headerReference w:type="default" /><w:headerReference w:type="first" /><w:pgSz w:w="1" /><w:titlePg /></w:sectPr>"#
        );
    }
}
