"""The Data page's widgets: a store that may still be empty, problem tables, change reviews, editor columns."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar, cast

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session

from core.files.loader import Plan
from core.i18n import labels
from core.store import db, layout, repo
from ui.session import lang, tr
from ui.store import engine, store_state

T = TypeVar("T")


def data_store() -> Engine:
    """The engine for pages that also work on an empty store (the Data page imports into it)."""
    store_state(allow_empty=True)
    return engine()


def store_version(eng: Engine) -> str:
    """The data version, read now (changes with every write)."""
    with Session(eng) as session:
        return repo.data_version(session)


def memo(name: str, key: object, fn: Callable[[], T]) -> T:
    """``fn()`` remembered in this session until ``key`` changes (e.g. files, options, data version)."""
    slot = st.session_state.get(name)
    if slot is not None and slot[0] == key:
        return cast(T, slot[1])
    value = fn()
    st.session_state[name] = (key, value)
    return value


def refused(fn: Callable[[], T]) -> T | None:
    """``fn()``, or None and one line when the signed-in role may not do it (nothing was written)."""
    try:
        return fn()
    except db.Refused as exc:
        st.error(exc.text(lang()), icon=":material/block:")
        return None


def imported(done: Plan | None) -> None:
    """After an import: start again with the news, or say why nothing was written."""
    if done is None:
        return
    n = done.counts()
    if done.written:
        st.session_state["round"] = st.session_state.get("round", 0) + 1  # empties the uploader
        flash(tr("data.imported", insert=n["insert"], update=n["update"]))
        st.rerun()
    elif done.stale:
        st.warning(tr("data.changed_meanwhile"), icon=":material/sync_problem:")
    else:
        problems(done.problems, tr("data.problems", n=len(done.problems)))


def saved(done: Plan | None, slot: str) -> None:
    """After saving the editor: reload the table with the news, or say why nothing was written."""
    if done is None:
        return
    n = done.counts()
    if done.written:
        del st.session_state[slot]
        flash(tr("data.saved", insert=n["insert"], update=n["update"], delete=n["delete"]))
        st.rerun()
    elif not done.ok:
        problems(done.problems, tr("data.not_saved", n=len(done.problems)))
    else:
        st.info(tr("data.no_edits"))


def flash(message: str | None = None) -> None:
    """Show the message left by the previous run (or leave one for the next run)."""
    if message is not None:
        st.session_state["_flash"] = message
    elif st.session_state.get("_flash"):
        st.success(st.session_state.pop("_flash"), icon=":material/check_circle:")


def problems(found: pd.DataFrame, headline: str) -> None:
    """Every problem of a check as one error line and a table: file, sheet, row, column, value, reason."""
    st.error(headline, icon=":material/report:")
    shown = found.drop(columns=["code"]).rename(columns=lambda c: tr(f"data.col.{c}"))
    st.dataframe(shown, hide_index=True, column_config={
        tr("data.col.row"): st.column_config.NumberColumn(format="%d", width="small"),
        tr("data.col.reason"): st.column_config.TextColumn(width="large")})


def plan_review(plan: Plan) -> None:
    """What a checked batch would do: rows per table and action, then each change."""
    for note in plan.notes:
        st.caption(note)
    st.dataframe(plan.summary(lang()), hide_index=True)
    preview = plan.preview(lang())
    if len(preview):
        st.dataframe(preview, hide_index=True)


def editor_columns(table: str, options: dict[str, list[str]]) -> dict[str, object]:
    """Column settings for editing ``table``: names in the session's language, pick-lists, bounds."""
    out: dict[str, object] = {}
    for col in layout.SPECS[table].columns:
        name = layout.column_label(table, col, lang())
        kind = layout.column_kind(table, col)
        group = layout.enum_group(kind)
        required = not layout.default_of(table, col)[0]
        bound = layout.BOUNDS.get(col, layout.Bound())
        if col in options or group:
            choices = options[col] if col in options else list(labels(str(group), lang()).values())
            out[col] = st.column_config.SelectboxColumn(name, options=choices, required=required)
        elif kind is bool:
            out[col] = st.column_config.CheckboxColumn(name)
        elif kind in (int, float):
            out[col] = st.column_config.NumberColumn(
                name, required=required, min_value=None if bound.low_open else bound.low, max_value=bound.high,
                step=1 if kind is int else None, format="%d" if kind is int else None)
        elif kind is dt.date:
            out[col] = st.column_config.DateColumn(name, required=required, format="YYYY-MM-DD")
        else:
            out[col] = st.column_config.TextColumn(name, required=required, max_chars=layout.column_limit(table, col))
    return out
