"""Shared fixtures: an empty in-memory store, the tiny hand-made city, and a demo-city database file."""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from core.files import admin
from core.store import db, repo
from tests.factories import SYSTEM, add_test_accounts, load_city, tiny_city

STRICT = os.environ.get("CI_STRICT") == "1"  # in CI a missing browser or server fails instead of skipping
# Tests run with the documented sign-in defaults, whatever the shell sets (JGSW_DEMO_AUTOLOGIN above all:
# a test that expects the sign-in page must get it). Tests that need a setting set it themselves.
for _name in [n for n in os.environ if n.startswith("JGSW_")]:
    del os.environ[_name]


def need(condition: bool, reason: str) -> None:
    """Skip the test with ``reason`` unless ``condition``; in CI (CI_STRICT=1) fail instead."""
    if not condition:
        if STRICT:
            pytest.fail(f"required in CI: {reason}")
        pytest.skip(reason)


# --- backends: SQLite always; PostgreSQL where a server is configured ------------------------------
# TEST_POSTGRES_URL names a PostgreSQL server and a database to connect to for creating others,
# e.g. postgresql+psycopg://postgres@127.0.0.1:54329/postgres (.ci/run starts one and sets it).
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "").strip()
BACKENDS = ("sqlite", "postgresql")
both_backends = pytest.mark.both_backends  # on a module or test: every test there that uses a store runs on both


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("both_backends") and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", BACKENDS, indirect=True)


class Stores:
    """Makes fresh, private stores on one backend: SQLite files, or PostgreSQL databases created
    for the test (from a template holding the demo city when asked) and dropped afterwards."""

    def __init__(self, backend: str, folder: Path) -> None:
        self.backend, self.folder = backend, folder
        self._engines: list[Engine] = []
        self._databases: list[str] = []

    def url(self, *, demo: bool = False) -> str:
        """The URL of a new store: empty (no tables) or, with ``demo``, holding the demo city."""
        n = len(self._databases) + len(self._engines) + 1
        if self.backend == "sqlite":
            path = self.folder / f"store{n}-{uuid.uuid4().hex[:6]}.db"
            if demo:
                shutil.copy(_demo_file(), path)
            return f"sqlite:///{path}"
        name = f"jgsw_test_{uuid.uuid4().hex[:12]}"
        template = f" TEMPLATE {_postgres_demo_template()}" if demo else ""
        with _postgres_admin().connect() as c:
            c.exec_driver_sql(f"CREATE DATABASE {name}{template}")
        self._databases.append(name)
        return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)

    def engine(self, *, demo: bool = False, schema: bool = True) -> Engine:
        """An engine on a new store (empty with every table, or the demo city)."""
        eng = db.make_engine(self.url(demo=demo))
        if schema and not demo:
            db.create_schema(eng)
        self._engines.append(eng)
        return eng

    def close(self) -> None:
        for eng in self._engines:
            eng.dispose()
        if self._databases:
            with _postgres_admin().connect() as c:
                for name in self._databases:
                    c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


_DEMO_FILE: list[Path] = []
_PG: dict[str, object] = {}


def _demo_file() -> Path:
    if not _DEMO_FILE:
        path = Path(tempfile.mkdtemp(prefix="jgsw-demo-")) / "demo.db"
        eng = db.make_engine(f"sqlite:///{path}")
        admin.init_store(eng, demo=True, actor=SYSTEM)
        add_test_accounts(eng)
        eng.dispose()  # closing the last connection folds the WAL into the file we copy
        _DEMO_FILE.append(path)
    return _DEMO_FILE[0]


def _postgres_admin() -> Engine:
    if "admin" not in _PG:
        _PG["admin"] = create_engine(make_url(POSTGRES_URL), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    return _PG["admin"]  # type: ignore[return-value]


def _postgres_demo_template() -> str:
    """A PostgreSQL database holding the demo city, made once per run and cloned by tests."""
    if "template" not in _PG:
        name = f"jgsw_template_{uuid.uuid4().hex[:8]}"
        with _postgres_admin().connect() as c:
            c.exec_driver_sql(f"CREATE DATABASE {name}")
        eng = db.make_engine(make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False))
        admin.init_store(eng, demo=True, actor=SYSTEM)
        add_test_accounts(eng)
        eng.dispose()
        _PG["template"] = name
    return str(_PG["template"])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``make test`` runs a worker per core, ``--dist loadgroup``) the browser tests
    keep to one worker: they share one served app and one Chromium, while the other workers take the rest."""
    for item in items:
        if item.nodeid.startswith("tests/browser/"):
            item.add_marker(pytest.mark.xdist_group("browser"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if "template" in _PG:
        with _postgres_admin().connect() as c:
            c.exec_driver_sql(f"DROP DATABASE IF EXISTS {_PG['template']} WITH (FORCE)")


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: "sqlite", or per ``both_backends`` also "postgresql"."""
    name = str(getattr(request, "param", "sqlite"))
    if name == "postgresql":
        need(bool(POSTGRES_URL), "no PostgreSQL server: set TEST_POSTGRES_URL (.ci/run starts one)")
    return name


@pytest.fixture
def stores(backend: str, tmp_path: Path) -> Iterator[Stores]:
    """Fresh private stores on the test's backend."""
    s = Stores(backend, tmp_path)
    yield s
    s.close()


@pytest.fixture
def engine(backend: str, stores: Stores) -> Iterator[Engine]:
    """An empty store with every table: in memory on SQLite, a fresh database on PostgreSQL."""
    if backend == "sqlite":
        eng = db.make_engine("sqlite://")
        db.create_schema(eng)
        yield eng
        eng.dispose()
    else:
        yield stores.engine()


@pytest.fixture
def demo_store(stores: Stores) -> Engine:
    """A private store holding the demo city, on the test's backend."""
    return stores.engine(demo=True)


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
    admin.init_store(eng, demo=True, actor=SYSTEM)
    add_test_accounts(eng)
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


def counts(engine: Engine) -> dict[str, int]:
    """Rows per table of a store (to prove that nothing was written)."""
    with Session(engine) as s:
        return repo.table_counts(s)
