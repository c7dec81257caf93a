"""Browser tests: the real app served by `streamlit run`, driven by Playwright in Debian's Chromium.

Every new browser session starts at the sign-in page (a Streamlit session lives as long as its
websocket, so each ``page.goto`` is a new one): :func:`goto` opens an address and signs in through
the form as the test account of a role; the address, with its query, is kept through the sign-in.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.store.models import Role
from tests.conftest import need
from tests.factories import TEST_LOGINS, TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(db_path: Path, log: Path, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start `streamlit run app.py` on a free port over ``db_path``; wait for its health check."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--server.fileWatcherType=none",
         "--browser.gatherUsageStats=false"],
        cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{db_path}", **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit did not answer within 90 s")


@pytest.fixture(scope="session")
def app_url(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app serving a private copy of the demo city."""
    folder = tmp_path_factory.mktemp("served")
    db_path = folder / "demo.db"
    shutil.copy(demo_db, db_path)
    proc, url = start_app(db_path, folder / "streamlit.log")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    need(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (Debian package `chromium`)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh Chinese-locale page, with a list of the page's uncaught JS errors."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.js_errors = []
    pg.on("pageerror", lambda e: pg.js_errors.append(str(e)))
    yield pg
    context.close()


def settle(page: Any, timeout: float = 60.0) -> float:
    """Wait until the script run has finished (no running indicator for 0.5 s); return seconds."""
    t0 = time.perf_counter()
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout * 1000)
    # every page has a title: until it is there the script has not even started (a cold server's
    # first run, or the rerun through app.py after a deep link)
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout * 1000)
    quiet_since = None
    while time.perf_counter() - t0 < timeout:
        running = page.locator("[data-testid='stStatusWidget']").count() > 0 or \
            page.locator("[data-testid='stSkeleton']").count() > 0
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.perf_counter()
        elif time.perf_counter() - quiet_since > 0.5:
            return quiet_since - t0
        time.sleep(0.05)
    raise TimeoutError("the app did not settle")


def assert_no_error_box(page: Any) -> None:
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentError']").count() == 0


def sign_in(page: Any, role: Role | str = Role.admin, password: str = TEST_PASSWORD) -> None:
    """Sign in on the sign-in page showing in ``page`` as the test account of ``role``."""
    page.locator(".st-key-auth_login input").fill(TEST_LOGINS[Role(role)])
    page.locator(".st-key-auth_password input").fill(password)
    page.locator("[data-testid='stFormSubmitButton'] button").click()
    page.locator(".st-key-auth_login").wait_for(state="detached", timeout=60_000)
    settle(page)


def goto(page: Any, url: str, role: Role | str | None = Role.admin) -> None:
    """Open ``url`` in ``page`` and, if the sign-in page answers, sign in as ``role`` (None: stay out)."""
    page.goto(url, wait_until="domcontentloaded")
    settle(page)
    if role is not None and page.locator(".st-key-auth_login").count():
        sign_in(page, role)
