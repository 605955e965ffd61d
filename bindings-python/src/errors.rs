//! `smtp_codes.ParseError` and `smtp_codes.RenderError` (`ValueError`s,
//! defined in `_errors.py`), made from core's errors: core's message, a
//! stable kind name, the offset as an index into the caller's input.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

static PARSE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A `ParseError` instance (not raised).
pub(crate) fn parse_error_value<'py>(
    py: Python<'py>,
    message: String,
    kind: &str,
    offset: Option<usize>,
    line: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    PARSE_ERROR
        .import(py, "smtp_codes._errors", "ParseError")?
        .call1((message, kind, offset, line))
}

/// A `ParseError` to raise.
pub(crate) fn parse_error(
    py: Python<'_>,
    message: String,
    kind: &str,
    offset: Option<usize>,
    line: Option<usize>,
) -> PyErr {
    match parse_error_value(py, message, kind, offset, line) {
        Ok(v) => PyErr::from_value(v),
        Err(e) => e,
    }
}

static RENDER_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A `RenderError` to raise.
pub(crate) fn render_error(
    py: Python<'_>,
    message: String,
    kind: &str,
    line: Option<usize>,
) -> PyErr {
    match RENDER_ERROR
        .import(py, "smtp_codes._errors", "RenderError")
        .and_then(|t| t.call1((message, kind, line)))
    {
        Ok(v) => PyErr::from_value(v),
        Err(e) => e,
    }
}

/// UpperCamelCase to SCREAMING_SNAKE_CASE, the rule codegen uses for the
/// `ReplyCode` constants (`MailboxUnavailable` to `MAILBOX_UNAVAILABLE`).
/// Kept because core has no runtime identifier name for the members of its
/// generated registry enums: the Python member names are made from `Debug`.
pub(crate) fn screaming(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 8);
    for (i, c) in chars.iter().enumerate() {
        let boundary = i > 0
            && c.is_ascii_uppercase()
            && (chars[i - 1].is_ascii_lowercase()
                || chars[i - 1].is_ascii_digit()
                || chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase()));
        if boundary {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}
