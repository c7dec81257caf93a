"""The data check-up from the command line: ``python -m core check [--json]``."""
from __future__ import annotations

import argparse

from core.cli.common import _portfolio_and_year, _print_json
from core.views import checkup


def cmd_check(args: argparse.Namespace) -> int:
    p, year = _portfolio_and_year(args.year)
    v = checkup.checkup_view(p, args.lang, year=year, on=args.on)
    if args.json:
        _print_json(checkup.as_json(v, args.lang))
        return 0
    print(v.line)
    for kind, concerns, finding, link in v.table.itertuples(index=False):
        print(f"  [{kind}] {concerns}: {finding}")
        print(f"      → {link}")
    return 0
