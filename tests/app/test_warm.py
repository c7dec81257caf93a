"""Warming: every page's default view is ready before its first visitor asks, in both languages, under
the very key the page asks with; and the warming thread follows the data version."""
import os
import threading
import time

import pytest
from sqlmodel import Session

from core.store import db, repo
from tests.app.conftest import assert_clean, registered_pages, run_app
from ui import shared, warm

WARMED = ["pages/overview.py", "pages/compare.py", "pages/standards.py", "pages/consolidation.py",
          "pages/scenarios.py", "pages/vendors.py", "pages/recommend.py"]


def test_every_page_is_listed_or_has_nothing_to_warm():
    # the pack, data and account pages compute nothing shared on a first visit; Delivery reads the adopted plan
    assert set(registered_pages()) - set(WARMED) == {"pages/pack.py", "pages/data.py", "pages/account.py",
                                                     "pages/users.py", "pages/delivery.py"}


@pytest.fixture
def warmed():
    url = os.environ["DATABASE_URL"]
    engine = db.make_engine(url)
    with Session(engine) as session:
        version = repo.data_version(session)
    t0 = time.perf_counter()
    warm.job(engine, url, version)
    yield time.perf_counter() - t0
    engine.dispose()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_warmed_page_computes_nothing_for_its_first_visitor(warmed, lang):
    shared.MISSES.clear()
    for page in WARMED:
        at = run_app(lang, None if page == "pages/overview.py" else page)
        assert_clean(at)
    assert not +shared.MISSES, dict(shared.MISSES)  # every view, simulation and chart was found


def test_the_warming_thread_follows_the_data_version(monkeypatch):
    monkeypatch.setenv("JGSW_WARM", "1")
    seen: list[str] = []
    versions = iter(["v1", "v1", "v2"])
    done = threading.Event()
    w = shared.Warmer(every=0.05)
    w.job = lambda engine, url, version: (seen.append(version), len(seen) == 2 and done.set())
    w.start(object(), "sqlite:///x.db", lambda: next(versions, "v2"))
    w.start(object(), "sqlite:///x.db", lambda: "other")  # the same store: the first start holds
    assert done.wait(5)
    w.nudge()
    time.sleep(0.2)
    assert seen == ["v1", "v2"]  # each version prepared once


def test_the_warming_thread_is_off_when_asked(monkeypatch):
    monkeypatch.setenv("JGSW_WARM", "0")
    w = shared.Warmer(every=0.05)
    w.job = lambda engine, url, version: None
    w.start(object(), "sqlite:///x.db", lambda: "v1")
    assert w._thread is None
