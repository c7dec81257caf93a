"""The default store: SQLite with foreign keys enforced and WAL on; the URL from DATABASE_URL; no
password in any message, one line for any malformed URL, and a connect timeout."""
import socket
import threading
import time

import pytest
from sqlalchemy import text

from core.cli import main
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


# --- secrets never shown (issue 15, item 4) ------------------------------------------------------------
SECRET = "Tr0ub4dor&3"


@pytest.mark.parametrize(("url", "words"), [
    (f"postgresql+psycopg://jgsw:{SECRET}@db.internal:abc/jgsw", "has a port that is not a number"),
    (f"postgresql+psycopg://jgsw:{SECRET}@db.internal:99999/jgsw", "port out of range"),
    (f"postgresql:/jgsw:{SECRET}@db.internal/jgsw", "is not a valid database URL"),
    (f"postgresql+nodriver://jgsw:{SECRET}@db.internal/jgsw", "driver that is not installed"),
])
def test_a_malformed_url_is_one_line_without_the_password(url, words):
    with pytest.raises(db.StoreError) as info:
        db.make_engine(url)
    message = str(info.value)
    assert words in message and SECRET not in message and len(message.splitlines()) == 1


def test_the_cli_says_it_in_one_line_without_the_password(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"postgresql+psycopg://jgsw:{SECRET}@db.internal:abc/jgsw")
    assert main(["info"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: DATABASE_URL has a port that is not a number") and SECRET not in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_password_in_any_message_is_masked():
    url = f"postgresql+psycopg://jgsw:{SECRET}@db.internal/jgsw"
    said = f"connection to {url} failed: password {SECRET} rejected"
    assert db.mask_secrets(said, url) == ("connection to postgresql+psycopg://jgsw:***@db.internal/jgsw failed: "
                                          "password *** rejected")
    assert db.display_url("postgresql+psycopg://u:s@cret@h/db") == "postgresql+psycopg://u:***@h/db"


def test_a_server_that_never_answers_is_reported_after_the_connect_timeout(monkeypatch):
    """A port that accepts the connection and then says nothing: without a timeout this waits forever."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    port = silent.getsockname()[1]
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(silent.accept()[0]), daemon=True).start()
    monkeypatch.setattr(db, "CONNECT_TIMEOUT_S", 1)
    engine = db.make_engine(f"postgresql+psycopg://jgsw:{SECRET}@127.0.0.1:{port}/jgsw")
    t0 = time.monotonic()
    try:
        with pytest.raises(db.StoreError) as info:
            db.check_connection(engine)
    finally:
        silent.close()
        for s in held:
            s.close()
    assert time.monotonic() - t0 < 10
    assert SECRET not in str(info.value) and "cannot open the database" in str(info.value)
