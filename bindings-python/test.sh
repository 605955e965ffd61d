#!/usr/bin/env bash
# The Python package's tests, as on a fresh machine (Rust, Python 3 and pip):
# a virtual environment in a temporary folder, the package built from
# ./bindings-python by pip (which fetches maturin from PyPI), then pytest
# (warnings are errors; "no tests collected" is a failure), mypy's stubtest
# on the package, and mypy --strict on a user's typed code. Last, the sdist:
# built with maturin, installed in a second environment, imported.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# Both builds share one target folder (the workspace's unless one is set).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd "$here/.." && pwd)/target}"
python="${PYTHON:-python3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$python" -m venv "$tmp/venv"
py="$tmp/venv/bin/python"
export PIP_DISABLE_PIP_VERSION_CHECK=1
start=$SECONDS
"$py" -m pip install --quiet "$here" "pytest>=8,<10" "aiosmtpd>=1.4,<2" "mypy>=1.10,<3"
echo "pip install ./bindings-python (and pytest, aiosmtpd, mypy): $((SECONDS - start)) s"

cd "$here"
status=0
"$py" -m pytest -p no:cacheprovider tests || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: that is a failure" >&2
    exit 1
elif [ "$status" -ne 0 ]; then
    exit "$status"
fi

# From outside the source tree, so that the installed package is the one checked.
cd "$tmp"
"$py" -m mypy.stubtest smtp_codes
"$py" -m mypy --strict --cache-dir "$tmp/mypy-cache" "$here/tests/typing_example.py"

# The sdist builds alone: the registry travels in it (core/registry/*.csv).
start=$SECONDS
"$py" -m pip install --quiet "maturin>=1.16,<2"
"$tmp/venv/bin/maturin" sdist --manifest-path "$here/Cargo.toml" --out "$tmp/dist"
"$python" -m venv "$tmp/venv-sdist"
"$tmp/venv-sdist/bin/python" -m pip install --quiet "$tmp"/dist/smtp_codes-*.tar.gz
"$tmp/venv-sdist/bin/python" -c '
import smtp_codes as sc
assert len(sc.EnhancedStatus) == 81 and len(sc.ReplyCode) > 30
assert sc.classify("550 5.1.1 User unknown").bounce == "hard"
print("sdist:", sc.__version__, "built, installed and imported")
'
echo "sdist build and install: $((SECONDS - start)) s"
