//! `parse_dsn`: delivery status notifications (RFC 3464), one record per
//! recipient.

use crate::classify::PyVerdict;
use crate::codes::PyEnhancedCode;
use crate::errors::parse_error;
use crate::input::Text;
use crate::members::members;
use pyo3::prelude::*;
use smtp_codes::dsn::{
    Action as DsnAction, DeliveryStatus, DsnError, Field, FieldValue, MessageError, Recipient,
    TypedValue,
};
use smtp_codes::{EnhancedCode, ReplyCode};

fn text(v: &FieldValue<'_>) -> String {
    v.to_string_lossy().into_owned()
}

fn typed(v: Option<&TypedValue<'_>>) -> (Option<String>, Option<String>) {
    match v {
        Some(t) => (Some(text(t.value())), t.type_name().map(text)),
        None => (None, None),
    }
}

fn fields(fs: &[Field<'_>]) -> Vec<(String, String)> {
    fs.iter()
        .map(|f| (f.name().to_owned(), text(f.value())))
        .collect()
}

/// The report of one recipient (RFC 3464 §2.3).
#[pyclass(frozen, module = "smtp_codes", name = "DsnRecipient")]
struct PyDsnRecipient {
    /// `Final-Recipient` address.
    #[pyo3(get)]
    final_recipient: Option<String>,
    /// Its address type (`rfc822`, `utf-8`).
    #[pyo3(get)]
    final_recipient_type: Option<String>,
    /// `Original-Recipient` address.
    #[pyo3(get)]
    original_recipient: Option<String>,
    action: Option<DsnAction>,
    /// `Action` as written.
    #[pyo3(get)]
    action_text: Option<String>,
    /// `Status` as written (`5.1.1 (bad mailbox)`).
    #[pyo3(get)]
    status: Option<String>,
    status_code: Option<EnhancedCode>,
    /// `Diagnostic-Code` text after its type (`550 5.1.1 ...`).
    #[pyo3(get)]
    diagnostic_code: Option<String>,
    /// `Diagnostic-Code` type (`smtp`, `X-Postfix`).
    #[pyo3(get)]
    diagnostic_type: Option<String>,
    /// `Remote-MTA` name.
    #[pyo3(get)]
    remote_mta: Option<String>,
    effective_status: Option<EnhancedCode>,
    reply_code: Option<ReplyCode>,
    /// `Last-Attempt-Date` as written.
    #[pyo3(get)]
    last_attempt_date: Option<String>,
    /// `Will-Retry-Until` as written.
    #[pyo3(get)]
    will_retry_until: Option<String>,
    /// Every field of the group, in order: `(name, value)`.
    #[pyo3(get)]
    fields: Vec<(String, String)>,
    /// Byte offset of the group in the delivery-status body.
    #[pyo3(get)]
    offset: usize,
    verdict: Py<PyVerdict>,
}

#[pymethods]
impl PyDsnRecipient {
    /// `Action` (a `DsnAction` member), `None` when missing or not one RFC 3464 defines.
    #[getter]
    fn action(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        match self.action {
            Some(a) => Ok(Some(members(py)?.dsn_action(py, a))),
            None => Ok(None),
        }
    }

    /// The `Status` code, when the field starts with one.
    #[getter]
    fn status_code(&self) -> Option<PyEnhancedCode> {
        self.status_code.map(PyEnhancedCode)
    }

    /// The code that counts: the `Status`, unless generic (`5.0.0`) and the
    /// smtp diagnostic has a more specific one of the same class.
    #[getter]
    fn effective_status(&self) -> Option<PyEnhancedCode> {
        self.effective_status.map(PyEnhancedCode)
    }

    /// The reply code of an smtp diagnostic.
    #[getter]
    fn reply_code(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        match self.reply_code {
            Some(c) => Ok(Some(members(py)?.reply(py, c))),
            None => Ok(None),
        }
    }

    /// The classification of this recipient's failure (or success): core's
    /// verdict on the recipient, from its Status, Diagnostic-Code, reply code
    /// and Remote-MTA host. `evidence.matched` counts bytes of the
    /// Diagnostic-Code text after its type (`diagnostic_code`).
    #[getter]
    fn verdict(&self, py: Python<'_>) -> Py<PyVerdict> {
        self.verdict.clone_ref(py)
    }

    fn __repr__(&self) -> String {
        format!(
            "<DsnRecipient {} action={} status={}>",
            self.final_recipient.as_deref().unwrap_or("?"),
            self.action_text.as_deref().unwrap_or("None"),
            self.status.as_deref().unwrap_or("None"),
        )
    }
}

fn recipient(py: Python<'_>, r: &Recipient<'_>) -> PyResult<PyDsnRecipient> {
    let (final_recipient, final_recipient_type) = typed(r.final_recipient());
    let (remote_mta, _) = typed(r.remote_mta());
    let diagnostic = r.diagnostic_code();
    // Core's span counts in the diagnostic it classified: the Diagnostic-Code
    // text after its type. Given back as byte offsets.
    let classified = diagnostic.map_or(&[][..], |d| d.text().as_bytes());
    let verdict = PyVerdict::new(r.verdict(), classified, false);
    Ok(PyDsnRecipient {
        final_recipient,
        final_recipient_type,
        original_recipient: r.original_recipient().map(|t| text(t.value())),
        action: r.action(),
        action_text: r.action_text().map(text),
        status: r.status().map(|s| text(s.text())),
        status_code: r.status().and_then(|s| s.code()),
        diagnostic_code: diagnostic.map(|d| text(d.text())),
        diagnostic_type: diagnostic.and_then(|d| d.type_name().map(text)),
        remote_mta,
        effective_status: r.effective_status(),
        reply_code: r.reply_code(),
        last_attempt_date: r.last_attempt_date().map(text),
        will_retry_until: r.will_retry_until().map(text),
        fields: fields(r.fields()),
        offset: r.offset(),
        verdict: Py::new(py, verdict)?,
    })
}

/// A parsed delivery-status report: a sequence of `DsnRecipient`, plus the
/// per-message fields and what the parser read past.
#[pyclass(frozen, sequence, module = "smtp_codes", name = "DeliveryStatus")]
struct PyDeliveryStatus {
    recipients: Vec<Py<PyDsnRecipient>>,
    /// `Reporting-MTA` name.
    #[pyo3(get)]
    reporting_mta: Option<String>,
    /// `Arrival-Date` as written.
    #[pyo3(get)]
    arrival_date: Option<String>,
    /// `Original-Envelope-Id` as written.
    #[pyo3(get)]
    original_envelope_id: Option<String>,
    /// The per-message fields, in order: `(name, value)`.
    #[pyo3(get)]
    per_message_fields: Vec<(String, String)>,
    /// Departures from RFC 3464 read past: `(kind, byte offset in the body)`.
    #[pyo3(get)]
    defects: Vec<(String, usize)>,
}

#[pymethods]
impl PyDeliveryStatus {
    /// One record per recipient, in order.
    #[getter]
    fn recipients(&self, py: Python<'_>) -> Vec<Py<PyDsnRecipient>> {
        self.recipients.iter().map(|r| r.clone_ref(py)).collect()
    }

    fn __len__(&self) -> usize {
        self.recipients.len()
    }

    fn __getitem__(&self, py: Python<'_>, i: isize) -> PyResult<Py<PyDsnRecipient>> {
        let n = self.recipients.len() as isize;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(pyo3::exceptions::PyIndexError::new_err(
                "recipient index out of range",
            ));
        }
        Ok(self.recipients[j as usize].clone_ref(py))
    }

    fn __repr__(&self) -> String {
        format!(
            "<DeliveryStatus reporting_mta={:?} recipients={}>",
            self.reporting_mta.as_deref().unwrap_or(""),
            self.recipients.len()
        )
    }
}

fn report(py: Python<'_>, dsn: &DeliveryStatus<'_>) -> PyResult<PyDeliveryStatus> {
    let pm = dsn.per_message();
    Ok(PyDeliveryStatus {
        recipients: dsn
            .recipients()
            .iter()
            .map(|r| Py::new(py, recipient(py, r)?))
            .collect::<PyResult<_>>()?,
        reporting_mta: pm.reporting_mta().map(|t| text(t.value())),
        arrival_date: pm.arrival_date().map(text),
        original_envelope_id: pm.original_envelope_id().map(text),
        per_message_fields: fields(pm.fields()),
        defects: dsn
            .defects()
            .iter()
            .map(|d| (d.kind().as_str().to_owned(), d.offset()))
            .collect(),
    })
}

fn body_error(py: Python<'_>, e: &DsnError, base: usize) -> PyErr {
    parse_error(
        py,
        e.to_string(),
        e.kind().as_str(),
        Some(base + e.offset()),
        None,
    )
}

fn message_error(py: Python<'_>, e: &MessageError) -> PyErr {
    match e {
        MessageError::Body { error, part_offset } => body_error(py, error, *part_offset),
        other => parse_error(py, other.to_string(), other.as_str(), None, None),
    }
}

/// Parses a delivery status notification: a whole bounce message (RFC 6522
/// `multipart/report`) or a bare `message/delivery-status` body.
///
/// `message=None` reads `data` as core's `DeliveryStatus::parse_any` does:
/// as a body when it is no message or no report, else as a message (a read
/// receipt is an error). `True` or `False` say which it is.
#[pyfunction]
#[pyo3(signature = (data, *, message = None))]
fn parse_dsn(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    message: Option<bool>,
) -> PyResult<PyDeliveryStatus> {
    let input = Text::from(data, "data")?;
    let bytes = input.as_bytes();
    match message {
        None => match DeliveryStatus::parse_any(bytes) {
            Ok(d) => report(py, &d),
            Err(e) => Err(message_error(py, &e)),
        },
        Some(true) => match DeliveryStatus::parse_message(bytes) {
            Ok(d) => report(py, &d),
            Err(e) => Err(message_error(py, &e)),
        },
        Some(false) => match DeliveryStatus::parse(bytes) {
            Ok(d) => report(py, &d),
            Err(e) => Err(body_error(py, &e, 0)),
        },
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDeliveryStatus>()?;
    m.add_class::<PyDsnRecipient>()?;
    m.add_function(wrap_pyfunction!(parse_dsn, m)?)?;
    Ok(())
}
