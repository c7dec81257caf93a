"""App tests run the real app.py over a private copy of the demo database, signed in.

``run_app`` signs the session in as the test account of ``role`` (default admin: every page) through
the documented test hook — it puts the state a successful sign-in leaves into the session before the
first run (``ui.auth.SESSION_KEY``; no widget has that key, so a browser cannot set it). Tests of the
sign-in itself use ``role=None`` and the login form.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlmodel import Session
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from core.store import db, users
from core.store.models import Role
from tests.factories import TEST_LOGINS
from ui import auth

ROOT = Path(__file__).resolve().parents[2]


def registered_pages() -> list[str]:
    """The page files app.py registers with st.navigation, in order (the Overview's /overview alias once)."""
    found = re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8"))
    return list(dict.fromkeys(found))


def signed_in_state(role: Role | str = Role.admin, login: str | None = None) -> auth.SignedIn:
    """What a sign-in by the test account of ``role`` (or by ``login``) leaves in the session."""
    with Session(db.make_engine()) as s:
        user = users.get_user(s, login=login or TEST_LOGINS[Role(role)])
    assert user is not None and user.id is not None, f"no account {login or role} in the test store"
    return auth.signed_in(user.id, "password")


def run_app(lang: str = "zh", page: str | None = None, *, role: Role | str | None = Role.admin, **query: str) -> AppTest:
    """Run app.py (optionally switched to ``page``) in ``lang``, signed in as the test account of
    ``role`` (None: nobody, the sign-in page); return the finished AppTest."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if lang != "zh":
        at.query_params["lang"] = lang
    for k, v in query.items():
        at.query_params[k] = v
    if role is not None:
        at.session_state[auth.SESSION_KEY] = signed_in_state(role)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def open_lazy(at: AppTest, key: str, state: str | bool = True) -> AppTest:
    """Open the lazy tab labelled ``state``, or the lazy expander or popover (``True``), under ``key`` (a
    page runs only what is open) and run again, as a click does."""
    at.session_state[key] = state
    return at.run()


def shown(markdown: str) -> str:
    """Markdown as a reader sees it: backslash escapes undone, invisible word joiners gone (stored
    names and link parameters reach the page escaped, see core.store.text.markdown_literal)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


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
