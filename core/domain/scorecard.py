"""The unified-management scorecard (统一管理): each building's and department's checks, and the compliance rate."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from core.domain import quality
from core.domain.gates import SCORECARD, GateSettings, contract_register, per_portfolio
from core.domain.standards import benchmark
from core.store.models import AdmissionStatus
from core.store.repo import Portfolio


# --- the unified-management scorecard --------------------------------------------------------------
def department_families(p: Portfolio) -> pd.Series:
    """Each department's family: itself, or its parent for a subordinate unit (by department id).

    A building shared by an agency and its own subordinate unit is not shared by two departments.
    """
    d = p.departments.set_index("id")
    return d["parent_id"].where(d["parent_id"].notna() & (d["kind"] == "subordinate"), d.index.to_series()).astype(int)


@per_portfolio
def scorecard(p: Portfolio, s: GateSettings) -> pd.DataFrame:
    """For every building, each check as True / False / None (not applicable), with the share of
    applicable checks met (``compliance_rate``) and whether all are met (``compliant``).

    - ``unified_management`` (统一管理): a building shared by two or more departments (a subordinate
      unit counts with its parent) is managed by the Bureau.
    - ``unified_standard`` (统一标准): the year's recorded spending and budget over items with a
      standard are each within the standard total plus the amber tolerance.
    - ``vendors_admitted``: every vendor serving the building is admitted.
    - ``fees_within_standard``: every contract serving it (in use) prices within standard + amber.
    - ``quality_passed``: assessed in the year, and no assessed service below the replacement line.
    - ``restricted_kept``: restricted items are in-house or with a vendor approved for them.
    """
    b = p.buildings[["id", "name", "managed_by", "managed_by_bureau"]].rename(columns={"id": "building_id"})
    fam = p.occupancy.assign(family=p.occupancy["department_id"].map(department_families(p)))
    b["families"] = b["building_id"].map(fam.groupby("building_id")["family"].nunique()).fillna(0).astype(int)
    shared = b["families"] >= 2
    b["unified_management"] = _tri(shared, b["managed_by_bureau"])

    bench = benchmark(p, s.year, amber=s.amber, red=s.red)
    bud = p.costs.loc[p.costs["year"] == s.year].groupby("arrangement_id")["budget"].sum()
    bench["budget"] = bench["arrangement_id"].map(bud).fillna(0.0)
    bench["std_amount"] = bench["standard_per_m2_month"] * bench["gross_floor_area_m2"] * 12
    has = bench.loc[bench["std_amount"].notna()].groupby("building_id")[["annual_cost", "budget", "std_amount"]].sum()
    cap = has["std_amount"] * (1 + s.amber)
    within = (has["annual_cost"] <= cap) & (has["budget"] <= cap)
    b["unified_standard"] = _tri(b["building_id"].isin(has.index), _holds(b["building_id"], within))

    a = p.arrangements
    vend = a.loc[a["vendor_id"].notna(), ["building_id", "vendor_id", "contract_id", "restricted"]].copy()
    status = p.vendors.set_index("id")["status"]
    vend["admitted"] = vend["vendor_id"].map(status) == AdmissionStatus.admitted.value
    b["vendors_admitted"] = _tri(b["building_id"].isin(vend["building_id"]),
                                 _holds(b["building_id"], vend.groupby("building_id")["admitted"].all()))

    reg = contract_register(p, s).set_index("id")
    vend["fee_status"] = vend["contract_id"].map(reg["fee_status"])
    vend["in_use"] = vend["contract_id"].map(reg["in_use"]).astype(bool)
    priced = vend.loc[vend["in_use"] & (vend["fee_status"] != "none")]
    ok = priced.groupby("building_id")["fee_status"].agg(lambda x: bool((x == "green").all()))
    b["fees_within_standard"] = _tri(b["building_id"].isin(priced["building_id"]), _holds(b["building_id"], ok))

    scores = quality.arrangement_scores(p, s.year, s.weight_series)
    assessed_b = p.assessments.loc[p.assessments["year"] == s.year, "building_id"]
    sc = a[["id", "building_id"]].assign(score=a["id"].map(scores)).dropna(subset=["score"])
    low = sc.groupby("building_id")["score"].min() < s.replace_below
    b["quality_passed"] = _tri(pd.Series(True, index=b.index),
                               b["building_id"].isin(assessed_b) & ~_holds(b["building_id"], low, default=False))

    r = a.loc[a["restricted"] & a["delivery"].notna()].copy()
    cleared = p.vendors.set_index("id")["confidential_cleared"].astype(bool)
    r["kept"] = (r["delivery"] == "in_house") | _holds(r["vendor_id"], cleared, default=False)
    b["restricted_kept"] = _tri(b["building_id"].isin(r["building_id"]),
                                _holds(b["building_id"], r.groupby("building_id")["kept"].all()))

    checks = b[list(SCORECARD)]
    b["applicable"] = checks.notna().sum(axis=1)
    b["met"] = (checks == True).sum(axis=1)  # noqa: E712  (object column of True/False/None)
    b["compliance_rate"] = b["met"] / b["applicable"].where(b["applicable"] > 0)
    b["compliant"] = b["met"] == b["applicable"]
    return b.rename(columns={"name": "building"})


def _holds(keys: pd.Series, flags: pd.Series, default: bool = True) -> pd.Series:
    """``flags`` looked up for each key, ``default`` where a key has none (a plain bool Series)."""
    return keys.map(flags).astype("boolean").fillna(default).astype(bool)


def _tri(applies: pd.Series, holds: pd.Series) -> pd.Series:
    """True / False where a check applies, None where it does not (an object column)."""
    out = pd.Series(holds.astype(bool).to_numpy(), index=applies.index, dtype=object)
    out[~applies.astype(bool).to_numpy()] = None
    return out


def department_scorecard(p: Portfolio, card: pd.DataFrame) -> pd.DataFrame:
    """Each department with the checks of the buildings it occupies: a check holds for a
    department when it holds (or does not apply) in every one of its buildings."""
    occ = p.occupancy[["department_id", "building_id"]].merge(card, on="building_id")
    rows = []
    for dep, g in occ.groupby("department_id"):
        row: dict[str, object] = {"department_id": dep, "buildings": tuple(g["building"])}
        for c in SCORECARD:
            vals = g[c].dropna()
            row[c] = None if vals.empty else bool(vals.all())
        rows.append(row)
    out = pd.DataFrame(rows)
    out.insert(1, "department", out["department_id"].map(p.departments.set_index("id")["name"]))
    for c in SCORECARD:  # True / False / None as Python objects, like the building scorecard
        out[c] = out[c].astype(object)
    checks = out[list(SCORECARD)]
    out["applicable"] = checks.notna().sum(axis=1)
    out["met"] = (checks == True).sum(axis=1)  # noqa: E712
    out["compliance_rate"] = out["met"] / out["applicable"].where(out["applicable"] > 0)
    out["compliant"] = out["met"] == out["applicable"]
    return out


@dataclass(frozen=True)
class Compliance:
    """The scorecard in three figures, for the Overview."""

    rate: float  # share of applicable building checks met
    compliant: int  # buildings meeting every check that applies
    buildings: int
    weakest: str  # the check failed most often ("" when none fails)


def compliance(card: pd.DataFrame) -> Compliance:
    """Summarise a building scorecard."""
    checks = card[list(SCORECARD)]
    fails = (checks == False).sum()  # noqa: E712
    applicable = int(card["applicable"].sum())
    return Compliance(rate=float(card["met"].sum() / applicable) if applicable else 1.0,
                      compliant=int(card["compliant"].sum()), buildings=len(card),
                      weakest=str(fails.idxmax()) if fails.max() > 0 else "")


def current_compliance(p: Portfolio, on: dt.date) -> Compliance:
    """The scorecard's summary under the assumption book's rules, judged on ``on`` (the Overview)."""
    return compliance(scorecard(p, GateSettings.from_book(p, on)))
