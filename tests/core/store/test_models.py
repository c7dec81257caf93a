"""The store's constraints refuse bad rows; natural keys are unique."""
import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlmodel import Session

from core.store.models import Building, CostRecord, Department, DepartmentKind, ServiceItem
from tests.conftest import both_backends

pytestmark = both_backends
UNIQUE = "(?i)unique|duplicate key"  # SQLite / PostgreSQL wording
FOREIGN_KEY = "(?i)foreign key"


def _bureau(session: Session) -> Department:
    d = Department(name="机关事务管理局", kind=DepartmentKind.bureau, staff_headcount=10)
    session.add(d)
    session.commit()
    return d


def test_negative_area_is_refused(session):
    d = _bureau(session)
    session.add(Building(name="甲楼", gross_floor_area_m2=-1, year_built=2000, tier=2, managed_by_id=d.id))
    with pytest.raises(IntegrityError, match="area_positive"):
        session.commit()


def test_negative_money_is_refused(session, tiny):
    with pytest.raises(IntegrityError, match="money_nonneg"):
        session.execute(text("UPDATE costrecord SET labour = -5 WHERE id = (SELECT min(id) FROM costrecord)"))


def test_unknown_enum_value_is_refused(session):
    with pytest.raises(IntegrityError):
        session.execute(text("INSERT INTO department (name, kind, staff_headcount) VALUES ('x', 'ministry', 1)"))
    session.rollback()
    with pytest.raises((StatementError, LookupError)):
        session.add(Department(name="y", kind="ministry", staff_headcount=1))  # type: ignore[arg-type]
        session.flush()


def test_dangling_foreign_key_is_refused(session):
    with pytest.raises(IntegrityError, match=FOREIGN_KEY):
        session.execute(text(
            "INSERT INTO building (name, district, gross_floor_area_m2, year_built, tier, managed_by_id) "
            "VALUES ('甲楼', '', 100, 2000, 2, 999)"))


def test_building_names_are_unique(session):
    d = _bureau(session)
    session.add(Building(name="甲楼", gross_floor_area_m2=100, year_built=2000, tier=2, managed_by_id=d.id))
    session.commit()
    session.add(Building(name="甲楼", gross_floor_area_m2=200, year_built=2001, tier=2, managed_by_id=d.id))
    with pytest.raises(IntegrityError, match=UNIQUE):
        session.commit()


def test_one_cost_record_per_arrangement_year_and_month(session, tiny):
    first = tiny.costs.iloc[0]
    session.add(CostRecord(arrangement_id=int(first["arrangement_id"]), year=int(first["year"]), month=0))
    with pytest.raises(IntegrityError, match=UNIQUE):
        session.commit()


def test_service_codes_are_unique_and_enumerated(session, tiny):
    with pytest.raises(IntegrityError):
        session.add(ServiceItem(code="cleaning", name_zh="保洁", name_en="Cleaning", restricted=False,
                                paid_at_actual=False))
        session.commit()
    session.rollback()
    with pytest.raises(IntegrityError):
        session.execute(text("INSERT INTO serviceitem (code, name_zh, name_en, restricted, paid_at_actual, sort_order)"
                             " VALUES ('laundry', '洗衣', 'Laundry', false, false, 13)"))


def test_quarter_and_tier_ranges(session, tiny):
    with pytest.raises(IntegrityError, match="quarter_range"):
        session.execute(text("INSERT INTO qualityassessment (building_id, year, quarter, assessor) VALUES (1, 2025, 5, '')"))
    session.rollback()
    with pytest.raises(IntegrityError, match="tier_range"):
        session.execute(text("UPDATE building SET tier = 4 WHERE id = 1"))


def test_scores_out_of_range_are_refused(session, tiny):
    with pytest.raises(IntegrityError, match="cleaning_range"):
        session.execute(text(
            "INSERT INTO qualityassessment (building_id, year, quarter, cleaning, assessor) VALUES (1, 2025, 1, 101, '')"))


def test_contract_term_must_not_end_before_it_starts(session, tiny):
    with pytest.raises(IntegrityError, match="term_order"):
        session.execute(text("UPDATE contract SET end_date = :d WHERE code = 'HT-1'"), {"d": dt.date(2020, 1, 1)})
