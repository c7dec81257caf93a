"""The permission matrix in action: every write function of core × every role.

For each write and each role the test account of that role tries it on a private demo store: a role
the matrix allows changes the store; any other role gets :class:`core.store.access.Refused` and the
store is exactly as it was, every row of every table (the audit log included). Hiding a button is
not what stops a viewer: these functions are.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel

from core.domain import gates
from core.files import admin, backup, editor, loader, writers
from core.simulation import plans, scenarios
from core.store import access, db, pack_settings, repo, users
from core.store.access import Actor, Permission, Role
from tests.factories import RULES, SYSTEM, TEST_LOGINS, TEST_PASSWORD

GOOD = Path(__file__).resolve().parents[1] / "data" / "good"
ON = dt.date(2026, 6, 1)


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in one consistent read."""
    with db.snapshot(engine) as session:
        return {t.name: repo.dump_table(session, table=t)[1] for t in SQLModel.metadata.sorted_tables}


def as_file(engine: Engine, table: str, change: Callable[[object], object]) -> list[tuple[str, bytes]]:
    """``table`` as a CSV file, its first row changed by ``change`` (an import that updates one row)."""
    frame = editor.load_table(engine, table).drop(columns="id")
    frame.iloc[0] = change(frame.iloc[0].copy())
    return [(f"{table}.csv", writers.to_csv(frame.head(1)))]


def edited(engine: Engine, table: str, column: str, value: object) -> dict[str, object]:
    loaded = editor.load_table(engine, table)
    grid = editor.editor_frame(loaded, table, "en")
    grid.loc[0, column] = value
    return {"table": table, "loaded": loaded, "edited": grid, "lang": "en"}


def in_session(fn: Callable[..., object], **kwargs: object) -> Callable[[Engine, Actor], object]:
    def run(engine: Engine, who: Actor) -> object:
        with db.session_scope(engine) as session:
            return fn(session, actor=who, **kwargs)
    return run


def with_portfolio(fn: Callable[..., object], settings: Callable[[gates.GateSettings], gates.GateSettings] = lambda s: s,
                   **kwargs: object) -> Callable[[Engine, Actor], object]:
    def run(engine: Engine, who: Actor) -> object:
        with db.session_scope(engine) as session:
            p = repo.load_portfolio(session)
            s = gates.GateSettings.from_book(p, ON)
            return fn(session, p, settings(s), actor=who, **kwargs)
    return run


def with_plan(**kwargs: object) -> Callable[[Engine, Actor], object]:
    def run(engine: Engine, who: Actor) -> object:
        with db.session_scope(engine) as session:
            return plans.adopt(session, p=repo.load_portfolio(session), actor=who, **kwargs)
    return run


def vendor_id(engine: Engine, name: str) -> int:
    with Session(engine) as s:
        vendors = repo.load_portfolio(s).vendors
    return int(vendors.loc[vendors["name"] == name, "id"].iloc[0])


def scenario(engine: Engine, name: str) -> scenarios.Saved:
    with Session(engine) as s:
        found = scenarios.load(s, name=name)
    assert found is not None
    return found


def rate(row: object) -> object:
    row["value"] = 0.5  # type: ignore[index]  # the discount rate raised to 50 %, as in the issue
    return row


def fee(row: object) -> object:
    row["fee_per_m2_month"] = 99.0  # type: ignore[index]
    return row


def score(row: object) -> object:
    row["quality"] = 2.0  # type: ignore[index]
    return row


SSO = ("https://sso.example.gov.cn/realms/city", "3f1c-subject")


def _request(engine: Engine) -> None:
    with db.session_scope(engine) as s:
        users.request_access(s, issuer=SSO[0], subject=SSO[1], claims={"preferred_username": "wangwu"})


def _in_review(engine: Engine) -> None:
    """标准先行 put up for approval (version 2), so that approving or sending it back is one step."""
    with db.session_scope(engine) as s:
        scenarios.submit(s, scenario_id=scenario(engine, "标准先行").id, seen_version=1, actor=SYSTEM, source="test")


# name → (the permission the matrix requires, the write, any set-up made before the store is compared)
CASES: dict[str, tuple[Permission, Callable[[Engine, Actor], object], Callable[[Engine], None] | None]] = {
    "import a file": (Permission.import_data, lambda e, who: loader.import_files(
        e, [("入驻情况_gbk.csv", (GOOD / "入驻情况_gbk.csv").read_bytes())], actor=who), None),
    "import into the assumption book": (Permission.assumption_book, lambda e, who: loader.import_files(
        e, as_file(e, "assumptions", rate), actor=who, confirmed=True), None),  # large changes: tests/core/files/test_changes.py
    "import fee standards": (Permission.fee_standards, lambda e, who: loader.import_files(
        e, as_file(e, "fee_standards", fee), actor=who, confirmed=True), None),
    "edit a building": (Permission.edit_data, lambda e, who: editor.save_edit(
        e, actor=who, **edited(e, "buildings", "tier", 2)), None),
    "edit the assumption book": (Permission.assumption_book, lambda e, who: editor.save_edit(
        e, actor=who, confirmed=True, **edited(e, "assumptions", "value", 0.5)), None),
    "edit fee standards": (Permission.fee_standards, lambda e, who: editor.save_edit(
        e, actor=who, confirmed=True, **edited(e, "fee_standards", "fee_per_m2_month", 99.0)), None),
    "edit the non-cost scores": (Permission.assumption_book, lambda e, who: editor.save_edit(
        e, actor=who, confirmed=True, **edited(e, "noncost_criteria", "quality", 2.0)), None),
    "import non-cost scores": (Permission.assumption_book, lambda e, who: loader.import_files(
        e, as_file(e, "noncost_criteria", score), actor=who, confirmed=True), None),
    "save a scenario": (Permission.save_scenario, in_session(
        scenarios.save, name="新方案", levers={"energy": True}, source="app"), None),
    "save over a scenario": (Permission.save_scenario, lambda e, who: in_session(
        scenarios.save, name="标准先行", levers={"energy": False}, scenario_id=scenario(e, "标准先行").id,
        seen_version=1, source="app")(e, who), None),
    "rename a scenario": (Permission.save_scenario, lambda e, who: in_session(
        scenarios.rename, scenario_id=scenario(e, "标准先行").id, seen_version=1, name="改名", source="app")(e, who), None),
    "duplicate a scenario": (Permission.save_scenario, in_session(
        scenarios.duplicate, name="全面整合", new_name="全面整合-副本", source="app"), None),
    "put a scenario up for approval": (Permission.save_scenario, lambda e, who: in_session(
        scenarios.submit, scenario_id=scenario(e, "标准先行").id, seen_version=1, source="app")(e, who), None),
    "approve a scenario": (Permission.approve_scenario, lambda e, who: in_session(
        scenarios.approve, scenario_id=scenario(e, "标准先行").id, seen_version=2, source="app")(e, who), _in_review),
    "send a scenario back": (Permission.approve_scenario, lambda e, who: in_session(
        scenarios.send_back, scenario_id=scenario(e, "标准先行").id, seen_version=2, source="app")(e, who), _in_review),
    "save the meeting pack's briefing": (Permission.save_pack, in_session(
        pack_settings.save, settings={"year": 2025}, briefing={"zh": {"summary": "提纲"}}, seen_version=0,
        source="app"), None),
    "adopt a scenario as the plan": (Permission.adopt_plan, with_plan(
        name="2026年保洁集中采购", levers={"bundling": {"cleaning": 2}}, approved_by="市机关事务管理局局务会",
        adopted_on=ON, source="app", draws=250), None),
    "delete a scenario": (Permission.delete_scenario, lambda e, who: in_session(
        scenarios.remove, scenario_id=scenario(e, "标准先行").id, seen_version=1, source="app")(e, who), None),
    "decide on a vendor": (Permission.vendor_decision, lambda e, who: with_portfolio(
        gates.decide, vendor_id=vendor_id(e, "净源环境服务有限公司"), to_status="suspended", reason="考核不合格")(e, who),
        None),
    "register a vendor": (Permission.register_vendor, in_session(
        gates.register, name="新物业公司", credit_code="91320999000000000X", qualification_level=2,
        service_lines=["cleaning"], registered_capital_wan=100.0, founded_year=2015, applied_on=ON), None),
    "save the gate rules": (Permission.gate_rules, with_portfolio(
        gates.save_rules, settings=lambda s: dataclasses.replace(s, min_score=86.0), on=ON), None),
    "set a factor of the book": (Permission.assumption_book, in_session(
        repo.set_assumptions, values={"discount_rate": 0.5}, effective_date=ON, source="app", note="test"), None),
    "restore a backup": (Permission.restore, lambda e, who: backup.restore(
        e, backup.backup_bytes(e, actor=SYSTEM)[0], name="b.zip", actor=who), None),
    "initialise the store": (Permission.init_store, lambda e, who: admin.init_store(e, actor=who, force=True), None),
    "add an account": (Permission.manage_accounts, in_session(
        users.create_user, login="zhaoliu", display_name="赵六", role=Role.analyst, password="Zhao-Liu-Pass-77",
        source="app", settings=RULES), None),
    "change a role": (Permission.manage_accounts, in_session(
        users.set_role, login=TEST_LOGINS[Role.viewer], role=Role.analyst, source="app"), None),
    "disable an account": (Permission.manage_accounts, in_session(
        users.set_active, login=TEST_LOGINS[Role.viewer], active=False, source="app"), None),
    "unlock an account": (Permission.manage_accounts, in_session(
        users.unlock, login=TEST_LOGINS[Role.viewer], source="app"), None),
    "reset a password": (Permission.manage_accounts, in_session(
        users.reset_password, login=TEST_LOGINS[Role.viewer], password="New-Temp-Pass-2026", source="app",
        settings=RULES), None),
    "grant an SSO request": (Permission.manage_accounts, in_session(
        users.grant, login="wangwu", role=Role.viewer, source="app"), _request),
    "map an SSO request to an account": (Permission.manage_accounts, in_session(
        users.link, request="wangwu", to=TEST_LOGINS[Role.viewer], source="app"), _request),
    "refuse an SSO request": (Permission.manage_accounts, in_session(
        users.reject, login="wangwu", source="app"), _request),
}
NOT_YET_WRITTEN: set[Permission] = set()  # a new kind of write gets its case above


def account(engine: Engine, role: Role) -> Actor:
    """The test account of ``role`` as the actor a sign-in gives."""
    with Session(engine) as s:
        user = users.get_user(s, login=TEST_LOGINS[role])
        assert user is not None
        return users.actor_of(user, "password")


def test_every_kind_of_write_is_in_the_matrix_test():
    assert {need for need, _, _ in CASES.values()} | NOT_YET_WRITTEN | {Permission.backup} == set(Permission)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("case", list(CASES))
def test_a_write_is_made_only_by_a_role_that_may(case, role, demo_store):
    need, write, setup = CASES[case]
    if setup:
        setup(demo_store)
    who = account(demo_store, role)
    before = snapshot(demo_store)
    if access.allowed(role, need):
        write(demo_store, who)
        assert snapshot(demo_store) != before, f"{case}: allowed for {role.value}, but nothing was written"
    else:
        with pytest.raises(access.Refused):
            write(demo_store, who)
        assert snapshot(demo_store) == before, f"{case}: refused for {role.value}, yet the store changed"


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_only_the_admin_may_take_a_backup(role, demo_store):
    # a backup holds every account's password hash: reading it is as sensitive as writing
    who = account(demo_store, role)
    if role == Role.admin:
        assert backup.backup_bytes(demo_store, actor=who)[0][:2] == b"PK"
    else:
        with pytest.raises(access.Refused):
            backup.backup_bytes(demo_store, actor=who)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_every_role_may_change_its_own_password(role, demo_store):
    who = account(demo_store, role)
    with db.session_scope(demo_store) as s:
        users.change_own_password(s, actor=who, current=TEST_PASSWORD, new="Another-Pass-2027",
                                  repeat="Another-Pass-2027", settings=RULES)
    with Session(demo_store) as s:
        user = users.get_user(s, login=who.login)
        assert user is not None and user.password_changed_at is not None


def test_an_analyst_is_told_which_table_it_may_not_import_into(demo_store):
    analyst = account(demo_store, Role.analyst)
    with pytest.raises(access.Refused) as caught:
        loader.import_files(demo_store, as_file(demo_store, "assumptions", rate), actor=analyst, dry_run=True)
    assert caught.value.text("zh") == "analyst1 (测试analyst)（分析员）无权修改参数表，未做任何修改。"
