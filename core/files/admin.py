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
from core.store import db, repo
from core.store.layout import REFERENCE_TABLES

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
    demo: bool = False,
    force: bool = False,
    frames: dict[str, pd.DataFrame] | None = None,
    dataset: str | None = None,
) -> dict[str, int]:
    """Create the schema and load the reference tables, plus the demo city and its example scenarios
    (or ``frames``).

    Refuses (:class:`core.store.db.StoreError`) to touch a store that already holds buildings unless
    ``force``, which replaces it. Everything is loaded in one transaction.
    """
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
        counts = loader.load_frames(session, frames=tables)
        if demo and EXAMPLE_SCENARIOS.exists():
            counts["scenarios"] = scenarios.load_examples(session, EXAMPLE_SCENARIOS, actor="system", source="init-db")
        if demo and EXAMPLE_PLANS.exists():
            counts["plans"] = plans.load_examples(session, EXAMPLE_PLANS, actor="system", source="init-db")
        repo.set_meta(session, values={
            "app_id": APP_ID,
            "dataset": dataset or ("demo" if demo else "empty"),
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        })
    return counts


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
