"""Fixtures for the document tests; the helpers themselves are in document_helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def pdf_path(tmp_path: Path) -> Path:
    """Where a test writes its PDF (renders of it land next to it)."""
    return tmp_path / "document.pdf"
