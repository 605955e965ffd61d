//! Parsing allocates nothing: a counting global allocator proves it.

use smtp_codes::{
    EnhancedCode, ParseOptions, ParseStatus, Replies, Reply, ReplyCode, ReplyLine, ReplyStream,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|c| c.set(c.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn parsing_allocates_nothing() {
    let input: &[u8] = b"220 mx ESMTP\r\n250-mx.example.com\r\n250-PIPELINING\r\n250 SIZE 1000\r\n\
        550-5.1.1 The email account that you tried to reach does not exist.\r\n550 5.1.1 Bye\r\n\
        550 #5.7.606 Access denied\r\n";
    let opts = ParseOptions::new();
    let n = allocations_in(|| {
        let mut count = 0;
        for reply in Replies::new(input, opts) {
            let reply = reply.unwrap();
            count += reply.line_count();
            for line in reply.lines() {
                count += line.text().len();
                count += usize::from(line.enhanced().is_some());
            }
            count += reply.defects().iter().count();
        }
        let mut stream = ReplyStream::new(opts);
        for end in 1..=input.len() {
            if let Ok(ParseStatus::Complete(r, _)) = stream.feed(&input[..end]) {
                count += r.line_count();
            }
        }
        let _ = Reply::parse(b"250 OK\r\n").unwrap();
        let _ = Reply::parse(b"garbage");
        let _ = ReplyLine::parse(b"550 5.1.1 x").unwrap();
        let _ = "5.7.606".parse::<EnhancedCode>().unwrap();
        let _ = "550".parse::<ReplyCode>().unwrap();
        let _ = "5.01.1".parse::<EnhancedCode>().unwrap_err();
        std::hint::black_box(count);
    });
    assert_eq!(n, 0, "parsing allocated {n} times");
    // The counter works: a Vec allocates.
    assert!(allocations_in(|| drop(std::hint::black_box(vec![1u8; 10]))) > 0);
}

/// A verdict allocates nothing (the phrase automaton is built once, before).
#[cfg(feature = "classify")]
#[test]
fn classifying_allocates_nothing() {
    use smtp_codes::{Command, Signals, classify};
    // Build the automaton outside the measured part.
    let _ = classify(&Signals::new().diagnostic(b"warm up"));
    let texts: [&[u8]; 5] = [
        b"550 5.1.1 <x@example.com>: Recipient address rejected: User unknown in virtual mailbox table",
        b"status=bounced (host mx.example.com[192.0.2.1] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command))",
        b"421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to unexpected volume or user complaints",
        b"550 5.7.606 Access denied, banned sending IP [203.0.113.7]",
        b"Connection timed out",
    ];
    let n = allocations_in(|| {
        let mut count = 0usize;
        for text in texts {
            let v = classify(
                &Signals::new()
                    .diagnostic(text)
                    .status("5.0.0".parse().unwrap())
                    .remote_host("mx.example.com")
                    .command(Command::Rcpt),
            );
            count += v.reason().as_str().len() + v.evidence().why().len();
        }
        let v = classify(&Signals::new().reply_code(ReplyCode::MAILBOX_UNAVAILABLE));
        count += v.action().as_str().len();
        std::hint::black_box(count);
    });
    assert_eq!(n, 0, "classifying allocated {n} times");
}
