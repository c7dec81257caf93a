"""Creating a store: reference data, the demo city, refusing to overwrite, and what info reports."""
import pytest

from core.files import admin
from core.store import db
from tests.factories import SYSTEM

pytestmark = pytest.mark.both_backends


def test_an_empty_store_gets_the_reference_tables_only(stores):
    engine = db.make_engine(stores.url())
    counts = admin.init_store(engine, actor=SYSTEM)
    assert counts["services"] == 12 and "buildings" not in counts
    info = admin.store_info(engine)
    assert info["tables"]["buildings"] == 0 and info["meta"]["dataset"] == "empty"
    assert not admin.is_synthetic(info["meta"])


def test_the_demo_city_with_its_examples_and_no_overwrite_without_force(stores):
    engine = db.make_engine(stores.url())
    counts = admin.init_store(engine, demo=True, actor=SYSTEM)
    assert counts["buildings"] == 16 and counts["scenarios"] == 3
    info = admin.store_info(engine)
    assert sum(info["buildings_per_mode"].values()) == 16 and info["buildings_per_mode"]["none"] == 0
    assert admin.is_synthetic(info["meta"])
    with pytest.raises(db.StoreError, match="already holds 16 buildings; use --force"):
        admin.init_store(engine, demo=True, actor=SYSTEM)
    again = admin.init_store(engine, force=True, actor=SYSTEM)  # replaced by an empty store
    assert "buildings" not in again and admin.store_info(engine)["tables"]["buildings"] == 0


def test_a_store_older_than_a_factor_of_the_book_gets_it(stores):
    """A store made before the Standards page's "far below" line existed gets it (init-db --if-empty and
    restore call this), audited; the factors it has keep the values the Bureau set."""
    from sqlalchemy import text
    from sqlmodel import Session

    from core.store import repo

    engine = db.make_engine(stores.url())
    admin.init_store(engine, demo=True, actor=SYSTEM)
    with db.session_scope(engine) as s:
        s.execute(text("DELETE FROM assumption WHERE key IN ('std_low_pct', 'data_change_tolerance')"))
        s.execute(text("UPDATE assumption SET value = 0.2 WHERE key = 'std_amber_pct'"))
    with db.session_scope(engine) as s:
        assert admin.complete_book(s, actor=SYSTEM, source="init-db") == ["data_change_tolerance", "std_low_pct"]
    with Session(engine) as s:
        book = repo.load_portfolio(s).book
        assert book.value("std_low_pct") == 0.5 and book.value("data_change_tolerance") == 0.3
        assert book.value("std_amber_pct") == 0.2  # left as the Bureau set it
    with db.session_scope(engine) as s:
        assert admin.complete_book(s, actor=SYSTEM, source="init-db") == []  # nothing twice
    with Session(engine) as s:
        rows = s.execute(text("SELECT source, row_key FROM auditlog WHERE table_name = 'assumptions' "
                              "AND row_key LIKE 'std_low_pct%'")).all()
    assert [r[0] for r in rows].count("init-db") >= 2  # loaded at creation, then added again, both audited
    engine.dispose()
