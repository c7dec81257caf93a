"""Access to the store from a page: the engine, the portfolio and what is computed from it, cached once
per data version for every session of the process, and writes in one transaction.

Results cached here are shared by every session and handed out as they are, not copied (copying a
portfolio or a set of figures on every rerun cost more than computing a page): pages and core treat
them as read-only and derive new frames (``assign``, ``loc``) to change them.
"""
from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Concatenate, ParamSpec, TypeVar, cast

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from core.store import db, repo, scenario_rows
from ui.session import ensure_frame, lang, tr

T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")
StoreState = tuple[str, dict[str, str], bool]  # data version, meta, whether there are buildings


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


@st.cache_resource(show_spinner=False, max_entries=4)
def _portfolio(url: str, version: str) -> repo.Portfolio:
    with Session(_engine(url)) as session:
        return repo.load_portfolio(session)


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


def _first_line(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def portfolio() -> repo.Portfolio:
    """The whole store as frames, cached until the data change (shared: treat as read-only)."""
    version, _meta = store_state()
    return _portfolio(db.database_url(), version)


def data_version() -> str:
    """The current data version (cache key for computations derived from the portfolio)."""
    return store_state()[0]


_COMPUTATIONS: dict[str, Callable[..., object]] = {}


@st.cache_resource(show_spinner=False, max_entries=256)
def _computed(name: str, url: str, version: str, args: tuple[Hashable, ...],
              kwargs: tuple[tuple[str, Hashable], ...]) -> object:
    return _COMPUTATIONS[name](_portfolio(url, version), *args, **dict(kwargs))


def cached(fn: Callable[Concatenate[repo.Portfolio, P], T]) -> Callable[P, T]:
    """``fn(portfolio, *args, **kwargs)`` computed once per data version and arguments (hashable), for
    every session of the process; the result is shared, so it must be treated as read-only."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    _COMPUTATIONS[name] = fn

    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        key = tuple(sorted(kwargs.items()))
        return cast(T, _computed(name, db.database_url(), data_version(), args, key))  # type: ignore[arg-type]

    return call


@st.cache_resource(show_spinner=False)
def _progress_results() -> tuple[threading.Lock, OrderedDict[tuple[Hashable, ...], object]]:
    return threading.Lock(), OrderedDict()


def computed(fn: Callable[..., T], /, *args: Hashable, label: str, keep: int = 32, after: float = 0.3,
             derived: dict[str, object] | None = None) -> T:
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
            return cast(T, store[key])
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
        st.error(said(lang()) if callable(said) else str(exc), icon=":material/block:")
        return
    except SQLAlchemyError as exc:
        st.error(tr("store.error", msg=_first_line(exc)), icon=":material/database:")
        return
    if remember:
        st.session_state[remember] = result
    st.session_state["_done"] = done(result) if callable(done) else done
    st.rerun()


@st.cache_data(show_spinner=False, max_entries=4)
def _scenarios(url: str, version: str) -> pd.DataFrame:
    with Session(_engine(url)) as session:
        return scenario_rows.list_scenarios(session)


def saved_scenarios() -> pd.DataFrame:
    """The saved scenarios (name, levers, version …), cached until the data change."""
    return _scenarios(db.database_url(), data_version())


@st.cache_data(show_spinner=False, max_entries=4)
def _changed_at(url: str, version: str) -> dt.datetime | None:
    with Session(_engine(url)) as session:
        return repo.data_changed_at(session)


def data_changed_at() -> dt.datetime | None:
    """When the data (not scenarios) last changed [UTC]."""
    return _changed_at(db.database_url(), data_version())
