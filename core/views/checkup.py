"""The data check-up as people read it: a sentence per finding naming its rows, a link that opens
them in the editor, the one line on data completeness the Overview and the meeting pack carry, and
the JSON ``python -m core check --json`` prints."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.domain import checkup
from core.domain.checkup import Completeness, is_number
from core.i18n import fmt_money, fmt_pct, join, label, t
from core.store.db import Refused, StoreError
from core.store.layout import SPECS, table_label
from core.store.limits import MAX_LINK_CHARS
from core.store.repo import Portfolio

LINK_PARAMS = ("edit", "rows")  # ?edit=<table>&rows=<id,id,…> on the Data page
MAX_LINK_ROWS = 500  # rows one link names; a finding naming more links to the first of them


def _split(value: object) -> list[str]:
    return [x for x in str(value).split(";") if x] if isinstance(value, str) else []


def concerns(row: pd.Series, lang: str) -> str:
    """The rows a finding names, as people name them: building · service, or the vendor."""
    if row["kind"] == "no_assessment":
        return str(row["vendor"])
    buildings, services = _split(row["building"]), _split(row["service"])
    if row["kind"] == "ledger_vs_price":
        return join([*dict.fromkeys(buildings)][:3], lang) + " · " + join(
            [label("service", s, lang) for s in services][:3], lang)
    return f"{row['building']} · {label('service', row['service'], lang)}"


def sentence(row: pd.Series, lang: str) -> str:
    """What a finding found, in one sentence with its figures."""
    kind = row["kind"]

    def money(x: object) -> str:
        return fmt_money(float(x), lang) if is_number(x) else "—"  # type: ignore[arg-type]

    common: dict[str, Any] = {"year": int(row["year"]), "actual": money(row["actual"]),
                              "reference": money(row["reference"])}
    if kind == "ledger_vs_price":
        return t("checkup.say.ledger_vs_price", lang, contract=row["contract"], vendor=row["vendor"],
                 pct=fmt_pct(float(row["detail"]), 0, signed=True), **common)
    if kind == "missing_months":
        return t("checkup.say.missing_months", lang, months=join(row["detail"], lang), last=int(row["reference"]),
                 year=int(row["year"]))
    if kind == "cost_without_arrangement":
        return t("checkup.say.cost_without_arrangement", lang, why=t(f"checkup.why.{row['detail']}", lang), **common)
    if kind == "staffing":
        return t("checkup.say.staffing", lang, staff=f"{float(row['actual']):g}", norm=f"{float(row['reference']):.1f}",
                 area=f"{float(row['detail']):,.0f}")
    if kind == "yoy_jump":
        return t("checkup.say.yoy_jump", lang, pct=fmt_pct(float(row["detail"]), 0, signed=True), **common)
    if kind == "no_assessment":
        return t("checkup.say.no_assessment", lang, contract=join(_split(row["contract"]), lang),
                 n=int(row["reference"]))
    return t(f"checkup.say.{kind}", lang, **common)


def link(table: str, ids: tuple[int, ...]) -> dict[str, str]:
    """The Data page's query parameters that open ``table`` in the editor on rows ``ids`` alone."""
    return {"edit": table, "rows": ",".join(str(i) for i in ids[:MAX_LINK_ROWS])}


def parse_link(edit: str | None, rows: str | None) -> tuple[str, tuple[int, ...]] | None:
    """The table and row ids a link names, or None when it names nothing usable (an unknown table,
    text that is not a list of ids, or more than a link may carry: links come from anyone)."""
    if not edit or not rows or edit not in SPECS or len(rows) > MAX_LINK_CHARS:
        return None
    parts = rows.split(",")
    if len(parts) > MAX_LINK_ROWS or not all(p.strip().isdigit() and len(p.strip()) <= 12 for p in parts):
        return None
    return edit, tuple(int(p) for p in parts)


def findings_table(found: pd.DataFrame, lang: str, *, page: str = "data") -> pd.DataFrame:
    """The findings as a table: kind, the rows concerned, what was found, and the link to the rows."""
    columns = [t(f"checkup.col.{c}", lang) for c in ("kind", "rows", "detail", "link")]
    if found.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for _, r in found.iterrows():
        params = link(r["table"], tuple(r["ids"]))
        query = "&".join(f"{k}={v}" for k, v in {**params, **({"lang": lang} if lang != "zh" else {})}.items())
        rows.append((t(f"checkup.kind.{r['kind']}", lang), concerns(r, lang), sentence(r, lang), f"{page}?{query}"))
    return pd.DataFrame(rows, columns=columns)


def completeness_line(c: Completeness, lang: str) -> str:
    """The one line on data completeness: how many arrangements show no problem, how much to check."""
    if not c.findings:
        return t("checkup.line_clean", lang, year=c.year, total=c.arrangements)
    kinds = join((f"{t(f'checkup.kind.{k}', lang)} {n}" for k, n in c.by_kind), lang)
    return t("checkup.line", lang, year=c.year, total=c.arrangements, clean=c.clean, rate=fmt_pct(c.rate, 0),
             n=c.findings, kinds=kinds)


@dataclass(frozen=True)
class CheckupView:
    """The check-up of one year as the Data page shows it."""

    settings: checkup.CheckupSettings
    completeness: Completeness
    findings: pd.DataFrame  # as the domain returns them (ids kept for links)
    table: pd.DataFrame  # as people read them
    line: str


def checkup_view(p: Portfolio, lang: str, year: int | None = None, on: dt.date | None = None) -> CheckupView:
    """Run the check-up for ``year`` (the latest on record by default) and say what it found."""
    s = settings(p, year, on)
    found = checkup.findings(p, s)
    c = checkup.completeness(p, found, s.year)
    return CheckupView(s, c, found, findings_table(found, lang), completeness_line(c, lang))


def settings(p: Portfolio, year: int | None = None, on: dt.date | None = None) -> checkup.CheckupSettings:
    """The check-up's settings from the book; a book without its factors is one line to fix."""
    if not p.years and year is None:
        raise Refused("checkup.no_costs")
    try:
        return checkup.CheckupSettings.from_book(p, year, on)
    except KeyError as exc:
        raise Refused("checkup.book_missing", missing=", ".join(MISSING_KEYS)) from exc


def overview_line(p: Portfolio, lang: str, on: dt.date | None = None) -> str:
    """The Overview's line on data completeness (the latest year), or what is missing to make it."""
    try:
        return checkup_view(p, lang, on=on).line
    except Refused as exc:
        return exc.text(lang)


MISSING_KEYS = ("ledger_price_tolerance", "checkup_yoy_jump", "checkup_staffing_factor")


def key_figure(p: Portfolio, lang: str, year: int, on: dt.date | None = None) -> tuple[str, str] | None:
    """The meeting pack's key figure on data completeness for ``year`` (None when the book lacks the factors)."""
    try:
        v = checkup_view(p, lang, year=year, on=on)
    except StoreError:
        return None
    return t("checkup.kf", lang, year=year), t("checkup.kf_value", lang, rate=fmt_pct(v.completeness.rate, 0),
                                               n=v.completeness.findings)


def as_json(v: CheckupView, lang: str) -> dict[str, Any]:
    """The check-up as ``python -m core check --json`` prints it."""
    c = v.completeness
    items = []
    for (_, r), (_, shown) in zip(v.findings.iterrows(), v.table.iterrows()):
        items.append({
            "kind": r["kind"], "kind_name": t(f"checkup.kind.{r['kind']}", lang), "concerns": shown.iloc[1],
            "finding": shown.iloc[2], "table": r["table"], "table_name": table_label(r["table"], lang),
            "ids": [int(i) for i in r["ids"]], "arrangement_ids": [int(i) for i in r["arrangement_ids"]],
            "link": shown.iloc[3],
        })
    return {"year": c.year, "completeness": round(c.rate, 4), "arrangements": c.arrangements, "clean": c.clean,
            "findings": c.findings, "by_kind": dict(c.by_kind), "line": v.line, "items": items}
