"""Admin command line: ``python -m core <command>``. Errors print one line and exit with status 2."""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from core.domain import gates
from core.files import admin, backup, io, loader
from core.i18n import join
from core.store import db, layout, repo

Handler = Callable[[argparse.Namespace], int]


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def cmd_init_db(args: argparse.Namespace) -> int:
    engine = db.make_engine()
    if args.if_empty and db.has_schema(engine):
        with Session(engine) as session:
            empty = repo.is_empty(session)
        if not empty:
            db.migrate(engine)  # an existing store keeps its data and gets the newest schema
            print(f"{db.display_url(str(engine.url))} already holds data; schema at revision {db.head_revision()}")
            return 0
    if args.synthetic:
        from core.demo import synth

        if args.buildings < 1:
            raise ValueError("--buildings must be at least 1")
        city = synth.synthetic_city(args.buildings, seed=args.seed)
        counts = admin.init_store(engine, force=args.force, frames=city, dataset="synthetic")
        what = f" with a synthetic city of {args.buildings:,} buildings (seed {args.seed})"
    else:
        counts = admin.init_store(engine, demo=args.demo, force=args.force)
        what = " with the demo city" if args.demo else ""
    print(f"initialised {db.display_url(str(engine.url))}{what}")
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


def _load(*, with_scenarios: bool = False) -> tuple[repo.Portfolio, dict[str, str], pd.DataFrame | None]:
    """The store's portfolio and facts (and its saved scenarios); one line if there is nothing to read."""
    engine = db.make_engine()
    if not db.has_schema(engine):
        raise db.StoreError("the store has no tables yet: run `python -m core init-db --demo`")
    with Session(engine) as session:
        if repo.is_empty(session):
            raise db.StoreError("the store holds no buildings yet: run `python -m core init-db --demo`")
        return (repo.load_portfolio(session), repo.get_meta(session),
                repo.list_scenarios(session) if with_scenarios else None)


def _year(p: repo.Portfolio, year: int | None) -> int:
    """``year`` if the ledger has it, the latest on record when None; one line otherwise."""
    if year is None:
        return p.latest_year
    if year not in p.years:
        raise ValueError(f"no recorded spending in {year}; years on record: {p.years[0]}-{p.years[-1]}")
    return year


def _portfolio_and_year(year: int | None) -> tuple[repo.Portfolio, int]:
    """The store's portfolio and the year asked for (the latest on record by default)."""
    p = _load()[0]
    return p, _year(p, year)


def _clean(value: object, digits: int) -> object:
    """A JSON-ready number: rounded, NaN as null."""
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else round(float(value), digits)
    if isinstance(value, np.integer):
        return int(value)
    return value


COMPARE_KEYS = {  # key → decimals
    "mode": 0, "buildings": 0, "area_m2": 1, "annual_cost": 2, "cost_per_m2": 2, "staff_in_house": 1,
    "staff_vendor": 1, "quality_mean": 2, "budget_cv": 4,
}


def cmd_compare(args: argparse.Namespace) -> int:
    from core.domain import compare

    p, year = _portfolio_and_year(args.year)
    summary = compare.mode_comparison(compare.building_measures(p, year))
    rows = [{k: _clean(r[k], d) for k, d in COMPARE_KEYS.items()} for r in summary.to_dict("records")]
    if args.json:
        _print_json(rows)
        return 0
    print(f"full cost by support mode, {year} (annual_cost in CNY: recorded spending plus hidden costs)")
    print(f"  {'mode':<9}{'buildings':>10}{'area_m2':>11}{'annual_cost':>14}{'per_m2':>9}{'in-house':>10}"
          f"{'vendor':>8}{'quality':>9}{'budget_cv':>11}")
    for r in rows:
        print(f"  {r['mode']:<9}{r['buildings']:>10}{r['area_m2'] or 0:>11,.0f}{r['annual_cost'] or 0:>14,.0f}"
              f"{r['cost_per_m2'] or 0:>9,.1f}{r['staff_in_house'] or 0:>10,.0f}{r['staff_vendor'] or 0:>8,.0f}"
              f"{r['quality_mean'] or 0:>9.1f}{r['budget_cv'] or 0:>11.3f}")
    return 0


def cmd_standards(args: argparse.Namespace) -> int:
    from core.domain import standards

    p, year = _portfolio_and_year(args.year)
    book = p.book
    amber = book.value("std_amber_pct") if args.amber is None else args.amber / 100
    red = book.value("std_red_pct") if args.red is None else args.red / 100
    tolerance = book.value("fee_cap_tolerance") if args.tolerance is None else args.tolerance / 100
    bench = standards.benchmark(p, year, amber=amber, red=red)
    table = standards.standards_table(bench)
    digits = {"cost_per_m2_month": 4, "standard_per_m2_month": 4, "deviation_pct": 2}
    items = [{k: _clean(v, digits.get(k, 2)) for k, v in r.items()} for r in table.to_dict("records")]
    release = standards.capped_fee_release(bench, tolerance=tolerance)
    if args.json:
        _print_json({"year": year, "amber": amber, "red": red, "tolerance": tolerance, "items": items,
                     "capped_fee_release": round(release, 2)})
        return 0
    print(f"fees against the unified standards, {year} (CNY per m² per month; amber > {amber:.0%}, red > {red:.0%})")
    for r in items:
        std = "-" if r["standard_per_m2_month"] is None else f"{r['standard_per_m2_month']:.2f}"
        dev = "" if r["deviation_pct"] is None else f"{r['deviation_pct']:+.0f}%"
        print(f"  {r['building']:<12}{r['service']:<15}{r['cost_per_m2_month']:>8.2f}{std:>8}{dev:>8}  {r['status']}")
    print(f"capping fees above the standard (+{tolerance:.0%}) releases CNY {release:,.0f} a year")
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    from pathlib import Path

    from core.i18n import t
    from core.sharing import export, pack
    from core.views.exhibits import PackOptions

    p, meta, saved = _load(with_scenarios=True)
    if args.year is not None:
        _year(p, args.year)
    options = PackOptions(year=args.year, scenarios=pack.scenario_choices(saved, args.scenario))
    doc = pack.collect(p, args.lang, options, args.sections, demo=admin.is_synthetic(meta))
    renderer = export.shared_renderer()
    try:
        built = pack.build(doc, formats=args.formats, renderer=renderer)
    finally:
        renderer.close()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for f in built.files.values():
        (out / f.name).write_bytes(f.data)
        print(out / f.name)
    if built.skipped:
        what = join((t(f"sharing.missing.{g}", "en") for g in built.missing), "en", final=True)
        verb = "is" if len(built.missing) == 1 else "are"
        print(f"error: {', '.join(built.skipped)} not built: {what} {verb} missing; install with "
              f"`{export.INSTALL_HINT}` (Debian/Ubuntu) or set BROWSER_PATH", file=sys.stderr)
        return 2
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from core.simulation import scenarios
    from core.simulation.levers import DEFAULT_LEVERS, parse_levers, to_json
    from core.views import simulator

    p, _ = _portfolio_and_year(None)
    name = None
    if args.scenario and args.levers:
        raise ValueError("give --scenario NAME or --levers FILE.json, not both")
    if args.scenario:
        with Session(db.make_engine()) as session:
            saved = scenarios.load(session, name=args.scenario)
            names = repo.list_scenarios(session)["name"].tolist()
        if saved is None:
            raise ValueError(f"no saved scenario is named {args.scenario!r} (saved: {', '.join(names) or 'none'})")
        levers, name = saved.levers, saved.name
    elif args.levers:
        path = Path(args.levers)
        if not path.is_file():
            raise FileNotFoundError(f"{path} does not exist")
        levers = parse_levers(path.read_text(encoding="utf-8"))
    else:
        levers = DEFAULT_LEVERS
    if args.years is not None:
        levers = levers.model_copy(update={"horizon_years": args.years})
        levers = parse_levers(to_json(levers))  # checks the range (3 to 10)
    if args.draws < 1:
        raise ValueError("--draws must be at least 1")
    result = simulator.summary(simulator.analyse(p, levers, draws=args.draws, seed=args.seed), name)
    if args.json:
        _print_json(result)
        return 0
    print(f"scenario: {name or '(levers given)'}; {result['years'][0]}-{result['years'][1]}, base year "
          f"{result['base_year']}, {result['draws']:,} draws, seed {result['seed']} (CNY)")
    print(f"  NPV saving P10 / P50 / P90   {result['npv_saving_p10']:>14,.0f} {result['npv_saving_p50']:>14,.0f} "
          f"{result['npv_saving_p90']:>14,.0f}")
    print(f"  chance of saving money       {result['prob_positive']:>14.1%}")
    print(f"  chance of beating the hurdle {result['prob_beats_hurdle']:>14.1%}")
    print(f"  payback year                 {result['payback_year'] or '-':>14}")
    print("  annual saving by lever (full effect, base-year prices):")
    for lever, value in result["waterfall"].items():
        print(f"    {lever:<26}{value:>14,.0f}")
    print("  net saving per year, P50:")
    for year, value in result["annual_saving_p50"].items():
        print(f"    {year:<26}{value:>14,.0f}")
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    from core.simulation.levers import LeverError, parse_levers, to_json

    with Session(db.make_engine()) as session:
        saved = repo.list_scenarios(session)
    rows = []
    for r in saved.to_dict("records"):
        try:
            levers: object = json.loads(to_json(parse_levers(r["levers"])))
        except LeverError as exc:
            levers = {"error": str(exc)}
        rows.append({"name": r["name"], "owner": r["owner"], "description": r["description"], "version": int(r["version"]),
                     "updated_at": str(r["updated_at"]), "levers": levers})
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print("no saved scenarios")
    for r in rows:
        print(f"{r['name']}  (version {r['version']}, {r['owner']}, {r['updated_at'][:16]})")
        print(f"  {json.dumps(r['levers'], ensure_ascii=False)}")
    return 0


def _actor(args: argparse.Namespace) -> str:
    return str(args.actor or f"cli:{getpass.getuser()}")


def _files(path: Path, table: str | None) -> list[tuple[str, bytes]]:
    """The file at ``path``, or every CSV/XLSX file in the folder ``path`` (named after its table)."""
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist")
    if path.is_file():
        return [(path.name, path.read_bytes())]
    found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".xlsx"))
    if table:
        found = [p for p in found if layout.table_of_name(p.stem) == table]
    if not found:
        raise ValueError(f"no CSV or XLSX files in {path}")
    for p in found:
        if p.stat().st_size > io.MAX_FILE_BYTES:
            return [(p.name, p.read_bytes())]  # the importer says what the limit is
    return [(p.name, p.read_bytes()) for p in found]


def cmd_import(args: argparse.Namespace) -> int:
    if args.table and args.table not in layout.SPECS:
        raise ValueError(f"unknown table {args.table!r}; one of: {', '.join(layout.SPECS)}")
    engine = db.make_engine()
    db.check_connection(engine)
    if not db.has_schema(engine):
        raise db.StoreError("the store has no tables yet: run `python -m core init-db` first")
    plan = loader.import_files(engine, _files(Path(args.path), args.table), table=args.table, encoding=args.encoding,
                               lang=args.lang, dry_run=args.dry_run, actor=_actor(args), source="cli")
    for note in plan.notes:
        print(f"note: {note}")
    if not plan.ok:
        n = len(plan.problems)
        shown = plan.problems if args.limit == 0 else plan.problems.head(args.limit)
        for _, row in shown.iterrows():
            print(loader.format_problem(row), file=sys.stderr)
        more = f" (the first {len(shown)} shown; --limit 0 shows all)" if len(shown) < n else ""
        print(f"error: {n} problem{'s' if n != 1 else ''}{more}; nothing was written", file=sys.stderr)
        return 2
    print("dry run: nothing written" if args.dry_run else "imported in one transaction")
    print(f"  {'table':<22}{'insert':>8}{'update':>8}{'same':>8}")
    for name, p in plan.tables.items():
        print(f"  {name:<22}{len(p.inserts):>8}{len(p.updates):>8}{p.unchanged:>8}")
    if args.dry_run:
        for _, row in plan.preview("en", limit=args.limit or 1_000_000).iterrows():
            if row.iloc[2] == "Update":
                print(f"  update {row.iloc[0]} {row.iloc[1]}: {row.iloc[3]}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    path = Path(args.path)
    engine = db.make_engine()
    db.check_connection(engine)
    with db.snapshot(engine) as session:
        frames = loader.export_frames(session, args.lang)
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(io.to_xlsx(frames))
    elif path.suffix.lower() == ".zip":
        path.write_bytes(io.to_zip({f"{name}.csv": io.to_csv(frame) for name, frame in frames.items()}))
    else:
        raise ValueError(f"{path}: write .xlsx (one sheet per table) or .zip (one CSV per table)")
    print(f"exported {len(frames)} tables to {path}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    manifest = backup.write_backup(db.make_engine(), Path(args.file), force=args.force)
    rows = sum(t["rows"] for t in manifest["tables"].values())
    print(f"backed up {len(manifest['tables'])} tables ({rows} rows) to {args.file}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist")
    counts = backup.restore(db.make_engine(), path.read_bytes(), name=path.name, actor=_actor(args))
    print(f"restored {path} in one transaction:")
    for table, n in counts.items():
        print(f"  {table:<22}{n:>8}")
    return 0


def _gate_settings(args: argparse.Namespace) -> tuple[repo.Portfolio, gates.GateSettings]:
    """The portfolio and the book's gate settings, judged on ``--on`` (default today) for ``--year``."""
    p = _load()[0]
    s = gates.GateSettings.from_book(p, args.on)
    if args.year is not None:
        _year(p, args.year)
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
    p.add_argument("--if-empty", action="store_true",
                   help="if the store already holds data, only bring its schema up to date")
    p.add_argument("--synthetic", action="store_true",
                   help="load a deterministic synthetic city instead of the demo (for benchmarks)")
    p.add_argument("--buildings", type=int, default=2_000, metavar="N",
                   help="buildings in the synthetic city (default 2,000, the benchmark size)")
    p.add_argument("--seed", type=int, default=7, help="seed of the synthetic city (default 7)")
    p.set_defaults(func=cmd_init_db)

    p = sub.add_parser("info", help="database URL, rows per table, buildings per support mode")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("compare", help="full cost and fair measures per support mode")
    p.add_argument("--year", type=int, help="the year to cost (default: the latest on record)")
    p.add_argument("--json", action="store_true", help="print one JSON object per mode")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("standards", help="every building × service against the unified standards")
    p.add_argument("--year", type=int, help="the year to rate (default: the latest on record)")
    p.add_argument("--amber", type=float, help="amber above the standard by this many percent (default: the book)")
    p.add_argument("--red", type=float, help="red above the standard by this many percent (default: the book)")
    p.add_argument("--tolerance", type=float, help="capping tolerance in percent (default: the book)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_standards)

    from core.sharing.pack import FORMATS, SECTIONS

    p = sub.add_parser("pack", help="build the meeting pack (PDF, PowerPoint, Excel, HTML) into a folder")
    p.add_argument("--out", required=True, help="folder to write the files to (created if absent)")
    p.add_argument("--scenario", action="append", default=[], metavar="NAME",
                   help="a saved scenario to include (repeat for several; none = the current state)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the pack (default zh)")
    p.add_argument("--sections", nargs="+", choices=list(SECTIONS), default=None, metavar="SECTION",
                   help=f"sections to include, in pack order (default all: {' '.join(SECTIONS)})")
    p.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS), metavar="FORMAT",
                   help=f"files to build (default all: {' '.join(FORMATS)})")
    p.add_argument("--year", type=int, default=None, help="year shown (default the latest recorded)")
    p.set_defaults(func=cmd_pack)

    p = sub.add_parser("import", help="check a CSV/XLSX file (or a folder of them) in full, then write it all or nothing",
                       description="Rows whose natural key is already in the store are updated; all others inserted.")
    p.add_argument("path", help="a .csv or .xlsx file, or a folder of <table>.csv / .xlsx files")
    p.add_argument("--table", help="the table the file holds (default: from the file or sheet name, or the header)")
    p.add_argument("--dry-run", action="store_true", help="check and show what would change; write nothing")
    p.add_argument("--encoding", default="auto", choices=["auto", "utf-8", "gbk", "gb18030"], help="of CSV files")
    p.add_argument("--lang", default="en", choices=["en", "zh"], help="language of the messages")
    p.add_argument("--actor", help="who is importing, for the audit log (default: cli:<login name>)")
    p.add_argument("--limit", type=int, default=200, help="show at most this many problems (0: all)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="every table and the audit log to .xlsx, or to a .zip of CSV files")
    p.add_argument("path", help="the file to write: .xlsx or .zip")
    p.add_argument("--lang", default="zh", choices=["en", "zh"], help="headers and names in Chinese or English")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("backup", help="the whole store, read in one consistent snapshot, to one zip file")
    p.add_argument("file")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="replace the whole store by a backup of this application (one transaction)")
    p.add_argument("file")
    p.add_argument("--actor", help="who is restoring, for the audit log (default: cli:<login name>)")
    p.set_defaults(func=cmd_restore)

    from core.simulation.risk import DEFAULT_DRAWS, DEFAULT_SEED

    p = sub.add_parser("simulate", help="simulate a consolidation scenario: NPV saving P10/P50/P90, chances, payback",
                       description="Without --scenario or --levers, the page's default levers are simulated. "
                       "Money in CNY; annual_saving_p50 is the median net saving of each year (after one-time costs).")
    p.add_argument("--scenario", metavar="NAME", help="a saved scenario")
    p.add_argument("--levers", metavar="FILE.json", help="a JSON file of levers (the layout scenarios are saved in)")
    p.add_argument("--draws", type=int, default=DEFAULT_DRAWS, help=f"Monte Carlo draws (default {DEFAULT_DRAWS:,})")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    p.add_argument("--years", type=int, help="horizon in years, 3 to 10 (default: the scenario's, else the book's)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("scenarios", help="list the saved scenarios with their levers")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_scenarios)

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
    except (db.StoreError, ValueError, KeyError, OSError, RuntimeError) as exc:
        # RuntimeError: a browser that fails while rendering the meeting pack (core.sharing.export.RenderError)
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"error: {msg}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:  # a database refusal, in one line: never a traceback
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        print(f"error: the database refused the operation: {detail}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
