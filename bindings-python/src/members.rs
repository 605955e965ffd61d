//! The members of the Python enums (built in `_enums.py` from `tables.rs`),
//! looked up once and handed out by the classes of this module.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use smtp_codes::dsn::Action as DsnAction;
use smtp_codes::{
    Action, Bounce, Class, Command, DecidedBy, EhloKeyword, EnhancedStatus, KnownReplyCode,
    Outcome, Reason, ReplyCategory, ReplyClass, ReplyCode, Subject,
};
use std::collections::HashMap;
use std::hash::Hash;

pub(crate) struct Members {
    reply: Vec<Option<Py<PyAny>>>,
    reply_class: HashMap<ReplyClass, Py<PyAny>>,
    reply_category: HashMap<ReplyCategory, Py<PyAny>>,
    class: HashMap<Class, Py<PyAny>>,
    subject: HashMap<u16, Py<PyAny>>,
    status: HashMap<EnhancedStatus, Py<PyAny>>,
    outcome: HashMap<Outcome, Py<PyAny>>,
    reason: HashMap<Reason, Py<PyAny>>,
    bounce: HashMap<Bounce, Py<PyAny>>,
    action: HashMap<Action, Py<PyAny>>,
    decided_by: HashMap<DecidedBy, Py<PyAny>>,
    command: HashMap<Command, Py<PyAny>>,
    dsn_action: HashMap<DsnAction, Py<PyAny>>,
    keyword: HashMap<EhloKeyword, Py<PyAny>>,
}

static MEMBERS: PyOnceLock<Members> = PyOnceLock::new();

/// `{k: Enum(value(k)) for k in all}`.
fn table<'py, K, V>(
    enums: &Bound<'py, PyModule>,
    name: &str,
    all: &[K],
    value: impl Fn(K) -> V,
) -> PyResult<HashMap<K, Py<PyAny>>>
where
    K: Copy + Eq + Hash,
    V: IntoPyObject<'py>,
{
    let cls = enums.getattr(name)?;
    all.iter()
        .map(|&k| Ok((k, cls.call1((value(k),))?.unbind())))
        .collect()
}

pub(crate) fn members(py: Python<'_>) -> PyResult<&Members> {
    MEMBERS.get_or_try_init(py, || {
        let enums = py.import("smtp_codes._enums")?;
        let mut reply = Vec::new();
        reply.resize_with(1000, || None);
        let reply_enum = enums.getattr("ReplyCode")?;
        for k in KnownReplyCode::ALL {
            let code = k.code().as_u16();
            reply[usize::from(code)] = Some(reply_enum.call1((code,))?.unbind());
        }
        let subject = table(&enums, "Subject", &Subject::ALL, Subject::number)?
            .into_iter()
            .map(|(k, v)| (k.number(), v))
            .collect();
        Ok(Members {
            reply,
            reply_class: table(&enums, "ReplyClass", &ReplyClass::ALL, |c| c as u8)?,
            reply_category: table(&enums, "ReplyCategory", &ReplyCategory::ALL, |c| c as u8)?,
            class: table(&enums, "Class", &Class::ALL, Class::digit)?,
            subject,
            status: table(&enums, "EnhancedStatus", &EnhancedStatus::ALL, |s| s.code())?,
            outcome: table(&enums, "Outcome", Outcome::ALL, Outcome::as_str)?,
            reason: table(&enums, "Reason", Reason::ALL, Reason::as_str)?,
            bounce: table(&enums, "Bounce", Bounce::ALL, Bounce::as_str)?,
            action: table(&enums, "Action", Action::ALL, Action::as_str)?,
            decided_by: table(&enums, "DecidedBy", DecidedBy::ALL, DecidedBy::as_str)?,
            command: table(&enums, "Command", Command::ALL, Command::as_str)?,
            dsn_action: table(&enums, "DsnAction", &DsnAction::ALL, DsnAction::as_str)?,
            keyword: table(
                &enums,
                "EhloKeyword",
                &EhloKeyword::ALL,
                EhloKeyword::as_str,
            )?,
        })
    })
}

fn get<K: Eq + Hash + std::fmt::Debug>(
    py: Python<'_>,
    map: &HashMap<K, Py<PyAny>>,
    k: K,
) -> Py<PyAny> {
    match map.get(&k) {
        Some(v) => v.clone_ref(py),
        // A variant added to core after this binding was built: its name.
        None => format!("{k:?}")
            .into_pyobject(py)
            .map(|s| s.into_any().unbind())
            .unwrap_or_else(|_| py.None()),
    }
}

impl Members {
    /// The `ReplyCode` member, or the plain `int` for a code no RFC defines.
    pub(crate) fn reply(&self, py: Python<'_>, code: ReplyCode) -> Py<PyAny> {
        match self.reply.get(usize::from(code.as_u16())) {
            Some(Some(m)) => m.clone_ref(py),
            _ => code
                .as_u16()
                .into_pyobject(py)
                .map(|i| i.into_any().unbind())
                .unwrap_or_else(|_| py.None()),
        }
    }

    pub(crate) fn reply_class(&self, py: Python<'_>, c: ReplyClass) -> Py<PyAny> {
        get(py, &self.reply_class, c)
    }

    pub(crate) fn reply_category(&self, py: Python<'_>, c: ReplyCategory) -> Py<PyAny> {
        get(py, &self.reply_category, c)
    }

    pub(crate) fn class(&self, py: Python<'_>, c: Class) -> Py<PyAny> {
        get(py, &self.class, c)
    }

    /// The `Subject` member, or the plain `int` for an unregistered subject.
    pub(crate) fn subject(&self, py: Python<'_>, n: u16) -> Py<PyAny> {
        match self.subject.get(&n) {
            Some(m) => m.clone_ref(py),
            None => n
                .into_pyobject(py)
                .map(|i| i.into_any().unbind())
                .unwrap_or_else(|_| py.None()),
        }
    }

    pub(crate) fn status(&self, py: Python<'_>, s: EnhancedStatus) -> Py<PyAny> {
        get(py, &self.status, s)
    }

    pub(crate) fn outcome(&self, py: Python<'_>, v: Outcome) -> Py<PyAny> {
        get(py, &self.outcome, v)
    }

    pub(crate) fn reason(&self, py: Python<'_>, v: Reason) -> Py<PyAny> {
        get(py, &self.reason, v)
    }

    pub(crate) fn bounce(&self, py: Python<'_>, v: Bounce) -> Py<PyAny> {
        get(py, &self.bounce, v)
    }

    pub(crate) fn action(&self, py: Python<'_>, v: Action) -> Py<PyAny> {
        get(py, &self.action, v)
    }

    pub(crate) fn decided_by(&self, py: Python<'_>, v: DecidedBy) -> Py<PyAny> {
        get(py, &self.decided_by, v)
    }

    pub(crate) fn command(&self, py: Python<'_>, v: Command) -> Py<PyAny> {
        get(py, &self.command, v)
    }

    pub(crate) fn dsn_action(&self, py: Python<'_>, v: DsnAction) -> Py<PyAny> {
        get(py, &self.dsn_action, v)
    }

    pub(crate) fn keyword(&self, py: Python<'_>, v: EhloKeyword) -> Py<PyAny> {
        get(py, &self.keyword, v)
    }
}
