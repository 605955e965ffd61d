//! `Reply`, `parse_reply`, `parse_reply_many`, `parse_replies`, `ReplyReader`.

use crate::codes::PyEnhancedCode;
use crate::errors::{parse_error, parse_error_value};
use crate::input::{Text, index, type_error};
use crate::members::members;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyInt, PyList};
use smtp_codes::{
    Defects, EnhancedCode, Mode, ParseOptions, ParseStatus, Replies, Reply, ReplyCode, ReplyError,
    ReplyStream,
};

/// A complete SMTP reply (RFC 5321 §4.2): its code, enhanced status code
/// (RFC 2034) and lines.
#[pyclass(frozen, module = "smtp_codes", name = "Reply")]
pub(crate) struct PyReply {
    data: Py<PyBytes>,
    start: usize,
    end: usize,
    code: ReplyCode,
    enhanced: Option<EnhancedCode>,
    line_count: usize,
    defects: Defects,
}

impl PyReply {
    /// `reply` borrows `data[start..]`.
    fn new(data: &Bound<'_, PyBytes>, start: usize, reply: &Reply<'_>) -> PyReply {
        PyReply {
            data: data.clone().unbind(),
            start,
            end: start + reply.raw().len(),
            code: reply.code(),
            enhanced: reply.enhanced(),
            line_count: reply.line_count(),
            defects: reply.defects(),
        }
    }

    /// Reads the reply's bytes again, for its lines (they parsed before, so
    /// this cannot fail).
    fn with_reply<T>(&self, py: Python<'_>, f: impl FnOnce(Reply<'_>) -> T) -> Option<T> {
        let bytes = self.data.bind(py).as_bytes();
        let raw = bytes.get(self.start..self.end)?;
        let opts = ParseOptions::new()
            .max_lines(usize::MAX)
            .max_line_length(usize::MAX);
        Reply::parse_with(raw, &opts).ok().map(f)
    }
}

#[pymethods]
impl PyReply {
    /// The reply code: a `ReplyCode` member when an RFC defines it, else the `int`.
    #[getter]
    fn code(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.reply(py, self.code))
    }

    /// The enhanced status code of the first line, if it has one.
    #[getter]
    fn enhanced(&self) -> Option<PyEnhancedCode> {
        self.enhanced.map(PyEnhancedCode)
    }

    /// The text of each line, without code and enhanced code (invalid UTF-8
    /// shows as U+FFFD).
    #[getter]
    fn lines(&self, py: Python<'_>) -> Vec<String> {
        self.with_reply(py, |r| {
            r.lines()
                .map(|l| String::from_utf8_lossy(l.text()).into_owned())
                .collect()
        })
        .unwrap_or_default()
    }

    /// The lines' text joined with "\n", as smtplib joins them.
    #[getter]
    fn text(&self, py: Python<'_>) -> String {
        self.with_reply(py, |r| r.text().to_string())
            .unwrap_or_default()
    }

    /// What the RFCs do not allow and the lenient parser accepted: stable
    /// names (`bare_lf`, `code_mismatch`, ...).
    #[getter]
    fn defects(&self) -> Vec<&'static str> {
        self.defects.iter().map(|d| d.as_str()).collect()
    }

    /// Whether the reply has more than one line.
    #[getter]
    fn is_multiline(&self) -> bool {
        self.line_count > 1
    }

    /// The bytes of the reply as received, line endings included.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let data = self.data.bind(py);
        if self.start == 0 && self.end == data.as_bytes().len() {
            return data.clone();
        }
        PyBytes::new(py, &data.as_bytes()[self.start..self.end])
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let text = self.text(py);
        match self.enhanced {
            Some(e) => format!("<Reply {} {} {:?}>", self.code, e, text),
            None => format!("<Reply {} {:?}>", self.code, text),
        }
    }
}

fn options(strict: bool, max_lines: usize, max_line_length: usize) -> ParseOptions {
    ParseOptions::new()
        .mode(if strict { Mode::Strict } else { Mode::Lenient })
        .max_lines(max_lines)
        .max_line_length(max_line_length)
}

/// A `ParseError` for a reply error at `base + e.offset()` of `bytes`.
fn reply_error_value<'py>(
    py: Python<'py>,
    e: &ReplyError,
    bytes: &[u8],
    is_str: bool,
) -> PyResult<Bound<'py, PyAny>> {
    parse_error_value(
        py,
        e.to_string(),
        e.kind().as_str(),
        Some(index(bytes, e.offset(), is_str)),
        Some(e.line()),
    )
}

static REPLY_TEXT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The text of a reply from an smtplib or aiosmtplib exception (or anything
/// `_smtplib.reply_text` accepts); `TypeError` for anything else.
fn text_of<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Text<'py>> {
    if let Some(t) = Text::try_from(obj)? {
        return Ok(t);
    }
    let py = obj.py();
    let f = REPLY_TEXT.import(py, "smtp_codes._smtplib", "reply_text")?;
    let text = f.call1((obj,))?;
    Text::from(&text, "a reply")
}

fn parse_one<'py>(
    py: Python<'py>,
    text: &Text<'py>,
    opts: &ParseOptions,
) -> Result<PyReply, Bound<'py, PyAny>> {
    let bytes = text.as_bytes();
    match Reply::parse_with(bytes, opts) {
        Ok(r) => Ok(PyReply::new(&text.bytes, 0, &r)),
        Err(e) => Err(match reply_error_value(py, &e, bytes, text.is_str) {
            Ok(v) => v,
            Err(err) => err.into_value(py).into_bound(py).into_any(),
        }),
    }
}

/// Parses one whole reply (str or bytes, CRLF or LF line endings), or the
/// reply an smtplib/aiosmtplib exception carries.
#[pyfunction]
#[pyo3(signature = (data, *, strict = false, max_lines = 256, max_line_length = 4096))]
fn parse_reply(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    strict: bool,
    max_lines: usize,
    max_line_length: usize,
) -> PyResult<PyReply> {
    let text = text_of(data)?;
    parse_one(py, &text, &options(strict, max_lines, max_line_length)).map_err(PyErr::from_value)
}

/// `parse_reply` over a list (or any iterable) in one call: a `Reply` or,
/// in its place, the `ParseError` for each item.
#[pyfunction]
#[pyo3(signature = (items, *, strict = false, max_lines = 256, max_line_length = 4096))]
fn parse_reply_many<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    strict: bool,
    max_lines: usize,
    max_line_length: usize,
) -> PyResult<Bound<'py, PyList>> {
    let opts = options(strict, max_lines, max_line_length);
    let out = PyList::empty(py);
    let one = |item: Bound<'py, PyAny>| -> PyResult<()> {
        let text = Text::from(&item, "each item")?;
        match parse_one(py, &text, &opts) {
            Ok(r) => out.append(Bound::new(py, r)?),
            Err(e) => out.append(e),
        }
    };
    if let Ok(list) = items.cast::<PyList>() {
        for item in list.iter() {
            one(item)?;
        }
    } else {
        for item in items.try_iter()? {
            one(item?)?;
        }
    }
    Ok(out)
}

/// Every reply in a transcript or log, in order; a line that belongs to no
/// reply gives a `ParseError` in its place and reading goes on at the next line.
#[pyfunction]
#[pyo3(signature = (data, *, strict = false, max_lines = 256, max_line_length = 4096))]
fn parse_replies<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    strict: bool,
    max_lines: usize,
    max_line_length: usize,
) -> PyResult<Bound<'py, PyList>> {
    let text = Text::from(data, "data")?;
    let bytes = text.as_bytes();
    let out = PyList::empty(py);
    let mut replies = Replies::new(bytes, options(strict, max_lines, max_line_length));
    while let Some(r) = replies.next() {
        match r {
            Ok(reply) => {
                let start = replies.offset() - reply.raw().len();
                out.append(Bound::new(py, PyReply::new(&text.bytes, start, &reply))?)?;
            }
            Err(e) => out.append(reply_error_value(py, &e, bytes, text.is_str)?)?,
        }
    }
    Ok(out)
}

/// Reads replies from a connection as bytes arrive: `feed(chunk)` returns
/// the replies completed so far.
///
/// After a malformed reply the framing of the connection is lost: the
/// reader drops what it holds, and raises `ParseError` (at once, or from the
/// next `feed()`/`close()` when the same chunk first completed replies).
#[pyclass(module = "smtp_codes", name = "ReplyReader")]
struct PyReplyReader {
    opts: ParseOptions,
    stream: ReplyStream,
    buffer: Vec<u8>,
    /// Offset in the connection's bytes of `buffer[0]`.
    consumed: usize,
    pending: Option<(String, &'static str, usize, usize)>,
}

#[pymethods]
impl PyReplyReader {
    #[new]
    #[pyo3(signature = (*, strict = false, max_lines = 256, max_line_length = 4096))]
    fn new(strict: bool, max_lines: usize, max_line_length: usize) -> Self {
        let opts = options(strict, max_lines, max_line_length);
        PyReplyReader {
            opts,
            stream: ReplyStream::new(opts),
            buffer: Vec::new(),
            consumed: 0,
            pending: None,
        }
    }

    /// Adds `data` (bytes or str) and returns the replies it completed.
    fn feed<'py>(
        &mut self,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
    ) -> PyResult<Vec<Bound<'py, PyReply>>> {
        self.raise_pending(py)?;
        let text = Text::from(data, "data")?;
        self.buffer.extend_from_slice(text.as_bytes());
        let mut out = Vec::new();
        loop {
            match self.stream.feed(&self.buffer) {
                Ok(ParseStatus::Complete(reply, used)) => {
                    let bytes = PyBytes::new(py, reply.raw());
                    out.push(Bound::new(py, PyReply::new(&bytes, 0, &reply))?);
                    self.buffer.drain(..used);
                    self.consumed += used;
                }
                Ok(ParseStatus::Incomplete) => return Ok(out),
                Err(e) => {
                    let err = (
                        e.to_string(),
                        e.kind().as_str(),
                        self.consumed + e.offset(),
                        e.line(),
                    );
                    self.consumed += self.buffer.len();
                    self.buffer.clear();
                    self.stream = ReplyStream::new(self.opts);
                    if out.is_empty() {
                        return Err(parse_error(py, err.0, err.1, Some(err.2), Some(err.3)));
                    }
                    self.pending = Some(err);
                    return Ok(out);
                }
            }
        }
    }

    /// The end of the connection: raises `ParseError` when a reply was cut
    /// short or an error is pending.
    fn close(&mut self, py: Python<'_>) -> PyResult<()> {
        self.raise_pending(py)?;
        if self.buffer.is_empty() {
            return Ok(());
        }
        let result = Reply::parse_with(&self.buffer, &self.opts).map(|_| ());
        let consumed = self.consumed;
        self.consumed += self.buffer.len();
        self.buffer.clear();
        self.stream = ReplyStream::new(self.opts);
        result.map_err(|e| {
            parse_error(
                py,
                e.to_string(),
                e.kind().as_str(),
                Some(consumed + e.offset()),
                Some(e.line()),
            )
        })
    }

    /// How many bytes are held, waiting for the rest of a reply.
    #[getter]
    fn buffered(&self) -> usize {
        self.buffer.len()
    }
}

impl PyReplyReader {
    fn raise_pending(&mut self, py: Python<'_>) -> PyResult<()> {
        match self.pending.take() {
            Some((msg, kind, offset, line)) => {
                Err(parse_error(py, msg, kind, Some(offset), Some(line)))
            }
            None => Ok(()),
        }
    }
}

/// A reply code from `int` or `str`/`bytes` (`"550"`), for callers that
/// hold one without a reply; a `TypeError` says `{what} must be {expected}`.
pub(crate) fn reply_code_arg(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    what: &str,
    expected: &str,
) -> PyResult<ReplyCode> {
    if let Some(text) = Text::try_from(value)? {
        return ReplyCode::parse(text.as_bytes()).map_err(|e| text.parse_error(py, &e));
    }
    if value.is_instance_of::<PyInt>() || value.extract::<i64>().is_ok() {
        return crate::codes::reply_code_from_int(value);
    }
    Err(type_error(value, what, expected))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyReply>()?;
    m.add_class::<PyReplyReader>()?;
    m.add_function(wrap_pyfunction!(parse_reply, m)?)?;
    m.add_function(wrap_pyfunction!(parse_reply_many, m)?)?;
    m.add_function(wrap_pyfunction!(parse_replies, m)?)?;
    Ok(())
}
