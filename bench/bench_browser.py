"""Settle time of every registered page in Chromium, on the demo city and the 2,000-building city:
first visit (cold caches) and later visits; and the app process's memory once every page has run."""
from __future__ import annotations

import re
import shutil
import statistics
import tempfile
from pathlib import Path

from bench.common import AUTOLOGIN, Result, cities
from bench.load import rss_mb
from tests.browser.conftest import ARGS, CHROMIUM, settle, start_app

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 3


def registered_paths() -> list[str]:
    """URL paths of the registered pages ('' for the default page), in app.py's order."""
    text = (ROOT / "app.py").read_text(encoding="utf-8")
    paths = re.findall(r'url_path="([a-z_-]+)"(, default=True)?', text)
    return ["" if default else path for path, default in paths]


def measure(db_path: Path, label: str) -> list[Result]:
    """Settle times of every page served over ``db_path``."""
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    served = folder / "store.db"
    shutil.copy(db_path, served)
    proc, url = start_app(served, folder / "streamlit.log", env=AUTOLOGIN)
    results = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page(locale="zh-CN", viewport={"width": 1400, "height": 1000})
            for path in registered_paths():
                page.goto(f"{url}/{path}", wait_until="domcontentloaded")
                first = settle(page)
                later = []
                for _ in range(REPEATS):
                    page.goto(f"{url}/{path}", wait_until="domcontentloaded")
                    later.append(settle(page))
                name = path or "overview"
                results.append(Result(f"{label}: {name} settles, first visit", first, "s"))
                results.append(Result(f"{label}: {name} settles, later visits (median)",
                                      statistics.median(later), "s", "< 2 s" if name == "overview" and label == "demo" else ""))
            browser.close()
        results.append(Result(f"{label}: app process memory after every page", rss_mb(proc.pid), "MB"))
    finally:
        proc.terminate()
        proc.wait(10)
    return results


def run() -> list[Result]:
    if not Path(CHROMIUM).exists():
        return [Result("browser: Chromium missing, not measured", float("nan"), "s", note=CHROMIUM)]
    return [r for label, path in cities() for r in measure(path, label)]
