"""app.py and every registered page run in both languages without an exception or error box."""
from pathlib import Path

import pytest

from tests.app.conftest import ROOT, assert_clean, registered_pages, run_app
from tests.factories import SYSTEM


def test_every_page_file_is_registered():
    files = sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py") if not p.name.startswith("_"))
    assert sorted(registered_pages()) == files


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", registered_pages())
def test_page_runs(lang, page):
    at = run_app(lang, page)
    assert_clean(at)
    assert at.title, "every page has a title"


def test_language_comes_from_the_url():
    assert run_app("zh").title[0].value == "总览"
    assert run_app("en").title[0].value == "Overview"
    assert run_app("fr").title[0].value == "总览"  # unknown languages fall back to Chinese


def test_empty_store_shows_how_to_load_data(tmp_path: Path, monkeypatch):
    from core.files import admin
    from core.store import db

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    admin.init_store(db.make_engine(url), actor=SYSTEM)
    monkeypatch.setenv("DATABASE_URL", url)
    at = run_app("zh", role=None)  # a store without accounts: nobody can sign in yet
    assert not at.exception
    assert any("init-db" in i.value for i in at.info)


def test_bad_database_url_shows_one_line(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "definitely not a url")
    at = run_app("en", role=None)
    assert not at.exception
    assert len(at.error) == 1 and "not a valid database URL" in at.error[0].value
