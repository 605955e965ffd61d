//! `classify`, `classify_many`, `Verdict`, `Evidence`, and the rule tables:
//! `ProviderRule`, `TextRule`, `provider_rules`, `text_rules`.

use crate::codes::{PyEnhancedCode, parse_enhanced};
use crate::input::{Text, index, type_error};
use crate::members::members;
use crate::reply::reply_code_arg;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use smtp_codes::{
    Command, EnhancedCode, ProviderRule, ReplyCode, Signals, TextRule, Verdict,
    classify as core_classify,
};
use std::hash::{DefaultHasher, Hash, Hasher};

/// What a failure means: class, reason, bounce type and what to do, with
/// the evidence that decided.
#[pyclass(frozen, module = "smtp_codes", name = "Verdict")]
pub(crate) struct PyVerdict {
    verdict: Verdict,
    /// The span of the matched phrase, as indices into the diagnostic given.
    matched: Option<(usize, usize)>,
}

/// The inputs of one classification as Python gave them. The text objects
/// are kept (a `str` as its UTF-8 `bytes`) so that [`Job`] can borrow them.
#[derive(Default)]
pub(crate) struct Input<'py> {
    diagnostic: Option<Text<'py>>,
    status: Option<EnhancedCode>,
    reply_code: Option<ReplyCode>,
    /// The UTF-8 of the `str` given.
    remote_host: Option<Bound<'py, PyBytes>>,
    command: Option<Command>,
}

/// One classification for core: borrowed from an [`Input`], no copy, and
/// `Send`, so that a batch runs without the interpreter.
struct Job<'a> {
    diagnostic: Option<&'a [u8]>,
    is_str: bool,
    status: Option<EnhancedCode>,
    reply_code: Option<ReplyCode>,
    remote_host: Option<&'a str>,
    command: Option<Command>,
}

impl Input<'_> {
    fn job(&self) -> Job<'_> {
        Job {
            diagnostic: self.diagnostic.as_ref().map(Text::as_bytes),
            is_str: self.diagnostic.as_ref().is_some_and(|t| t.is_str),
            status: self.status,
            reply_code: self.reply_code,
            // UTF-8 by construction (`str.encode`): never `None` here.
            remote_host: self
                .remote_host
                .as_ref()
                .and_then(|h| std::str::from_utf8(h.as_bytes()).ok()),
            command: self.command,
        }
    }
}

impl Job<'_> {
    fn run(&self) -> PyVerdict {
        let mut s = Signals::new();
        if let Some(d) = self.diagnostic {
            s = s.diagnostic(d);
        }
        if let Some(st) = self.status {
            s = s.status(st);
        }
        if let Some(r) = self.reply_code {
            s = s.reply_code(r);
        }
        if let Some(h) = self.remote_host {
            s = s.remote_host(h);
        }
        if let Some(c) = self.command {
            s = s.command(c);
        }
        PyVerdict::new(
            core_classify(&s),
            self.diagnostic.unwrap_or_default(),
            self.is_str,
        )
    }
}

impl PyVerdict {
    /// Core's verdict, its matched span as indices into `diagnostic` (the
    /// text classified: characters when it was a `str`, else bytes).
    pub(crate) fn new(verdict: Verdict, diagnostic: &[u8], is_str: bool) -> PyVerdict {
        let matched = verdict.evidence().matched().map(|m| {
            (
                index(diagnostic, m.start, is_str),
                index(diagnostic, m.end, is_str),
            )
        });
        PyVerdict { verdict, matched }
    }
}

static SIGNALS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn command_arg(value: &Bound<'_, PyAny>) -> PyResult<Command> {
    let s = value
        .cast::<PyString>()
        .map_err(|_| type_error(value, "command", "str or None"))?;
    let text = s.to_cow()?;
    Command::parse(&text).ok_or_else(|| {
        let names: Vec<&str> = Command::ALL.iter().map(|c| c.as_str()).collect();
        PyValueError::new_err(format!(
            "{text:?} is not an SMTP command this library knows ({})",
            names.join(", ")
        ))
    })
}

fn some<'a, 'py>(v: Option<&'a Bound<'py, PyAny>>) -> Option<&'a Bound<'py, PyAny>> {
    v.filter(|v| !v.is_none())
}

/// Builds the inputs from `classify`'s arguments.
pub(crate) fn input<'py>(
    py: Python<'py>,
    diagnostic: Option<&Bound<'py, PyAny>>,
    status: Option<&Bound<'py, PyAny>>,
    reply_code: Option<&Bound<'py, PyAny>>,
    remote_host: Option<&Bound<'py, PyAny>>,
    command: Option<&Bound<'py, PyAny>>,
) -> PyResult<Input<'py>> {
    let mut input = Input::default();
    if let Some(d) = some(diagnostic) {
        match Text::try_from(d)? {
            Some(t) => input.diagnostic = Some(t),
            None => {
                // An smtplib/aiosmtplib exception: its code, text and command.
                let f = SIGNALS.import(py, "smtp_codes._smtplib", "signals")?;
                let (code, text, cmd): (Option<i64>, Option<Bound<'_, PyAny>>, Option<String>) =
                    f.call1((d,))?.extract()?;
                if let Some(t) = text {
                    input.diagnostic = Some(Text::from(&t, "the exception's message")?);
                }
                // smtplib reports -1 for a reply it could not read: no code.
                input.reply_code = code
                    .and_then(|c| u16::try_from(c).ok())
                    .and_then(ReplyCode::from_u16);
                input.command = cmd.as_deref().and_then(Command::parse);
            }
        }
    }
    if let Some(s) = some(status) {
        input.status = Some(parse_enhanced(py, s)?);
    }
    if let Some(r) = some(reply_code) {
        input.reply_code = Some(reply_code_arg(py, r, "reply_code", "int, str or None")?);
    }
    if let Some(h) = some(remote_host) {
        let h = h
            .cast::<PyString>()
            .map_err(|_| type_error(h, "remote_host", "str or None"))?;
        input.remote_host = Some(h.encode_utf8()?);
    }
    if let Some(c) = some(command) {
        input.command = Some(command_arg(c)?);
    }
    Ok(input)
}

/// Classifies a failure from what is known of it: the diagnostic text (a
/// reply, a DSN Diagnostic-Code, a log line; or an smtplib/aiosmtplib
/// exception), the DSN status, the reply code, the remote host, the command.
#[pyfunction]
#[pyo3(signature = (diagnostic = None, *, status = None, reply_code = None, remote_host = None, command = None))]
fn classify(
    py: Python<'_>,
    diagnostic: Option<&Bound<'_, PyAny>>,
    status: Option<&Bound<'_, PyAny>>,
    reply_code: Option<&Bound<'_, PyAny>>,
    remote_host: Option<&Bound<'_, PyAny>>,
    command: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyVerdict> {
    let input = input(py, diagnostic, status, reply_code, remote_host, command)?;
    Ok(input.job().run())
}

const KEYS: [&str; 5] = [
    "diagnostic",
    "status",
    "reply_code",
    "remote_host",
    "command",
];

fn item_input<'py>(py: Python<'py>, item: &Bound<'py, PyAny>) -> PyResult<Input<'py>> {
    let Ok(d) = item.cast::<PyDict>() else {
        return input(py, Some(item), None, None, None, None);
    };
    // Looked up with interned keys (no string built per item); a key that is
    // not one of them shows as a count that differs from the dict's length.
    let keys = [
        intern!(py, "diagnostic"),
        intern!(py, "status"),
        intern!(py, "reply_code"),
        intern!(py, "remote_host"),
        intern!(py, "command"),
    ];
    let mut values: [Option<Bound<'py, PyAny>>; 5] = Default::default();
    for (value, key) in values.iter_mut().zip(keys) {
        *value = d.get_item(key)?;
    }
    if values.iter().flatten().count() != d.len() {
        for k in d.keys() {
            let known = k
                .cast::<PyString>()
                .ok()
                .and_then(|s| s.to_cow().ok().map(|s| KEYS.contains(&s.as_ref())))
                .unwrap_or(false);
            if !known {
                return Err(PyTypeError::new_err(format!(
                    "unexpected key {}; the keys are {}",
                    k.repr()?,
                    KEYS.join(", ")
                )));
            }
        }
    }
    let [diagnostic, status, reply_code, remote_host, command] = &values;
    input(
        py,
        diagnostic.as_ref(),
        status.as_ref(),
        reply_code.as_ref(),
        remote_host.as_ref(),
        command.as_ref(),
    )
}

/// `classify` over a list in one call. Each item is a diagnostic (str or
/// bytes), an exception, or a dict of `classify`'s keyword arguments.
#[pyfunction]
fn classify_many<'py>(py: Python<'py>, items: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let mut inputs = Vec::new();
    if let Ok(list) = items.cast::<PyList>() {
        inputs.reserve(list.len());
        for item in list.iter() {
            inputs.push(item_input(py, &item)?);
        }
    } else {
        for item in items.try_iter()? {
            inputs.push(item_input(py, &item?)?);
        }
    }
    let jobs: Vec<Job<'_>> = inputs.iter().map(Input::job).collect();
    let verdicts: Vec<PyVerdict> = if jobs.len() >= 64 {
        py.detach(|| run_parallel(&jobs))
    } else {
        jobs.iter().map(Job::run).collect()
    };
    PyList::new(py, verdicts)
}

/// Classifies a large batch on every core, in order, without the interpreter:
/// this thread takes the first part, one worker each of the others.
fn run_parallel(jobs: &[Job<'_>]) -> Vec<PyVerdict> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || jobs.len() < 1024 {
        return jobs.iter().map(Job::run).collect();
    }
    let chunk = jobs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let mut parts = jobs.chunks(chunk);
        let first = parts.next().unwrap_or_default();
        let workers: Vec<_> = parts
            .map(|part| scope.spawn(move || part.iter().map(Job::run).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::with_capacity(jobs.len());
        out.extend(first.iter().map(Job::run));
        for w in workers {
            // A panic in a worker goes on in this thread, where PyO3 turns it
            // into an exception.
            out.extend(w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        out
    })
}

#[pymethods]
impl PyVerdict {
    /// `Outcome`: success, transient, permanent or unknown.
    #[getter]
    fn class_(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.outcome(py, self.verdict.class()))
    }

    /// `Reason`, in Sisimai's vocabulary (`userunknown`, `mailboxfull`, ...).
    #[getter]
    fn reason(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.reason(py, self.verdict.reason()))
    }

    /// `Bounce`: hard (the address itself is bad), soft or none.
    #[getter]
    fn bounce(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.bounce(py, self.verdict.bounce()))
    }

    /// `Action`: what a sender should do.
    #[getter]
    fn action(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.action(py, self.verdict.action()))
    }

    /// `DecidedBy`: which evidence decided the reason.
    #[getter]
    fn decided_by(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.decided_by(py, self.verdict.evidence().decided_by()))
    }

    /// The evidence: codes used, the rule that decided.
    #[getter]
    fn evidence(&self) -> PyEvidence {
        PyEvidence {
            verdict: self.verdict.clone(),
            matched: self.matched,
        }
    }

    /// The verdict as the golden files write it: names and codes, JSON-ready.
    fn as_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let v = &self.verdict;
        let e = v.evidence();
        let d = PyDict::new(py);
        d.set_item("class", v.class().as_str())?;
        d.set_item("reason", v.reason().as_str())?;
        d.set_item("bounce", v.bounce().as_str())?;
        d.set_item("action", v.action().as_str())?;
        d.set_item("decided_by", e.decided_by().as_str())?;
        d.set_item("enhanced", e.enhanced().map(|c| c.to_string()))?;
        d.set_item("reply_code", e.reply_code().map(|c| c.as_u16()))?;
        Ok(d)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyVerdict>()
            .is_ok_and(|o| o.get().verdict == self.verdict)
    }

    fn __repr__(&self) -> String {
        let v = &self.verdict;
        format!(
            "<Verdict class={} reason={} bounce={} action={} decided_by={}>",
            v.class(),
            v.reason(),
            v.bounce(),
            v.action(),
            v.evidence().decided_by()
        )
    }
}

/// Why a verdict is what it is.
#[pyclass(frozen, module = "smtp_codes", name = "Evidence")]
struct PyEvidence {
    verdict: Verdict,
    matched: Option<(usize, usize)>,
}

#[pymethods]
impl PyEvidence {
    /// `DecidedBy`: which evidence decided the reason.
    #[getter]
    fn decided_by(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.decided_by(py, self.verdict.evidence().decided_by()))
    }

    /// The enhanced status code that counted, if any.
    #[getter]
    fn enhanced(&self) -> Option<PyEnhancedCode> {
        self.verdict.evidence().enhanced().map(PyEnhancedCode)
    }

    /// The reply code that counted, if any.
    #[getter]
    fn reply_code(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        match self.verdict.evidence().reply_code() {
            Some(c) => Ok(Some(members(py)?.reply(py, c))),
            None => Ok(None),
        }
    }

    /// The provider whose rule decided (`Google`, `Microsoft`, ...).
    #[getter]
    fn provider(&self) -> Option<&'static str> {
        self.verdict
            .evidence()
            .provider_rule()
            .map(|r| r.provider())
    }

    /// Where the deciding rule comes from (a provider's documentation page,
    /// the source of a text rule).
    #[getter]
    fn source(&self) -> Option<&'static str> {
        let e = self.verdict.evidence();
        e.provider_rule()
            .map(|r| r.source())
            .or_else(|| e.text_rule().map(|r| r.source()))
    }

    /// The phrase of the text rule that decided, if one did.
    #[getter]
    fn phrase(&self) -> Option<&'static str> {
        self.verdict.evidence().text_rule().map(|r| r.phrase())
    }

    /// The provider rule that decided, if one did: one of `provider_rules()`.
    #[getter]
    fn provider_rule(&self) -> Option<PyProviderRule> {
        self.verdict.evidence().provider_rule().map(PyProviderRule)
    }

    /// The text rule that decided, if one did: one of `text_rules()`.
    #[getter]
    fn text_rule(&self) -> Option<PyTextRule> {
        self.verdict.evidence().text_rule().map(PyTextRule)
    }

    /// Where that phrase is in the diagnostic: `(start, end)` indices.
    #[getter]
    fn matched(&self) -> Option<(usize, usize)> {
        self.matched
    }

    /// In words, why the rule applies.
    #[getter]
    fn why(&self) -> &'static str {
        self.verdict.evidence().why()
    }

    fn __repr__(&self) -> String {
        let e = self.verdict.evidence();
        format!(
            "<Evidence decided_by={} enhanced={} reply_code={} why={:?}>",
            e.decided_by(),
            e.enhanced().map_or("None".into(), |c| c.to_string()),
            e.reply_code().map_or("None".into(), |c| c.to_string()),
            e.why()
        )
    }
}

/// A hash of a rule that agrees with its equality.
fn hash_of(rule: &impl Hash) -> isize {
    let mut h = DefaultHasher::new();
    rule.hash(&mut h);
    // The bits of the hash as a Python hash (-1 is reserved; PyO3 maps it).
    h.finish() as isize
}

/// A provider's documented meaning of a code or text (a row of
/// `registry/provider-rules.csv`).
#[pyclass(frozen, module = "smtp_codes", name = "ProviderRule")]
struct PyProviderRule(&'static ProviderRule);

#[pymethods]
impl PyProviderRule {
    /// The provider's short id: `gmail`, `microsoft`, `yahoo` ...
    #[getter]
    fn provider(&self) -> &'static str {
        self.0.provider()
    }

    /// The public page that documents the rule.
    #[getter]
    fn source(&self) -> &'static str {
        self.0.source()
    }

    /// The domains of the remote hosts the rule applies to (a host equal to
    /// one of them or under it); empty for every host.
    #[getter]
    fn domains(&self) -> Vec<&'static str> {
        self.0.domains().to_vec()
    }

    /// The code the rule looks for, as the registry file writes it
    /// (`5.7.26`, `5.7.606-5.7.649`, `550`), or `None` for its text alone.
    #[getter]
    fn code(&self) -> Option<String> {
        self.0.code().map(|c| c.to_string())
    }

    /// The text the rule looks for in the diagnostic (may be empty).
    #[getter]
    fn text(&self) -> &'static str {
        self.0.text()
    }

    /// The `Reason` the rule gives.
    #[getter]
    fn reason(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.reason(py, self.0.reason()))
    }

    /// The `Action` the rule gives.
    #[getter]
    fn action(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.action(py, self.0.action()))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyProviderRule>()
            .is_ok_and(|o| o.get().0 == self.0)
    }

    fn __hash__(&self) -> isize {
        hash_of(self.0)
    }

    fn __repr__(&self) -> String {
        let r = self.0;
        format!(
            "<ProviderRule {} code={} text={:?} reason={} action={}>",
            r.provider(),
            r.code().map_or("None".into(), |c| c.to_string()),
            r.text(),
            r.reason(),
            r.action()
        )
    }
}

/// A phrase that tells the reason (a row of `registry/text-rules.csv`).
#[pyclass(frozen, module = "smtp_codes", name = "TextRule")]
struct PyTextRule(&'static TextRule);

#[pymethods]
impl PyTextRule {
    /// The phrase, matched case-insensitively.
    #[getter]
    fn phrase(&self) -> &'static str {
        self.0.phrase()
    }

    /// The `Reason` it tells.
    #[getter]
    fn reason(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(members(py)?.reason(py, self.0.reason()))
    }

    /// Where servers send this phrase.
    #[getter]
    fn source(&self) -> &'static str {
        self.0.source()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyTextRule>()
            .is_ok_and(|o| o.get().0 == self.0)
    }

    fn __hash__(&self) -> isize {
        hash_of(self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "<TextRule {:?} reason={}>",
            self.0.phrase(),
            self.0.reason()
        )
    }
}

/// Every provider rule `classify` applies, most specific first.
#[pyfunction]
fn provider_rules() -> Vec<PyProviderRule> {
    ProviderRule::all().iter().map(PyProviderRule).collect()
}

/// Every text rule `classify` applies, in order of precedence.
#[pyfunction]
fn text_rules() -> Vec<PyTextRule> {
    TextRule::all().iter().map(PyTextRule).collect()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyVerdict>()?;
    m.add_class::<PyEvidence>()?;
    m.add_class::<PyProviderRule>()?;
    m.add_class::<PyTextRule>()?;
    m.add_function(wrap_pyfunction!(provider_rules, m)?)?;
    m.add_function(wrap_pyfunction!(text_rules, m)?)?;
    m.add_function(wrap_pyfunction!(classify, m)?)?;
    m.add_function(wrap_pyfunction!(classify_many, m)?)?;
    Ok(())
}
