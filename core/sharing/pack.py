"""The meeting pack (会议材料): the chosen pages' exhibits as a PDF, a PowerPoint deck, an Excel
workbook and a self-contained HTML file, built in one go.

Each page contributes a *section*: a function ``(portfolio, lang, options) -> SectionContent``
returning its exhibits, its headline figures and the assumption-book keys it used. :data:`SECTIONS`
lists them in the order the pack shows them; a page joins the pack with one entry there.

The PDF is HTML printed by the renderer's warm Chromium (A4 from the CSS ``@page`` rule, page
numbers in the footer): the same document, with interactive charts instead of images, is the HTML
version. Charts go into the PDF as 2× PNG rather than SVG on purpose: Chromium writes SVG text
into PDFs with the Noto CJK glyphs mapped to Kangxi radicals (面 comes out as ⾯), which breaks
searching and copying; as images they look the same and every sentence around them stays real text.
"""
from __future__ import annotations

import base64
import datetime as dt
import io
import json
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from core.i18n import label, t
from core.sharing import export
from core.sharing.document import PackDoc
from core.sharing.slides import deck
from core.store.repo import Portfolio
from core.store.text import neutralise_formulas
from core.views import compare as compare_views
from core.views import gates as gates_views
from core.views import overview, scenario_compare, simulator
from core.views import recommend as recommend_views
from core.views import standards as standards_views
from core.views.charts import FONT_FAMILY, INK
from core.views.exhibits import KeyFigure, PackOptions, ScenarioChoice, SectionContent

SectionBuilder = Callable[[Portfolio, str, PackOptions], SectionContent]
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Section:
    """A page's part of the meeting pack: a stable key, its title (an i18n key) and its builder."""

    key: str
    title_key: str
    build: SectionBuilder


# The pack's sections in the order it shows them. A page joins the pack with ONE entry here.
SECTIONS: dict[str, Section] = {s.key: s for s in (
    Section("overview", "page.overview", overview.overview_section),
    Section("compare", "page.compare", compare_views.compare_section),
    Section("standards", "page.standards", standards_views.standards_section),
    Section("gates", "page.vendors", gates_views.gates_section),
    Section("consolidation", "page.consolidation", simulator.consolidation_section),  # what is, then what to decide
    Section("scenarios", "page.scenarios", scenario_compare.scenarios_section),
    Section("recommend", "page.recommend", recommend_views.recommend_section),
)}

FORMATS: tuple[str, ...] = ("pdf", "pptx", "xlsx", "html")
NEEDS_BROWSER: frozenset[str] = frozenset({"pdf", "pptx"})
PRINT_TABLE_ROWS = 15  # the PDF prints a chart's table under it when it is this short; Excel has all
CHART_MIN_HEIGHT = 420  # layout px of a chart on a page or a slide (width: export.CHART_WIDTH)


# --- choosing --------------------------------------------------------------------------------------
def scenario_choices(saved: pd.DataFrame, names: Sequence[str]) -> tuple[ScenarioChoice, ...]:
    """The saved scenarios called ``names`` (rows of :func:`core.store.scenario_rows.list_scenarios`), in that order."""
    by_name = saved.set_index("name") if len(saved) else pd.DataFrame(columns=["levers", "version"])
    out = []
    for name in names:
        if name not in by_name.index:
            raise KeyError(t("pack.unknown_scenario", "en", name=name, saved=", ".join(by_name.index) or "none"))
        row = by_name.loc[name]
        try:
            levers = json.loads(row["levers"] or "{}")
        except json.JSONDecodeError as exc:
            raise ValueError(f"scenario {name!r}: its levers are not valid JSON ({exc.msg})") from exc
        out.append(ScenarioChoice(name=str(name), levers=dict(levers), version=int(row["version"])))
    return tuple(out)


def collect(p: Portfolio, lang: str, options: PackOptions, sections: Sequence[str] | None = None, *,
            demo: bool = False, today: dt.date | None = None) -> PackDoc:
    """Run the chosen sections (all when ``None``), in the pack's order, and gather what the pack shows."""
    unknown = set(sections or ()) - set(SECTIONS)
    if unknown:
        raise ValueError(f"no pack section named {', '.join(sorted(unknown))} (sections: {', '.join(SECTIONS)})")
    chosen = [s for key, s in SECTIONS.items() if sections is None or key in sections]
    parts = tuple((t(s.title_key, lang), s.build(p, lang, options)) for s in chosen)
    keys = list(dict.fromkeys(k for _, c in parts for k in c.assumptions))
    return PackDoc(lang=lang, today=today or dt.date.today(),
                   year=options.year if options.year in p.years else p.latest_year, demo=demo,
                   scenarios=options.scenarios, parts=parts, assumptions=assumption_table(p, keys, lang))


def assumption_table(p: Portfolio, keys: Sequence[str], lang: str) -> pd.DataFrame:
    """The factors ``keys`` as the assumption book has them today, with their sources."""
    book = p.book
    rows = []
    for key in keys:
        f = book.factor(key)
        rows.append((f.name(lang), f.value, f.unit, label("basis", f.basis, lang), f.source, f.effective_date))
    return pd.DataFrame(rows, columns=[t(f"pack.col.{c}", lang) for c in
                                       ("factor", "value", "unit", "basis", "source", "effective")])


# --- Excel ---------------------------------------------------------------------------------------------
def workbook(doc: PackDoc) -> bytes:
    """Contents, key figures, one sheet per chart (its data) and the assumptions; formula-safe."""
    from openpyxl.styles import Font

    sheets: dict[str, pd.DataFrame] = {}
    taken: set[str] = {doc.tr("pack.sheet.contents"), doc.tr("pack.sheet.figures"), doc.tr("pack.sheet.assumptions")}
    names = []
    for _, ex in doc.exhibits:
        name = export.sheet_name(ex.key, taken)
        taken.add(name)
        names.append(name)
    contents = pd.DataFrame(
        [(n, sec, ex.title, ex.takeaway) for n, (sec, ex) in zip(names, doc.exhibits)],
        columns=[doc.tr(f"pack.col.{c}") for c in ("sheet", "section", "chart", "takeaway")])
    figures = pd.DataFrame(
        [(sec, "", lbl, val) for sec, c in doc.parts for lbl, val in c.key_figures]
        + [(sec, ex.title, lbl, val) for sec, ex in doc.exhibits for lbl, val in ex.key_figures],
        columns=[doc.tr(f"pack.col.{c}") for c in ("section", "chart", "figure", "value")])
    sheets[doc.tr("pack.sheet.figures")] = figures
    for name, (_, ex) in zip(names, doc.exhibits):
        sheets[name] = ex.data
    assumptions = doc.assumptions.assign(**{doc.tr("pack.col.effective"): doc.assumptions[
        doc.tr("pack.col.effective")].astype(str)})
    for s, levers in doc.levers():
        levers = levers.rename(columns={doc.tr("pack.col.lever"): doc.tr("pack.col.factor")})
        assumptions = pd.concat([assumptions, levers.assign(**{doc.tr("pack.col.source"): s.name})], ignore_index=True)
    sheets[doc.tr("pack.sheet.assumptions")] = assumptions

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        head = [doc.title, doc.tr("pack.prepared", date=doc.today.isoformat()),
                doc.tr("demo.notice") if doc.demo else doc.tr("pack.dataset_real"), doc.scenario_line(),
                doc.tr("pack.year_line", year=doc.year)]
        name = doc.tr("pack.sheet.contents")
        neutralise_formulas(contents).to_excel(writer, sheet_name=name, index=False, startrow=len(head) + 1)
        ws = writer.sheets[name]
        for i, line in enumerate(head, start=1):
            ws.cell(row=i, column=1, value=neutralise_formulas(pd.DataFrame({"x": [line]}))["x"][0])
        ws.cell(row=1, column=1).font = Font(bold=True, size=14)
        export.fit_columns(ws, contents)
        for sheet, frame in sheets.items():
            safe = neutralise_formulas(frame)
            safe.to_excel(writer, sheet_name=sheet, index=False, freeze_panes=(1, 0))
            export.fit_columns(writer.sheets[sheet], safe)
    return buf.getvalue()


# --- HTML (the PDF's source and the interactive version) ----------------------------------------------
CSS = f"""
@page {{ size: A4; margin: 16mm 15mm 18mm 15mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: {FONT_FAMILY}; color: {INK}; font-size: 10.5pt; line-height: 1.5; margin: 0; }}
.page {{ break-after: page; }}
.page:last-child {{ break-after: auto; }}
.org {{ color: #52606d; font-size: 11pt; margin-top: 30mm; }}
h1 {{ font-size: 26pt; margin: 4mm 0 3mm; line-height: 1.25; }}
.meta {{ color: #52606d; font-size: 11pt; }}
.badge {{ display: inline-block; background: #fff4e5; color: #9c4f00; border: 1px solid #f0b46b;
          font-weight: bold; padding: 1mm 3mm; border-radius: 2mm; margin-top: 6mm; font-size: 12pt; }}
.notice {{ color: #9c4f00; font-size: 9.5pt; margin: 2mm 0 0; }}
h2 {{ font-size: 13pt; margin: 9mm 0 3mm; color: #323f4b; }}
.kf-grid {{ display: grid; grid-template-columns: repeat(2, 1fr); gap: 3mm; }}
.kf {{ border: 1px solid #e4e7eb; border-left: 3px solid #2f6db5; padding: 2.5mm 4mm; border-radius: 1mm;
       break-inside: avoid; }}
.kf .v {{ font-size: 15pt; font-weight: bold; color: #1f4e8c; }}
.kf .l {{ font-size: 9pt; color: #52606d; }}
ol.toc {{ padding-left: 6mm; margin: 0; }} ol.toc li {{ margin: 1mm 0; }} .toc .sec {{ color: #7b8794; }}
.section-name {{ color: #7b8794; font-size: 9.5pt; border-bottom: 1px solid #e4e7eb; padding-bottom: 1.5mm; }}
h2.takeaway {{ font-size: 16pt; line-height: 1.35; margin: 5mm 0 4mm; color: {INK}; }}
figure {{ margin: 0; }} figure img {{ width: 100%; display: block; }}
.kf-row {{ display: flex; gap: 3mm; margin: 4mm 0; }} .kf-row .kf {{ flex: 1; }}
table.data {{ border-collapse: collapse; font-size: 9pt; width: 100%; margin-top: 3mm; }}
table.data th {{ text-align: left; border-bottom: 1.5px solid #9aa5b1; padding: 1mm 2mm; font-weight: bold; }}
table.data td {{ border-bottom: 1px solid #e4e7eb; padding: 1mm 2mm; vertical-align: top; }}
table.data th.n {{ text-align: right; }}
table.data td.n {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
.caption {{ color: #7b8794; font-size: 9pt; margin-top: 4mm; }}
@media screen {{
  body {{ max-width: 1000px; margin: 0 auto; padding: 24px; }}
  .page {{ border-bottom: 1px solid #e4e7eb; padding-bottom: 24px; margin-bottom: 24px; }}
  .org {{ margin-top: 0; }}
  details summary {{ cursor: pointer; color: #2f6db5; margin-top: 8px; }}
}}
"""


def _e(text: object) -> str:
    import html

    return html.escape(str(text))


def _cell(value: object) -> tuple[str, bool]:
    """A table cell as text, and whether it is a number (right-aligned)."""
    if isinstance(value, bool) or value is None or (isinstance(value, float) and pd.isna(value)):
        return ("" if value is None or isinstance(value, float) else str(value)), False
    if isinstance(value, int):
        return (f"{value:,}" if abs(value) >= 10_000 else str(value)), True
    if isinstance(value, float):
        if value.is_integer():
            return (f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:.0f}"), True
        return (f"{value:,.1f}" if abs(value) >= 100 else f"{value:,.2f}"), True
    return str(value), False


def html_table(frame: pd.DataFrame) -> str:
    """A frame as a plain HTML table, numbers right-aligned and grouped."""
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
               for c in frame.columns]
    head = "".join(f'<th class="n">{_e(c)}</th>' if num else f"<th>{_e(c)}</th>"
                   for c, num in zip(frame.columns, numeric))
    rows = []
    for rec in frame.itertuples(index=False):
        cells = []
        for v in rec:
            text, num = _cell(v.item() if hasattr(v, "item") else v)
            cells.append(f'<td class="n">{_e(text)}</td>' if num else f"<td>{_e(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _key_figures(figures: Sequence[KeyFigure], css: str) -> str:
    cards = "".join(f'<div class="kf"><div class="v">{_e(v)}</div><div class="l">{_e(lbl)}</div></div>'
                    for lbl, v in figures)
    return f'<div class="{css}">{cards}</div>' if figures else ""


def document_html(doc: PackDoc, charts: Sequence[str], *, interactive: bool) -> str:
    """The pack as one HTML document; ``charts`` holds each exhibit's chart markup, in order."""
    lang_attr = "zh-CN" if doc.lang == "zh" else "en"
    notice = (f'<div class="badge">{_e(doc.tr("pack.demo_badge"))}</div>'
              f'<p class="notice">{_e(doc.tr("demo.notice"))}</p>') if doc.demo else ""
    toc = "".join(f'<li><span class="sec">{_e(sec)} · </span>{_e(ex.takeaway)}</li>' for sec, ex in doc.exhibits)
    cover = (f'<section class="page cover"><div class="org">{_e(doc.tr("app.subtitle"))}</div>'
             f"<h1>{_e(doc.title)}</h1>"
             f'<div class="meta">{_e(doc.tr("pack.prepared", date=doc.today.isoformat()))} · '
             f'{_e(doc.tr("pack.year_line", year=doc.year))} · {_e(doc.scenario_line())}</div>{notice}'
             f'<h2>{_e(doc.tr("pack.key_figures"))}</h2>{_key_figures(doc.key_figures, "kf-grid")}'
             f'<h2>{_e(doc.tr("pack.contents"))}</h2><ol class="toc">{toc}</ol></section>')
    dataset = doc.tr("pack.dataset_demo" if doc.demo else "pack.dataset_real")
    pages = [cover]
    n = len(doc.exhibits)
    for i, ((sec, ex), chart) in enumerate(zip(doc.exhibits, charts), start=1):
        if interactive:
            table = (f'<details><summary>{_e(doc.tr("pack.data_show", n=len(ex.data)))}</summary>'
                     f"{html_table(ex.data)}</details>")
        elif len(ex.data) <= PRINT_TABLE_ROWS:
            table = html_table(ex.data)
        else:
            table = f'<p class="caption">{_e(doc.tr("pack.data_rows", n=len(ex.data)))}</p>'
        pages.append(
            f'<section class="page exhibit" id="{_e(ex.key)}"><div class="section-name">{_e(sec)} · {i}/{n}</div>'
            f'<h2 class="takeaway">{_e(ex.takeaway)}</h2><figure>{chart}</figure>'
            f'{_key_figures(ex.key_figures, "kf-row")}{table}'
            f'<p class="caption">{_e(doc.tr("pack.source", dataset=dataset, year=doc.year))}</p></section>')
    if doc.assumptions.empty:
        body = f"<p>{_e(doc.tr('pack.assumptions_none'))}</p>"
    else:
        shown = doc.assumptions.assign(**{doc.tr("pack.col.effective"): doc.assumptions[
            doc.tr("pack.col.effective")].astype(str)})
        body = html_table(shown)
    for s, levers in doc.levers():
        body += f"<h2>{_e(doc.tr('pack.levers', name=s.name, version=s.version))}</h2>"
        body += html_table(levers) if len(levers) else f"<p>{_e(doc.tr('pack.levers_none'))}</p>"
    pages.append(f'<section class="page assumptions"><h2 class="takeaway">{_e(doc.tr("pack.assumptions"))}</h2>'
                 f"{body}</section>")
    script = f'<script type="text/javascript">{get_plotlyjs()}</script>' if interactive else ""
    return (f'<!doctype html><html lang="{lang_attr}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(doc.title)} · {doc.today.isoformat()}</title><style>{CSS}</style>{script}</head>"
            f'<body>{"".join(pages)}</body></html>')


def interactive_charts(doc: PackDoc) -> list[str]:
    """Each exhibit as a plotly div (the library itself is inlined once, in the head)."""
    return [pio.to_html(ex.figure, full_html=False, include_plotlyjs=False, config=export.PLOTLY_CONFIG,
                        div_id=f"chart-{ex.key}", default_width="100%",
                        default_height=f"{ex.figure.layout.height or export.CHART_HEIGHT}px")
            for _, ex in doc.exhibits]


def png_charts(pngs: Sequence[bytes]) -> list[str]:
    """Each exhibit's PNG as an inline image (the PDF must not depend on files next to it)."""
    return [f'<img alt="" src="data:image/png;base64,{base64.b64encode(b).decode()}">' for b in pngs]


# --- building it ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PackFile:
    """One built file."""

    name: str
    data: bytes

    @property
    def mime(self) -> str:
        """Its MIME type."""
        return export.MIME[self.name.rsplit(".", 1)[-1]]


@dataclass(frozen=True)
class Pack:
    """The built files by format, the formats that could not be built and why, and timings."""

    doc: PackDoc
    files: dict[str, PackFile]
    missing: tuple[str, ...] = ()  # what static export lacks, when PDF/PPTX were skipped
    skipped: tuple[str, ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)

    @cached_property
    def zip(self) -> PackFile:
        """All the files in one ZIP (made once)."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for f in self.files.values():
                z.writestr(f.name, f.data)
        return PackFile(self.doc.file_name("zip"), buf.getvalue())


def build(doc: PackDoc, *, formats: Sequence[str] = FORMATS, renderer: export.Renderer | None = None,
          progress: Progress | None = None) -> Pack:
    """Build the chosen formats of the pack. PDF and PowerPoint need the renderer (Chromium); without
    one they are skipped and :attr:`Pack.missing` says what to install; Excel and HTML never need it."""
    def step(fraction: float, key: str, **fmt: object) -> None:
        if progress is not None:
            progress(min(fraction, 1.0), doc.tr(key, **fmt))

    wanted = [f for f in FORMATS if f in formats]
    gaps: tuple[str, ...] = ()
    if NEEDS_BROWSER & set(wanted):
        gaps = ("chromium",) if renderer is None else renderer.missing()
    static = [f for f in wanted if f in NEEDS_BROWSER and not gaps]
    files: dict[str, PackFile] = {}
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()

    pngs: list[bytes] = []
    if static:
        assert renderer is not None
        n = len(doc.exhibits)
        for i, (_, ex) in enumerate(doc.exhibits, start=1):
            step(0.05 + 0.55 * (i - 1) / max(n, 1), "pack.step.render", i=i, n=n)
            pngs.append(renderer.image(ex.figure, "png", height=max(ex.figure.layout.height or 0, CHART_MIN_HEIGHT)))
        seconds["charts"] = time.perf_counter() - t0
    if "xlsx" in wanted:
        step(0.62, "pack.step.xlsx")
        t1 = time.perf_counter()
        files["xlsx"] = PackFile(doc.file_name("xlsx"), workbook(doc))
        seconds["xlsx"] = time.perf_counter() - t1
    if "html" in wanted:
        step(0.70, "pack.step.html")
        t1 = time.perf_counter()
        text = document_html(doc, interactive_charts(doc), interactive=True)
        files["html"] = PackFile(doc.file_name("html"), text.encode("utf-8"))
        seconds["html"] = time.perf_counter() - t1
    if "pdf" in static:
        assert renderer is not None
        step(0.78, "pack.step.pdf")
        t1 = time.perf_counter()
        files["pdf"] = PackFile(doc.file_name("pdf"),
                                renderer.pdf(document_html(doc, png_charts(pngs), interactive=False),
                                             footer=doc.footer()))
        seconds["pdf"] = time.perf_counter() - t1
    if "pptx" in static:
        step(0.92, "pack.step.pptx")
        t1 = time.perf_counter()
        files["pptx"] = PackFile(doc.file_name("pptx"), deck(doc, pngs))
        seconds["pptx"] = time.perf_counter() - t1
    seconds["total"] = time.perf_counter() - t0
    step(1.0, "pack.step.done")
    skipped = tuple(f for f in wanted if f in NEEDS_BROWSER and gaps)
    return Pack(doc=doc, files={f: files[f] for f in FORMATS if f in files}, missing=gaps if skipped else (),
                skipped=skipped, seconds=seconds)
