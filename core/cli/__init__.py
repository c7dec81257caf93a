"""Admin command line: ``python -m core <command>``. Errors print one line and exit with status 2.

Commands live by area: :mod:`.data` (the store: init-db, info, import, export, backup, restore),
:mod:`.analysis` (compare, standards, vendors, scorecard), :mod:`.checkup` (check), :mod:`.scenarios`
(simulate, scenarios, plans, track), :mod:`.optimise`, :mod:`.users` (accounts) and :mod:`.pack`. Every write is made as
``cli:<os user>`` with the admin role (:func:`core.store.access.cli_actor`): whoever runs the CLI holds the server
already. Their heavier imports (charts, the pack) sit inside the commands, so that a quick
command such as ``info`` starts without loading them.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from sqlalchemy.exc import SQLAlchemyError

from core.cli.analysis import cmd_compare, cmd_scorecard, cmd_standards, cmd_vendors
from core.cli.checkup import cmd_check
from core.cli.common import _date
from core.cli.data import cmd_backup, cmd_export, cmd_import, cmd_info, cmd_init_db, cmd_restore
from core.cli.optimise import cmd_optimise
from core.cli.pack import cmd_pack
from core.cli.scenarios import cmd_plans, cmd_scenarios, cmd_simulate, cmd_track
from core.cli.users import add_users_parser
from core.store import db

Handler = Callable[[argparse.Namespace], int]


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
    p.add_argument("--limit", type=int, default=200, help="show at most this many problems (0: all)")
    p.add_argument("--confirm-large-changes", action="store_true",
                   help="write even stored figures moved beyond the book's data_change_tolerance (without it such "
                   "an import lists them, writes nothing and exits 2)")
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
    p.add_argument("--lang", default="en", choices=["en", "zh"], help="language of the reasons (default en)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("check", help="the data check-up: what makes the figures untrustworthy, each naming its rows",
                       description="Ledger against contract prices, missing months, arrangements without cost and "
                       "cost without arrangement, staffing against the norms, year-on-year jumps, vendors without "
                       "recent assessments. Thresholds come from the assumption book.")
    p.add_argument("--year", type=int, help="the year to check (default: the latest on record)")
    p.add_argument("--on", type=_date, default=None, help="reference date YYYY-MM-DD for contracts in use (default: today)")
    p.add_argument("--lang", default="zh", choices=["zh", "en"], help="language of the findings (default zh)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("optimise", help="recommend a plan: the best delivery per building and service under constraints",
                       description="Chooses each building × service's delivery, the procurement lots and staff "
                       "pooling under the policy levers of --scenario (else the page's defaults) and the constraints "
                       "of --constraints FILE.json (else the defaults). Money in CNY; the npv_saving figures are the "
                       "simulator's evaluation of the plan. Exit status 2 when no plan meets the constraints.")
    p.add_argument("--scenario", metavar="NAME", help="take this saved scenario's policy levers and scope")
    p.add_argument("--objective", choices=("expected", "cvar", "mix"), default="expected",
                   help="maximise the expected NPV saving, the mean of its worst alpha (CVaR), or a mix")
    p.add_argument("--alpha", type=float, default=0.10, help="CVaR: the worst share of the draws (default 0.10)")
    p.add_argument("--mix", type=float, default=0.5, help="mix: the weight on the expected value (default 0.5)")
    p.add_argument("--draws", type=int, default=None,
                   help="draws the options are valued and the CVaR linearised over (default: 200, fewer for a large city)")
    p.add_argument("--constraints", metavar="FILE.json", help="a JSON file of constraints (see core/simulation/constraints.py)")
    p.add_argument("--time-limit", type=float, default=30.0, metavar="S", help="solver time limit in seconds (default 30)")
    p.add_argument("--gap", type=float, default=0.1, metavar="PCT", help="acceptable MIP gap in percent (default 0.1)")
    p.add_argument("--explain", action="store_true", help="also re-solve to price each binding constraint")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_optimise)

    p = sub.add_parser("scenarios", help="list the saved scenarios with their levers")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_scenarios)

    p = sub.add_parser("plans", help="list the adopted plans: who approved them, when, their forecast")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_plans)

    p = sub.add_parser("track", help="an adopted plan against the ledger: planned, actual and variance by year and lever",
                       description="Money in CNY, to the fen. Without --plan, the latest adopted plan.")
    p.add_argument("--plan", metavar="NAME", help="the plan's name (default: the latest adopted)")
    p.add_argument("--version", type=int, help="the plan's version (default: its latest)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_track)

    for name, func, text in (
        ("vendors", cmd_vendors, "vendors: status, contracts in use, spend, mean score, replacement flag and other flags"),
        ("scorecard", cmd_scorecard, "the unified-management scorecard: each building's checks and the compliance rate"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--json", action="store_true", help="print JSON")
        p.add_argument("--on", type=_date, default=None, help="reference date YYYY-MM-DD (default: today)")
        p.add_argument("--year", type=int, default=None, help="ledger and assessment year (default: the latest)")
        p.set_defaults(func=func)

    add_users_parser(sub)
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
        lines = str(msg).strip().splitlines() or [type(exc).__name__]
        print(f"error: {db.mask_secrets(lines[0])}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:  # a database refusal, in one line: never a traceback
        detail = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
        print(f"error: the database refused the operation: {db.mask_secrets(detail)}", file=sys.stderr)
        return 2

