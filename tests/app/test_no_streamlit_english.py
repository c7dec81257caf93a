"""No Streamlit English on a Chinese screen where the widget lets us choose: multiselects without "Select
all" and with a Chinese placeholder, dates written 2026-12-05."""
import re

import pytest

from tests.app.conftest import assert_clean, registered_pages, run_app

LATIN = re.compile(r"[A-Za-z]")


@pytest.mark.parametrize("page", [p for p in registered_pages() if p != "pages/overview.py"] + [None])
def test_widgets_speak_chinese(page):
    at = run_app("zh", page)
    assert_clean(at)
    for m in at.multiselect:
        assert m.proto.select_all == 0, m.label  # no English "Select all" entry
        assert m.proto.placeholder and not LATIN.search(m.proto.placeholder), (m.label, m.proto.placeholder)
    for d in at.date_input:
        assert d.proto.format == "YYYY-MM-DD", d.label
