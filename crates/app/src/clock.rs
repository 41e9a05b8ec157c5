//! What "now" and "today" mean: one clock, the [`App`](crate::App)'s, read by
//! the use cases themselves, in the organization's time zone (a setting; the
//! system's zone until it is set). A time comes from a front end only where a
//! person states one (when a copy went out, a reply's date, `--at`). A letter
//! dated "today" and a roster import's "as of" day are the same day in
//! Washington whether the staffer's laptop says UTC or not.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// Where the time comes from: the system, or a fixed instant (tests,
/// reproducible runs).
#[derive(Clone)]
pub enum TimeSource {
    System,
    Fixed(DateTime<Utc>),
}

/// The clock of one process: a time source and the organization's zone.
/// Clones share both (the app's clock is the one tests move).
#[derive(Clone)]
pub struct Clock {
    source: Arc<RwLock<TimeSource>>,
    zone: Arc<RwLock<Tz>>,
}

impl Clock {
    /// The system's clock in the system's time zone (UTC when it cannot be told).
    pub fn system() -> Clock {
        Clock::new(TimeSource::System, system_zone())
    }

    /// A clock stopped at `at`, in `zone`.
    pub fn fixed(at: DateTime<Utc>, zone: Tz) -> Clock {
        Clock::new(TimeSource::Fixed(at), zone)
    }

    fn new(source: TimeSource, zone: Tz) -> Clock {
        Clock {
            source: Arc::new(RwLock::new(source)),
            zone: Arc::new(RwLock::new(zone)),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match *self.source.read().unwrap_or_else(|e| e.into_inner()) {
            TimeSource::System => Utc::now(),
            TimeSource::Fixed(at) => at,
        }
    }

    /// Stop the clock at `at` (and every clone of it: the app's too), so a
    /// test takes each dated step at its own time: approve on 10-31, then
    /// `set` 11-01 and sign.
    #[cfg(feature = "test-support")]
    #[doc(hidden)]
    pub fn set(&self, at: DateTime<Utc>) {
        *self.source.write().unwrap_or_else(|e| e.into_inner()) = TimeSource::Fixed(at);
    }

    /// Today's date in the organization's time zone.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&self.zone()).date_naive()
    }

    pub fn zone(&self) -> Tz {
        *self.zone.read().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn set_zone(&self, zone: Tz) {
        *self.zone.write().unwrap_or_else(|e| e.into_inner()) = zone;
    }
}

/// This computer's own time zone: `TZ` when it names a zone (as for every
/// program the user runs: `TZ=America/Chicago`, `:America/Chicago` or a
/// path into the zone files), else the system's setting as
/// `iana-time-zone` reads it (`/etc/localtime` on Linux, the registry on
/// Windows, the system preferences on macOS); UTC only when neither tells.
pub fn system_zone() -> Tz {
    zone_of_computer(
        std::env::var("TZ").ok().as_deref(),
        iana_time_zone::get_timezone().ok().as_deref(),
    )
}

/// The zone `TZ` names, else the system's; UTC when neither is a zone.
pub(crate) fn zone_of_computer(tz: Option<&str>, system: Option<&str>) -> Tz {
    let named = |name: &str| -> Option<Tz> {
        let name = name.trim().trim_start_matches(':');
        // A path into the zone files names its zone by what follows "zoneinfo/".
        let name = name.rsplit_once("zoneinfo/").map_or(name, |(_, z)| z);
        name.parse().ok()
    };
    tz.and_then(named)
        .or_else(|| system.and_then(named))
        .unwrap_or(Tz::UTC)
}

/// An IANA zone name ("America/New_York"), checked.
pub fn parse_zone(name: &str) -> Result<Tz, crate::error::AppError> {
    name.trim().parse::<Tz>().map_err(|_| {
        crate::error::AppError::invalid(
            "time_zone",
            format!(
                "\"{}\" is not a time zone Amicus knows; use a name such as America/New_York",
                name.trim()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::zone_of_computer;
    use chrono_tz::Tz;

    #[test]
    fn the_computers_zone_is_tz_then_the_systems_then_utc() {
        let chicago = Tz::America__Chicago;
        assert_eq!(
            zone_of_computer(Some("America/Chicago"), Some("Europe/Berlin")),
            chicago
        );
        assert_eq!(zone_of_computer(Some(":America/Chicago"), None), chicago);
        assert_eq!(
            zone_of_computer(Some("/usr/share/zoneinfo/America/Chicago"), None),
            chicago
        );
        // A POSIX rule such as EST5EDT-ish text that is no zone name: the system's.
        assert_eq!(
            zone_of_computer(Some("XYZ3ABC"), Some("Europe/Berlin")),
            Tz::Europe__Berlin
        );
        assert_eq!(zone_of_computer(None, Some("Asia/Seoul")), Tz::Asia__Seoul);
        assert_eq!(zone_of_computer(Some(""), None), Tz::UTC);
        assert_eq!(zone_of_computer(None, None), Tz::UTC);
    }
}
