"""Fixtures of the core tests: a private demo store, and one warm chart renderer for the whole run."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from core.sharing import export
from tests.conftest import need


@pytest.fixture
def demo(demo_store: Engine) -> Engine:
    """A private store holding the demo city (SQLite, and PostgreSQL where a server is configured)."""
    return demo_store


@pytest.fixture(scope="session")
def renderer() -> Iterator[export.Renderer]:
    """A started renderer (Chromium via kaleido), shared by every test that draws or prints."""
    gaps = export.missing()
    need(not gaps, f"static export needs {' and '.join(gaps)} (Debian: apt install chromium fonts-noto-cjk)")
    r = export.Renderer()
    r.start()
    yield r
    r.close()
