//! Writes NUL-terminated copies of the registry texts into `OUT_DIR`
//! (`smtp_codes_codegen::c::strings`, from the same registry files as the
//! core crate's enums) and gives the shared library its soname.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    // `registry` is a symbolic link to the workspace's registry/ (as in
    // core/), which `cargo package` follows: the same path works in the
    // packaged crate that `cargo package --workspace` verifies.
    let dir = manifest.join("registry");
    for name in smtp_codes_codegen::files::ALL {
        println!("cargo:rerun-if-changed={}", dir.join(name).display());
    }
    println!("cargo:rerun-if-changed=build.rs");
    let registry = match smtp_codes_codegen::Registry::read_dir(&dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: registry/{e}");
            std::process::exit(1);
        }
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("strings.rs");
    if let Err(e) = std::fs::write(&out, smtp_codes_codegen::c::strings(&registry)) {
        eprintln!("error: cannot write {}: {e}", out.display());
        std::process::exit(1);
    }
    // The ABI version is the soname's: programs linked against
    // libsmtp_codes.so record libsmtp_codes.so.0.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libsmtp_codes.so.0");
    }
}
