//! What the use cases' tests share: days and instants written as the
//! issues write them.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// "2017-09-05" as a day.
pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The afternoon (15:00 UTC) of a day: "now" for a test's clock.
pub fn at(s: &str) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day(s).and_hms_opt(15, 0, 0).unwrap())
}
