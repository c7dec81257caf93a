"""The data check-up (数据体检): what in the store makes the figures untrustworthy, before a meeting.

Each check returns findings, one row per thing to look at, naming the rows of the store it concerns
(``table`` and ``ids``, the arrangements behind it in ``arrangement_ids``) so that a page can open
them. The checks, for the check year (the latest on record unless told):

- ``ledger_vs_price`` — a contract's vendor-billed ledger (wages, on-costs, management fee and tax of
  the items it covers) differs from its annual price by more than ``ledger_price_tolerance``;
- ``missing_months`` — an item recorded by month lacks some months up to the last month on record;
- ``month_and_year`` — an item has both a whole-year record (月份 0) and monthly ones: counted twice;
- ``no_cost`` — an arrangement with no spending on record in the year;
- ``cost_without_arrangement`` — spending for an item whose arrangement says nobody delivers it (no
  delivery for a service that needs one; in-house without in-house staff; outsourced without a contract);
- ``staffing`` — staff on site more than ``checkup_staffing_factor`` times the norm for the building's
  area (or less than the norm divided by it), the norm never taken below one worker;
- ``yoy_jump`` — an item's spending changed by more than ``checkup_yoy_jump`` from the year before
  (medium and major repairs excluded: they come in lumps by nature);
- ``no_assessment`` — a vendor with contracts in use none of whose buildings was assessed in the last
  four assessed quarters.

Pure: a :class:`~core.store.repo.Portfolio` in, frames out; the thresholds come from the assumption book.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.domain import quality
from core.domain.gates import GateSettings, contract_register
from core.domain.standards import standards_for_arrangements
from core.store.repo import Portfolio

KINDS: tuple[str, ...] = ("ledger_vs_price", "missing_months", "month_and_year", "no_cost", "cost_without_arrangement",
                          "staffing", "yoy_jump", "no_assessment")
COLUMNS: tuple[str, ...] = ("kind", "table", "ids", "arrangement_ids", "building", "service", "vendor", "contract",
                            "year", "actual", "reference", "detail")
BILLED: tuple[str, ...] = ("labour", "on_costs", "management_fee", "tax")  # what a vendor invoices
MIN_CREW = 1.0  # the fewest workers a staffed service has, whatever the area


@dataclass(frozen=True)
class CheckupSettings:
    """What the check-up judges by: the year, the reference date, and the book's thresholds."""

    year: int
    on: dt.date
    tolerance: float  # ledger vs contract price, a fraction
    jump: float  # year-on-year change, a fraction
    staffing_factor: float  # staff vs norm, a multiple
    quarters: int = 4

    @classmethod
    def from_book(cls, p: Portfolio, year: int | None = None, on: dt.date | None = None) -> CheckupSettings:
        """The settings of the assumption book for ``year`` (default: the latest on record)."""
        b = p.book
        return cls(year=p.latest_year if year is None else year, on=on or dt.date.today(),
                   tolerance=b.value("ledger_price_tolerance"), jump=b.value("checkup_yoy_jump"),
                   staffing_factor=b.value("checkup_staffing_factor"))


def _frame(kind: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    out["kind"] = kind
    return out


def _items(p: Portfolio) -> pd.DataFrame:
    """Arrangements with their building name, contract code and vendor name."""
    a = p.arrangements[["id", "building_id", "service", "delivery", "contract_id", "vendor_id", "paid_at_actual",
                        "staff_in_house", "staff_vendor"]].copy()
    a["building"] = a["building_id"].map(p.buildings.set_index("id")["name"])
    a["contract"] = a["contract_id"].map(p.contracts.set_index("id")["code"])
    a["vendor"] = a["vendor_id"].map(p.vendors.set_index("id")["name"])
    return a


def ledger_vs_price(p: Portfolio, s: CheckupSettings) -> pd.DataFrame:
    """Contracts in force in the year whose items' vendor-billed ledger is off their annual price."""
    c = p.contracts.copy()
    start, end = pd.to_datetime(c["start_date"]), pd.to_datetime(c["end_date"])
    c = c.loc[(start <= pd.Timestamp(s.year, 12, 31)) & (end >= pd.Timestamp(s.year, 1, 1))]
    items = _items(p).dropna(subset=["contract_id"])
    costs = p.costs.loc[p.costs["year"] == s.year]
    billed = costs.assign(billed=costs[list(BILLED)].sum(axis=1)).groupby("arrangement_id")["billed"].sum()
    items = items.assign(billed=items["id"].map(billed))
    by = items.groupby("contract_id")
    c = c.assign(billed=c["id"].map(by["billed"].sum(min_count=1)))
    c = c.loc[c["billed"].notna() & (c["annual_price"] > 0)]
    off = (c["billed"] / c["annual_price"] - 1).abs() > s.tolerance
    rows = []
    record_ids = costs.groupby("arrangement_id")["id"].agg(list)
    for r in c.loc[off].itertuples():
        mine = items.loc[items["contract_id"] == r.id]
        ids = sorted(int(i) for a in mine["id"] for i in record_ids.get(a, []))
        rows.append({"table": "cost_records", "ids": tuple(ids), "arrangement_ids": tuple(int(i) for i in mine["id"]),
                     "building": ";".join(dict.fromkeys(mine["building"])), "service": ";".join(dict.fromkeys(mine["service"])),
                     "vendor": p.vendors.set_index("id")["name"].get(r.vendor_id), "contract": r.code, "year": s.year,
                     "actual": float(r.billed), "reference": float(r.annual_price),
                     "detail": float(r.billed / r.annual_price - 1)})
    return _frame("ledger_vs_price", rows)


def month_gaps(p: Portfolio, s: CheckupSettings) -> pd.DataFrame:
    """Items recorded by month with months missing (up to the year's last month on record), and items
    with both a whole-year record and monthly ones."""
    costs = p.costs.loc[p.costs["year"] == s.year, ["id", "arrangement_id", "month"]]
    items = _items(p).set_index("id")
    monthly = costs.loc[costs["month"] > 0]
    last = int(monthly["month"].max()) if len(monthly) else 0
    rows_gap, rows_both = [], []
    whole = set(costs.loc[costs["month"] == 0, "arrangement_id"])
    for aid, g in monthly.groupby("arrangement_id"):
        a = items.loc[aid]
        base = {"arrangement_ids": (int(aid),), "building": a["building"], "service": a["service"],
                "vendor": a["vendor"], "contract": a["contract"], "year": s.year}
        missing = sorted(set(range(1, last + 1)) - set(int(m) for m in g["month"]))
        if missing:
            rows_gap.append({**base, "table": "cost_records", "ids": tuple(int(i) for i in g["id"]),
                             "actual": float(len(g)), "reference": float(last), "detail": tuple(missing)})
        if aid in whole:
            ids = costs.loc[costs["arrangement_id"] == aid, "id"]
            rows_both.append({**base, "table": "cost_records", "ids": tuple(int(i) for i in ids),
                              "actual": float(len(g)), "reference": None, "detail": None})
    return pd.concat([_frame("missing_months", rows_gap), _frame("month_and_year", rows_both)], ignore_index=True)


def cost_and_arrangement(p: Portfolio, s: CheckupSettings) -> pd.DataFrame:
    """Arrangements without spending in the year, and spending for items nobody is arranged to deliver."""
    items = _items(p)
    costs = p.costs.loc[p.costs["year"] == s.year]
    spend = costs.groupby("arrangement_id")["actual"].sum()
    items["actual"] = items["id"].map(spend)
    none = items["actual"].fillna(0) <= 0
    outsourced = items["delivery"].isin(["labour_only", "contracted"])
    why = pd.Series(np.select(
        [items["delivery"].isna(), items["delivery"].eq("in_house") & (items["staff_in_house"] <= 0),
         outsourced & items["contract_id"].isna()], ["no_delivery", "no_staff", "no_contract"], default=""),
        index=items.index)
    nobody = ~items["paid_at_actual"].astype(bool) & why.ne("")
    out = []
    for kind, mask in (("no_cost", none), ("cost_without_arrangement", nobody & ~none)):
        rows = [{"table": "arrangements", "ids": (int(r.id),), "arrangement_ids": (int(r.id),), "building": r.building,
                 "service": r.service, "vendor": r.vendor, "contract": r.contract, "year": s.year,
                 "actual": None if pd.isna(r.actual) else float(r.actual), "reference": None,
                 "detail": why[i] or None} for i, r in zip(items.index[mask], items.loc[mask].itertuples())]
        out.append(_frame(kind, rows))
    return pd.concat(out, ignore_index=True)


def staffing(p: Portfolio, s: CheckupSettings) -> pd.DataFrame:
    """Staff on site implausible for the building's area against the staffing norm (both ways)."""
    a = standards_for_arrangements(p)
    a = a.loc[~a["paid_at_actual"].astype(bool) & a["m2_per_worker"].notna() & (a["m2_per_worker"] > 0)].copy()
    a["staff"] = a["staff_in_house"] + a["staff_vendor"]
    a["norm"] = (a["gross_floor_area_m2"] / a["m2_per_worker"]).clip(lower=MIN_CREW)
    f = s.staffing_factor
    high = a["staff"] > a["norm"] * f
    low = (a["staff"] > 0) & (a["staff"] < a["norm"] / f)
    items = _items(p).set_index("id")
    rows = [{"table": "arrangements", "ids": (int(r.id),), "arrangement_ids": (int(r.id),),
             "building": items.at[r.id, "building"], "service": r.service, "vendor": items.at[r.id, "vendor"],
             "contract": items.at[r.id, "contract"], "year": s.year, "actual": float(r.staff),
             "reference": float(r.norm), "detail": float(r.gross_floor_area_m2)}
            for r in a.loc[high | low].itertuples()]
    return _frame("staffing", rows)


def yoy_jumps(p: Portfolio, s: CheckupSettings) -> pd.DataFrame:
    """Items whose spending changed by more than the threshold from the year before."""
    costs = p.costs.loc[p.costs["year"].isin([s.year - 1, s.year]) & (p.costs["service"] != "repairs")]
    per = costs.pivot_table(index="arrangement_id", columns="year", values="actual", aggfunc="sum")
    if s.year - 1 not in per or s.year not in per:
        return _frame("yoy_jump", [])
    before, now = per[s.year - 1], per[s.year]
    change = now / before.where(before > 0) - 1
    jump = change.abs() > s.jump
    items = _items(p).set_index("id")
    record_ids = costs.groupby("arrangement_id")["id"].agg(list)
    rows = [{"table": "cost_records", "ids": tuple(sorted(int(i) for i in record_ids.get(aid, []))),
             "arrangement_ids": (int(aid),), "building": items.at[aid, "building"], "service": items.at[aid, "service"],
             "vendor": items.at[aid, "vendor"], "contract": items.at[aid, "contract"], "year": s.year,
             "actual": float(now[aid]), "reference": float(before[aid]), "detail": float(change[aid])}
            for aid in change.index[jump.fillna(False).to_numpy()] if aid in items.index]
    return _frame("yoy_jump", rows)


def unassessed_vendors(p: Portfolio, s: CheckupSettings) -> pd.DataFrame:
    """Vendors with contracts in use none of whose buildings was assessed in the last assessed quarters."""
    register = contract_register(p, GateSettings.from_book(p, s.on))
    in_use = register.loc[register["in_use"], ["id", "vendor_id", "code"]]
    recent = set(quality.last_quarters(p, s.quarters))
    q = p.assessments
    assessed = set(q.loc[[(int(y), int(k)) in recent for y, k in zip(q["year"], q["quarter"])], "building_id"])
    items = _items(p)
    names = p.vendors.set_index("id")["name"]
    rows = []
    for vid, g in in_use.groupby("vendor_id"):
        served = items.loc[items["contract_id"].isin(g["id"])]
        if served.empty or served["building_id"].isin(assessed).any():
            continue
        rows.append({"table": "vendors", "ids": (int(vid),), "arrangement_ids": tuple(int(i) for i in served["id"]),
                     "building": ";".join(dict.fromkeys(served["building"])), "service": None, "vendor": names.get(vid),
                     "contract": ";".join(g["code"]), "year": s.year, "actual": None, "reference": float(len(recent)),
                     "detail": None})
    return _frame("no_assessment", rows)


def findings(p: Portfolio, s: CheckupSettings) -> pd.DataFrame:
    """Every finding of every check, in :data:`KINDS` order (columns :data:`COLUMNS`)."""
    parts = [ledger_vs_price(p, s), month_gaps(p, s), cost_and_arrangement(p, s), staffing(p, s),
             yoy_jumps(p, s), unassessed_vendors(p, s)]
    out = pd.concat([x for x in parts if len(x)], ignore_index=True) if any(len(x) for x in parts) \
        else pd.DataFrame(columns=list(COLUMNS))
    order = {k: i for i, k in enumerate(KINDS)}
    return out.sort_values("kind", key=lambda k: k.map(order), kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class Completeness:
    """How far the year's figures can be trusted: arrangements named by no finding, out of all."""

    year: int
    arrangements: int
    clean: int
    findings: int
    by_kind: tuple[tuple[str, int], ...]

    @property
    def rate(self) -> float:
        """The share of arrangements no finding names (1.0 for a store without arrangements)."""
        return self.clean / self.arrangements if self.arrangements else 1.0


def completeness(p: Portfolio, found: pd.DataFrame, year: int) -> Completeness:
    """The completeness of ``year``'s data given the check-up's findings."""
    named = {int(i) for ids in found["arrangement_ids"] for i in ids} if len(found) else set()
    total = len(p.arrangements)
    counts = found["kind"].value_counts() if len(found) else pd.Series(dtype=int)
    return Completeness(year=year, arrangements=total, clean=total - len(named & set(p.arrangements["id"])),
                        findings=len(found), by_kind=tuple((k, int(counts[k])) for k in KINDS if k in counts))


def is_number(x: object) -> bool:
    """Whether a finding's value is a number (not missing)."""
    return isinstance(x, int | float | np.floating) and not pd.isna(x)
