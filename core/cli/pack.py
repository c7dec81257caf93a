"""The meeting pack from the command line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.cli.common import _load, _year
from core.files import admin
from core.i18n import join


def cmd_pack(args: argparse.Namespace) -> int:

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
