//! The registry tables and vocabularies, exported once at import for
//! `_enums.py` to build the Python enums from. Member names are core's
//! identifiers in SCREAMING_SNAKE_CASE: core has no runtime name for the
//! members of its generated registry enums (`KnownReplyCode`, `Class`,
//! `Subject`, `EnhancedStatus`, `EhloKeyword`, `ServerLimit`), so their
//! `Debug` identifier is converted here (`screaming`), by codegen's rule.

use crate::errors::screaming;
use crate::members::members;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use smtp_codes::dsn::Action as DsnAction;
use smtp_codes::{
    Action, Bounce, Class, Command, DecidedBy, Defect, EhloKeyword, EnhancedStatus, KnownReplyCode,
    Outcome, Reason, ReplyCategory, ReplyClass, ReplyCode, ServerLimit, Subject,
};

type Meaning = (&'static str, &'static str, &'static str, Vec<String>);

/// `(name, code, meanings, (is_positive_completion, is_positive_intermediate,
/// is_transient_negative, is_permanent_negative))` for every code of the
/// reply-code table; a meaning is `(text, meaning, context, references)`.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn _reply_codes() -> Vec<(String, u16, Vec<Meaning>, (bool, bool, bool, bool))> {
    KnownReplyCode::ALL
        .iter()
        .map(|&k| {
            let code = k.code();
            let meanings = k
                .meanings()
                .iter()
                .map(|m| {
                    let refs = m.references.iter().map(|r| r.to_string()).collect();
                    (m.text, m.meaning, m.context, refs)
                })
                .collect();
            (
                screaming(&format!("{k:?}")),
                code.as_u16(),
                meanings,
                (
                    code.is_positive_completion(),
                    code.is_positive_intermediate(),
                    code.is_transient_negative(),
                    code.is_permanent_negative(),
                ),
            )
        })
        .collect()
}

type SubCode = (
    String,
    u16,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// `(name, number, code, summary, description, reference, submitter,
/// change_controller)` for every registered class.
#[pyfunction]
fn _classes() -> Vec<SubCode> {
    Class::ALL
        .iter()
        .map(|&c| {
            (
                screaming(&format!("{c:?}")),
                u16::from(c.digit()),
                c.code(),
                c.summary(),
                c.description(),
                c.reference(),
                c.submitter(),
                c.change_controller(),
            )
        })
        .collect()
}

/// The same for every registered subject.
#[pyfunction]
fn _subjects() -> Vec<SubCode> {
    Subject::ALL
        .iter()
        .map(|&s| {
            (
                screaming(&format!("{s:?}")),
                s.number(),
                s.code(),
                s.summary(),
                s.description(),
                s.reference(),
                s.submitter(),
                s.change_controller(),
            )
        })
        .collect()
}

/// Every registered enhanced status: a dict of its registry fields.
#[pyfunction]
fn _statuses(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    EnhancedStatus::ALL
        .iter()
        .map(|&s| {
            let d = PyDict::new(py);
            let a = s.associated_codes();
            d.set_item("name", screaming(&format!("{s:?}")))?;
            d.set_item("code", s.code())?;
            d.set_item("subject", s.subject())?;
            d.set_item("detail", s.detail())?;
            d.set_item("sample_text", s.sample_text())?;
            d.set_item("description", s.description())?;
            d.set_item("reference", s.reference())?;
            d.set_item("submitter", s.submitter())?;
            d.set_item("change_controller", s.change_controller())?;
            d.set_item("associated_text", a.raw())?;
            d.set_item("associated_kind", a.kind().as_str())?;
            let codes: Vec<u16> = a.codes().iter().map(|c| c.as_u16()).collect();
            d.set_item("associated_codes", codes)?;
            let classes: Vec<u8> = a.classes().iter().map(|&c| c as u8).collect();
            d.set_item("associated_classes", classes)?;
            Ok(d)
        })
        .collect()
}

/// Every registered EHLO keyword: a dict of its registry fields.
#[pyfunction]
fn _ehlo_keywords(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    EhloKeyword::ALL
        .iter()
        .map(|&k| {
            let d = PyDict::new(py);
            d.set_item("name", screaming(&format!("{k:?}")))?;
            d.set_item("keyword", k.as_str())?;
            d.set_item("description", k.description())?;
            d.set_item("reference", k.reference())?;
            d.set_item("note", k.note())?;
            d.set_item("is_deprecated", k.is_deprecated())?;
            d.set_item("deprecation_marks", k.deprecation_marks().to_vec())?;
            d.set_item("parameters", k.parameters())?;
            Ok(d)
        })
        .collect()
}

/// Every registered server limit (RFC 9422): a dict of its registry fields.
#[pyfunction]
fn _server_limits(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    ServerLimit::ALL
        .iter()
        .map(|&l| {
            let d = PyDict::new(py);
            d.set_item("name", screaming(&format!("{l:?}")))?;
            d.set_item("keyword", l.as_str())?;
            d.set_item("syntax", l.syntax())?;
            d.set_item("description", l.description())?;
            d.set_item("restrictions", l.restrictions())?;
            d.set_item("security_considerations", l.security_considerations())?;
            d.set_item("reference", l.reference())?;
            Ok(d)
        })
        .collect()
}

/// The stable names of core's vocabularies: `{"reason": [...], ...}`.
#[pyfunction]
fn _vocabularies(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    fn names<T: Copy>(all: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|&x| f(x)).collect()
    }
    let d = PyDict::new(py);
    d.set_item("outcome", names(Outcome::ALL, Outcome::as_str))?;
    d.set_item("reason", names(Reason::ALL, Reason::as_str))?;
    d.set_item("bounce", names(Bounce::ALL, Bounce::as_str))?;
    d.set_item("action", names(Action::ALL, Action::as_str))?;
    d.set_item("decided_by", names(DecidedBy::ALL, DecidedBy::as_str))?;
    d.set_item("command", names(Command::ALL, Command::as_str))?;
    d.set_item("dsn_action", names(&DsnAction::ALL, DsnAction::as_str))?;
    d.set_item("reply_defect", names(&Defect::ALL, Defect::as_str))?;
    Ok(d)
}

/// Whether the registration of `X.subject.detail` allows this reply code.
#[pyfunction]
fn _status_allows(subject: u16, detail: u16, code: u16) -> bool {
    match (
        EnhancedStatus::from_parts(subject, detail),
        ReplyCode::from_u16(code),
    ) {
        (Some(s), Some(c)) => s.associated_codes().allows(c),
        _ => false,
    }
}

/// The registered statuses whose registration names this reply code.
#[pyfunction]
fn associated_statuses(py: Python<'_>, code: u16) -> PyResult<Vec<Py<PyAny>>> {
    let Some(code) = ReplyCode::from_u16(code) else {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "{code} is not a reply code (RFC 5321 §4.2: first digit 2-5, second 0-5)"
        )));
    };
    let m = members(py)?;
    Ok(code
        .associated_statuses()
        .map(|s| m.status(py, s))
        .collect())
}

/// The command named by `text` (`RCPT`, `rcpt to:<x>`, `end of data`), as
/// core reads it; `None` when it names none.
#[pyfunction]
fn _parse_command(py: Python<'_>, text: &str) -> PyResult<Option<Py<PyAny>>> {
    match Command::parse(text) {
        Some(c) => Ok(Some(members(py)?.command(py, c))),
        None => Ok(None),
    }
}

/// `(name, digit, RFC 5321 §4.2.1 name)` of every reply class (first digit).
#[pyfunction]
fn _reply_classes() -> Vec<(String, u8, &'static str)> {
    ReplyClass::ALL
        .iter()
        .map(|&c| (screaming(&format!("{c:?}")), c as u8, c.name()))
        .collect()
}

/// `(name, digit, RFC 5321 §4.2.1 name)` of every reply category (second digit).
#[pyfunction]
fn _reply_categories() -> Vec<(String, u8, &'static str)> {
    ReplyCategory::ALL
        .iter()
        .map(|&c| (screaming(&format!("{c:?}")), c as u8, c.name()))
        .collect()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_reply_classes, m)?)?;
    m.add_function(wrap_pyfunction!(_reply_categories, m)?)?;
    m.add_function(wrap_pyfunction!(_reply_codes, m)?)?;
    m.add_function(wrap_pyfunction!(_classes, m)?)?;
    m.add_function(wrap_pyfunction!(_subjects, m)?)?;
    m.add_function(wrap_pyfunction!(_statuses, m)?)?;
    m.add_function(wrap_pyfunction!(_ehlo_keywords, m)?)?;
    m.add_function(wrap_pyfunction!(_server_limits, m)?)?;
    m.add_function(wrap_pyfunction!(_vocabularies, m)?)?;
    m.add_function(wrap_pyfunction!(_status_allows, m)?)?;
    m.add_function(wrap_pyfunction!(associated_statuses, m)?)?;
    m.add_function(wrap_pyfunction!(_parse_command, m)?)?;
    Ok(())
}
