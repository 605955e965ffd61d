//! Text arguments: `str` (as UTF-8), `bytes` or `bytearray`, and offsets back
//! into what the caller gave.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

/// The bytes of a `str | bytes | bytearray` argument, and whether it was a
/// `str` (offsets are then given back as indices into the `str`).
pub(crate) struct Text<'py> {
    pub(crate) bytes: Bound<'py, PyBytes>,
    pub(crate) is_str: bool,
}

impl<'py> Text<'py> {
    /// `None` when `obj` is not text of any kind.
    pub(crate) fn try_from(obj: &Bound<'py, PyAny>) -> PyResult<Option<Text<'py>>> {
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Some(Text {
                bytes: b.clone(),
                is_str: false,
            }));
        }
        if let Ok(s) = obj.cast::<PyString>() {
            // abi3 for 3.9 has no borrowed UTF-8 view of a str; one bytes object.
            return Ok(Some(Text {
                bytes: s.encode_utf8()?,
                is_str: true,
            }));
        }
        if let Ok(b) = obj.cast::<PyByteArray>() {
            return Ok(Some(Text {
                bytes: PyBytes::new(obj.py(), &b.to_vec()),
                is_str: false,
            }));
        }
        Ok(None)
    }

    /// The text, or a `TypeError` naming the argument.
    pub(crate) fn from(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Text<'py>> {
        match Text::try_from(obj)? {
            Some(t) => Ok(t),
            None => Err(type_error(obj, what, "str or bytes")),
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.as_bytes()
    }

    /// Core's `ParseError` on these bytes as a Python `ParseError`, its
    /// offset an index into the caller's value.
    pub(crate) fn parse_error(&self, py: Python<'_>, e: &smtp_codes::ParseError) -> PyErr {
        crate::errors::parse_error(
            py,
            e.to_string(),
            e.kind().as_str(),
            Some(self.index(e.offset())),
            None,
        )
    }

    /// A byte offset as an index into the caller's value.
    pub(crate) fn index(&self, byte_offset: usize) -> usize {
        index(self.as_bytes(), byte_offset, self.is_str)
    }
}

/// A byte offset into UTF-8 `bytes` as an index into the `str` they encode
/// (when `is_str`): the number of characters that start before it.
pub(crate) fn index(bytes: &[u8], byte_offset: usize, is_str: bool) -> usize {
    if !is_str {
        return byte_offset;
    }
    let end = byte_offset.min(bytes.len());
    let chars = bytes[..end].iter().filter(|&&b| b & 0xC0 != 0x80).count();
    chars + (byte_offset - end)
}

/// `TypeError: {what} must be {expected}, not {type}`.
pub(crate) fn type_error(obj: &Bound<'_, PyAny>, what: &str, expected: &str) -> PyErr {
    let name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned());
    PyTypeError::new_err(format!("{what} must be {expected}, not {name}"))
}
