"""The default store: SQLite with foreign keys enforced and WAL on; the URL from DATABASE_URL."""
from sqlalchemy import text

from core.store import db


def test_sqlite_file_has_wal_and_foreign_keys(tmp_path):
    eng = db.make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with eng.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_default_url_is_a_file_under_data(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert db.database_url().startswith("sqlite:///") and db.database_url().endswith("data/app.db")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///elsewhere.db")
    assert db.database_url() == "sqlite:///elsewhere.db"


def test_display_url_hides_password():
    assert db.display_url("postgresql+psycopg://u:pw@h/db") == "postgresql+psycopg://u:***@h/db"
