"""我的账户 My account: who is signed in, what the role may do, and changing the password."""
import streamlit as st

import ui
from core.store.access import role_label
from core.views import accounts
from ui import auth

lang = ui.lang()
who = ui.actor()
ui.page_header("page.account", ui.tr("account.caption"))

c = st.columns(4)
c[0].metric(ui.tr("account.login"), who.login, border=True)
c[1].metric(ui.tr("account.name"), who.display_name, border=True)
c[2].metric(ui.tr("account.role"), role_label(who.role, lang), border=True)
c[3].metric(ui.tr("account.via"), ui.tr(f"account.via.{who.via}") if who.via in auth.VIAS else who.via, border=True)

may = accounts.permissions(who, lang)
if may:
    st.markdown(ui.tr("account.may") + "\n" + "\n".join(f"- {m}" for m in may))
else:
    st.info(ui.tr("account.read_only"), icon=":material/visibility:")

if who.via == "password":
    st.subheader(ui.tr("auth.change.title"))
    auth.password_form(auth.settings(), key="account_change")
