"""Adopting a scenario as the plan (采纳方案): its forecast by year, lever and building frozen with who approved
it and when, and the items it acts on with their base-year cost (what :mod:`core.simulation.tracking`
carries forward to measure what the plan delivers).

The forecast is the phased, risk-aware model evaluated building by building (the same function as the
Consolidation page, grouped by building, so the buildings add up to the page's figures): ``planned`` at the
book's values, and P10, P50, P90 over Monte Carlo draws — :data:`DRAWS` of them, fewer for a very large
city so that the draws × levers × buildings × years stay within :data:`CELLS` (never fewer than 250).
Each item's share of every lever's saving is kept too: tracking splits an item's actual saving among the
levers that act on it in that proportion.

The store keeps the plan as adopted: a later change to the book, the ledger or the scenario leaves it as it
was; a revised plan is adopted again under the same name as the next version.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sqlmodel import Session

from core.domain import costing
from core.simulation import risk
from core.simulation.levers import LEVERS, Levers, parse_levers, to_json
from core.simulation.model import evaluate
from core.simulation.plan import base_items, prepare
from core.store import access, plan_rows
from core.store.access import Actor, Permission
from core.store.models import AdoptedPlan
from core.store.repo import Portfolio

DRAWS = risk.DEFAULT_DRAWS
CELLS = 20_000_000  # at most this many draws × levers × buildings × years held at once (~160 MB)
MIN_DRAWS = 250
# what grows with prices (and a contract's administration charged on its materials, one rule with the model)
PRICE_LINES: tuple[str, ...] = ("materials", "energy", "repairs", "depreciation")


@dataclasses.dataclass(frozen=True)
class Forecast:
    """What adopting freezes: by year, lever and building, and the items with their base-year cost."""

    years: tuple[int, ...]
    base_year: int
    by_building: pd.DataFrame  # year, lever, building, planned, p10, p50, p90 [CNY, to the fen]
    items: pd.DataFrame  # building, service, base_labour, base_price [CNY/yr], levers (JSON shares)
    npv: tuple[float, float, float]  # P10, P50, P90 of the plan's NPV saving [CNY]
    draws: int
    seed: int


def forecast(p: Portfolio, levers: Levers | dict[str, Any] | str, *, draws: int = DRAWS,
             seed: int = risk.DEFAULT_SEED) -> Forecast:
    """The plan's forecast by building, and its items (see the module docstring)."""
    lv = parse_levers(levers)
    items = base_items(p)
    plan = prepare(p, lv, items, by="building")
    inputs = risk.uncertain_inputs(p.book)
    levers_n, groups, horizon = len(LEVERS), len(plan.groups), plan.horizon
    n = max(MIN_DRAWS, min(draws, CELLS // max(1, levers_n * groups * horizon)))
    theta = risk.sample(plan, inputs, n, np.random.default_rng(seed))
    step = risk.chunk_size(plan, totals=False)
    parts = [evaluate(plan, theta[:, i:i + step]) for i in range(0, n, step)]
    by_lever = np.concatenate([d.by_lever for d in parts], axis=-1)  # (L, G, H, n)
    npv = np.concatenate([d.npv for d in parts])
    q = np.quantile(by_lever, risk.QUANTILES, axis=-1)  # (3, L, G, H)
    planned = evaluate(plan, plan.theta0[:, None]).by_lever[..., 0]  # (L, G, H)
    rows = []
    for li, lever in enumerate(LEVERS):
        for g, building in enumerate(plan.groups):
            for h, year in enumerate(plan.years):
                cell = (planned[li, g, h], q[0, li, g, h], q[1, li, g, h], q[2, li, g, h])
                if any(abs(x) >= 0.005 for x in cell):
                    rows.append((year, lever, building, *(round(float(x), 2) for x in cell)))
    by_building = pd.DataFrame(rows, columns=["year", "lever", "building", "planned", "p10", "p50", "p90"])
    npv_q = np.quantile(npv, risk.QUANTILES)
    return Forecast(years=plan.years, base_year=plan.base_year, by_building=by_building,
                    items=_items(p, lv, items), npv=(float(npv_q[0]), float(npv_q[1]), float(npv_q[2])),
                    draws=n, seed=seed)


def _items(p: Portfolio, lv: Levers, items: pd.DataFrame) -> pd.DataFrame:
    """Every item with a saving at full effect: its base-year full cost split by what it grows with, and
    each lever's share of its saving."""
    plan = prepare(p, lv, items, by="item")
    full = evaluate(plan, plan.theta0[:, None]).by_group[..., 0]  # (L, items)
    total = full.sum(axis=0)
    acted = np.flatnonzero(np.abs(full).sum(axis=0) > 0.005)
    it = plan.items
    costs = costing.select(costing.arrangement_costs(p), year=plan.base_year).set_index("arrangement_id")
    rows = []
    for i in acted:
        ident = it.at[i, "id"]
        price = labour = 0.0
        if ident in costs.index:
            c = costs.loc[ident]
            price = float(c[list(PRICE_LINES)].sum())
            if c["kind"] == "contracted" and c["indirect_base"] > 0:  # administration on the materials
                price += float(c["indirect"]) * float(c["materials"]) / float(c["indirect_base"])
            labour = float(c["full_cost"]) - price
        shares = (full[:, i] / total[i]) if abs(total[i]) > 0.005 else np.full(len(LEVERS), 1.0 / len(LEVERS))
        used = {lever: round(float(s), 9) for lever, s in zip(LEVERS, shares) if abs(full[LEVERS.index(lever), i]) > 0.005}
        rows.append((it.at[i, "building"], it.at[i, "service"], round(labour, 2), round(price, 2),
                     json.dumps(used, ensure_ascii=False, sort_keys=True)))
    return pd.DataFrame(rows, columns=["building", "service", "base_labour", "base_price", "levers"])


@dataclasses.dataclass(frozen=True)
class Adopted:
    """A plan as adopted (what a caller needs after the transaction has closed)."""

    id: int
    name: str
    version: int
    approved_by: str
    adopted_on: dt.date
    base_year: int
    first_year: int
    last_year: int


def adopt(session: Session, *, p: Portfolio, levers: Levers | dict[str, Any] | str, name: str, approved_by: str,
          adopted_on: dt.date, actor: Actor, source: str, note: str = "", scenario_id: int | None = None,
          scenario_name: str = "", scenario_version: int | None = None, draws: int = DRAWS,
          seed: int = risk.DEFAULT_SEED) -> Adopted:
    """Adopt ``levers`` as the plan ``name`` (its next version): forecast frozen, approver and date recorded,
    audited as ``actor``. Refused (nothing written) for a role that may not adopt (checked before the
    forecast is computed), or without a name or an approver."""
    access.require(actor, Permission.adopt_plan)
    lv = parse_levers(levers)
    f = forecast(p, lv, draws=draws, seed=seed)
    plan = AdoptedPlan(name=name, scenario_id=scenario_id, scenario_name=scenario_name,
                       scenario_version=scenario_version, levers=to_json(lv), adopted_on=adopted_on,
                       approved_by=approved_by, note=note.strip(), base_year=f.base_year, first_year=f.years[0],
                       last_year=f.years[-1], draws=f.draws, seed=f.seed, npv_p10=round(f.npv[0], 2),
                       npv_p50=round(f.npv[1], 2), npv_p90=round(f.npv[2], 2), created_at=dt.datetime.now(dt.UTC))
    row = plan_rows.insert_plan(session, plan=plan, forecast_rows=f.by_building, item_rows=f.items, actor=actor,
                                source=source)
    assert row.id is not None
    return Adopted(id=row.id, name=row.name, version=row.version, approved_by=row.approved_by,
                   adopted_on=row.adopted_on, base_year=row.base_year, first_year=row.first_year,
                   last_year=row.last_year)


def as_of(p: Portfolio, base_year: int, contracts: dict[tuple[str, str], str] | None = None) -> Portfolio:
    """The portfolio as it stood when the ledger ended with ``base_year``: later costs and assessments left
    out, and the named items (building, service) on the contract (code) they had then. For seeding a plan
    adopted in the past (the demo city's): a plan adopted today uses the store as it is."""
    costs = p.costs.loc[p.costs["year"] <= base_year]
    assessments = p.assessments.loc[p.assessments["year"] <= base_year] if len(p.assessments) else p.assessments
    arrangements = p.arrangements.copy()
    if contracts:
        code_id = dict(zip(p.contracts["code"], p.contracts["id"]))
        names = p.buildings.set_index("id")["name"]
        key = arrangements["building_id"].map(names) + "|" + arrangements["service"]
        wanted = {f"{b}|{s}": c for (b, s), c in contracts.items()}
        unknown = sorted(set(wanted.values()) - set(code_id))
        if unknown:
            raise ValueError(f"no contract coded {', '.join(unknown)} in the store")
        hit = key.isin(list(wanted))
        arrangements.loc[hit, "contract_id"] = key[hit].map(wanted).map(code_id)
        arrangements["vendor_id"] = arrangements["contract_id"].map(p.contracts.set_index("id")["vendor_id"])
    return dataclasses.replace(p, costs=costs, assessments=assessments, arrangements=arrangements)


def load_examples(session: Session, path: Path, *, actor: Actor, source: str) -> int:
    """Adopt the plans of a JSON file (the demo city's, see :func:`core.demo.synth.plan_document`) that are
    not adopted yet, each on the store as it stood at its base year; returns how many were adopted."""
    from core.store import repo

    added = 0
    for entry in json.loads(path.read_text(encoding="utf-8")):
        if plan_rows.get_plan(session, name=entry["name"]) is not None:
            continue
        session.flush()
        contracts = {(c["building"], c["service"]): c["contract"] for c in entry.get("contracts_at_adoption", [])}
        then = as_of(repo.load_portfolio(session), int(entry["base_year"]), contracts)
        adopt(session, p=then, levers=entry["levers"], name=entry["name"], approved_by=entry["approved_by"],
              adopted_on=dt.date.fromisoformat(entry["adopted_on"]), note=entry.get("note", ""), actor=actor,
              source=source)
        added += 1
    return added
