"""Saved scenarios' rows: listed, read, inserted, updated and deleted with optimistic locking (a change made against a version someone else has changed since is refused and nothing is written), audited."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import delete, select, update
from sqlmodel import Session

from core.i18n import label
from core.store import access, audit
from core.store.access import Actor, Permission
from core.store.db import Refused
from core.store.models import (
    AuditAction,
    Scenario,
    ScenarioStatus,
    table_of,
)
from core.store.repo import _frame
from core.store.text import gate


# --- saved scenarios, as the meeting pack lists them ----------------------------------------------
def list_scenarios(session: Session) -> pd.DataFrame:
    """Saved scenarios by name: ``name``, ``owner``, ``description``, ``levers`` (JSON text), ``version``,
    ``updated_at``, ``id`` (empty frame when none are saved)."""
    table = table_of(Scenario)
    columns = ["name", "owner", "description", "levers", "version", "updated_at", "id", *SCENARIO_TRAIL]
    frame = _frame(session, select(*(table.c[c] for c in columns)).order_by(table.c.name))
    if frame.empty:
        return pd.DataFrame(columns=columns)
    return frame


SCENARIO_TRAIL: tuple[str, ...] = ("created_at", "status", "submitted_by", "submitted_at", "approved_by", "approved_at",
                                   "results", "data_as_of")
# the steps a saved scenario may take: from → to (a new version always goes back to draft)
STATUS_STEPS: frozenset[tuple[str, str]] = frozenset({
    (ScenarioStatus.draft.value, ScenarioStatus.review.value),
    (ScenarioStatus.review.value, ScenarioStatus.approved.value),
    (ScenarioStatus.review.value, ScenarioStatus.draft.value),
    (ScenarioStatus.approved.value, ScenarioStatus.draft.value),
})


class ScenarioRefused(Refused):
    """A change to a saved scenario that was refused."""


class StaleScenario(ScenarioRefused):
    """Someone else saved (or renamed, or deleted) the scenario since it was loaded: nothing is written."""


def get_scenario(session: Session, *, name: str) -> Scenario | None:
    """One saved scenario by name."""
    return session.execute(select(Scenario).where(table_of(Scenario).c.name == name)).scalars().first()


def _check_name(session: Session, name: str, *, other_than: int | None = None) -> str:
    name = gate(name, model=Scenario, field="name")  # control characters out, length, no formula
    if not name:
        raise ScenarioRefused("sim.store.name_empty")
    found = get_scenario(session, name=name)
    if found is not None and found.id != other_than:
        raise ScenarioRefused("sim.store.name_taken", name=name)
    return name


def insert_scenario(session: Session, *, name: str, levers: str, description: str = "", owner: str = "",
                    actor: Actor, source: str, results: str = "", data_as_of: dt.datetime | None = None) -> Scenario:
    """Save a new scenario (version 1, a draft) with the results it was computed with, audited; a name
    already taken is refused."""
    access.require(actor, Permission.save_scenario)
    now = dt.datetime.now(dt.UTC)
    row = Scenario(name=_check_name(session, name), owner=gate(owner or actor.audit_name, model=Scenario, field="owner"),
                   description=gate(description, model=Scenario, field="description", multiline=True),
                   levers=levers, version=1, created_at=now, updated_at=now, results=results, data_as_of=data_as_of)
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, source=source, table="scenarios", key=row.name,
                 action=AuditAction.insert, after=row)
    return row


def update_scenario(session: Session, *, scenario_id: int, seen_version: int, actor: Actor, source: str,
                    name: str | None = None, levers: str | None = None, description: str | None = None,
                    results: str | None = None, data_as_of: dt.datetime | None = None,
                    status: str | None = None) -> Scenario:
    """Change a saved scenario if nobody else has since ``seen_version`` (optimistic locking).

    One ``UPDATE … WHERE id = :id AND version = :seen`` bumps the version; when it changes no row,
    :class:`StaleScenario` is raised and nothing is written. New levers make the scenario a draft
    again (what was approved is not what is saved now). ``status`` moves it one step of
    :data:`STATUS_STEPS` (who may approve is decided above the store), recording who and when.
    Audited with before → after.
    """
    access.require(actor, Permission.save_scenario)
    current = session.get(Scenario, scenario_id)
    if current is None:
        raise StaleScenario("sim.store.gone", version=seen_version)
    before = audit.row_dict(current)
    values: dict[str, Any] = {"version": seen_version + 1, "updated_at": dt.datetime.now(dt.UTC)}
    if name is not None:
        values["name"] = _check_name(session, name, other_than=scenario_id)
    if levers is not None:
        values["levers"] = levers
    if description is not None:
        values["description"] = gate(description, model=Scenario, field="description", multiline=True)
    if results is not None:
        values["results"], values["data_as_of"] = results, data_as_of
    if levers is not None and levers != current.levers:
        values.update(status=ScenarioStatus.draft.value, submitted_by="", submitted_at=None, approved_by="",
                      approved_at=None)
    if status is not None:
        if (current.status, status) not in STATUS_STEPS:
            was = current.status
            raise ScenarioRefused("scen.status.step_refused", name=current.name,
                                  status_from=lambda lang: label("scen_status", was, lang),
                                  status_to=lambda lang: label("scen_status", status, lang))
        values["status"] = status
        if status == ScenarioStatus.review.value:
            values.update(submitted_by=actor.audit_name, submitted_at=values["updated_at"])
        elif status == ScenarioStatus.approved.value:
            values.update(approved_by=actor.audit_name, approved_at=values["updated_at"])
        else:
            values.update(approved_by="", approved_at=None)
    tbl = table_of(Scenario)
    done = session.execute(update(tbl).where(tbl.c.id == scenario_id, tbl.c.version == seen_version).values(values))
    if done.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(current)
        raise StaleScenario("sim.store.stale", name=current.name, seen=seen_version, version=current.version)
    session.refresh(current)
    audit.record(session, actor=actor, source=source, table="scenarios", key=current.name,
                 action=AuditAction.update, before=before, after=current)
    return current


def delete_scenario(session: Session, *, scenario_id: int, seen_version: int, actor: Actor, source: str) -> None:
    """Delete a saved scenario unless someone changed it since ``seen_version``; audited."""
    access.require(actor, Permission.delete_scenario)
    current = session.get(Scenario, scenario_id)
    if current is None:
        raise StaleScenario("sim.store.gone", version=seen_version)
    before = audit.row_dict(current)
    tbl = table_of(Scenario)
    done = session.execute(delete(tbl).where(tbl.c.id == scenario_id, tbl.c.version == seen_version))
    if done.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(current)
        raise StaleScenario("sim.store.stale", name=current.name, seen=seen_version, version=current.version)
    session.expunge(current)
    audit.record(session, actor=actor, source=source, table="scenarios", key=str(before and before["name"]),
                 action=AuditAction.delete, before=before)
