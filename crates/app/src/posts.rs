//! The curated dataset of executive and foreign posts trade staff write to
//! most (`data/officials/posts.yaml`): offices, their mailing addresses and
//! their holders with dated terms, each holder with the source their dates
//! were checked against. Read into the same roster form as Congress, so it
//! imports the same way (idempotent, hand edits kept, dry run).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;
use store::OfficeKind;
use store::import::{Member, Seat, SeatTerm};

use crate::error::AppError;

/// The dataset shipped with Amicus.
pub const POSTS: &str = include_str!("../../../data/officials/posts.yaml");

/// Seat keys the posts dataset owns.
pub const SCOPE: [&str; 1] = ["post:"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Dataset {
    /// When the holders were last checked against their sources.
    #[allow(dead_code)]
    reviewed: NaiveDate,
    offices: Vec<Post>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Post {
    key: String,
    title: String,
    short: Option<String>,
    organization: String,
    kind: OfficeKind,
    /// Overrides the rule for the office kind ("The Honourable").
    honorific: Option<String>,
    /// The word before the family name in the salutation ("Secretary").
    salutation: Option<String>,
    address: Vec<String>,
    /// The office's public web contact form, where it has one.
    #[serde(default)]
    contact_form: Option<String>,
    holders: Vec<Holder>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Holder {
    key: String,
    name: String,
    family: String,
    start: NaiveDate,
    end: Option<NaiveDate>,
    source: String,
}

fn invalid(message: String) -> AppError {
    AppError::invalid("posts", message)
}

/// Parse a posts file (`origin` names it in errors) into roster members,
/// one per person, their terms oldest first. Every holder must name a
/// source and end no earlier than they start.
pub fn read_posts(text: &str, origin: &str) -> Result<Vec<Member>, AppError> {
    let data: Dataset = serde_norway::from_str(text)
        .map_err(|e| invalid(format!("{origin} is not a posts file: {e}")))?;
    let mut members: BTreeMap<String, Member> = BTreeMap::new();
    for post in &data.offices {
        if post.holders.is_empty() {
            return Err(invalid(format!("{origin}: {} lists no holders", post.key)));
        }
        for h in &post.holders {
            let who = format!("{origin}: {} in {}", h.name, post.key);
            if h.source.trim().is_empty() {
                return Err(invalid(format!("{who} names no source")));
            }
            if h.end.is_some_and(|end| end < h.start) {
                return Err(invalid(format!("{who} ends before it starts")));
            }
            let member = members.entry(h.key.clone()).or_insert_with(|| Member {
                key: format!("post:{}", h.key),
                full_name: h.name.clone(),
                family_name: h.family.clone(),
                ..Default::default()
            });
            if member.full_name != h.name {
                return Err(invalid(format!(
                    "{who}: the key {} also names {}",
                    h.key, member.full_name
                )));
            }
            if post.honorific.is_some() {
                member.honorific.clone_from(&post.honorific);
            }
            if let Some(word) = &post.salutation {
                member.salutation = Some(format!("{word} {}", h.family));
            }
            member.terms.push(SeatTerm {
                seat: Seat {
                    key: format!("post:{}", post.key),
                    title: post.title.clone(),
                    kind: post.kind,
                    organization: post.organization.clone(),
                    short_name: post.short.clone(),
                },
                start: h.start,
                end: h.end,
                party: None,
                address: post.address.clone(),
                phone: None,
                contact_form: post.contact_form.clone(),
                end_listed: false,
            });
        }
    }
    let mut members: Vec<Member> = members.into_values().collect();
    for m in &mut members {
        m.terms.sort_by_key(|t| t.start);
    }
    Ok(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dataset_reads() {
        let members = read_posts(POSTS, "posts.yaml").unwrap();
        // Yeo Han-koo held the Korean post twice: one person, two terms.
        let yeo = members
            .iter()
            .find(|m| m.key == "post:yeo-han-koo")
            .unwrap();
        assert_eq!(yeo.terms.len(), 2);
        assert!(yeo.terms[0].start < yeo.terms[1].start);
        let ng = members.iter().find(|m| m.key == "post:ng-mary").unwrap();
        assert_eq!(ng.honorific.as_deref(), Some("The Honourable"));
        let ebrard = members
            .iter()
            .find(|m| m.key == "post:ebrard-marcelo")
            .unwrap();
        assert_eq!(ebrard.salutation.as_deref(), Some("Secretary Ebrard"));
    }

    #[test]
    fn a_bad_file_says_what_is_wrong() {
        let bad = POSTS.replacen("start: 2017-02-28", "start: 2017-02-30", 1);
        let e = read_posts(&bad, "posts.yaml").unwrap_err().to_string();
        assert!(
            e.contains("posts.yaml") && e.contains("holders[0].start") && e.contains("line 23"),
            "{e}"
        );
        let bad = POSTS.replacen("kind: cabinet_secretary", "kind: minister", 1);
        let e = read_posts(&bad, "posts.yaml").unwrap_err().to_string();
        assert!(e.contains("minister"), "{e}");
        let bad = POSTS.replacen("end: 2021-01-20", "end: 2016-01-20", 1);
        let e = read_posts(&bad, "posts.yaml").unwrap_err().to_string();
        assert!(
            e.contains("Wilbur Ross") && e.contains("ends before"),
            "{e}"
        );
        let bad = POSTS.replacen(
            "source: \"https://www.commerce.gov/about/leadership (former secretaries)\"",
            "source: \"\"",
            1,
        );
        let e = read_posts(&bad, "posts.yaml").unwrap_err().to_string();
        assert!(e.contains("names no source"), "{e}");
    }
}
