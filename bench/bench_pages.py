"""Every page through AppTest, on the demo city and the 2,000-building city: the first visit in a
session (caches cold for that page) and a rerun with warm caches (median of several)."""
from __future__ import annotations

import os
import time
from pathlib import Path

from sqlmodel import Session
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from bench.common import Result, cities, median_seconds, registered_pages
from core.store import db, repo

ROOT = Path(__file__).resolve().parent.parent


def _warm_server_navigation() -> None:
    """Run AppTest as a warm server runs pages: through app.py (see tests/app/conftest.py)."""
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init  # type: ignore[method-assign]


def run() -> list[Result]:
    _warm_server_navigation()
    results = []
    for label, path in cities():
        url = f"sqlite:///{path}"
        engine = db.make_engine(url)
        with Session(engine) as s:
            results.append(Result(f"{label}: load the store into frames", median_seconds(lambda: repo.load_portfolio(s), 3), "s"))
        engine.dispose()
        os.environ["DATABASE_URL"] = url
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        t0 = time.perf_counter()
        at.run()
        results.append(Result(f"{label}: app start, first run (loads the store)", time.perf_counter() - t0, "s"))
        for page in registered_pages():
            name = Path(page).stem
            t0 = time.perf_counter()
            at.switch_page(page).run()
            first = time.perf_counter() - t0
            problems = len(at.exception) + len(at.error)
            results.append(Result(f"{label}: {name} page, first visit", first, "s",
                                  note=f"{problems} error(s) on the page" if problems else ""))
            results.append(Result(f"{label}: {name} page, rerun (warm)", median_seconds(at.run, repeats=5), "s",
                                  "< 0.5 s" if label == "demo" and name in ("compare", "standards") else ""))
    return results
