"""Accounts from the command line: init-db makes the first accounts and shows their passwords once;
users add / list / passwd / disable / enable / unlock / role / grant, each audited as cli:<os user>."""
import getpass
import io
import json
import re

import pytest
from sqlalchemy import text
from sqlmodel import Session

from core.cli import main
from core.store import db, passwords, users
from core.store.models import Role
from tests.conftest import both_backends

pytestmark = both_backends
CLI = f"cli:{getpass.getuser()}"


@pytest.fixture
def demo_url(stores, monkeypatch) -> str:
    url = stores.url(demo=True)  # the demo city with the test accounts (tests/factories.py)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def stdin(monkeypatch, line: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(line + "\n"))


def account(url: str, login: str):
    with Session(db.make_engine(url)) as s:
        user = users.get_user(s, login=login)
        if user is not None:
            s.expunge(user)
        return user


def test_init_db_makes_the_first_accounts_and_shows_each_password_once(stores, monkeypatch, capsys):
    url = stores.url()
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["init-db", "--demo"]) == 0
    out = capsys.readouterr().out
    shown = dict(re.findall(r"login (\w+)\s+role \w+\s+password (\S+)", out))
    assert set(shown) == {"admin", "analyst", "viewer"}  # the first admin, and one demo account per role
    for login, password in shown.items():
        user = account(url, login)
        assert passwords.verify(user.password_hash, password)
        assert user.password_changed_at is None  # to be changed at the first sign-in
        assert password not in (user.password_hash or "")
    assert main(["init-db", "--if-empty", "--demo"]) == 0  # accounts exist: none made, no password shown
    assert "password" not in capsys.readouterr().out


def test_a_store_from_before_accounts_gets_its_first_admin(stores, monkeypatch, capsys):
    url = stores.url(demo=True)
    with db.session_scope(db.make_engine(url)) as s:  # as if made before accounts existed
        s.execute(text("DELETE FROM app_user"))
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["init-db", "--if-empty"]) == 0
    out = capsys.readouterr().out
    assert "already holds data" in out and "login admin" in out and "login viewer" in out  # the demo city


def test_users_add_list_and_the_audit(demo_url, monkeypatch, capsys):
    stdin(monkeypatch, "Spring-Rain-2026")
    assert main(["users", "add", "zhang", "--role", "analyst", "--display-name", "张三", "--password-stdin"]) == 0
    assert capsys.readouterr().out.strip() == "added zhang (Analyst)"
    assert main(["users", "list", "--json"]) == 0
    rows = {r["login"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["zhang"]["role"] == "analyst" and rows["zhang"]["display_name"] == "张三"
    assert "password_hash" not in rows["zhang"] and rows["zhang"]["password"] is True
    with Session(db.make_engine(demo_url)) as s:
        actor, action = s.execute(text("SELECT actor, action FROM auditlog WHERE row_key = 'zhang'")).one()
    assert (actor, action) == (CLI, "insert")


def test_users_passwd_disable_enable_unlock_role_grant(demo_url, monkeypatch, capsys):
    stdin(monkeypatch, "Temporary-Pass-99")
    assert main(["users", "passwd", "viewer1", "--password-stdin"]) == 0
    user = account(demo_url, "viewer1")
    assert passwords.verify(user.password_hash, "Temporary-Pass-99") and user.password_changed_at is None
    assert main(["users", "disable", "viewer1"]) == 0 and not account(demo_url, "viewer1").active
    assert main(["users", "enable", "viewer1"]) == 0 and account(demo_url, "viewer1").active
    assert main(["users", "unlock", "viewer1"]) == 0
    assert main(["users", "role", "viewer1", "analyst"]) == 0 and account(demo_url, "viewer1").role == Role.analyst
    with db.session_scope(db.make_engine(demo_url)) as s:
        users.request_access(s, issuer="https://sso.example", subject="s1", claims={"preferred_username": "li"})
    assert main(["users", "grant", "li", "viewer"]) == 0 and account(demo_url, "li").active
    capsys.readouterr()


def test_refusals_are_one_line(demo_url, monkeypatch, capsys):
    stdin(monkeypatch, "short")
    assert main(["users", "add", "wang", "--role", "viewer", "--password-stdin"]) == 2
    assert capsys.readouterr().err.strip() == "error: The password needs at least 12 characters."
    assert main(["users", "disable", "nobody"]) == 2
    assert capsys.readouterr().err.strip() == "error: There is no account “nobody”."
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["users", "add", "wang", "--role", "viewer"]) == 2  # no terminal, no --password-stdin
    assert "--password-stdin" in capsys.readouterr().err
