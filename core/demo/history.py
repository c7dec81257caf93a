"""The demo city's recent past (:data:`core.demo.city.DEMO_PLAN`): the plan adopted in 2023 — cleaning bundled
into two lots, fees capped at renewal — and what its contracts and 2023–2025 ledger show since.

In the buildings not wholly outsourced, the district cleaning contracts ran to the end of June 2023; the two
lots tendered then came in ``lot_discount`` below them, and where a cleaning fee was above its capped
standard the renewal removed ``cap_delivered`` of the excess. The first lot's tender failed (流标): its old
contracts rolled over at the old price to the end of 2023, and its new prices came only in 2024. The
facilities contract ended in February 2024 and was renewed at the capped fee (``cap_delivered`` of the
excess again). From 2023 the affected items' ledger is their 2022 cost carried forward with the wage and
price indices (a fixed-price contract does not jump about), less those cuts from their dates.

Everything here works on the generator's rows (building, service, delivery …): the simulator's forecast for
the plan is made at init-db by :func:`core.files.admin.init_store`, on the ledger as it stood in 2022.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from core.demo.city import AREA_BANDS, SICHUAN_REPAIRS, STANDARD_LEVEL, TIER_STANDARD, PastPlan
from core.domain.procurement import form_lots

VENDOR_LINES: tuple[str, ...] = ("labour", "on_costs", "management_fee", "tax")


@dataclass(frozen=True)
class Member:
    """An outsourced item of the plan: who delivers it and where."""

    building: str
    service: str
    delivery: str
    district: str
    area: float
    tier: int


def standard_fee(service: str, tier: int, area: float) -> float | None:
    """The unified fee standard [CNY/(m²·month)] of a service for a building (as the reference table has it)."""
    level = STANDARD_LEVEL.get(service)
    if level is None:
        return None
    band = next(i for i, (lo, hi) in enumerate(AREA_BANDS) if lo < area <= hi)
    return round(level * (SICHUAN_REPAIRS[band] / SICHUAN_REPAIRS[3]) ** 0.75 * TIER_STANDARD[tier], 2)


def _share_after(day: dt.date, year: int) -> float:
    """The share of ``year`` on or after ``day``."""
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    if day <= start:
        return 1.0
    if day >= end:
        return 0.0
    return (end - day).days / (end - start).days


def cleaning_lots(plan: PastPlan, members: Iterable[Member]) -> dict[tuple[str, str], int]:
    """The lot each cleaning member went into (the simulator's rule, :func:`core.domain.procurement.form_lots`)."""
    cleaning = [m for m in members if m.service == "cleaning"]
    lots = form_lots(pd.Series([m.district for m in cleaning]), pd.Series([m.area for m in cleaning]), plan.lots)
    return {(cleaning[i].building, "cleaning"): int(n) for i, n in lots.items()}


def deliver(plan: PastPlan, members: list[Member], costs: pd.DataFrame, wage: dict[int, float],
            price_growth: float, tolerance: float) -> dict[tuple[str, str], float]:
    """Rewrite the affected items' 2023–2025 ledger in ``costs`` (in place, see the module docstring);
    returns each affected item's cut (share of its vendor fee)."""
    base = plan.base_year
    lots = cleaning_lots(plan, members)
    lot_day = {n: dt.date.fromisoformat(plan.failed_lot_start if n == plan.failed_lot else plan.lot_start)
               for n in range(plan.lots)}
    fac_day = dt.date.fromisoformat(plan.facilities_end) + dt.timedelta(days=1)
    cuts: dict[tuple[str, str], float] = {}
    for m in members:
        rows = (costs["building"] == m.building) & (costs["service"] == m.service)
        ref = costs.loc[rows & (costs["year"] == base)].iloc[0]
        lines = [*VENDOR_LINES, "materials"] if m.delivery == "contracted" else list(VENDOR_LINES)
        billed = float(ref[lines].sum())
        recorded = float(ref[[*VENDOR_LINES, "materials"]].sum())
        fee = standard_fee(m.service, m.tier, m.area)
        excess = 0.0 if fee is None else min(billed, max(0.0, recorded - fee * m.area * 12 * (1 + tolerance)))
        cap = plan.cap_delivered * excess / billed if billed else 0.0
        if m.service == "cleaning":
            cut, day = 1 - (1 - plan.lot_discount) * (1 - cap), lot_day[lots[(m.building, m.service)]]
        else:
            cut, day = cap, fac_day
        cuts[(m.building, m.service)] = cut
        for year in sorted(int(y) for y in costs.loc[rows, "year"].unique() if y > base):
            at = rows & (costs["year"] == year)
            left = 1 - _share_after(day, year) * cut
            for col in VENDOR_LINES:
                costs.loc[at, col] = round(float(ref[col]) * wage[year] / wage[base] * left, 2)
            grow = (1 + price_growth) ** (year - base)
            costs.loc[at, "materials"] = round(float(ref["materials"]) * grow * (left if m.delivery == "contracted" else 1), 2)
    return cuts


def contracts(plan: PastPlan, members: list[Member], contract_rows: list[dict[str, object]],
              assignment: dict[tuple[str, str], str], costs: pd.DataFrame) -> pd.DataFrame:
    """Replace the district cleaning contracts by the two 2023 lots (keeping the old ones on the register as
    history), date the facilities contract as renewed after its failed tender, and return which contract
    each affected item was on when the plan was adopted: ``building``, ``service``, ``contract``."""
    by_code = {str(c["code"]): c for c in contract_rows}
    cleaning = [m for m in members if m.service == "cleaning"]
    at_adoption: list[tuple[str, str, str]] = []
    history: dict[str, str] = {}
    for i, code in enumerate(sorted({assignment[(m.building, m.service)] for m in cleaning}), start=101):
        old = by_code.pop(code)
        new_code = f"JGSW-2020-{i:03d}"
        history[code] = new_code
        by_code[new_code] = {**old, "code": new_code, "signed_on": "2020-06-10", "start_date": "2020-07-01",
                             "end_date": "2023-06-30", "review_date": "",
                             "annual_price": _price(costs, assignment, code, plan.base_year)}
    for m in cleaning:
        at_adoption.append((m.building, m.service, history[assignment[(m.building, m.service)]]))
    lots = cleaning_lots(plan, cleaning)
    for n in range(plan.lots):
        group = [m for m in cleaning if lots[(m.building, m.service)] == n]
        olds = [by_code[history[assignment[(m.building, m.service)]]] for m in group]
        vendor = plan.lot_vendors[n]
        code = f"JGSW-2023-{n + 1:03d}"
        names = [m.building for m in group]
        failed = n == plan.failed_lot
        start = dt.date.fromisoformat(plan.failed_lot_start if failed else plan.lot_start)
        end = dt.date(start.year + 3, start.month, 1) - dt.timedelta(days=1)
        by_code[code] = {"code": code, "title": f"城区保洁服务第{'一二三四'[n]}标段（{'、'.join(names[:3])}{'等' if len(names) > 3 else ''}）",
                         "vendor": vendor, "channel": "public_tender",
                         "signed_on": (start - dt.timedelta(days=26)).isoformat(), "start_date": start.isoformat(),
                         "end_date": end.isoformat(), "review_date": "", "annual_price": 0.0, "lot": ("lot2023", n)}
        if failed:  # the old contracts rolled over: say so on them
            for old in olds:
                if "流标" not in str(old["title"]):
                    until = start - dt.timedelta(days=1)
                    old["title"] = f"{old['title']}（2023 年新标段流标，按原价续期至 {until.isoformat()}）"
        for m in group:
            assignment[(m.building, m.service)] = code
    for code in {f"JGSW-2023-{n + 1:03d}" for n in range(plan.lots)}:
        by_code[code]["annual_price"] = _price(costs, assignment, code, int(costs["year"].max()))
    renewed = dt.date.fromisoformat(plan.facilities_end) + dt.timedelta(days=1)
    for m in (m for m in members if m.service == "facilities"):
        code = assignment[(m.building, m.service)]
        current = by_code[code]
        old_code = history.get(code) or f"JGSW-2021-{len(history) + 101:03d}"
        if code not in history:
            history[code] = old_code
            by_code[old_code] = {**current, "code": old_code, "signed_on": "2021-02-10", "start_date": "2021-03-01",
                                 "end_date": plan.facilities_end, "review_date": "", "channel": "public_tender",
                                 "annual_price": _price(costs, assignment, code, plan.base_year)}
            current.update({"signed_on": (renewed - dt.timedelta(days=20)).isoformat(),
                            "start_date": renewed.isoformat(), "end_date": "2027-02-28", "review_date": ""})
        at_adoption.append((m.building, m.service, old_code))
    contract_rows[:] = sorted(by_code.values(), key=lambda c: str(c["code"]))
    return pd.DataFrame(at_adoption, columns=["building", "service", "contract"])


def _price(costs: pd.DataFrame, assignment: dict[tuple[str, str], str], code: str, year: int) -> float:
    """What a contract's items were billed in ``year`` [CNY/yr]."""
    on = [k for k, c in assignment.items() if c == code]
    rows = costs.loc[(costs["year"] == year) & pd.Series(list(zip(costs["building"], costs["service"])),
                                                        index=costs.index).isin(on)]
    return float(round(rows[list(VENDOR_LINES)].sum().sum(), -1))
