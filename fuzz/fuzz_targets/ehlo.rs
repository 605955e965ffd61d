//! EHLO replies: arbitrary bytes, read as a raw reply (`Ehlo::parse`) and as
//! the lines of one (`Ehlo::from_lines`), never panic, and every question
//! asked of the result answers.
//!
//! `cargo fuzz run ehlo` (fuzz/Cargo.toml declares the target).

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{Ehlo, EhloKeyword, Extension, Parameters};

fn exercise<'a, I>(ehlo: &Ehlo<'a, I>)
where
    I: Iterator<Item = &'a [u8]> + Clone,
{
    let greeting = ehlo.greeting();
    let _ = (greeting.domain_str(), greeting.text_utf8());
    for extension in ehlo.extensions() {
        let Ok(extension) = extension else { continue };
        let _ = (extension.keyword(), extension.known(), extension.raw_params().count());
        match extension.parameters() {
            Parameters::Size(size) => {
                let _ = (size.maximum(), size.allows(u64::MAX));
            }
            Parameters::Auth(auth) => {
                let _ = (auth.iter().count(), auth.contains("PLAIN"));
            }
            Parameters::Limits(limits) => {
                for limit in limits.iter() {
                    let _ = (limit.name(), limit.value(), limit.number());
                }
            }
            _ => {}
        }
    }
    for error in ehlo.errors() {
        let _ = error.to_string();
    }
    for keyword in EhloKeyword::ALL {
        let _ = (ehlo.supports(keyword), ehlo.get(keyword));
    }
    let _ = (ehlo.size(), ehlo.auth(), ehlo.limits(), ehlo.find(b"XCLIENT"));
}

fuzz_target!(|data: &[u8]| {
    if let Ok(ehlo) = Ehlo::parse(data) {
        exercise(&ehlo);
    }
    if let Ok(ehlo) = Ehlo::from_lines(data.split(|&b| b == b'\n')) {
        exercise(&ehlo);
    }
    let _ = Extension::parse(data);
});
