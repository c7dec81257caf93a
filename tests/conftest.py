"""Shared fixtures: an empty in-memory store, the tiny hand-made city, and a demo-city database file."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from core import admin, db, repo
from tests.factories import load_city, tiny_city

STRICT = os.environ.get("CI_STRICT") == "1"  # in CI a missing browser or server fails instead of skipping


def need(condition: bool, reason: str) -> None:
    """Skip the test with ``reason`` unless ``condition``; in CI (CI_STRICT=1) fail instead."""
    if not condition:
        if STRICT:
            pytest.fail(f"required in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture
def engine() -> Iterator[Engine]:
    """An empty store in memory with every table."""
    eng = db.make_engine("sqlite://")
    db.create_schema(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as s:
        yield s


@pytest.fixture
def tiny(session: Session) -> repo.Portfolio:
    """The three-building city of :mod:`tests.factories`, loaded."""
    return load_city(session, tiny_city())


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the demo city, built once per test run (copy it before writing)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    eng = db.make_engine(f"sqlite:///{path}")
    admin.init_store(eng, demo=True)
    eng.dispose()
    return path


@pytest.fixture(scope="session")
def demo_portfolio(demo_db: Path) -> repo.Portfolio:
    eng = db.make_engine(f"sqlite:///{demo_db}")
    with Session(eng) as s:
        p = repo.load_portfolio(s)
    eng.dispose()
    return p


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo database, made the app's DATABASE_URL for this test."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    return path
