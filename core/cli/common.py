"""Helpers every command group shares: printing JSON, loading the portfolio, the acting user, dates."""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from sqlmodel import Session

from core.domain import gates
from core.store import db, layout, limits, repo, scenario_rows

if TYPE_CHECKING:
    from core.simulation.levers import Levers


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _load(*, with_scenarios: bool = False) -> tuple[repo.Portfolio, dict[str, str], pd.DataFrame | None]:
    """The store's portfolio and facts (and its saved scenarios); one line if there is nothing to read."""
    engine = db.make_engine()
    if not db.has_schema(engine):
        raise db.StoreError("the store has no tables yet: run `python -m core init-db --demo`")
    with Session(engine) as session:
        if repo.is_empty(session):
            raise db.StoreError("the store holds no buildings yet: run `python -m core init-db --demo`")
        return (repo.load_portfolio(session), repo.get_meta(session),
                scenario_rows.list_scenarios(session) if with_scenarios else None)


def _year(p: repo.Portfolio, year: int | None) -> int:
    """``year`` if the ledger has it, the latest on record when None; one line otherwise."""
    if year is None:
        return p.latest_year
    if year not in p.years:
        raise ValueError(f"no recorded spending in {year}; years on record: {p.years[0]}-{p.years[-1]}")
    return year


def _portfolio_and_year(year: int | None) -> tuple[repo.Portfolio, int]:
    """The store's portfolio and the year asked for (the latest on record by default)."""
    p = _load()[0]
    return p, _year(p, year)


def _clean(value: object, digits: int) -> object:
    """A JSON-ready number: rounded, NaN as null."""
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else round(float(value), digits)
    if isinstance(value, np.integer):
        return int(value)
    return value


def _files(path: Path, table: str | None) -> list[tuple[str, bytes]]:
    """The file at ``path``, or every CSV/XLSX file in the folder ``path`` (named after its table)."""
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist")
    if path.is_file():
        return [(path.name, path.read_bytes())]
    found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".xlsx"))
    if table:
        found = [p for p in found if layout.table_of_name(p.stem) == table]
    if not found:
        raise ValueError(f"no CSV or XLSX files in {path}")
    for p in found:
        if p.stat().st_size > limits.MAX_FILE_BYTES:
            return [(p.name, p.read_bytes())]  # the importer says what the limit is
    return [(p.name, p.read_bytes()) for p in found]


def _gate_settings(args: argparse.Namespace) -> tuple[repo.Portfolio, gates.GateSettings]:
    """The portfolio and the book's gate settings, judged on ``--on`` (default today) for ``--year``."""
    p = _load()[0]
    s = gates.GateSettings.from_book(p, args.on)
    if args.year is not None:
        _year(p, args.year)
        s = dataclasses.replace(s, year=args.year)
    return p, s


def _num(x: object, digits: int = 1) -> float | None:
    return None if x is None or pd.isna(x) else round(float(x), digits)  # type: ignore[arg-type]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _saved_levers(name: str) -> tuple[Levers, str]:
    """The levers and name of the saved scenario ``name``; :class:`ValueError` naming the saved ones if none is."""
    from core.simulation import scenarios

    with Session(db.make_engine()) as session:
        saved = scenarios.load(session, name=name)
        names = scenario_rows.list_scenarios(session)["name"].tolist()
    if saved is None:
        raise ValueError(f"no saved scenario is named {name!r} (saved: {', '.join(names) or 'none'})")
    return saved.levers, saved.name


def _small_file(path_text: str) -> bytes:
    """A levers or constraints file, never read past what such a file may hold (the parser refuses more)."""
    path = Path(path_text)
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist")
    with path.open("rb") as f:
        return f.read(limits.MAX_LEVERS_BYTES + 1)
