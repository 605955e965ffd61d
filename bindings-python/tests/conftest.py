"""Paths to the shared test data of the repository (the same files the Rust
and C tests read)."""

from __future__ import annotations

from pathlib import Path

import pytest

BINDINGS = Path(__file__).resolve().parent.parent
REPO = BINDINGS.parent
VECTORS = REPO / "tests" / "vectors"
DSN_DATA = REPO / "core" / "tests" / "data" / "dsn"


@pytest.fixture(scope="session")
def vectors() -> Path:
    return VECTORS


@pytest.fixture(scope="session")
def dsn_data() -> Path:
    return DSN_DATA
