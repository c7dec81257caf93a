"""The store's queries: natural keys, bulk writes, references, the data version, meta, the rules."""
import datetime as dt

import pytest
from sqlmodel import select

from core.store import audit, repo
from core.store.models import Assumption, AuditAction, AuditLog
from tests.factories import load_city, person, tiny_city

pytestmark = pytest.mark.both_backends


def test_natural_keys_name_every_row(session):
    load_city(session, tiny_city())
    buildings = repo.key_map(session, table="buildings")
    assert set(buildings) == {("甲楼",), ("乙楼",), ("丙楼",)}
    arrangements = repo.key_map(session, table="arrangements")
    assert ("乙楼", "cleaning") in arrangements and len(arrangements) == 9  # 6 services + 3 energy
    frames = repo.natural_frames(session, tables=["arrangements"])
    row = frames["arrangements"].set_index(["building", "service"]).loc[("丙楼", "cleaning")]
    assert (row["delivery"], row["contract"]) == ("labour_only", "HT-2")


def test_referrers_count_the_rows_that_point_at_a_row(session):
    load_city(session, tiny_city())
    ids = repo.key_map(session, table="buildings")
    jia = ids[("甲楼",)]
    refs = repo.referrers(session, table="buildings", ids=[jia])
    # 甲楼: two occupancy rows (甲局, 乙局) and three arrangements (cleaning, security, energy)
    assert refs["occupancy"] == {jia: 2} and refs["arrangements"] == {jia: 3}


def test_the_data_version_changes_with_every_audited_write(session):
    # the version is rows and highest id per table: every write adds an audit entry, so it moves
    load_city(session, tiny_city())
    before = repo.data_version(session)
    ids = repo.key_map(session, table="buildings")
    repo.update_rows(session, table="buildings", rows=[{"id": ids[("乙楼",)], "tier": 1}])
    audit.record_many(session, actor=person("张三"), source="editor",
                      entries=[("buildings", "乙楼", AuditAction.update, {"tier": 3}, {"tier": 1})])
    session.commit()
    assert repo.data_version(session) != before
    assert repo.load_portfolio(session).buildings.set_index("name").at["乙楼", "tier"] == 1
    assert repo.table_counts(session)["buildings"] == 3 and not repo.is_empty(session)


def test_meta_round_trips(session):
    repo.set_meta(session, values={"dataset": "demo", "app_id": "x"})
    repo.set_meta(session, values={"dataset": "mine"})
    session.commit()
    assert repo.get_meta(session) == {"dataset": "mine", "app_id": "x"}


def test_a_rule_change_adds_a_dated_row_and_keeps_the_history(session):
    load_city(session, tiny_city())
    on = dt.date(2026, 3, 1)
    n = repo.set_assumptions(session, values={"discount_rate": 0.06}, effective_date=on, actor=person("张三"),
                             source="app", note="局务会 2026-03-01")
    assert n == 1
    n = repo.set_assumptions(session, values={"discount_rate": 0.05}, effective_date=on, actor=person("张三"),
                             source="app", note="更正")  # same day: the row is updated, not doubled
    session.commit()
    rows = session.exec(select(Assumption).where(Assumption.key == "discount_rate")).all()
    newest = max(rows, key=lambda r: r.effective_date)
    assert len(rows) >= 2 and newest.value == 0.05 and newest.source == "更正" and newest.basis == "assumption"
    log = session.exec(select(AuditLog).where(AuditLog.table_name == "assumptions", AuditLog.source == "app")
                       .order_by(AuditLog.id)).all()
    assert [e.action for e in log] == ["insert", "update"] and {e.actor for e in log} == {"张三"}
    with pytest.raises(ValueError, match="no factor 'nothing'"):
        repo.set_assumptions(session, values={"nothing": 1.0}, effective_date=on, actor=person("张三"), source="app", note="")
