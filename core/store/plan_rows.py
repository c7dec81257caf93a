"""Adopted plans' rows (采纳方案): inserted once with their frozen forecast and items, never changed (a revised
plan is the next version of its name), listed and read back; audited."""
from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import func, insert, select
from sqlmodel import Session

from core.store import access, audit
from core.store.access import Actor, Permission
from core.store.db import Refused
from core.store.models import AdoptedPlan, AuditAction, PlanForecast, PlanItem, table_of
from core.store.repo import _frame
from core.store.text import gate

PLAN_COLUMNS: tuple[str, ...] = (
    "id", "name", "version", "adopted_on", "approved_by", "note", "scenario_name", "scenario_version", "levers",
    "base_year", "first_year", "last_year", "draws", "seed", "npv_p10", "npv_p50", "npv_p90", "created_at")


class PlanRefused(Refused):
    """An adoption that was refused: nothing is written."""


def list_plans(session: Session) -> pd.DataFrame:
    """Every adopted plan, newest first: :data:`PLAN_COLUMNS` (empty frame when none)."""
    t = table_of(AdoptedPlan)
    frame = _frame(session, select(*(t.c[c] for c in PLAN_COLUMNS)).order_by(t.c.adopted_on.desc(), t.c.id.desc()))
    return frame if len(frame) else pd.DataFrame(columns=list(PLAN_COLUMNS))


def get_plan(session: Session, *, name: str | None = None, version: int | None = None) -> AdoptedPlan | None:
    """A plan by name (its latest version, or ``version``); without a name, the latest adopted."""
    t = table_of(AdoptedPlan)
    stmt = select(AdoptedPlan)
    if name is not None:
        stmt = stmt.where(t.c.name == name)
    if version is not None:
        stmt = stmt.where(t.c.version == version)
    order = (t.c.version.desc(),) if name is not None else (t.c.adopted_on.desc(), t.c.id.desc())
    return session.execute(stmt.order_by(*order)).scalars().first()


def forecast(session: Session, *, plan_id: int) -> pd.DataFrame:
    """A plan's frozen forecast: ``year``, ``lever``, ``building``, ``planned``, ``p10``, ``p50``, ``p90`` [CNY]."""
    t = table_of(PlanForecast)
    return _frame(session, select(t.c.year, t.c.lever, t.c.building, t.c.planned, t.c.p10, t.c.p50, t.c.p90)
                  .where(t.c.plan_id == plan_id).order_by(t.c.year, t.c.lever, t.c.building))


def items(session: Session, *, plan_id: int) -> pd.DataFrame:
    """The items a plan acts on: ``building``, ``service``, ``base_labour``, ``base_price`` [CNY/yr], ``levers`` (JSON)."""
    t = table_of(PlanItem)
    return _frame(session, select(t.c.building, t.c.service, t.c.base_labour, t.c.base_price, t.c.levers)
                  .where(t.c.plan_id == plan_id).order_by(t.c.building, t.c.service))


def insert_plan(session: Session, *, plan: AdoptedPlan, forecast_rows: pd.DataFrame, item_rows: pd.DataFrame,
                actor: Actor, source: str) -> AdoptedPlan:
    """Store an adopted plan as the next version of its name, with its forecast and items; audited.
    Refused (nothing written) for a role that may not adopt, and for a plan without a name or an
    approver; its texts pass the one text gate (control characters out, length, no formula)."""
    access.require(actor, Permission.adopt_plan)
    name = gate(plan.name, model=AdoptedPlan, field="name")
    if not name:
        raise PlanRefused("plans.store.name_empty")
    plan.approved_by = gate(plan.approved_by, model=AdoptedPlan, field="approved_by")
    plan.note = gate(plan.note, model=AdoptedPlan, field="note", multiline=True)
    plan.scenario_name = gate(plan.scenario_name, model=AdoptedPlan, field="scenario_name")
    if not plan.approved_by:
        raise PlanRefused("plans.store.approver_empty")
    t = table_of(AdoptedPlan)
    latest = session.execute(select(func.max(t.c.version)).where(t.c.name == name)).scalar_one()
    plan.name, plan.version = name, int(latest or 0) + 1
    plan.created_at = dt.datetime.now(dt.UTC)
    session.add(plan)
    session.flush()
    assert plan.id is not None
    if len(forecast_rows):
        session.execute(insert(table_of(PlanForecast)), forecast_rows.assign(plan_id=plan.id).to_dict("records"))
    if len(item_rows):
        session.execute(insert(table_of(PlanItem)), item_rows.assign(plan_id=plan.id).to_dict("records"))
    after = audit.row_dict(plan) or {}
    after |= {"forecast_rows": len(forecast_rows), "items": len(item_rows)}
    audit.record(session, actor=actor, source=source, table="plans", key=f"{plan.name}/v{plan.version}",
                 action=AuditAction.insert, after=after)
    return plan
