//! `smtp_codes._native`: the Python face of the `smtp-codes` crate.
//!
//! A thin layer: every answer comes from core; this crate converts Python
//! values to core's types and core's results to Python objects. The public
//! enums (`ReplyCode`, `Reason`, ...) are real Python enums built in
//! `python/smtp_codes/_enums.py` from the tables this module exports; the
//! classes here hand out their members.

#![forbid(unsafe_code)]

mod classify;
mod codes;
mod dsn;
mod ehlo;
mod errors;
mod find;
mod input;
mod members;
mod render;
mod reply;
mod reply_line;
mod tables;

use pyo3::prelude::*;

/// The native part of `smtp_codes`; import `smtp_codes` instead.
#[pymodule(gil_used = false)]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("REGISTRY_UPDATED", smtp_codes::REGISTRY_UPDATED)?;
    m.add(
        "MAIL_PARAMETERS_UPDATED",
        smtp_codes::MAIL_PARAMETERS_UPDATED,
    )?;
    tables::register(m)?;
    codes::register(m)?;
    reply::register(m)?;
    reply_line::register(m)?;
    render::register(m)?;
    classify::register(m)?;
    dsn::register(m)?;
    ehlo::register(m)?;
    find::register(m)?;
    Ok(())
}
