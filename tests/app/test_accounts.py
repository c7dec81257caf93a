"""账户管理 Accounts and 我的账户 My account (AppTest): an administrator adds an account (its first
password shown once), resets one, grants an SSO request; anyone changes their own password; an
analyst's import into the assumption book is refused in one line on the Data page."""
from sqlmodel import Session

from core.files import editor, writers
from core.store import db, passwords, users
from core.store.models import Role
from tests.app.conftest import assert_clean, run_app
from tests.factories import SYSTEM, TEST_PASSWORD

PAGE = "pages/users.py"


def account(login: str):
    with Session(db.make_engine()) as s:
        user = users.get_user(s, login=login)
        if user is not None:
            s.expunge(user)
        return user


def test_the_accounts_page_lists_everyone_without_a_hash(demo_copy):
    at = run_app("zh", PAGE)
    assert_clean(at)
    assert at.title[0].value == "账户管理"
    table = at.dataframe[0].value
    assert table["登录名"].tolist() == ["admin1", "analyst1", "viewer1"]
    assert table["角色"].tolist() == ["管理员", "分析员", "查看者"]
    assert not table.apply(lambda col: col.astype(str).str.contains(r"\$argon2").any()).any()


def test_an_admin_adds_an_account_and_sees_its_first_password_once(demo_copy):
    at = run_app("zh", PAGE)
    at.text_input(key="users_add_login").input("zhaoliu")
    at.text_input(key="users_add_name").input("赵六")
    at.selectbox(key="users_add_role").set_value("analyst")
    next(b for b in at.button if b.label == "新增").click().run()
    assert_clean(at)
    assert at.success[0].value.startswith("已新增账户 zhaoliu")
    shown = at.code[0].value
    user = account("zhaoliu")
    assert user.role == Role.analyst and passwords.verify(user.password_hash, shown)
    assert user.password_changed_at is None  # changed at the first sign-in
    at.run()
    assert not at.code  # shown once


def test_an_admin_resets_a_password_and_grants_an_sso_request(demo_copy):
    with db.session_scope(db.make_engine()) as s:
        users.request_access(s, issuer="https://sso.example", subject="s-1", claims={"preferred_username": "wangwu"})
    at = run_app("zh", PAGE)
    at.selectbox(key="users_which").set_value("viewer1")
    at.button(key="users_reset").click().run()
    assert passwords.verify(account("viewer1").password_hash, at.code[0].value)
    at.selectbox(key="users_grant_role_wangwu").set_value("viewer")
    at.button(key="users_grant_wangwu").click().run()
    assert_clean(at)
    assert account("wangwu").active and account("wangwu").requested_at is None


def test_a_refused_change_is_one_line(demo_copy):
    at = run_app("zh", PAGE)
    at.selectbox(key="users_which").set_value("admin1")
    at.button(key="users_disable").click().run()  # oneself
    assert not at.exception and at.error[0].value == "不能停用您自己的账户。"
    assert account("admin1").active


def test_my_account_shows_what_the_role_may_do_and_changes_the_password(demo_copy):
    at = run_app("zh", "pages/account.py", role=Role.viewer)
    assert_clean(at)
    assert "只能查看" in at.info[-1].value  # a viewer changes nothing
    at.text_input(key="account_change_current").input(TEST_PASSWORD)
    at.text_input(key="account_change_new").input("Quiet-Morning-77")
    at.text_input(key="account_change_repeat").input("Quiet-Morning-77")
    next(b for b in at.button if b.label == "修改密码").click().run()
    assert_clean(at)
    assert passwords.verify(account("viewer1").password_hash, "Quiet-Morning-77")
    at = run_app("en", "pages/account.py", role=Role.analyst)
    assert "import data" in at.markdown[-1].value and "delete scenarios" not in at.markdown[-1].value


def test_an_analyst_importing_into_the_assumption_book_is_told_in_one_line(demo_copy):
    engine = db.make_engine()
    book = editor.load_table(engine, "assumptions").drop(columns="id").head(1)
    book["value"] = 0.5
    at = run_app("zh", "pages/data.py", role=Role.analyst)
    at.file_uploader[0].set_value(("assumptions.csv", writers.to_csv(book), "text/csv")).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["analyst1 (测试analyst)（分析员）无权修改参数表，未做任何修改。"]
    assert at.tabs and at.data_editor  # the other tabs still draw (the editor is there)
    offered = at.selectbox(key="data_edit_table").options
    assert "参数" not in offered and "统一标准" not in offered and "办公楼（区）" in offered  # nor in the editor
    with db.session_scope(engine) as s:  # an admin may
        users.set_role(s, login="analyst1", role=Role.admin, actor=SYSTEM, source="test")
    at.run()
    assert not at.error and any(b.label.startswith("确认导入") for b in at.button)
