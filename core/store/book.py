"""The assumption book (参数): every cost factor with its value, unit, source and effective date."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Factor:
    """One factor as used in a calculation, with where it came from (for "show the working")."""

    key: str
    name_zh: str
    name_en: str
    value: float
    unit: str
    basis: str
    source: str
    effective_date: dt.date
    distribution: str = ""
    low: float | None = None
    high: float | None = None
    source_en: str = ""

    def name(self, lang: str) -> str:
        """The factor's name in ``lang``."""
        return self.name_en if lang == "en" else self.name_zh

    def source_in(self, lang: str) -> str:
        """Where the figure comes from, in ``lang`` (the book's Chinese when no English is given)."""
        return self.source_en if lang == "en" and self.source_en else self.source


class AssumptionBook:
    """Look up factors in force on a date; several rows per key make a dated series."""

    def __init__(self, frame: pd.DataFrame) -> None:
        df = frame.copy()
        df["effective_date"] = pd.to_datetime(df["effective_date"]).dt.date
        self.frame = df.sort_values(["key", "effective_date"], kind="stable").reset_index(drop=True)
        # each key's rows, looked up once: a model prepares with dozens of factors, many times a page
        self._rows = {str(k): rows for k, rows in self.frame.groupby("key", sort=False)}
        self._cache: dict[tuple[str, dt.date | None], Factor] = {}

    def __contains__(self, key: str) -> bool:
        return key in self._rows

    def factor(self, key: str, on: dt.date | None = None) -> Factor:
        """The factor ``key`` in force on ``on`` (the latest entry when ``on`` is ``None``)."""
        hit = self._cache.get((key, on))
        if hit is not None:
            return hit
        rows = self._rows.get(key, self.frame.iloc[0:0])
        if on is not None:
            rows = rows.loc[rows["effective_date"] <= on]
        if rows.empty:
            when = f" on {on}" if on else ""
            raise KeyError(f"the assumption book has no factor {key!r}{when}")
        r = rows.iloc[-1]
        dist = r.get("distribution")
        self._cache[(key, on)] = factor = Factor(
            key=key, name_zh=str(r["name_zh"]), name_en=str(r["name_en"]), value=float(r["value"]),
            unit=str(r["unit"] or ""), basis=str(r["basis"]), source=str(r["source"]),
            effective_date=r["effective_date"],
            distribution="" if pd.isna(dist) else str(dist or ""),
            low=None if pd.isna(r.get("low")) else float(r["low"]),
            high=None if pd.isna(r.get("high")) else float(r["high"]),
            source_en="" if pd.isna(r.get("source_en")) else str(r.get("source_en") or ""),
        )
        return factor

    def value(self, key: str, on: dt.date | None = None) -> float:
        """The value of the factor ``key`` in force on ``on`` (latest when ``None``)."""
        return self.factor(key, on).value

    def annual_mean(self, key: str, year: int) -> float:
        """Mean of a dated series over a calendar year, each value weighted by months in force."""
        return sum(self.value(key, dt.date(year, m, 1)) for m in range(1, 13)) / 12

    def latest(self) -> pd.DataFrame:
        """One row per key: the entry in force today (for display)."""
        return self.frame.groupby("key", sort=False).tail(1).reset_index(drop=True)
