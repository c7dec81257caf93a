"""The meeting pack as a 16:9 PowerPoint deck: one message per slide.

A title slide (marked 内部资料), the briefing (汇报提纲) a paragraph or two per slide, the cover's key
figures each with its explanation, then one slide per exhibit — a short headline as the slide title
and the rest of the takeaway as its subtitle, the chart, the exhibit's own key figures beside it, the
takeaway and the section's caveats in the speaker notes — then the assumptions and each chosen
scenario's settings in tables that are paginated to stay on the slide. Titles are real title
placeholders that shrink on overflow, so the outline view and screen readers show the storyline.
East-Asian text is set in Microsoft YaHei (on every Chinese Windows PC); viewers without it substitute
their own CJK font.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pandas as pd
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from core.sharing.document import PackDoc
from core.store.text import clean
from core.views.cells import no_negative_zero, table_texts
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
TITLE_WIDTH = 40  # display width (a Chinese character counts 2) a 26 pt title line holds
TABLE_TOP, TABLE_BOTTOM = Inches(1.75), Inches(6.85)
TABLE_PT = 11


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


def width_of(text: str) -> int:
    """Display width: a Chinese character takes two Latin ones."""
    return sum(2 if ch >= "\u2e80" else 1 for ch in text)


_BREAKS = ("：", "；", "。", ": ", "; ", "，", ", ", "（", " (")


def split_title(text: str, limit: int = 2 * TITLE_WIDTH) -> tuple[str, str]:
    """A takeaway as a short headline (at most two title lines) and the rest as a subtitle: the first
    clause that fits, cut at a colon, semicolon, full stop or comma."""
    if width_of(text) <= limit:
        return text, ""
    best = -1
    for mark in _BREAKS:
        i = text.find(mark)
        while i != -1:
            if width_of(text[:i]) <= limit and i > best and width_of(text[:i]) >= 12:
                best = i
            i = text.find(mark, i + 1)
        if best != -1 and mark in ("：", ": "):  # a colon separates the headline from its detail: prefer it
            break
    if best == -1:  # no clause fits: cut at the limit
        cut, w = 0, 0
        while cut < len(text) and w + width_of(text[cut]) <= limit - 2:
            w += width_of(text[cut])
            cut += 1
        return text[:cut] + "…", "…" + text[cut:]
    head = text[:best].rstrip("，,：:；; ")
    return head, text[best:].lstrip("：:；;，, 。").strip()


def _title(slide: Any, text: str) -> None:
    """The slide title: a headline that fits two lines (the rest below as a subtitle); shrinks on overflow."""
    head, rest = split_title(text)
    title = slide.shapes.title
    _place(title, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.0) if rest else Inches(1.15))
    title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    size = 26 if width_of(head) <= TITLE_WIDTH else 22
    _text(title.text_frame, [(head, size, True, INK)])
    title.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # PowerPoint shrinks rather than overflow
    if rest:
        box = slide.shapes.add_textbox(MARGIN, Inches(1.28), WIDTH - 2 * MARGIN, Inches(0.45))
        _text(box.text_frame, [(rest, 14 if width_of(rest) <= 150 else 12, False, MUTED)])
        box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE


def _notes(slide: Any, lines: Sequence[str]) -> None:
    """Speaker notes: the headline sentence, then what to keep in mind."""
    slide.notes_slide.notes_text_frame.text = "\n".join(x for x in lines if x)


def _footer(slide: Any, doc: PackDoc, number: int) -> None:
    box = slide.shapes.add_textbox(MARGIN, HEIGHT - Inches(0.45), WIDTH - 2 * MARGIN, Inches(0.3))
    _text(box.text_frame, [(f"{doc.footer()}    {doc.tr('brief.page', n=number)}", 10, False, MUTED)],
          align=PP_ALIGN.RIGHT)
    mark = slide.shapes.add_textbox(WIDTH - MARGIN - Inches(2.2), Inches(0.05), Inches(2.2), Inches(0.3))
    _text(mark.text_frame, [(doc.tr("brief.internal"), 11, True, WARN)], align=PP_ALIGN.RIGHT)


def _figures(slide: Any, figures: Sequence[KeyFigure], left: int, top: int, width: int) -> None:
    """Key figures stacked in a column: the value large, its label small beneath."""
    for i, (lbl, value) in enumerate(figures[:3]):
        box = slide.shapes.add_textbox(left, top + i * Inches(1.55), width, Inches(1.4))
        size = 26 if width_of(value) <= 12 else 20
        _text(box.text_frame, [(no_negative_zero(value), size, True, ACCENT), (lbl, 13, False, MUTED)])


def _picture(slide: Any, png: bytes, left: int, top: int, width: int, height: int) -> None:
    """The chart, as large as fits the box without distortion, centred in it."""
    w, h = Image.open(io.BytesIO(png)).size
    scale = min(width / w, height / h)
    pw, ph = int(w * scale), int(h * scale)
    slide.shapes.add_picture(io.BytesIO(png), left + (width - pw) // 2, top + (height - ph) // 2, pw, ph)


def _column_widths(frame: pd.DataFrame, texts: list[list[str]]) -> list[int]:
    """Column widths [EMU] in proportion to their text (long text capped), filling the slide's width."""
    total = WIDTH - 2 * MARGIN
    want = [min(max(width_of(str(c)), *(width_of(r[j]) for r in texts), 6), 70) for j, c in enumerate(frame.columns)]
    return [int(total * w / sum(want)) for w in want]


def _lines(text: str, width: int, size: float = TABLE_PT) -> int:
    """How many lines ``text`` takes in a cell ``width`` EMU wide at ``size`` pt."""
    per_line = max(1, int((width - Inches(0.2)) / Pt(size) * 1.9))  # Latin characters per line (a CJK one is 2)
    return max(1, -(-width_of(text) // per_line))


def paginate(frame: pd.DataFrame, lang: str) -> list[tuple[pd.DataFrame, list[list[str]], list[int], list[int]]]:
    """The rows of a table split into pages that stay on the slide: (rows, their texts, column widths,
    row heights [EMU]) per page; a row's height follows its longest cell."""
    texts = table_texts(frame, lang)
    widths = _column_widths(frame, texts)
    line = Pt(TABLE_PT) * 1.3
    head = max(_lines(str(c), w) for c, w in zip(frame.columns, widths)) * line + Inches(0.12)
    heights = [int(max(_lines(x, w) for x, w in zip(row, widths)) * line + Inches(0.12)) for row in texts]
    room = TABLE_BOTTOM - TABLE_TOP - head
    pages, start, used = [], 0, 0
    for i, h in enumerate(heights):
        if used + h > room and i > start:
            pages.append((start, i))
            start, used = i, 0
        used += h
    pages.append((start, len(heights)))
    return [(frame.iloc[a:b], texts[a:b], widths, [int(head), *heights[a:b]]) for a, b in pages if b > a or a == 0]


def _table(slide: Any, frame: pd.DataFrame, texts: list[list[str]], widths: list[int], heights: list[int]) -> None:
    rows, cols = len(frame) + 1, len(frame.columns)
    shape = slide.shapes.add_table(rows, cols, MARGIN, TABLE_TOP, WIDTH - 2 * MARGIN, sum(heights))
    table = shape.table
    for j, w in enumerate(widths):
        table.columns[j].width = Emu(w)
    for i, h in enumerate(heights):
        table.rows[i].height = Emu(h)
    for j, col in enumerate(frame.columns):
        _text(table.cell(0, j).text_frame, [(str(col), TABLE_PT + 1, True, INK)])
    for i, row in enumerate(texts, start=1):
        for j, text in enumerate(row):
            _text(table.cell(i, j).text_frame, [(text, TABLE_PT, False, INK)])


def _paragraph_slides(doc: PackDoc) -> list[list[tuple[str, str]]]:
    """The briefing's paragraphs grouped so each slide holds what it can read aloud (about 260 characters)."""
    assert doc.briefing is not None
    groups: list[list[tuple[str, str]]] = [[]]
    used = 0
    for _, head, body in doc.briefing.paragraphs:
        size = width_of(body)
        if groups[-1] and used + size > 520:
            groups.append([])
            used = 0
        groups[-1].append((head, body))
        used += size
    return groups


def deck(doc: PackDoc, pngs: Sequence[bytes]) -> bytes:
    """The pack as a .pptx file; ``pngs`` are the exhibits' charts, in order."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    number = 1

    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE])
    _place(slide.shapes.title, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(1.3))
    heading = doc.tr("brief.subtitle") if doc.briefing is not None else doc.title
    _text(slide.shapes.title.text_frame, [(heading, 34, True, INK)])
    slide.shapes.title.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    lines = [(doc.title, 18, False, MUTED), (doc.tr("pack.prepared", date=doc.today.isoformat()), 16, False, MUTED),
             (f"{doc.tr('pack.year_line', year=doc.year)} · {doc.scenario_line()}", 16, False, MUTED)]
    if doc.demo:
        lines.append((doc.tr("demo.notice"), 14, True, WARN))
    sub = slide.placeholders[1]
    _place(sub, MARGIN, Inches(3.1), WIDTH - 2 * MARGIN, Inches(2.2))
    _text(sub.text_frame, lines)
    _notes(slide, [doc.title, doc.scenario_line(), doc.tr("demo.notice") if doc.demo else ""])
    _footer(slide, doc, number)

    if doc.briefing is not None:  # the briefing first: what the meeting is asked to hear and decide
        for group in _paragraph_slides(doc):
            number += 1
            slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
            _title(slide, f"{doc.tr('brief.title')} · {join(h for h, _ in group)}")
            box = slide.shapes.add_textbox(MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, Inches(5.4))
            paras: list[tuple[str, float, bool, RGBColor]] = []
            for head, body in group:
                paras += [(head, 18, True, ACCENT), (body, 15 if width_of(body) < 420 else 13, False, INK)]
            _text(box.text_frame, paras)
            box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
            _notes(slide, [f"{h}\n{b}" for h, b in group])
            _footer(slide, doc, number)
        number += 1
        slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
        _title(slide, doc.tr("cover.title"))
        cols, w = 3, (WIDTH - 2 * MARGIN) // 3
        for i, f in enumerate(doc.cover):
            box = slide.shapes.add_textbox(MARGIN + (i % cols) * w, Inches(1.6) + (i // cols) * Inches(2.6),
                                           w - Inches(0.25), Inches(2.4))
            _text(box.text_frame, [(f.label, 13, True, INK), (no_negative_zero(f.value), 24, True, ACCENT),
                                   (f.explanation, 11, False, MUTED)])
            box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        _notes(slide, [f"{f.label}：{f.value}。{f.explanation}" for f in doc.cover])
        _footer(slide, doc, number)

    for (sec, ex), png in zip(doc.exhibits, pngs):
        number += 1
        slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
        _title(slide, ex.takeaway)
        figures = ex.key_figures  # the exhibit's own figures only: never another chart's tiles
        chart_w = WIDTH - 2 * MARGIN - (Inches(3.3) if figures else 0)
        _picture(slide, png, MARGIN, Inches(1.8), chart_w, Inches(5.0))
        if figures:
            _figures(slide, figures, WIDTH - MARGIN - Inches(3.0), Inches(2.0), Inches(3.0))
        _notes(slide, [ex.takeaway, *doc.caveats(sec)])
        _footer(slide, doc, number)

    effective = doc.tr("pack.col.effective")
    shown = doc.assumptions.assign(**{effective: doc.assumptions[effective].astype(str)}) \
        if effective in doc.assumptions else doc.assumptions
    tables: list[tuple[str, pd.DataFrame | str]] = [(doc.tr("pack.assumptions"), shown) if len(shown) else
                                                     (doc.tr("pack.assumptions"), doc.tr("pack.assumptions_none"))]
    for s, levers in doc.levers():
        title = doc.tr("pack.levers", name=s.name, version=s.version)
        tables.append((title, levers) if len(levers) else (title, doc.tr("pack.levers_none")))
    for title, body in tables:
        if isinstance(body, str):
            number += 1
            slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
            _title(slide, title)
            box = slide.shapes.add_textbox(MARGIN, Inches(1.8), WIDTH - 2 * MARGIN, Inches(1.0))
            _text(box.text_frame, [(body, 18, False, INK)])
            _footer(slide, doc, number)
            continue
        pages = paginate(body, doc.lang)
        for k, (rows, texts, widths, heights) in enumerate(pages, start=1):
            number += 1
            slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
            _title(slide, title if len(pages) == 1 else f"{title}（{k}/{len(pages)}）")
            _table(slide, rows, texts, widths, heights)
            _footer(slide, doc, number)

    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def join(items: Any) -> str:
    """Headings joined with a middle dot."""
    return " · ".join(str(x) for x in items)
