"""我的账户 My account: who is signed in, what the role may do, and changing the password."""
import streamlit as st

import ui
from core.store.access import role_label
from core.views import accounts
from ui import auth

lang = ui.lang()
who = ui.actor()
ui.page_header("page.account", ui.tr("account.caption"))

via = ui.tr(f"account.via.{who.via}") if who.via in auth.VIAS else who.via
st.markdown(ui.tr("account.summary", login=who.login, name=who.display_name, role=role_label(who.role, lang), via=via))

may = accounts.permissions(who, lang)
if may:
    st.markdown(ui.tr("account.may") + "\n" + "\n".join(f"- {m}" for m in may))
else:
    st.info(ui.tr("account.read_only"), icon=":material/visibility:")

if who.via == "password":
    st.subheader(ui.tr("auth.change.title"))
    auth.password_form(auth.settings(), key="account_change")
