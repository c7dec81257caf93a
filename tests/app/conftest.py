"""App tests run the real app.py over a private copy of the demo database."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def registered_pages() -> list[str]:
    """The page files app.py registers with st.navigation, in order (the Overview's /overview alias once)."""
    found = re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8"))
    return list(dict.fromkeys(found))


def run_app(lang: str = "zh", page: str | None = None, **query: str) -> AppTest:
    """Run app.py (optionally switched to ``page``) in ``lang``; return the finished AppTest."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if lang != "zh":
        at.query_params["lang"] = lang
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def assert_clean(at: AppTest) -> None:
    """No exception and no error box on the page."""
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture(autouse=True)
def _demo_store(demo_copy: Path) -> Path:
    return demo_copy


@pytest.fixture(autouse=True)
def _no_warming(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every app test has a store of its own: no background thread preparing each of them
    (tests/app/test_warm.py runs the warming itself)."""
    monkeypatch.setenv("JGSW_WARM", "0")


@pytest.fixture(autouse=True)
def _warm_server_navigation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every AppTest run the way a warm server runs it: through app.py's st.navigation.

    AppTest resets Streamlit's process-wide pages-directory flag before each run, so after
    ``switch_page`` every run would execute the page file alone (no frame, no language switch).
    A served app leaves that mode for good once app.py has run (``ui.ensure_frame`` sees to it;
    tests/browser/test_deep_links.py covers the cold server).
    """
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
