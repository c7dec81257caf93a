"""Shared page furniture: language, access to the store, page header, charts and tables.

Pages import this and :mod:`core`; only this module touches Streamlit's caches.
"""
from __future__ import annotations

import datetime as dt
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

from core import admin, db, export, pack, repo
from core.exhibits import Exhibit, PackOptions
from core.i18n import DEFAULT_LANG, LANGS, t

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


def _store_state() -> tuple[str, dict[str, str]]:
    """The data version and store facts: a few cheap queries, made once per run."""
    known = st.session_state.get("_store_state")
    if known is not None:
        return known  # type: ignore[no-any-return]
    eng = engine()
    try:
        if not db.has_schema(eng):
            st.info(tr("store.empty"), icon=":material/database:")
            st.stop()
        with Session(eng) as session:
            if repo.is_empty(session):
                st.info(tr("store.empty"), icon=":material/database:")
                st.stop()
            state = repo.data_version(session), repo.get_meta(session)
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        st.error(tr("store.error", msg=first), icon=":material/database:")
        st.stop()
    st.session_state["_store_state"] = state
    return state


def portfolio() -> repo.Portfolio:
    """The whole store as frames, cached until the data change (shared: treat as read-only)."""
    version, meta = _store_state()
    st.session_state["_dataset"] = meta.get("dataset", "")
    return _portfolio(db.database_url(), version)


def data_version() -> str:
    """The current data version (cache key for computations derived from the portfolio)."""
    return _store_state()[0]


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
    (:class:`core.db.StoreError`, in the session's language when it knows both) or a database
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
    """Show a figure built by :mod:`core.charts`, full width, with its downloads (PNG, SVG, HTML) below.

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


# --- the Data page: a store that may still be empty, problem tables, change reviews, editor columns ---
def data_store() -> Engine:
    """The engine for pages that also work on an empty store (the Data page imports into it)."""
    eng = engine()
    try:
        if not db.has_schema(eng):
            st.info(tr("store.empty"), icon=":material/database:")
            st.stop()
        with Session(eng) as session:
            st.session_state["_dataset"] = repo.get_meta(session).get("dataset", "")
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        st.error(tr("store.error", msg=first), icon=":material/database:")
        st.stop()
    return eng


def store_version(eng: Engine) -> str:
    """The data version, read now (changes with every write)."""
    with Session(eng) as session:
        return repo.data_version(session)


def memo(name: str, key: object, fn: Callable[[], T]) -> T:
    """``fn()`` remembered in this session until ``key`` changes (e.g. files, options, data version)."""
    slot = st.session_state.get(name)
    if slot is not None and slot[0] == key:
        return slot[1]  # type: ignore[no-any-return]
    value = fn()
    st.session_state[name] = (key, value)
    return value


def flash(message: str | None = None) -> None:
    """Show the message left by the previous run (or leave one for the next run)."""
    if message is not None:
        st.session_state["_flash"] = message
    elif st.session_state.get("_flash"):
        st.success(st.session_state.pop("_flash"), icon=":material/check_circle:")


def problems(found: Any, headline: str) -> None:
    """Every problem of a check as one error line and a table: file, sheet, row, column, value, reason."""
    st.error(headline, icon=":material/report:")
    shown = found.drop(columns=["code"]).rename(columns=lambda c: tr(f"data.col.{c}"))
    st.dataframe(shown, hide_index=True, column_config={
        tr("data.col.row"): st.column_config.NumberColumn(format="%d", width="small"),
        tr("data.col.reason"): st.column_config.TextColumn(width="large")})


def plan_review(plan: Any) -> None:
    """What a checked batch would do: rows per table and action, then each change."""
    for note in plan.notes:
        st.caption(note)
    st.dataframe(plan.summary(lang()), hide_index=True)
    preview = plan.preview(lang())
    if len(preview):
        st.dataframe(preview, hide_index=True)


def editor_columns(table: str, options: dict[str, list[str]]) -> dict[str, Any]:
    """Column settings for editing ``table``: names in the session's language, pick-lists, bounds."""
    from core import io
    from core.i18n import labels

    out: dict[str, Any] = {}
    for col in io.SPECS[table].columns:
        name = io.column_label(table, col, lang())
        kind = io.column_kind(table, col)
        group = io.enum_group(kind)
        required = not io.default_of(table, col)[0]
        bound = io.BOUNDS.get(col, io.Bound())
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
            out[col] = st.column_config.TextColumn(name, required=required, max_chars=io.column_limit(table, col))
    return out


# --- the Consolidation and Scenarios pages: the lever panel, the saved scenario, the shared link -----
SIM = "sim_"  # prefix of the lever panel's widget keys
SIM_PARAMS = ("scenario", "levers", "view")  # what a link to the Consolidation page says
DRAW_CHOICES = (1_000, 5_000, 10_000, 20_000)


def _seed_levers(levers: Any, ctx: Any) -> None:
    """Set every lever widget to ``levers`` (before the widgets are drawn)."""
    from core import simulator

    for k, v in simulator.form_values(levers, ctx).items():
        st.session_state[SIM + k] = v
    st.session_state["_sim_seeded"] = True


def _load_saved(name: str, ctx: Any) -> bool:
    """Load the saved scenario ``name`` into the lever panel; False if there is none."""
    from core import scenarios

    with Session(engine()) as session:
        saved = scenarios.load(session, name=name)
    if saved is None:
        return False
    _seed_levers(saved.levers, ctx)
    _remember_loaded(saved)
    return True


def _remember_loaded(saved: Any) -> None:
    st.session_state["_sim_loaded"] = saved
    st.session_state["scen_pick"] = saved.name if saved is not None else ""
    st.session_state["scen_name"] = saved.name if saved is not None else ""
    st.session_state["scen_desc"] = saved.description if saved is not None else ""


def levers_from_url(ctx: Any) -> None:
    """Restore the levers a link names (``?scenario=NAME`` or ``?levers=…``) when the link is new to
    this session; on a first visit without one, start from the default levers."""
    from core import scenarios, simulator

    if "_sim_written" in st.session_state:  # a save on the previous run: that is what is loaded now
        _remember_loaded(st.session_state.pop("_sim_written"))
    wanted = tuple(st.query_params.get(k) for k in SIM_PARAMS)
    if st.session_state.get("_sim_url") == wanted:
        return
    st.session_state["_sim_url"] = wanted
    name, code, view = wanted
    st.session_state["sim_view"] = view if view in simulator.VIEWS else simulator.VIEWS[0]
    if name is None and code is None and st.session_state.get("_sim_seeded"):
        return  # back on the page without a link: keep the levers as they were
    if name:
        if _load_saved(name, ctx):
            return
        st.warning(tr("sim.url.unknown", name=name), icon=":material/link_off:")
    elif code:
        try:
            _seed_levers(scenarios.decode(code), ctx)
            _remember_loaded(None)
            return
        except ValueError as exc:
            st.warning(tr("sim.url.bad", msg=str(exc)), icon=":material/link_off:")
    if not st.session_state.get("_sim_seeded"):
        _seed_levers(scenarios.DEFAULT_LEVERS, ctx)


def share_params(levers: Any, view: str | None) -> dict[str, str]:
    """The query parameters of a link to these levers and view: the saved scenario's name when the
    levers are exactly those saved, else the levers encoded."""
    from core import scenarios

    loaded = st.session_state.get("_sim_loaded")
    params: dict[str, str] = {}
    if lang() != "zh":
        params["lang"] = lang()
    if loaded is not None and scenarios.to_json(loaded.levers) == scenarios.to_json(levers):
        params["scenario"] = loaded.name
    elif scenarios.to_json(levers) != scenarios.to_json(scenarios.DEFAULT_LEVERS):
        params["levers"] = scenarios.encode(levers)
    if view and view != "savings":
        params["view"] = view
    return params


def levers_to_url(levers: Any, view: str | None) -> None:
    """Keep the address bar a link to the levers and view shown (so that copying it shares them)."""
    params = share_params(levers, view)
    for key in SIM_PARAMS:
        if key in params:
            st.query_params[key] = params[key]
        else:
            st.query_params.pop(key, None)
    st.session_state["_sim_url"] = tuple(params.get(k) for k in SIM_PARAMS)


def share_url(params: dict[str, str], page: str) -> str:
    """The full link to ``page`` with ``params`` (relative when the browser's address is unknown)."""
    from urllib.parse import urlencode

    here = (st.context.url or "").split("?")[0]
    base = here.rsplit("/", 1)[0] + "/" + page if here else "/" + page
    return f"{base}?{urlencode(params)}" if params else base


def lever_panel(ctx: Any) -> tuple[Any, int, int]:
    """The lever panel in the sidebar, grouped as the Bureau thinks of it; returns the levers, the
    number of draws and the seed. Values persist across pages for the session."""
    from core import risk, simulator
    from core.i18n import label

    language = lang()
    keep: dict[str, Any] = {"persist_state": "session"}
    svc = lambda s: label("service", s, language)  # noqa: E731
    dlv = lambda d: label("delivery", d, language)  # noqa: E731
    deliveries = ["in_house", "labour_only", "contracted"]
    bar = st.sidebar
    bar.subheader(tr("sim.panel.title"))
    with bar.expander(tr("sim.group.management"), icon=":material/apartment:", expanded=True):
        st.toggle(tr("sim.form.um"), key=SIM + "um", help=tr("sim.form.um_help"), **keep)
        st.toggle(tr("sim.form.pool"), key=SIM + "pool", help=tr("sim.form.pool_help"), **keep)
        st.toggle(tr("sim.form.energy"), key=SIM + "energy", **keep)
    with bar.expander(tr("sim.group.standards"), icon=":material/rule:", expanded=True):
        st.toggle(tr("sim.form.cap"), key=SIM + "cap", help=tr("sim.form.cap_help"), **keep)
        st.number_input(tr("sim.form.tolerance"), 0.0, 100.0, step=1.0, key=SIM + "tol", **keep)
    with bar.expander(tr("sim.group.procurement"), icon=":material/shopping_cart:"):
        chosen = st.multiselect(tr("sim.form.bundle"), list(ctx.bundle_services), format_func=svc, key=SIM + "bundle",
                                help=tr("sim.form.bundle_help"), placeholder=tr("sim.form.none_chosen"), **keep)
        for s in chosen:
            st.number_input(tr("sim.form.lots", service=svc(s)), 1, 20, step=1, key=f"{SIM}lots_{s}", **keep)
    with bar.expander(tr("sim.group.gates"), icon=":material/verified:"):
        st.toggle(tr("sim.form.quality"), key=SIM + "quality", help=tr("sim.form.quality_help"), **keep)
    with bar.expander(tr("sim.group.conversion"), icon=":material/swap_horiz:"):
        st.caption(tr("sim.form.conversion_help"))
        if st.toggle(tr("sim.form.rule"), key=SIM + "rule", **keep):
            st.selectbox(tr("sim.form.rule_from"), deliveries, format_func=dlv, key=SIM + "rule_from", **keep)
            st.selectbox(tr("sim.form.rule_to"), deliveries, format_func=dlv, key=SIM + "rule_to", **keep)
            st.multiselect(tr("sim.form.rule_services"), list(ctx.bundle_services), format_func=svc,
                           key=SIM + "rule_services", placeholder=tr("common.all"), **keep)
        items = list(ctx.items)
        for d in deliveries:
            st.multiselect(tr("sim.form.to", delivery=dlv(d)), items, format_func=lambda k: ctx.item_label(k, language),
                           key=f"{SIM}to_{d}", placeholder=tr("sim.form.none_chosen"), **keep)
    with bar.expander(tr("sim.group.scope"), icon=":material/filter_alt:"):
        st.multiselect(tr("sim.form.buildings"), list(ctx.buildings), key=SIM + "buildings",
                       placeholder=tr("common.all"), **keep)
        st.multiselect(tr("sim.form.services"), list(ctx.services), format_func=svc, key=SIM + "services",
                       placeholder=tr("common.all"), **keep)
        st.slider(tr("sim.form.horizon"), 3, 10, key=SIM + "horizon", **keep)
        st.number_input(tr("sim.form.start"), ctx.base_year + 1, ctx.base_year + 10, step=1, key=SIM + "start", **keep)
    with bar.expander(tr("sim.group.run"), icon=":material/casino:"):
        draws = st.selectbox(tr("sim.form.draws"), DRAW_CHOICES, index=DRAW_CHOICES.index(risk.DEFAULT_DRAWS),
                             format_func="{:,}".format, key=SIM + "draws", **keep)
        seed = st.number_input(tr("sim.form.seed"), 0, 2**31 - 1, risk.DEFAULT_SEED, step=1, key=SIM + "seed",
                               help=tr("sim.form.seed_help"), **keep)
    values = {k[len(SIM):]: v for k, v in st.session_state.items() if isinstance(k, str) and k.startswith(SIM)}
    return simulator.levers_from_form(values, ctx), int(draws), int(seed)


def scenario_bar(levers: Any, saved: pd.DataFrame, ctx: Any, view: str | None) -> None:
    """Load a saved scenario, save the levers (as new, or over the one loaded: refused if someone else
    changed it meanwhile), and the link that shares them."""
    from core import scenarios

    loaded = st.session_state.get("_sim_loaded")
    names = ["", *saved["name"].tolist()]
    if st.session_state.get("scen_pick") not in names:
        st.session_state["scen_pick"] = ""
    left, mid, right = st.columns([4, 1, 1], vertical_alignment="bottom")

    def pick() -> None:
        name = st.session_state.get("scen_pick")
        if name:
            _load_saved(name, ctx)
        else:
            _remember_loaded(None)

    left.selectbox(tr("sim.bar.scenario"), names, key="scen_pick", on_change=pick,
                   format_func=lambda n: n or tr("sim.bar.unsaved"))
    if loaded is not None:
        changed = scenarios.to_json(loaded.levers) != scenarios.to_json(levers)
        left.caption(tr("sim.bar.modified", version=loaded.version) if changed
                     else tr("sim.bar.version", version=loaded.version, owner=loaded.owner))
    with mid.popover(tr("sim.bar.save"), icon=":material/save:", width="stretch"):
        name = st.text_input(tr("sim.bar.name"), key="scen_name", max_chars=100)
        note = st.text_area(tr("sim.bar.description"), key="scen_desc", height=80)
        args = {"name": name, "levers": levers, "description": note, "actor": actor(), "source": "app",
                "remember": "_sim_written", "done": lambda s: tr("sim.saved", name=s.name, version=s.version)}
        if loaded is not None and st.button(tr("sim.bar.save_over", version=loaded.version + 1), type="primary",
                                            key="scen_save_over", width="stretch"):
            write(scenarios.save, scenario_id=loaded.id, seen_version=loaded.version, **args)
        if st.button(tr("sim.bar.save_new"), key="scen_save_new", width="stretch"):
            write(scenarios.save, **args)
    with right.popover(tr("sim.bar.share"), icon=":material/share:", width="stretch"):
        st.caption(tr("sim.bar.share_help"))
        st.code(share_url(share_params(levers, view), "consolidation"), language=None, wrap_lines=True)
        st.button(tr("sim.bar.reset"), key="scen_reset", width="stretch", on_click=_reset_levers, args=(ctx,))


def _reset_levers(ctx: Any) -> None:
    from core import scenarios

    _seed_levers(scenarios.DEFAULT_LEVERS, ctx)
    _remember_loaded(None)
