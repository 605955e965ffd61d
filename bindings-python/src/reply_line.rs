//! `ReplyLine`, `parse_reply_line`: one line of a reply.

use crate::codes::PyEnhancedCode;
use crate::input::Text;
use crate::members::members;
use pyo3::prelude::*;
use smtp_codes::{EnhancedCode, ReplyCode, ReplyLine};

/// One line of an SMTP reply (`550-5.1.1 text`, `250 OK`, a bare `250`):
/// its code, whether it is the last line, its enhanced status code and text.
#[pyclass(frozen, module = "smtp_codes", name = "ReplyLine")]
#[derive(PartialEq)]
struct PyReplyLine {
    code: ReplyCode,
    last: bool,
    enhanced: Option<EnhancedCode>,
    mismatched: Option<EnhancedCode>,
    text: Vec<u8>,
}

#[pymethods]
impl PyReplyLine {
    /// The reply code: a `ReplyCode` member when an RFC defines it, else the `int`.
    #[getter]
    fn code(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.reply(py, self.code))
    }

    /// Whether this is the last line of its reply (`NNN text` or a bare
    /// `NNN`) rather than a continuation (`NNN-text`).
    #[getter]
    fn is_last(&self) -> bool {
        self.last
    }

    /// The enhanced status code of the line, when present and of the reply
    /// code's class.
    #[getter]
    fn enhanced(&self) -> Option<PyEnhancedCode> {
        self.enhanced.map(PyEnhancedCode)
    }

    /// An enhanced status code at the start of the text whose class
    /// contradicts the reply code (`250 5.1.1 ...`), left in the text.
    #[getter]
    fn mismatched_enhanced(&self) -> Option<PyEnhancedCode> {
        self.mismatched.map(PyEnhancedCode)
    }

    /// The text, without code, separator, enhanced code and line ending
    /// (invalid UTF-8 shows as U+FFFD).
    #[getter]
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.text).into_owned()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyReplyLine>().is_ok_and(|o| o.get() == self)
    }

    fn __repr__(&self) -> String {
        let sep = if self.last { ' ' } else { '-' };
        let text = self.text();
        match self.enhanced {
            Some(e) => format!("<ReplyLine {}{}{} {:?}>", self.code, sep, e, text),
            None => format!("<ReplyLine {}{}{:?}>", self.code, sep, text),
        }
    }
}

/// Parses one line of a reply (str or bytes; a trailing CRLF or LF is
/// allowed), raising `ParseError`.
#[pyfunction]
fn parse_reply_line(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyReplyLine> {
    let text = Text::from(data, "data")?;
    match ReplyLine::parse(text.as_bytes()) {
        Ok(l) => Ok(PyReplyLine {
            code: l.code(),
            last: l.is_last(),
            enhanced: l.enhanced(),
            mismatched: l.mismatched_enhanced(),
            text: l.text().to_vec(),
        }),
        Err(e) => Err(text.parse_error(py, &e)),
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyReplyLine>()?;
    m.add_function(wrap_pyfunction!(parse_reply_line, m)?)?;
    Ok(())
}
