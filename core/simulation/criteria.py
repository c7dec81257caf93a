"""What cost alone misses (非成本因素): every service × delivery scored on control, confidentiality,
continuity, market depth, staff impact and quality, and a plan's score as the cost-weighted mean.

The scores are the Bureau's assumptions, kept in the store (``NoncostScore``, the file table
``noncost_criteria``; admins edit them on the Data page) and read with the portfolio
(``Portfolio.noncost``). The defaults ship as ``data/reference/noncost_criteria.csv`` with their basis and
source beside every row (the criteria after the UK Cabinet Office's Delivery Model Assessment; the
numbers are ours); init-db loads them. Scores run from 1 (poor for the Bureau) to 5 (best). The
leadership group weighs the six criteria on the Recommend page; a delivery's score is the weighted
mean of its six scores, and a plan's the mean of its cells' scores weighted by each cell's full cost
in the base year (a canteen counts for more than a mail room).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from core.simulation.levers import DELIVERIES
from core.store.db import ROOT
from core.store.layout import NONCOST_CRITERIA
from core.store.models import Basis, ServiceCode

CRITERIA: tuple[str, ...] = NONCOST_CRITERIA
CRITERIA_FILE = ROOT / "data" / "reference" / "noncost_criteria.csv"
SCORE_RANGE = (1.0, 5.0)


@dataclass(frozen=True)
class Weights:
    """How much each criterion counts (any non-negative numbers; they are normalised)."""

    control: float = 1.0
    confidentiality: float = 1.0
    continuity: float = 1.0
    market_depth: float = 1.0
    staff_impact: float = 1.0
    quality: float = 1.0

    def vector(self) -> np.ndarray:
        """The weights in :data:`CRITERIA` order, summing to one (equal when all are zero)."""
        w = np.array([max(0.0, float(getattr(self, c))) for c in CRITERIA])
        return w / w.sum() if w.sum() > 0 else np.full(len(CRITERIA), 1 / len(CRITERIA))


def read_scores(path: Path = CRITERIA_FILE) -> pd.DataFrame:
    """The scores of a criteria file (the shipped defaults unless ``path``): ``service``, ``delivery``, one column per criterion, ``basis``,
    ``source``; a :class:`ValueError` names a bad row (unknown service or delivery, a score outside
    1-5, a service × delivery given twice)."""
    frame = pd.read_csv(path, dtype={"service": str, "delivery": str, "basis": str, "source": str})
    missing = [c for c in ("service", "delivery", *CRITERIA, "basis", "source") if c not in frame.columns]
    if missing:
        raise ValueError(f"{path.name}: missing columns {', '.join(missing)}")
    known = {s.value for s in ServiceCode}
    for i, r in frame.iterrows():
        where = f"{path.name} row {int(str(i)) + 2}"
        if r["service"] not in known or r["delivery"] not in DELIVERIES:
            raise ValueError(f"{where}: unknown service or delivery {r['service']!r} / {r['delivery']!r}")
        if r["basis"] not in {b.value for b in Basis}:
            raise ValueError(f"{where}: basis must be one of {', '.join(b.value for b in Basis)}")
        for c in CRITERIA:
            if not SCORE_RANGE[0] <= float(r[c]) <= SCORE_RANGE[1]:
                raise ValueError(f"{where}: {c} must lie between 1 and 5 (is {r[c]})")
    if frame.duplicated(["service", "delivery"]).any():
        raise ValueError(f"{path.name}: a service and delivery are scored twice")
    return frame


def delivery_scores(weights: Weights, scores: pd.DataFrame) -> pd.Series:
    """Each service × delivery's weighted score (1-5), indexed by (service, delivery), from ``scores``
    (the portfolio's ``noncost``; none when the store holds none)."""
    if not len(scores) or not {"service", "delivery", *CRITERIA} <= set(scores.columns):
        return pd.Series([], dtype=float, index=pd.MultiIndex.from_arrays([[], []], names=["service", "delivery"]))
    values = scores[list(CRITERIA)].to_numpy(dtype=float) @ weights.vector()
    keys = pd.MultiIndex.from_arrays([scores["service"].astype(str).to_numpy(), scores["delivery"].astype(str).to_numpy()],
                                     names=["service", "delivery"])
    return pd.Series(values, index=keys)


def cell_scores(services: pd.Series, deliveries: pd.Series, weights: Weights, scores: pd.DataFrame) -> np.ndarray:
    """The weighted score of each cell delivered as given, from ``scores`` (the portfolio's ``noncost``;
    NaN where they do not score it)."""
    table = delivery_scores(weights, scores)
    keys = pd.MultiIndex.from_arrays([services.astype(str).to_numpy(), deliveries.astype(str).to_numpy()])
    return table.reindex(keys).to_numpy(dtype=float)


def plan_score(scores: np.ndarray, cost: np.ndarray) -> float:
    """The cost-weighted mean score of a plan's cells (cells without a score left out) [1-5]."""
    ok = ~np.isnan(scores) & (cost > 0)
    if not ok.any():
        return float("nan")
    return float((scores[ok] * cost[ok]).sum() / cost[ok].sum())
