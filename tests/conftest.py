"""Fixtures shared by the whole suite.

``shared_dir`` is ``../shared`` beside the project (read-only corpora and data); tests
that need it skip with a clear reason when it is absent, and fail in CI where it must
be present.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("PROCMODEL_SHARED_DIR", PROJECT_ROOT.parent / "shared"))
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED_DIR} is missing; CI must provide ../shared")
        pytest.skip(f"../shared is not present at {SHARED_DIR}")
    return SHARED_DIR


@pytest.fixture(scope="session")
def test_data() -> Path:
    return TEST_DATA
