"""Access to the store from a page: the engine, the portfolio and what is computed from it, cached once
per data version for every session of the process, and writes in one transaction.

Results cached here are shared by every session and handed out as they are, not copied (copying a
portfolio or a set of figures on every rerun cost more than computing a page): pages and core treat
them as read-only and derive new frames (``assign``, ``loc``) to change them.
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Concatenate, ParamSpec, TypeVar, cast

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from core.store import db, repo, scenario_rows
from ui.session import ACTOR_KEY, ensure_frame, lang, plain, tr
from ui.shared import DERIVED, PORTFOLIOS, RESULTS, SCENARIOS, VIEWS, WARMER

T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")
StoreState = tuple[str, dict[str, str], bool]  # data version, meta, whether there are buildings


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return db.make_engine(url)


def engine() -> Engine:
    """The store's engine for a page (one per process and URL); a bad URL stops the page with one line.

    Only a run that app.py's navigation has signed in gets it: a page file run any other way (a
    deep link before the frame has ever run) stops here, whatever it forgot to check first."""
    ensure_frame()
    if st.session_state.get(ACTOR_KEY) is None:
        st.stop()
    return open_engine()


def open_engine() -> Engine:
    """The store's engine for the sign-in itself (no one is signed in yet); see :func:`engine`."""
    ensure_frame()
    try:
        return _engine(db.database_url())
    except db.StoreError as exc:
        st.error(tr("store.error", msg=plain(db.mask_secrets(str(exc)))), icon=":material/database:")
        st.stop()


def load_portfolio(eng: Engine, url: str, version: str) -> repo.Portfolio:
    """The portfolio of ``version``, loaded once per process (shared: treat as read-only)."""
    def load() -> repo.Portfolio:
        with Session(eng) as session:
            return repo.load_portfolio(session)

    return PORTFOLIOS.get((url, version), load)


def _portfolio(url: str, version: str) -> repo.Portfolio:
    return load_portfolio(_engine(url), url, version)


def store_state(*, allow_empty: bool = False) -> tuple[str, dict[str, str]]:
    """The data version and store facts: a few cheap queries, made once per run.

    A store without tables stops the page with how to create it; so does a store without buildings
    unless ``allow_empty`` (the Data page imports into one). A database error is one line.
    """
    state = cast(StoreState | None, st.session_state.get("_store_state"))
    if state is None:
        eng = engine()
        try:
            if not db.has_schema(eng):
                st.info(tr("store.empty"), icon=":material/database:")
                st.stop()
            with Session(eng) as session:
                state = repo.data_version(session), repo.get_meta(session), not repo.is_empty(session)
            WARMER.start(eng, db.database_url(), lambda: _read_version(eng))  # once per process (ui.warm)
        except SQLAlchemyError as exc:
            st.error(tr("store.error", msg=_first_line(exc)), icon=":material/database:")
            st.stop()
        st.session_state["_store_state"] = state
    version, meta, has_data = state
    if not has_data and not allow_empty:
        st.info(tr("store.empty"), icon=":material/database:")
        st.stop()
    st.session_state["_dataset"] = meta.get("dataset", "")
    return version, meta


def _read_version(eng: Engine) -> str:
    """The data version, read now."""
    with Session(eng) as session:
        return repo.data_version(session) if not repo.is_empty(session) else ""


def _first_line(exc: SQLAlchemyError) -> str:
    """A database error in one line, without any password, as text (never markdown)."""
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__]
    return plain(db.mask_secrets(lines[0]))


def has_data() -> bool:
    """Whether the store holds buildings yet (a page that works on an empty store asks before reading it)."""
    store_state(allow_empty=True)
    return bool(cast(StoreState, st.session_state["_store_state"])[2])


def portfolio() -> repo.Portfolio:
    """The whole store as frames, cached until the data change (shared: treat as read-only)."""
    version, _meta = store_state()
    return _portfolio(db.database_url(), version)


def data_version() -> str:
    """The current data version (cache key for computations derived from the portfolio)."""
    return store_state()[0]


def computation(fn: Callable[..., object]) -> str:
    """The name a computation is cached under (the same in pages and in the warming thread)."""
    return f"{fn.__module__}.{fn.__qualname__}"


def view_at(fn: Callable[..., T], p: repo.Portfolio, url: str, version: str, /, *args: Hashable,
            **kwargs: Hashable) -> T:
    """``fn(p, *args, **kwargs)`` from the shared store, computed if absent (``p`` is ``version``'s portfolio)."""
    key = (computation(fn), url, version, args, tuple(sorted(kwargs.items())))
    return VIEWS.get(key, lambda: fn(p, *args, **kwargs))


def cached(fn: Callable[Concatenate[repo.Portfolio, P], T]) -> Callable[P, T]:
    """``fn(portfolio, *args, **kwargs)`` computed once per data version and arguments (hashable), for
    every session of the process; the result is shared, so it must be treated as read-only."""
    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        url, version = db.database_url(), data_version()
        return view_at(fn, _portfolio(url, version), url, version, *args, **kwargs)  # type: ignore[arg-type]

    return call


def result_at(fn: Callable[..., T], p: repo.Portfolio, url: str, version: str, /, *args: Hashable,
              progress: Callable[[float], None] | None = None, derived: dict[str, object] | None = None) -> T:
    """``fn(p, *args, progress=…, **derived)`` from the shared store of simulations, run if absent."""
    key = (computation(fn), url, version, args)
    return RESULTS.get(key, lambda: fn(p, *args, progress=progress or (lambda _f: None), **(derived or {})))


# Computations run here, not on the page's own thread: a click elsewhere stops the page at its next
# Streamlit call, and the solve or simulation it was waiting for would be thrown away with it. On these
# threads it finishes and is kept, so the next visit (or the page the reader comes back to) finds it.
COMPUTE = ThreadPoolExecutor(max_workers=2, thread_name_prefix="compute")
_PROGRESS: dict[Hashable, float] = {}  # the latest fraction reported by each running computation


def computed(fn: Callable[..., T], /, *args: Hashable, label: str, after: float = 0.3,
             derived: dict[str, object] | None = None) -> T:
    """``fn(portfolio, *args, progress=…, **derived)`` cached by data version and arguments (the last
    32 results, shared by every session); ``derived`` are results computed from the same portfolio
    (so not part of the key). It runs on a :data:`COMPUTE` thread, so that it is kept even when the
    page is left before it ends; a run that takes longer than ``after`` seconds shows a progress bar
    where it is called, fed by ``fn``'s calls to ``progress(fraction)``."""
    url, version = db.database_url(), data_version()
    p = _portfolio(url, version)
    key = (computation(fn), url, version, args)
    if key in RESULTS:
        return result_at(fn, p, url, version, *args)

    def progress(fraction: float) -> None:
        _PROGRESS[key] = fraction

    def run() -> T:
        try:
            return result_at(fn, p, url, version, *args, progress=progress, derived=derived)
        finally:
            _PROGRESS.pop(key, None)

    future = COMPUTE.submit(run)
    slot = st.empty()
    t0 = time.perf_counter()
    while True:
        try:
            value = future.result(timeout=0.1)
        except FutureTimeout:
            if time.perf_counter() - t0 > after:  # also where a click elsewhere stops this run (not the computation)
                slot.progress(min(1.0, max(0.0, _PROGRESS.get(key, 0.0))), text=label)
            continue
        except Exception:
            slot.empty()
            raise
        slot.empty()
        return value


def derived_at(fn: Callable[[], T], url: str, version: str, /, *key: Hashable) -> T:
    """``fn()`` from the shared store of charts drawn from a simulation, computed if absent."""
    return DERIVED.get((url, version, key), fn)


def derived(fn: Callable[[], T], /, *key: Hashable) -> T:
    """``fn()`` computed once per data version and ``key`` (hashable: what ``fn`` depends on besides the
    data), for every session of the process (the last 64 results): the charts and tables a page
    draws from a :func:`computed` result, which would otherwise be rebuilt on every rerun. The result
    is shared, so it must be treated as read-only."""
    return derived_at(fn, db.database_url(), data_version(), *key)


def write(fn: Callable[..., R], /, *args: object, done: str | Callable[[R], str] = "", remember: str | None = None,
          **kwargs: object) -> None:
    """Run a core write ``fn(session, *args, **kwargs)`` in one transaction, then rerun the page with
    ``done`` shown (a text, or a function of what ``fn`` returned); ``remember`` keeps that result in
    the session under this key for the next run. A problem the user can fix
    (:class:`core.store.db.StoreError`, in the session's language when it knows both) or a database
    refusal is shown as one line and nothing is written."""
    try:
        with db.session_scope(engine()) as session:
            result = fn(session, *args, **kwargs)
    except (db.StoreError, ValueError) as exc:
        said = getattr(exc, "text", None)  # a Refused or a LeverError says it in the reader's language
        msg = said(lang()) if callable(said) else str(exc)
        st.error(plain(db.mask_secrets(msg)), icon=":material/block:")  # it may quote what was typed
        return
    except SQLAlchemyError as exc:
        st.error(tr("store.error", msg=_first_line(exc)), icon=":material/database:")
        return
    WARMER.nudge()  # the views of the new data version, ready before the next visitor asks
    if remember:
        st.session_state[remember] = result
    st.session_state["_done"] = done(result) if callable(done) else done
    st.rerun()


def scenarios_at(eng: Engine, url: str, version: str) -> pd.DataFrame:
    """The saved scenarios of ``version`` from the shared store (treat as read-only)."""
    def load() -> pd.DataFrame:
        with Session(eng) as session:
            return scenario_rows.list_scenarios(session)

    return SCENARIOS.get((url, version), load)


def saved_scenarios() -> pd.DataFrame:
    """The saved scenarios (name, levers, version …), cached until the data change (shared: treat as read-only)."""
    url = db.database_url()
    return scenarios_at(_engine(url), url, data_version())


@st.cache_data(show_spinner=False, max_entries=4)
def _changed_at(url: str, version: str) -> dt.datetime | None:
    with Session(_engine(url)) as session:
        return repo.data_changed_at(session)


def data_changed_at() -> dt.datetime | None:
    """When the data (not scenarios) last changed [UTC]."""
    return _changed_at(db.database_url(), data_version())
