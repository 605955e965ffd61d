//! Reply parsing: whole, prefix, streamed, transcript; both modes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{Mode, ParseOptions, ParseStatus, Replies, Reply, ReplyStream, ReplyWriter};

fuzz_target!(|data: &[u8]| {
    for mode in [Mode::Strict, Mode::Lenient] {
        let opts = ParseOptions::new().mode(mode).max_line_length(600).max_lines(20);
        if let Ok(reply) = Reply::parse_with(data, &opts) {
            assert_eq!(reply.lines().count(), reply.line_count());
            assert_eq!(reply.raw(), data);
            let _ = reply.text().to_string();
            // What was read can be written back when the writer accepts it.
            let texts: Vec<String> = reply
                .lines()
                .map(|l| String::from_utf8_lossy(l.text()).into_owned())
                .collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            if let Ok(w) = ReplyWriter::new(reply.code(), reply.enhanced(), &refs) {
                let rendered = w.to_string();
                let again = Reply::parse(rendered.as_bytes()).expect("rendered reply parses");
                assert_eq!(again.code(), reply.code());
                assert_eq!(again.enhanced(), reply.enhanced());
            }
        }
        // Streaming gives the same replies as the prefix parser.
        let mut stream = ReplyStream::new(opts);
        let mut pos = 0;
        let mut end = 0;
        while end < data.len() {
            end = (end + 7).min(data.len());
            match stream.feed(&data[pos..end]) {
                Ok(ParseStatus::Complete(r, used)) => {
                    match Reply::parse_prefix(&data[pos..end], &opts) {
                        Ok(ParseStatus::Complete(p, used2)) => {
                            assert_eq!((p.code(), p.line_count(), used2), (r.code(), r.line_count(), used));
                        }
                        other => panic!("stream said complete, prefix said {other:?}"),
                    }
                    pos += used;
                }
                Ok(ParseStatus::Incomplete) => {}
                Err(_) => break,
            }
        }
        for r in Replies::new(data, opts).flatten() {
            assert!(r.line_count() >= 1);
        }
    }
});
