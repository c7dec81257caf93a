"""Every table and the audit log as people read them: the export (XLSX or a zip of CSVs) and the audit log's view."""
from __future__ import annotations

import json
from typing import Any

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session

from core.files.checks import _show, canonical
from core.files.writers import display_frame, to_csv, to_xlsx, to_zip
from core.i18n import STRINGS, beijing_times, label, t
from core.store import db, repo
from core.store.layout import (
    SPECS,
    column_label,
    key_label,
    table_label,
)
from core.store.models import AuditAction


# --- out: exports and the audit log -------------------------------------------------------------------
def export_frames(session: Session, lang: str) -> dict[str, pd.DataFrame]:
    """Every table, the scenarios and the audit log, as files hold them in ``lang`` (sheet name → frame)."""
    def sheet(name: str) -> str:
        return table_label(name, lang) if lang == "zh" else name

    out: dict[str, pd.DataFrame] = {}
    for name, frame in repo.natural_frames(session).items():
        out[sheet(name)] = display_frame(canonical(name, frame), name, lang)
    scenarios = repo.scenario_frame(session).drop(columns="id")
    for col in ("created_at", "updated_at", "submitted_at", "approved_at", "data_as_of"):
        scenarios[col] = beijing_times(scenarios[col], seconds=True)
    scenarios["status"] = scenarios["status"].map(lambda s: label("scen_status", s, lang))
    out[sheet("scenarios")] = scenarios.rename(columns=lambda c: column_label("scenarios", c, lang) if lang == "zh" else c)
    log, _ = repo.audit_frame(session, limit=10_000_000)
    out[sheet("audit_log")] = audit_view(log.iloc[::-1], lang, raw=True)
    return out


AUDIT_ACTIONS = [a.value for a in AuditAction]  # what the audit log's filter offers


def audit_table_label(name: str, lang: str) -> str:
    """How the audit log names a table: the data tables' names, scenarios, accounts, or as written."""
    if name in SPECS:
        return table_label(name, lang)
    return t(f"data.table.{name}", lang) if f"data.table.{name}" in STRINGS else name


def audit_view(log: pd.DataFrame, lang: str, *, raw: bool = False) -> pd.DataFrame:
    """Audit entries as people read them: table and action names, and before → after in words."""
    cols = ["at", "actor", "source", "table_name", "row_key", "action"]
    out = log[cols].copy() if len(log) else pd.DataFrame(columns=cols)
    out["at"] = beijing_times(out["at"], seconds=True)
    out["source"] = out["source"].map(lambda s: t(f"data.source.{s}", lang) if f"data.source.{s}" in _SOURCES else s)
    if not raw:  # on the page: labels, never codes (the export keeps the key as stored)
        out["row_key"] = [key_label(n, str(k), lang) for n, k in zip(out["table_name"], out["row_key"])]
    out["table_name"] = out["table_name"].map(lambda n: audit_table_label(n, lang))
    out["action"] = out["action"].map(lambda a: t(f"data.action.{a}", lang))
    if raw:
        out["before"], out["after"] = log.get("before"), log.get("after")
    else:
        out["changes"] = [_changes(b, a, n, lang) for b, a, n in zip(log.get("before", []), log.get("after", []),
                                                                        log.get("table_name", []))]
    out.columns = [column_label("audit_log", c, lang) for c in out.columns]
    return out.reset_index(drop=True)


_SOURCES = {f"data.source.{s}" for s in ("import", "editor", "cli", "init-db", "restore", "app")}


def _changes(before: str | None, after: str | None, table: str, lang: str) -> str:
    """``column: old → new; …`` from an entry's JSON (inserts and deletes show the row)."""
    b = json.loads(before) if isinstance(before, str) and before else {}
    a = json.loads(after) if isinstance(after, str) and after else {}

    def name(c: str) -> str:
        return column_label(table, c, lang) if table in SPECS and c in SPECS[table].columns else c

    if b and a:
        return "; ".join(f"{name(c)}: {_show(b.get(c))} → {_show(a.get(c))}" for c in a)
    row = a or b
    return "; ".join(f"{name(c)}: {_show(v)}" for c, v in row.items() if v not in (None, ""))


def export_file(engine: Engine, lang: str, fmt: str) -> bytes:
    """Every table and the audit log, read in one snapshot, as one XLSX workbook or a zip of CSV files."""
    with db.snapshot(engine) as session:
        frames = export_frames(session, lang)
    if fmt == "xlsx":
        return to_xlsx(frames)
    return to_zip({f"{name}.csv": to_csv(frame) for name, frame in frames.items()})


def read_audit(engine: Engine, lang: str, **filters: Any) -> tuple[pd.DataFrame, int]:
    """Audit entries matching ``filters`` (see :func:`core.store.repo.audit_frame`) as people read them, and how many."""
    with Session(engine) as session:
        log, total = repo.audit_frame(session, **filters)
    return audit_view(log, lang), total
