"""The meeting pack as a 16:9 PowerPoint deck: one message per slide.

A title slide (title, date, data notice, scenarios, headline figures), then one slide per exhibit —
its takeaway as the slide title, the chart, two or three key figures beside it — then the
assumptions with their sources and each chosen scenario's levers. Titles are real title placeholders, so the outline view and screen readers show
the storyline. East-Asian text is set in Microsoft YaHei (on every Chinese Windows PC); viewers
without it substitute their own CJK font.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pandas as pd
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from core.sharing.document import PackDoc
from core.store.text import clean
from core.views.exhibits import KeyFigure

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.55)
EA_FONT = "Microsoft YaHei"
LATIN_FONT = "Arial"
# python-pptx's RGBColor is untyped; these four are the only calls
INK: RGBColor = RGBColor.from_string("1F2933")  # type: ignore[no-untyped-call]
MUTED: RGBColor = RGBColor.from_string("616E7C")  # type: ignore[no-untyped-call]
ACCENT: RGBColor = RGBColor.from_string("1F4E8C")  # type: ignore[no-untyped-call]
WARN: RGBColor = RGBColor.from_string("9C4F00")  # type: ignore[no-untyped-call]
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5
ASSUMPTION_ROWS_PER_SLIDE = 10


def _font(run: Any, size: float, *, bold: bool = False, color: RGBColor = INK) -> None:
    """Size, weight, colour, and both the Latin and the East-Asian typeface of a run."""
    f = run.font
    f.size, f.bold = Pt(size), bold
    f.color.rgb = color
    f.name = LATIN_FONT
    rpr = run._r.get_or_add_rPr()  # python-pptx sets only <a:latin>; Chinese needs <a:ea> too
    for old in rpr.findall(qn("a:ea")):
        rpr.remove(old)
    ea = rpr.makeelement(qn("a:ea"), {"typeface": EA_FONT})
    rpr.find(qn("a:latin")).addnext(ea)


def _text(frame: Any, lines: Sequence[tuple[str, float, bool, RGBColor]], *, align: Any = PP_ALIGN.LEFT) -> None:
    """Fill a text frame with ``(text, size, bold, colour)`` paragraphs."""
    frame.clear()
    frame.word_wrap = True
    for i, (text, size, bold, color) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = clean(text, multiline=True)  # a stored name with a control character would break the XML
        _font(run, size, bold=bold, color=color)


def _place(shape: Any, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _title(slide: Any, text: str) -> None:
    """The slide title: the takeaway, sized so two lines fit."""
    title = slide.shapes.title
    _place(title, MARGIN, Inches(0.35), WIDTH - 2 * MARGIN, Inches(1.15))
    title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    size = 28 if len(text) <= 34 else 24 if len(text) <= 52 else 20
    _text(title.text_frame, [(text, size, True, INK)])


def _footer(slide: Any, doc: PackDoc, number: int) -> None:
    box = slide.shapes.add_textbox(MARGIN, HEIGHT - Inches(0.45), WIDTH - 2 * MARGIN, Inches(0.3))
    _text(box.text_frame, [(f"{doc.footer()}    {number}", 10, False, MUTED)], align=PP_ALIGN.RIGHT)


def _figures(slide: Any, figures: Sequence[KeyFigure], left: int, top: int, width: int) -> None:
    """Key figures stacked in a column: the value large, its label small beneath."""
    for i, (lbl, value) in enumerate(figures[:3]):
        box = slide.shapes.add_textbox(left, top + i * Inches(1.55), width, Inches(1.4))
        size = 26 if len(value) <= 12 else 20
        _text(box.text_frame, [(value, size, True, ACCENT), (lbl, 13, False, MUTED)])


def _picture(slide: Any, png: bytes, left: int, top: int, width: int, height: int) -> None:
    """The chart, as large as fits the box without distortion, centred in it."""
    w, h = Image.open(io.BytesIO(png)).size
    scale = min(width / w, height / h)
    pw, ph = int(w * scale), int(h * scale)
    slide.shapes.add_picture(io.BytesIO(png), left + (width - pw) // 2, top + (height - ph) // 2, pw, ph)


def _table(slide: Any, frame: pd.DataFrame, top: int) -> None:
    rows, cols = len(frame) + 1, len(frame.columns)
    shape = slide.shapes.add_table(rows, cols, MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.4) * rows)
    table = shape.table
    for j, col in enumerate(frame.columns):
        _text(table.cell(0, j).text_frame, [(str(col), 12, True, INK)])
    for i, rec in enumerate(frame.itertuples(index=False), start=1):
        for j, v in enumerate(rec):
            _text(table.cell(i, j).text_frame, [("" if pd.isna(v) else str(v), 11, False, INK)])


def deck(doc: PackDoc, pngs: Sequence[bytes]) -> bytes:
    """The pack as a .pptx file; ``pngs`` are the exhibits' charts, in order."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    number = 1

    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE])
    _place(slide.shapes.title, MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(1.3))
    _text(slide.shapes.title.text_frame, [(doc.title, 36, True, INK)])
    lines = [(doc.tr("pack.prepared", date=doc.today.isoformat()), 16, False, MUTED),
             (f"{doc.tr('pack.year_line', year=doc.year)} · {doc.scenario_line()}", 16, False, MUTED)]
    if doc.demo:
        lines.append((doc.tr("demo.notice"), 14, True, WARN))
    sub = slide.placeholders[1]
    _place(sub, MARGIN, Inches(2.6), WIDTH - 2 * MARGIN, Inches(1.6))
    _text(sub.text_frame, lines)
    figures = doc.key_figures[:4]
    col = (WIDTH - 2 * MARGIN) // max(len(figures), 1)
    for i, (lbl, value) in enumerate(figures):
        box = slide.shapes.add_textbox(MARGIN + i * col, Inches(4.7), col - Inches(0.2), Inches(1.3))
        _text(box.text_frame, [(value, 22 if len(value) <= 14 else 18, True, ACCENT), (lbl, 13, False, MUTED)])
    _footer(slide, doc, number)

    for (sec, ex), png in zip(doc.exhibits, pngs):
        number += 1
        slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
        _title(slide, ex.takeaway)
        figures = ex.key_figures or dict(doc.parts)[sec].key_figures
        chart_w = WIDTH - 2 * MARGIN - (Inches(3.3) if figures else 0)
        _picture(slide, png, MARGIN, Inches(1.6), chart_w, Inches(5.2))
        if figures:
            _figures(slide, figures, WIDTH - MARGIN - Inches(3.0), Inches(1.9), Inches(3.0))
        _footer(slide, doc, number)

    shown = doc.assumptions.assign(**{doc.tr("pack.col.effective"): doc.assumptions[
        doc.tr("pack.col.effective")].astype(str)})
    pages: list[tuple[str, pd.DataFrame | str]] = [
        (doc.tr("pack.assumptions"), shown.iloc[i:i + ASSUMPTION_ROWS_PER_SLIDE])
        for i in range(0, len(shown), ASSUMPTION_ROWS_PER_SLIDE)] or [
        (doc.tr("pack.assumptions"), doc.tr("pack.assumptions_none"))]
    for s, levers in doc.levers():
        title = doc.tr("pack.levers", name=s.name, version=s.version)
        pages += [(title, levers.iloc[i:i + ASSUMPTION_ROWS_PER_SLIDE])
                  for i in range(0, len(levers), ASSUMPTION_ROWS_PER_SLIDE)] or [(title, doc.tr("pack.levers_none"))]
    for title, body in pages:
        number += 1
        slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
        _title(slide, title)
        if isinstance(body, str):
            box = slide.shapes.add_textbox(MARGIN, Inches(1.8), WIDTH - 2 * MARGIN, Inches(1.0))
            _text(box.text_frame, [(body, 18, False, INK)])
        else:
            _table(slide, body, Inches(1.7))
        _footer(slide, doc, number)

    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
