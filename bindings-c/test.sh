#!/usr/bin/env bash
# The C tests of libsmtp_codes (bindings-c/README.md, "Tests"): builds the
# library (make, cargo release), then checks
#   - the header compiles as C99 (-Wall -Wextra -Wpedantic -Werror) and C++11;
#   - the shared library has its soname and exports only smtp_codes_ symbols;
#   - tests/test_api.c and tests/test_vectors.c (the shared vectors) pass under
#     AddressSanitizer + UndefinedBehaviorSanitizer, and under valgrind with
#     0 errors and 0 leaks;
#   - `make install DESTDIR=...` lays out header, libraries and smtp-codes.pc,
#     and examples/delivery_agent.c builds through pkg-config against the
#     installed library, dynamically and statically, and decides as it should.
# Installs nothing outside a temporary folder. Prints `ctest: N passed, M failed`
# last and exits non-zero if anything failed.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
REL=$CARGO_TARGET_DIR/release
CC=${CC:-gcc}
CXX=${CXX:-g++}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

WARN=(-Wall -Wextra -Wpedantic -Werror)
C99=(-std=c99 -D_POSIX_C_SOURCE=200809L "${WARN[@]}" -g -I"$HERE/include" -I"$HERE/tests")
STATIC_LIBS=("$REL/libsmtp_codes.a" -lpthread -ldl -lm)
# Uninstalled, the shared library needs the name of its soname beside it.
mkdir -p "$WORK/lib"
ln -s "$REL/libsmtp_codes.so" "$WORK/lib/libsmtp_codes.so.0"
SHARED_LIBS=(-L"$REL" -lsmtp_codes -Wl,-rpath,"$WORK/lib")
SAN=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
VALGRIND=(valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,possible
    --show-leak-kinds=definite,possible)
DSN_DATA=$ROOT/core/tests/data/dsn

passed=0
failed=0

# check NAME COMMAND...: one test; its output is shown when it fails.
check() {
    local name=$1
    shift
    local start=$SECONDS
    if "$@" >"$WORK/log" 2>&1; then
        passed=$((passed + 1))
        printf 'ok    %-44s %3ss  %s\n' "$name" $((SECONDS - start)) "$(grep -E ': [0-9]+ passed|functions exported' "$WORK/log" | tail -1)"
    else
        failed=$((failed + 1))
        printf 'FAIL  %-44s %3ss\n' "$name" $((SECONDS - start))
        tail -n 60 "$WORK/log" | sed 's/^/      /'
    fi
}

finish() {
    echo "ctest: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

echo "==> building libsmtp_codes (make -C bindings-c, cargo release)"
if ! make -s -C "$HERE" build 2>&1; then
    failed=$((failed + 1))
    finish
fi

header_c99() {
    "$CC" "${C99[@]}" "$HERE/tests/header_c99.c" "${STATIC_LIBS[@]}" -o "$WORK/header_c99" &&
        "$CC" -std=c11 "${WARN[@]}" -I"$HERE/include" -fsyntax-only "$HERE/tests/header_c99.c" &&
        "$WORK/header_c99"
}
header_cxx() {
    "$CXX" -std=c++11 "${WARN[@]}" -I"$HERE/include" "$HERE/tests/header_cxx.cpp" \
        "${STATIC_LIBS[@]}" -o "$WORK/header_cxx" && "$WORK/header_cxx"
}
exports() {
    local so=$REL/libsmtp_codes.so others count
    readelf -d "$so" | grep -q 'Library soname: \[libsmtp_codes.so.0\]' || {
        echo "no soname libsmtp_codes.so.0"
        return 1
    }
    others=$(nm -D --defined-only "$so" | awk '{print $3}' | grep -v '^smtp_codes_')
    count=$(nm -D --defined-only "$so" | grep -c ' smtp_codes_')
    [ -z "$others" ] || {
        echo "exported besides smtp_codes_*:"
        echo "$others"
        return 1
    }
    # Every function of the header is exported, and nothing else; and they
    # are the #[unsafe(no_mangle)] functions of src/ (so none is missing from
    # the header, whatever its return type).
    diff <(grep -oE '^(const char \*|void |smtp_codes_result )smtp_codes_[a-z_0-9]+\(' \
        "$HERE/include/smtp_codes.h" | grep -oE 'smtp_codes_[a-z_0-9]+\(' | tr -d '(' | sort) \
        <(nm -D --defined-only "$so" | awk '{print $3}' | sort) || return 1
    diff <(grep -A1 -h '^#\[unsafe(no_mangle)\]' "$HERE"/src/*.rs |
        grep -oE 'extern "C" fn smtp_codes_[a-z_0-9]+' | awk '{print $4}' | sort) \
        <(nm -D --defined-only "$so" | awk '{print $3}' | sort) || return 1
    echo "$count functions exported"
}
check "header compiles as C99 (and C11) -Werror" header_c99
check "header compiles as C++11 -Werror" header_cxx
check "libsmtp_codes.so: soname, smtp_codes_* only" exports

# The test programs, under the sanitizers (static library) and under
# valgrind (shared library).
build_tests() {
    local t
    for t in test_api test_vectors; do
        "$CC" "${C99[@]}" "${SAN[@]}" "$HERE/tests/$t.c" "${STATIC_LIBS[@]}" -o "$WORK/$t.san" || return 1
        "$CC" "${C99[@]}" -O1 "$HERE/tests/$t.c" "${SHARED_LIBS[@]}" -o "$WORK/$t.so" || return 1
    done
}
check "test programs compile (-Werror)" build_tests
# The README's C example, as a program: its #include lines, then the rest in main().
readme_example() {
    awk '/^```c$/ {on=1; next} /^```$/ {on=0} on' "$HERE/README.md" >"$WORK/readme.txt"
    {
        echo '#include <stdio.h>'
        grep '^#include' "$WORK/readme.txt"
        echo 'int main(void) {'
        grep -v '^#include' "$WORK/readme.txt"
        echo 'return 0; }'
    } >"$WORK/readme.c"
    "$CC" "${C99[@]}" "$WORK/readme.c" "${STATIC_LIBS[@]}" -o "$WORK/readme" &&
        [ "$("$WORK/readme")" = "Bad destination mailbox address" ]
}
check "README example compiles and runs" readme_example
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
check "test_api under ASan+UBSan" "$WORK/test_api.san"
check "test_vectors under ASan+UBSan" "$WORK/test_vectors.san" "$DSN_DATA"
check "test_api under valgrind" "${VALGRIND[@]}" "$WORK/test_api.so"
check "test_vectors under valgrind" "${VALGRIND[@]}" "$WORK/test_vectors.so" "$DSN_DATA"

# Install into a staging folder, as a package build does, and build the
# example against it through pkg-config (the sysroot maps /usr/local to it).
STAGE=$WORK/stage
install_layout() {
    make -s -C "$HERE" install DESTDIR="$STAGE" PREFIX=/usr/local || return 1
    local lib=$STAGE/usr/local/lib f
    for f in "$STAGE/usr/local/include/smtp_codes.h" "$lib/libsmtp_codes.a" \
        "$lib/libsmtp_codes.so.0" "$lib/libsmtp_codes.so" "$lib/pkgconfig/smtp-codes.pc"; do
        [ -e "$f" ] || {
            echo "missing $f"
            return 1
        }
    done
    [ "$(readlink "$lib/libsmtp_codes.so.0")" = "libsmtp_codes.so.$(pkg_config --modversion smtp-codes)" ] &&
        grep -qx 'prefix=/usr/local' "$lib/pkgconfig/smtp-codes.pc" &&
        cmp -s "$HERE/include/smtp_codes.h" "$STAGE/usr/local/include/smtp_codes.h"
}
pkg_config() {
    PKG_CONFIG_SYSROOT_DIR=$STAGE PKG_CONFIG_LIBDIR=$STAGE/usr/local/lib/pkgconfig pkg-config "$@"
}
SESSION='220 mx.example.com ESMTP
EHLO client.example.org
250-mx.example.com
250 PIPELINING
MAIL FROM:<a@example.org>
250 2.1.0 Ok
RCPT TO:<nobody@example.com>
550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown
'
run_example() {
    local out
    out=$(printf '%s' "$SESSION" | "$@")
    local status=$?
    printf '%s\n' "$out"
    [ $status -eq 67 ] && grep -q '^550 5.1.1 after RCPT: bounce (userunknown, hard bounce' <<<"$out" &&
        grep -q '^250 2.1.0 after MAIL: continue' <<<"$out"
}
example_dynamic() {
    # shellcheck disable=SC2046
    "$CC" -std=c99 "${WARN[@]}" "$HERE/examples/delivery_agent.c" -o "$WORK/agent" \
        $(pkg_config --cflags --libs smtp-codes) || return 1
    readelf -d "$WORK/agent" | grep -q 'NEEDED.*\[libsmtp_codes.so.0\]' || return 1
    run_example env LD_LIBRARY_PATH="$STAGE/usr/local/lib" "$WORK/agent"
}
example_static() {
    # shellcheck disable=SC2046
    "$CC" -static -std=c99 "${WARN[@]}" "$HERE/examples/delivery_agent.c" -o "$WORK/agent-static" \
        $(pkg_config --static --cflags --libs smtp-codes) 2>"$WORK/ld.log" || {
        cat "$WORK/ld.log"
        return 1
    }
    ! readelf -d "$WORK/agent-static" 2>/dev/null | grep -q NEEDED || return 1
    run_example "$WORK/agent-static"
}
check "make install DESTDIR=... layout and .pc" install_layout
check "example via pkg-config, shared" example_dynamic
check "example via pkg-config --static, -static" example_static

finish
