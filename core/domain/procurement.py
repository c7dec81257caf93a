"""Procurement lots (标段): how the outsourced items of one service are grouped when they are bought together.

One rule, used by the bundling lever (:mod:`core.simulation.plan`) and by the demo city's history of the lots
it tendered (:mod:`core.demo.synth`): by district, the largest district first, then by area, largest first;
the running total of area is cut into ``k`` nearly equal parts, so that a district stays in one lot where it
can and the lots are balanced by area.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd


def form_lots(district: pd.Series, area: pd.Series, k: int) -> pd.Series:
    """The lot (0, 1, …) of each member [``area`` in m²], numbered in the order the lots are formed; the
    result is indexed like the members, in the order they were cut (district by district). The same
    members cut the same way: the simulator asks again with every lever change, so the cut is kept."""
    return _lots(tuple(district.index), tuple(district), tuple(area.astype(float)), k).copy()


@lru_cache(maxsize=256)
def _lots(index: tuple[object, ...], district: tuple[object, ...], area: tuple[float, ...], k: int) -> pd.Series:
    members = pd.DataFrame({"district": district, "area": area}, index=list(index))
    members["_d"] = members.groupby("district")["area"].transform("sum")
    m = members.sort_values(["_d", "district", "area"], ascending=[False, True, False])
    total = float(m["area"].sum())
    mid = m["area"].cumsum() - m["area"] / 2
    lot = np.minimum(k - 1, np.floor(mid / (total / k))).astype(int)
    return pd.Series(pd.factorize(lot)[0], index=m.index)
