//! The C ABI of smtp-codes: `libsmtp_codes.{a,so}` and `include/smtp_codes.h`.
//!
//! Every function converts C values into the core crate's types, calls the
//! core crate, and converts the answer back: no SMTP logic lives here. The
//! conventions (result enum, out-parameters, NULL, panics, strings, integers)
//! are written down in `README.md` and hold for every function; they are the
//! safety contract of every `unsafe extern "C" fn` below, which is why the
//! functions carry no `# Safety` section of their own.
//!
//! The header is generated from this crate by cbindgen and committed;
//! `SMTP_CODES_BLESS=1 cargo test -p smtp-codes-c --test header` regenerates it.

#![deny(unsafe_op_in_unsafe_fn)]
#![deny(missing_docs)]
// The C names are the API: `smtp_codes_result`, `SMTP_CODES_OK`.
#![allow(non_camel_case_types)]
// The safety contract is the same for every function (README.md, "API
// conventions"): pointers are NULL or valid for their type and length.
#![allow(clippy::missing_safety_doc)]

// In the header's order: cbindgen reads the modules as declared.
mod classify;
mod dsn;
mod ehlo;
mod find;
mod reply;
mod text;

use std::ffi::{CStr, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A NUL-terminated `&'static CStr` copy of a `&'static str` constant,
/// built at compile time (core's `as_str()` names are `const fn`).
macro_rules! cstr {
    ($s:expr) => {{
        const S: &str = $s;
        const B: [u8; S.len() + 1] = {
            let mut b = [0u8; S.len() + 1];
            let s = S.as_bytes();
            let mut i = 0;
            while i < s.len() {
                b[i] = s[i];
                i += 1;
            }
            b
        };
        const C: &::std::ffi::CStr = match ::std::ffi::CStr::from_bytes_with_nul(&B) {
            Ok(c) => c,
            Err(_) => panic!("a NUL byte inside a static name"),
        };
        C
    }};
}
pub(crate) use cstr;

/// A C enum mirrored on a core enum: `from_core` (Rust to C, with a
/// fallback for variants a newer core might add), `to_core` (an integer
/// from C, validated), `name` (the core's stable name, NUL-terminated).
macro_rules! mapping {
    ($c:ident, $core:ident, $name:ident, fallback = $fb:ident, [$($cv:ident = $rv:ident),+ $(,)?]) => {
        impl $c {
            #[allow(dead_code)]
            pub(crate) fn from_core(v: $core) -> $c {
                match v {
                    $($core::$rv => $c::$cv,)+
                    _ => $c::$fb,
                }
            }

            #[allow(dead_code)]
            pub(crate) fn to_core(n: u32) -> Option<$core> {
                $(if n == $c::$cv as u32 {
                    return Some($core::$rv);
                })+
                None
            }

            pub(crate) fn name(n: u32) -> Option<&'static ::std::ffi::CStr> {
                $(if n == $c::$cv as u32 {
                    return Some($crate::cstr!($core::$rv.$name()));
                })+
                None
            }
        }
    };
}
pub(crate) use mapping;

/// What a function did. Every function that can fail returns one; only
/// `SMTP_CODES_OK` (and `SMTP_CODES_INCOMPLETE` where documented) means the
/// out-parameters were written.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum smtp_codes_result {
    /// Success: the out-parameters were written.
    SMTP_CODES_OK = 0,
    /// The input ends inside a reply: append more bytes and call again
    /// (`smtp_codes_reply_parse_prefix` only; nothing was written).
    SMTP_CODES_INCOMPLETE = 1,
    /// A pointer that must not be NULL was NULL.
    SMTP_CODES_ERR_NULL = 2,
    /// The input is not what the function reads; `error_out`, when given,
    /// says what and where.
    SMTP_CODES_ERR_PARSE = 3,
    /// An integer argument is out of its range (a reply code of 650, a class
    /// of 3, an index past the end, a length over `PTRDIFF_MAX`), text that
    /// must be UTF-8 is not, or a pointer is misaligned.
    SMTP_CODES_ERR_INVALID_ARGUMENT = 4,
    /// The value is valid but has no entry: a reply code no RFC defines
    /// (`525`), a status IANA never registered (`5.7.606`), a DSN field the
    /// report does not have.
    SMTP_CODES_ERR_NOT_FOUND = 5,
    /// The library panicked (a bug): the panic was caught at the boundary and
    /// nothing was written.
    SMTP_CODES_ERR_PANIC = 6,
    /// The caller's output buffer is too small (`smtp_codes_reply_render`):
    /// nothing was written to it, and `*written_out` holds the size needed.
    SMTP_CODES_ERR_BUFFER_TOO_SMALL = 7,
}

use smtp_codes_result::*;

/// The `Result` of a function body: `Err` is returned to C as is.
pub(crate) type Ffi = Result<(), smtp_codes_result>;

/// The panic boundary around every function body.
pub(crate) fn guard(body: impl FnOnce() -> Ffi) -> smtp_codes_result {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => SMTP_CODES_OK,
        Ok(Err(e)) => e,
        Err(_) => SMTP_CODES_ERR_PANIC,
    }
}

/// The panic boundary of the functions that return a static string (or
/// NULL for an integer that names nothing).
pub(crate) fn guard_str(body: impl FnOnce() -> Option<&'static CStr>) -> *const c_char {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Some(s)) => s.as_ptr(),
        Ok(None) | Err(_) => std::ptr::null(),
    }
}

/// The bytes `(data, len)` from C.
///
/// # Safety
/// `data` is NULL or points to `len` bytes that stay readable and unchanged
/// for `'a`.
pub(crate) unsafe fn input<'a>(data: *const u8, len: usize) -> Result<&'a [u8], smtp_codes_result> {
    if data.is_null() {
        return Err(SMTP_CODES_ERR_NULL);
    }
    if len > isize::MAX as usize {
        return Err(SMTP_CODES_ERR_INVALID_ARGUMENT);
    }
    // SAFETY: `data` is not NULL, the caller promises `len` readable bytes
    // (README: "lengths are explicit"), and `len` fits `isize`.
    Ok(unsafe { std::slice::from_raw_parts(data, len) })
}

/// The `count` values of a C array, borrowed. Each value holds only
/// integers and raw pointers, for which any bit pattern is a valid value.
///
/// # Safety
/// `p` is NULL or points to `count` values of `T` that stay readable and
/// unchanged for `'a`.
pub(crate) unsafe fn array<'a, T>(p: *const T, count: usize) -> Result<&'a [T], smtp_codes_result> {
    if p.is_null() {
        return Err(SMTP_CODES_ERR_NULL);
    }
    if !p.is_aligned() || count.saturating_mul(size_of::<T>()) > isize::MAX as usize {
        return Err(SMTP_CODES_ERR_INVALID_ARGUMENT);
    }
    // SAFETY: not NULL, aligned, at most `isize::MAX` bytes, and the caller
    // promises `count` readable values.
    Ok(unsafe { std::slice::from_raw_parts(p, count) })
}

/// Where `part`, a subslice of `whole`, starts in it. A `part` from
/// elsewhere is a bug: `SMTP_CODES_ERR_PANIC`, never a wrong offset.
pub(crate) fn offset_in(whole: &[u8], part: &[u8]) -> Result<usize, smtp_codes_result> {
    let start = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    if start > whole.len() || part.len() > whole.len() - start {
        return Err(SMTP_CODES_ERR_PANIC);
    }
    Ok(start)
}

/// A struct C passes in, borrowed. Every such struct holds only integers and
/// raw pointers, for which any bit pattern is a valid value.
///
/// # Safety
/// `p` is NULL or points to a `T` that stays readable for `'a`.
pub(crate) unsafe fn borrow<'a, T>(p: *const T) -> Result<&'a T, smtp_codes_result> {
    if p.is_null() {
        return Err(SMTP_CODES_ERR_NULL);
    }
    if !p.is_aligned() {
        return Err(SMTP_CODES_ERR_INVALID_ARGUMENT);
    }
    // SAFETY: not NULL, aligned, and the caller promises a readable `T`.
    Ok(unsafe { &*p })
}

/// An out-parameter, checked before any work and written at the end.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    /// # Safety
    /// `p` is NULL or points to memory valid for writing a `T`.
    pub(crate) unsafe fn new(p: *mut T) -> Result<Out<T>, smtp_codes_result> {
        if p.is_null() {
            return Err(SMTP_CODES_ERR_NULL);
        }
        if !p.is_aligned() {
            return Err(SMTP_CODES_ERR_INVALID_ARGUMENT);
        }
        Ok(Out(p))
    }

    /// An optional out-parameter (`error_out`): `None` when NULL.
    ///
    /// # Safety
    /// As [`Out::new`].
    pub(crate) unsafe fn optional(p: *mut T) -> Result<Option<Out<T>>, smtp_codes_result> {
        if p.is_null() {
            return Ok(None);
        }
        // SAFETY: the caller's promise, passed on.
        unsafe { Out::new(p) }.map(Some)
    }

    /// The value of an in-out parameter (`*_inout`), before it is written.
    ///
    /// # Safety
    /// The pointer given to [`Out::new`] is also valid for reading a `T`.
    pub(crate) unsafe fn read(&self) -> T
    where
        T: Copy,
    {
        // SAFETY: checked not NULL and aligned in `new`; the caller promises
        // a readable `T`.
        unsafe { self.0.read() }
    }

    pub(crate) fn write(self, value: T) {
        // SAFETY: checked not NULL and aligned in `new`, whose caller promised
        // memory valid for a `T`; `write` does not read or drop the old value.
        unsafe { self.0.write(value) }
    }
}

/// An output array of `capacity` values, checked before any work; values
/// are written one at a time, at the end.
pub(crate) struct OutArray<T> {
    first: *mut T,
    capacity: usize,
}

impl<T> OutArray<T> {
    /// # Safety
    /// `p` is NULL or points to memory valid for writing `capacity` values.
    pub(crate) unsafe fn new(p: *mut T, capacity: usize) -> Result<OutArray<T>, smtp_codes_result> {
        if p.is_null() {
            return Err(SMTP_CODES_ERR_NULL);
        }
        if !p.is_aligned() || capacity.saturating_mul(size_of::<T>()) > isize::MAX as usize {
            return Err(SMTP_CODES_ERR_INVALID_ARGUMENT);
        }
        Ok(OutArray { first: p, capacity })
    }

    pub(crate) fn capacity(&self) -> usize {
        self.capacity
    }

    /// Writes value `index`; nothing past the capacity.
    pub(crate) fn write(&mut self, index: usize, value: T) {
        if index < self.capacity {
            // SAFETY: `index` is below the capacity the caller of `new`
            // promised writable, and the pointer is aligned; `write` does not
            // read or drop the old value.
            unsafe { self.first.add(index).write(value) }
        }
    }
}

/// A view of bytes: `len` bytes at `data`, not NUL-terminated. `data` is
/// never NULL (an empty view points to a static empty string). Views into a
/// `smtp_codes_dsn` live until `smtp_codes_dsn_free`; others are static.
/// Passed in (the lines of `smtp_codes_reply_render`), `data` must not be
/// NULL either, even with `len` 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct smtp_codes_bytes {
    /// The first byte.
    pub data: *const u8,
    /// How many bytes.
    pub len: usize,
}

impl smtp_codes_bytes {
    pub(crate) fn of(bytes: &[u8]) -> smtp_codes_bytes {
        // An empty slice's pointer may dangle: give C a real address.
        let bytes = if bytes.is_empty() { &b""[..] } else { bytes };
        smtp_codes_bytes {
            data: bytes.as_ptr(),
            len: bytes.len(),
        }
    }
}

/// The library's version, `"0.1.0"`: the same as `SMTP_CODES_VERSION` in
/// the header the program was compiled with, unless the program runs with
/// another build of the shared library. Static, never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_version() -> *const c_char {
    guard_str(|| Some(cstr!(env!("CARGO_PKG_VERSION"))))
}

/// The date IANA last updated the SMTP Enhanced Status Codes registry this
/// library was built from (`"2024-12-06"`), as `SMTP_CODES_REGISTRY_UPDATED`.
/// Static, never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_registry_updated() -> *const c_char {
    guard_str(|| Some(cstr!(smtp_codes_core::REGISTRY_UPDATED)))
}

/// The name of a `smtp_codes_result`: `"ok"`, `"incomplete"`, `"null"`,
/// `"parse"`, `"invalid_argument"`, `"not_found"`, `"panic"`,
/// `"buffer_too_small"`; NULL for another integer.
#[unsafe(no_mangle)]
pub extern "C" fn smtp_codes_result_name(result: u32) -> *const c_char {
    guard_str(|| {
        Some(match result {
            0 => c"ok",
            1 => c"incomplete",
            2 => c"null",
            3 => c"parse",
            4 => c"invalid_argument",
            5 => c"not_found",
            6 => c"panic",
            7 => c"buffer_too_small",
            _ => return None,
        })
    })
}

/// A global allocator for the unit tests that counts, per thread, what
/// the functions allocate: the README promises nothing for most.
#[cfg(test)]
pub(crate) mod counting {
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
            // SAFETY: the caller's promises, passed on.
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: the caller's promises, passed on.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[global_allocator]
    static GLOBAL: Counting = Counting;

    /// How many allocations `f` made on this thread.
    pub(crate) fn allocations_in(f: impl FnOnce()) -> usize {
        let before = ALLOCATIONS.with(Cell::get);
        f();
        ALLOCATIONS.with(Cell::get) - before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error() {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let r = guard(|| panic!("boom"));
        let s = guard_str(|| panic!("boom"));
        std::panic::set_hook(hook);
        assert_eq!(r, SMTP_CODES_ERR_PANIC);
        assert!(s.is_null());
    }

    #[test]
    fn result_names_match_their_values() {
        for (r, name) in [
            (SMTP_CODES_OK, "ok"),
            (SMTP_CODES_INCOMPLETE, "incomplete"),
            (SMTP_CODES_ERR_NULL, "null"),
            (SMTP_CODES_ERR_PARSE, "parse"),
            (SMTP_CODES_ERR_INVALID_ARGUMENT, "invalid_argument"),
            (SMTP_CODES_ERR_NOT_FOUND, "not_found"),
            (SMTP_CODES_ERR_PANIC, "panic"),
            (SMTP_CODES_ERR_BUFFER_TOO_SMALL, "buffer_too_small"),
        ] {
            // SAFETY: a static NUL-terminated string.
            let got = unsafe { CStr::from_ptr(smtp_codes_result_name(r as u32)) };
            assert_eq!(got.to_str().unwrap(), name);
        }
        assert!(smtp_codes_result_name(8).is_null());
    }

    #[test]
    fn version_is_cargos() {
        // SAFETY: static NUL-terminated strings.
        let v = unsafe { CStr::from_ptr(smtp_codes_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
        // SAFETY: as above.
        let d = unsafe { CStr::from_ptr(smtp_codes_registry_updated()) };
        assert_eq!(d.to_str().unwrap(), smtp_codes_core::REGISTRY_UPDATED);
    }
}
