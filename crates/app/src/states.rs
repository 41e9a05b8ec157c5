//! U.S. states and territories by name, so staff can type "California" and
//! find the House seats, whose titles carry only the code ("CA-12").

const STATES: [(&str, &str); 56] = [
    ("Alabama", "AL"),
    ("Alaska", "AK"),
    ("American Samoa", "AS"),
    ("Arizona", "AZ"),
    ("Arkansas", "AR"),
    ("California", "CA"),
    ("Colorado", "CO"),
    ("Connecticut", "CT"),
    ("Delaware", "DE"),
    ("District of Columbia", "DC"),
    ("Florida", "FL"),
    ("Georgia", "GA"),
    ("Guam", "GU"),
    ("Hawaii", "HI"),
    ("Idaho", "ID"),
    ("Illinois", "IL"),
    ("Indiana", "IN"),
    ("Iowa", "IA"),
    ("Kansas", "KS"),
    ("Kentucky", "KY"),
    ("Louisiana", "LA"),
    ("Maine", "ME"),
    ("Maryland", "MD"),
    ("Massachusetts", "MA"),
    ("Michigan", "MI"),
    ("Minnesota", "MN"),
    ("Mississippi", "MS"),
    ("Missouri", "MO"),
    ("Montana", "MT"),
    ("Nebraska", "NE"),
    ("Nevada", "NV"),
    ("New Hampshire", "NH"),
    ("New Jersey", "NJ"),
    ("New Mexico", "NM"),
    ("New York", "NY"),
    ("North Carolina", "NC"),
    ("North Dakota", "ND"),
    ("Northern Mariana Islands", "MP"),
    ("Ohio", "OH"),
    ("Oklahoma", "OK"),
    ("Oregon", "OR"),
    ("Pennsylvania", "PA"),
    ("Puerto Rico", "PR"),
    ("Rhode Island", "RI"),
    ("South Carolina", "SC"),
    ("South Dakota", "SD"),
    ("Tennessee", "TN"),
    ("Texas", "TX"),
    ("Utah", "UT"),
    ("Vermont", "VT"),
    ("Virgin Islands", "VI"),
    ("Virginia", "VA"),
    ("Washington", "WA"),
    ("West Virginia", "WV"),
    ("Wisconsin", "WI"),
    ("Wyoming", "WY"),
];

/// The fragment of a House seat's title for a state typed by name
/// ("california" → ", CA-"), or "" when the text is not a state's name.
/// A state or territory with seats in Congress: its name and postal code.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UsState {
    pub name: String,
    pub code: String,
}

/// Every state and territory with seats in Congress, by name (the delegation
/// picker lists them so).
pub fn us_states() -> Vec<UsState> {
    STATES
        .iter()
        .map(|(name, code)| UsState {
            name: (*name).to_string(),
            code: (*code).to_string(),
        })
        .collect()
}

pub(crate) fn house_seat_fragment(text: &str) -> String {
    let text = text.trim();
    STATES
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(text))
        .map(|(_, code)| format!(", {code}-"))
        .unwrap_or_default()
}
