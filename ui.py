"""Shared page furniture: language, access to the store, page header, charts and tables.

Pages import this and :mod:`core`; only this module touches Streamlit's caches.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from core import db, repo
from core.exhibits import Exhibit
from core.i18n import DEFAULT_LANG, LANGS, t

T = TypeVar("T")
LANG_NAMES = {"zh": "中文", "en": "English"}


def language_picker() -> str:
    """The language switch in the sidebar, kept in the URL (``?lang=en``) and across pages."""
    if "lang" not in st.session_state:  # a new session starts from the URL, else the browser
        wanted = st.query_params.get("lang") or _browser_lang()
        st.session_state["lang"] = wanted if wanted in LANGS else DEFAULT_LANG
    choice = st.sidebar.segmented_control(
        "语言 · Language", LANGS, format_func=LANG_NAMES.__getitem__, key="lang", required=True,
    )
    chosen = str(choice or DEFAULT_LANG)
    # Page switches drop query parameters; write the language back so links keep it.
    if chosen == DEFAULT_LANG:
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = chosen
    return chosen


def _browser_lang() -> str:
    """English only for a browser that asks for English; Chinese for everyone else."""
    locale = (st.context.locale or "").lower()
    return "en" if locale.startswith("en") else DEFAULT_LANG


def actor() -> str:
    """Who is making a change, for the audit log: the signed-in user, a name given on the Data page,
    the user a reverse proxy vouches for, or else the browser's address."""
    if getattr(st.user, "is_logged_in", False):
        return str(st.user.get("email") or st.user.get("name"))
    if st.session_state.get("actor"):
        return str(st.session_state["actor"])
    headers = st.context.headers
    for header in ("X-Forwarded-User", "Remote-User", "X-Remote-User"):
        if headers.get(header):
            return str(headers[header])
    return f"web:{st.context.ip_address or 'local'}"


def lang() -> str:
    """The language chosen for this session."""
    value = st.session_state.get("lang")
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **fmt: object) -> str:
    """:func:`core.i18n.t` in the session's language."""
    return t(key, lang(), **fmt)


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return db.make_engine(url)


def engine() -> Engine:
    """The store's engine (one per process and URL); a bad URL stops the page with one line."""
    try:
        return _engine(db.database_url())
    except db.StoreError as exc:
        st.error(tr("store.error", msg=str(exc)), icon=":material/database:")
        st.stop()


@st.cache_data(show_spinner=False, max_entries=4)
def _portfolio(url: str, version: str) -> repo.Portfolio:
    with Session(_engine(url)) as session:
        return repo.load_portfolio(session)


def _store_state() -> tuple[str, dict[str, str]]:
    """The data version and store facts, read on every rerun (a few cheap queries)."""
    eng = engine()
    try:
        if not db.has_schema(eng):
            st.info(tr("store.empty"), icon=":material/database:")
            st.stop()
        with Session(eng) as session:
            if repo.is_empty(session):
                st.info(tr("store.empty"), icon=":material/database:")
                st.stop()
            return repo.data_version(session), repo.get_meta(session)
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        st.error(tr("store.error", msg=first), icon=":material/database:")
        st.stop()


def portfolio() -> repo.Portfolio:
    """The whole store as frames, cached until the data changes."""
    version, meta = _store_state()
    st.session_state["_dataset"] = meta.get("dataset", "")
    return _portfolio(db.database_url(), version)


def data_version() -> str:
    """The current data version (cache key for computations derived from the portfolio)."""
    return _store_state()[0]


def cached(fn: Callable[..., T]) -> Callable[..., T]:
    """Cache a pure computation on the portfolio by data version and arguments."""
    # Streamlit keys a cache by the decorated function's source, which is this one lambda for every
    # ``fn``: the function's name is part of the arguments so that two functions never share entries.
    inner = st.cache_data(show_spinner=False, max_entries=64)(
        lambda name, version, *args, **kwargs: fn(_portfolio(db.database_url(), version), *args, **kwargs)
    )
    name = f"{fn.__module__}.{fn.__qualname__}"

    def call(*args: Any, **kwargs: Any) -> T:
        return inner(name, data_version(), *args, **kwargs)

    return call


def write(fn: Callable[..., object], /, *args: Any, done: str = "", **kwargs: Any) -> None:
    """Run a core write ``fn(session, *args, **kwargs)`` in one transaction, then rerun the page with
    ``done`` shown; a problem the user can fix (:class:`core.db.StoreError`) or a database refusal
    is shown as one line and nothing is written."""
    try:
        with db.session_scope(engine()) as session:
            fn(session, *args, **kwargs)
    except db.StoreError as exc:
        st.error(str(exc), icon=":material/block:")
        return
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        st.error(tr("store.error", msg=first), icon=":material/database:")
        return
    st.session_state["_done"] = done
    st.rerun()


def table(frame: pd.DataFrame, *, trend_range: tuple[float, float] = (50, 100), key: str | None = None,
          height: int | str = "auto") -> None:
    """A read-only table: no index, list columns drawn as sparklines, numbers with separators."""
    config: dict[str, Any] = {}
    for col in frame.columns:
        values = frame[col]
        if len(values) and values.map(lambda x: isinstance(x, list)).any():
            config[col] = st.column_config.LineChartColumn(col, y_min=trend_range[0], y_max=trend_range[1])
        elif pd.api.types.is_float_dtype(values):
            config[col] = st.column_config.NumberColumn(col, format="localized")
    st.dataframe(frame, hide_index=True, column_config=config, key=key, height=height)


def page_header(title_key: str, caption: str | None = None) -> None:
    """The page title, an optional caption, the synthetic-data notice when showing the demo, and
    the outcome of a change made on the previous run (see :func:`write`)."""
    st.title(tr(title_key))
    if caption:
        st.caption(caption)
    if st.session_state.get("_dataset") == "demo":
        st.info(tr("demo.notice"), icon=":material/science:")
    done = st.session_state.pop("_done", None)
    if done:
        st.success(done, icon=":material/check_circle:")


def chart(fig: go.Figure, name: str) -> None:
    """Show a figure built by :mod:`core.charts`, full width."""
    st.plotly_chart(fig, theme=None, key=f"chart-{name}", config={"displaylogo": False})


def exhibit(ex: Exhibit) -> None:
    """Show an exhibit: its takeaway in bold, then the chart."""
    st.markdown(f"**{ex.takeaway}**")
    chart(ex.figure, ex.key)
