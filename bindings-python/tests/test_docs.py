"""The README's examples and the package docstring run."""

from __future__ import annotations

import doctest
import subprocess
import sys

import smtp_codes
from conftest import BINDINGS


def test_readme_examples() -> None:
    result = doctest.testfile(str(BINDINGS / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10
    assert result.failed == 0


def test_package_docstring() -> None:
    result = doctest.testmod(smtp_codes)
    assert result.attempted >= 3
    assert result.failed == 0


def test_generated_stubs_are_current() -> None:
    proc = subprocess.run(
        [sys.executable, str(BINDINGS / "tools" / "generate_stubs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr


def test_all_names_exist() -> None:
    for name in smtp_codes.__all__:
        assert hasattr(smtp_codes, name), name
