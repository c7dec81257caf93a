"""Saved scenarios: save, load, rename, duplicate, delete; optimistic locking; every change audited."""
import json
from pathlib import Path

import pytest
from sqlmodel import Session

from core.files import admin
from core.simulation import scenarios
from core.simulation.levers import LeverError, parse_levers, to_json
from core.store import db, repo, scenario_rows
from core.store.scenario_rows import ScenarioRefused, StaleScenario
from tests.conftest import both_backends
from tests.factories import person

pytestmark = both_backends  # optimistic locking must hold on PostgreSQL too (CI runs it there)
WHO = {"actor": person("科员甲"), "source": "app"}


def audit(session: Session) -> list[tuple[str, str, str]]:
    frame, _ = repo.audit_frame(session, tables=["scenarios"])
    return [(r.action, r.row_key, r.actor) for r in frame.itertuples()][::-1]  # oldest first


def test_save_load_and_save_again(engine):
    with db.session_scope(engine) as s:
        first = scenarios.save(s, name="方案A", levers={"energy": True}, description="试算", **WHO)
    assert (first.version, first.owner) == (1, "科员甲")
    with db.session_scope(engine) as s:
        loaded = scenarios.load(s, name="方案A")
        assert loaded is not None and loaded.levers == parse_levers({"energy": True})
        second = scenarios.save(s, name="方案A", levers={"energy": True, "fee_cap": {"enabled": True}},
                                scenario_id=loaded.id, seen_version=loaded.version, **WHO)
    assert second.version == 2
    with Session(engine) as s:
        row = scenario_rows.get_scenario(s, name="方案A")
        assert json.loads(row.levers) == {"energy": True, "fee_cap": {"enabled": True}}
        assert row.created_at < row.updated_at or row.created_at == row.updated_at
        assert audit(s) == [("insert", "方案A", "科员甲"), ("update", "方案A", "科员甲")]


def test_a_stale_save_is_refused_and_the_stored_scenario_is_unchanged(engine):
    with db.session_scope(engine) as s:
        scenarios.save(s, name="方案A", levers={"energy": True}, **WHO)
    with Session(engine) as s:
        mine = scenarios.load(s, name="方案A")  # I load version 1 …
    with db.session_scope(engine) as s:  # … someone else saves version 2 meanwhile …
        scenarios.save(s, name="方案A", levers={"staff_pooling": True}, scenario_id=mine.id, seen_version=1,
                       actor=person("科员乙"), source="app")
    with pytest.raises(StaleScenario) as err, db.session_scope(engine) as s:  # … and I save over version 1
        scenarios.save(s, name="方案A", levers={"quality_gate": True}, scenario_id=mine.id, seen_version=1, **WHO)
    assert "version 2" in str(err.value)
    assert "他人修改" in err.value.text("zh") and "第 2 版" in err.value.text("zh")
    with Session(engine) as s:
        row = scenario_rows.get_scenario(s, name="方案A")
        assert (row.version, json.loads(row.levers)) == (2, {"staff_pooling": True})  # theirs, untouched
        assert [a for a, _, _ in audit(s)] == ["insert", "update"]  # my attempt left no trace


def test_names_are_unique_and_required(engine):
    with db.session_scope(engine) as s:
        scenarios.save(s, name="方案A", levers={}, **WHO)
        scenarios.save(s, name="方案B", levers={}, **WHO)
    with pytest.raises(ScenarioRefused, match="exists already"), db.session_scope(engine) as s:
        scenarios.save(s, name="方案A", levers={"energy": True}, **WHO)
    b = _load(engine, "方案B")
    with pytest.raises(ScenarioRefused, match="exists already"), db.session_scope(engine) as s:
        scenarios.rename(s, scenario_id=b.id, seen_version=b.version, name="方案A", **WHO)
    with pytest.raises(ScenarioRefused, match="needs a name"), db.session_scope(engine) as s:
        scenarios.save(s, name="  ", levers={}, **WHO)


def test_invalid_levers_are_never_stored(engine):
    with pytest.raises(LeverError, match="unknown key"), db.session_scope(engine) as s:
        scenarios.save(s, name="方案A", levers={"fee_caps": True}, **WHO)
    with Session(engine) as s:
        assert scenario_rows.list_scenarios(s).empty


def test_rename_duplicate_and_delete(engine):
    with db.session_scope(engine) as s:
        scenarios.save(s, name="方案A", levers={"energy": True}, description="说明", **WHO)
    a = _load(engine, "方案A")
    with db.session_scope(engine) as s:
        renamed = scenarios.rename(s, scenario_id=a.id, seen_version=a.version, name="方案甲", **WHO)
        copy = scenarios.duplicate(s, name="方案甲", new_name="方案乙", **WHO)
    assert (renamed.name, renamed.version) == ("方案甲", 2)
    assert (copy.version, copy.levers, copy.description) == (1, renamed.levers, "说明")
    with pytest.raises(StaleScenario), db.session_scope(engine) as s:  # deleting what I saw at version 1
        scenarios.remove(s, scenario_id=a.id, seen_version=1, **WHO)
    with db.session_scope(engine) as s:
        scenarios.remove(s, scenario_id=a.id, seen_version=2, **WHO)
    with Session(engine) as s:
        assert scenario_rows.list_scenarios(s)["name"].tolist() == ["方案乙"]
        assert [(act, key) for act, key, _ in audit(s)] == [
            ("insert", "方案A"), ("update", "方案甲"), ("insert", "方案乙"), ("delete", "方案甲")]
    with pytest.raises(StaleScenario, match="deleted"), db.session_scope(engine) as s:
        scenarios.save(s, name="方案甲", levers={}, scenario_id=a.id, seen_version=2, **WHO)


def test_the_demo_ships_three_example_scenarios(demo_db: Path):
    engine = db.make_engine(f"sqlite:///{demo_db}")
    with Session(engine) as s:
        saved = scenario_rows.list_scenarios(s)
        entries = repo.audit_frame(s, tables=["scenarios"])[0]
    assert sorted(saved["name"]) == sorted(["标准先行", "标准+集中采购", "全面整合"])
    assert (saved["version"] == 1).all()
    assert set(entries["source"]) == {"init-db"} and len(entries) == 3
    for text in saved["levers"]:
        assert to_json(parse_levers(text)) == text  # stored canonical
    engine.dispose()


def test_examples_are_not_loaded_twice(engine):
    with db.session_scope(engine) as s:
        assert scenarios.load_examples(s, admin.EXAMPLE_SCENARIOS, actor=person("system"), source="init-db") == 3
        assert scenarios.load_examples(s, admin.EXAMPLE_SCENARIOS, actor=person("system"), source="init-db") == 0


def _load(engine, name: str) -> scenarios.Saved:
    with Session(engine) as s:
        saved = scenarios.load(s, name=name)
    assert saved is not None
    return saved
