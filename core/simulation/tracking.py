"""Does the adopted plan deliver (执行跟踪): planned against actual saving, by year, lever and building.

For each year of the plan that the ledger has reached, and each item the plan acts on:

- **counterfactual** = the item's base-year full cost (frozen at adoption) carried forward with that
  year's *actual* indices: the part that grows with wages by the wage index, the rest by the price index;
- **actual saving** = counterfactual − the item's full cost in that year (:mod:`core.domain.costing`: the
  recorded ledger with the book's on-cost and indirect rates).

The wage index is the ratio of the annual mean minimum wage (the book's ``min_wage_class1`` series, to which
service workers' pay is tied) in that year to the base year's; a book without that series compounds
``wage_growth`` in force each year. The price index compounds ``price_inflation`` in force each year (enter
each year's CPI as a dated row of the book to track against actual inflation).

An item's actual saving is split among the levers that act on it in proportion to their planned saving at
full effect (frozen with the plan); sums are exact to the fen (largest remainders). Cost the ledger never
shows — unified management's indirect cost, say — is saved only in the plan: the page says so. The **variance**
is actual − planned; a cell is **flagged** when its actual saving falls below the plan's P10.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from core.domain import costing
from core.store.book import AssumptionBook
from core.store.repo import Portfolio

COLUMNS: tuple[str, ...] = ("year", "lever", "building", "planned", "p10", "p50", "p90", "actual", "variance",
                            "below_p10")


def wage_index(book: AssumptionBook, base: int, year: int) -> float:
    """Wages in ``year`` relative to ``base`` (see the module docstring)."""
    if "min_wage_class1" in book:
        return book.annual_mean("min_wage_class1", year) / book.annual_mean("min_wage_class1", base)
    return _compounded(book, "wage_growth", base, year)


def price_index(book: AssumptionBook, base: int, year: int) -> float:
    """Prices in ``year`` relative to ``base``: ``price_inflation`` in force each year, compounded."""
    return _compounded(book, "price_inflation", base, year)


def _compounded(book: AssumptionBook, key: str, base: int, year: int) -> float:
    out = 1.0
    for y in range(base + 1, year + 1):
        out *= 1 + costing.factor_in_year(book, key, y).value
    return out


def track(p: Portfolio, *, base_year: int, first_year: int, last_year: int, forecast: pd.DataFrame,
          items: pd.DataFrame) -> pd.DataFrame:
    """Planned, P10, P50, P90, actual and variance [CNY, to the fen] and the P10 flag, by year, lever and
    building, for the plan's years the ledger has reached (:data:`COLUMNS`). ``forecast`` and ``items``
    are the plan's frozen rows (:func:`core.store.plan_rows.forecast`, :func:`core.store.plan_rows.items`)."""
    years = [y for y in range(first_year, last_year + 1) if y in set(p.years)]
    plan = forecast.loc[forecast["year"].isin(years)].copy()
    actual = _actual(p, base_year, years, items)
    out = plan.merge(actual, on=["year", "lever", "building"], how="outer")
    for col in ("planned", "p10", "p50", "p90"):
        out[col] = out[col].astype(float).fillna(0.0)
    out["actual_fen"] = out["actual_fen"].fillna(0).astype(np.int64)
    out["actual"] = out["actual_fen"] / 100
    out["variance"] = (out["actual_fen"] - np.rint(out["planned"] * 100).astype(np.int64)) / 100
    out["below_p10"] = out["actual_fen"] < np.rint(out["p10"] * 100).astype(np.int64)
    out = out.sort_values(["year", "building", "lever"], kind="stable").reset_index(drop=True)
    return out[list(COLUMNS)]


def _actual(p: Portfolio, base_year: int, years: list[int], items: pd.DataFrame) -> pd.DataFrame:
    """Actual saving in fen by year, lever and building: ``year``, ``lever``, ``building``, ``actual_fen``."""
    cols = ["year", "lever", "building", "actual_fen"]
    if items.empty or not years:
        return pd.DataFrame(columns=cols)
    names = p.buildings.set_index("id")["name"]
    a = p.arrangements.assign(building=p.arrangements["building_id"].map(names))
    ids = a.set_index(["building", "service"])["id"]
    costs = costing.arrangement_costs(p)
    cost = costs.loc[costs["year"].isin(years)].set_index(["arrangement_id", "year"])["full_cost"]
    book = p.book
    rows = []
    for r in items.itertuples(index=False):
        ident = ids.get((r.building, r.service))
        shares = json.loads(r.levers)
        for year in years:
            if ident is None or (ident, year) not in cost.index:
                continue  # the item is gone from the store, or has no ledger that year
            counterfactual = r.base_labour * wage_index(book, base_year, year) + r.base_price * price_index(
                book, base_year, year)
            saving = int(np.rint(counterfactual * 100)) - int(np.rint(float(cost[(ident, year)]) * 100))
            for lever, fen in split_fen(saving, shares).items():
                rows.append((year, lever, r.building, fen))
    frame = pd.DataFrame(rows, columns=cols)
    return frame.groupby(["year", "lever", "building"], as_index=False)["actual_fen"].sum()


def split_fen(total: int, shares: dict[str, float]) -> dict[str, int]:
    """``total`` fen split in proportion to ``shares``, exactly (largest remainders get the odd fen)."""
    keys = list(shares)
    if not keys:
        return {}
    w = np.array([shares[k] for k in keys], dtype=float)
    w = w / w.sum() if abs(w.sum()) > 1e-12 else np.full(len(keys), 1.0 / len(keys))
    raw = total * w
    base = np.floor(raw).astype(np.int64)
    left = int(total - base.sum())
    order = np.argsort(-(raw - base), kind="stable")
    base[order[:left]] += 1
    return {k: int(v) for k, v in zip(keys, base)}
