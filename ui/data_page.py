"""The Data page's widgets: a store that may still be empty, problem tables, change reviews, editor columns."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar, cast

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session

from core.files import changes, editor, uploads
from core.files.changes import Change
from core.files.loader import Plan
from core.i18n import fmt_pct, labels
from core.store import db, layout, limits, repo
from core.views import checkup as checkup_views
from ui.session import lang, plain, tr
from ui.store import cached, engine, has_data, store_state

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
        problems(done, "data.problems")


def saved(done: Plan | None, slot: str) -> None:
    """After saving the editor: reload the table with the news and the cells just saved, or say why
    nothing was written."""
    if done is None:
        return
    n = done.counts()
    if done.written:
        del st.session_state[slot]
        st.session_state[SAVED] = (slot, editor.changed_cells(done, lang()), n)
        flash(tr("data.saved", insert=n["insert"], update=n["update"], delete=n["delete"]))
        st.rerun()
    elif not done.ok:
        problems(done, "data.not_saved")
    else:
        st.info(tr("data.no_edits"))


def flash(message: str | None = None) -> None:
    """Show the message left by the previous run (or leave one for the next run)."""
    if message is not None:
        st.session_state["_flash"] = message
    elif st.session_state.get("_flash"):
        st.success(st.session_state.pop("_flash"), icon=":material/check_circle:")


def problems(plan: Plan, headline_key: str) -> None:
    """The problems of a check: one error line, the first of them as a table (file, sheet, row, column,
    value, reason) and, when there are more than it lists, how many of each kind."""
    total, found = plan.problem_total, plan.problems
    st.error(tr(headline_key, n=f"{total:,}"), icon=":material/report:")
    if len(found) < total:
        st.caption(tr("data.problems_more", shown=f"{len(found):,}", n=f"{total:,}"))
        st.dataframe(plan.problem_kinds(lang()), hide_index=True)
    shown = found.drop(columns=["code"]).rename(columns=lambda c: tr(f"data.col.{c}"))
    st.dataframe(shown, hide_index=True, column_config={
        tr("data.col.row"): st.column_config.NumberColumn(format="%d", width="small"),
        tr("data.col.reason"): st.column_config.TextColumn(width="large")})


def plan_review(plan: Plan) -> None:
    """What a checked batch would do: rows per table and action, then each change."""
    for note in plan.notes:
        st.caption(plain(note))  # notes name files and sheets as uploaded
    st.dataframe(plan.summary(lang()), hide_index=True)
    preview = plan.preview(lang())
    if len(preview):
        st.dataframe(preview, hide_index=True)


def linked_rows() -> tuple[str, tuple[int, ...]] | None:
    """The table and rows a link names (``?edit=<table>&rows=<id,…>``, as check-up findings link), or None."""
    return checkup_views.parse_link(st.query_params.get("edit"), st.query_params.get("rows"))


def only_linked(loaded: pd.DataFrame, table: str, linked: tuple[str, tuple[int, ...]] | None) -> tuple[pd.DataFrame, str]:
    """The editor's rows narrowed to those a link names (saving then touches only them), with a note
    and a way back to every row; and a tag that keeps the narrowed editor apart from the full one."""
    if linked is None or linked[0] != table:
        return loaded, ""
    rows = loaded.loc[loaded["id"].isin(linked[1])]
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.info(tr("checkup.filtered", n=len(rows), table=layout.table_label(table, lang())), icon=":material/filter_alt:")
    if right.button(tr("checkup.show_all"), icon=":material/filter_alt_off:"):
        for key in checkup_views.LINK_PARAMS:
            st.query_params.pop(key, None)
        st.rerun()
    return rows, "_linked"


def checkup_section() -> None:
    """The data check-up: the line on completeness, then every finding with a link to its rows."""
    st.caption(tr("checkup.caption"))
    if not has_data():
        st.info(tr("store.empty"), icon=":material/database:")
        return
    try:
        view = cached(checkup_views.checkup_view)(lang(), None, dt.date.today())
    except db.StoreError as exc:  # our own words (a Refused) may carry markup; anything else is shown as text
        st.warning(exc.text(lang()) if isinstance(exc, db.Refused) else plain(str(exc)), icon=":material/rule:")
        return
    if view.findings.empty:
        st.success(tr("checkup.none", year=view.completeness.year), icon=":material/verified:")
        return
    st.markdown(plain(view.line))
    link_col = tr("checkup.col.link")
    st.dataframe(view.table, hide_index=True, column_config={
        link_col: st.column_config.LinkColumn(link_col, display_text=tr("checkup.view"), width="small"),
        tr("checkup.col.detail"): st.column_config.TextColumn(width="large")})


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


# --- the analyst's day: uploads that replace, large changes confirmed, changed cells shown -----------------
SAVED = "data_saved_cells"  # the cells the last save wrote, shown under the grid until the next edit


def uploaded_files(encoding_help: str) -> list[tuple[str, bytes]]:
    """The uploader (emptied after each import or by its button): the files that count, a file uploaded
    again under the same name replacing the earlier one (:func:`core.files.uploads.latest_by_name`)."""
    round_ = st.session_state.get("round", 0)
    chosen = st.file_uploader(
        tr("data.upload"), type=["csv", "xlsx"], accept_multiple_files=True, max_upload_size=limits.MAX_FILE_MB,
        help=encoding_help, key=f"data_upload_{round_}")
    if not chosen:
        return []
    files, replaced = uploads.latest_by_name([(u.name, u.getvalue()) for u in chosen])
    left, right = st.columns([4, 1], vertical_alignment="center")
    if replaced:
        left.caption(plain(tr("data.upload.replaced", names="、".join(replaced) if lang() == "zh" else
                              ", ".join(replaced))))
    if right.button(tr("data.upload.clear"), icon=":material/delete_sweep:", key="data_upload_clear"):
        st.session_state["round"] = round_ + 1
        st.rerun()
    return files


def large_review(plan: Plan, key: str) -> frozenset[Change] | None:
    """The stored figures the write would move beyond the Bureau's tolerance, and the box that confirms
    them: the changes confirmed (empty when there are none), or None while they wait for the tick."""
    if not plan.large:
        return frozenset()
    pct = fmt_pct(plan.tolerance or 0.0, 0)
    st.warning(tr("data.large.title", n=len(plan.large), pct=pct), icon=":material/warning:")
    st.dataframe(changes.changes_frame(plan.large, lang()), hide_index=True)
    if st.checkbox(tr("data.large.confirm"), key=key, help=tr("data.large.confirm_help")):
        return frozenset(plan.large)
    return None


def cells_table(cells: pd.DataFrame) -> None:
    """Changed cells, those beyond the tolerance highlighted."""
    flag = tr("data.cells.large")
    style = cells.style.apply(lambda r: ["background-color: #fde68a" if r[flag] else "" for _ in r], axis=1)
    st.dataframe(style, hide_index=True)


def edit_review(plan: Plan | None, slot: str) -> frozenset[Change] | None:
    """Under the grid: the cells the save would change (stored → new) and the large changes to confirm;
    with no edit pending, the cells the last save wrote. Returns what :func:`large_review` returns."""
    if plan is None:
        last = st.session_state.get(SAVED)
        if last is not None and last[0] == slot and len(last[1]):
            st.caption(tr("data.cells.saved", n=len(last[1])))
            cells_table(last[1])
        return frozenset()
    st.session_state.pop(SAVED, None)
    if not plan.ok:
        return frozenset()  # saving lists the problems
    cells = editor.changed_cells(plan, lang())
    n = plan.counts()
    if len(cells):
        st.caption(tr("data.cells.title", n=len(cells)))
        cells_table(cells)
    if n["insert"] or n["delete"]:
        st.caption(tr("data.cells.rows", insert=n["insert"], delete=n["delete"]))
    return large_review(plan, key=f"data_edit_large_{slot}")


def pending_edit(eng: Engine, table: str, loaded: pd.DataFrame, edited: pd.DataFrame, editor_key: str) -> Plan | None:
    """What saving would do now (remembered until the edits or the data change), or None with no edit."""
    state = st.session_state.get(editor_key) or {}
    if not any(state.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")):
        return None
    key = (editor_key, repr(state), store_version(eng))
    return memo("data_edit_preview", key, lambda: editor.preview_edit(
        eng, table=table, loaded=loaded, edited=edited, lang=lang()))
