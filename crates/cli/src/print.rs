//! Printing: a line at a time to standard output (a closed pipe ends the
//! program quietly), the small forms every area prints values in, and the
//! `--json` form of a view for scripts.

/// Print a line; a closed pipe (`amicus log | head`) ends the program quietly.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

macro_rules! out_raw {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if write!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}

pub fn opt(v: Option<impl ToString>) -> String {
    v.map(|x| x.to_string()).unwrap_or_else(|| "—".into())
}

pub fn acting(yes: bool) -> &'static str {
    if yes { " (acting)" } else { "" }
}

/// "120 KB".
pub fn store_size(bytes: u64) -> String {
    amicus_app::human_size(bytes)
}

/// How views are printed: lines for people, or (`--json`) the view itself
/// as one JSON document, for scripts.
#[derive(Clone, Copy)]
pub struct Format {
    pub json: bool,
}

/// Print `view` as JSON (pretty, one document).
pub fn json<T: serde::Serialize + ?Sized>(view: &T) -> Result<(), amicus_app::AppError> {
    let text = serde_json::to_string_pretty(view)
        .map_err(|e| amicus_app::AppError::Damaged(format!("the view printed as JSON: {e}")))?;
    out!("{text}");
    Ok(())
}
