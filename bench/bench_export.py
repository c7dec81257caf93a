"""Sharing on the demo city: the renderer's cold start, one chart as PNG/SVG with it warm, and the
whole meeting pack (PDF, PowerPoint, Excel, HTML) for one scenario."""
from __future__ import annotations

import time

from sqlmodel import Session

from bench.common import Result, demo_db, median_seconds
from core.sharing import export, pack
from core.store import db, repo
from core.views import overview
from core.views.exhibits import PackOptions, ScenarioChoice


def run() -> list[Result]:
    engine = db.make_engine(f"sqlite:///{demo_db()}")
    with Session(engine) as s:
        p = repo.load_portfolio(s)
    if export.missing():
        return [Result("export: skipped", 0, "", note=f"missing {', '.join(export.missing())}")]
    mix = overview.overview_exhibits(p, p.latest_year, "zh")[0]
    renderer = export.Renderer()
    try:
        t0 = time.perf_counter()
        renderer.image(mix.figure, "png")
        cold = time.perf_counter() - t0
        png = median_seconds(lambda: renderer.image(mix.figure, "png"), repeats=7)
        svg = median_seconds(lambda: renderer.image(mix.figure, "svg"), repeats=7)
        options = PackOptions(scenarios=(ScenarioChoice("基准方案", {"fee_cap": True}),))

        def full_pack() -> pack.Pack:
            doc = pack.collect(p, "zh", options, demo=True)
            return pack.build(doc, renderer=renderer)

        whole = median_seconds(full_pack, repeats=3)
        parts = full_pack().seconds
        no_browser = median_seconds(lambda: pack.build(pack.collect(p, "zh", options, demo=True),
                                                       formats=("xlsx", "html")), repeats=3)
    finally:
        renderer.close()
    n = len(pack.collect(p, "zh", options).exhibits)
    return [
        Result("export: renderer cold start + first PNG", cold, "s", note="once per process"),
        Result("export: one chart as PNG (2×), warm", png, "s", "< 1 s"),
        Result("export: one chart as SVG, warm", svg, "s"),
        Result("pack: all four formats, one scenario, warm", whole, "s", "< 20 s", f"{n} charts"),
        Result("pack:   of which drawing the charts", parts["charts"], "s"),
        Result("pack:   of which printing the PDF", parts["pdf"], "s"),
        Result("pack: Excel + HTML only (no browser)", no_browser, "s"),
    ]
