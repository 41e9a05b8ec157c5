use thiserror::Error;

/// One thing wrong with a template or its data, with where it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problem {
    /// "template joint-support, line 3, column 14" or a data path such as "recipients[1].name".
    pub location: String,
    pub message: String,
    /// Where in a template's source (1-based), when the problem is in one and
    /// the parser knows the place; carried as data so editors need not parse
    /// `location`.
    pub line: Option<u32>,
    pub column: Option<u32>,
}

impl Problem {
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            location: location.into(),
            message: message.into(),
            line: None,
            column: None,
        }
    }

    /// A problem at a line (and column) of a template's source.
    pub fn at(mut self, line: usize, column: Option<usize>) -> Problem {
        self.line = u32::try_from(line).ok();
        self.column = column.and_then(|c| u32::try_from(c).ok());
        self
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum LetterError {
    /// The letter data is invalid or incomplete.
    #[error("the letter data has {} problem(s):\n{}", .0.len(), list(.0))]
    Data(Vec<Problem>),
    /// The template is malformed or refers to data that is not there.
    #[error("the template has {} problem(s):\n{}", .0.len(), list(.0))]
    Template(Vec<Problem>),
    #[error("there is no template named \"{0}\"; run `amicus templates` to see the ones available")]
    UnknownTemplate(String),
    #[error("the letter data names no template; add a \"template\" field or pass --template")]
    NoTemplate,
    /// The Word document could not be packed (nothing is written then).
    #[error("the Word document could not be written: {0}")]
    Word(String),
    #[error(transparent)]
    Typeset(#[from] typeset::TypesetError),
}

impl LetterError {
    /// Every problem, for tools that list them one per line.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            LetterError::Data(p) | LetterError::Template(p) => p.clone(),
            other => vec![Problem::new(String::new(), other.to_string())],
        }
    }
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  - {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}
