//! The organization's letterhead from a PDF file (`amicus settings
//! letterhead FILE.pdf`), as a reader of the letter sees it: the
//! letterhead's own pixels beneath the letter's text on the first and the
//! continuation pages, the text still read in order, the file's weight
//! added once per file, the letter still signed and verified; and every
//! file that cannot be a letterhead refused with nothing changed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{amicus, ok, tool};
use lopdf::{Dictionary, Object, Stream, dictionary};

/// The colours of the test letterhead: a navy band across the head of the
/// first page, a green one on the continuation pages, and a pale yellow
/// ground under the whole text area of both.
const NAVY: [u8; 3] = [20, 40, 110];
const GREEN: [u8; 3] = [30, 130, 60];
const YELLOW: [u8; 3] = [255, 245, 180];

/// Bytes no compressor can shrink, so a copy per page would show in the size.
fn noise(n: usize) -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

fn rgb(c: [u8; 3]) -> String {
    let f = |v: u8| format!("{:.3}", f32::from(v) / 255.0);
    format!("{} {} {}", f(c[0]), f(c[1]), f(c[2]))
}

/// A letterhead as a brand team's PDF would be: `pages` pages of `size`
/// points, each with its band, the yellow ground, the organization's name
/// in Helvetica, and a (noisy, 30 KB) image both pages share.
fn letterhead_pdf(path: &Path, pages: usize, size: (f32, f32)) -> PathBuf {
    letterhead_pdf_with(path, pages, size, true)
}

/// [`letterhead_pdf`], with or without the shared image.
fn letterhead_pdf_with(path: &Path, pages: usize, size: (f32, f32), seal: bool) -> PathBuf {
    let (w, h) = size;
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image",
            "Width" => if seal { 100 } else { 0 }, "Height" => 100,
            "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8,
        },
        noise(if seal { 30_000 } else { 0 }),
    ));
    let mut kids = Vec::new();
    for p in 0..pages {
        let band = if p == 0 { NAVY } else { GREEN };
        let band_h = if p == 0 { 90.0 } else { 40.0 };
        let content = format!(
            "{y} rg 0 0 {w} {ground} re f\n{b} rg 0 {top} {w} {band_h} re f\n\
             q 40 0 0 40 {imx} {imy} cm /Seal Do Q\n\
             BT /Helv 14 Tf 1 1 1 rg 60 {ty} Td (Midwest Chamber Letterhead) Tj ET\n",
            y = rgb(YELLOW),
            b = rgb(band),
            ground = h - band_h - 10.0,
            top = h - band_h,
            imx = w - 60.0,
            imy = h - band_h + 5.0,
            ty = h - band_h / 2.0 - 5.0,
        );
        let contents = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
        kids.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)],
            "Contents" => contents,
            "Resources" => dictionary! {
                "Font" => dictionary! { "Helv" => font },
                "XObject" => dictionary! { "Seal" => image },
            },
        })));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => pages as i64,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.save(path).unwrap();
    path.to_path_buf()
}

const LETTER: (f32, f32) = (612.0, 792.0);

/// Page `page` of `pdf` as RGB pixels at 72 dpi: (width, height, pixels).
fn pixels(pdf: &Path, page: u32) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let stem = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-r", "72", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg("-singlefile")
        .arg(pdf)
        .arg(&stem)
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    let ppm = std::fs::read(stem.with_extension("ppm")).unwrap();
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while ppm[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !ppm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..i]).to_string());
    }
    let (w, h) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, ppm[i + 1..].to_vec())
}

fn near(a: &[u8], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 12)
}

/// How many pixels of the box (points) are of colour `c`, and how many are dark.
fn census(
    img: &(usize, usize, Vec<u8>),
    x: usize,
    y: usize,
    w: usize,
    h: usize,
    c: [u8; 3],
) -> (usize, usize) {
    let (iw, _, px) = img;
    let (mut of_c, mut dark) = (0, 0);
    for row in y..y + h {
        for col in x..x + w {
            let p = &px[(row * iw + col) * 3..(row * iw + col) * 3 + 3];
            if near(p, c) {
                of_c += 1;
            }
            if p.iter().all(|v| *v < 100) {
                dark += 1;
            }
        }
    }
    (of_c, dark)
}

fn words(pdf: &Path) -> Vec<String> {
    tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn pages(pdf: &Path) -> u32 {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn export(db: &Path, id: &str, out: &Path) {
    ok(
        db,
        &["letters", "export", id, "--out", out.to_str().unwrap()],
    );
}

#[test]
fn a_letterhead_file_lies_beneath_every_page_and_the_letter_is_still_signed_and_verified() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let at = |name: &str| dir.path().join(name);
    ok(&db, &["letters", "copy", "1", "--date", "2017-09-20"]);
    export(&db, "2", &at("plain.pdf"));
    assert!(
        pages(&at("plain.pdf")) >= 2,
        "the KORUS letter runs to a second page"
    );

    let head = letterhead_pdf(&at("chamber-letterhead.pdf"), 2, LETTER);
    let said = ok(&db, &["settings", "letterhead", head.to_str().unwrap()]);
    assert_eq!(
        said,
        "letterhead: chamber-letterhead.pdf (2 pages, US Letter), margins 126,72,72,72 pt (top, right, bottom, left)\n\
         note: letters on it are tagged but not archival PDF/A files: its fonts are not embedded (Helvetica)\n"
    );
    export(&db, "2", &at("headed.pdf"));
    let headed = at("headed.pdf");
    // The file does not claim PDF/A it cannot be: the letterhead's
    // Helvetica is not embedded. It is still tagged.
    let found = crate::pdfa_check::problems(&std::fs::read(&headed).unwrap(), true);
    assert!(
        found.iter().any(|p| p.starts_with("6.6.4"))
            && found.iter().any(|p| p.starts_with("6.2.11.4"))
            && !found.iter().any(|p| p.starts_with("PDF/UA")),
        "{found:#?}"
    );
    let n = pages(&headed);
    assert!(n >= 2, "{n} pages");

    // Page 1: the navy band at the head, with the organization's name from
    // the file in white; the yellow ground under the letter's text, and
    // the text (dark pixels) on it.
    let one = pixels(&headed, 1);
    let (navy, _) = census(&one, 20, 10, 500, 60, NAVY);
    assert!(navy > 20_000, "the navy band is on page 1 ({navy} pixels)");
    let (yellow, dark) = census(&one, 72, 200, 460, 400, YELLOW);
    assert!(
        yellow > 100_000,
        "the yellow ground is under page 1's text ({yellow})"
    );
    assert!(dark > 2_000, "the letter's text is drawn over it ({dark})");
    // Page 2: the continuation page's green band, the ground and the text.
    let two = pixels(&headed, 2);
    let (green, _) = census(&two, 20, 5, 500, 30, GREEN);
    assert!(
        green > 10_000,
        "the green band is on page 2 ({green} pixels)"
    );
    let (navy2, _) = census(&two, 20, 5, 500, 30, NAVY);
    assert_eq!(navy2, 0, "page 2 has the continuation page, not the first");
    let (yellow2, dark2) = census(&two, 72, 140, 460, 100, YELLOW);
    assert!(yellow2 > 20_000 && dark2 > 200, "{yellow2} {dark2}");
    // Without the file, none of it.
    let (plain_navy, _) = census(&pixels(&at("plain.pdf"), 1), 20, 10, 500, 60, NAVY);
    assert_eq!(plain_navy, 0);

    // The text reads in order: the file's own words first, then the
    // letter's, with the drawn letterhead gone (the file replaces it).
    let plain = words(&at("plain.pdf"));
    let with = words(&headed);
    assert_eq!(&with[..3], ["Midwest", "Chamber", "Letterhead"], "{with:?}");
    let head_of = |w: &[String]| -> Vec<String> {
        let date = w.iter().position(|x| x == "September").unwrap();
        w[..date].to_vec()
    };
    assert!(head_of(&plain).contains(&"Lakeshore".to_string()));
    assert!(
        !head_of(&with).contains(&"Lakeshore".to_string()),
        "the drawn letterhead is not drawn over the file: {with:?}"
    );
    let body = |w: &[String]| -> Vec<String> {
        let from = w.iter().position(|x| x == "Dear").unwrap();
        w[from..]
            .iter()
            .filter(|x| !["Midwest", "Chamber", "Letterhead"].contains(&x.as_str()))
            .cloned()
            .collect()
    };
    let (b_plain, b_with) = (body(&plain), body(&with));
    // Page breaks may fall elsewhere (the margins differ), which moves the
    // continuation header; everything else is word for word.
    let strip = |w: Vec<String>| -> Vec<String> {
        w.into_iter()
            .filter(|x| x.len() > 3 && !x.chars().all(|c| c.is_ascii_digit()))
            .collect()
    };
    let (sp, sw) = (strip(b_plain), strip(b_with));
    let common_prefix = sp.iter().zip(&sw).take_while(|(a, b)| a == b).count();
    assert!(
        common_prefix > 100,
        "the letter's words come in the same order ({common_prefix} in step)"
    );
    assert_eq!(sp.last(), sw.last());

    // The file's weight is added once per file, not once per page: both
    // pages draw its 30 KB image, and the letter is about one copy heavier
    // than with the same letterhead without it.
    let bare = letterhead_pdf_with(&at("bare.pdf"), 2, LETTER, false);
    ok(&db, &["settings", "letterhead", bare.to_str().unwrap()]);
    export(&db, "2", &at("bare-headed.pdf"));
    ok(&db, &["settings", "letterhead", head.to_str().unwrap()]);
    let grown = std::fs::metadata(&headed).unwrap().len() as i64
        - std::fs::metadata(at("bare-headed.pdf")).unwrap().len() as i64;
    assert!(
        (29_000..36_000).contains(&grown),
        "a {n}-page letter grew by {grown} bytes for a 30,000-byte image on both pages"
    );
    let forms = tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            headed.to_str().unwrap(),
            "-",
        ],
    );
    assert_eq!(
        forms.matches("/Subtype /Form").count(),
        2,
        "one form per letterhead page"
    );

    // The same data renders to the same bytes.
    export(&db, "2", &at("again.pdf"));
    assert_eq!(
        std::fs::read(&headed).unwrap(),
        std::fs::read(at("again.pdf")).unwrap()
    );

    // Signed digitally, sent, verified; the letterhead travels with the
    // archived data, so removing it afterwards changes nothing sent.
    ok(&db, &["letters", "approve", "2"]);
    let p12 = testkit::pki::write(
        dir.path(),
        "jordan.p12",
        &testkit::pki::self_signed_p12("Jordan A. Whitfield", 365),
    );
    common::sign_digitally(&db, "2", &p12);
    ok(&db, &["letters", "send", "2", "--method", "mail"]);
    ok(&db, &["settings", "letterhead", "--remove"]);
    assert_eq!(
        ok(&db, &["letters", "verify", "2"]),
        "letter 2: 2 copies, both digitally signed by Jordan A. Whitfield, content matches\n"
    );
    let sent = at("sent.pdf");
    export(&db, "2", &sent);
    let sigs = tool("pdfsig", &[sent.to_str().unwrap()]);
    assert!(sigs.contains("Signature #1"), "{sigs}");
    let (navy_sent, _) = census(&pixels(&sent, 1), 20, 10, 500, 60, NAVY);
    assert!(navy_sent > 20_000, "the sent copy keeps its letterhead");
}

#[test]
fn a_file_that_cannot_be_the_letterhead_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let at = |name: &str| dir.path().join(name);
    let good = letterhead_pdf(&at("good.pdf"), 1, LETTER);
    ok(
        &db,
        &[
            "settings",
            "letterhead",
            good.to_str().unwrap(),
            "--margins",
            "140,60,60,60",
        ],
    );
    let before = ok(&db, &["settings", "letterhead"]);
    assert!(
        before.starts_with("letterhead: good.pdf (1 page, US Letter), margins 140,60,60,60 pt"),
        "{before}"
    );

    let refused = |file: &Path, why: &str| {
        let o = amicus(&db, &["settings", "letterhead", file.to_str().unwrap()]);
        assert!(!o.status.success(), "{} was taken", file.display());
        let err = String::from_utf8(o.stderr).unwrap();
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(
            err.contains(&format!("{name} cannot be used as the letterhead: {why}")),
            "{err}"
        );
        assert_eq!(
            ok(&db, &["settings", "letterhead"]),
            before,
            "nothing changed"
        );
    };

    let text = at("letterhead.pdf");
    std::fs::write(&text, "Midwest Chamber, 1 Main St").unwrap();
    refused(&text, "it is not a PDF file");

    let three = letterhead_pdf(&at("three.pdf"), 2, LETTER);
    let three_pages = at("three-pages.pdf");
    tool(
        "qpdf",
        &[
            "--empty",
            "--pages",
            three.to_str().unwrap(),
            three.to_str().unwrap(),
            "1",
            "--",
            three_pages.to_str().unwrap(),
        ],
    );
    refused(
        &three_pages,
        "it has 3 pages; a letterhead has one page, or two",
    );

    let locked = at("locked.pdf");
    tool(
        "qpdf",
        &[
            "--encrypt",
            "secret",
            "owner",
            "256",
            "--",
            good.to_str().unwrap(),
            locked.to_str().unwrap(),
        ],
    );
    refused(&locked, "it is an encrypted (password-protected) PDF");

    let a4 = letterhead_pdf(&at("a4.pdf"), 1, (595.28, 841.89));
    refused(
        &a4,
        "it is A4 paper but the templates are set on US Letter paper",
    );

    let legal = letterhead_pdf(&at("legal.pdf"), 1, (612.0, 1008.0));
    refused(&legal, "its page is 612 × 1008 points, neither US Letter");

    // Margins that leave no room for the letter are refused too.
    let o = amicus(
        &db,
        &[
            "settings",
            "letterhead",
            good.to_str().unwrap(),
            "--margins",
            "400,72,400,72",
        ],
    );
    assert!(!o.status.success());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("the top and bottom margins leave less than three inches"),
        "{err}"
    );
    assert_eq!(ok(&db, &["settings", "letterhead"]), before);
}

/// The parts of a .docx: its media files' names, and each header part's
/// XML with its relationships (read with Python's zipfile).
fn docx_parts(docx: &Path) -> serde_json::Value {
    let script = r#"
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
heads = {n: z.read(n).decode() for n in names if n.startswith("word/header")}
rels = {n: z.read(n).decode() for n in names if n.startswith("word/_rels/header")}
print(json.dumps({"media": [n for n in names if n.startswith("word/media/") and not n.endswith("/")], "headers": heads, "rels": rels}))
"#;
    let out = tool(
        crate::word::tools("python").to_str().unwrap(),
        &["-c", script, docx.to_str().unwrap()],
    );
    serde_json::from_str(&out).unwrap()
}

#[test]
fn in_word_the_letterhead_file_lies_behind_each_page_and_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let at = |name: &str| dir.path().join(name);
    // A two-page letter, one copy to each of two offices.
    let body = at("body.txt");
    let paragraph = "Korea is the sixth largest market for the state's exports, and the agreement \
        has opened it to our growers, manufacturers and service firms alike.";
    std::fs::write(&body, vec![paragraph; 14].join("\n\n")).unwrap();
    ok(
        &db,
        &[
            "letters",
            "new",
            "--per-recipient",
            "--to",
            "Secretary of Commerce",
            "--to",
            "United States Trade Representative",
            "--date",
            "2017-09-20",
            "--subject",
            "KORUS",
            "--issue",
            "KORUS",
            "--body-file",
            body.to_str().unwrap(),
        ],
    );
    let head = letterhead_pdf(&at("chamber-letterhead.pdf"), 2, LETTER);
    ok(&db, &["settings", "letterhead", head.to_str().unwrap()]);
    // Both copies in one file: four headers (page 1's and later pages' of
    // each copy), two letterhead pages.
    let docx = at("headed.docx");
    ok(
        &db,
        &[
            "letters",
            "export",
            "2",
            "--format",
            "docx",
            "--one-file",
            "--out",
            docx.to_str().unwrap(),
        ],
    );
    crate::word::assert_passes_schema_checks(&docx);
    let parts = docx_parts(&docx);
    let media = parts["media"].as_array().unwrap();
    assert_eq!(
        media.len(),
        2,
        "one picture per letterhead page, however many copies: {media:?}"
    );
    let headers = parts["headers"].as_object().unwrap();
    assert_eq!(headers.len(), 4, "{:?}", headers.keys());
    for (name, xml) in headers {
        let xml = xml.as_str().unwrap();
        assert_eq!(
            xml.matches("<wp:anchor").count(),
            1,
            "{name} has the letterhead's page"
        );
        assert!(
            xml.contains(r#"behindDoc="1""#) && xml.contains("<wp:wrapNone"),
            "{name}: the picture lies behind the text"
        );
        // Its picture is one of the package's media, through the part's own
        // relationships.
        let rels_name = name.replace("word/", "word/_rels/") + ".rels";
        let rels = parts["rels"][&rels_name].as_str().unwrap_or_default();
        let embed = xml.split(r#"r:embed=""#).nth(1).unwrap();
        let id = &embed[..embed.find('"').unwrap()];
        let target = rels
            .split("<Relationship ")
            .find(|r| r.contains(&format!(r#"Id="{id}""#)))
            .unwrap_or_else(|| panic!("{name}: no relationship {id} in {rels}"));
        assert!(
            media
                .iter()
                .any(|m| target.contains(&m.as_str().unwrap()["word/".len()..])),
            "{name}: {target}"
        );
    }

    // As Word-compatible software sets it: the navy band and the yellow
    // ground behind page 1's text, the green band on page 2, and the
    // letter's words still read as text.
    let pdf = crate::word::libreoffice_pdf(&docx);
    let one = pixels(&pdf, 1);
    let (navy, _) = census(&one, 20, 10, 500, 60, NAVY);
    assert!(navy > 20_000, "the navy band is on page 1 ({navy} pixels)");
    let (yellow, dark) = census(&one, 72, 200, 460, 400, YELLOW);
    assert!(
        yellow > 100_000 && dark > 2_000,
        "the ground is under page 1's text ({yellow} yellow, {dark} dark)"
    );
    let two = pixels(&pdf, 2);
    let (green, _) = census(&two, 20, 5, 500, 30, GREEN);
    let (navy2, _) = census(&two, 20, 5, 500, 30, NAVY);
    assert!(green > 10_000 && navy2 == 0, "{green} green, {navy2} navy");
    let text = words(&pdf).join(" ");
    assert!(text.contains("Dear Secretary Ross:"), "{text}");
    let before_date = &text[..text.find("September").unwrap()];
    assert!(
        !before_date.contains("Lakeshore"),
        "the composed letterhead is not drawn over the file: {before_date}"
    );
}

/// The board report is on the organization's letterhead as its letters
/// are: with a letterhead file, the file's first page beneath the report's
/// first page and its second beneath the next, the report's text within
/// the file's margins.
#[test]
fn the_board_report_is_on_the_letterhead_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("amicus.db");
    let at = |name: &str| dir.path().join(name);
    let head = letterhead_pdf_with(&at("chamber-letterhead.pdf"), 2, LETTER, false);
    ok(&db, &["settings", "letterhead", head.to_str().unwrap()]);
    let pdf = at("board.pdf");
    ok(
        &db,
        &[
            "report",
            "--issue",
            "KORUS",
            "--from",
            "2017-01-01",
            "--to",
            "2017-12-31",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(pages(&pdf), 2);
    let first = tool(
        "pdftotext",
        &["-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"],
    );
    assert!(
        first.trim_start().starts_with("Midwest Chamber Letterhead"),
        "the file's words come first: {first}"
    );
    assert!(first.contains("Board report: January 1, 2017"), "{first}");
    assert!(
        !first.contains("88 East Broad Street"),
        "the drawn letterhead is not drawn over the file: {first}"
    );
    let one = pixels(&pdf, 1);
    let (navy, _) = census(&one, 20, 10, 500, 60, NAVY);
    assert!(navy > 20_000, "the navy band is on page 1 ({navy} pixels)");
    let two = pixels(&pdf, 2);
    let (green, _) = census(&two, 20, 5, 500, 30, GREEN);
    assert!(
        green > 8_000,
        "the green band is on page 2 ({green} pixels)"
    );
    // The report's text starts below the file's top margin (126 pt).
    let bbox = tool(
        "pdftotext",
        &["-bbox", "-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"],
    );
    let board = bbox
        .lines()
        .find(|l| l.contains(">Board<"))
        .expect("the report's title");
    let y_min: f32 = board
        .split("yMin=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .expect("yMin");
    assert!(
        y_min >= 126.0,
        "the title is at {y_min} pt, inside the letterhead's band"
    );
}
