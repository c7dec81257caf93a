"""Accounts from the command line: ``python -m core users add|list|passwd|disable|enable|unlock|role|grant``.

Every change is made and audited as ``cli:<os user>`` (admin role). A password is read from the
terminal without echo (twice), or as one line from standard input with ``--password-stdin``; it is
never an argument (arguments show in the process list and the shell's history). A password set here
is temporary: its owner changes it at the first sign-in.
"""
from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from core.cli.common import _print_json
from core.store import db, users
from core.store.access import cli_actor, role_label
from core.store.auth_settings import AuthSettings
from core.store.models import Role, User

ROLES = [r.value for r in Role]


def add_users_parser(sub: Any) -> None:
    """The ``users`` command and its sub-commands."""
    p = sub.add_parser("users", help="accounts: add, list, passwd, disable, enable, unlock, role, grant",
                       description="Manage who may sign in. Changes are audited as cli:<os user>.")
    u = p.add_subparsers(dest="users_command", required=True)

    a = u.add_parser("add", help="add an account (password from a prompt, or --password-stdin)")
    a.add_argument("name", help="login name: 2-64 of a-z 0-9 . _ @ -")
    a.add_argument("--role", required=True, choices=ROLES)
    a.add_argument("--display-name", default="", help="the name the audit log shows beside the login")
    a.add_argument("--password-stdin", action="store_true", help="read the password as one line from stdin")
    a.add_argument("--sso", nargs=2, metavar=("ISSUER", "SUBJECT"),
                   help="an account that signs in only through single sign-on, as this OIDC identity")
    a.set_defaults(func=cmd_add)

    ls = u.add_parser("list", help="every account: role, active, locked, last sign-in, SSO requests")
    ls.add_argument("--json", action="store_true", help="print JSON")
    ls.set_defaults(func=cmd_list)

    pw = u.add_parser("passwd", help="give an account a new temporary password (and unlock it)")
    pw.add_argument("name")
    pw.add_argument("--password-stdin", action="store_true", help="read the password as one line from stdin")
    pw.set_defaults(func=cmd_passwd)

    for name, func, text in (("disable", cmd_disable, "stop an account from signing in"),
                             ("enable", cmd_enable, "let a disabled account sign in again"),
                             ("unlock", cmd_unlock, "clear an account's failed sign-ins and lock")):
        c = u.add_parser(name, help=text)
        c.add_argument("name")
        c.set_defaults(func=func)

    r = u.add_parser("role", help="change an account's role")
    r.add_argument("name")
    r.add_argument("role", choices=ROLES)
    r.set_defaults(func=cmd_role)

    g = u.add_parser("grant", help="grant a single-sign-on request a role")
    g.add_argument("name")
    g.add_argument("role", choices=ROLES)
    g.set_defaults(func=cmd_grant)


def _password(args: argparse.Namespace, settings: AuthSettings) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        if not password:
            raise ValueError("no password on standard input")
        return password
    if not sys.stdin.isatty():
        raise ValueError("no terminal to ask for the password: use --password-stdin")
    password = getpass.getpass(f"password (at least {settings.password_min_length} characters): ")
    if getpass.getpass("again: ") != password:
        raise ValueError("the two passwords differ; nothing was changed")
    return password


def _write(fn: Any, **kwargs: Any) -> str:
    """Run ``fn`` as cli:<os user> in one transaction; the account it returns, in words."""
    engine = db.make_engine()
    db.check_connection(engine)
    if not db.has_schema(engine):
        raise db.StoreError("the store has no tables yet: run `python -m core init-db` first")
    db.migrate(engine)  # a store made before accounts existed gets the table
    with db.write_scope(engine) as session:
        user: User = fn(session, actor=cli_actor(), source="cli", **kwargs)
        return f"{user.login} ({role_label(user.role, 'en')}{'' if user.active else ', disabled'})"


def _done(verb: str, account: str) -> int:
    print(f"{verb} {account}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    settings = AuthSettings.load()
    password = None if args.sso else _password(args, settings)
    user = _write(users.create_user, login=args.name, display_name=args.display_name, role=args.role,
                  password=password, settings=settings, identity=tuple(args.sso) if args.sso else None)
    return _done("added", user)


def cmd_list(args: argparse.Namespace) -> int:
    engine = db.make_engine()
    db.check_connection(engine)
    if not db.has_schema(engine):
        raise db.StoreError("the store has no tables yet: run `python -m core init-db` first")
    db.migrate(engine)
    with db.snapshot(engine) as session:
        rows = [users.public(u) for u in users.list_users(session)]
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print("no accounts: run `python -m core init-db` (makes the first admin) or `users add`")
    for r in rows:
        state = "request" if r["requested_at"] else ("active" if r["active"] else "disabled")
        locked = f", locked until {str(r['locked_until'])[:16]}" if r["locked_until"] else ""
        sso = ", sso" if r["oidc_subject"] else ""
        print(f"{r['login']:<20} {r['role']:<8} {state}{locked}{sso}  {r['display_name']}  "
              f"last sign-in {str(r['last_login'] or '-')[:16]}")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    settings = AuthSettings.load()
    return _done("new temporary password for",
                 _write(users.reset_password, login=args.name, password=_password(args, settings), settings=settings))


def cmd_disable(args: argparse.Namespace) -> int:
    return _done("disabled", _write(users.set_active, login=args.name, active=False))


def cmd_enable(args: argparse.Namespace) -> int:
    return _done("enabled", _write(users.set_active, login=args.name, active=True))


def cmd_unlock(args: argparse.Namespace) -> int:
    return _done("unlocked", _write(users.unlock, login=args.name))


def cmd_role(args: argparse.Namespace) -> int:
    return _done("role changed:", _write(users.set_role, login=args.name, role=args.role))


def cmd_grant(args: argparse.Namespace) -> int:
    return _done("granted", _write(users.grant, login=args.name, role=args.role))
