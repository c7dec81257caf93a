"""Signing in through app.py (AppTest): a new session sees only the sign-in page; the form signs in,
locks out, forces a first password change; idle sessions end; sign-out; every page × role; the demo's
autologin; single sign-on with a stubbed identity. Every sign-in event lands in the audit log."""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import text
from sqlmodel import Session
from streamlit.util import calc_hash

from core.store import access, db, repo, users
from core.store.models import Role
from tests.app.conftest import assert_clean, open_lazy, registered_pages, run_app, signed_in_state
from tests.factories import RULES, SYSTEM, TEST_LOGINS, TEST_PASSWORD
from ui import auth

ISSUER = "https://sso.example.gov.cn/realms/city"


def events() -> list[tuple[str, str, str]]:
    with Session(db.make_engine()) as s:
        return [tuple(r) for r in s.execute(text(
            "SELECT actor, row_key, action FROM auditlog WHERE table_name = 'users' AND source = 'app' ORDER BY id"))]


def sign_in(at, login: str, password: str):
    at.text_input(key="auth_login").input(login)
    at.text_input(key="auth_password").input(password)
    return next(b for b in at.button if b.label in ("登录", "Sign in")).click().run()  # the form's submit button


def sidebar_text(at) -> str:
    return " ".join(c.value for c in at.sidebar.caption)


def test_a_new_session_sees_only_the_sign_in_page(demo_copy):
    at = run_app("zh", role=None)
    assert_clean(at)
    assert at.title[0].value == "登录"
    assert [w.key for w in at.text_input] == ["auth_login", "auth_password"]
    assert any("演示系统" in i.value for i in at.info)  # the demo store says it is a demo
    assert "auth_sign_out" not in [b.key for b in at.button]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/overview.py")  # no page of the app is registered for nobody
    at = run_app("en", role=None)
    assert at.title[0].value == "Sign in" and at.text_input(key="auth_login").label == "Login name"


def test_the_form_signs_in_and_the_audit_names_the_person(demo_copy):
    at = sign_in(run_app("zh", role=None), "Analyst1", TEST_PASSWORD)  # login names are not case-sensitive
    assert_clean(at)
    assert at.title[0].value == "总览"
    assert "analyst1 (测试analyst) · 分析员" in sidebar_text(at)
    assert events() == [("analyst1 (测试analyst)", "analyst1", "sign_in")]


def test_a_wrong_password_says_so_and_five_lock_the_account(demo_copy):
    at = run_app("zh", role=None)
    for _ in range(4):
        sign_in(at, "viewer1", "not-it")
        assert at.error[0].value == "登录名或密码不正确。" and at.title[0].value == "登录"
    sign_in(at, "viewer1", "not-it")
    assert "已被锁定" in at.error[0].value
    sign_in(at, "viewer1", TEST_PASSWORD)  # the right password does not open a locked account
    assert "已被锁定" in at.error[0].value and at.title[0].value == "登录"
    assert [e[2] for e in events()] == ["sign_in_failed"] * 4 + ["locked_out", "sign_in_failed"]
    assert all(e[0] == "anonymous@127.0.0.1" and e[1] == "viewer1" for e in events())


def test_the_first_sign_in_forces_a_new_password(demo_copy):
    with db.session_scope(db.make_engine()) as s:
        users.create_user(s, login="newcomer", display_name="新人", role=Role.viewer, password="Given-By-Admin-1",
                          actor=SYSTEM, source="test", settings=RULES)
    at = sign_in(run_app("zh", role=None), "newcomer", "Given-By-Admin-1")
    assert at.title[0].value == "修改密码" and "初始密码" in at.warning[0].value
    with pytest.raises(ValueError):
        at.switch_page("pages/overview.py")  # nothing else until the password is changed
    at.text_input(key="auth_change_current").input("Given-By-Admin-1")
    at.text_input(key="auth_change_new").input("My-Own-Secret-9")
    at.text_input(key="auth_change_repeat").input("My-Own-Secret-9")
    next(b for b in at.button if b.label == "修改密码").click().run()
    assert_clean(at)
    assert at.title[0].value == "总览" and at.success[0].value == "密码已修改。"


def test_an_idle_session_ends_and_says_why(demo_copy, monkeypatch):
    at = run_app("zh", role=Role.viewer)
    state = at.session_state[auth.SESSION_KEY]
    at.session_state[auth.SESSION_KEY] = dataclasses.replace(state, last_seen=state.last_seen - 31 * 60)
    at.run()
    assert at.title[0].value == "登录" and "30 分钟未操作" in at.info[-1].value
    assert events() == [("viewer1 (测试viewer)", "viewer1", "session_timeout")]
    monkeypatch.setenv("JGSW_IDLE_MINUTES", "5")  # configurable: 5 minutes
    at = run_app("zh", role=Role.viewer)
    state = at.session_state[auth.SESSION_KEY]
    at.session_state[auth.SESSION_KEY] = dataclasses.replace(state, last_seen=state.last_seen - 4 * 60)
    assert at.run().title[0].value == "总览"  # 4 minutes: still signed in
    state = at.session_state[auth.SESSION_KEY]
    at.session_state[auth.SESSION_KEY] = dataclasses.replace(state, last_seen=state.last_seen - 6 * 60)
    assert at.run().title[0].value == "登录"


def test_sign_out(demo_copy):
    at = run_app("zh", role=Role.admin)
    at.button(key="auth_sign_out").click().run()
    assert at.title[0].value == "登录" and at.info[-1].value == "您已退出登录。"
    assert events() == [("admin1 (测试admin)", "admin1", "sign_out")]
    assert auth.SESSION_KEY not in at.session_state


def test_a_disabled_account_is_out_at_its_next_run(demo_copy):
    at = run_app("zh", role=Role.analyst)
    with db.session_scope(db.make_engine()) as s:
        users.set_active(s, login="analyst1", active=False, actor=SYSTEM, source="test")
    assert at.run().title[0].value == "登录"


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_every_page_for_every_role(role, demo_copy):
    at = run_app("zh", role=role)
    for page in registered_pages():
        path = page.removeprefix("pages/").removesuffix(".py")
        if access.may_open(role, path):
            at.switch_page(page).run()
            assert_clean(at)
            assert at.title, page
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                at.switch_page(page)  # not in the navigation: no link to it
            at._page_hash = calc_hash(path)  # typing its address: st.Page's script hash of the URL path
            at.run()
            assert at.title[0].value == "总览", f"{role.value} reached {page} by its address"


def test_a_viewer_sees_no_control_that_writes(demo_copy):
    at = run_app("zh", "pages/vendors.py", role=Role.viewer)
    assert_clean(at)
    keys = {w.key for w in [*at.text_input, *at.selectbox, *at.button]}
    assert not keys & {"gates_decide_vendor", "gates_decide_reason", "gates_new_name"}
    assert not [b for b in at.button if b.label == "保存规则"]
    at.switch_page("pages/scenarios.py").run()
    assert not {"scen_rename", "scen_duplicate", "scen_delete"} & {b.key for b in at.button}
    at.switch_page("pages/consolidation.py").run()
    assert_clean(at)
    assert not {"scen_save_new", "scen_save_over"} & {b.key for b in at.button}
    assert "scen_reset" in {b.key for b in at.button}  # sharing and resetting the levers stay


def test_an_analyst_may_rename_but_not_delete_a_scenario(demo_copy):
    at = open_lazy(run_app("zh", "pages/scenarios.py", role=Role.analyst), "scen_manage_panel")
    buttons = {b.key for b in at.button}
    assert {"scen_rename", "scen_duplicate"} <= buttons and "scen_delete" not in buttons


def test_the_demo_autologin_only_on_a_synthetic_store(demo_copy, monkeypatch):
    monkeypatch.setenv("JGSW_DEMO_AUTOLOGIN", "viewer")
    at = run_app("zh", role=None)
    assert at.title[0].value == "总览" and "演示自动登录" in sidebar_text(at)
    assert events() == [("viewer1 (测试viewer)", "viewer1", "sign_in")]
    with db.session_scope(db.make_engine()) as s:  # the same store, now said to hold real data
        repo.set_meta(s, values={"dataset": "real"})
    assert run_app("zh", role=None).title[0].value == "登录"


def sso_app(subject: str):
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = {"client_id": "jgsw", "client_secret": "x", "redirect_uri": "http://localhost:8501/oauth2callback",
                          "cookie_secret": "y", "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration"}
    at.user = {"is_logged_in": True, "iss": ISSUER, "sub": subject, "email": "zhang@city.gov.cn",
               "preferred_username": "zhangsan", "name": "张三"}  # a stubbed identity, as after st.login
    return at


def test_single_sign_on_maps_issuer_and_subject_to_an_account(demo_copy):
    at = sso_app("7d1e-42").run()
    assert at.title[0].value == "登录"  # unknown identity: no access
    assert "尚未获得授权" in at.warning[0].value
    with Session(db.make_engine()) as s:
        request = users.identity_user(s, issuer=ISSUER, subject="7d1e-42")
        assert request.login == "zhangsan" and request.requested_at is not None and not request.active
    with db.session_scope(db.make_engine()) as s:
        users.grant(s, login="zhangsan", role=Role.analyst, actor=SYSTEM, source="test")
    at = sso_app("7d1e-42").run()  # a new session of the same identity
    assert_clean(at)
    assert at.title[0].value == "总览" and "zhangsan (张三) · 分析员" in sidebar_text(at)
    at.switch_page("pages/data.py").run()  # the analyst's pages
    assert at.title[0].value == "数据管理"
    assert ("zhangsan (张三)", "zhangsan", "sign_in") in events()
    # another subject with the same e-mail is someone else: no access
    assert sso_app("other-subject").run().title[0].value == "登录"


def test_the_session_hook_is_what_a_sign_in_leaves(demo_copy):
    # the documented test hook (README, "Testing") holds the same state as the form's sign-in
    at = sign_in(run_app("zh", role=None), TEST_LOGINS[Role.viewer], TEST_PASSWORD)
    state = at.session_state[auth.SESSION_KEY]
    hook = signed_in_state(Role.viewer)
    assert (state.user_id, state.via) == (hook.user_id, hook.via)
