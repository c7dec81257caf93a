"""Signing in: the lockout (defaults: 5 failures lock for 15 minutes), one message for every failure,
and an audit entry for every sign-in, failure, lockout, sign-out and timeout."""
import datetime as dt

import pytest
from sqlalchemy import text
from sqlmodel import Session

from core.store import db, repo, signin, users
from core.store.auth_settings import AuthSettings
from core.store.models import Role
from tests.conftest import both_backends
from tests.factories import RULES, SYSTEM

pytestmark = both_backends
T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
PASSWORD = "Morning-Tea-2026"


@pytest.fixture
def zhang(engine):
    with db.session_scope(engine) as s:
        users.create_user(s, login="zhang", display_name="张三", role=Role.analyst, password=PASSWORD,
                          actor=SYSTEM, source="cli", settings=RULES, temporary=False)
    return engine


def attempt(engine, password, at, login="zhang", rules=RULES):
    with db.write_scope(engine) as s:
        return signin.authenticate(s, login=login, password=password, settings=rules, address="10.1.2.3", at=at)


def events(engine):
    with Session(engine) as s:
        return [tuple(r) for r in s.execute(text(
            "SELECT actor, row_key, action FROM auditlog WHERE table_name = 'users' AND action <> 'insert' ORDER BY id"))]


def test_a_good_password_signs_in_and_is_audited(zhang):
    outcome = attempt(zhang, PASSWORD, T0)
    assert outcome.ok and outcome.actor.audit_name == "zhang (张三)" and outcome.actor.role == Role.analyst
    assert not outcome.must_change
    assert events(zhang) == [("zhang (张三)", "zhang", "sign_in")]
    with Session(zhang) as s:
        assert users.get_user(s, login="zhang").last_login == T0


def test_five_failures_lock_the_account_for_fifteen_minutes(zhang):
    for n in range(4):
        assert attempt(zhang, "wrong", T0 + dt.timedelta(seconds=n)).reason == "wrong"
    locked = attempt(zhang, "wrong", T0 + dt.timedelta(seconds=4))  # the fifth failure
    assert locked.reason == "locked" and locked.until == T0 + dt.timedelta(seconds=4, minutes=15)
    # locked: even the right password is not tried until the lock ends
    assert attempt(zhang, PASSWORD, T0 + dt.timedelta(minutes=15, seconds=3)).reason == "locked"
    assert attempt(zhang, PASSWORD, T0 + dt.timedelta(minutes=15, seconds=5)).ok
    assert [e[2] for e in events(zhang)] == ["sign_in_failed"] * 4 + ["locked_out", "sign_in_failed", "sign_in"]
    assert events(zhang)[0][0] == "anonymous@10.1.2.3"  # nobody is signed in for a failed attempt


def test_a_success_clears_the_count_and_the_lockout_is_configurable(zhang):
    for n in range(4):
        attempt(zhang, "wrong", T0 + dt.timedelta(seconds=n))
    assert attempt(zhang, PASSWORD, T0 + dt.timedelta(seconds=5)).ok
    assert attempt(zhang, "wrong", T0 + dt.timedelta(seconds=6)).reason == "wrong"  # counting starts again
    strict = AuthSettings(lockout_failures=2, lockout_minutes=60)
    locked = attempt(zhang, "wrong", T0 + dt.timedelta(seconds=7), rules=strict)
    assert locked.reason == "locked" and locked.until == T0 + dt.timedelta(seconds=7, minutes=60)
    with db.session_scope(zhang) as s:
        users.unlock(s, login="zhang", actor=SYSTEM, source="cli")
    assert attempt(zhang, PASSWORD, T0 + dt.timedelta(seconds=8), rules=strict).ok


def test_unknown_disabled_and_sso_only_accounts_all_get_the_same_answer(zhang):
    with db.session_scope(zhang) as s:
        users.create_user(s, login="sso.only", display_name="", role=Role.viewer, password=None, actor=SYSTEM,
                          source="cli", settings=RULES, identity=("https://sso.example", "x"))
        users.create_user(s, login="gone", display_name="", role=Role.viewer, password="Evening-Tea-2026",
                          actor=SYSTEM, source="cli", settings=RULES)
        users.set_active(s, login="gone", active=False, actor=SYSTEM, source="cli")
    assert attempt(zhang, "x", T0, login="nobody").reason == "wrong"
    assert attempt(zhang, "x", T0, login="sso.only").reason == "wrong"
    assert attempt(zhang, "Evening-Tea-2026", T0, login="gone").reason == "wrong"
    assert [e[1:] for e in events(zhang)][-3:] == [("?no…(6)", "sign_in_failed"), ("sso.only", "sign_in_failed"),
                                                   ("gone", "sign_in_failed")]
    # a password typed into the name field is not kept: two characters and the length only
    attempt(zhang, "x", T0, login="Morning-Tea-2026")
    assert events(zhang)[-1][1] == "?Mo…(16)"


def test_a_temporary_password_must_be_changed_first(engine):
    with db.session_scope(engine) as s:
        users.create_user(s, login="new", display_name="", role=Role.viewer, password="First-Light-2026",
                          actor=SYSTEM, source="cli", settings=RULES)
    outcome = attempt(engine, "First-Light-2026", T0, login="new")
    assert outcome.ok and outcome.must_change


def test_sign_out_and_timeout_are_audited(zhang):
    me = attempt(zhang, PASSWORD, T0).actor
    with db.session_scope(zhang) as s:
        signin.signed_out(s, actor=me)
        signin.signed_out(s, actor=me, timeout=True)
    assert [e[2] for e in events(zhang)] == ["sign_in", "sign_out", "session_timeout"]


def test_sign_in_events_do_not_change_the_data_version(zhang):
    # every page's cache is keyed by the data version: a meeting of a dozen signing in must not empty it
    with Session(zhang) as s:
        before = repo.data_version(s)
    attempt(zhang, "wrong", T0)
    attempt(zhang, PASSWORD, T0)
    with Session(zhang) as s:
        assert repo.data_version(s) == before
