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
