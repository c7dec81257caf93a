"""Cells as values: text from a file or the editor turned into the numbers, yes/no, dates and enum
values a column holds, with the cells that do not convert and why.

Numbers and dates may be written with full-width digits and separators (２０２５，１．５); yes/no in
Chinese or English; enumerated values as codes, names or the Bureau's synonyms
(:mod:`core.store.wording`). A date column uses one format throughout: year first (2024-01-31,
2024/1/31, 2024年1月31日, 20240131), or day and month before the year, in one order, settled by a
date only one order allows (13/02/2024). A column where nothing settles the order, or that mixes
formats, is refused naming both readings; a year alone is not a date.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from core.i18n import join, labels, t
from core.store.layout import enum_group
from core.store.wording import enum_aliases

_TRUE = {"true", "1", "yes", "y", "t", "是", "√", "✓", "有"}
_FALSE = {"false", "0", "no", "n", "f", "否", "×", "✗", "无"}
_BOOLS = {**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}
Reason: TypeAlias = pd.Series | Callable[[pd.Index], pd.Series] | None
Failure = tuple[pd.Series, str, dict[str, Any], Reason]  # cells, problem code, its values, per-cell reasons


def _nfkc(text: pd.Series) -> pd.Series:
    """Full-width digits, letters and separators (２０２５，１．５) read as ordinary ones (only the
    cells that are not plain ASCII are normalised: most are)."""
    wide = ~text.str.isascii().fillna(True).astype(bool)
    if wide.any():
        text = text.where(~wide, text[wide].str.normalize("NFKC"))
    return text.str.strip()


def convert(s: pd.Series, kind: type, lang: str, rows: pd.Series, src: pd.Series) -> tuple[pd.Series, list[Failure]]:
    """Text cells → canonical values of ``kind`` (numbers as float64; None where missing or bad),
    with the masks of the cells that do not convert and the problem code of each."""
    present = s.notna()
    text = s.astype("str")
    if kind in (int, float):
        digits = _nfkc(text).str.replace(",", "", regex=False).str.replace(" ", "", regex=False)
        num = pd.to_numeric(digits, errors="coerce").astype(float)
        bad = present & ~np.isfinite(num)
        found: list[Failure] = [(bad, "not_number", {}, None)]
        if kind is int:
            frac = present & ~bad & (num % 1 != 0)
            found.append((frac, "not_whole", {}, None))
            bad = bad | frac
        return num.where(~bad), found
    if kind is bool:
        value = _nfkc(text).str.lower().map(_BOOLS)
        bad = present & value.isna()
        return value.astype(object).where(~bad & present, None), [(bad, "not_bool", {}, None)]
    if kind is dt.date:
        return _dates(_nfkc(text), present, lang, rows, src)
    group = enum_group(kind)
    if group is not None:
        aliases = enum_aliases(group)
        value = _nfkc(text).str.lower().str.replace(r"\s+", "", regex=True).map(aliases)
        bad = present & value.isna()
        allowed = join(labels(group, lang).values(), lang) if lang == "zh" else join(labels(group, "en"), "en")
        return value.astype("str").where(~bad), [(bad, "not_enum", {"allowed": allowed}, None)]
    return text, []


_YMD = r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
_COMPACT = r"^(\d{4})(\d{2})(\d{2})$"
_DAY_MONTH = r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"
_YEAR_ONLY = r"^\d{4}\s*年?$"


def _dates(text: pd.Series, present: pd.Series, lang: str, rows: pd.Series,
           src: pd.Series) -> tuple[pd.Series, list[Failure]]:
    """Dates, one format per column of each file: year first (2024-01-31, 2024/1/31, 2024年1月31日,
    20240131) or day and month before the year (31/01/2024 or 01/31/2024). Which of the last two a
    column uses is settled by a date only one reading allows (13/02/2024); a column where nothing
    settles it, or that mixes formats, is refused naming both readings."""
    ymd = text.str.extract(_YMD)
    compact = text.str.extract(_COMPACT)
    dm = text.str.extract(_DAY_MONTH)
    is_ymd = (ymd[0].notna() | compact[0].notna()) & present
    is_dm = dm[0].notna() & present
    a, b = pd.to_numeric(dm[0], errors="coerce"), pd.to_numeric(dm[1], errors="coerce")
    says_day_first = is_dm & (a > 12) & (b <= 12)
    says_month_first = is_dm & (b > 12) & (a <= 12)
    two_ways = is_dm & (a <= 12) & (b <= 12) & (a != b)
    month_first = pd.Series(False, index=text.index)
    mixed = pd.Series(False, index=text.index)
    mixed_order = pd.Series(False, index=text.index)
    unsettled = pd.Series(False, index=text.index)
    for _, part in text.groupby(src, sort=False):  # one format per column of each file
        r = part.index
        if is_ymd[r].any() and is_dm[r].any():
            mixed[r] = is_dm[r]
        elif says_day_first[r].any() and says_month_first[r].any():
            mixed_order[r] = is_dm[r]
        elif says_month_first[r].any():
            month_first[r] = True
        elif not says_day_first[r].any():
            unsettled[r] = two_ways[r]
    year = ymd[0].fillna(compact[0]).where(is_ymd, dm[2])
    month = ymd[1].fillna(compact[1]).where(is_ymd, dm[0].where(month_first, dm[1]))
    day = ymd[2].fillna(compact[2]).where(is_ymd, dm[1].where(month_first, dm[0]))
    iso = year.astype("str") + "-" + month.astype("str").str.zfill(2) + "-" + day.astype("str").str.zfill(2)
    stamp = pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce")
    refused = mixed | mixed_order | unsettled
    year_only = present & text.str.fullmatch(_YEAR_ONLY).fillna(False).astype(bool)
    bad = present & stamp.isna() & ~refused & ~year_only
    days = pd.Series(None, index=text.index, dtype=object)
    ok = present & stamp.notna() & ~refused
    days[ok] = stamp[ok].dt.date

    def readings(idx: pd.Index) -> pd.Series:
        def one(i: Any) -> str:
            x, y, yr = int(a[i]), int(b[i]), int(str(dm.at[i, 2]))
            return t("data.problem.date_ambiguous", lang, value=text[i], day_first=f"{yr}-{y:02d}-{x:02d}",
                     month_first=f"{yr}-{x:02d}-{y:02d}")
        return pd.Series([one(i) for i in idx], index=idx)

    def first_of(mask: pd.Series) -> str:
        return str(rows[mask].iloc[0]) if mask.any() else ""

    return days, [
        (year_only, "date_year_only", {}, None),
        (bad, "not_date", {}, None),
        (mixed, "date_mixed_formats", {}, None),
        (mixed_order, "date_mixed_order", {"day_row": first_of(says_day_first & mixed_order),
                                           "month_row": first_of(says_month_first & mixed_order)}, None),
        (unsettled, "date_ambiguous", {}, readings),
    ]
