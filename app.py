"""The frame: page config, language, navigation. Everything else lives in pages/ and core/."""
import streamlit as st

import ui

st.set_page_config(page_icon=":material/account_balance:", layout="wide")
ui.language_picker()
st.sidebar.caption(ui.tr("app.subtitle"))

pages = {
    ui.tr("nav.analysis"): [
        st.Page("pages/overview.py", title=ui.tr("page.overview"), icon=":material/dashboard:",
                url_path="overview", default=True),
    ],
    ui.tr("nav.manage"): [
        st.Page("pages/vendors.py", title=ui.tr("page.vendors"), icon=":material/handshake:", url_path="vendors"),
    ],
}
page = st.navigation(pages)
st.set_page_config(page_title=f"{page.title} · {ui.tr('app.title')}")
page.run()
