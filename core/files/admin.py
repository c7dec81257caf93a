"""Store administration shared by the CLI and the app: create, seed, describe."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session

from core.domain.modes import MODE_ORDER, modes_of_buildings
from core.files import loader
from core.files.io import read_folder
from core.simulation import plans, scenarios
from core.store import access, db, repo, users
from core.store.access import Actor, Permission
from core.store.auth_settings import AuthSettings
from core.store.layout import REFERENCE_TABLES
from core.store.models import Role

APP_ID = "jgsw-support-services-dashboard"
SYNTHETIC_DATASETS = frozenset({"demo", "synthetic"})  # invented data: every page and pack says so


def is_synthetic(meta: dict[str, str]) -> bool:
    """Whether the store holds invented data (the demo city or a benchmark city)."""
    return meta.get("dataset", "") in SYNTHETIC_DATASETS
REFERENCE_DIR = db.ROOT / "data" / "reference"
DEMO_DIR = db.ROOT / "data" / "demo"
EXAMPLE_SCENARIOS = DEMO_DIR / "scenarios.json"  # three example scenarios shipped with the demo city
EXAMPLE_PLANS = DEMO_DIR / "plans.json"  # the plan the demo city adopted in 2023 (the Delivery page's story)


def init_store(
    engine: Engine,
    *,
    actor: Actor,
    demo: bool = False,
    force: bool = False,
    frames: dict[str, pd.DataFrame] | None = None,
    dataset: str | None = None,
) -> dict[str, int]:
    """Create the schema and load the reference tables, plus the demo city and its example scenarios
    (or ``frames``).

    Refuses (:class:`core.store.db.StoreError`) to touch a store that already holds buildings unless
    ``force``, which replaces it. Everything is loaded in one transaction. The accounts are made
    separately (:func:`first_accounts`), so that their passwords can be shown once.
    """
    access.require(actor, Permission.init_store)
    db.check_connection(engine)
    if force:  # whatever exists goes, even a half-made store
        db.drop_schema(engine)
    elif db.has_schema(engine):
        with Session(engine) as session:
            if not repo.is_empty(session):
                n = repo.table_counts(session)["buildings"]
                raise db.StoreError(
                    f"the database {db.display_url(str(engine.url))} already holds {n} buildings; "
                    "use --force to replace everything in it"
                )
    db.create_schema(engine)
    tables = read_folder(REFERENCE_DIR, REFERENCE_TABLES)
    if demo:
        tables.update(read_folder(DEMO_DIR))
    if frames:
        tables.update(frames)
    with db.session_scope(engine) as session:
        counts = loader.load_frames(session, frames=tables, actor=actor)
        if demo and EXAMPLE_SCENARIOS.exists():
            counts["scenarios"] = scenarios.load_examples(session, EXAMPLE_SCENARIOS, actor=actor, source="init-db")
        if demo and EXAMPLE_PLANS.exists():
            counts["plans"] = plans.load_examples(session, EXAMPLE_PLANS, actor=actor, source="init-db")
        repo.set_meta(session, values={
            "app_id": APP_ID,
            "dataset": dataset or ("demo" if demo else "empty"),
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        })
    return counts


def first_accounts(engine: Engine, *, actor: Actor, settings: AuthSettings | None = None,
                   demo: bool | None = None) -> list[tuple[str, Role, str]]:
    """The first admin (and, on the demo city, a demo account per other role) if the store has no
    accounts yet, each with a random password to show once: (login, role, password)."""
    with db.write_scope(engine) as session:
        if demo is None:
            demo = repo.get_meta(session).get("dataset") == "demo"
        return users.first_accounts(session, actor=actor, settings=settings or AuthSettings.load(), demo=demo)


def complete_book(session: Session, *, actor: Actor, source: str) -> list[str]:
    """Add to the store's assumption book every factor of the reference book it lacks (a store made, or
    a backup taken, before the factor existed: e.g. the Standards page's "far below" line, or the limits
    an import is checked against), in the caller's transaction and audited under ``actor``; a factor the
    store has is left as the Bureau set it. Returns the keys added."""
    reference = read_folder(REFERENCE_DIR, ("assumptions",))["assumptions"]
    have = set(repo.natural_frames(session, tables=["assumptions"])["assumptions"]["key"])
    missing = reference.loc[~reference["key"].isin(have)]
    if len(missing):
        loader.load_frames(session, frames={"assumptions": missing}, actor=actor, source=source)
    return sorted(set(missing["key"]))


def complete_scores(session: Session, *, actor: Actor, source: str) -> int:
    """Give a store without non-cost scores (made, or a backup taken, before they were kept in the store)
    the shipped defaults, in the caller's transaction and audited under ``actor``; scores the store has
    are left as the Bureau set them (none are added to a table that holds any). Returns the rows added."""
    if repo.table_counts(session)["noncost_criteria"]:
        return 0
    reference = read_folder(REFERENCE_DIR, ("noncost_criteria",))["noncost_criteria"]
    return loader.load_frames(session, frames={"noncost_criteria": reference}, actor=actor,
                              source=source).get("noncost_criteria", 0)


def store_info(engine: Engine) -> dict[str, Any]:
    """The database URL (password hidden), rows per table and buildings per derived mode."""
    db.check_connection(engine)
    info: dict[str, Any] = {"database_url": db.display_url(str(engine.url)), "schema": db.has_schema(engine)}
    if not info["schema"]:
        return info | {"tables": {}, "buildings_per_mode": {}}
    with Session(engine) as session:
        info["tables"] = repo.table_counts(session)
        info["meta"] = repo.get_meta(session)
        p = repo.load_portfolio(session)
    modes = modes_of_buildings(p.arrangements, p.buildings["id"])
    per_mode = {m.value: int((modes == m.value).sum()) for m in MODE_ORDER}
    per_mode["none"] = int(modes.isna().sum())
    info["buildings_per_mode"] = per_mode
    return info


def demo_dir() -> Path:
    """Where the demo city's CSV files live."""
    return DEMO_DIR
