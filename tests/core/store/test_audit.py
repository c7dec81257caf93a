"""Audit entries carry who, when, table, key and before → after as JSON."""
import datetime as dt
import json

from sqlmodel import select

from core.store import audit
from core.store.models import AuditAction, AuditLog, DeliveryType
from tests.conftest import both_backends
from tests.factories import person

pytestmark = both_backends


def test_record_writes_json_before_and_after(session):
    audit.record(session, actor=person("张三"), source="editor", table="buildings", key="甲楼",
                 action=AuditAction.update, before={"tier": 2, "built": dt.date(2000, 1, 1)},
                 after={"tier": 1, "delivery": DeliveryType.contracted, "x": float("nan")})
    session.commit()
    row = session.exec(select(AuditLog)).one()
    assert (row.actor, row.source, row.table_name, row.row_key, row.action) == ("张三", "editor", "buildings", "甲楼", "update")
    assert json.loads(row.before) == {"tier": 2, "built": "2000-01-01"}
    assert json.loads(row.after) == {"tier": 1, "delivery": "contracted", "x": None}
    assert abs((dt.datetime.now(dt.UTC) - row.at).total_seconds()) < 60


def test_record_many_in_one_statement(session):
    audit.record_many(session, actor=person("cli"), source="import", entries=[
        ("buildings", f"楼{i}", AuditAction.insert, None, {"i": i}) for i in range(3)])
    session.commit()
    assert len(session.exec(select(AuditLog)).all()) == 3
