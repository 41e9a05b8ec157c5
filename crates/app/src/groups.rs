//! Recipient groups resolved at a letter's date: a congressional committee
//! (or only its chair and ranking member), a state's delegation (both
//! chambers or one). A group expands into the seats of its members on that
//! day; the letter keeps the group's name and size beside its recipients.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use store::Role;

use crate::letters_area::{Addressee, RecipientChoice};
use crate::{App, AppError};

/// A group, as staff name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GroupRef {
    /// A committee or subcommittee by its code ("SSFI") or name.
    Committee { code: String, leaders_only: bool },
    /// A state's members of Congress (postal code), one chamber or both.
    Delegation {
        state: String,
        chamber: Option<Chamber>,
    },
    /// A list the team saved by hand, by its name.
    List { name: String },
    /// Every seat of one chamber (the whole House: 435 and the delegates).
    Chamber { chamber: Chamber },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Chamber {
    Senate,
    House,
}

/// One member of a group on the day, and the seat a letter goes to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupMember {
    pub name: String,
    /// "Chairman", "Ranking Member": the member's place in the group.
    pub role: Option<String>,
    pub choice: RecipientChoice,
}

/// A group on a day: who is in it, and how a joint letter greets them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupExpansion {
    /// "Senate Committee on Finance", "the California delegation".
    pub label: String,
    pub on: NaiveDate,
    pub members: Vec<GroupMember>,
    /// For a joint letter: "Dear Chairman Crapo, Ranking Member Wyden and
    /// Members of the Committee:". None where the addressees' own do.
    pub salutation: Option<String>,
    /// Members on the group whose seat the record does not know on the day.
    pub warnings: Vec<String>,
}

/// A group as the letter keeps it ("sent to the Senate Finance Committee, 27 members").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupNote {
    pub group: GroupRef,
    pub label: String,
    pub members: u32,
}

/// A committee as the groups list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupInfo {
    pub group: GroupRef,
    pub label: String,
    /// How many are in it today.
    pub members: u32,
}

impl App {
    /// Save a list of offices (by title, short name or id) and people (by
    /// id) under `name`, replacing a list of that name.
    pub fn save_list(
        &self,
        name: &str,
        offices: &[String],
        persons: &[i64],
    ) -> Result<i64, AppError> {
        let mut members: Vec<(Option<i64>, Option<i64>)> = Vec::new();
        for o in offices {
            members.push((Some(self.find_office(o)?.id), None));
        }
        members.extend(persons.iter().map(|p| (None, Some(*p))));
        let id = self.db().save_list(name, &members, self.clock().now())?;
        self.changed(&[crate::RecordArea::Officials]);
        Ok(id)
    }

    /// Every saved list with its size.
    pub fn list_groups(&self) -> Result<Vec<GroupInfo>, AppError> {
        Ok(self
            .db()
            .saved_lists()?
            .into_iter()
            .map(|l| GroupInfo {
                members: u32::try_from(l.members.len()).unwrap_or(u32::MAX),
                group: GroupRef::List {
                    name: l.name.clone(),
                },
                label: l.name,
            })
            .collect())
    }

    pub fn delete_list(&self, name: &str) -> Result<(), AppError> {
        self.db().delete_list(name)?;
        self.changed(&[crate::RecordArea::Officials]);
        Ok(())
    }

    /// Every committee and subcommittee in the record, with today's size.
    pub fn committee_groups(&self) -> Result<Vec<GroupInfo>, AppError> {
        let today = self.clock().today();
        let db = self.db();
        let mut out = Vec::new();
        for c in db
            .committees()?
            .into_iter()
            .filter(|c| c.retired_on.is_none())
        {
            let members = db.committee_members_on(c.id, today)?.len();
            out.push(GroupInfo {
                group: GroupRef::Committee {
                    code: c.code.clone(),
                    leaders_only: false,
                },
                label: committee_label(&c),
                members: u32::try_from(members).unwrap_or(u32::MAX),
            });
        }
        Ok(out)
    }

    /// The group's members on `on`, each with the seat a letter goes to.
    pub fn expand_group(
        &self,
        group: &GroupRef,
        on: NaiveDate,
    ) -> Result<GroupExpansion, AppError> {
        let db = self.db();
        let mut warnings = Vec::new();
        let mut members = Vec::new();
        match group {
            GroupRef::Committee { code, leaders_only } => {
                let c = db.find_committee(code)?;
                let mut on_it = db.committee_members_on(c.id, on)?;
                if on_it.is_empty() {
                    return Err(AppError::invalid(
                        "group",
                        format!(
                            "the record has no members of the {} on {on}; import the congress roster \
                             (it brings the committees), or choose a later date",
                            committee_label(&c)
                        ),
                    ));
                }
                if *leaders_only {
                    on_it.retain(|m| m.leads());
                }
                let mut leaders = Vec::new();
                for m in &on_it {
                    match db.congress_seat_on(m.person_id, on)? {
                        Some(seat) => {
                            // Greeted by the title held on the letter's date,
                            // and only when the letter reaches them.
                            if m.leads() {
                                leaders.push(format!(
                                    "{} {}",
                                    m.title.clone().unwrap_or_else(|| "Chairman".into()),
                                    m.family_name
                                ));
                            }
                            members.push(GroupMember {
                                name: m.name.clone(),
                                role: m.title.clone(),
                                choice: RecipientChoice {
                                    role: Role::To,
                                    to: Addressee::Office(seat),
                                },
                            });
                        }
                        None => warnings.push(format!(
                            "{} is on the committee but held no seat in Congress on {on} in the record; left out",
                            m.name
                        )),
                    }
                }
                let body = if c.parent_id.is_some() {
                    "Subcommittee"
                } else {
                    "Committee"
                };
                let mut names = leaders;
                if !*leaders_only {
                    names.push(format!("Members of the {body}"));
                }
                let salutation = Some(format!("Dear {}:", committee_names(&names)));
                Ok(GroupExpansion {
                    label: if *leaders_only {
                        format!("{} (chair and ranking member)", committee_label(&c))
                    } else {
                        committee_label(&c)
                    },
                    on,
                    members,
                    salutation,
                    warnings,
                })
            }
            GroupRef::List { name } => {
                let list = db.saved_list(name)?;
                for (office, person) in &list.members {
                    let (to, name) = match (office, person) {
                        (Some(o), _) => {
                            let holder = db.holder_on(*o, on)?;
                            let office = db.office(*o)?;
                            if holder.is_none() {
                                warnings.push(format!(
                                    "{}: nobody held it on {on} in the record; the letter names the office",
                                    office.title
                                ));
                            }
                            if let Some(r) = office.retired_on.filter(|r| *r <= on) {
                                warnings.push(format!("{} was retired on {r}", office.title));
                            }
                            (
                                Addressee::Office(*o),
                                holder.map_or(office.title, |h| h.person.full_name),
                            )
                        }
                        (None, Some(p)) => (Addressee::Person(*p), db.person(*p)?.full_name),
                        (None, None) => continue,
                    };
                    members.push(GroupMember {
                        name,
                        role: None,
                        choice: RecipientChoice { role: Role::To, to },
                    });
                }
                Ok(GroupExpansion {
                    label: list.name,
                    on,
                    members,
                    salutation: None,
                    warnings,
                })
            }
            GroupRef::Chamber { chamber } => {
                let prefix = match chamber {
                    Chamber::Senate => "sen-",
                    Chamber::House => "rep-",
                };
                let seats = db.seats_with_prefix(prefix)?;
                if seats.is_empty() {
                    return Err(AppError::invalid(
                        "group",
                        "the record has no congressional seats; import the congress roster first",
                    ));
                }
                seat_holders(&db, &seats, on, &mut members, &mut warnings)?;
                Ok(GroupExpansion {
                    label: match chamber {
                        Chamber::Senate => "the Senate".into(),
                        Chamber::House => "the House of Representatives".into(),
                    },
                    on,
                    members,
                    salutation: None,
                    warnings,
                })
            }
            GroupRef::Delegation { state, chamber } => {
                let state = state.trim().to_ascii_uppercase();
                let name = crate::congress::place_name(&state).ok_or_else(|| {
                    AppError::invalid(
                        "group",
                        format!("\"{state}\" is not a state's postal code (e.g. CA, WA)"),
                    )
                })?;
                let mut prefixes = Vec::new();
                if chamber != &Some(Chamber::House) {
                    prefixes.push(format!("sen-{state}-"));
                }
                if chamber != &Some(Chamber::Senate) {
                    prefixes.push(format!("rep-{state}-"));
                }
                let mut seats = Vec::new();
                for p in &prefixes {
                    seats.extend(db.seats_with_prefix(p)?);
                }
                if seats.is_empty() {
                    return Err(AppError::invalid(
                        "group",
                        format!(
                            "the record has no congressional seats for {name}; import the congress roster first"
                        ),
                    ));
                }
                seat_holders(&db, &seats, on, &mut members, &mut warnings)?;
                let which = match chamber {
                    Some(Chamber::Senate) => " (Senate)",
                    Some(Chamber::House) => " (House)",
                    None => "",
                };
                Ok(GroupExpansion {
                    label: format!(
                        "the {} delegation{which}",
                        name.strip_prefix("the ").unwrap_or(name)
                    ),
                    on,
                    members,
                    salutation: None,
                    warnings,
                })
            }
        }
    }
}

/// Each seat's holder on `on` as a member addressed through the seat; a seat
/// nobody held that day is left out with a warning.
fn seat_holders(
    db: &store::Store,
    seats: &[(i64, String)],
    on: NaiveDate,
    members: &mut Vec<GroupMember>,
    warnings: &mut Vec<String>,
) -> Result<(), AppError> {
    for (office, _) in seats {
        match db.holder_on(*office, on)? {
            Some(h) => members.push(GroupMember {
                name: h.person.full_name.clone(),
                role: None,
                choice: RecipientChoice {
                    role: Role::To,
                    to: Addressee::Office(*office),
                },
            }),
            None => warnings.push(format!(
                "{}: nobody held it on {on} in the record; left out",
                db.office(*office)?.title
            )),
        }
    }
    Ok(())
}

/// "Chairman Crapo, Ranking Member Wyden and Members of the Committee":
/// the form committee correspondence uses (no comma before the "and").
fn committee_names(names: &[String]) -> String {
    match names {
        [] => "Members of the Committee".into(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "Senate Committee on Finance", or a subcommittee with its committee:
/// "Subcommittee on International Trade, … (Senate Committee on Finance)".
fn committee_label(c: &store::committees::Committee) -> String {
    match &c.parent_name {
        Some(parent) if c.name.to_ascii_lowercase().starts_with("subcommittee") => {
            format!("{} ({parent})", c.name)
        }
        Some(parent) => format!("Subcommittee on {} ({parent})", c.name),
        None => c.name.clone(),
    }
}
