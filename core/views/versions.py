"""Saved scenarios as versions that hold: the results a scenario was saved with, whether the data have
changed since, and its approval trail (拟稿 → 审核 → 批准, who and when, in Beijing time)."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd

from core.i18n import fmt_money, fmt_pct, fmt_time, label, t
from core.store.text import markdown_literal
from core.views.simulator import Analysis, headline


def snapshot(a: Analysis, name: str | None = None) -> dict[str, Any]:
    """The headline figures of an analysis as a saved scenario keeps them [CNY]."""
    p10, p50, p90 = a.npv
    return {"npv_p10": round(p10, 2), "npv_p50": round(p50, 2), "npv_p90": round(p90, 2),
            "prob_positive": round(float(a.mc.prob_positive), 4), "years": [a.result.years[0], a.result.years[-1]],
            "headline": {lang: headline(a, lang, name) for lang in ("zh", "en")}}


def kept(results: str) -> dict[str, Any]:
    """A saved scenario's kept results ({} when none were kept)."""
    try:
        value = json.loads(results or "{}")
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def _moment(value: Any) -> dt.datetime | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    when = pd.Timestamp(value)
    return None if pd.isna(when) else (when.tz_localize("UTC") if when.tzinfo is None else when).to_pydatetime()


def data_since(row: pd.Series, changed_at: dt.datetime | None, lang: str) -> str:
    """Whether the data changed after the scenario was saved, and when."""
    if not kept(str(row.get("results") or "")):
        return t("scen.data.unknown", lang)
    as_of = _moment(row.get("data_as_of"))
    if changed_at is not None and (as_of is None or changed_at > as_of + dt.timedelta(seconds=1)):
        return t("scen.data.changed", lang, when=fmt_time(changed_at))
    return t("scen.data.same", lang)


def versions_table(saved: pd.DataFrame, changed_at: dt.datetime | None, lang: str) -> pd.DataFrame:
    """The saved scenarios' status, who approved them and when, the saving they were saved with, and
    whether the data changed since."""
    rows = []
    for _, r in saved.iterrows():
        results = kept(str(r.get("results") or ""))
        approved = (f"{r['approved_by']} · {fmt_time(_moment(r['approved_at']))}" if r.get("approved_by") else "—")
        rows.append((r["name"], int(r["version"]), label("scen_status", r.get("status") or "draft", lang), approved,
                     fmt_money(results["npv_p50"], lang) if "npv_p50" in results else "—",
                     fmt_pct(results["prob_positive"], 0) if "prob_positive" in results else "—",
                     data_since(r, changed_at, lang)))
    return pd.DataFrame(rows, columns=[t("scen.col.name", lang), t("scen.col.version", lang), t("scen.col.status", lang),
                                       t("scen.col.approved", lang), t("scen.col.saved_npv", lang),
                                       t("sim.kf.prob_positive", lang), t("scen.col.data", lang)])


def trail(row: pd.Series, lang: str) -> list[str]:
    """The approval trail of one saved scenario, step by step, as Markdown lines (the names of the people
    shown literally: they are stored text)."""
    lines = [t("scen.status.line", lang, status=label("scen_status", row.get("status") or "draft", lang)),
             t("scen.status.drafted", lang, who=markdown_literal(row.get("owner") or "—"), when=fmt_time(_moment(row.get("created_at"))))]
    if row.get("submitted_by"):
        lines.append(t("scen.status.submitted", lang, who=markdown_literal(row["submitted_by"]), when=fmt_time(_moment(row["submitted_at"]))))
    if row.get("approved_by"):
        lines.append(t("scen.status.approved_line", lang, who=markdown_literal(row["approved_by"]),
                       when=fmt_time(_moment(row["approved_at"]))))
    return lines


def frozen_text(row: pd.Series, changed_at: dt.datetime | None, lang: str) -> str | None:
    """What the scenario computed when it was saved, and a note when the data changed since (None: nothing
    kept), as Markdown (the name shown literally)."""
    results = kept(str(row.get("results") or ""))
    if not results:
        return None
    text = t("scen.frozen", lang, name=markdown_literal(row["name"]), version=int(row["version"]),
             saved=fmt_time(_moment(row.get("updated_at"))), headline=results.get("headline", {}).get(lang, ""))
    since = data_since(row, changed_at, lang)
    if since != t("scen.data.same", lang):
        text += " " + t("scen.frozen_changed", lang, when=fmt_time(changed_at))
    return text
