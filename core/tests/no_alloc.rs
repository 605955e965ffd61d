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
