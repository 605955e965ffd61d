//! `iana-csv XML DIR`: writes IANA's CSV export of every known sub-registry of
//! the registry file XML into DIR (`DIR/<sub-registry id>.csv`), and the
//! registry's `<updated>` date into `DIR/<registry id>-updated.txt`.
//!
//! Updating the project's registry is one command per IANA file:
//!
//! ```text
//! cargo run -p iana-csv -- path/to/smtp-enhanced-status-codes.xml registry/
//! cargo run -p iana-csv -- path/to/mail-parameters.xml registry/
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [xml, dir] = args.as_slice() else {
        eprintln!("usage: iana-csv REGISTRY.xml OUTPUT_DIR");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(xml) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("iana-csv: cannot read {xml}: {e}");
            return ExitCode::from(2);
        }
    };
    let files = match iana_csv::convert(&text) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("iana-csv: {xml}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let registry = match iana_csv::registry_id(&text) {
        Ok(Some(id)) => id,
        _ => {
            eprintln!("iana-csv: {xml} has no registry id");
            return ExitCode::FAILURE;
        }
    };
    match iana_csv::updated(&text) {
        Ok(Some(updated)) => {
            let path = PathBuf::from(dir).join(format!("{registry}-updated.txt"));
            if let Err(e) = std::fs::write(&path, format!("{updated}\n")) {
                eprintln!("iana-csv: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            eprintln!("wrote {} (registry last updated {updated})", path.display());
        }
        _ => {
            eprintln!("iana-csv: {xml} has no <updated> date");
            return ExitCode::FAILURE;
        }
    }
    for file in files {
        let path = PathBuf::from(dir).join(format!("{}.csv", file.id));
        if let Err(e) = std::fs::write(&path, &file.text) {
            eprintln!("iana-csv: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        eprintln!("wrote {} ({} records)", path.display(), file.records);
    }
    ExitCode::SUCCESS
}
