"""账户管理 Accounts (administrators): who may sign in and with which role; locks; new first
passwords; single-sign-on identities waiting for a grant. Every change is checked and audited in core."""
import streamlit as st

import ui
from core.store import users
from core.store.access import role_label
from core.store.models import Role
from core.views import accounts
from ui import auth

lang = ui.lang()
who = ui.actor()
rules = auth.settings()
ui.page_header("page.users", ui.tr("users.caption"))
for slot, message in (("_users_made", "users.add.done"), ("_users_reset", "users.manage.reset_done")):
    made = st.session_state.pop(slot, None)  # (login, first password) left by the write: shown this once
    if made:
        st.success(ui.tr(message, login=made[0]), icon=":material/key:")
        st.code(made[1], language=None)

rows = accounts.load(ui.engine())
ui.table(accounts.table(rows, lang), key="users_table")
ROLES = [r.value for r in Role]
logins = [r["login"] for r in rows if not r["requested_at"]]
by = {"actor": who, "source": "app"}


def role_name(r: str) -> str:
    return role_label(r, lang)


left, right = st.columns(2)
with left.expander(ui.tr("users.add.title"), icon=":material/person_add:"), st.form("users_add", clear_on_submit=True):
    login = st.text_input(ui.tr("users.col.login"), max_chars=64, key="users_add_login")
    name = st.text_input(ui.tr("users.col.display_name"), max_chars=100, key="users_add_name")
    role = st.selectbox(ui.tr("users.col.role"), ROLES, format_func=role_name, key="users_add_role")
    if st.form_submit_button(ui.tr("users.add.submit"), type="primary"):
        ui.write(accounts.add_account, login=login, display_name=name, role=role, settings=rules,
                 remember="_users_made", done="", **by)
with right.expander(ui.tr("users.manage.title"), icon=":material/manage_accounts:"):
    which = st.selectbox(ui.tr("users.manage.which"), logins, key="users_which")
    c = st.columns([2, 1], vertical_alignment="bottom")
    new_role = c[0].selectbox(ui.tr("users.manage.role"), ROLES, format_func=role_name, key="users_role")
    done = ui.tr("users.manage.done", login=which)
    if c[1].button(ui.tr("users.manage.role"), key="users_set_role", width="stretch"):
        ui.write(users.set_role, login=which, role=new_role, done=done, **by)
    c = st.columns(4)
    if c[0].button(ui.tr("users.manage.disable"), key="users_disable", width="stretch"):
        ui.write(users.set_active, login=which, active=False, done=done, **by)
    if c[1].button(ui.tr("users.manage.enable"), key="users_enable", width="stretch"):
        ui.write(users.set_active, login=which, active=True, done=done, **by)
    if c[2].button(ui.tr("users.manage.unlock"), key="users_unlock", width="stretch"):
        ui.write(users.unlock, login=which, done=done, **by)
    if c[3].button(ui.tr("users.manage.reset"), key="users_reset", width="stretch"):
        ui.write(accounts.reset, login=which, settings=rules, remember="_users_reset", done="", **by)

st.subheader(ui.tr("users.requests.title"))
st.caption(ui.tr("users.requests.help"))
waiting = accounts.requests(rows)
if not waiting:
    st.caption(ui.tr("users.requests.none"))
for r in waiting:
    with st.container(border=True):
        st.markdown(f"**{r['display_name']}** · `{r['login']}` · {r['oidc_issuer']} · `{r['oidc_subject']}`")
        c = st.columns([2, 1, 2, 1, 1], vertical_alignment="bottom")
        grant_role = c[0].selectbox(ui.tr("users.col.role"), ROLES, format_func=role_name, key=f"users_grant_role_{r['login']}")
        if c[1].button(ui.tr("users.requests.grant"), key=f"users_grant_{r['login']}", width="stretch"):
            ui.write(users.grant, login=r["login"], role=grant_role, done=ui.tr("users.manage.done", login=r["login"]), **by)
        to = c[2].selectbox(ui.tr("users.requests.link_to"), logins, key=f"users_link_to_{r['login']}")
        if c[3].button(ui.tr("users.requests.link"), key=f"users_link_{r['login']}", width="stretch"):
            ui.write(users.link, request=r["login"], to=to, done=ui.tr("users.manage.done", login=to), **by)
        if c[4].button(ui.tr("users.requests.reject"), key=f"users_reject_{r['login']}", width="stretch"):
            ui.write(users.reject, login=r["login"], done=ui.tr("users.manage.done", login=r["login"]), **by)
