//! `EnhancedCode`: the open value `class.subject.detail` (RFC 3463).

use crate::input::Text;
use crate::members::members;
use pyo3::basic::CompareOp;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyString, PyType};
use smtp_codes::{Class, EnhancedCode, ReplyCode};

/// An enhanced mail system status code as it comes off the wire
/// (`5.1.1`, `5.7.606`), registered or not.
///
/// `EnhancedCode("5.7.606")` and `EnhancedCode.parse("5.7.606")` parse;
/// `str()` gives the code back. Equal codes are equal and hash alike, and a
/// code equals its text (`EnhancedCode("5.1.1") == "5.1.1"`). Codes order by
/// class, subject, detail.
#[pyclass(frozen, module = "smtp_codes", name = "EnhancedCode")]
#[derive(Clone, Copy)]
pub(crate) struct PyEnhancedCode(pub(crate) EnhancedCode);

/// Parses `value` (str or bytes), raising `ParseError`.
pub(crate) fn parse_enhanced(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<EnhancedCode> {
    if let Ok(c) = value.cast::<PyEnhancedCode>() {
        return Ok(c.get().0);
    }
    let text = Text::from(value, "an enhanced status code")?;
    EnhancedCode::parse(text.as_bytes()).map_err(|e| text.parse_error(py, &e))
}

/// A reply code from a Python `int` (or `ReplyCode` member), `ValueError` when
/// it is outside RFC 5321's grammar.
pub(crate) fn reply_code_from_int(value: &Bound<'_, PyAny>) -> PyResult<ReplyCode> {
    let n = match value.extract::<i64>() {
        Ok(n) => Some(n),
        // An int too large for 64 bits is an int all the same: no code.
        Err(_) if value.is_instance_of::<PyInt>() => None,
        Err(_) => return Err(crate::input::type_error(value, "a reply code", "int")),
    };
    n.and_then(|n| u16::try_from(n).ok())
        .and_then(ReplyCode::from_u16)
        .ok_or_else(|| {
            let shown = value.str().map_or_else(|_| "?".into(), |s| s.to_string());
            PyValueError::new_err(format!(
                "{shown} is not a reply code (RFC 5321 §4.2: first digit 2-5, second 0-5)"
            ))
        })
}

#[pymethods]
impl PyEnhancedCode {
    #[new]
    fn new(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse_enhanced(py, value).map(PyEnhancedCode)
    }

    /// Parses `class.subject.detail` (str or bytes) and nothing else.
    #[classmethod]
    fn parse(_cls: &Bound<'_, PyType>, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse_enhanced(py, value).map(PyEnhancedCode)
    }

    /// The code `class_.subject.detail`; `class_` is 2, 4 or 5, subject and
    /// detail 0 to 999.
    #[classmethod]
    fn from_parts(
        _cls: &Bound<'_, PyType>,
        class_: u8,
        subject: u16,
        detail: u16,
    ) -> PyResult<Self> {
        let class = Class::from_number(class_).ok_or_else(|| {
            PyValueError::new_err(format!(
                "{class_} is not an enhanced status class (2, 4 or 5)"
            ))
        })?;
        EnhancedCode::new(class, subject, detail)
            .map(PyEnhancedCode)
            .ok_or_else(|| PyValueError::new_err("subject and detail must be 0 to 999"))
    }

    /// The class: a `Class` member.
    #[getter]
    fn class_(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.class(py, self.0.class()))
    }

    /// The subject: a `Subject` member when registered, else the `int`.
    #[getter]
    fn subject(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.subject(py, self.0.subject()))
    }

    /// The detail number.
    #[getter]
    fn detail(&self) -> u16 {
        self.0.detail()
    }

    /// The registered status (an `EnhancedStatus` member), or `None`.
    #[getter]
    fn status(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        match self.0.known() {
            Some(s) => Ok(Some(members(py)?.status(py, s))),
            None => Ok(None),
        }
    }

    /// Class 2.
    #[getter]
    fn is_success(&self) -> bool {
        self.0.is_success()
    }

    /// Class 4.
    #[getter]
    fn is_persistent_transient_failure(&self) -> bool {
        self.0.is_persistent_transient_failure()
    }

    /// Class 5.
    #[getter]
    fn is_permanent_failure(&self) -> bool {
        self.0.is_permanent_failure()
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("EnhancedCode('{}')", self.0)
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        PyString::new(py, &self.0.to_string()).hash()
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let not_implemented = || Ok(py.NotImplemented());
        let answer = |b: bool| {
            Ok(pyo3::types::PyBool::new(py, b)
                .to_owned()
                .into_any()
                .unbind())
        };
        if let Ok(o) = other.cast::<PyEnhancedCode>() {
            let o = o.get().0;
            return answer(op.matches(self.0.cmp(&o)));
        }
        if let Ok(s) = other.cast::<PyString>() {
            let eq = s.to_cow()? == self.0.to_string();
            return match op {
                CompareOp::Eq => answer(eq),
                CompareOp::Ne => answer(!eq),
                _ => not_implemented(),
            };
        }
        not_implemented()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (String,)) {
        (slf.get_type(), (slf.get().0.to_string(),))
    }
}

/// The class of a reply code (its first digit, RFC 5321 §4.2.1): a
/// `ReplyClass` member, for any code of the grammar, defined or not.
#[pyfunction]
fn reply_class(py: Python<'_>, code: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let code = reply_code_from_int(code)?;
    Ok(members(py)?.reply_class(py, code.class()))
}

/// The category of a reply code (its second digit, RFC 5321 §4.2.1): a
/// `ReplyCategory` member, for any code of the grammar, defined or not.
#[pyfunction]
fn reply_category(py: Python<'_>, code: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let code = reply_code_from_int(code)?;
    Ok(members(py)?.reply_category(py, code.category()))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEnhancedCode>()?;
    m.add_function(wrap_pyfunction!(reply_class, m)?)?;
    m.add_function(wrap_pyfunction!(reply_category, m)?)?;
    Ok(())
}
