"""Fixtures for the export and meeting-pack tests: one warm chart renderer for the whole run."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from core import export
from tests.conftest import need


@pytest.fixture(scope="session")
def renderer() -> Iterator[export.Renderer]:
    """A started renderer (Chromium via kaleido), shared by every test that draws or prints."""
    gaps = export.missing()
    need(not gaps, f"static export needs {' and '.join(gaps)} (Debian: apt install chromium fonts-noto-cjk)")
    r = export.Renderer()
    r.start()
    yield r
    r.close()
