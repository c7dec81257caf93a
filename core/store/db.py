"""The store's engine and sessions: SQLite file by default, any SQLAlchemy URL via DATABASE_URL."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlmodel import Session, SQLModel

from core.i18n import t
from core.store import models  # noqa: F401  (registers every table on the metadata)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = f"sqlite:///{ROOT / 'data' / 'app.db'}"
CONNECT_TIMEOUT_S = 10  # a server that does not answer is reported after this long, not waited for


class StoreError(RuntimeError):
    """A problem with the store that a user can fix; its message is one line meant for them."""


class Refused(StoreError):
    """A change the store refused, with its message in either language: an i18n key and its values
    (a value that is a function of the language, e.g. an enum label, is called with it)."""

    def __init__(self, key: str, **fmt: object) -> None:
        self.key, self.fmt = key, fmt
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return t(self.key, lang, **{k: v(lang) if callable(v) else v for k, v in self.fmt.items()})


def database_url() -> str:
    """The configured database URL: ``DATABASE_URL`` or the default SQLite file under ``data/``."""
    return os.environ.get("DATABASE_URL", "").strip() or DEFAULT_URL


def display_url(url: str) -> str:
    """The URL with any password hidden, for showing to people."""
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        shown = url
    return mask_secrets(shown, url)


_CREDENTIALS = re.compile(r"([^:/?#@\s]*):[^\s/]*@")  # user:password@ (the last @ before the host ends it)


def _password(url: str) -> str | None:
    """The password a URL carries, read forgivingly (the URL may be malformed)."""
    try:
        password = make_url(url).password
    except (ArgumentError, ValueError):
        found = re.search(r"[^:/?#@\s]*:([^\s/]*)@", url)
        password = found.group(1) if found else None
    return str(password) if password else None


def mask_secrets(text: str, url: str | None = None) -> str:
    """``text`` with every ``user:password@`` part of a URL, and the password of ``url`` (default: the
    configured one) wherever it stands, replaced by ``***``: messages never show a password."""
    out = _CREDENTIALS.sub(r"\1:***@", text)
    secret = _password(url if url is not None else database_url())
    if secret and len(secret) >= 3:  # a one- or two-character password would mask half the message
        for form in {secret, quote(secret, safe="")}:
            out = out.replace(form, "***")
    return out


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: :func:`database_url`); SQLite gets foreign keys and WAL on.

    Raises :class:`StoreError` with a one-line message when the URL is malformed, names a driver
    that is not installed, or points at a SQLite file in a directory that does not exist.
    """
    url = url or database_url()
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"DATABASE_URL is not a valid database URL: {display_url(url)!r} "
            "(expected e.g. sqlite:///data/app.db or postgresql+psycopg://user:PASSWORD@host:5432/db)"
        ) from None
    except ValueError:  # SQLAlchemy reads the port with int(): "host:abc" raises a bare ValueError
        raise StoreError(f"DATABASE_URL has a port that is not a number: {display_url(url)!r}") from None
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise StoreError(f"DATABASE_URL has a port out of range (1-65535): {display_url(url)!r}")
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not db.startswith("file:"):
            folder = Path(db).expanduser().resolve().parent
            if not folder.is_dir():
                raise StoreError(f"DATABASE_URL points into a folder that does not exist: {folder}")
        if not db or db == ":memory:":
            from sqlalchemy.pool import StaticPool

            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        else:
            kwargs = {"connect_args": {"check_same_thread": False, "timeout": 10}}
    else:
        kwargs = {"pool_pre_ping": True}
        if parsed.get_backend_name() == "postgresql":
            kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S}
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"DATABASE_URL names a database driver that is not installed: {parsed.drivername} "
            f"({mask_secrets(str(exc), url)})"
        ) from None
    except (ArgumentError, TypeError, ValueError) as exc:  # e.g. a query parameter the driver does not take
        first = mask_secrets(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__, url)
        raise StoreError(f"DATABASE_URL cannot be used: {first}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        if parsed.database and parsed.database != ":memory:":
            event.listen(engine, "connect", _sqlite_wal)
    return engine


def _sqlite_wal(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets readers (the app) go on while a writer (an import, a backup) works.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def check_connection(engine: Engine) -> None:
    """Connect once, turning a refused or unreachable server into a one-line :class:`StoreError`."""
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc).splitlines()[0]
        url = engine.url.render_as_string(hide_password=False)
        raise StoreError(f"cannot open the database {display_url(url)}: {mask_secrets(first, url)}") from None


MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"  # the first revision: the schema stores were created with before migrations


def alembic_config() -> Config:
    """Alembic's configuration for the store's migrations (no alembic.ini: everything is here)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest schema revision this code knows."""
    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


def schema_revision(engine: Engine) -> str | None:
    """The store's schema revision (None for a store without tables or made before migrations)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the store's schema to ``revision`` (default: the newest), keeping its data.

    A store whose tables were made before migrations existed is recorded as the baseline first.
    """
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        if MigrationContext.configure(conn).get_current_revision() is None and inspect(conn).has_table("building"):
            command.stamp(cfg, BASELINE)
        command.upgrade(cfg, revision)


def create_schema(engine: Engine) -> None:
    """Create the store's tables, or upgrade them to the newest schema (see :func:`migrate`)."""
    migrate(engine)


def drop_schema(engine: Engine) -> None:
    """Drop every table of the store (used by ``init-db --force``).

    On SQLite, foreign-key checks are switched off for the drop: DROP TABLE deletes the rows first,
    and a store made by an older schema may hold constraints that would refuse that.
    """
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        SQLModel.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        conn.commit()
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")


def has_schema(engine: Engine) -> bool:
    """Whether the store's tables exist."""
    return inspect(engine).has_table("building")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error: all or nothing."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def write_scope(engine: Engine) -> Iterator[Session]:
    """A :func:`session_scope` that holds the write lock from its first statement.

    What it reads stays true until it commits, so checks made in it (validation, "has anyone else
    changed these rows?") cannot be overtaken by another writer: SQLite starts with
    ``BEGIN IMMEDIATE``; other databases run the transaction SERIALIZABLE.
    """
    with session_scope(engine) as session:
        if engine.dialect.name == "sqlite":
            session.connection().exec_driver_sql("BEGIN IMMEDIATE")
        else:
            session.connection(execution_options={"isolation_level": "SERIALIZABLE"})
        yield session


@contextmanager
def snapshot(engine: Engine) -> Iterator[Session]:
    """A read-only session whose every read sees the store as it was at its first read.

    SQLite (WAL) gives a deferred transaction one snapshot; PostgreSQL REPEATABLE READ does the
    same. Writers carry on meanwhile; nothing is ever committed from here.
    """
    with Session(engine) as session:
        try:
            if engine.dialect.name == "sqlite":
                session.connection().exec_driver_sql("BEGIN")
            else:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session
        finally:
            session.rollback()
