"""Accounts: hashes (Argon2id, salted, never stored or logged in clear), the password policy, the first
accounts of a store, the last admin kept, and SSO identities mapped by issuer and subject."""
import datetime as dt
import json

import pytest
from sqlalchemy import text
from sqlmodel import Session

from core.store import db, passwords, users
from core.store.access import Refused
from core.store.auth_settings import AuthSettings
from core.store.models import Role
from tests.conftest import both_backends
from tests.factories import RULES, SYSTEM

pytestmark = both_backends
ISSUER = "https://sso.example.gov.cn/realms/city"


def test_hashes_are_argon2id_with_owasp_parameters_salted_and_verify():
    a, b = passwords.hash_password("Same-Password-1"), passwords.hash_password("Same-Password-1")
    assert a.startswith("$argon2id$v=19$m=19456,t=2,p=1$")  # OWASP: 19 MiB, 2 iterations, 1 lane
    assert a != b  # a fresh random salt each time: equal passwords do not give equal hashes
    assert a.split("$")[4] != b.split("$")[4]  # the salts themselves differ
    assert passwords.verify(a, "Same-Password-1") and passwords.verify(b, "Same-Password-1")
    assert not passwords.verify(a, "same-password-1")
    assert not passwords.verify(None, "x") and not passwords.verify("not a hash", "x")
    weaker = passwords.PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("p")
    assert passwords.needs_rehash(weaker) and not passwords.needs_rehash(a)


def test_the_policy_length_kinds_and_never_the_login():
    # 12 characters at least, 3 of the 4 kinds (lower, upper, digits, other), not containing the login
    assert passwords.problems("Short-1", login="zhang", settings=RULES)[0][0] == "users.policy.length"
    assert passwords.problems("alllowercaseletters", login="zhang", settings=RULES)[0][0] == "users.policy.kinds"
    assert passwords.problems("Zhang-Spring-2026", login="zhang", settings=RULES) == [("users.policy.login", {})]
    assert passwords.problems("Spring-Rain-2026", login="zhang", settings=RULES) == []
    assert passwords.kinds("aB3-") == 4 and passwords.kinds("春天Spring") == 3  # Chinese counts as "other"
    stricter = AuthSettings(password_min_length=20)
    assert passwords.problems("Spring-Rain-2026", login="zhang", settings=stricter)[0] == ("users.policy.length", {"n": 20})
    made = {passwords.generate(RULES, "admin") for _ in range(20)}
    assert len(made) == 20 and all(not passwords.problems(p, login="admin", settings=RULES) for p in made)


def test_accounts_are_made_audited_without_the_hash(session):
    user = users.create_user(session, login=" Zhang.San ", display_name="张三", role=Role.analyst,
                             password="Spring-Rain-2026", actor=SYSTEM, source="cli", settings=RULES)
    session.commit()
    assert (user.login, user.role, user.active, user.password_changed_at) == ("zhang.san", "analyst", True, None)
    assert users.must_change_password(user, RULES)  # someone else chose it: changed at the first sign-in
    log = session.execute(text("SELECT actor, table_name, row_key, action, after FROM auditlog")).one()
    assert log[:4] == ("system", "users", "zhang.san", "insert")
    assert "$argon2" not in log[4] and "Spring-Rain" not in log[4] and json.loads(log[4])["password"] is True
    with pytest.raises(Refused, match="is taken"):
        users.create_user(session, login="ZHANG.SAN", display_name="", role=Role.viewer, password="Spring-Rain-2026",
                          actor=SYSTEM, source="cli", settings=RULES)
    with pytest.raises(Refused, match="cannot be a login name"):
        users.create_user(session, login="张三", display_name="", role=Role.viewer, password="Spring-Rain-2026",
                          actor=SYSTEM, source="cli", settings=RULES)


def test_changing_ones_own_password(session):
    user = users.create_user(session, login="li", display_name="李四", role=Role.viewer, password="First-Pass-2026",
                             actor=SYSTEM, source="cli", settings=RULES)
    me = users.actor_of(user, "password")
    with pytest.raises(Refused, match="current password is wrong"):
        users.change_own_password(session, actor=me, current="nope", new="Next-Pass-2026", repeat="Next-Pass-2026",
                                  settings=RULES)
    with pytest.raises(Refused, match="differ"):
        users.change_own_password(session, actor=me, current="First-Pass-2026", new="Next-Pass-2026",
                                  repeat="Next-Pass-2027", settings=RULES)
    users.change_own_password(session, actor=me, current="First-Pass-2026", new="Next-Pass-2026",
                              repeat="Next-Pass-2026", settings=RULES)
    assert passwords.verify(user.password_hash, "Next-Pass-2026") and not users.must_change_password(user, RULES)
    # an expiry, when the deployment sets one: 90 days after the change the owner must choose again
    expiring = AuthSettings(password_max_age_days=90)
    assert not users.must_change_password(user, expiring, user.password_changed_at + dt.timedelta(days=90))
    assert users.must_change_password(user, expiring, user.password_changed_at + dt.timedelta(days=91))


def test_the_last_admin_stays_and_nobody_disables_themselves(session):
    boss = users.create_user(session, login="boss", display_name="", role=Role.admin, password="Chief-Pass-2026",
                             actor=SYSTEM, source="cli", settings=RULES)
    me = users.actor_of(boss, "password")
    with pytest.raises(Refused, match="last active administrator"):
        users.set_role(session, login="boss", role=Role.viewer, actor=SYSTEM, source="cli")
    with pytest.raises(Refused, match="your own account"):
        users.set_active(session, login="boss", active=False, actor=me, source="app")
    users.create_user(session, login="deputy", display_name="", role=Role.admin, password="Second-Pass-2026",
                      actor=SYSTEM, source="cli", settings=RULES)
    assert users.set_role(session, login="boss", role=Role.viewer, actor=SYSTEM, source="cli").role == Role.viewer


def test_a_new_store_gets_its_first_admin_and_the_demo_one_account_per_role(engine):
    with db.session_scope(engine) as s:
        made = users.first_accounts(s, actor=SYSTEM, settings=RULES, demo=True)
    assert [(login, role) for login, role, _ in made] == [("admin", Role.admin), ("analyst", Role.analyst),
                                                           ("viewer", Role.viewer)]
    with Session(engine) as s:
        for login, _, password in made:
            user = users.get_user(s, login=login)
            assert passwords.verify(user.password_hash, password) and users.must_change_password(user, RULES)
    with db.session_scope(engine) as s:
        assert users.first_accounts(s, actor=SYSTEM, settings=RULES, demo=True) == []  # only ever once


def test_an_sso_identity_is_known_by_issuer_and_subject_never_by_email(session):
    # a stubbed identity, as st.user gives it after st.login: issuer, subject and the usual claims
    claims = {"iss": ISSUER, "sub": "7d1e-42", "email": "zhang@city.gov.cn", "preferred_username": "zhangsan",
              "name": "张三"}
    assert users.identity_user(session, issuer=ISSUER, subject="7d1e-42") is None
    request = users.request_access(session, issuer=ISSUER, subject="7d1e-42", claims=claims)
    assert (request.login, request.display_name, request.active, request.password_hash) == ("zhangsan", "张三", False, None)
    assert request.requested_at is not None  # unknown: a request, with no access until an admin grants it
    again = users.request_access(session, issuer=ISSUER, subject="7d1e-42", claims=claims)
    assert again.id == request.id  # asking twice makes one request
    # the same e-mail from another issuer or subject is another identity
    other = users.request_access(session, issuer="https://evil.example.com", subject="7d1e-42", claims=claims)
    assert other.id != request.id and other.login == "zhangsan-2"
    users.grant(session, login="zhangsan", role=Role.analyst, actor=SYSTEM, source="app")
    known = users.identity_user(session, issuer=ISSUER, subject="7d1e-42")
    assert (known.login, known.role, known.active, known.requested_at) == ("zhangsan", Role.analyst, True, None)
    assert users.actor_of(known, "sso").role == Role.analyst


def test_an_sso_request_can_be_mapped_to_an_existing_account(session):
    users.create_user(session, login="wang", display_name="王五", role=Role.admin, password="Autumn-Pass-2026",
                      actor=SYSTEM, source="cli", settings=RULES)
    users.request_access(session, issuer=ISSUER, subject="s-9", claims={"email": "wang.wu@city.gov.cn"})
    users.link(session, request="wang.wu", to="wang", actor=SYSTEM, source="app")
    mapped = users.identity_user(session, issuer=ISSUER, subject="s-9")
    assert mapped.login == "wang" and mapped.role == Role.admin
    assert users.get_user(session, login="wang.wu") is None  # the request is gone


def test_display_names_pass_the_one_text_gate(session):
    """A display name reaches the audit log, a scenario's owner and every export: control characters out,
    formulas refused; an SSO provider's name claim that looks like a formula is replaced by the login."""
    kw = {"role": Role.viewer, "password": "Spring-Rain-2026", "actor": SYSTEM, "source": "cli", "settings": RULES}
    with pytest.raises(db.Refused, match="starts with '='"):
        users.create_user(session, login="li.si", display_name='=HYPERLINK("http://x","李四")', **kw)
    with pytest.raises(db.Refused, match="starts with '@'"):
        users.create_user(session, login="li.si", display_name="\x01@SUM(1)", **kw)  # cleaned first, then judged
    made = users.create_user(session, login="li.si", display_name="李\u200b四\x07", **kw)
    assert made.display_name == "李四"
    request = users.request_access(session, issuer=ISSUER, subject="x-1",
                                   claims={"preferred_username": "wangwu", "name": "+cmd|' /C calc'!A0"})
    assert (request.login, request.display_name) == ("wangwu", "wangwu")
