"""Each lever's flows (各项措施的资金流): from the prepared items to the blocks the model evaluates.

The levers act in a fixed order, each on the cost the ones before leave (no yuan saved twice, at full
effect): conversion, unified management, fee cap, staffing standard, bundling, staff pooling, energy,
quality gate. The saving of each, at full effect and at base-year prices, is linear in a product of
the book's factors; when it starts is the calendar's business (:mod:`core.simulation.calendar`):

- **conversion** at the item's contract end (an in-house item at once, after the lever's delay); the
  established staff of an in-house team that goes cannot be dismissed: their cost stays until
  attrition and redeployment release them (:mod:`core.simulation.people`);
- **unified management** and **energy** after their set-up period, on a ramp;
- **fee cap** on vendor fees only (contracted and labour-only invoices), at each contract's end or
  price-review date; in-house teams are the staffing standard's;
- **staffing standard**: in-house posts above the unified staffing norm, released by the people rules;
- **bundling** at each member's contract end, one tender per lot;
- **staff pooling** only among two or more buildings of one district (which can share staff), against
  the norm of their combined area: in-house posts by the people rules, vendor staff at renewal;
- **quality gate** at renewal (a clause of the new contract).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from core.simulation.blocks import Attrition, Collector, Curve, Mult, Ramp
from core.simulation.conversions import BASIS, basis
from core.simulation.levers import LEVERS, OUTSIDE, Levers
from core.simulation.people import Release, Workforce, split_release

TRANSITION_KINDS: tuple[str, ...] = ("severance", "tendering", "handover")
HURDLE = -2  # the kind of the block that holds the conversions' minimum differentials
FEE_MULT: dict[str, Mult] = {"ih": ("fee_ih",), "lo": (), "lo_new": ("fee_lo_new",), "ct": (), "ct_new": ("fee_ct_new",)}
IND_MULT: dict[str, Mult] = {c: (f"ind_{c}",) for c in FEE_MULT}
L = {name: i for i, name in enumerate(LEVERS)}


@dataclass
class Flows:
    """Everything the levers add, as the model wants it."""

    col: Collector
    ramps: list[Ramp] = field(default_factory=list)
    attrition: list[dict[str, Any]] = field(default_factory=list)
    curve: Curve | None = None

    def attrition_rows(self) -> Attrition:
        """The attrition rows as arrays."""
        a = self.attrition

        def arr(key: str, dtype: type = float) -> np.ndarray:
            parts: list[np.ndarray] = [np.broadcast_to(np.asarray(r[key], dtype=dtype), np.shape(r["posts"])) for r in a]
            return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)

        lever, group, tender, realised = arr("lever", int), arr("group", int), arr("tender", bool), arr("realised", bool)
        onset, posts, base, wages = arr("onset"), arr("posts"), arr("base"), arr("wages")
        # rows whose posts go on the same ramp (same start, same ratio of base to posts) add up exactly
        ratio = np.round(base / np.where(posts > 0, posts, 1.0), 9)
        key = np.stack([lever, group, tender, realised, onset, ratio])
        uniq, inverse = np.unique(key, axis=1, return_inverse=True) if key.shape[1] else (key, np.zeros(0, int))
        inverse = inverse.reshape(-1)

        def total(x: np.ndarray) -> np.ndarray:
            return np.bincount(inverse, weights=x, minlength=uniq.shape[1]) if x.size else x

        return Attrition(lever=uniq[0].astype(int), tender=uniq[2].astype(bool), realised=uniq[3].astype(bool),
                         group=uniq[1].astype(int), onset=uniq[4] / 12.0, posts=total(posts), base=total(base),
                         wages=total(wages))


def _b(mult: str) -> Mult:
    return () if mult == "one" else (mult,)


def release(fl: Flows, lever: str, it: pd.DataFrame, posts: np.ndarray, team: Workforce, onset: np.ndarray, *,
            realised: bool = True, tender: np.ndarray | bool = False, stranded: bool = False) -> Release:
    """Posts of in-house teams (rows of ``it``) released by the people rules at ``onset`` [months]:
    the dispatched and contract staff at once (compensation and hand-back costs then), the established
    and protected by attrition. A team that goes altogether (``stranded``: its conversion's saving
    already counts every wage) only carries the established cost that stays until attrition frees it."""
    rel = split_release(posts, team)
    keep = rel.total > 0
    if not keep.any():
        return rel
    g, wage, on = it["g"].to_numpy()[keep], it["wage"].to_numpy()[keep], np.asarray(onset)[keep]
    tnd = np.broadcast_to(np.asarray(tender, dtype=bool), keep.shape)[keep]
    d, c, e = rel.dispatched[keep], rel.contract[keep], rel.attrition[keep]
    lv = L[lever]
    for flag in (False, True):
        sel = tnd == flag
        if not sel.any():
            continue
        if stranded:
            fl.col.add(lever=lv, group=g[sel], onset=on[sel], amount=-e[sel] * wage[sel], mult=("ih",),
                       tender=flag, realised=False)
        else:
            fl.col.add(lever=lv, group=g[sel], onset=on[sel], amount=(d[sel] + c[sel]) * wage[sel], mult=("ih",),
                       tender=flag, realised=realised)
        fl.col.leave(lever=lv, group=g[sel], onset=on[sel], contract=c[sel], dispatched=d[sel], tender=flag,
                     realised=realised)
        fl.col.add(lever=lv, group=g[sel], onset=on[sel], amount=c[sel] * it["comp"].to_numpy()[keep][sel],
                   tender=flag, realised=realised, kind=0)
        fl.col.add(lever=lv, group=g[sel], onset=on[sel], amount=d[sel] * wage[sel] / 12, mult=("dispatch",),
                   tender=flag, realised=realised, kind=0)
        if (e[sel] > 0).any():
            fl.attrition.append({"lever": lv, "tender": np.full(int(sel.sum()), flag), "realised": realised,
                                 "group": g[sel], "onset": on[sel], "posts": e[sel],
                                 "base": np.asarray(team.attrition)[keep][sel], "wages": e[sel] * wage[sel]})
    return rel


def conversion(fl: Flows, it: pd.DataFrame, team: Workforce, lv: Levers) -> dict[str, np.ndarray]:
    """Counted conversions: saving old − new at the contract's end (an in-house item at once), the
    minimum differential, hand-over, released staff, and one tender per service contracted out
    (within the lots when it is also bundled). Returns the conversions' basis coefficients."""
    conv = it.loc[it["converted"]]
    coef = basis(conv)
    if conv.empty:
        return coef
    ih = (conv["kind0"] == "in_house").to_numpy()
    onset = np.where(ih, 0, conv["end_onset"].to_numpy())
    tender = conv["kind1"].isin(OUTSIDE).to_numpy()
    g = conv["g"].to_numpy()
    lever = L["conversion"]
    for j, name in enumerate(BASIS):
        for driver, old, new in (("wage", "old_labour", "new_labour"), ("price", "old_price", "new_price")):
            fl.col.add(lever=lever, group=g, onset=onset, amount=coef[old][:, j] - coef[new][:, j], mult=_b(name),
                       driver=driver, tender=tender)
            fl.col.add(lever=lever, group=g, onset=onset, amount=coef[old][:, j], mult=("handover", *_b(name)),
                       driver=driver, tender=tender, realised=False, kind=2)
        fl.col.add(lever=lever, group=g, onset=onset, amount=coef["differential"][:, j], mult=_b(name),
                   tender=tender, realised=False, kind=HURDLE)
    rows = np.flatnonzero(it["converted"].to_numpy())[ih]
    if rows.size:
        sub = it.iloc[rows]
        team_sub = Workforce(*(np.asarray(x)[rows] for x in (team.dispatched, team.contract, team.attrition)))
        release(fl, "conversion", sub, sub["staff_in_house"].to_numpy(), team_sub, np.zeros(rows.size),
                tender=tender[ih], realised=False, stranded=True)
    bundled = {s.value for s, _ in lv.bundling}
    out = conv.assign(_onset=onset).loc[tender & ~conv["service"].isin(bundled)]
    first = out.sort_values("_onset").drop_duplicates("service")
    fl.col.add(lever=lever, group=first["g"].to_numpy(), onset=first["_onset"].to_numpy(), amount=np.ones(len(first)),
               mult=("tender_cost",), driver="flat", tender=True, realised=False, kind=1)
    return coef


def unified_management(fl: Flows, it: pd.DataFrame, groups: int) -> None:
    """A share of the indirect cost of the items in buildings shared by several departments."""
    um = it.loc[it["um"]]
    mults = tuple(("umr", *IND_MULT[c], "rho:unified_management") for c in FEE_MULT)
    amounts = np.zeros((2, groups, len(mults)))
    for k, c in enumerate(FEE_MULT):
        sel = um["cls"] == c
        np.add.at(amounts, (0, um.loc[sel, "g"].to_numpy(), k), um.loc[sel, "b"].to_numpy())
    if amounts.any():
        fl.ramps.append(Ramp(lever=L["unified_management"], mults=mults, amounts=amounts))


def fee_cap(fl: Flows, it: pd.DataFrame) -> None:
    """Vendor fees above the standard, capped at each contract's first renewal."""
    c = it.loc[it["excess"] > 0]
    fl.col.add(lever=L["fee_cap"], group=c["g"].to_numpy(), onset=c["onset"].to_numpy(), amount=c["excess"].to_numpy(),
               tender=c["tender"].to_numpy())


def staffing_standard(fl: Flows, it: pd.DataFrame, team: Workforce, on: bool) -> Release:
    """In-house posts above the unified staffing norm (in whole workers), released by the people rules."""
    teams = (on & it["in_scope"] & (it["kind0"] == "in_house") & ~it["converted"] & it["norm"].notna()).to_numpy()
    surplus = np.where(teams, np.maximum(0.0, it["staff_in_house"].to_numpy() - it["workers"].to_numpy()), 0.0)
    it["surplus"] = surplus
    return release(fl, "staffing_standard", it, surplus, team, np.zeros(len(it)))


def bundling(fl: Flows, it: pd.DataFrame, lots: pd.DataFrame, v: dict[str, float]) -> None:
    """Savings on the lot-size curve from each member's onset; one tender per lot, at its first member's.
    Sets ``beta``, each item's bundling saving as a share of its fee at the book's values."""
    it["beta"] = 0.0
    m = it.loc[it["lot"] >= 0]
    if m.empty:
        return
    onset_m = m["conv_onset"].where(m["converted"], m["end_onset"]).to_numpy()
    areas = np.unique(np.concatenate([m["bought_area"].to_numpy(), m["lot_area"].to_numpy()]))
    weights = np.zeros((len(m), areas.size))
    fee = (m["b"] * m["kappa"]).to_numpy()
    rows = np.arange(len(m))
    np.add.at(weights, (rows, np.searchsorted(areas, m["bought_area"].to_numpy())), fee)
    np.subtract.at(weights, (rows, np.searchsorted(areas, m["lot_area"].to_numpy())), fee)
    lever = L["bundling"]
    rows_t = fl.col.rows(lever, np.ones(len(m), dtype=bool), onset_m)
    mult = np.array([fl.col.mult((*FEE_MULT[c], "rho:bundling")) for c in m["cls"]])
    # items of one group, timing row and multiplier add up before the curve is evaluated
    key = np.stack([m["g"].to_numpy(), rows_t, mult])
    pairs, inverse = np.unique(key, axis=1, return_inverse=True)
    summed = np.zeros((pairs.shape[1], areas.size))
    np.add.at(summed, inverse.reshape(-1), weights)
    fl.curve = Curve(lever=lever, row=pairs[1], group=pairs[0], mult=pairs[2], weights=summed, areas=areas)
    scale = max(v["bundling_scale_m2"], 1.0)
    it.loc[m.index, "beta"] = v["bundling_max_saving"] * (np.exp(-m["bought_area"] / scale) - np.exp(-m["lot_area"] / scale))
    first = m.assign(_onset=onset_m, _lot=m["service"] + "#" + m["lot"].astype(str)).sort_values("_onset")
    first = first.drop_duplicates("_lot")
    fl.col.add(lever=L["bundling"], group=first["g"].to_numpy(), onset=first["_onset"].to_numpy(),
               amount=np.ones(len(first)), mult=("tender_cost",), driver="flat", tender=True, realised=False, kind=1)


def staff_pooling(fl: Flows, it: pd.DataFrame, team: Workforce, lv: Levers) -> pd.DataFrame:
    """Pool staff per district and service among two or more buildings, against the norm of their combined
    area: in-house posts by the people rules, vendor staff at renewal. Returns the pools."""
    ih = (it["cls"] == "ih") & ~it["converted"]
    member = (lv.staff_pooling & it["in_scope"] & it["norm"].notna() & ~it["restricted"]
              & (ih | it["cls"].isin(["lo", "lo_new"])))
    staff = np.where(ih, it["staff_in_house"] - it["surplus"], np.where(it["converted"], it["workers"], it["staff"]))
    it["pool_staff"] = np.where(member, staff, 0.0)
    it["q"] = 0.0
    m = it.loc[member & (it["pool_staff"] > 0)].drop(columns="q").assign(_need=lambda d: d["area"] / d["norm"])
    g = m.groupby(["district", "service"]).agg(buildings=("building", tuple), staff=("pool_staff", "sum"),
                                                norm=("_need", "sum"))
    g["buildings"] = g["buildings"].map(lambda b: tuple(dict.fromkeys(b)))
    g = g.loc[g["buildings"].map(len) >= 2]  # a building alone in its district has no one to share staff with
    g["norm"] = np.ceil(g["norm"] - 1e-9)
    g["excess"] = (g["staff"] - g["norm"]).clip(lower=0)
    share = (g["excess"] / g["staff"]).rename("q")
    pooled = m.join(share, on=["district", "service"], how="inner")
    it.loc[pooled.index, "q"] = pooled["q"].to_numpy()
    lever = L["staff_pooling"]
    q = it["q"].to_numpy()
    # in-house teams: the pooled share of the staff left by the staffing standard, by the people rules
    rows = np.flatnonzero((ih & (it["q"] > 0)).to_numpy())
    if rows.size:
        sub = it.iloc[rows]
        left = _minus(team, rows, sub)
        rel = release(fl, "staff_pooling", sub, q[rows] * sub["pool_staff"].to_numpy(), left, np.zeros(rows.size))
        shared = sub["um"].to_numpy()  # unified management already saves a share of these posts' overhead
        fl.col.add(lever=lever, group=sub["g"].to_numpy()[shared], onset=np.zeros(int(shared.sum())),
                   amount=-(rel.total * sub["wage"].to_numpy())[shared], mult=("umr", "ind_ih"))
    # vendor teams: fewer vendor staff at renewal (the vendor releases them; its fee falls)
    vend = it.loc[(it["q"] > 0) & it["cls"].isin(["lo", "lo_new"])]
    onset = vend["conv_onset"].where(vend["converted"], vend["onset"]).to_numpy()
    tender = np.where(vend["converted"], True, vend["tender"]).astype(bool)
    qb = (vend["q"] * vend["b"]).to_numpy()
    for c in ("lo", "lo_new"):
        sel = (vend["cls"] == c).to_numpy()
        gs = vend["g"].to_numpy()[sel]
        left = (vend["kappa"] * (1 - vend["beta"])).to_numpy()[sel]
        fl.col.add(lever=lever, group=gs, onset=onset[sel], amount=qb[sel] * left, mult=FEE_MULT[c], tender=tender[sel])
        fl.col.add(lever=lever, group=gs, onset=onset[sel], amount=qb[sel], mult=IND_MULT[c], tender=tender[sel])
        um = vend["um"].to_numpy()[sel]
        fl.col.add(lever=lever, group=gs[um], onset=onset[sel][um], amount=-qb[sel][um], mult=("umr", *IND_MULT[c]),
                   tender=tender[sel][um])
    return g.reset_index()


def _minus(team: Workforce, rows: np.ndarray, sub: pd.DataFrame) -> Workforce:
    """The teams of ``rows`` after the staffing standard released its posts."""
    rel = split_release(sub["surplus"].to_numpy(), Workforce(*(np.asarray(x)[rows] for x in
                                                               (team.dispatched, team.contract, team.attrition))))
    return Workforce(dispatched=np.asarray(team.dispatched)[rows] - rel.dispatched,
                     contract=np.asarray(team.contract)[rows] - rel.contract,
                     attrition=np.asarray(team.attrition)[rows] - rel.attrition)


def energy(fl: Flows, it: pd.DataFrame, groups: int) -> None:
    """A share of the energy bill, after the set-up period, on a ramp (grows with prices)."""
    e = it.loc[it["in_scope"] & (it["energy"] > 0)]
    amounts = np.zeros((2, groups, 1))
    np.add.at(amounts, (1, e["g"].to_numpy(), 0), e["energy"].to_numpy())
    if amounts.any():
        fl.ramps.append(Ramp(lever=L["energy"], mults=(("energy_rate", "rho:energy"),), amounts=amounts))


def quality_gate(fl: Flows, it: pd.DataFrame, on: bool) -> None:
    """Each assessed vendor's fee, as the levers before leave it, moves by its quality band's adjustment
    from its first renewal (penalties save money, bonuses cost it)."""
    q = it.loc[on & it["in_scope"] & it["cls"].isin(["lo", "ct"]) & ~it["converted"] & (it["adj"] != 0)]
    base = (q["b"] * q["kappa"] * (1 - q["beta"])).to_numpy()
    args = {"lever": L["quality_gate"], "group": q["g"].to_numpy(), "onset": q["onset"].to_numpy(),
            "tender": q["tender"].to_numpy()}
    fl.col.add(amount=-q["adj"].to_numpy() * base, **args)  # type: ignore[arg-type]
    fl.col.add(amount=q["adj"].to_numpy() * base * q["q"].to_numpy(), mult=("pool_rho",), **args)  # type: ignore[arg-type]
