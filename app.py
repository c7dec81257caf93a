"""The frame: page config, language, navigation. Everything else lives in pages/ and core/."""
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
        st.Page("pages/overview.py", title=ui.tr("page.overview"), icon=":material/dashboard:",
                url_path="overview", default=True),
        st.Page("pages/compare.py", title=ui.tr("page.compare"), icon=":material/compare_arrows:", url_path="compare"),
        st.Page("pages/standards.py", title=ui.tr("page.standards"), icon=":material/rule:", url_path="standards"),
    ],
    ui.tr("nav.decide"): [
        st.Page("pages/consolidation.py", title=ui.tr("page.consolidation"), icon=":material/savings:",
                url_path="consolidation"),
        st.Page("pages/scenarios.py", title=ui.tr("page.scenarios"), icon=":material/compare:", url_path="scenarios"),
        st.Page("pages/recommend.py", title=ui.tr("page.recommend"), icon=":material/auto_awesome:", url_path="recommend"),
        st.Page("pages/pack.py", title=ui.tr("page.pack"), icon=":material/slideshow:", url_path="pack"),
    ],
    ui.tr("nav.manage"): [
        st.Page("pages/vendors.py", title=ui.tr("page.vendors"), icon=":material/handshake:", url_path="vendors"),
        st.Page("pages/data.py", title=ui.tr("page.data"), icon=":material/database:", url_path="data"),
    ],
}
page = st.navigation(pages)
st.set_page_config(page_title=f"{page.title} · {ui.tr('app.title')}")
page.run()
