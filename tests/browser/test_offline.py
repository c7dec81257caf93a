"""The intranet has no internet: no page asks for anything beyond the app's own server."""
from tests.app.conftest import registered_pages
from tests.browser.conftest import goto, settle


def test_no_page_fetches_from_outside(page, app_url):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((app_url, "data:", "blob:", "about:")) else None)
    goto(page, app_url + "/")
    settle(page)
    for path in registered_pages():
        url_path = path.removeprefix("pages/").removesuffix(".py")
        goto(page, f"{app_url}/{'' if url_path == 'overview' else url_path}")
        settle(page)
    assert outside == []
