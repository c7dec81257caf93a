"""Saved scenarios (方案): load, save with optimistic locking, rename, copy, delete, and the demo's examples."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session

from core.simulation.levers import Levers, parse_levers, to_json
from core.store import access, repo, scenario_rows
from core.store.access import Actor, Permission
from core.store.models import Scenario, ScenarioStatus


# --- saved scenarios (方案) ------------------------------------------------------------------------
@dataclass(frozen=True)
class Saved:
    """A saved scenario as loaded: what a later save must name to be accepted (id and version)."""

    id: int
    name: str
    version: int
    levers: Levers
    description: str = ""
    owner: str = ""
    status: str = ScenarioStatus.draft.value


def _saved(row: Scenario) -> Saved:
    assert row.id is not None
    return Saved(id=row.id, name=row.name, version=row.version, levers=parse_levers(row.levers),
                 description=row.description, owner=row.owner, status=row.status)


def may_approve(actor: Actor | None) -> bool:
    """Whether ``actor`` may approve a scenario (批准) or send it back: the roles of
    :attr:`Permission.approve_scenario` in the one matrix (:data:`core.store.access.MATRIX`)."""
    return actor is not None and actor.may(Permission.approve_scenario)


def load(session: Session, *, name: str) -> Saved | None:
    """The saved scenario called ``name`` (None if there is none)."""
    row = scenario_rows.get_scenario(session, name=name)
    return None if row is None else _saved(row)


def save(session: Session, *, name: str, levers: Levers | dict[str, Any] | str, actor: Actor, source: str,
         description: str | None = None, scenario_id: int | None = None, seen_version: int | None = None,
         results: dict[str, Any] | None = None) -> Saved:
    """Save levers as a new scenario (no ``scenario_id``) or over the one loaded at ``seen_version``.

    The levers are checked first; saving over a scenario that someone else has changed since is
    refused (:class:`core.store.scenario_rows.StaleScenario`) and the stored scenario stays as it is.
    ``results`` (the headline figures as computed now) are kept with the version, with the time the
    data last changed, so the scenario shows what it was saved with after the data change.
    """
    text = to_json(parse_levers(levers))
    kept = json.dumps(results, ensure_ascii=False, default=str) if results is not None else None
    as_of = repo.data_changed_at(session) if results is not None else None
    if scenario_id is None:
        return _saved(scenario_rows.insert_scenario(session, name=name, levers=text, description=description or "",
                                           actor=actor, source=source, results=kept or "", data_as_of=as_of))
    if seen_version is None:
        raise ValueError("saving over a scenario needs the version it was loaded at")
    return _saved(scenario_rows.update_scenario(session, scenario_id=scenario_id, seen_version=seen_version, name=name,
                                       levers=text, description=description, actor=actor, source=source,
                                       results=kept, data_as_of=as_of))


def submit(session: Session, *, scenario_id: int, seen_version: int, actor: Actor, source: str) -> Saved:
    """拟稿 → 审核: put a drafted scenario up for approval (who and when are recorded)."""
    return _saved(scenario_rows.update_scenario(session, scenario_id=scenario_id, seen_version=seen_version,
                                                status=ScenarioStatus.review.value, actor=actor, source=source))


def approve(session: Session, *, scenario_id: int, seen_version: int, actor: Actor, source: str) -> Saved:
    """审核 → 批准 by an actor whose role may approve (:attr:`Permission.approve_scenario`); anyone else
    is refused (:class:`core.store.access.Refused`) and nothing is written."""
    access.require(actor, Permission.approve_scenario)
    return _saved(scenario_rows.update_scenario(session, scenario_id=scenario_id, seen_version=seen_version,
                                                status=ScenarioStatus.approved.value, actor=actor, source=source))


def send_back(session: Session, *, scenario_id: int, seen_version: int, actor: Actor, source: str) -> Saved:
    """审核 or 批准 → 拟稿: return a scenario to its drafters (only an actor who may approve)."""
    access.require(actor, Permission.approve_scenario)
    return _saved(scenario_rows.update_scenario(session, scenario_id=scenario_id, seen_version=seen_version,
                                                status=ScenarioStatus.draft.value, actor=actor, source=source))


def rename(session: Session, *, scenario_id: int, seen_version: int, name: str, actor: Actor, source: str) -> Saved:
    """Rename a saved scenario (refused if it changed since ``seen_version`` or the name is taken)."""
    return _saved(scenario_rows.update_scenario(session, scenario_id=scenario_id, seen_version=seen_version, name=name,
                                       actor=actor, source=source))


def duplicate(session: Session, *, name: str, new_name: str, actor: Actor, source: str) -> Saved:
    """Save a copy of the scenario ``name`` (levers and description) as ``new_name``."""
    original = load(session, name=name)
    if original is None:
        raise scenario_rows.StaleScenario("sim.store.gone_name", name=name)
    return save(session, name=new_name, levers=original.levers, description=original.description, actor=actor,
                source=source)


def remove(session: Session, *, scenario_id: int, seen_version: int, actor: Actor, source: str) -> None:
    """Delete a saved scenario (refused if it changed since ``seen_version``)."""
    scenario_rows.delete_scenario(session, scenario_id=scenario_id, seen_version=seen_version, actor=actor, source=source)


def load_examples(session: Session, path: Path, *, actor: Actor, source: str) -> int:
    """Save the example scenarios of a JSON file (a list of ``name``, ``description``, ``levers``)
    that are not saved yet; returns how many were added."""
    added = 0
    for entry in json.loads(path.read_text(encoding="utf-8")):
        if scenario_rows.get_scenario(session, name=entry["name"]) is None:
            save(session, name=entry["name"], levers=entry["levers"], description=entry.get("description", ""),
                 actor=actor, source=source)
            added += 1
    return added
