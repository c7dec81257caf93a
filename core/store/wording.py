"""How people write the values of a table: the Bureau's own words for enumerated values, the marker
that clears a stored value, and how a row is named in a message.

Imports accept, for an enumerated column, the value's code, its Chinese and English names, and the
synonyms below (the words the Bureau's clerks use), after NFKC (full-width letters and digits read
as ordinary ones), ignoring case and spaces. The import template's notes list them all.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from functools import cache

import numpy as np
import pandas as pd

from core.i18n import label, labels, t
from core.store.layout import SPECS, column_kind, column_label, enum_group

# group → synonym → value. Chinese names and English names of every value are accepted anyway.
SYNONYMS: dict[str, dict[str, str]] = {
    "delivery": {
        "自管": "in_house", "自营": "in_house", "自行保障": "in_house", "自我保障（劳务用工）": "in_house",
        "劳务外包": "labour_only", "社会化外包": "labour_only", "社会化外包（服务企业派人，业主方配物）": "labour_only",
        "派人": "labour_only",
        "完全社会化": "contracted", "完全社会化（整体或分项外包）": "contracted", "整体或分项外包": "contracted",
        "分项外包": "contracted", "全包": "contracted",
    },
    "service": {
        "物业管理": "property_mgmt", "物业服务": "property_mgmt", "综合物业": "property_mgmt",
        "保洁服务": "cleaning", "卫生保洁": "cleaning",
        "保安": "security", "安保": "security", "秩序维护服务": "security",
        "接待": "reception", "前台": "reception",
        "食堂": "canteen", "机关食堂": "canteen", "餐饮服务": "canteen",
        "绿化养护": "greening",
        "会议服务": "conference", "会务服务": "conference",
        "设施设备运行维护": "facilities", "设备运维": "facilities",
        "维修": "repairs", "房屋修缮": "repairs",
        "水电": "energy", "水电费": "energy", "能源": "energy",
        "文印": "mail_print", "收发": "mail_print",
        "机要": "confidential", "保密": "confidential",
    },
    "channel": {"招标": "public_tender", "磋商": "competitive_consultation", "单一来源采购": "single_source",
                "委托": "direct_award"},
    "status": {"申请": "applied", "待审": "applied", "准入": "admitted", "黑名单": "blacklisted",
               "暂停准入": "suspended"},
}
# A cell holding one of these in an update clears the stored value; a blank cell keeps it.
CLEAR_MARKERS: tuple[str, ...] = ("（清空）", "(clear)")


def normalise_value(text: str) -> str:
    """A cell as matched against codes, names and synonyms: NFKC, lower case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


@cache
def enum_aliases(group: str) -> dict[str, str]:
    """Every accepted spelling (normalised) of the values of an enum group → the value."""
    out: dict[str, str] = {}
    for lang in ("en", "zh"):
        for value, name in labels(group, lang).items():
            out[normalise_value(name)] = value
    for value in labels(group, "en"):
        out[normalise_value(value)] = value
    for word, value in SYNONYMS.get(group, {}).items():
        out.setdefault(normalise_value(word), value)
    return out


def synonym_rows(lang: str, groups: set[str] | None = None) -> list[tuple[str, str, str]]:
    """The synonyms (of ``groups``, default all) as (column, the word, what it means) rows, for the
    template's notes."""
    columns = {"delivery": ("arrangements", "delivery"), "service": ("arrangements", "service"),
               "channel": ("contracts", "channel"), "status": ("vendors", "status")}
    return [(column_label(*columns[g], lang), word, label(g, value, lang))
            for g, words in SYNONYMS.items() if groups is None or g in groups for word, value in words.items()]


def is_clear_marker(values: pd.Series) -> pd.Series:
    """Which cells hold the marker that clears a stored value (only cells that might are looked at)."""
    wanted = {normalise_value(m) for m in CLEAR_MARKERS}
    text = values.astype("str")
    maybe = text.str.contains("清空|clear", case=False, regex=True).fillna(False).astype(bool)
    out = pd.Series(False, index=values.index)
    if maybe.any():
        out[maybe] = text[maybe].map(lambda v: normalise_value(v) in wanted).astype(bool)
    return out


# --- naming rows ---------------------------------------------------------------------------------------
def _whole(x: pd.Series) -> pd.Series:
    num = pd.to_numeric(x, errors="coerce")
    out = num.map(lambda v: "" if pd.isna(v) else (f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"))
    return out.astype(object)


def _value_text(table: str, col: str, values: pd.Series, lang: str) -> pd.Series:
    kind = column_kind(table, col)
    group = enum_group(kind)
    if group:
        return values.map(lambda v: label(group, v, lang) if isinstance(v, str) and v else "").astype(object)
    if kind is dt.date:
        return values.map(lambda d: d.isoformat() if isinstance(d, dt.date) else ("" if d is None else str(d)))
    if kind in (int, float):
        return _whole(values) if col not in ("year",) else values.map(
            lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(int(float(v))))
    return values.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)).astype(object)


def _year(values: pd.Series) -> pd.Series:
    return _value_text("cost_records", "year", values, "en")


def row_labels(table: str, frame: pd.DataFrame, lang: str) -> pd.Series:
    """Each row named as people name it, from its natural key: ``市行政中心 · 保洁 · 2025 年全年``
    (``市行政中心 · Cleaning · 2025, whole year``), never by internal codes."""
    key = list(SPECS[table].key)
    parts: list[pd.Series] = []
    if table == "cost_records":
        year, month = _year(frame["year"]), pd.to_numeric(frame["month"], errors="coerce")
        when = [t("data.label.whole_year" if m == 0 else "data.label.month", lang, year=y,
                  month="" if pd.isna(m) else int(m)) if y else "" for y, m in zip(year, month)]
        parts = [_value_text(table, c, frame[c], lang) for c in ("building", "service")]
        parts.append(pd.Series(when, index=frame.index, dtype=object))
    elif table == "quality_assessments":
        year, quarter = _year(frame["year"]), pd.to_numeric(frame["quarter"], errors="coerce")
        when = [t("data.label.quarter", lang, year=y, quarter="" if pd.isna(q) else int(q)) if y else ""
                for y, q in zip(year, quarter)]
        parts = [_value_text(table, "building", frame["building"], lang), pd.Series(when, index=frame.index,
                                                                                     dtype=object)]
    elif table == "fee_standards":
        parts = [_value_text(table, "service", frame["service"], lang),
                 _whole(frame["tier"]).map(lambda v: t("data.label.tier", lang, tier=v)),
                 _whole(frame["area_min_m2"]).map(lambda v: t("data.label.area_from", lang, area=v))]
    else:
        parts = [_value_text(table, c, frame[c], lang) for c in key]
    out = parts[0].astype(str)
    for p in parts[1:]:
        out = out + " · " + p.astype(str)
    return out.astype(object)
