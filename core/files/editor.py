"""Editing a table in the grid: the rows as the editor shows them, the same checks as an import, and a save refused when someone else changed the rows meanwhile."""
from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from core.files.changes import Change, change_text, figure_columns
from core.files.checks import TablePlan, _keys, _na, _same_value, canonical, plan_sources
from core.files.io import Source, as_text
from core.files.loader import Plan, _plan, _refused, apply_plan, measure, require_confirmed, value_text
from core.files.problems import Problems
from core.i18n import labels, t
from core.store import access, db, repo
from core.store.access import Actor, Permission
from core.store.layout import (
    SPECS,
    column_kind,
    column_label,
    enum_group,
    key_label,
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


def preview_edit(engine: Engine, *, table: str, loaded: pd.DataFrame, edited: pd.DataFrame, lang: str) -> Plan:
    """What saving the editor would do now, with its large changes (:mod:`core.files.changes`);
    nothing is written."""
    problems = Problems(lang)
    try:
        with db.snapshot(engine) as session:
            plan = plan_edit(session, table=table, loaded=loaded, edited=edited, problems=problems)
            if plan.ok:
                measure(session, plan)
        return plan
    except SQLAlchemyError as exc:
        return _refused(exc, problems)


def save_edit(engine: Engine, *, table: str, loaded: pd.DataFrame, edited: pd.DataFrame, actor: Actor,
              lang: str, confirmed: bool | Collection[Change] = False) -> Plan:
    """Check the editor's changes and, if all is well, write them in one transaction (audited);
    refused (:class:`core.store.access.Refused`) unless the actor may edit this table, and
    (:class:`core.files.changes.Unconfirmed`, nothing written) while ``confirmed`` does not cover
    every stored figure moved beyond the Bureau's tolerance."""
    access.require(actor, Permission.edit_data)
    if table in access.TABLE_PERMISSIONS:
        access.require(actor, access.TABLE_PERMISSIONS[table])
    problems = Problems(lang)
    try:
        with db.write_scope(engine) as session:
            plan = plan_edit(session, table=table, loaded=loaded, edited=edited, problems=problems)
            if plan.ok and any(plan.counts()[k] for k in ("insert", "update", "delete")):
                measure(session, plan)
                require_confirmed(plan, confirmed)
                apply_plan(session, plan.tables, actor=actor, source="editor", permission=Permission.edit_data)
                plan.written = True
        return plan
    except SQLAlchemyError as exc:
        return _refused(exc, problems)


def changed_cells(plan: Plan, lang: str, limit: int = 1_000) -> pd.DataFrame:
    """Every cell the plan's updates change, as a reader checks them: row, column, stored → new, the
    change as a share of a stored figure, and a mark where it is beyond the Bureau's tolerance."""
    large = {(c.table, c.key, c.column) for c in plan.large}
    rows: list[tuple[str, str, str, str, str, str]] = []
    for name, p in plan.tables.items():
        if not len(p.updates):
            continue
        figures = set(figure_columns(name))
        for i in p.updates.index[:limit]:
            key = str(p.updates.at[i, "_key"])
            for col in p.columns:
                old, new = p.before.at[i, col], p.updates.at[i, col]
                if col not in p.before or _same_value(old, new):
                    continue
                change = Change(name, key, col, float(old), None if _na(new) else float(new)) \
                    if col in figures and not _na(old) else None
                rows.append((key_label(name, key, lang), column_label(name, col, lang), value_text(name, col, old, lang),
                             value_text(name, col, new, lang), "" if change is None else change_text(change, lang),
                             "✔" if (name, key, col) in large else ""))
    columns = [t(f"data.large.col.{k}", lang) for k in ("key", "column", "old", "new", "change")]
    return pd.DataFrame(rows[:limit], columns=[*columns, t("data.cells.large", lang)])


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
