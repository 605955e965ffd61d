//! `find_codes`, `best_reply`, `best_enhanced`: codes in free text.

use crate::codes::PyEnhancedCode;
use crate::input::Text;
use crate::members::members;
use pyo3::prelude::*;
use smtp_codes::{EnhancedCode, FoundCode, FoundContext, ReplyCode};

/// A code found in text, where, and what stood before it.
#[pyclass(frozen, module = "smtp_codes", name = "Found")]
struct PyFound {
    reply: Option<ReplyCode>,
    enhanced: Option<EnhancedCode>,
    /// `(start, end)`: `text[start:end]` is the code.
    #[pyo3(get)]
    span: (usize, usize),
    context: FoundContext,
    agrees: bool,
}

#[pymethods]
impl PyFound {
    /// The code: a `ReplyCode` member (or `int`) or an `EnhancedCode`.
    #[getter]
    fn code(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match (self.reply, self.enhanced) {
            (Some(r), _) => Ok(members(py)?.reply(py, r)),
            (None, Some(e)) => Ok(Py::new(py, PyEnhancedCode(e))?.into_any()),
            (None, None) => Ok(py.None()),
        }
    }

    /// Whether it is an enhanced status code.
    #[getter]
    fn is_enhanced(&self) -> bool {
        self.enhanced.is_some()
    }

    /// `after_reply` (an enhanced code right after a reply code),
    /// `anchored` (at the start of a line or after a mark), or `text`.
    #[getter]
    fn context(&self) -> &'static str {
        self.context.as_str()
    }

    /// The reply code this enhanced code follows, if it follows one.
    #[getter]
    fn after_reply(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        match self.context {
            FoundContext::AfterReply(r) => Ok(Some(members(py)?.reply(py, r))),
            _ => Ok(None),
        }
    }

    /// An enhanced code right after a reply code of the same class.
    #[getter]
    fn agrees_with_reply(&self) -> bool {
        self.agrees
    }

    fn __repr__(&self) -> String {
        let code = match (self.reply, self.enhanced) {
            (Some(r), _) => r.to_string(),
            (None, Some(e)) => e.to_string(),
            _ => String::new(),
        };
        format!("<Found {} at {:?} {}>", code, self.span, self.context())
    }
}

/// Every reply code and enhanced status code in free text (log lines,
/// bounce bodies, diagnostics), in order, with spans into `text`.
#[pyfunction]
fn find_codes(text: &Bound<'_, PyAny>) -> PyResult<Vec<PyFound>> {
    let t = Text::from(text, "text")?;
    let bytes = t.as_bytes();
    Ok(smtp_codes::find_codes(bytes)
        .map(|f| {
            let agrees = f.agrees_with_reply();
            let (reply, enhanced) = match f.code {
                FoundCode::Reply(r) => (Some(r), None),
                FoundCode::Enhanced(e) => (None, Some(e)),
            };
            PyFound {
                reply,
                enhanced,
                span: (t.index(f.span.start), t.index(f.span.end)),
                context: f.context,
                agrees,
            }
        })
        .collect())
}

/// The reply code that best describes `text`, or `None`.
#[pyfunction]
fn best_reply(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Option<Py<PyAny>>> {
    let t = Text::from(text, "text")?;
    match smtp_codes::best_reply(t.as_bytes()) {
        Some(r) => Ok(Some(members(py)?.reply(py, r))),
        None => Ok(None),
    }
}

/// The enhanced status code that best describes `text`, or `None`.
#[pyfunction]
fn best_enhanced(text: &Bound<'_, PyAny>) -> PyResult<Option<PyEnhancedCode>> {
    let t = Text::from(text, "text")?;
    Ok(smtp_codes::best_enhanced(t.as_bytes()).map(PyEnhancedCode))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyFound>()?;
    m.add_function(wrap_pyfunction!(find_codes, m)?)?;
    m.add_function(wrap_pyfunction!(best_reply, m)?)?;
    m.add_function(wrap_pyfunction!(best_enhanced, m)?)?;
    Ok(())
}
