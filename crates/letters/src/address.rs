//! Forms of address: how an official is named in the address block, the
//! salutation and the continuation header, by the kind of office they hold.
//! A person's own override (an honorific or salutation set by staff) wins.

use crate::data::Recipient;

/// The facts about an addressee the rules need.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Addressee<'a> {
    pub full_name: &'a str,
    pub family_name: &'a str,
    /// Office kind as stored: cabinet_secretary, trade_representative,
    /// senator, representative, governor, foreign_minister, agency_head, other.
    pub kind: &'a str,
    pub office_title: Option<&'a str>,
    pub organization: Option<&'a str>,
    pub address: &'a [String],
    pub honorific: Option<&'a str>,
    pub salutation: Option<&'a str>,
}

/// The honorific and the salutation name ("Secretary Ross") by office kind.
pub fn style(a: &Addressee) -> (Option<String>, String) {
    let family = a.family_name;
    let (honorific, salutation) = match a.kind {
        "cabinet_secretary" => ("The Honorable", format!("Secretary {family}")),
        "trade_representative" => ("The Honorable", format!("Ambassador {family}")),
        "senator" => ("The Honorable", format!("Senator {family}")),
        "representative" => ("The Honorable", format!("Representative {family}")),
        "governor" => ("The Honorable", format!("Governor {family}")),
        // "H.E." is the gender-neutral written form of His/Her Excellency.
        "foreign_minister" => ("H.E.", format!("Minister {family}")),
        // Agency heads go by the first word of their title: Administrator,
        // Director, Chair, Commissioner.
        "agency_head" => {
            let word = a
                .office_title
                .and_then(|t| t.split_whitespace().next())
                .unwrap_or("Director");
            ("The Honorable", format!("{word} {family}"))
        }
        _ => ("", a.full_name.to_string()),
    };
    let honorific = a
        .honorific
        .map(str::to_string)
        .or_else(|| (!honorific.is_empty()).then(|| honorific.to_string()));
    let salutation = a.salutation.map(str::to_string).unwrap_or(salutation);
    (honorific.filter(|h| !h.is_empty()), salutation)
}

/// The recipient block of a letter for this addressee.
///
/// A member of Congress is written to as "The Honorable …" at "United
/// States Senate" (or House of Representatives), as the chambers ask: the
/// seat's name in the record ("U.S. Senator for Idaho, class 3",
/// "U.S. Representative, ID-02") tells seats apart and stays out of the
/// letter when the chamber is named.
pub fn recipient(a: &Addressee) -> Recipient {
    let (honorific, salutation) = style(a);
    let chamber_named = matches!(a.kind, "senator" | "representative")
        && a.organization.is_some_and(|o| !o.trim().is_empty());
    Recipient {
        honorific,
        name: a.full_name.to_string(),
        title: a
            .office_title
            .filter(|_| !chamber_named)
            .map(str::to_string),
        organization: a.organization.map(str::to_string),
        address: a.address.to_vec(),
        salutation,
    }
}

/// An addressee who leads a committee the letter went to, styled as
/// committee correspondence is: their title in the committee under the
/// name, the committee (`committee`: its lines, a subcommittee's first),
/// then the chamber and the office's address; greeted by that title
/// ("Chairman Crapo") unless staff set their own greeting for the person.
pub fn as_committee_leader(
    r: &mut Recipient,
    title: &str,
    family_name: &str,
    committee: &[String],
) {
    let Some((first, rest)) = committee.split_first() else {
        return;
    };
    let chamber = r.organization.take();
    let mut address: Vec<String> = rest.to_vec();
    address.extend(chamber);
    address.append(&mut r.address);
    r.title = Some(title.to_string());
    r.organization = Some(first.clone());
    r.address = address;
    let by_seat = ["Senator ", "Representative "]
        .iter()
        .any(|p| r.salutation == format!("{p}{family_name}"));
    if by_seat {
        r.salutation = format!("{title} {family_name}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who<'a>(kind: &'a str, title: &'a str) -> Addressee<'a> {
        Addressee {
            full_name: "Wilbur Ross",
            family_name: "Ross",
            kind,
            office_title: Some(title),
            ..Default::default()
        }
    }

    #[test]
    fn each_kind_of_office_has_its_form() {
        let cases = [
            (
                "cabinet_secretary",
                "Secretary of Commerce",
                Some("The Honorable"),
                "Secretary Ross",
            ),
            (
                "trade_representative",
                "U.S. Trade Representative",
                Some("The Honorable"),
                "Ambassador Ross",
            ),
            (
                "senator",
                "U.S. Senator",
                Some("The Honorable"),
                "Senator Ross",
            ),
            (
                "representative",
                "U.S. Representative",
                Some("The Honorable"),
                "Representative Ross",
            ),
            (
                "governor",
                "Governor of Ohio",
                Some("The Honorable"),
                "Governor Ross",
            ),
            (
                "foreign_minister",
                "Minister of Trade",
                Some("H.E."),
                "Minister Ross",
            ),
            (
                "agency_head",
                "Administrator of the EPA",
                Some("The Honorable"),
                "Administrator Ross",
            ),
            ("other", "Chief of Staff", None, "Wilbur Ross"),
        ];
        for (kind, title, honorific, salutation) in cases {
            let (h, s) = style(&who(kind, title));
            assert_eq!(
                (h.as_deref(), s.as_str()),
                (honorific, salutation),
                "{kind}"
            );
        }
    }

    #[test]
    fn a_member_of_congress_is_addressed_at_the_chamber_without_the_seat_name() {
        let address = ["239 Dirksen Senate Office Building".to_string()];
        let crapo = Addressee {
            full_name: "Mike Crapo",
            family_name: "Crapo",
            kind: "senator",
            office_title: Some("U.S. Senator for Idaho, class 3"),
            organization: Some("United States Senate"),
            address: &address,
            ..Default::default()
        };
        let r = recipient(&crapo);
        assert_eq!(r.honorific.as_deref(), Some("The Honorable"));
        assert_eq!(r.title, None);
        assert_eq!(r.organization.as_deref(), Some("United States Senate"));
        assert_eq!(r.salutation, "Senator Crapo");
        let simpson = Addressee {
            kind: "representative",
            office_title: Some("U.S. Representative, ID-02"),
            organization: Some("United States House of Representatives"),
            ..crapo.clone()
        };
        assert_eq!(recipient(&simpson).title, None);
        // A hand-made seat without the chamber keeps its title line.
        let alone = Addressee {
            organization: None,
            office_title: Some("U.S. Senator"),
            ..crapo.clone()
        };
        assert_eq!(recipient(&alone).title.as_deref(), Some("U.S. Senator"));
        // Other offices keep theirs.
        let ross = Addressee {
            kind: "cabinet_secretary",
            office_title: Some("Secretary of Commerce"),
            organization: Some("U.S. Department of Commerce"),
            ..crapo
        };
        assert_eq!(
            recipient(&ross).title.as_deref(),
            Some("Secretary of Commerce")
        );
    }

    #[test]
    fn a_personal_override_wins() {
        let mut a = who("trade_representative", "U.S. Trade Representative");
        a.salutation = Some("Mr. Ross");
        a.honorific = Some("Mr.");
        let r = recipient(&a);
        assert_eq!(r.salutation, "Mr. Ross");
        assert_eq!(r.honorific.as_deref(), Some("Mr."));
        assert_eq!(r.title.as_deref(), Some("U.S. Trade Representative"));
    }
}
