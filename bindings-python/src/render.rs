//! `render_reply`: a reply for a server to send, checked and written by
//! core's `ReplyWriter`.

use crate::codes::parse_enhanced;
use crate::errors::render_error;
use crate::input::type_error;
use crate::reply::reply_code_arg;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PySequence, PyString};
use smtp_codes::ReplyWriter;

const LINES: &str = "str or a sequence of str";

/// The text of each line: one `str`, or a sequence of them.
fn lines_arg(value: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(vec![s.to_cow()?.into_owned()]);
    }
    // Sequences too, but of ints: a clearer error than one about an item.
    if value.is_instance_of::<PyBytes>() || value.is_instance_of::<PyByteArray>() {
        return Err(type_error(value, "lines", LINES));
    }
    let seq = value
        .cast::<PySequence>()
        .map_err(|_| type_error(value, "lines", LINES))?;
    let mut out = Vec::with_capacity(seq.len().unwrap_or(0));
    for item in seq.try_iter()? {
        let item = item?;
        let s = item
            .cast::<PyString>()
            .map_err(|_| type_error(&item, "each line", "str"))?;
        out.push(s.to_cow()?.into_owned());
    }
    Ok(out)
}

/// The reply a server sends: `code` (an `int` or `ReplyCode`), then each of
/// `lines` (one `str`, or a sequence; none gives a bare code line) with
/// `enhanced` (an `EnhancedCode` or its text) on every line, CRLF after
/// every line. Raises `RenderError` for a reply the RFCs do not allow or
/// that would read back differently.
#[pyfunction]
// `lines=()` as Python sees it; `None` is taken for "no lines" too.
#[pyo3(signature = (code, lines = None, *, enhanced = None))]
#[pyo3(text_signature = "(code, lines=(), *, enhanced=None)")]
fn render_reply(
    py: Python<'_>,
    code: &Bound<'_, PyAny>,
    lines: Option<&Bound<'_, PyAny>>,
    enhanced: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let code = reply_code_arg(py, code, "code", "int or ReplyCode")?;
    let lines = match lines {
        Some(l) => lines_arg(l)?,
        None => Vec::new(),
    };
    let enhanced = match enhanced.filter(|e| !e.is_none()) {
        Some(e) => Some(parse_enhanced(py, e)?),
        None => None,
    };
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    match ReplyWriter::new(code, enhanced, &lines) {
        Ok(w) => Ok(w.to_string()),
        Err(e) => Err(render_error(py, e.to_string(), e.as_str(), e.line())),
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(render_reply, m)?)?;
    Ok(())
}
