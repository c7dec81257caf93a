"""Results shared by every session of the process: plain, thread-safe least-recently-used stores.

They hold what :mod:`ui.store` computes once per data version (the portfolio, the page views, the
simulations and the charts drawn from them). They are ordinary Python objects rather than
Streamlit caches so that the warming thread (:mod:`ui.warm`) can fill them outside any session,
without Streamlit's "missing ScriptRunContext" warnings; a key asked for while another thread
computes it waits for that computation instead of doing it a second time.
"""
from __future__ import annotations

import logging
import os
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

T = TypeVar("T")


class SharedStore:
    """Values by hashable key, the least recently used dropped beyond ``size``."""

    def __init__(self, name: str, size: int) -> None:
        self.name, self.size = name, size
        self._lock = threading.Lock()
        self._data: OrderedDict[Hashable, object] = OrderedDict()
        self._pending: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of ``key``, computed by ``compute()`` if absent (nothing is stored when it raises)."""
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return cast(T, self._data[key])
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:
            with self._lock:
                if key in self._data:  # computed by another thread while this one waited
                    self._data.move_to_end(key)
                    return cast(T, self._data[key])
            try:
                MISSES[(self.name, _label(key))] += 1
                value = compute()
                with self._lock:
                    self._data[key] = value
                    while len(self._data) > self.size:
                        self._data.popitem(last=False)
                return value
            finally:
                with self._lock:
                    if self._pending.get(key) is pending:
                        del self._pending[key]

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._data

    def clear(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._data.clear()


def _label(key: Hashable) -> str:
    """What a key is about, for counting: its first element when it names a computation."""
    return str(key[0]) if isinstance(key, tuple) and key and isinstance(key[0], str) else ""


# How many times each store computed rather than found a value (by store and computation): a page that
# the warming thread prepared computes nothing for its first visitor (tests/app/test_warm.py checks it).
MISSES: Counter[tuple[str, str]] = Counter()

PORTFOLIOS = SharedStore("portfolio", 4)  # (url, version) → the whole store as frames
VIEWS = SharedStore("views", 256)  # (computation, url, version, args, kwargs) → a page's view (ui.cached)
RESULTS = SharedStore("results", 32)  # (computation, url, version, args) → a simulation (ui.computed)
DERIVED = SharedStore("derived", 64)  # (url, version, key) → charts drawn from a simulation (ui.derived)
SCENARIOS = SharedStore("scenarios", 4)  # (url, version) → the saved scenarios


class Warmer:
    """One background thread per process that prepares, for every new data version, what the pages'
    first visitors ask for (:func:`ui.warm.job`): started with the first session, woken after each
    write (:func:`nudge`) and otherwise looking every ``every`` seconds, so that an import made through
    another app instance or the CLI is seen too. ``JGSW_WARM=0`` in the environment turns it off (the
    app tests, whose every store is new, do)."""

    def __init__(self, every: float = 5.0) -> None:
        self.every = every
        self.job: Callable[[object, str, str], None] | None = None  # (engine, url, version); set by ui.warm
        self.done: str | None = None  # the data version prepared last
        self._store: tuple[object, str, Callable[[], str]] | None = None  # engine, url, version reader
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self, engine: object, url: str, version: Callable[[], str]) -> None:
        """Prepare the store at ``url`` (``version()`` reads its data version now) from now on, starting
        the thread if it is not running."""
        if self.job is None or os.environ.get("JGSW_WARM", "1") == "0":
            return
        with self._lock:
            if self._store is not None and self._store[1] == url:
                return
            self._store, self.done = (engine, url, version), None
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="warm", daemon=True)
                self._thread.start()
        self._wake.set()

    def nudge(self) -> None:
        """Look for a new data version now (after a write)."""
        self._wake.set()

    def _run(self) -> None:
        log = logging.getLogger(__name__)
        while True:
            try:
                with self._lock:
                    store = self._store
                if store is not None and self.job is not None:
                    engine, url, version = store
                    now = version()
                    if now != self.done:
                        self.job(engine, url, now)
                        self.done = now
            except Exception:  # a store that is busy or gone: try again later, never bring the app down
                log.exception("warming the shared views failed")
            self._wake.wait(self.every)
            self._wake.clear()


WARMER = Warmer()
