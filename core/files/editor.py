"""Editing a table in the grid: the rows as the editor shows them, the same checks as an import, and a save refused when someone else changed the rows meanwhile."""
from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from core.files.checks import TablePlan, _keys, _na, _same_value, canonical, plan_sources
from core.files.io import Source, as_text
from core.files.loader import Plan, _plan, _refused, apply_plan
from core.files.problems import Problems
from core.i18n import labels, t
from core.store import access, db, repo
from core.store.access import Actor, Permission
from core.store.layout import (
    SPECS,
    column_kind,
    column_label,
    enum_group,
    table_label,
)
from core.store.wording import row_labels


def editor_frame(loaded: pd.DataFrame, table: str, lang: str) -> pd.DataFrame:
    """A stored table as the editor shows it: ``id`` kept, enum values as their names in ``lang``."""
    out = loaded[["id", *SPECS[table].columns]].copy()
    for col in SPECS[table].columns:
        kind = column_kind(table, col)
        group = enum_group(kind)
        if kind is int:
            out[col] = out[col].round().astype("Int64")
        elif group:
            out[col] = out[col].map(labels(group, lang)).astype(object).where(out[col].notna(), None)
    return out


def plan_edit(session: Session, *, table: str, loaded: pd.DataFrame, edited: pd.DataFrame,
              problems: Problems) -> Plan:
    """What saving the editor would do, checked like an import and against concurrent edits.

    ``loaded`` is the table as it was read when the editor opened (:func:`core.store.repo.natural_frames`
    made :func:`canonical`), ``edited`` what the editor returns (:func:`editor_frame` plus edits).
    A row changed or deleted here that someone else changed or deleted meanwhile is refused.
    """
    spec, lang = SPECS[table], problems.lang
    cols = list(spec.columns)
    shown = as_text(editor_frame(loaded, table, lang).set_index("id")[cols])
    edits = edited.reset_index(drop=True)
    ids = pd.to_numeric(edits["id"], errors="coerce") if "id" in edits else pd.Series(np.nan, index=edits.index)
    text = as_text(edits[cols])
    existing = ids.notna() & ids.isin(shown.index)
    old = shown.reindex(ids[existing].astype(int).to_numpy())
    differs = pd.Series(False, index=edits.index)
    for col in cols:
        a, b = text.loc[existing, col], old[col]
        diff = ~(a.to_numpy() == b.to_numpy()) & ~(a.isna().to_numpy() & b.isna().to_numpy())
        differs.loc[existing] = differs.loc[existing].to_numpy() | diff
    changed = existing & differs
    added = ~existing & text.notna().any(axis=1)
    deleted = sorted(set(shown.index) - set(ids[existing].astype(int)))
    batch = text[changed | added].copy()
    batch["_id"] = ids[changed | added].where(changed, None)
    grid = table_label(table, lang)
    source = Source(t("data.tab.edit", lang), grid, table, batch, (batch.index + 1).to_numpy(),
                    {c: column_label(table, c, lang) for c in cols}, 0)
    current = canonical(table, repo.natural_frames(session, tables=[table])[table])
    tables = plan_sources(session, [source], problems, existing="refuse") if len(batch) else {}
    mine = loaded.set_index("id")
    now = current.set_index("id")
    named = loaded.loc[loaded["id"].isin({*ids[changed].astype(int), *deleted})]  # only the rows a message names
    names = pd.Series(row_labels(table, named, lang).to_numpy(), index=named["id"].to_numpy())
    for ident in [int(i) for i in ids[changed]] + deleted:
        row = int(edits.index[ids == ident][0]) + 1 if ident in set(ids[changed]) else None
        key = names[ident]
        if ident not in now.index:
            problems.add("conflict_deleted", file=t("data.tab.edit", lang), sheet=grid, row=row, value=key)
        elif not all(_same_value(_plainv(mine.at[ident, c]), _plainv(now.at[ident, c])) for c in cols):
            problems.add("conflict", file=t("data.tab.edit", lang), sheet=grid, row=row, value=key)
    for other, counts in repo.referrers(session, table=table, ids=deleted).items():
        for ident, n in counts.items():
            problems.add("referenced", file=t("data.tab.edit", lang), sheet=grid, value=names[ident], n=n,
                         table=table_label(other, lang))
    if deleted:
        p = tables.get(table) or TablePlan(table, tuple(cols), pd.DataFrame(columns=[*cols, "_key"]),
                                           pd.DataFrame(columns=[*cols, "id", "_key"]), pd.DataFrame(columns=cols))
        gone = loaded[loaded["id"].isin(deleted)].copy()
        gone["_key"] = _keys(table, gone, spec.key, "/")
        p.deletes = gone
        tables[table] = p
    return _plan(tables, problems)


def _plainv(v: object) -> object:
    return None if _na(v) else v


def save_edit(engine: Engine, *, table: str, loaded: pd.DataFrame, edited: pd.DataFrame, actor: Actor,
              lang: str) -> Plan:
    """Check the editor's changes and, if all is well, write them in one transaction (audited);
    refused (:class:`core.store.access.Refused`) unless the actor may edit this table."""
    access.require(actor, Permission.edit_data)
    if table in access.TABLE_PERMISSIONS:
        access.require(actor, access.TABLE_PERMISSIONS[table])
    problems = Problems(lang)
    try:
        with db.write_scope(engine) as session:
            plan = plan_edit(session, table=table, loaded=loaded, edited=edited, problems=problems)
            if plan.ok and any(plan.counts()[k] for k in ("insert", "update", "delete")):
                apply_plan(session, plan.tables, actor=actor, source="editor", permission=Permission.edit_data)
                plan.written = True
        return plan
    except SQLAlchemyError as exc:
        return _refused(exc, problems)


def load_table(engine: Engine, table: str) -> pd.DataFrame:
    """One table as the editor loads it (canonical values, with ids)."""
    with Session(engine) as session:
        return canonical(table, repo.natural_frames(session, tables=[table])[table])


def ref_options(engine: Engine, table: str, lang: str) -> dict[str, list[str]]:
    """For each reference column of ``table``: the names the editor offers (services by their name in ``lang``)."""
    spec = SPECS[table]
    wanted = {r.table for r in spec.refs}
    with Session(engine) as session:
        frames = repo.natural_frames(session, tables=wanted)
    out: dict[str, list[str]] = {}
    for ref in spec.refs:
        for col, key_col in zip(ref.columns, SPECS[ref.table].key):
            kind = column_kind(table, col)
            group = enum_group(kind)
            if group:
                out[col] = list(labels(group, lang).values())
            else:
                out[col] = sorted({str(v) for v in frames[ref.table][key_col].dropna()})
    return out
