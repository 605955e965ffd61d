//! `smtp-codes`: explain and list SMTP reply codes and enhanced status codes.
//!
//! All knowledge comes from the `smtp-codes` crate; this binary only formats it.

use clap::{Parser, Subcommand};
use serde_json::{Value, json};
use smtp_codes::{
    AssociatedCodes, Class, Command as SmtpCommand, EnhancedCode, EnhancedStatus, KnownReplyCode,
    Mode, ParseOptions, Replies, Reply, ReplyCode, ReplyLine, Signals, Subject, Verdict, classify,
};
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "smtp-codes",
    version,
    about = "Explain SMTP reply codes (RFC 5321) and enhanced status codes (RFC 3463, IANA registry)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum InputFormat {
    Text,
    Jsonl,
}

#[derive(Subcommand)]
enum Command {
    /// Explain a reply code (550), an enhanced code (5.1.1, 5.7.606) or a reply line
    /// ("550 5.1.1 User unknown").
    Explain {
        /// The code or reply line.
        input: String,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Read server replies (a session transcript, a log excerpt) from FILE or
    /// stdin and print each complete reply; lines that are not part of a
    /// reply (client commands) are skipped.
    Parse {
        /// The file to read; stdin when absent or `-`.
        file: Option<std::path::PathBuf>,
        /// Print one JSON object per reply instead of text.
        #[arg(long)]
        json: bool,
        /// Treat lines whose code differs from the first line's as errors
        /// instead of reporting a defect.
        #[arg(long)]
        strict: bool,
    },
    /// Read a bounce message (RFC 6522 multipart/report) or a bare
    /// message/delivery-status body from FILE or stdin and print each
    /// recipient with its status and the verdict on it.
    Dsn {
        /// The file to read; stdin when absent or `-`.
        file: Option<std::path::PathBuf>,
        /// Print one JSON object per recipient instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Classify failures: each input line is a reply, a diagnostic string or a
    /// mail log line (Postfix, Exim); prints class, reason, bounce and action.
    Classify {
        /// The file to read; stdin when absent or `-`.
        file: Option<std::path::PathBuf>,
        /// Print one JSON object per line instead of text.
        #[arg(long)]
        json: bool,
        /// How to read the input: `text` (one diagnostic per line) or `jsonl`
        /// (one JSON object per line with any of `diagnostic`, `status`,
        /// `reply_code`, `remote_host`, `command`).
        #[arg(long, value_enum, default_value_t = InputFormat::Text)]
        input: InputFormat,
        /// End with a table of counts per reason and per action.
        #[arg(long)]
        summary: bool,
    },
    /// List every registered class, subject, enhanced status and reply code.
    List {
        /// Print one JSON object per line instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Explain { input, json } => explain(&input, json),
        Command::Parse { file, json, strict } => parse(file.as_deref(), json, strict),
        Command::Dsn { file, json } => dsn(file.as_deref(), json),
        Command::Classify {
            file,
            json,
            input,
            summary,
        } => classify_lines(file.as_deref(), json, input, summary),
        Command::List { json } => list(json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            eprintln!("smtp-codes: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(e)) => {
            eprintln!("smtp-codes: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    Input(String),
    Output(std::io::Error),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Output(e)
    }
}

/// What the user asked about.
enum Input<'a> {
    Reply(ReplyCode),
    Enhanced(EnhancedCode),
    Line(ReplyLine<'a>),
}

fn classify_input(input: &str) -> Result<Input<'_>, Failure> {
    let trimmed = input.trim();
    let bytes = trimmed.as_bytes();
    if bytes.len() == 3 && bytes.iter().all(u8::is_ascii_digit) {
        return ReplyCode::parse(bytes)
            .map(Input::Reply)
            .map_err(|e| Failure::Input(format!("{trimmed:?}: {e}")));
    }
    if bytes.len() > 1 && bytes[1] == b'.' {
        return EnhancedCode::parse(bytes.strip_prefix(b"#").unwrap_or(bytes))
            .map(Input::Enhanced)
            .map_err(|e| Failure::Input(format!("{trimmed:?}: {e}")));
    }
    if bytes.first() == Some(&b'#') {
        return EnhancedCode::parse(&bytes[1..])
            .map(Input::Enhanced)
            .map_err(|e| Failure::Input(format!("{trimmed:?}: {e}")));
    }
    ReplyLine::parse(bytes).map(Input::Line).map_err(|e| {
        Failure::Input(format!(
            "{trimmed:?} is not a reply code, an enhanced status code or a reply line: {e}"
        ))
    })
}

fn explain(input: &str, as_json: bool) -> Result<(), Failure> {
    let parsed = classify_input(input)?;
    let mut out = std::io::stdout().lock();
    if as_json {
        let value = match &parsed {
            Input::Reply(code) => reply_json(*code),
            Input::Enhanced(code) => enhanced_json(*code),
            Input::Line(line) => json!({
                "type": "reply_line",
                "reply": reply_json(line.code()),
                "enhanced": line.enhanced().map(enhanced_json),
                "mismatched_enhanced": line.mismatched_enhanced().map(|e| e.to_string()),
                "last": line.is_last(),
                "text": String::from_utf8_lossy(line.text()),
            }),
        };
        writeln!(out, "{value}")?;
        return Ok(());
    }
    match parsed {
        Input::Reply(code) => write_reply(&mut out, code)?,
        Input::Enhanced(code) => write_enhanced(&mut out, code)?,
        Input::Line(line) => {
            write_reply(&mut out, line.code())?;
            if let Some(e) = line.enhanced() {
                writeln!(out)?;
                write_enhanced(&mut out, e)?;
            }
            if let Some(e) = line.mismatched_enhanced() {
                writeln!(
                    out,
                    "\nnote: {e} looks like an enhanced status code, but its class contradicts \
                     reply code {}; it was left in the text",
                    line.code()
                )?;
            }
            writeln!(
                out,
                "\nserver text: {}",
                String::from_utf8_lossy(line.text())
            )?;
        }
    }
    Ok(())
}

fn rfc_sections(m: &smtp_codes::ReplyMeaning) -> Vec<String> {
    m.references.iter().map(ToString::to_string).collect()
}

fn reply_json(code: ReplyCode) -> Value {
    let known = code.known();
    json!({
        "type": "reply",
        "code": code.as_str(),
        "known": known.is_some(),
        "text": code.canonical_text(),
        "class": { "digit": code.class() as u8, "name": code.class().name() },
        "category": { "digit": code.category() as u8, "name": code.category().name() },
        "meanings": known.map(|k| k.meanings().iter().map(|m| json!({
            "text": m.text,
            "meaning": m.meaning,
            "context": m.context,
            "references": rfc_sections(m),
        })).collect::<Vec<_>>()).unwrap_or_default(),
        "associated_statuses": code.associated_statuses().map(|s| s.code()).collect::<Vec<_>>(),
    })
}

fn associated_json(a: &AssociatedCodes) -> Value {
    json!({
        "raw": a.raw(),
        "kind": format!("{:?}", a.kind()).to_lowercase(),
        "codes": a.codes().iter().map(|c| c.as_u16()).collect::<Vec<_>>(),
        "classes": a.classes().iter().map(|c| *c as u8).collect::<Vec<_>>(),
    })
}

fn class_json(c: Class) -> Value {
    json!({
        "type": "class",
        "code": c.code(),
        "number": c.digit(),
        "text": c.summary(),
        "description": c.description(),
        "reference": c.reference(),
        "submitter": c.submitter(),
        "change_controller": c.change_controller(),
    })
}

fn subject_json(s: Subject) -> Value {
    json!({
        "type": "subject",
        "code": s.code(),
        "number": s.number(),
        "text": s.summary(),
        "description": s.description(),
        "reference": s.reference(),
        "submitter": s.submitter(),
        "change_controller": s.change_controller(),
    })
}

fn status_json(s: EnhancedStatus) -> Value {
    json!({
        "type": "enhanced",
        "code": s.code(),
        "subject": s.subject(),
        "detail": s.detail(),
        "text": s.sample_text(),
        "associated_codes": associated_json(s.associated_codes()),
        "description": s.description(),
        "reference": s.reference(),
        "submitter": s.submitter(),
        "change_controller": s.change_controller(),
    })
}

fn enhanced_json(code: EnhancedCode) -> Value {
    json!({
        "type": "enhanced",
        "code": code.to_string(),
        "registered": code.known().is_some(),
        "class": class_json(code.class()),
        "subject": code.known_subject().map(subject_json),
        "subject_number": code.subject(),
        "detail": code.detail(),
        "status": code.known().map(status_json),
    })
}

fn first_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write_reply(out: &mut impl Write, code: ReplyCode) -> std::io::Result<()> {
    match code.known() {
        Some(k) => writeln!(out, "{} {}", code, k.text())?,
        None => writeln!(
            out,
            "{code} (not defined by any RFC in the reply-code table)"
        )?,
    }
    writeln!(
        out,
        "  class:    {}yz {}",
        code.class() as u8,
        code.class().name()
    )?;
    writeln!(
        out,
        "  category: x{}z {}",
        code.category() as u8,
        code.category().name()
    )?;
    if let Some(k) = code.known() {
        for m in k.meanings() {
            writeln!(
                out,
                "  [{}] {}: {} ({})",
                m.context,
                m.text,
                m.meaning,
                rfc_sections(m).join("; ")
            )?;
        }
    }
    let assoc: Vec<&str> = code.associated_statuses().map(|s| s.code()).collect();
    if !assoc.is_empty() {
        writeln!(
            out,
            "  IANA lists it with enhanced statuses: {}",
            assoc.join(", ")
        )?;
    }
    Ok(())
}

fn write_enhanced(out: &mut impl Write, code: EnhancedCode) -> std::io::Result<()> {
    let class = code.class();
    match code.known() {
        Some(s) => writeln!(out, "{code} {}", first_line(s.sample_text()))?,
        None => writeln!(out, "{code} (not registered by IANA)")?,
    }
    writeln!(
        out,
        "  class {}:   {}: {}",
        class.digit(),
        class.summary(),
        first_line(class.description())
    )?;
    match code.known_subject() {
        Some(s) => writeln!(
            out,
            "  subject {}: {}: {}",
            s.number(),
            s.summary(),
            first_line(s.description())
        )?,
        None => writeln!(out, "  subject {}: not registered", code.subject())?,
    }
    if let Some(s) = code.known() {
        writeln!(out, "  {}: {}", s.code(), first_line(s.description()))?;
        let a = s.associated_codes();
        if !a.raw().is_empty() {
            writeln!(out, "  associated reply codes: {}", first_line(a.raw()))?;
        }
        writeln!(out, "  reference: {}", s.reference())?;
    } else {
        writeln!(
            out,
            "  detail {} is not registered: the class and subject above are what the code tells",
            code.detail()
        )?;
    }
    Ok(())
}

fn read_input(file: Option<&std::path::Path>) -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    match file {
        Some(path) if path != std::path::Path::new("-") => std::fs::read(path)
            .map_err(|e| Failure::Input(format!("cannot read {}: {e}", path.display()))),
        _ => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Failure::Input(format!("cannot read stdin: {e}")))?;
            Ok(buf)
        }
    }
}

fn reply_record(reply: &Reply<'_>, offset: usize) -> Value {
    json!({
        "type": "reply",
        "code": reply.code().as_str(),
        "enhanced": reply.enhanced().map(|e| e.to_string()),
        "lines": reply.lines().map(|l| String::from_utf8_lossy(l.text()).into_owned()).collect::<Vec<_>>(),
        "text": reply.text().separator(" ").to_string(),
        "defects": reply.defects().iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        "offset": offset,
    })
}

fn parse(file: Option<&std::path::Path>, as_json: bool, strict: bool) -> Result<(), Failure> {
    let input = read_input(file)?;
    let mode = if strict { Mode::Strict } else { Mode::Lenient };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut replies = Replies::new(&input, ParseOptions::new().mode(mode));
    let mut found = 0usize;
    loop {
        let offset = replies.offset();
        let Some(next) = replies.next() else { break };
        let Ok(reply) = next else { continue };
        found += 1;
        if as_json {
            writeln!(out, "{}", reply_record(&reply, offset))?;
        } else {
            let enhanced = reply
                .enhanced()
                .map(|e| format!(" {e}"))
                .unwrap_or_default();
            write!(
                out,
                "{}{enhanced} {}",
                reply.code(),
                reply.text().separator(" ")
            )?;
            let defects: Vec<&str> = reply.defects().iter().map(|d| d.as_str()).collect();
            if !defects.is_empty() {
                write!(out, "  [{}]", defects.join(", "))?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    if found == 0 && !input.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::Input("no SMTP reply found in the input".into()));
    }
    Ok(())
}

fn verdict_json(v: &Verdict) -> Value {
    let e = v.evidence();
    json!({
        "class": v.class().as_str(),
        "reason": v.reason().as_str(),
        "bounce": v.bounce().as_str(),
        "action": v.action().as_str(),
        "decided_by": e.decided_by().as_str(),
        "enhanced": e.enhanced().map(|c| c.to_string()),
        "reply_code": e.reply_code().map(|c| c.as_str()),
        "why": e.why(),
        "provider": e.provider_rule().map(|r| r.provider()),
        "source": e.provider_rule().map(|r| r.source()).or(e.text_rule().map(|r| r.source())),
    })
}

fn dsn(file: Option<&std::path::Path>, as_json: bool) -> Result<(), Failure> {
    let input = read_input(file)?;
    let report = smtp_codes::dsn::DeliveryStatus::parse_any(&input)
        .map_err(|e| Failure::Input(e.to_string()))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let lossy = |v: &smtp_codes::dsn::FieldValue<'_>| v.to_string_lossy().into_owned();
    for r in report.recipients() {
        let verdict = r.verdict();
        let final_recipient = r.final_recipient().map(|t| lossy(t.value()));
        let status = r.status().map(|s| lossy(s.text()));
        let diagnostic = r.diagnostic_code().map(|d| lossy(d.text()));
        let remote_mta = r.remote_mta().map(|t| lossy(t.value()));
        let action = r.action_text().map(lossy);
        let effective = r.effective_status().map(|c| c.to_string());
        if as_json {
            let mut v = json!({
                "final_recipient": final_recipient,
                "original_recipient": r.original_recipient().map(|t| lossy(t.value())),
                "action": action,
                "status": status,
                "diagnostic_code": diagnostic,
                "diagnostic_type": r.diagnostic_code().and_then(|d| d.type_name()).map(lossy),
                "remote_mta": remote_mta,
                "effective_status": effective,
                "reply_code": r.reply_code().map(|c| c.as_str()),
                "verdict": verdict_json(&verdict),
            });
            v["last_attempt_date"] = json!(r.last_attempt_date().map(lossy));
            writeln!(out, "{v}")?;
        } else {
            writeln!(
                out,
                "{}: {} {} (status {}) -> {} {} {}, {}",
                final_recipient.as_deref().unwrap_or("(no Final-Recipient)"),
                action.as_deref().unwrap_or("(no Action)"),
                effective.as_deref().unwrap_or("-"),
                status.as_deref().unwrap_or("-"),
                verdict.class(),
                verdict.reason(),
                verdict.bounce(),
                verdict.action()
            )?;
            if let Some(d) = &diagnostic {
                writeln!(out, "  {}", first_line(d))?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// One input of `classify --input jsonl`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonInput {
    diagnostic: Option<String>,
    status: Option<String>,
    reply_code: Option<u16>,
    remote_host: Option<String>,
    command: Option<String>,
}

fn classify_lines(
    file: Option<&std::path::Path>,
    as_json: bool,
    format: InputFormat,
    summary: bool,
) -> Result<(), Failure> {
    use std::collections::BTreeMap;
    use std::io::IsTerminal;
    let input = read_input(file)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let progress = std::io::stderr().is_terminal() && input.len() > 8 << 20;
    let mut reasons: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut actions: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut count = 0usize;
    for (n, raw) in input.split(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed;
        let verdict = match format {
            InputFormat::Text => classify(&Signals::new().diagnostic(raw)),
            InputFormat::Jsonl => {
                parsed = serde_json::from_slice::<JsonInput>(raw).map_err(|e| {
                    Failure::Input(format!("line {}: not a JSON input object: {e}", n + 1))
                })?;
                let mut s = Signals::new();
                if let Some(d) = &parsed.diagnostic {
                    s = s.diagnostic(d.as_bytes());
                }
                if let Some(st) = &parsed.status {
                    let word = st.split_whitespace().next().unwrap_or("");
                    let code = word.parse::<EnhancedCode>().map_err(|e| {
                        Failure::Input(format!("line {}: status {st:?}: {e}", n + 1))
                    })?;
                    s = s.status(code);
                }
                if let Some(r) = parsed.reply_code {
                    let code = ReplyCode::try_from(r)
                        .map_err(|e| Failure::Input(format!("line {}: {e}", n + 1)))?;
                    s = s.reply_code(code);
                }
                if let Some(h) = &parsed.remote_host {
                    s = s.remote_host(h);
                }
                if let Some(c) = &parsed.command {
                    let cmd = SmtpCommand::parse(c).ok_or_else(|| {
                        Failure::Input(format!("line {}: unknown command {c:?}", n + 1))
                    })?;
                    s = s.command(cmd);
                }
                classify(&s)
            }
        };
        count += 1;
        *reasons.entry(verdict.reason().as_str()).or_default() += 1;
        *actions.entry(verdict.action().as_str()).or_default() += 1;
        if as_json {
            let mut v = verdict_json(&verdict);
            v["type"] = json!("verdict");
            v["line"] = json!(n + 1);
            writeln!(out, "{v}")?;
        } else {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                verdict.class(),
                verdict.reason(),
                verdict.bounce(),
                verdict.action(),
                String::from_utf8_lossy(raw)
            )?;
        }
        if progress && count.is_multiple_of(100_000) {
            eprint!("\rsmtp-codes: {count} lines classified");
        }
    }
    if progress {
        eprintln!("\rsmtp-codes: {count} lines classified");
    }
    if summary {
        if as_json {
            writeln!(
                out,
                "{}",
                json!({"type": "summary", "lines": count, "reasons": reasons, "actions": actions})
            )?;
        } else {
            writeln!(out, "\n{count} lines")?;
            writeln!(out, "{:<22} {:>8}", "reason", "count")?;
            for (k, v) in &reasons {
                writeln!(out, "{k:<22} {v:>8}")?;
            }
            writeln!(out, "\n{:<22} {:>8}", "action", "count")?;
            for (k, v) in &actions {
                writeln!(out, "{k:<22} {v:>8}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn list(as_json: bool) -> Result<(), Failure> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if as_json {
        for c in Class::ALL {
            writeln!(out, "{}", class_json(c))?;
        }
        for s in Subject::ALL {
            writeln!(out, "{}", subject_json(s))?;
        }
        for s in EnhancedStatus::ALL {
            writeln!(out, "{}", status_json(s))?;
        }
        for k in KnownReplyCode::ALL {
            let mut v = reply_json(k.code());
            v["type"] = json!("reply");
            writeln!(out, "{v}")?;
        }
    } else {
        writeln!(
            out,
            "Enhanced status codes (IANA registry updated {}):",
            smtp_codes::REGISTRY_UPDATED
        )?;
        for c in Class::ALL {
            writeln!(out, "  {:<10} {}", c.code(), c.summary())?;
        }
        for s in Subject::ALL {
            writeln!(out, "  {:<10} {}", s.code(), s.summary())?;
        }
        for s in EnhancedStatus::ALL {
            let text = first_line(s.sample_text());
            let text = if text.is_empty() {
                first_line(s.description())
            } else {
                text
            };
            writeln!(out, "  {:<10} {}", s.code(), text)?;
        }
        writeln!(out, "Reply codes (RFC 5321 and extensions):")?;
        for k in KnownReplyCode::ALL {
            writeln!(out, "  {:<10} {}", k.code(), k.text())?;
        }
    }
    out.flush()?;
    Ok(())
}
