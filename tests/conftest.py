"""Shared fixtures: the real spaCy pipeline (loaded once per test run) and paths to shared/."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from tallied.resources import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "examples").is_dir():
        pytest.skip("../shared is not next to the repository")
    return SHARED
