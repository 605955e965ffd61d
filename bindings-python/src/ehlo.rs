//! `parse_ehlo`: the greeting and service extensions of an EHLO reply.

use crate::errors::{parse_error, parse_error_value};
use crate::input::{Text, type_error};
use crate::members::members;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};
use smtp_codes::{Ehlo, EhloError, EhloKeyword, Extension};

enum Source {
    /// The raw reply, `250-...` lines.
    Raw(Vec<u8>),
    /// The text of each line, code removed (as smtplib's `ehlo_resp` holds them).
    Lines(Vec<Vec<u8>>),
}

/// Runs `$body` with `$e` bound to the `Ehlo` read again from the source
/// (it parsed when the object was made).
macro_rules! with_ehlo {
    ($self:expr, |$e:ident| $body:expr) => {
        match &$self.source {
            Source::Raw(b) => Ehlo::parse(b).ok().map(|$e| $body),
            Source::Lines(ls) => Ehlo::from_lines(ls.iter().map(Vec::as_slice))
                .ok()
                .map(|$e| $body),
        }
    };
}

fn error(py: Python<'_>, e: &EhloError) -> PyErr {
    parse_error(
        py,
        e.to_string(),
        e.kind().as_str(),
        Some(e.offset()),
        Some(e.line()),
    )
}

/// One extension line: its keyword and parameters.
#[pyclass(frozen, module = "smtp_codes", name = "EhloExtension")]
struct PyExtension {
    /// The keyword as the server spelled it.
    #[pyo3(get)]
    keyword: String,
    known: Option<EhloKeyword>,
    /// The parameters as sent, one per word.
    #[pyo3(get)]
    params: Vec<String>,
}

#[pymethods]
impl PyExtension {
    /// The registered keyword (an `EhloKeyword` member), or `None`.
    #[getter]
    fn known(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        match self.known {
            Some(k) => Ok(Some(members(py)?.keyword(py, k))),
            None => Ok(None),
        }
    }

    fn __repr__(&self) -> String {
        format!("<EhloExtension {} {:?}>", self.keyword, self.params)
    }
}

fn extension(e: &Extension<'_>) -> PyExtension {
    PyExtension {
        keyword: e.keyword().to_owned(),
        known: e.known(),
        params: e
            .raw_params()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect(),
    }
}

/// A parsed EHLO reply (RFC 5321 §4.1.1.1).
#[pyclass(frozen, module = "smtp_codes", name = "Ehlo")]
struct PyEhlo {
    source: Source,
}

/// `EhloKeyword` member or keyword text, as core's keyword.
enum Keyword {
    Known(EhloKeyword),
    Text(Vec<u8>),
}

fn keyword_arg(value: &Bound<'_, PyAny>) -> PyResult<Keyword> {
    let s = value
        .cast::<PyString>()
        .map_err(|_| type_error(value, "keyword", "str or EhloKeyword"))?;
    let text = s.to_cow()?;
    Ok(match EhloKeyword::from_keyword(text.as_bytes()) {
        Some(k) => Keyword::Known(k),
        None => Keyword::Text(text.as_bytes().to_vec()),
    })
}

#[pymethods]
impl PyEhlo {
    /// The server's domain (or address literal), first word of the greeting line.
    #[getter]
    fn domain(&self) -> String {
        with_ehlo!(self, |e| String::from_utf8_lossy(e.greeting().domain())
            .into_owned())
        .unwrap_or_default()
    }

    /// The rest of the greeting line, if any.
    #[getter]
    fn greeting(&self) -> Option<String> {
        with_ehlo!(self, |e| e
            .greeting()
            .text()
            .map(|t| String::from_utf8_lossy(t).into_owned()))
        .flatten()
    }

    /// The well-formed extension lines, in order.
    #[getter]
    fn extensions(&self) -> Vec<PyExtension> {
        with_ehlo!(self, |e| e
            .extensions()
            .flatten()
            .map(|x| extension(&x))
            .collect())
        .unwrap_or_default()
    }

    /// The malformed extension lines: a `ParseError` (not raised) for each.
    #[getter]
    fn errors<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let errors: Vec<EhloError> = with_ehlo!(self, |e| e.errors().collect()).unwrap_or_default();
        errors
            .iter()
            .map(|e| {
                parse_error_value(
                    py,
                    e.to_string(),
                    e.kind().as_str(),
                    Some(e.offset()),
                    Some(e.line()),
                )
            })
            .collect()
    }

    /// Whether the server advertises `keyword` (an `EhloKeyword` or its text).
    fn supports(&self, keyword: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(match keyword_arg(keyword)? {
            Keyword::Known(k) => with_ehlo!(self, |e| e.supports(k)),
            Keyword::Text(t) => with_ehlo!(self, |e| e.find(&t).is_some()),
        }
        .unwrap_or(false))
    }

    /// The first well-formed line for `keyword`, or `None`.
    fn get(&self, keyword: &Bound<'_, PyAny>) -> PyResult<Option<PyExtension>> {
        Ok(match keyword_arg(keyword)? {
            Keyword::Known(k) => with_ehlo!(self, |e| e.get(k).map(|x| extension(&x))),
            Keyword::Text(t) => with_ehlo!(self, |e| e.find(&t).map(|x| extension(&x))),
        }
        .flatten())
    }

    /// The maximum message size SIZE declares (RFC 1870), in octets; `None`
    /// without SIZE, or with `SIZE` alone or `SIZE 0` (no fixed maximum).
    #[getter]
    fn max_size(&self) -> Option<u64> {
        with_ehlo!(self, |e| e.size().and_then(|s| s.maximum())).flatten()
    }

    /// Whether a message of `size` octets is within the declared maximum
    /// (always, when none is declared).
    fn size_allows(&self, size: u64) -> bool {
        with_ehlo!(self, |e| e.size().is_none_or(|s| s.allows(size))).unwrap_or(true)
    }

    /// The SASL mechanisms AUTH offers (RFC 4954), or `None` without AUTH.
    #[getter]
    fn auth(&self) -> Option<Vec<String>> {
        with_ehlo!(self, |e| e
            .auth()
            .map(|a| a.iter().map(str::to_owned).collect()))
        .flatten()
    }

    /// The limits LIMITS announces (RFC 9422): `{name: value or None}` with
    /// names as sent, or `None` without LIMITS.
    #[getter]
    fn limits(&self) -> Option<std::collections::BTreeMap<String, Option<String>>> {
        with_ehlo!(self, |e| e.limits().map(|l| l
            .iter()
            .map(|x| (x.name().to_owned(), x.value().map(str::to_owned)))
            .collect()))
        .flatten()
    }

    /// RCPTMAX from LIMITS.
    #[getter]
    fn rcpt_max(&self) -> Option<u32> {
        with_ehlo!(self, |e| e.limits().and_then(|l| l.rcpt_max())).flatten()
    }

    /// MAILMAX from LIMITS.
    #[getter]
    fn mail_max(&self) -> Option<u32> {
        with_ehlo!(self, |e| e.limits().and_then(|l| l.mail_max())).flatten()
    }

    /// RCPTDOMAINMAX from LIMITS.
    #[getter]
    fn rcpt_domain_max(&self) -> Option<u32> {
        with_ehlo!(self, |e| e.limits().and_then(|l| l.rcpt_domain_max())).flatten()
    }

    fn __repr__(&self) -> String {
        let n = with_ehlo!(self, |e| e.extensions().count()).unwrap_or(0);
        format!("<Ehlo {} extensions={}>", self.domain(), n)
    }
}

/// Parses an EHLO reply: the raw reply (`250-mx...\r\n250 SIZE 10\r\n`) as
/// str or bytes, or the text of its lines without codes as a list (smtplib:
/// `smtp.ehlo_resp.splitlines()`).
#[pyfunction]
fn parse_ehlo(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyEhlo> {
    let source = if let Some(t) = Text::try_from(data)? {
        let raw = t.as_bytes().to_vec();
        Ehlo::parse(&raw).map_err(|e| error(py, &e))?;
        Source::Raw(raw)
    } else if data.cast::<PyList>().is_ok() || data.cast::<PyTuple>().is_ok() {
        let mut lines = Vec::new();
        for item in data.try_iter()? {
            let item = item?;
            lines.push(Text::from(&item, "each line")?.as_bytes().to_vec());
        }
        Ehlo::from_lines(lines.iter().map(Vec::as_slice)).map_err(|e| error(py, &e))?;
        Source::Lines(lines)
    } else {
        return Err(type_error(data, "data", "str, bytes or a list of lines"));
    };
    Ok(PyEhlo { source })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEhlo>()?;
    m.add_class::<PyExtension>()?;
    m.add_function(wrap_pyfunction!(parse_ehlo, m)?)?;
    Ok(())
}
