"""The role → permission matrix: one table, what each role may do, the README shows it, and require()."""
import getpass
from pathlib import Path

import pytest

from core.store import access, db
from core.store.access import MATRIX, Actor, Permission, Refused, Role

README = Path(__file__).resolve().parents[3] / "README.md"


def test_every_permission_has_a_row_and_the_roles_nest():
    assert set(MATRIX) == set(Permission)
    viewer = {p for p in Permission if access.allowed(Role.viewer, p)}
    analyst = {p for p in Permission if access.allowed(Role.analyst, p)}
    admin = {p for p in Permission if access.allowed(Role.admin, p)}
    assert viewer == set()  # a viewer can change nothing
    assert analyst == {Permission.import_data, Permission.edit_data, Permission.save_scenario,
                       Permission.vendor_decision, Permission.register_vendor, Permission.save_pack}
    assert admin == set(Permission)  # the admin: everything, accounts, book, standards, rules, restore …


def test_the_readme_shows_the_matrix_as_it_is():
    assert access.matrix_markdown() in README.read_text(encoding="utf-8")


def test_require_refuses_in_both_languages_and_names_who_and_what():
    viewer = Actor(login="zhang", display_name="张三", role=Role.viewer)
    with pytest.raises(Refused) as caught:
        access.require(viewer, Permission.delete_scenario)
    assert caught.value.text("zh") == "zhang (张三)（查看者）无权删除方案，未做任何修改。"
    assert caught.value.text("en") == "zhang (张三) (Viewer) may not delete scenarios; nothing was changed."
    assert isinstance(caught.value, db.StoreError)  # pages and the CLI show it as one line
    with pytest.raises(Refused, match="Sign in first"):
        access.require(None, Permission.import_data)
    admin = Actor(login="li", display_name="li", role=Role.admin)
    assert access.require(admin, Permission.restore) is admin


def test_audit_names_and_the_command_line():
    assert Actor(login="zhang", display_name="张三", role=Role.viewer).audit_name == "zhang (张三)"
    assert Actor(login="li", display_name="li", role=Role.viewer).audit_name == "li"
    cli = access.cli_actor()
    assert cli.login == f"cli:{getpass.getuser()}" and cli.role == Role.admin and cli.user_id is None


def test_pages_that_need_a_permission():
    assert access.may_open(Role.viewer, "") and access.may_open(Role.viewer, "consolidation")
    assert not access.may_open(Role.viewer, "data") and access.may_open(Role.analyst, "data")
    assert not access.may_open(Role.analyst, "users") and access.may_open(Role.admin, "users")
