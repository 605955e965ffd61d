#!/usr/bin/env bash
# The boundary benchmark: the same reply-parse loop over the same corpus in
# Rust (Reply::parse) and in C (smtp_codes_reply_parse, static and shared
# library). Results in bindings-c/BENCHMARKS-c.md.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HERE/../target}
REL=$CARGO_TARGET_DIR/release
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
make -s -C "$HERE" build >/dev/null
cargo bench -q --locked -p smtp-codes-c --bench reply_parse --manifest-path "$HERE/../Cargo.toml" 2>/dev/null
CFLAGS=(-O2 -std=c99 -Wall -Wextra -Wpedantic -Werror -I"$HERE/include" -I"$HERE/tests")
gcc "${CFLAGS[@]}" "$HERE/bench/reply_parse.c" "$REL/libsmtp_codes.a" -lpthread -ldl -lm -o "$WORK/static"
ln -s "$REL/libsmtp_codes.so" "$WORK/libsmtp_codes.so.0"
gcc "${CFLAGS[@]}" "$HERE/bench/reply_parse.c" -L"$REL" -lsmtp_codes -Wl,-rpath,"$WORK" -o "$WORK/shared"
printf 'static  '
"$WORK/static"
printf 'shared  '
"$WORK/shared"
