"""The frame: page config, language, sign-in, navigation over the pages the role may open."""
from pathlib import Path

import streamlit as st

import ui

# A local icon: an intranet without internet cannot fetch Material icons for the browser tab.
st.set_page_config(page_icon=str(Path(__file__).parent / ".streamlit" / "icon.png"), layout="wide")
ui.new_run()
ui.language_picker()
st.sidebar.caption(ui.tr("app.subtitle"))

pages = {
    ui.tr("nav.analysis"): [
        st.Page("pages/overview.py", title=ui.tr("page.overview"), icon=":material/dashboard:", url_path="home",
                default=True),
        # the default page lives at "/": a shared link to "/overview" opens the same page, not "Page not found"
        st.Page("pages/overview.py", title=ui.tr("page.overview"), url_path="overview", visibility="hidden"),
        st.Page("pages/compare.py", title=ui.tr("page.compare"), icon=":material/compare_arrows:", url_path="compare"),
        st.Page("pages/standards.py", title=ui.tr("page.standards"), icon=":material/rule:", url_path="standards"),
    ],
    ui.tr("nav.decide"): [
        st.Page("pages/consolidation.py", title=ui.tr("page.consolidation"), icon=":material/savings:",
                url_path="consolidation"),
        st.Page("pages/scenarios.py", title=ui.tr("page.scenarios"), icon=":material/compare:", url_path="scenarios"),
        st.Page("pages/delivery.py", title=ui.tr("page.delivery"), icon=":material/flag:", url_path="delivery"),
        st.Page("pages/recommend.py", title=ui.tr("page.recommend"), icon=":material/auto_awesome:", url_path="recommend"),
        st.Page("pages/pack.py", title=ui.tr("page.pack"), icon=":material/slideshow:", url_path="pack"),
    ],
    ui.tr("nav.manage"): [
        st.Page("pages/vendors.py", title=ui.tr("page.vendors"), icon=":material/handshake:", url_path="vendors"),
        st.Page("pages/data.py", title=ui.tr("page.data"), icon=":material/database:", url_path="data"),
    ],
    ui.tr("nav.account"): [
        st.Page("pages/account.py", title=ui.tr("page.account"), icon=":material/person:", url_path="account"),
        st.Page("pages/users.py", title=ui.tr("page.users"), icon=":material/group:", url_path="users"),
    ],
}
page = ui.navigation(pages)  # only the sign-in page until someone signs in; then the role's pages
st.set_page_config(page_title=f"{page.title} · {ui.tr('app.title')}")
page.run()
