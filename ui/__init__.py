"""Shared page furniture: language, access to the store, page header, charts and tables.

Pages import this and :mod:`core`; only this module touches Streamlit's caches.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from streamlit.runtime.pages_manager import PagesManager

from core.files import admin
from core.i18n import DEFAULT_LANG, LANGS, t
from core.sharing import export, pack
from core.store import db, repo
from core.views.exhibits import Exhibit, PackOptions

T = TypeVar("T")
LANG_NAMES = {"zh": "中文", "en": "English"}


def language_picker() -> str:
    """The language switch in the sidebar, kept in the URL (``?lang=en``) and across pages.

    The choice lives under a plain session key (``_lang``): a page switch resets the widget's own
    state, so the widget is seeded from the plain key on every run and writes back when changed.
    """
    if "_lang" not in st.session_state:  # a new session starts from the URL, else the browser
        wanted = st.query_params.get("lang") or _browser_lang()
        st.session_state["_lang"] = wanted if wanted in LANGS else DEFAULT_LANG
    st.session_state["lang"] = st.session_state["_lang"]
    st.sidebar.segmented_control(
        "语言 · Language", LANGS, format_func=LANG_NAMES.__getitem__, key="lang", required=True,
        on_change=_remember_lang,
    )
    chosen = lang()
    # Page switches drop query parameters; write the language back so links keep it.
    if chosen == DEFAULT_LANG:
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = chosen
    return chosen


def _remember_lang() -> None:
    if st.session_state.get("lang") in LANGS:
        st.session_state["_lang"] = st.session_state["lang"]


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
    address = st.context.ip_address
    return f"web:{address if isinstance(address, str) and address else 'local'}"


def ensure_frame() -> None:
    """Make sure this page runs inside app.py's frame (language switch, navigation).

    Streamlit starts every process in its old pages-directory mode because a ``pages/`` folder
    exists, and leaves it only when app.py first calls ``st.navigation``. Until then a deep link
    (``/compare?lang=en`` on a freshly started server) runs the page file on its own, with file
    names for navigation and no language switch. A page that finds itself in that mode switches it
    off for the whole process and reruns, and the rerun goes through app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def lang() -> str:
    """The language chosen for this session."""
    ensure_frame()
    value = st.session_state.get("_lang")
    return value if value in LANGS else DEFAULT_LANG


def tr(key: str, **fmt: object) -> str:
    """:func:`core.i18n.t` in the session's language."""
    return t(key, lang(), **fmt)


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return db.make_engine(url)


def engine() -> Engine:
    """The store's engine (one per process and URL); a bad URL stops the page with one line."""
    ensure_frame()
    try:
        return _engine(db.database_url())
    except db.StoreError as exc:
        st.error(tr("store.error", msg=str(exc)), icon=":material/database:")
        st.stop()


# Results cached here are shared by every session of the process and handed out as they are, not
# copied (copying a portfolio or a set of figures on every rerun cost more than computing a page):
# pages and core treat them as read-only and derive new frames (``assign``, ``loc``) to change them.
@st.cache_resource(show_spinner=False, max_entries=4)
def _portfolio(url: str, version: str) -> repo.Portfolio:
    with Session(_engine(url)) as session:
        return repo.load_portfolio(session)


def new_run() -> None:
    """Forget what the previous run read about the store (app.py calls this at the top of every run)."""
    st.session_state.pop("_store_state", None)


def store_state(*, allow_empty: bool = False) -> tuple[str, dict[str, str]]:
    """The data version and store facts: a few cheap queries, made once per run.

    A store without tables stops the page with how to create it; so does a store without buildings
    unless ``allow_empty`` (the Data page imports into one). A database error is one line.
    """
    state = st.session_state.get("_store_state")
    if state is None:
        eng = engine()
        try:
            if not db.has_schema(eng):
                st.info(tr("store.empty"), icon=":material/database:")
                st.stop()
            with Session(eng) as session:
                state = repo.data_version(session), repo.get_meta(session), not repo.is_empty(session)
        except SQLAlchemyError as exc:
            first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            st.error(tr("store.error", msg=first), icon=":material/database:")
            st.stop()
        st.session_state["_store_state"] = state
    version, meta, has_data = state
    if not has_data and not allow_empty:
        st.info(tr("store.empty"), icon=":material/database:")
        st.stop()
    st.session_state["_dataset"] = meta.get("dataset", "")
    return version, meta


def portfolio() -> repo.Portfolio:
    """The whole store as frames, cached until the data change (shared: treat as read-only)."""
    version, _meta = store_state()
    return _portfolio(db.database_url(), version)


def data_version() -> str:
    """The current data version (cache key for computations derived from the portfolio)."""
    return store_state()[0]


_COMPUTATIONS: dict[str, Callable[..., Any]] = {}


@st.cache_resource(show_spinner=False, max_entries=256)
def _computed(name: str, url: str, version: str, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> Any:
    return _COMPUTATIONS[name](_portfolio(url, version), *args, **dict(kwargs))


def cached(fn: Callable[..., T]) -> Callable[..., T]:
    """``fn(portfolio, *args, **kwargs)`` computed once per data version and arguments, for every
    session of the process; the result is shared, so it must be treated as read-only."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    _COMPUTATIONS[name] = fn

    def call(*args: Any, **kwargs: Any) -> T:
        return _computed(name, db.database_url(), data_version(), args, tuple(sorted(kwargs.items())))  # type: ignore[no-any-return]

    return call


@st.cache_resource(show_spinner=False)
def _progress_results() -> tuple[threading.Lock, OrderedDict[tuple[Any, ...], Any]]:
    return threading.Lock(), OrderedDict()


def computed(fn: Callable[..., T], /, *args: Any, label: str, keep: int = 32, after: float = 0.3,
             derived: dict[str, Any] | None = None) -> T:
    """``fn(portfolio, *args, progress=…, **derived)`` cached by data version and arguments (the last
    ``keep`` results, shared by every session); ``derived`` are results computed from the same
    portfolio (so not part of the key). A run that takes longer than ``after`` seconds shows a
    progress bar where it is called, fed by ``fn``'s calls to ``progress(fraction)``."""
    url, version = db.database_url(), data_version()
    key = (f"{fn.__module__}.{fn.__qualname__}", url, version, args)
    lock, store = _progress_results()
    with lock:
        if key in store:
            store.move_to_end(key)
            return store[key]  # type: ignore[no-any-return]
    slot = st.empty()
    t0 = time.perf_counter()

    def progress(fraction: float) -> None:
        if time.perf_counter() - t0 > after:
            slot.progress(min(1.0, max(0.0, fraction)), text=label)

    value = fn(_portfolio(url, version), *args, progress=progress, **(derived or {}))
    slot.empty()
    with lock:
        store[key] = value
        while len(store) > keep:
            store.popitem(last=False)
    return value


def write(fn: Callable[..., object], /, *args: Any, done: str | Callable[[Any], str] = "", remember: str | None = None,
          **kwargs: Any) -> None:
    """Run a core write ``fn(session, *args, **kwargs)`` in one transaction, then rerun the page with
    ``done`` shown (a text, or a function of what ``fn`` returned); ``remember`` keeps that result in
    the session under this key for the next run. A problem the user can fix
    (:class:`core.store.db.StoreError`, in the session's language when it knows both) or a database
    refusal is shown as one line and nothing is written."""
    try:
        with db.session_scope(engine()) as session:
            result = fn(session, *args, **kwargs)
    except (db.StoreError, ValueError) as exc:
        text = getattr(exc, "text", None)
        st.error(text(lang()) if callable(text) else str(exc), icon=":material/block:")
        return
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        st.error(tr("store.error", msg=first), icon=":material/database:")
        return
    if remember:
        st.session_state[remember] = result
    st.session_state["_done"] = done(result) if callable(done) else done
    st.rerun()


def page_header(title_key: str, caption: str | None = None) -> None:
    """The page title, an optional caption, the synthetic-data notice when showing the demo, and
    the outcome of a change made on the previous run (see :func:`write`)."""
    st.title(tr(title_key))
    st.session_state["_page_title"] = tr(title_key)  # names the files this page's charts download as
    if caption:
        st.caption(caption)
    if st.session_state.get("_dataset") in admin.SYNTHETIC_DATASETS:
        st.info(tr("demo.notice"), icon=":material/science:")
    done = st.session_state.pop("_done", None)
    if done:
        st.success(done, icon=":material/check_circle:")


def chart(fig: go.Figure, name: str, *, scenario: str | None = None, ex: Exhibit | None = None) -> None:
    """Show a figure built by :mod:`core.views.charts`, full width, with its downloads (PNG, SVG, HTML) below.

    Downloaded files are named ``page-name[-scenario]-date.ext``.
    """
    stem = export.file_stem(st.session_state.get("_page_title"), name, scenario)
    config = {"displaylogo": False, "toImageButtonOptions": {"filename": stem, "scale": 2}}
    st.plotly_chart(fig, theme=None, key=f"chart-{name}", config=config)
    downloads(fig, name, stem, ex)


def exhibit(ex: Exhibit, *, scenario: str | None = None) -> None:
    """Show an exhibit: its takeaway in bold, then the chart with its downloads (and its data as Excel)."""
    st.markdown(f"**{ex.takeaway}**")
    chart(ex.figure, ex.key, scenario=scenario, ex=ex)


def table(df: pd.DataFrame, *, height: int | str = "auto", key: str | None = None,
          trend_range: tuple[float, float] = (50, 100)) -> None:
    """Show a read-only table built by core, without its index: columns of lists drawn as sparklines
    (on ``trend_range``); decimal columns with thousands separators and as many decimals as their size
    needs (2 below 10, 1 below 1,000, none above); columns of pre-formatted figures ("1,234", "5.2%",
    "—") right-aligned like numbers; columns of long text given room; short tables shown whole."""
    config: dict[str, Any] = {}
    for col in df.columns:
        values = df[col]
        if len(values) and values.map(lambda x: isinstance(x, list)).any():
            config[col] = st.column_config.LineChartColumn(col, y_min=trend_range[0], y_max=trend_range[1])
        elif pd.api.types.is_float_dtype(values):
            top = float(values.abs().max()) if values.notna().any() else 0.0
            digits = 2 if top < 10 else (1 if top < 1_000 else 0)
            config[col] = st.column_config.NumberColumn(format=f"%,.{digits}f")
        elif not pd.api.types.is_numeric_dtype(values) and len(values):
            text = values.astype(object).where(values.notna(), "").astype(str)  # pandas 3 keeps NaN in astype(str)
            if text.str.fullmatch(_FIGURE).all():
                config[col] = st.column_config.TextColumn(alignment="right")
            elif (longest := int(text.map(_display_width).max())) > 12:  # room even when the first rows are empty
                config[col] = st.column_config.TextColumn(width="large" if longest > 30 else "medium")
    if height == "auto" and len(df) <= 15:  # a short table shows every row, no scrolling
        height = 35 * (len(df) + 1) + 3
    st.dataframe(df, hide_index=True, column_config=config, height=height, key=key)


_FIGURE = r"[+-]?[\d,.]+%?|—|"


def _display_width(text: str) -> int:
    """Width of a text in Latin characters: a Chinese character takes two."""
    return sum(2 if ch >= "\u3000" else 1 for ch in text)


# --- sharing: chart downloads and the renderer behind them ------------------------------------------
@st.cache_resource(show_spinner=False, on_release=lambda r: r.close())
def _renderer(browser: str) -> export.Renderer:
    return export.Renderer(browser)


def renderer() -> export.Renderer | None:
    """The process's one chart renderer (its Chromium starts on the first image asked for), or None
    when static export is impossible here (see :func:`export_missing`)."""
    browser = export.find_browser()
    if browser is None or export.missing():
        return None
    return _renderer(browser)


def export_missing() -> str | None:
    """What static export (PNG, SVG, PDF, PowerPoint) lacks here and how to install it, or None."""
    gaps = export.missing()
    if not gaps:
        return None
    joiner = "、" if lang() == "zh" else " and "
    return tr("sharing.missing", what=joiner.join(tr(f"sharing.missing.{g}") for g in gaps))


def downloads(fig: go.Figure, name: str, stem: str, ex: Exhibit | None = None) -> None:
    """A small "Download" popover: PNG (2×), SVG and interactive HTML of the figure, and the exhibit's
    data as Excel. Nothing is rendered until a button is pressed (the data are callables)."""
    r = renderer()
    problem = None if r is not None else export_missing()
    title = ex.takeaway if ex is not None else str(fig.layout.title.text or name)
    language = lang()  # the callables below run on another thread, outside this session
    with st.popover(tr("sharing.download"), icon=":material/download:", type="tertiary", help=tr("sharing.download_help"),
                    key=f"dl-{name}"):
        if problem:
            st.caption(problem)
        static = [("png", "sharing.png", ":material/image:"), ("svg", "sharing.svg", ":material/polyline:")]
        for fmt, label_key, icon in static:
            st.download_button(
                tr(label_key), data=(lambda f=fmt: r.image(fig, f)) if r is not None else b"", icon=icon,
                file_name=f"{stem}.{fmt}", mime=export.MIME[fmt], on_click="ignore", disabled=r is None,
                key=f"dl-{name}-{fmt}", width="stretch")
        st.download_button(
            tr("sharing.html"), data=lambda: export.chart_html(fig, title, lang=language, takeaway=title,
                                                             data=ex.data if ex is not None else None),
            file_name=f"{stem}.html", mime=export.MIME["html"], on_click="ignore", icon=":material/code:",
            key=f"dl-{name}-html", width="stretch")
        if ex is not None:
            st.download_button(
                tr("sharing.xlsx"), data=lambda: export.table_xlsx({ex.key: ex.data}), file_name=f"{stem}.xlsx",
                mime=export.MIME["xlsx"], on_click="ignore", icon=":material/table:", key=f"dl-{name}-xlsx",
                width="stretch")


# --- sharing: the meeting pack -----------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=4)
def _scenarios(url: str, version: str) -> pd.DataFrame:
    with Session(_engine(url)) as session:
        return repo.list_scenarios(session)


def saved_scenarios() -> pd.DataFrame:
    """The saved scenarios (name, levers, version …), cached until the data change."""
    return _scenarios(db.database_url(), data_version())


def build_pack(p: repo.Portfolio, options: PackOptions, saved: pd.DataFrame, names: list[str], sections: list[str],
               formats: list[str], progress: Callable[[float, str], object]) -> pack.Pack | None:
    """Build the meeting pack for the scenarios ``names`` (rows of ``saved``) with this process's
    renderer; any failure shows one line and returns None."""
    try:
        options = replace(options, scenarios=pack.scenario_choices(saved, names))
        doc = pack.collect(p, lang(), options, sections, demo=st.session_state.get("_dataset") in admin.SYNTHETIC_DATASETS)
        return pack.build(doc, formats=formats, renderer=renderer(), progress=lambda f, m: progress(f, m))
    except (export.RenderError, ValueError, KeyError) as exc:
        msg = str(exc.args[0] if isinstance(exc, KeyError) and exc.args else exc).strip() or type(exc).__name__
        st.error(tr("pack.failed", msg=msg.splitlines()[0]), icon=":material/error:")
    except Exception as exc:  # never a traceback on the page: log it, say what failed in one line
        logging.getLogger(__name__).exception("building the meeting pack failed")
        st.error(tr("pack.failed", msg=f"{type(exc).__name__}: {exc}".splitlines()[0]), icon=":material/error:")
    return None
