"""Mode conversions (模式转换): which conversions a scenario asks for count, and their cost before and
after, linear in a few products of the book's factors (:data:`BASIS`) so that every Monte Carlo draw
prices them with one small matrix product.

A conversion counts when the item is in scope, not paid at actual, not restricted (core, key and
confidential items never go to an outside vendor), priced, and its expected annual saving — the
saving at the book's values times the conversion's realisation share — beats the minimum conversion
differential (OMB A-76: ``hurdle_rate`` × the in-house personnel cost of the side in house).

One rule of indexation for everything: indirect cost (overhead, supervision, contract administration)
is staff time and grows with wages, even where it is charged on materials; materials grow with prices.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from core.simulation.levers import DELIVERIES, OUTSIDE, Levers

# why a requested conversion does or does not count
DECISIONS: tuple[str, ...] = ("accepted", "restricted", "paid_at_actual", "unchanged", "no_arrangement",
                              "out_of_scope", "no_price", "no_saving", "below_hurdle")

# the factor products a conversion's cost is linear in (see core.simulation.model.multipliers)
BASIS: tuple[str, ...] = ("one", "ih", "lo_sup", "ct_admin", "ca", "lo_new", "ct_new", "hurdle_ih", "hurdle")


def decide(it: pd.DataFrame, lv: Levers, v: dict[str, float], realisation: float, *,
           options: bool = False) -> pd.DataFrame:
    """Every conversion asked for (the rule first, explicit ones override), with its decision at the
    book's values: ``saving``, ``differential`` [CNY/yr] and ``one_time`` [CNY, hand-over].
    With ``options``, a conversion that saves too little still counts (the optimiser weighs it)."""
    asks: dict[tuple[str, str], str] = {}
    if lv.convert_rule is not None:
        r = lv.convert_rule
        pick = it["in_scope"] & (it["kind0"] == r.from_.value)
        if r.services:
            pick &= it["service"].isin([s.value for s in r.services])
        for b, s in zip(it.loc[pick, "building"], it.loc[pick, "service"]):
            asks[(b, s)] = r.to.value
    for c in lv.conversions:
        asks[(c.building, c.service.value)] = c.to.value
    cols = ["id", "building", "service", "from", "to", "decision", "saving", "differential", "one_time"]
    if not asks:
        return pd.DataFrame(columns=cols)
    key = it.set_index(["building", "service"])
    rows = []
    for (b, s), to in asks.items():
        if (b, s) not in key.index:
            rows.append((np.nan, b, s, "", to, "no_arrangement", 0.0, 0.0, 0.0))
            continue
        r = key.loc[(b, s)]
        old_cost, new_cost = old(r, v), new(r, to, v)
        saving = old_cost - new_cost if not math.isnan(new_cost) else 0.0
        diff = differential(r, to, v)
        one_time = v["handover_overlap_months"] / 12 * old_cost if r["kind0"] in DELIVERIES else 0.0
        if not r["in_scope"]:
            decision = "out_of_scope"
        elif r["kind0"] == "actual":
            decision = "paid_at_actual"
        elif r["kind0"] == to:
            decision = "unchanged"
        elif r["restricted"] and to in OUTSIDE:
            decision = "restricted"  # core, key and confidential items never go to an outside vendor
        elif math.isnan(new_cost):
            decision = "no_price"
        elif options:
            decision = "accepted"
        elif saving <= 0:
            decision = "no_saving"
        elif saving * realisation <= diff:
            decision = "below_hurdle"
        else:
            decision = "accepted"
        rows.append((int(r["id"]), b, s, r["kind0"], to, decision, saving, diff, one_time))
    return pd.DataFrame(rows, columns=cols)


def old(r: pd.Series, v: dict[str, float]) -> float:
    """Annual cost of an item as delivered today, without depreciation, energy and repairs (which a
    conversion leaves as they are) [CNY/yr]."""
    k = r["kind0"]
    if k == "in_house":
        return float(r["labour"] * (1 + v["on_cost_rate"]) * (1 + v["overhead_rate"]) + r["management_fee"]
                     + r["tax"] + r["materials"])
    if k == "labour_only":
        return float(r["inv0"] * (1 + v["supervision_rate"]) + r["materials"])
    if k == "contracted":
        return float(r["price0"] * (1 + v["contract_admin_rate"]))
    return float(r["recorded"])


def new(r: pd.Series, to: str, v: dict[str, float]) -> float:
    """Annual cost of an item delivered ``to`` (NaN when no price can be found for it) [CNY/yr]."""
    nw = r["workers"] * r["wage"]
    if to == "in_house":
        return float(nw * (1 + v["on_cost_rate"]) * (1 + v["overhead_rate"]) + r["materials"])
    if to == "labour_only":
        lo = (1 + v["on_cost_rate"]) * (1 + v["management_fee_rate"]) * (1 + v["vat_rate"]) * (1 + v["supervision_rate"])
        return float(nw * lo + r["materials"])
    return float(r["ref"] * v["market_price_factor"] * (1 + v["contract_admin_rate"]))


def differential(r: pd.Series, to: str, v: dict[str, float]) -> float:
    """The minimum conversion differential: hurdle × in-house personnel cost of the side in house."""
    if r["kind0"] == "in_house":
        return float(v["hurdle_rate"] * r["labour"] * (1 + v["on_cost_rate"]))
    if to == "in_house":
        return float(v["hurdle_rate"] * r["workers"] * r["wage"] * (1 + v["on_cost_rate"]))
    return float(v["hurdle_rate"] * (r["labour"] + r["oncb"]))


def basis(c: pd.DataFrame) -> dict[str, np.ndarray]:
    """Coefficients on :data:`BASIS` of each counted conversion (rows of ``c``, with ``kind0`` and
    ``kind1``): ``old_labour``, ``old_price`` (today's cost, growing with wages and with prices),
    ``new_labour``, ``new_price`` (the cost after) and ``differential``; each (conversions, basis)."""
    n, k = len(c), len(BASIS)
    out = {name: np.zeros((n, k)) for name in ("old_labour", "old_price", "new_labour", "new_price", "differential")}
    j = {name: i for i, name in enumerate(BASIS)}
    for row, (_, r) in enumerate(c.iterrows()):
        k0, k1 = r["kind0"], r["kind1"]
        if k0 == "in_house":
            out["old_labour"][row, j["ih"]] = r["labour"]
            out["old_labour"][row, j["one"]] = r["management_fee"] + r["tax"]
            out["old_price"][row, j["one"]] = r["materials"]
        elif k0 == "labour_only":
            out["old_labour"][row, j["lo_sup"]] = r["inv0"]
            out["old_price"][row, j["one"]] = r["materials"]
        else:  # contracted: administration on the materials is staff time, so it grows with wages
            out["old_labour"][row, j["ct_admin"]] = r["inv0"]
            out["old_labour"][row, j["ca"]] = r["materials"]
            out["old_price"][row, j["one"]] = r["materials"]
        nw = r["workers"] * r["wage"]
        if k1 == "in_house":
            out["new_labour"][row, j["ih"]] = nw
            out["new_price"][row, j["one"]] = r["materials"]
        elif k1 == "labour_only":
            out["new_labour"][row, j["lo_new"]] = nw
            out["new_price"][row, j["one"]] = r["materials"]
        else:
            out["new_labour"][row, j["ct_new"]] = r["ref"]
        if k0 == "in_house":
            out["differential"][row, j["hurdle_ih"]] = r["labour"]
        elif k1 == "in_house":
            out["differential"][row, j["hurdle_ih"]] = nw
        else:
            out["differential"][row, j["hurdle"]] = r["labour"] + r["oncb"]
    return out
