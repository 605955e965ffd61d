//! Generates the registry enums from `registry/*.csv` into `OUT_DIR`.
//!
//! `registry` is a symbolic link to the workspace's `registry/` folder, which
//! `cargo package` follows, so the same path works in the published crate.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = manifest.join("registry");
    for name in smtp_codes_codegen::files::ALL
        .iter()
        .chain(smtp_codes_codegen::rules::files::ALL.iter())
    {
        println!("cargo:rerun-if-changed={}", dir.join(name).display());
    }
    println!("cargo:rerun-if-changed=build.rs");
    let registry = match smtp_codes_codegen::Registry::read_dir(&dir) {
        Ok(r) => r,
        Err(e) => {
            // One clear line instead of a panic backtrace.
            eprintln!("error: registry/{e}");
            std::process::exit(1);
        }
    };
    let rules = match smtp_codes_codegen::rules::Rules::read_dir(&dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: registry/{e}");
            std::process::exit(1);
        }
    };
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    for (name, rust) in [
        ("registry.rs", smtp_codes_codegen::generate(&registry)),
        (
            "rules.rs",
            smtp_codes_codegen::rules::generate_rules(&rules),
        ),
    ] {
        let out = out_dir.join(name);
        if let Err(e) = std::fs::write(&out, rust) {
            eprintln!("error: cannot write {}: {e}", out.display());
            std::process::exit(1);
        }
    }
}
