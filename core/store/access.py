"""Who may do what: roles, the permission of every kind of write, the one matrix between them, the
acting person (:class:`Actor`), and :func:`require`, which every write entry point in ``core`` calls
before it touches the store.

A write takes the actor and calls ``require(actor, Permission.X)`` first: a role that may not do it
gets :class:`Refused` (a one-line message in both languages) and nothing is written. Hiding a button
is a courtesy; this check is the permission. To gate a new kind of write, add a member to
:class:`Permission`, a row to :data:`MATRIX` (and to the README's table: a test compares them), and
call ``require`` at the top of the function::

    def adopt(session: Session, *, scenario_id: int, actor: Actor) -> Plan:
        access.require(actor, Permission.adopt_plan)
"""
from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from core.i18n import label, t
from core.store import db
from core.store.models import Role

__all__ = ["MATRIX", "PAGES", "TABLE_PERMISSIONS", "Actor", "Permission", "Refused", "Role", "allowed", "cli_actor",
           "matrix_markdown", "may_open", "require", "role_label"]


class Permission(StrEnum):
    """One kind of write (and the two reads that expose secrets: the backup and the accounts)."""

    import_data = "import_data"  # import files into the data tables
    edit_data = "edit_data"  # edit rows in the grid
    save_scenario = "save_scenario"  # save, save over, rename, duplicate a scenario
    delete_scenario = "delete_scenario"
    vendor_decision = "vendor_decision"  # admit, suspend, blacklist a vendor
    register_vendor = "register_vendor"
    gate_rules = "gate_rules"  # the admission, fee and quality rules
    assumption_book = "assumption_book"  # rows of the assumption book, by import, editor or page
    fee_standards = "fee_standards"  # the unified fee and staffing standards, by import or editor
    backup = "backup"  # download the whole store (it holds the accounts' password hashes)
    restore = "restore"  # replace the whole store by a backup
    init_store = "init_store"  # create or replace the store (init-db)
    manage_accounts = "manage_accounts"  # add accounts, set roles, disable, unlock, reset passwords
    adopt_plan = "adopt_plan"  # adopt a scenario as the programme
    approve_scenario = "approve_scenario"  # approve a scenario put up for approval, or send it back
    save_pack = "save_pack"  # the meeting pack's settings and its edited briefing (汇报提纲)


V, A, M = Role.viewer, Role.analyst, Role.admin
# THE matrix: which roles may do each kind of write. A viewer may change nothing.
MATRIX: Final[dict[Permission, frozenset[Role]]] = {
    Permission.import_data: frozenset({A, M}),
    Permission.edit_data: frozenset({A, M}),
    Permission.save_scenario: frozenset({A, M}),
    Permission.delete_scenario: frozenset({M}),
    Permission.vendor_decision: frozenset({A, M}),
    Permission.register_vendor: frozenset({A, M}),
    Permission.gate_rules: frozenset({M}),
    Permission.assumption_book: frozenset({M}),
    Permission.fee_standards: frozenset({M}),
    Permission.backup: frozenset({M}),
    Permission.restore: frozenset({M}),
    Permission.init_store: frozenset({M}),
    Permission.manage_accounts: frozenset({M}),
    Permission.adopt_plan: frozenset({M}),
    Permission.approve_scenario: frozenset({M}),
    Permission.save_pack: frozenset({A, M}),
}
ROLES: Final[tuple[Role, ...]] = (V, A, M)

# Tables whose rows need more than import_data / edit_data (by their file-layout names).
TABLE_PERMISSIONS: Final[dict[str, Permission]] = {
    "assumptions": Permission.assumption_book,
    "noncost_criteria": Permission.assumption_book,  # the non-cost scores are the Bureau's assumptions too
    "fee_standards": Permission.fee_standards,
}

# Pages (by URL path) that need a permission to open; every other page is open to every role.
PAGES: Final[dict[str, Permission]] = {
    "data": Permission.import_data,
    "users": Permission.manage_accounts,
}


@dataclass(frozen=True)
class Actor:
    """The person a write is made for: an account signed in to the app, or the command line.

    ``audit_name`` is what the audit log, a scenario's owner and a vendor decision record.
    """

    login: str
    display_name: str
    role: Role
    user_id: int | None = None  # the account (None for the command line)
    via: str = "password"  # how they signed in: password, sso, proxy, demo, cli

    @property
    def audit_name(self) -> str:
        """``login (display name)``, or the login alone when the two are the same."""
        name = self.display_name.strip()
        return self.login if not name or name == self.login else f"{self.login} ({name})"

    def may(self, permission: Permission) -> bool:
        """Whether this actor's role allows ``permission``."""
        return allowed(self.role, permission)


def cli_actor() -> Actor:
    """Whoever runs ``python -m core``: ``cli:<os user>``, with the admin role (they hold the server)."""
    name = f"cli:{getpass.getuser()}"
    return Actor(login=name, display_name=name, role=Role.admin, via="cli")


class Refused(db.Refused):
    """A write the actor's role does not allow (or made by nobody): nothing was written."""


def allowed(role: Role | str, permission: Permission) -> bool:
    """Whether ``role`` may do ``permission`` (per :data:`MATRIX`)."""
    return Role(role) in MATRIX[permission]


def require(actor: Actor | None, permission: Permission) -> Actor:
    """Return ``actor`` if its role allows ``permission``; else raise :class:`Refused`."""
    if not isinstance(actor, Actor):
        raise Refused("access.anonymous", what=lambda lang: t(f"access.perm.{permission.value}", lang))
    if not allowed(actor.role, permission):
        raise Refused("access.refused", who=actor.audit_name, role=lambda lang: role_label(actor.role, lang),
                      what=lambda lang: t(f"access.perm.{permission.value}", lang))
    return actor


def may_open(role: Role | str, url_path: str) -> bool:
    """Whether ``role`` may open the page at ``url_path`` (see :data:`PAGES`)."""
    need = PAGES.get(url_path)
    return need is None or allowed(role, need)


def role_label(role: Role | str, lang: str) -> str:
    """The role's name in ``lang``."""
    return label("role", role, lang)


def matrix_markdown(langs: tuple[str, ...] = ("zh", "en")) -> str:
    """:data:`MATRIX` as a Markdown table, one row per permission, names in ``langs`` (the README shows it)."""
    def both(key: str) -> str:
        return " · ".join(t(key, lang) for lang in langs)

    head = f"| {both('access.col.permission')} | " + " | ".join(both(f"role.{r.value}") for r in ROLES) + " |"
    rule = "|---|" + "|".join(":-:" for _ in ROLES) + "|"
    rows = [f"| `{p.value}` {both(f'access.perm.{p.value}')} | "
            + " | ".join("✓" if r in MATRIX[p] else "–" for r in ROLES) + " |" for p in Permission]
    return "\n".join([head, rule, *rows])
