//! A filled letter as a typeset document, in full-block business style:
//! letterhead, date, inside addresses, subject, salutation, body, closing,
//! signature, copies and enclosures, all flush left.

use std::sync::Arc;

use typeset::{
    Align, Continuation, Document, Letterhead, Metadata, PageSize, Paragraph, Rgb, Span, Style,
};

use crate::data::{LetterData, Recipient};
use crate::markup::{Block, Inline};
use crate::template::{Paper, Rendered, TemplateMeta, join_names, long_date};

/// One letter ready to be set: one copy of the data and its rendered text.
#[derive(Debug, Clone)]
pub struct Letter {
    pub template: TemplateMeta,
    pub data: LetterData,
    pub rendered: Rendered,
}

const BODY_SIZE: f32 = 11.5;
const BODY_LEADING: f32 = 14.6;
const NAVY: Rgb = Rgb(0.11, 0.20, 0.36);
const GREY: Rgb = Rgb(0.33, 0.33, 0.36);

fn spans(inlines: &[Inline]) -> Vec<Span> {
    inlines
        .iter()
        .map(|i| Span::new(i.text.clone(), i.style))
        .collect()
}

fn ragged(spans: Vec<Span>, space_before: f32) -> Paragraph {
    let mut p = Paragraph::new(spans, BODY_SIZE, BODY_LEADING);
    p.align = Align::Left;
    p.hyphenate = false;
    p.space_before = space_before;
    p
}

fn centred(text: &str, style: Style, size: f32, color: Rgb, space_before: f32) -> Paragraph {
    let mut p = Paragraph::block(text, style, size, size * 1.3);
    p.role = Some("Letterhead");
    p.align = Align::Center;
    p.color = color;
    p.space_before = space_before;
    p
}

/// The lines of a recipient's inside address.
pub fn address_lines(r: &Recipient) -> Vec<String> {
    let mut lines = Vec::new();
    match &r.honorific {
        Some(h) if !h.trim().is_empty() => lines.push(format!("{} {}", h.trim(), r.name)),
        _ => lines.push(r.name.clone()),
    }
    lines.extend(r.title.iter().cloned());
    lines.extend(r.organization.iter().cloned());
    lines.extend(r.address.iter().cloned());
    lines.retain(|l| !l.trim().is_empty());
    lines
}

/// Who the continuation header names: "Secretary Ross and Ambassador
/// Lighthizer"; a group's greeting without "Dear" ("Chairman Crapo, Ranking
/// Member Wyden and Members of the Committee"); past three addressees, the
/// first two and how many others, so the line stays one line.
pub fn addressee_names(data: &LetterData) -> String {
    if let Some(greeting) = data.salutation.as_deref().filter(|s| !s.trim().is_empty()) {
        let g = greeting.trim();
        let g = g.strip_prefix("Dear ").unwrap_or(g);
        return g.strip_suffix(':').unwrap_or(g).to_string();
    }
    let names: Vec<&str> = data
        .recipients
        .iter()
        .map(|r| r.salutation.as_str())
        .collect();
    match names.as_slice() {
        [a, b, rest @ ..] if rest.len() >= 2 => format!("{a}, {b} and {} others", rest.len()),
        _ => join_names(&names),
    }
}

/// The images a letter is drawn with, decoded once by the caller: the
/// letterhead's logo, and the signer's handwritten signature once signed.
#[derive(Debug, Clone, Default)]
pub struct Art {
    pub logo: Option<Arc<typeset::Image>>,
    pub signature: Option<Arc<typeset::Image>>,
    /// The organization's letterhead file, parsed once
    /// ([`crate::data::Organization::letterhead`]).
    pub stationery: Option<Arc<typeset::Stationery>>,
}

/// A letter's language when it does not say (a BCP 47 tag).
pub const DEFAULT_LANG: &str = "en-US";

/// How tall a handwritten signature is drawn, in points (the space above
/// the typed name is 42).
pub const SIGNATURE_HEIGHT: f32 = 38.0;

/// The letterhead drawn from the organization's fields (when it has no
/// letterhead file): its name, unit, address and contact lines, centred.
pub fn letterhead_lines(org: &crate::data::Organization) -> Vec<Paragraph> {
    let mut head = vec![centred(&org.name, Style::BOLD, 17.0, NAVY, 0.0)];
    if let Some(unit) = &org.unit {
        head.push(centred(unit, Style::ITALIC, 10.5, NAVY, 1.0));
    }
    if !org.address.is_empty() {
        head.push(centred(
            &org.address.join("  ·  "),
            Style::REGULAR,
            9.0,
            GREY,
            3.0,
        ));
    }
    let contact: Vec<&str> = org
        .phone
        .iter()
        .chain(org.website.iter())
        .map(String::as_str)
        .collect();
    if !contact.is_empty() {
        head.push(centred(
            &contact.join("  ·  "),
            Style::REGULAR,
            9.0,
            GREY,
            0.0,
        ));
    }
    head
}

/// The drawn letterhead: its lines, the logo, the rule's colour.
pub fn drawn_letterhead(
    org: &crate::data::Organization,
    logo: Option<std::sync::Arc<typeset::Image>>,
) -> Letterhead {
    Letterhead {
        lines: letterhead_lines(org),
        logo,
        rule_color: NAVY,
    }
}

// Over 120 lines because it is layout: the letter's blocks from the top of
// the page to the foot, in reading order (letterhead, date, addresses,
// subject, salutation, body, closing, signature, enclosures, cc), each a
// few lines with the keep rules that tie it to its neighbours.
/// Build the typeset document.
pub fn compose(letter: &Letter, art: Art) -> Document {
    let Art {
        logo,
        signature: drawn,
        stationery,
    } = art;
    let data = &letter.data;
    let org = &data.organization;

    let head = letterhead_lines(org);

    let mut body = Vec::new();
    let mut date = ragged(vec![Span::new(long_date(data.date), Style::REGULAR)], 0.0);
    date.role = Some("Date");
    body.push(date);
    let shown = data
        .recipients
        .iter()
        .enumerate()
        .filter(|(k, _)| data.inside_addresses.is_empty() || data.inside_addresses.contains(k));
    for (n, (_, r)) in shown.enumerate() {
        let mut p = Paragraph::block(
            &address_lines(r).join("\n"),
            Style::REGULAR,
            BODY_SIZE,
            BODY_LEADING,
        );
        p.space_before = if n == 0 { 22.0 } else { 11.0 };
        p.role = Some("Address");
        body.push(p);
    }
    if !letter.rendered.subject.is_empty() {
        let mut s = vec![Span::new("Re: ", Style::BOLD)];
        s.extend(letter.rendered.subject.iter().map(|i| {
            Span::new(
                i.text.clone(),
                Style {
                    bold: true,
                    italic: i.style.italic,
                },
            )
        }));
        let mut p = ragged(s, 18.0);
        p.keep_together = true;
        p.keep_with_next = true;
        p.role = Some("Subject");
        body.push(p);
    }
    let mut salutation = ragged(spans(&letter.rendered.salutation), 14.0);
    salutation.keep_with_next = true;
    salutation.role = Some("Salutation");
    body.push(salutation);

    for (k, block) in letter.rendered.body.iter().enumerate() {
        let mut p = match block {
            Block::Paragraph(text) => {
                let mut p = Paragraph::new(spans(text), BODY_SIZE, BODY_LEADING);
                p.space_before = if k == 0 { 9.0 } else { 8.0 };
                p.role = Some("Body");
                p
            }
            Block::Item {
                marker,
                depth,
                text,
            } => {
                let mut p = Paragraph::new(spans(text), BODY_SIZE, BODY_LEADING);
                p.indent = 24.0 + 18.0 * *depth as f32;
                p.marker = Some(marker.clone());
                p.marker_at = p.indent - 14.0;
                p.space_before = 4.0;
                p.role = Some(if marker.ends_with('.') {
                    "List Number"
                } else {
                    "List Bullet"
                });
                p
            }
        };
        p.align = Align::Justify;
        body.push(p);
    }

    // The signature must never stand alone on a page: the closing is tied
    // to the paragraph before it and to the signature after it.
    let mut closing = ragged(spans(&letter.rendered.closing), 14.0);
    closing.keep_with_previous = true;
    closing.keep_with_next = true;
    closing.role = Some("Closing");
    body.push(closing);

    let mut sig_lines = vec![data.signer.name.clone()];
    sig_lines.extend(data.signer.title.iter().cloned());
    sig_lines.push(org.name.clone());
    let mut signature = Paragraph::block(
        &sig_lines.join("\n"),
        Style::REGULAR,
        BODY_SIZE,
        BODY_LEADING,
    );
    // Room for a handwritten signature, drawn there once the letter is signed.
    signature.space_before = 42.0;
    signature.role = Some("Signature");
    signature.figure = drawn.map(|image| typeset::Figure {
        image,
        height: SIGNATURE_HEIGHT,
        alt: format!("Signature of {}", data.signer.name),
    });
    body.push(signature);

    // Enclosures and copies: the label hangs in the margin of its list.
    let mut after_signature = 18.0;
    let lists = [
        (
            if data.enclosures.len() == 1 {
                "Enclosure:"
            } else {
                "Enclosures:"
            },
            &data.enclosures,
        ),
        ("cc:", &data.cc),
    ];
    for (label, items) in lists {
        if items.is_empty() {
            continue;
        }
        let mut p = Paragraph::block(&items.join("\n"), Style::REGULAR, 10.0, 12.5);
        p.marker = Some(label.to_string());
        p.marker_at = 0.0;
        p.indent = if label == "cc:" { 22.0 } else { 62.0 };
        p.role = Some(if label == "cc:" {
            "Copies"
        } else {
            "Enclosures"
        });
        p.space_before = after_signature;
        after_signature = 6.0;
        body.push(p);
    }

    let subject_text: String = letter
        .rendered
        .subject
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    let timestamp = data
        .date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |d| d.and_utc().timestamp());
    let mut keywords = vec![letter.template.kind.clone()];
    if let Some(p) = &data.position {
        keywords.push(p.issue.clone());
        keywords.push(p.stance.clone());
    }
    keywords.dedup();
    keywords.sort();
    keywords.dedup();
    // A letterhead file replaces the drawn letterhead, and its margins the
    // template's.
    let (head, logo, m) = match (&stationery, &org.letterhead) {
        (Some(_), Some(file)) => (Vec::new(), None, file.margins),
        _ => (head, logo, letter.template.margins),
    };
    let mut doc = Document {
        page: match data.paper.unwrap_or(letter.template.paper) {
            Paper::Letter => PageSize::LETTER,
            Paper::A4 => PageSize::A4,
        },
        margins: typeset::Margins {
            top: m.top,
            right: m.right,
            bottom: m.bottom,
            left: m.left,
        },
        letterhead: Letterhead {
            lines: head,
            logo,
            rule_color: NAVY,
        },
        continuation: Some(Continuation {
            left: vec![addressee_names(data), long_date(data.date)],
            right: "Page {page} of {pages}".into(),
            size: 9.5,
        }),
        body,
        metadata: Metadata {
            title: if subject_text.is_empty() {
                format!("Letter from {}", org.name)
            } else {
                subject_text
            },
            author: org.name.clone(),
            subject: data
                .position
                .as_ref()
                .map_or_else(|| letter.template.name.clone(), |p| p.issue.clone()),
            keywords,
            creator: "Amicus".into(),
            timestamp,
            lang: data.lang.clone().unwrap_or_else(|| DEFAULT_LANG.into()),
        },
        mark: data.mark.clone(),
        stationery,
        version: data.format,
    };
    if data.typography >= 1 {
        curl_document(&mut doc);
    }
    doc
}

/// Typographic quotes everywhere: markup curls the template's own text, and
/// this curls what the data brought in (kept literal by markup).
fn curl_document(doc: &mut Document) {
    let paragraphs = doc.letterhead.lines.iter_mut().chain(doc.body.iter_mut());
    for p in paragraphs {
        let mut prev = None;
        for span in &mut p.spans {
            span.text = crate::markup::curl_quotes(&span.text, prev);
            prev = span.text.chars().last().or(prev);
        }
    }
    if let Some(c) = &mut doc.continuation {
        for line in &mut c.left {
            *line = crate::markup::curl_quotes(line, None);
        }
    }
}

#[cfg(test)]
mod running_head_tests {
    use super::*;

    fn with(names: &[&str]) -> LetterData {
        let mut data: LetterData = serde_json::from_value(serde_json::json!({
            "date": "2026-06-20",
            "organization": { "name": "Lakeshore State Chamber of Commerce" },
            "recipients": [],
            "signer": { "name": "Jordan A. Whitfield" }
        }))
        .expect("data");
        for n in names {
            data.recipients.push(Recipient {
                honorific: None,
                name: (*n).into(),
                title: None,
                organization: None,
                address: Vec::new(),
                salutation: (*n).into(),
            });
        }
        data
    }

    #[test]
    fn a_long_list_of_addressees_is_named_by_its_first_two() {
        assert_eq!(
            addressee_names(&with(&["Senator A", "Senator B", "Senator C"])),
            "Senator A, Senator B, and Senator C"
        );
        assert_eq!(
            addressee_names(&with(&["Senator A", "Senator B", "Senator C", "Senator D"])),
            "Senator A, Senator B and 2 others"
        );
        let mut group = with(&["Senator A", "Senator B", "Senator C", "Senator D"]);
        group.salutation =
            Some("Dear Chairman A, Ranking Member B and Members of the Committee:".into());
        assert_eq!(
            addressee_names(&group),
            "Chairman A, Ranking Member B and Members of the Committee"
        );
    }
}
