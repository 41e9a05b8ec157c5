//! The light markup of letter bodies: paragraphs, `**bold**`, `*italic*`,
//! and bulleted or numbered lists. Parsed with pulldown-cmark; anything
//! richer (headings, links, code) degrades to plain text, since a letter
//! has no place for it.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use typeset::Style;

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    pub style: Style,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// A list item: its marker ("•" or "2."), nesting depth from 0, and text.
    Item {
        marker: String,
        depth: usize,
        text: Vec<Inline>,
    },
}

/// Inline text of a one-line value (subject, salutation): the blocks' text
/// joined, so escapes and emphasis work the same as in the body.
pub fn parse_inline(src: &str) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for block in parse(src) {
        let text = match block {
            Block::Paragraph(t) | Block::Item { text: t, .. } => t,
        };
        if !out.is_empty() {
            push(&mut out, " ", Style::REGULAR);
        }
        for i in text {
            push(&mut out, &i.text, i.style);
        }
    }
    out
}

fn push(out: &mut Vec<Inline>, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => out.push(Inline {
            text: text.to_string(),
            style,
        }),
    }
}

/// Parse a body into blocks.
pub fn parse(src: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Vec<Inline> = Vec::new();
    let mut bold = 0usize;
    let mut italic = 0usize;
    // Each open list: Some(next number) for ordered lists, None for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut item_marker: Option<(String, usize)> = None;

    let flush = |blocks: &mut Vec<Block>,
                 current: &mut Vec<Inline>,
                 item_marker: &mut Option<(String, usize)>| {
        // Collapse whitespace at the edges: markup line ends are not text.
        if let Some(first) = current.first_mut() {
            first.text = first.text.trim_start().to_string();
        }
        if let Some(last) = current.last_mut() {
            last.text = last.text.trim_end().to_string();
        }
        current.retain(|i| !i.text.is_empty());
        if current.is_empty() {
            return;
        }
        let text = std::mem::take(current);
        match item_marker.take() {
            Some((marker, depth)) => blocks.push(Block::Item {
                marker,
                depth,
                text,
            }),
            None => blocks.push(Block::Paragraph(text)),
        }
    };

    for event in Parser::new_ext(
        src,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION,
    ) {
        let style = Style {
            bold: bold > 0,
            italic: italic > 0,
        };
        match event {
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Heading { .. }) => bold += 1,
            Event::End(TagEnd::Heading(_)) => {
                bold = bold.saturating_sub(1);
                flush(&mut blocks, &mut current, &mut item_marker);
            }
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                // Text before a nested list belongs to the parent item.
                flush(&mut blocks, &mut current, &mut item_marker);
                let depth = lists.len().saturating_sub(1);
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}.");
                        *n += 1;
                        m
                    }
                    _ => if depth == 0 { "•" } else { "–" }.to_string(),
                };
                item_marker = Some((marker, depth));
            }
            Event::End(TagEnd::Item) | Event::End(TagEnd::Paragraph) => {
                flush(&mut blocks, &mut current, &mut item_marker);
            }
            Event::Text(t) | Event::Code(t) => push(&mut current, &t, style),
            Event::SoftBreak => push(&mut current, " ", style),
            Event::HardBreak => push(&mut current, "\n", style),
            Event::Html(t) | Event::InlineHtml(t) => push(&mut current, &t, style),
            _ => {}
        }
    }
    flush(&mut blocks, &mut current, &mut item_marker);
    blocks
}

/// Straight quotes made typographic: `'` after a letter, a digit or closing
/// punctuation is an apostrophe or closing quote (’), elsewhere an opening
/// one (‘); `"` opens (“) at the start or after a space or an opening
/// bracket or dash, and closes (”) elsewhere. `prev` is the character
/// before `text` (the end of the previous run of the same paragraph).
pub fn curl_quotes(text: &str, mut prev: Option<char>) -> String {
    if !text.contains(['\'', '"']) {
        return text.to_string();
    }
    let opens = |c: Option<char>| {
        c.is_none_or(|c| c.is_whitespace() || "([{\u{2018}\u{201c}\u{2014}\u{2013}-/".contains(c))
    };
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        let curled = match c {
            '\'' if opens(prev) => '\u{2018}',
            '\'' => '\u{2019}',
            '"' if opens(prev) => '\u{201c}',
            '"' => '\u{201d}',
            c => c,
        };
        out.push(curled);
        prev = Some(curled);
    }
    out
}

/// Escape plain text so that markup treats every character literally.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(t) => t.iter().map(|i| i.text.as_str()).collect(),
                Block::Item { marker, text, .. } => format!(
                    "{marker} {}",
                    text.iter().map(|i| i.text.as_str()).collect::<String>()
                ),
            })
            .collect()
    }

    #[test]
    fn paragraphs_emphasis_and_lists() {
        let blocks = parse("One **bold** and *it*.\nSame para.\n\n- first\n- second\n\nLast.");
        assert_eq!(
            plain(&blocks),
            vec![
                "One bold and it. Same para.",
                "• first",
                "• second",
                "Last."
            ]
        );
        let Block::Paragraph(first) = &blocks[0] else {
            panic!("first block is a paragraph")
        };
        assert_eq!(first[1].text, "bold");
        assert!(first[1].style.bold);
        assert_eq!(first[3].text, "it");
        assert!(first[3].style.italic);
    }

    #[test]
    fn template_text_gets_typographic_quotes_but_escaped_data_does_not() {
        let blocks = parse("the agreement's \"gains\" -- and O\\'Brien");
        assert_eq!(
            plain(&blocks),
            vec!["the agreement\u{2019}s \u{201c}gains\u{201d} \u{2013} and O'Brien"]
        );
    }

    #[test]
    fn straight_quotes_left_by_data_are_curled_by_their_place() {
        assert_eq!(
            curl_quotes("O'Brien's \"plan\" ('94) and 'yes'", None),
            "O\u{2019}Brien\u{2019}s \u{201c}plan\u{201d} (\u{2018}94) and \u{2018}yes\u{2019}"
        );
        // A run continues the one before it.
        assert_eq!(curl_quotes("s work", Some('\'')), "s work");
        assert_eq!(curl_quotes("'s", Some('t')), "\u{2019}s");
        assert_eq!(curl_quotes("\"Hi\"", Some(' ')), "\u{201c}Hi\u{201d}");
    }

    #[test]
    fn numbered_lists_count() {
        let blocks = parse("1. a\n2. b\n3. c");
        assert_eq!(plain(&blocks), vec!["1. a", "2. b", "3. c"]);
    }

    #[test]
    fn escaped_text_is_literal() {
        let nasty = "**not bold** {{org.name}} <b> & # - 1. _x_ \\";
        let blocks = parse(&escape(nasty));
        assert_eq!(plain(&blocks), vec![nasty.to_string()]);
    }
}
