"""Quality assessment (服务质量关): the seven national criteria, their weights, and weighted scores.

The criteria are those of the national standard plan 《机关办公区域物业服务监管评价规范》 (TC607):
each quarterly assessment scores a building 0-100 on each criterion that applies to it. A criterion
is delivered by whoever provides the matching service in that building, which is how a score
reaches a vendor (or the in-house team).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.store.book import AssumptionBook
from core.store.repo import Portfolio

CRITERIA: tuple[str, ...] = (
    "customer_service", "building_mgmt", "facilities", "public_order", "cleaning", "greening", "conference",
)
# criterion → the services whose provider it assesses (first present one counts)
CRITERION_SERVICES: dict[str, tuple[str, ...]] = {
    "customer_service": ("reception", "property_mgmt"),
    "building_mgmt": ("property_mgmt",),
    "facilities": ("facilities",),
    "public_order": ("security",),
    "cleaning": ("cleaning",),
    "greening": ("greening",),
    "conference": ("conference",),
}


def weights(book: AssumptionBook) -> pd.Series:
    """The criteria's weights from the assumption book (``qw_<criterion>``), summing to one."""
    w = pd.Series({c: book.value(f"qw_{c}") for c in CRITERIA}, dtype=float)
    return w / w.sum()


def building_scores(p: Portfolio, w: pd.Series | None = None) -> pd.DataFrame:
    """Weighted score per building and quarter: criteria that do not apply are left out and the
    remaining weights rescaled. Columns: ``building_id``, ``year``, ``quarter``, ``score``,
    ``satisfaction``."""
    w = weights(p.book) if w is None else w / w.sum()
    a = p.assessments
    scores = a[list(CRITERIA)].astype(float)
    present = scores.notna()
    weighted = (scores.fillna(0) * w).sum(axis=1)
    total_w = (present * w).sum(axis=1)
    out = a[["building_id", "year", "quarter", "satisfaction"]].copy()
    out["score"] = weighted / total_w.where(total_w > 0)
    return out[["building_id", "year", "quarter", "score", "satisfaction"]]


# --- the quality gate: who each score is about, vendor scores, bands and the replacement flag -----
QuarterKey = tuple[int, int]


def quarter_index(year: Any, quarter: Any) -> Any:
    """Quarters counted from year 0, so that consecutive quarters differ by one (ints or Series)."""
    return year * 4 + quarter - 1


def last_quarters(p: Portfolio, n: int = 4, *, up_to: QuarterKey | None = None) -> list[QuarterKey]:
    """The ``n`` latest (year, quarter) with any assessment (up to ``up_to``), oldest first."""
    q = p.assessments[["year", "quarter"]].drop_duplicates()
    if up_to is not None:
        q = q.loc[quarter_index(q["year"], q["quarter"]) <= quarter_index(*up_to)]
    q = q.sort_values(["year", "quarter"]).tail(n)
    return [(int(y), int(k)) for y, k in q.itertuples(index=False)]


def providers(p: Portfolio) -> pd.DataFrame:
    """Who each criterion assesses in each building: the arrangement of the first of the criterion's
    services the building has, its delivery, and its vendor and contract term when outsourced.

    Columns: ``building_id``, ``criterion``, ``arrangement_id``, ``service``, ``delivery``,
    ``contract_id``, ``vendor_id`` (NaN in-house), ``start_date``, ``end_date``.
    """
    a = p.arrangements[["id", "building_id", "service", "delivery", "contract_id", "vendor_id"]]
    rows = []
    for criterion, services in CRITERION_SERVICES.items():
        for rank, service in enumerate(services):
            rows.append((criterion, service, rank))
    links = pd.DataFrame(rows, columns=["criterion", "service", "rank"])
    m = a.merge(links, on="service").sort_values(["building_id", "criterion", "rank"])
    m = m.drop_duplicates(["building_id", "criterion"]).drop(columns="rank")
    terms = p.contracts.set_index("id")[["start_date", "end_date"]]
    m["start_date"] = m["contract_id"].map(terms["start_date"])
    m["end_date"] = m["contract_id"].map(terms["end_date"])
    return m.rename(columns={"id": "arrangement_id"}).reset_index(drop=True)


def criterion_scores(p: Portfolio, w: pd.Series | None = None) -> pd.DataFrame:
    """Every assessed criterion score, one row each, with the provider it is about.

    A score counts for an outsourced provider only in quarters its contract was in force (the
    register keeps the current contract only: earlier quarters were someone else's work); in-house
    teams count in every quarter. Columns: ``building_id``, ``year``, ``quarter``, ``criterion``,
    ``score``, ``weight`` (normalised), ``arrangement_id``, ``service``, ``vendor_id``,
    ``in_house``, ``counts`` (whether the score is the current provider's).
    """
    w = weights(p.book) if w is None else w / w.sum()
    long = p.assessments.melt(id_vars=["building_id", "year", "quarter"], value_vars=list(CRITERIA),
                              var_name="criterion", value_name="score").dropna(subset=["score"])
    long = long.astype({"building_id": "int64", "year": "int64", "quarter": "int64", "score": float})
    long["weight"] = long["criterion"].map(w).astype(float)
    m = long.merge(providers(p), on=["building_id", "criterion"], how="inner")
    q_start = pd.to_datetime(pd.DataFrame({"year": m["year"], "month": m["quarter"] * 3 - 2, "day": 1}))
    q_end = q_start + pd.offsets.QuarterEnd(0)
    start = pd.to_datetime(m["start_date"])
    end = pd.to_datetime(m["end_date"])
    m["in_house"] = m["vendor_id"].isna()
    m["counts"] = m["in_house"] | ((start <= q_end) & (end >= q_start))
    return m[["building_id", "year", "quarter", "criterion", "score", "weight", "arrangement_id", "service",
              "vendor_id", "in_house", "counts"]]


def _weighted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Weighted mean of ``score`` by ``weight`` within ``keys``."""
    f = frame.assign(ws=frame["score"] * frame["weight"])
    g = f.groupby(keys, as_index=False).agg(ws=("ws", "sum"), w=("weight", "sum"),
                                            buildings=("building_id", "nunique"))
    g["score"] = g["ws"] / g["w"].where(g["w"] > 0)
    return g.drop(columns=["ws", "w"])


def vendor_quarter_scores(p: Portfolio, w: pd.Series | None = None) -> pd.DataFrame:
    """Each vendor's weighted score per quarter over the criteria it delivers, in every building
    where its contract was in force. Columns: ``vendor_id``, ``year``, ``quarter``, ``score``,
    ``buildings``."""
    s = criterion_scores(p, w)
    s = s.loc[s["counts"] & ~s["in_house"]]
    out = _weighted(s, ["vendor_id", "year", "quarter"])
    out["vendor_id"] = out["vendor_id"].astype(int)
    return out.sort_values(["vendor_id", "year", "quarter"]).reset_index(drop=True)


def low_streak(scores: pd.DataFrame, threshold: float, key: str = "vendor_id") -> pd.Series:
    """Per ``key``: how many consecutive quarters, ending with its latest assessed one, scored
    below ``threshold``. A gap of a quarter (no assessment) ends a streak.

    ``scores`` has ``key``, ``year``, ``quarter`` and ``score``.
    """
    s = scores.sort_values([key, "year", "quarter"]).assign(
        qi=lambda d: quarter_index(d["year"], d["quarter"]), low=lambda d: d["score"] < threshold)
    out: dict[object, int] = {}
    for k, g in s.groupby(key, sort=False):
        n = 0
        prev = None
        for qi, low in zip(g["qi"].to_numpy()[::-1], g["low"].to_numpy()[::-1]):
            if not low or (prev is not None and prev - qi != 1):
                break
            n += 1
            prev = qi
        out[k] = n
    return pd.Series(out, dtype=int, name="low_streak")


def replacement_flags(scores: pd.DataFrame, threshold: float, key: str = "vendor_id") -> pd.Series:
    """Flagged for replacement: below ``threshold`` in (at least) the two latest quarters, consecutive.

    One low quarter is a warning, not a flag.
    """
    return (low_streak(scores, threshold, key) >= 2).rename("flagged")


def _ranking(per_q: pd.DataFrame, key: str, quarters: list[QuarterKey], threshold: float) -> pd.DataFrame:
    """Mean over ``quarters``, latest score, change, the quarterly series and the streak per ``key``."""
    qi = quarter_index(per_q["year"], per_q["quarter"])
    window = per_q.loc[qi.isin([quarter_index(y, q) for y, q in quarters])]
    g = per_q.sort_values([key, "year", "quarter"]).groupby(key)
    out = pd.DataFrame({
        "score_mean": window.groupby(key)["score"].mean(),
        "latest": g["score"].last(),
        "trend": g["score"].agg(lambda s: [round(float(x), 1) for x in s]),
        "quarters": g["score"].size(),
    })
    first_in_window = window.sort_values([key, "year", "quarter"]).groupby(key)["score"].first()
    out["change"] = out["latest"] - first_in_window.reindex(out.index)
    out["low_streak"] = low_streak(per_q, threshold, key).reindex(out.index).fillna(0).astype(int)
    out["flagged"] = out["low_streak"] >= 2
    out["rank"] = out["score_mean"].rank(ascending=False, method="min")
    return out


def vendor_ranking(p: Portfolio, *, w: pd.Series | None = None, threshold: float | None = None) -> pd.DataFrame:
    """Every vendor with its mean score over the city's last four assessed quarters, latest score,
    change over those quarters, the quarterly series (``trend``), low streak and replacement flag.

    Vendors without assessments have NaN scores and are never flagged. Sorted best first.
    """
    threshold = p.book.value("quality_replace_below") if threshold is None else threshold
    per_q = vendor_quarter_scores(p, w)
    r = _ranking(per_q, "vendor_id", last_quarters(p), threshold)
    v = p.vendors[["id", "name", "status"]].rename(columns={"id": "vendor_id", "name": "vendor"})
    out = v.merge(r, left_on="vendor_id", right_index=True, how="left")
    out["flagged"] = out["flagged"].fillna(False).astype(bool)
    out["low_streak"] = out["low_streak"].fillna(0).astype(int)
    out["trend"] = out["trend"].map(lambda x: x if isinstance(x, list) else [])
    return out.sort_values(["score_mean", "vendor"], ascending=[False, True], na_position="last").reset_index(drop=True)


def building_ranking(p: Portfolio, *, w: pd.Series | None = None, threshold: float | None = None) -> pd.DataFrame:
    """Every building with its mean weighted score over the last four quarters, latest, change,
    quarterly series and low streak, best first (buildings never assessed last)."""
    threshold = p.book.value("quality_replace_below") if threshold is None else threshold
    per_q = building_scores(p, w)
    r = _ranking(per_q, "building_id", last_quarters(p), threshold)
    b = p.buildings[["id", "name"]].rename(columns={"id": "building_id", "name": "building"})
    out = b.merge(r, left_on="building_id", right_index=True, how="left")
    out["flagged"] = out["flagged"].fillna(False).astype(bool)
    out["trend"] = out["trend"].map(lambda x: x if isinstance(x, list) else [])
    return out.sort_values(["score_mean", "building"], ascending=[False, True], na_position="last").reset_index(drop=True)


# --- bonus and penalty on fees by score band --------------------------------------------------------
BAND_ORDER: tuple[str, ...] = ("excellent", "good", "fair", "poor", "none")


@dataclass(frozen=True)
class Bands:
    """Score bands and the fee adjustment of each (a fraction of the fee: +0.02 = 2% bonus).

    A score at a band's lower edge belongs to that band: with ``good_min`` 85, a score of exactly
    85 is good and 84.99 is fair.
    """

    excellent_min: float
    excellent_adj: float
    good_min: float
    good_adj: float
    fair_min: float
    fair_adj: float
    poor_adj: float

    @classmethod
    def from_book(cls, book: AssumptionBook) -> Bands:
        """The bands in the assumption book (``quality_band_*``)."""
        return cls(**{f: book.value(f"quality_band_{f}") for f in cls.__dataclass_fields__})


def band_of(scores: pd.Series, bands: Bands) -> pd.Series:
    """The band of each score: excellent, good, fair, poor, or none when not assessed."""
    s = scores.astype(float)
    out = np.select([s.isna(), s >= bands.excellent_min, s >= bands.good_min, s >= bands.fair_min],
                    ["none", "excellent", "good", "fair"], default="poor")
    return pd.Series(out, index=scores.index, name="band")


def band_adjustment(scores: pd.Series, bands: Bands) -> pd.Series:
    """The fee adjustment fraction of each score's band (0 when not assessed)."""
    adj = {"excellent": bands.excellent_adj, "good": bands.good_adj, "fair": bands.fair_adj,
           "poor": bands.poor_adj, "none": 0.0}
    return band_of(scores, bands).map(adj).astype(float).rename("adjustment")


def arrangement_scores(p: Portfolio, year: int, w: pd.Series | None = None) -> pd.Series:
    """Each arrangement's weighted score over the criteria it provides, averaged over ``year``'s
    quarters in which its current provider was in force (indexed by arrangement id; assessed
    arrangements only)."""
    s = criterion_scores(p, w)
    s = s.loc[s["counts"] & (s["year"] == year)]
    per_q = _weighted(s, ["arrangement_id", "year", "quarter"])
    return per_q.groupby("arrangement_id")["score"].mean().rename("score")


def fee_adjustments(p: Portfolio, year: int, *, bands: Bands | None = None, w: pd.Series | None = None) -> pd.DataFrame:
    """The quality gate's bonus or penalty on every arrangement's fee in ``year``.

    The fee is what the vendor bills [CNY/yr]: the ledger's actual for a contracted item, the
    actual less the agency's materials for a labour-only item, nothing for in-house items or items
    paid at actual. ``adjustment`` is the band's fraction of the fee (0 when not assessed) and
    ``effect`` = adjustment × fee [CNY/yr], positive for a bonus. Columns: ``arrangement_id``,
    ``building_id``, ``service``, ``delivery``, ``vendor_id``, ``contract_id``, ``score``, ``band``,
    ``adjustment``, ``fee``, ``effect``.
    """
    bands = Bands.from_book(p.book) if bands is None else bands
    a = p.arrangements[["id", "building_id", "service", "delivery", "vendor_id", "contract_id"]].rename(
        columns={"id": "arrangement_id"})
    a["score"] = a["arrangement_id"].map(arrangement_scores(p, year, w))
    a["band"] = band_of(a["score"], bands)
    a["adjustment"] = band_adjustment(a["score"], bands)
    a["fee"] = billed_fees(p, year).to_numpy()
    a["effect"] = a["adjustment"] * a["fee"]
    return a


def billed_fees(p: Portfolio, year: int) -> pd.Series:
    """What vendors bill for each arrangement in ``year`` [CNY/yr], in the arrangements' order:
    the ledger actual of a contracted item, the actual less the agency's own materials of a
    labour-only item, and nothing for in-house items or items paid at actual."""
    a = p.arrangements
    led = p.costs.loc[p.costs["year"] == year].groupby("arrangement_id")[["actual", "materials"]].sum()
    actual = a["id"].map(led["actual"]).fillna(0.0)
    materials = a["id"].map(led["materials"]).fillna(0.0)
    fee = np.select([a["delivery"] == "contracted", a["delivery"] == "labour_only"],
                    [actual, actual - materials], default=0.0)
    return pd.Series(fee, index=a.index, name="fee")
