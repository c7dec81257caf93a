"""ui.store: a computation a page waits for outlives the page's run (a click elsewhere stops the run,
not the solve), and the next run finds its result instead of starting again."""
import threading
import time

import pytest

from ui import shared, store


class Stopped(Exception):
    """What Streamlit raises at a run's next call after the reader clicked elsewhere."""


class Slot:
    def progress(self, *args: object, **kwargs: object) -> None:
        raise Stopped

    def empty(self) -> None:
        pass


@pytest.fixture
def bare(monkeypatch):
    monkeypatch.setattr(store, "data_version", lambda: "v-test")
    monkeypatch.setattr(store, "_portfolio", lambda url, version: "portfolio")
    monkeypatch.setattr(store.st, "empty", Slot)
    yield
    shared.RESULTS.clear()


def test_a_computation_outlives_the_run_that_asked_for_it(bare):
    calls: list[int] = []
    release = threading.Event()

    def slow(p: str, n: int, *, progress) -> int:
        calls.append(n)
        progress(0.5)
        release.wait(10)
        return n * 2

    with pytest.raises(Stopped):  # the run is stopped while it shows the progress bar
        store.computed(slow, 21, label="…", after=0.0)
    release.set()
    key = (store.computation(slow), store.db.database_url(), "v-test", (21,))
    deadline = time.monotonic() + 10
    while key not in shared.RESULTS and time.monotonic() < deadline:
        time.sleep(0.01)
    assert store.computed(slow, 21, label="…") == 42  # found: 21 × 2
    assert calls == [21]  # computed once


def test_an_error_reaches_the_page(bare):
    def bad(p: str, *, progress) -> int:
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        store.computed(bad, label="…")
