"""Commands on the store itself: init-db, info, import, export, backup, restore."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine
from sqlmodel import Session

from core.cli.common import _files, _print_json
from core.demo import large
from core.files import admin, backup, changes, checks, exports, loader, writers
from core.i18n import t
from core.store import db, layout, limits, repo
from core.store.access import Actor, cli_actor


def _show_accounts(engine: Engine, actor: Actor, demo: bool | None = None) -> None:
    """Make the first accounts if the store has none, and print their passwords, this once."""
    made = admin.first_accounts(engine, actor=actor, demo=demo)
    if not made:
        return
    print("accounts made (each password is shown this once and must be changed at the first sign-in):")
    for login, role, password in made:
        print(f"  login {login:<10} role {role.value:<8} password {password}")


def cmd_init_db(args: argparse.Namespace) -> int:
    engine = db.make_engine()
    actor = cli_actor()
    if args.if_empty and db.has_schema(engine):
        with Session(engine) as session:
            empty = repo.is_empty(session)
        if not empty:
            db.migrate(engine)  # an existing store keeps its data and gets the newest schema
            with db.session_scope(engine) as session:  # … and the factors added to the book since it was made
                added = admin.complete_book(session, actor=actor, source="init-db")
                scored = admin.complete_scores(session, actor=actor, source="init-db")
            print(f"{db.display_url(str(engine.url))} already holds data; schema at revision {db.head_revision()}")
            if added:
                print(f"  added to the assumption book: {', '.join(added)}")
            if scored:
                print(f"  added the default non-cost scores ({scored} rows)")
            _show_accounts(engine, actor)  # a store made before accounts existed gets its first admin
            return 0
    if args.synthetic:

        if args.buildings < 1:
            raise ValueError("--buildings must be at least 1")
        city = large.synthetic_city(args.buildings, seed=args.seed)
        counts = admin.init_store(engine, actor=actor, force=args.force, frames=city, dataset="synthetic")
        what = f" with a synthetic city of {args.buildings:,} buildings (seed {args.seed})"
    else:
        counts = admin.init_store(engine, actor=actor, demo=args.demo, force=args.force)
        what = " with the demo city" if args.demo else ""
    print(f"initialised {db.display_url(str(engine.url))}{what}")
    for table, n in counts.items():
        print(f"  {table:<22}{n:>8}")
    _show_accounts(engine, actor, demo=bool(args.demo))
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    info = admin.store_info(db.make_engine())
    if args.json:
        _print_json(info)
        return 0
    print(f"database: {info['database_url']}")
    if not info["schema"]:
        print("no tables yet: run `python -m core init-db --demo`")
        return 0
    meta = info.get("meta", {})
    print(f"dataset:  {meta.get('dataset', '?')} (created {meta.get('created_at', '?')})")
    print("rows per table:")
    for table, n in info["tables"].items():
        print(f"  {table:<22}{n:>8}")
    print("buildings per support mode:")
    for mode, n in info["buildings_per_mode"].items():
        print(f"  {mode:<22}{n:>8}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if args.table and args.table not in layout.SPECS:
        raise ValueError(f"unknown table {args.table!r}; one of: {', '.join(layout.SPECS)}")
    engine = db.make_engine()
    db.check_connection(engine)
    if not db.has_schema(engine):
        raise db.StoreError("the store has no tables yet: run `python -m core init-db` first")
    lang = args.lang
    try:
        plan = loader.import_files(engine, _files(Path(args.path), args.table), table=args.table,
                                   encoding=args.encoding, lang=lang, dry_run=args.dry_run, actor=cli_actor(),
                                   source="cli", confirmed=args.confirm_large_changes)
    except changes.Unconfirmed as exc:  # listed, nothing written
        _print_large(exc.changes, lang)
        print(exc.text(lang), file=sys.stderr)
        print(t("data.cli.large_hint", lang), file=sys.stderr)
        return 2
    for note in plan.notes:
        print(t("data.cli.note", lang, note=note))
    if not plan.ok:
        n = plan.problem_total
        shown = plan.problems if args.limit == 0 else plan.problems.head(args.limit)
        for _, row in shown.iterrows():
            print(checks.format_problem(row), file=sys.stderr)
        if len(shown) < n:  # say what else there is, kind by kind
            for reason, count in plan.problem_kinds(lang).itertuples(index=False):
                print(t("data.cli.kind", lang, n=f"{count:,}", reason=reason), file=sys.stderr)
        more = t("data.cli.shown", lang, shown=f"{len(shown):,}") if len(shown) < n else ""
        print(t("data.cli.problem" if n == 1 else "data.cli.problems", lang, n=f"{n:,}", more=more), file=sys.stderr)
        return 2
    print(t("data.cli.dry_run" if args.dry_run else "data.cli.imported", lang))
    summary = plan.summary(lang)
    print("  " + "".join(f"{c:>10}" if i else f"{c:<22}" for i, c in enumerate(summary.columns)))
    for row in summary.itertuples(index=False):
        print("  " + "".join(f"{v:>10}" if i else f"{v:<22}" for i, v in enumerate(row)))
    if args.dry_run and plan.large:
        _print_large(plan.large, lang, file=sys.stdout)
    if args.dry_run:
        update = t("data.action.update", lang)
        for table, key, action, what in plan.preview(lang, limit=args.limit or 1_000_000).itertuples(index=False):
            if action == update:
                print(t("data.cli.change", lang, table=table, key=key, changes=what))
    return 0


def _print_large(found: list[changes.Change], lang: str, file: TextIO | None = None) -> None:
    """The large changes, one line each: table · row · column: stored → new (change)."""
    for row in changes.changes_frame(found, lang, limit=len(found)).itertuples(index=False):
        table, key, column, old, new, change = row
        print(t("data.cli.large", lang, table=table, key=key, column=column, old=old, new=new, change=change),
              file=file or sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    path = Path(args.path)
    engine = db.make_engine()
    db.check_connection(engine)
    with db.snapshot(engine) as session:
        frames = exports.export_frames(session, args.lang)
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(writers.to_xlsx(frames))
    elif path.suffix.lower() == ".zip":
        path.write_bytes(writers.to_zip({f"{name}.csv": writers.to_csv(frame) for name, frame in frames.items()}))
    else:
        raise ValueError(f"{path}: write .xlsx (one sheet per table) or .zip (one CSV per table)")
    print(f"exported {len(frames)} tables to {path}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    manifest = backup.write_backup(db.make_engine(), Path(args.file), actor=cli_actor(), force=args.force)
    rows = sum(t["rows"] for t in manifest["tables"].values())
    print(f"backed up {len(manifest['tables'])} tables ({rows} rows) to {args.file}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist")
    if path.stat().st_size > limits.MAX_BACKUP_BYTES:  # refused before it is read into memory
        raise db.StoreError(f"{path.name} is {path.stat().st_size / 2**20:,.0f} MB; a backup may be at most "
                            f"{limits.MAX_BACKUP_MB:,} MB")
    counts = backup.restore(db.make_engine(), path.read_bytes(), name=path.name, actor=cli_actor())
    print(f"restored {path} in one transaction:")
    for table, n in counts.items():
        print(f"  {table:<22}{n:>8}")
    return 0
