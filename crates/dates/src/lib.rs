//! A day as staff type it: `YYYY-MM-DD`. When the text has that form but
//! names no day (2022-02-30, 2022-13-01), the error says which part is
//! wrong instead of asking for the form it already has.

use chrono::NaiveDate;

/// Why a text is not a day.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    /// Not of the form YYYY-MM-DD at all.
    #[error("\"{0}\" is not a date; write it as YYYY-MM-DD")]
    Form(String),
    /// The month is not 01 to 12.
    #[error("\"{0}\" is not a date: months run from 01 to 12")]
    Month(String),
    /// The month has no such day (February 30, April 31, day 00).
    #[error("\"{text}\" is not a date: {month} has {days} days")]
    Day {
        text: String,
        month: String,
        days: u32,
    },
}

/// The day `text` names (surrounding spaces ignored).
pub fn parse(text: &str) -> Result<NaiveDate, DayError> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d);
    }
    let parts: Vec<&str> = t.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let [y, m, d] = parts[..] else {
        return Err(DayError::Form(t.to_string()));
    };
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err(DayError::Form(t.to_string()));
    }
    let (year, month) = (y.parse::<i32>(), m.parse::<u32>());
    let (Ok(year), Ok(month)) = (year, month) else {
        return Err(DayError::Form(t.to_string()));
    };
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Err(DayError::Month(t.to_string()));
    };
    let days = (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28);
    Err(DayError::Day {
        text: t.to_string(),
        month: first.format("%B %Y").to_string(),
        days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_in_the_form_is_read() {
        assert_eq!(
            parse(" 2017-09-05 "),
            Ok(NaiveDate::from_ymd_opt(2017, 9, 5).unwrap())
        );
        assert_eq!(
            parse("2024-02-29"),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
    }

    #[test]
    fn a_day_that_does_not_exist_is_named_so() {
        assert_eq!(
            parse("2022-02-30").unwrap_err().to_string(),
            "\"2022-02-30\" is not a date: February 2022 has 28 days"
        );
        assert_eq!(
            parse("2023-02-29").unwrap_err().to_string(),
            "\"2023-02-29\" is not a date: February 2023 has 28 days"
        );
        assert_eq!(
            parse("2024-04-31").unwrap_err().to_string(),
            "\"2024-04-31\" is not a date: April 2024 has 30 days"
        );
        assert_eq!(
            parse("2024-12-32").unwrap_err().to_string(),
            "\"2024-12-32\" is not a date: December 2024 has 31 days"
        );
        assert_eq!(
            parse("2024-01-00").unwrap_err().to_string(),
            "\"2024-01-00\" is not a date: January 2024 has 31 days"
        );
        assert_eq!(
            parse("2019-13-01").unwrap_err().to_string(),
            "\"2019-13-01\" is not a date: months run from 01 to 12"
        );
    }

    #[test]
    fn another_form_is_asked_for_in_ours() {
        for text in [
            "March 3 2021",
            "2021/03/03",
            "03-03-2021",
            "",
            "2021-03-03-01",
        ] {
            assert_eq!(parse(text), Err(DayError::Form(text.to_string())), "{text}");
        }
    }
}
