"""Admin command line: ``python -m core <command>``. Errors print one line and exit with status 2."""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence

import pandas as pd
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from core import admin, db, gates, repo

Handler = Callable[[argparse.Namespace], int]


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def cmd_init_db(args: argparse.Namespace) -> int:
    engine = db.make_engine()
    if args.if_empty and db.has_schema(engine):
        from sqlmodel import Session

        from core import repo

        with Session(engine) as session:
            if not repo.is_empty(session):
                print(f"{db.display_url(str(engine.url))} already holds data; left as it is")
                return 0
    counts = admin.init_store(engine, demo=args.demo, force=args.force)
    print(f"initialised {db.display_url(str(engine.url))}" + (" with the demo city" if args.demo else ""))
    for table, n in counts.items():
        print(f"  {table:<22}{n:>8}")
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


def _gate_settings(args: argparse.Namespace) -> tuple[repo.Portfolio, gates.GateSettings]:
    """The portfolio and the book's gate settings, judged on ``--on`` (default today) for ``--year``."""
    engine = db.make_engine()
    if not db.has_schema(engine):
        raise db.StoreError("the store has no tables yet: run `python -m core init-db --demo`")
    with Session(engine) as session:
        if repo.is_empty(session):
            raise db.StoreError("the store holds no buildings yet: run `python -m core init-db --demo`")
        p = repo.load_portfolio(session)
    s = gates.GateSettings.from_book(p, args.on)
    if args.year is not None:
        if args.year not in p.years:
            raise ValueError(f"no recorded spending in {args.year}; years on record: {p.years[0]}-{p.years[-1]}")
        s = dataclasses.replace(s, year=args.year)
    return p, s


def _num(x: object, digits: int = 1) -> float | None:
    return None if x is None or pd.isna(x) else round(float(x), digits)  # type: ignore[arg-type]


def cmd_vendors(args: argparse.Namespace) -> int:
    p, s = _gate_settings(args)
    v = gates.vendor_summary(p, s)
    rows = [{"vendor": r.vendor, "status": r.status, "contracts": int(r.contracts), "spend": round(float(r.spend), 2),
             "score_mean": _num(r.score_mean), "flagged": bool(r.flagged), "flags": list(r.flags)}
            for r in v.itertuples()]
    if args.json:
        _print_json(rows)
        return 0
    print(f"vendors judged on {s.on} (spend: annual price of contracts in use, CNY; score: last four quarters)")
    print(f"  {'vendor':<16}{'status':<13}{'contracts':>10}{'spend':>14}{'score':>8}  flags")
    for r in rows:
        score = "-" if r["score_mean"] is None else f"{r['score_mean']:.1f}"
        print(f"  {r['vendor']:<16}{r['status']:<13}{r['contracts']:>10}{r['spend']:>14,.0f}{score:>8}  "
              + ", ".join(r["flags"]))
    return 0


def cmd_scorecard(args: argparse.Namespace) -> int:
    p, s = _gate_settings(args)
    card = gates.scorecard(p, s)
    summary = gates.compliance(card)

    def rows(frame: pd.DataFrame, name: str) -> list[dict[str, object]]:
        out = []
        for r in frame.to_dict("records"):
            row: dict[str, object] = {name: r[name]}
            row.update({c: bool(r[c]) if r[c] is not None else True for c in gates.SCORECARD})
            row["not_applicable"] = [c for c in gates.SCORECARD if r[c] is None]
            row["compliance_rate"] = _num(r["compliance_rate"], 4)
            out.append(row)
        return out

    result = {
        "on": s.on.isoformat(), "year": s.year, "compliance_rate": round(summary.rate, 4),
        "compliant_buildings": summary.compliant, "buildings_total": summary.buildings,
        "criteria": list(gates.SCORECARD), "named_in_source": sorted(gates.SOURCED_CHECKS),
        "buildings": rows(card, "building"),
        "departments": rows(gates.department_scorecard(p, card), "department"),
    }
    if args.json:
        _print_json(result)
        return 0
    print(f"unified-management scorecard, judged on {s.on}, ledger and assessments of {s.year}")
    print("  (unified_management and unified_standard are named in the source; the others are the dashboard's checks)")
    print("  building            " + " ".join(f"{c[:10]:>10}" for c in gates.SCORECARD) + "   rate")
    for r in card.to_dict("records"):
        marks = " ".join(f"{'-' if r[c] is None else ('yes' if r[c] else 'NO'):>10}" for c in gates.SCORECARD)
        print(f"  {r['building']:<18}{marks}  {r['compliance_rate']:>5.0%}")
    print(f"compliance rate {summary.rate:.1%}; {summary.compliant} of {summary.buildings} buildings meet every check")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(prog="python -m core", description="Administer the dashboard's store.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("init-db", help="create the tables and load the reference data (and the demo city)")
    p.add_argument("--demo", action="store_true", help="also load the synthetic demo city")
    p.add_argument("--force", action="store_true", help="replace a store that already holds data")
    p.add_argument("--if-empty", action="store_true", help="do nothing if the store already holds data")
    p.set_defaults(func=cmd_init_db)

    p = sub.add_parser("info", help="database URL, rows per table, buildings per support mode")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_info)

    for name, func, text in (
        ("vendors", cmd_vendors, "vendors: status, contracts in use, spend, mean score, replacement flag and other flags"),
        ("scorecard", cmd_scorecard, "the unified-management scorecard: each building's checks and the compliance rate"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--json", action="store_true", help="print JSON")
        p.add_argument("--on", type=_date, default=None, help="reference date YYYY-MM-DD (default: today)")
        p.add_argument("--year", type=int, default=None, help="ledger and assessment year (default: the latest)")
        p.set_defaults(func=func)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a user-fixable problem prints one line and returns 2."""
    args = build_parser().parse_args(argv)
    handler: Handler = args.func
    try:
        return handler(args)
    except (db.StoreError, ValueError, KeyError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:  # a database refusal, in one line: never a traceback
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        print(f"error: the database refused the operation: {detail}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
