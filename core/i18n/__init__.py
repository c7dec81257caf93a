"""Chinese (default) and English for every visible string, the domain glossary, and how numbers, money
and lists are written in each language.

The catalogue is split by area (:mod:`.frame`, :mod:`.overview`, :mod:`.costing`, :mod:`.standards`, :mod:`.simulator`,
:mod:`.plans`, :mod:`.recommend`, :mod:`.gates`, :mod:`.data`, :mod:`.checkup`, :mod:`.sharing`, :mod:`.briefing`,
:mod:`.access`), each a ``STRINGS`` mapping of key → ``{"zh": …, "en": …}``
with both languages side by side; :mod:`.enums` names every enum value, :mod:`.glossary` the domain's
terms. :func:`t` looks a key up; :func:`label` names an enum value; :func:`join` writes a list and
:func:`fmt_money` / :func:`money_figure` a sum of money, the same way everywhere.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Final, Literal

import pandas as pd

from core.i18n import (
    access,
    briefing,
    checkup,
    costing,
    data,
    frame,
    gates,
    overview,
    plans,
    recommend,
    sharing,
    simulator,
    standards,
)
from core.i18n.enums import ENUMS
from core.i18n.glossary import GLOSSARY
from core.i18n.units import is_share, unit_text

Lang = Literal["zh", "en"]
LANGS: Final[tuple[Lang, ...]] = ("zh", "en")
DEFAULT_LANG: Final[Lang] = "zh"

Entry = dict[str, str]


def _enum_entries() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for group, values in ENUMS.items():
        for value, (zh, en) in values.items():
            out[f"{group}.{value}"] = {"zh": zh, "en": en}
    return out


def _catalogue() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for area in (frame, overview, costing, standards, simulator, plans, recommend, gates, data, checkup, sharing, briefing,
                 access):
        doubled = out.keys() & area.STRINGS.keys()
        if doubled:  # an area must not silently override another's text
            raise ValueError(f"i18n keys defined twice: {sorted(doubled)}")
        out.update(area.STRINGS)
    return {**out, **_enum_entries()}


STRINGS: Final[dict[str, Entry]] = _catalogue()
__all__ = ["BEIJING", "DEFAULT_LANG", "GLOSSARY", "LANGS", "STRINGS", "Lang", "approx_figure", "beijing_times",
           "fmt_approx", "fmt_approx_range", "fmt_chance", "fmt_money", "fmt_num", "fmt_pct", "fmt_time", "fmt_yuan",
           "is_share", "join", "label", "labels", "money_figure", "t", "unit_text", "wan"]

# Beijing time (UTC+8, no daylight saving): every time a person reads. Stored times are UTC.
BEIJING: Final[dt.timezone] = dt.timezone(dt.timedelta(hours=8), "CST")


def t(key: str, lang: str = DEFAULT_LANG, /, **fmt: object) -> str:
    """The text for ``key`` in ``lang`` (falls back to Chinese), formatted with ``fmt``."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**fmt) if fmt else text


def label(group: str, value: object, lang: str = DEFAULT_LANG) -> str:
    """The name of an enum value (``label("mode", "full", "en")`` → ``"Full outsourcing"``)."""
    raw = getattr(value, "value", value)
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return t("common.no_mode", lang)
    return t(f"{group}.{raw}", lang)


def labels(group: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Every value of an enum group mapped to its name, in the group's defined order."""
    return {value: t(f"{group}.{value}", lang) for value in ENUMS[group]}


def join(items: Iterable[object], lang: str = DEFAULT_LANG, *, final: bool = False) -> str:
    """Names as one list in ``lang``: 甲、乙、丙 or ``A, B, C`` (``A, B and C`` when ``final``; 甲、乙和丙)."""
    names = [str(x) for x in items]
    if final and len(names) > 1:
        last = names.pop()
        return join(names, lang) + ("和" if lang == "zh" else " and ") + last
    return ("、" if lang == "zh" else ", ").join(names)


def wan(value: float) -> float:
    """CNY → 万元 (10,000 CNY), the unit Chinese budgets are read in."""
    return value / 10_000


def fmt_money(value: float, lang: str = DEFAULT_LANG) -> str:
    """A sum of money as a leader reads it: ``1,234.5 万元`` or ``CNY 12.35 m``."""
    if lang == "en":
        return f"CNY {value / 1e6:,.2f} m"
    if abs(value) >= 1e8:  # 亿元 from a hundred million on, as Chinese budgets are read
        return f"{value / 1e8:,.2f} 亿元"
    return f"{wan(value):,.1f} 万元"


def money_figure(value: float, lang: str = DEFAULT_LANG, *, whole: bool = False) -> str:
    """A sum of money without its unit, for a figure whose label carries it: 万元 in Chinese (one
    decimal, or none when ``whole``), CNY millions in English (two decimals)."""
    if lang == "en":
        return f"{value / 1e6:,.2f}"
    return f"{wan(value):,.{0 if whole else 1}f}"


def fmt_yuan(value: float, lang: str = DEFAULT_LANG) -> str:
    """A small sum in whole yuan: ``1,234 元`` or ``CNY 1,234``."""
    return f"CNY {value:,.0f}" if lang == "en" else f"{value:,.0f} 元"


def fmt_pct(value: float, digits: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: 0.052 → ``5.2%`` (``+5.2%`` when signed)."""
    return f"{value * 100:{'+' if signed else ''},.{digits}f}%"


def fmt_num(value: float, digits: int = 0) -> str:
    """A number with thousands separators."""
    return f"{value:,.{digits}f}"


def fmt_time(moment: dt.datetime | None, *, seconds: bool = False) -> str:
    """A stored time (UTC; naive means UTC) in Beijing time, ``2026-12-05 14:03``; "—" when missing."""
    if moment is None or (isinstance(moment, float) and math.isnan(moment)) or pd.isna(moment):
        return "—"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def beijing_times(values: pd.Series, *, seconds: bool = False) -> pd.Series:
    """A column of stored times (UTC) as Beijing-time text; "—" where missing."""
    when = pd.to_datetime(values, utc=True, errors="coerce")
    text = when.dt.tz_convert(BEIJING).dt.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return text.where(when.notna(), "—").astype(object)


# --- rounded as a finance official reads a forecast ---------------------------------------------------
def _two_figures(x: float) -> float:
    """``x`` to two significant figures (a forecast is not known to the yuan)."""
    if x == 0 or not math.isfinite(x):
        return 0.0
    return round(x, 1 - math.floor(math.log10(abs(x))))


def _plain(x: float) -> str:
    """A rounded number written without spurious decimals: 1,900 · 390 · 12 · 3.4 · 0.56."""
    return f"{x:,.0f}" if abs(x) >= 10 or x == int(x) else f"{x:,.{max(1, 1 - math.floor(math.log10(abs(x))))}f}"


def approx_figure(value: float, lang: str = DEFAULT_LANG) -> str:
    """A forecast sum without its unit, to two significant figures: 万元 in Chinese, CNY millions in English."""
    return _plain(_two_figures(wan(value) if lang != "en" else value / 1e6))


def fmt_approx(value: float, lang: str = DEFAULT_LANG, *, about: bool = True) -> str:
    """A forecast sum as a finance official writes it: ``约 1,900 万元``, ``约 1.9 亿元``, ``about CNY 19 million``."""
    if lang == "en":
        if abs(value) < 1e6:
            text = f"CNY {_plain(_two_figures(value))}"
        else:
            text = f"CNY {_plain(_two_figures(value / 1e6))} million"
        return f"about {text}" if about and value else text
    if abs(value) >= 1e8:
        text = f"{_plain(_two_figures(value / 1e8))} 亿元"
    elif abs(value) >= 1e4:
        text = f"{_plain(_two_figures(wan(value)))} 万元"
    else:
        text = f"{_plain(_two_figures(value))} 元"
    return f"约 {text}" if about and value else text


def fmt_approx_range(low: float, high: float, lang: str = DEFAULT_LANG) -> str:
    """A range of forecasts in one unit: ``1,200 万至 2,400 万元``, ``CNY 12 million to 24 million``."""
    if lang == "en":
        if max(abs(low), abs(high)) >= 1e6:
            return f"CNY {_plain(_two_figures(low / 1e6))} million to {_plain(_two_figures(high / 1e6))} million"
        return f"CNY {_plain(_two_figures(low))} to {_plain(_two_figures(high))}"
    if max(abs(low), abs(high)) >= 1e8:
        return f"{_plain(_two_figures(low / 1e8))} 亿至 {_plain(_two_figures(high / 1e8))} 亿元"
    return f"{_plain(_two_figures(wan(low)))} 万至 {_plain(_two_figures(wan(high)))} 万元"


def fmt_chance(p: float, lang: str = DEFAULT_LANG) -> str:
    """A probability as a whole percentage, never an overconfident 100%: ``97%``, ``99% 以上``, ``over 99%``."""
    if p >= 0.995:
        return "99% 以上" if lang != "en" else "over 99%"
    if 0 < p < 0.005:
        return "不足 1%" if lang != "en" else "under 1%"
    return f"{p * 100:.0f}%"
