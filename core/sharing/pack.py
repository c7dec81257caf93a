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
import re
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from core.i18n import BEIJING, label, t, unit_text
from core.sharing import export
from core.sharing.document import PackDoc
from core.sharing.slides import deck
from core.store.repo import Portfolio
from core.store.text import neutralise_formulas
from core.views import briefing, delivery, overview, scenario_compare, simulator
from core.views import compare as compare_views
from core.views import gates as gates_views
from core.views import recommend as recommend_views
from core.views import standards as standards_views
from core.views.book import book_value
from core.views.briefing import CoverFigure
from core.views.cells import column_decimals, for_display, no_negative_zero, table_texts
from core.views.charts import FONT_FAMILY, INK
from core.views.exhibits import Exhibit, KeyFigure, PackOptions, ScenarioChoice, SectionContent
from core.views.sim_charts import scenario_palette

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
    Section("delivery", "page.delivery", delivery.delivery_section),
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
    colors = scenario_palette(saved.sort_values("id")["name"].tolist() if "id" in saved and len(saved) else [])
    out = []
    for name in names:
        if name not in by_name.index:
            raise KeyError(t("pack.unknown_scenario", "en", name=name, saved=", ".join(by_name.index) or "none"))
        row = by_name.loc[name]
        try:
            levers = json.loads(row["levers"] or "{}")
        except json.JSONDecodeError as exc:
            raise ValueError(f"scenario {name!r}: its levers are not valid JSON ({exc.msg})") from exc
        out.append(ScenarioChoice(name=str(name), levers=dict(levers), version=int(row["version"]),
                                  color=colors.get(str(name), ""), status=str(row.get("status") or "draft")))
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
    return PackDoc(lang=lang, today=today or dt.datetime.now(BEIJING).date(),
                   year=options.year if options.year in p.years else p.latest_year, demo=demo,
                   scenarios=options.scenarios, parts=parts, assumptions=assumption_table(p, keys, lang),
                   briefing=briefing.briefing(p, lang, options))


def assumption_table(p: Portfolio, keys: Sequence[str], lang: str) -> pd.DataFrame:
    """The factors ``keys`` as the assumption book has them today, with their sources."""
    book = p.book
    rows = []
    for key in keys:
        f = book.factor(key)
        rows.append((f.name(lang), book_value(f, lang), unit_text(f.unit, lang), label("basis", f.basis, lang),
                     f.source_in(lang), f.effective_date))
    return pd.DataFrame(rows, columns=[t(f"pack.col.{c}", lang) for c in
                                       ("factor", "value", "unit", "basis", "source", "effective")])


# --- Excel ---------------------------------------------------------------------------------------------
_NUMBER_TEXT = re.compile(r"^[+\-−]?\d{1,3}(,\d{3})*(\.\d+)?%?$|^[+\-−]?\d+(\.\d+)?%?$")


def excel_value(value: object) -> object:
    """A cell for the workbook: a figure written as text ("-1.6%", "1,234.5") becomes a number (with its
    format, see :func:`_formats`), so no cell needs the apostrophe that keeps text from running."""
    if isinstance(value, str) and _NUMBER_TEXT.match(value.strip()):
        text = value.strip().replace(",", "").replace("−", "-")
        number = float(text.rstrip("%"))
        return (number / 100 if text.endswith("%") else number) + 0.0  # + 0.0: no −0
    return value


def _sheet_frame(frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """A frame as the workbook holds it, and the number format of each column that has one."""
    out = for_display(frame, lang)
    formats: dict[str, str] = {}
    for col in out.columns:
        values = out[col]
        if values.dtype == object:
            converted = values.map(excel_value)
            if converted.map(lambda v: isinstance(v, float)).any():
                pct = values.map(lambda v: isinstance(v, str) and v.strip().endswith("%")).any()
                out[col] = converted
                formats[str(col)] = "0.0%" if pct else "#,##0.0"
            continue
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            digits = column_decimals(values) if pd.api.types.is_float_dtype(values) else 0
            formats[str(col)] = "#,##0" + ("." + "0" * digits if digits else "")
    return _figures_stay_figures(neutralise_formulas(out)), formats


_SIGNED_FIGURE = re.compile(r"^'[+\-−]\d[\d,.]*%?(\s*[~～–-]\s*[+\-−]?\d[\d,.]*%?)?$")


def _figures_stay_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """A signed figure ("-5.4% ~ +4.5%") is not a formula: it keeps no apostrophe (a workbook cell of text
    never runs; only text beginning with "=" would be read as a formula, and that stays neutralised)."""
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].map(lambda v: v[1:] if isinstance(v, str) and _SIGNED_FIGURE.match(v) else v)
    return frame


def _formats(ws: Any, frame: pd.DataFrame, formats: dict[str, str], *, first_row: int = 2) -> None:
    for j, col in enumerate(frame.columns, start=1):
        fmt = formats.get(str(col))
        if fmt:
            for row in ws.iter_rows(min_row=first_row, max_row=first_row + len(frame) - 1, min_col=j, max_col=j):
                for cell in row:
                    cell.number_format = fmt


def workbook(doc: PackDoc) -> bytes:
    """The briefing, contents, key figures, one sheet per chart (its data, named in the pack's language)
    and the assumptions; figures as numbers with their formats; formula-safe."""
    from openpyxl.styles import Alignment, Font

    taken: set[str] = {doc.tr(f"pack.sheet.{k}") for k in ("briefing", "contents", "figures", "assumptions")}
    names = []
    for i, (_, ex) in enumerate(doc.exhibits, start=1):
        name = export.sheet_name(f"{i:02d} {ex.title}", taken)
        taken.add(name)
        names.append(name)
    contents = pd.DataFrame(
        [(n, sec, ex.title, ex.takeaway) for n, (sec, ex) in zip(names, doc.exhibits)],
        columns=[doc.tr(f"pack.col.{c}") for c in ("sheet", "section", "chart", "takeaway")])
    figures = pd.DataFrame(
        [(doc.tr("cover.title"), "", c.label, c.value, c.explanation) for c in doc.cover]
        + [(sec, ex.title, lbl, val, "") for sec, ex in doc.exhibits for lbl, val in ex.key_figures],
        columns=[doc.tr(f"pack.col.{c}") for c in ("section", "chart", "figure", "value", "explanation")])
    sheets: dict[str, pd.DataFrame] = {doc.tr("pack.sheet.figures"): figures}
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
        if doc.briefing is not None:
            name = doc.tr("pack.sheet.briefing")
            frame = pd.DataFrame([(head, body) for _, head, body in doc.briefing.paragraphs],
                                 columns=[doc.tr("pack.col.section"), doc.tr("pack.col.text")])
            neutralise_formulas(frame).to_excel(writer, sheet_name=name, index=False, startrow=2)
            ws = writer.sheets[name]
            ws.cell(row=1, column=1, value=doc.tr("brief.subtitle")).font = Font(bold=True, size=14)
            ws.cell(row=2, column=1, value=doc.tr("brief.internal")).font = Font(bold=True, color="9C4F00")
            ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 16, 110
            for row in ws.iter_rows(min_row=4, max_row=3 + len(frame), min_col=2, max_col=2):
                for cell in row:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        head = [doc.title, doc.tr("brief.internal"), doc.tr("pack.prepared", date=doc.today.isoformat()),
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
            safe, formats = _sheet_frame(frame, doc.lang)
            safe.to_excel(writer, sheet_name=sheet, index=False, freeze_panes=(1, 0))
            export.fit_columns(writer.sheets[sheet], safe)
            _formats(writer.sheets[sheet], safe, formats)
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
.cover .kf .l {{ font-size: 10.5pt; color: {INK}; font-weight: bold; }}
.cover .kf .x {{ font-size: 9pt; color: #52606d; margin-top: 1mm; }}
.marking {{ float: right; border: 1.5px solid #9c4f00; color: #9c4f00; font-weight: bold; padding: 0.5mm 3mm;
            font-size: 10.5pt; letter-spacing: 1px; }}
.briefing h1 {{ font-size: 20pt; text-align: center; margin-top: 8mm; }}
.briefing .org {{ margin-top: 4mm; }}
h2.para {{ font-size: 13pt; margin: 5mm 0 1.5mm; }}
p.para {{ font-size: 12pt; line-height: 1.75; text-indent: 2em; margin: 0; text-align: justify; }}
ol.toc {{ padding-left: 6mm; margin: 0; }} ol.toc li {{ margin: 1mm 0; }} .toc .sec {{ color: #7b8794; }}
.section-name {{ color: #7b8794; font-size: 9.5pt; border-bottom: 1px solid #e4e7eb; padding-bottom: 1.5mm; }}
h2.takeaway {{ font-size: 16pt; line-height: 1.35; margin: 5mm 0 4mm; color: {INK}; }}
figure {{ margin: 0; }} figure img {{ width: 100%; display: block; }}
.kf-row {{ display: flex; gap: 3mm; margin: 4mm 0; }} .kf-row .kf {{ flex: 1; }}
table.data {{ border-collapse: collapse; font-size: 9pt; width: 100%; margin-top: 3mm; }}
table.data tr {{ break-inside: avoid; }}
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


def _is_number(value: object) -> bool:
    """Whether a cell holds a number (right-aligned)."""
    raw = value.item() if hasattr(value, "item") and not isinstance(value, str) else value
    return isinstance(raw, int | float) and not isinstance(raw, bool) and bool(pd.notna(raw))


def html_table(frame: pd.DataFrame, lang: str = "zh") -> str:
    """A frame as a plain HTML table, numbers right-aligned and grouped; 是/否, "—", never −0."""
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
               for c in frame.columns]
    head = "".join(f'<th class="n">{_e(c)}</th>' if num else f"<th>{_e(c)}</th>"
                   for c, num in zip(frame.columns, numeric))
    rows = []
    for rec, texts in zip(frame.itertuples(index=False), table_texts(frame, lang)):
        cells = [f'<td class="n">{_e(text)}</td>' if _is_number(v) else f"<td>{_e(text)}</td>"
                 for v, text in zip(rec, texts)]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _key_figures(figures: Sequence[KeyFigure], css: str) -> str:
    cards = "".join(f'<div class="kf"><div class="v">{_e(no_negative_zero(v))}</div><div class="l">{_e(lbl)}</div></div>'
                    for lbl, v in figures)
    return f'<div class="{css}">{cards}</div>' if figures else ""


def _cover(figures: Sequence[CoverFigure]) -> str:
    cards = "".join(f'<div class="kf"><div class="l">{_e(f.label)}</div><div class="v">{_e(no_negative_zero(f.value))}</div>'
                    f'<div class="x">{_e(f.explanation)}</div></div>' for f in figures)
    return f'<div class="kf-grid cover">{cards}</div>' if figures else ""


def _is_table_chart(ex: Exhibit) -> bool:
    """A chart that is itself a table (its data would print the same thing twice)."""
    return any(getattr(trace, "type", "") == "table" for trace in ex.figure.data)


def briefing_html(doc: PackDoc) -> str:
    """The first page: the 汇报提纲, marked 内部资料, dated, with its five paragraphs."""
    if doc.briefing is None:
        return ""
    notice = (f'<div class="badge">{_e(doc.tr("pack.demo_badge"))}</div>'
              f'<p class="notice">{_e(doc.tr("demo.notice"))}</p>') if doc.demo else ""
    paras = "".join(f'<h2 class="para">{_e(head)}</h2><p class="para">{_e(body)}</p>'
                    for _, head, body in doc.briefing.paragraphs)
    return (f'<section class="page briefing" id="briefing"><div class="marking">{_e(doc.tr("brief.internal"))}</div>'
            f'<div class="org">{_e(doc.tr("app.subtitle"))} · {_e(doc.tr("brief.title"))}</div>'
            f'<h1>{_e(doc.tr("brief.subtitle"))}</h1>'
            f'<div class="meta">{_e(doc.tr("pack.prepared", date=doc.today.isoformat()))} · '
            f'{_e(doc.tr("pack.year_line", year=doc.year))} · {_e(doc.scenario_line())}</div>{notice}{paras}</section>')


def document_html(doc: PackDoc, charts: Sequence[str], *, interactive: bool) -> str:
    """The pack as one HTML document; ``charts`` holds each exhibit's chart markup, in order."""
    lang_attr = "zh-CN" if doc.lang == "zh" else "en"
    notice = (f'<div class="badge">{_e(doc.tr("pack.demo_badge"))}</div>'
              f'<p class="notice">{_e(doc.tr("demo.notice"))}</p>') if doc.demo else ""
    toc = "".join(f'<li><span class="sec">{_e(sec)} · </span>{_e(ex.takeaway)}</li>' for sec, ex in doc.exhibits)
    cover = (f'<section class="page cover" id="cover"><div class="marking">{_e(doc.tr("brief.internal"))}</div>'
             f'<div class="org">{_e(doc.tr("app.subtitle"))}</div>'
             f"<h1>{_e(doc.title)}</h1>"
             f'<div class="meta">{_e(doc.tr("pack.prepared", date=doc.today.isoformat()))} · '
             f'{_e(doc.tr("pack.year_line", year=doc.year))} · {_e(doc.scenario_line())}</div>{notice}'
             f'<h2>{_e(doc.tr("cover.title"))}</h2>{_cover(doc.cover)}'
             f'<h2>{_e(doc.tr("pack.contents"))}</h2><ol class="toc">{toc}</ol></section>')
    dataset = doc.tr("pack.dataset_demo" if doc.demo else "pack.dataset_real")
    pages = [briefing_html(doc), cover]
    n = len(doc.exhibits)
    for i, ((sec, ex), chart) in enumerate(zip(doc.exhibits, charts), start=1):
        if _is_table_chart(ex):
            table = ""
        elif interactive:
            table = (f'<details><summary>{_e(doc.tr("pack.data_show", n=len(ex.data)))}</summary>'
                     f"{html_table(ex.data, doc.lang)}</details>")
        elif len(ex.data) <= PRINT_TABLE_ROWS:
            table = html_table(ex.data, doc.lang)
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
        body = html_table(shown, doc.lang)
    for s, levers in doc.levers():
        body += f"<h2>{_e(doc.tr('pack.levers', name=s.name, version=s.version))}</h2>"
        body += html_table(levers, doc.lang) if len(levers) else f"<p>{_e(doc.tr('pack.levers_none'))}</p>"
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
                                             footer=doc.footer(), header=doc.tr("brief.internal")))
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
