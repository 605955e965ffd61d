//! `smtp-codes`: explain and list SMTP reply codes and enhanced status codes.
//!
//! All knowledge comes from the `smtp-codes` crate; this binary only formats it.

use clap::{Parser, Subcommand};
use serde_json::{Value, json};
use smtp_codes::{
    AssociatedCodes, Class, EnhancedCode, EnhancedStatus, KnownReplyCode, Mode, ParseOptions,
    Replies, Reply, ReplyCode, ReplyLine, Subject,
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
