"""Charts as files: PNG/SVG through one persistent headless Chromium (kaleido), PDF from HTML through
the same browser, interactive HTML without it, and the file names every download carries.

Why one browser: starting Chromium costs 2-3.5 s, a render in a warm one 0.1-0.3 s. A
:class:`Renderer` starts its browser on the first request (never at import, never on a page view)
and keeps it for the life of the process; the app holds one in ``st.cache_resource``, the CLI and
the tests make their own. Renders may come from several threads at once (Streamlit runs deferred
downloads on worker threads): each is handed to the renderer's own event loop, which queues them.

Why not kaleido's global ``start_sync_server``: its queue returns answers in arrival order to
whichever caller asks first (wrong image to the wrong user under concurrency), a browser that fails
to start leaves callers waiting forever, and it has no way to print a page to PDF. Here every call
has its own future and a timeout, a failed browser is restarted on the next call, and the PDF of the
meeting pack is printed by the same warm browser (``Page.printToPDF``).

Without Chromium or Chinese fonts nothing here is started: :func:`missing` says what is absent and
:class:`RendererUnavailable` carries it, so pages can say how to install it. Point ``BROWSER_PATH``
at a missing file to try that path (the tests do).
"""
from __future__ import annotations

import asyncio
import atexit
import base64
import datetime as dt
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import weakref
from concurrent.futures import TimeoutError as FutureTimeout
from functools import cache
from pathlib import Path
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from core.store.text import neutralise_formulas, safe_part

log = logging.getLogger(__name__)

INSTALL_HINT: Final = "sudo apt install chromium fonts-noto-cjk"
CHART_WIDTH: Final = 800  # layout px of an exported chart: 13 px text stays ≥ 7 pt across a page of text
CHART_HEIGHT: Final = 420  # when the figure sets none
PNG_SCALE: Final = 2.0
MIME: Final[dict[str, str]] = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "html": "text/html",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}
PLOTLY_CONFIG: Final[dict[str, Any]] = {"displaylogo": False, "responsive": True}


class RendererUnavailable(RuntimeError):
    """Static export is impossible here: ``missing`` names what to install (``chromium``, ``fonts``)."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        self.missing = missing
        super().__init__(f"static export needs {' and '.join(missing)}; install with `{INSTALL_HINT}`")


class RenderError(RuntimeError):
    """The browser was there but a render failed or took too long (one line, for the user)."""


# --- what is installed ------------------------------------------------------------------------------
def _is_exe(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_browser() -> str | None:
    """The Chromium/Chrome executable to use: ``BROWSER_PATH`` if set (even if wrong), else the usual places.

    Looked up once per value of ``BROWSER_PATH`` (pages ask on every rerun, for every chart).
    """
    return _find_browser(os.environ.get("BROWSER_PATH"))


@cache
def _find_browser(override: str | None) -> str | None:
    if override is not None:
        return override if _is_exe(override) else None
    try:
        from choreographer.browsers.chromium import Chromium

        found = Chromium.find_browser(skip_local=False)
    except Exception:  # a broken install is the same as none: say so, do not crash
        found = None
    return str(found) if found and _is_exe(str(found)) else None


@cache
def has_cjk_fonts() -> bool:
    """Whether fontconfig knows a Chinese font (without one, exported charts show boxes).

    Where fontconfig's ``fc-list`` is not installed (Windows, macOS, minimal images) this cannot be
    checked and is assumed true: those systems ship Chinese fonts.
    """
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return True
    try:
        out = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return True
    return bool(out.stdout.strip())


def missing() -> tuple[str, ...]:
    """What static export lacks here: ``()`` when ready, else some of ``("chromium", "fonts")``."""
    gaps = []
    if find_browser() is None:
        gaps.append("chromium")
    if not has_cjk_fonts():
        gaps.append("fonts")
    return tuple(gaps)


def file_stem(*parts: str | None, on: dt.date | None = None) -> str:
    """``page-chart[-scenario]-YYYY-MM-DD``: the non-empty parts, made safe, then the date."""
    kept = [safe_part(p) for p in parts if p and safe_part(p)]
    return "-".join([*kept, (on or dt.date.today()).isoformat()])


def file_name(*parts: str | None, ext: str, on: dt.date | None = None) -> str:
    """:func:`file_stem` plus ``.ext``.

    ``file_name("总览", "overview-mode-mix", None, ext="png")`` → ``总览-overview-mode-mix-2026-11-27.png``.
    """
    return f"{file_stem(*parts, on=on)}.{ext}"


# --- figures as files ------------------------------------------------------------------------------
def static_figure(fig: go.Figure, *, width: int | None = None, height: int | None = None) -> dict[str, Any]:
    """The figure as a dict ready for a static render: explicit size and a little breathing room.

    On screen a figure fills its column; on paper it needs a size and margins so the title and
    the outer tick labels are not flush with the edge of the image.
    """
    out = go.Figure(fig)
    margin = out.layout.margin
    out.update_layout(
        width=width or CHART_WIDTH,
        height=height or out.layout.height or CHART_HEIGHT,
        margin={"l": max(margin.l or 0, 24), "r": max(margin.r or 0, 24), "b": max(margin.b or 0, 20),
                "t": max(margin.t or 0, 70)},
        title={"pad": {"l": 12}},
    )
    readable(out)
    return dict(out.to_plotly_json())


PRINT_FONT = 17  # px at the chart's layout size: legend and axis text readable from the back of a room
PRINT_TICKS = 16


def readable(fig: go.Figure) -> None:
    """Enlarge a figure's legend and axis text for an image (a slide, the PDF, a download): on a
    projected slide the screen's 12–13 px text is too small to read from the back of the room."""
    base = fig.layout.font.size or 13
    fig.update_layout(font={"size": max(base, PRINT_FONT)}, legend={"font": {"size": PRINT_FONT}})
    fig.update_xaxes(tickfont={"size": PRINT_TICKS}, title={"font": {"size": PRINT_FONT}})
    fig.update_yaxes(tickfont={"size": PRINT_TICKS}, title={"font": {"size": PRINT_FONT}})
    if fig.layout.title.text:
        fig.update_layout(title={"font": {"size": max(fig.layout.title.font.size or 0, PRINT_FONT + 3)}})


def chart_html(fig: go.Figure, title: str, *, lang: str = "zh", takeaway: str | None = None,
               data: pd.DataFrame | None = None) -> str:
    """One chart as a self-contained interactive web page (plotly.js inlined: works offline)."""
    body = pio.to_html(fig, full_html=False, include_plotlyjs=True, config=PLOTLY_CONFIG,
                       default_width="100%", default_height=f"{fig.layout.height or CHART_HEIGHT}px")
    head = f"<h1>{_esc(takeaway)}</h1>" if takeaway else ""
    table = data.to_html(index=False, border=0, classes="data", na_rep="") if data is not None else ""
    return (f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{_esc(title)}</title><style>body{{font-family:{_css_fonts()};color:#1f2933;margin:24px}}"
            "h1{font-size:20px}table.data{border-collapse:collapse;font-size:13px;margin-top:16px}"
            "table.data td,table.data th{border-bottom:1px solid #e4e7eb;padding:3px 10px;text-align:right}"
            f"</style></head><body>{head}{body}{table}</body></html>")


def table_xlsx(frames: dict[str, pd.DataFrame]) -> bytes:
    """Tables as one workbook, a sheet each (names as given, made valid), formula-injection safe."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in frames.items():
            safe = neutralise_formulas(frame)
            safe.columns = [_neutral_header(c) for c in safe.columns]
            sheet = sheet_name(name, set(writer.sheets))
            safe.to_excel(writer, sheet_name=sheet, index=False, freeze_panes=(1, 0))
            fit_columns(writer.sheets[sheet], safe)
    return buf.getvalue()


def _neutral_header(col: object) -> object:
    return "'" + col if isinstance(col, str) and col.startswith(("=", "+", "-", "@", "\t", "\r")) else col


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unused Excel sheet name: no ``[]:*?/\\``, at most 31 characters."""
    base = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'")[:31] or "sheet"
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    return candidate


def fit_columns(ws: Any, frame: pd.DataFrame) -> None:
    """Column widths from the longest cell (a Chinese character counts as two)."""
    from openpyxl.utils import get_column_letter

    for i, col in enumerate(frame.columns, start=1):
        cells = [str(col), *(str(v) for v in frame[col].head(200))]
        width = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in c) for c in cells)
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)


def _esc(text: object) -> str:
    import html

    return html.escape(str(text))


def _css_fonts() -> str:
    from core.views.charts import FONT_FAMILY

    return FONT_FAMILY


# --- the renderer -------------------------------------------------------------------------------------
class Renderer:
    """One headless Chromium driven through kaleido, started on first use, safe to share between threads."""

    def __init__(self, browser: str | None = None, *, timeout: float = 60.0) -> None:
        self._browser = browser
        self.timeout = timeout
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None
        self.starts = 0  # how many times a browser was launched (1 in a healthy process)
        atexit.register(_close_quietly, weakref.ref(self))

    @property
    def running(self) -> bool:
        """Whether a browser is up."""
        return self._kaleido is not None

    def missing(self) -> tuple[str, ...]:
        """What this renderer lacks (see :func:`missing`)."""
        if self._browser is None:
            return missing()
        return tuple(g for g, ok in (("chromium", _is_exe(self._browser)), ("fonts", has_cjk_fonts())) if not ok)

    def start(self) -> None:
        """Launch the browser unless it is up; raise :class:`RendererUnavailable` if it cannot be."""
        with self._lock:
            if self._kaleido is not None:
                return
            gaps = self.missing()
            if gaps:
                raise RendererUnavailable(gaps)
            path = self._browser or find_browser()
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="chart-renderer", daemon=True)
            thread.start()

            async def launch() -> Any:
                import kaleido

                k = kaleido.Kaleido(n=1, timeout=self.timeout, mathjax=False, path=path)
                await k.open()
                return k

            try:
                self._kaleido = asyncio.run_coroutine_threadsafe(launch(), loop).result(self.timeout)
            except Exception as exc:
                loop.call_soon_threadsafe(loop.stop)
                thread.join(5)
                raise RenderError(f"the browser at {path} did not start: {_first_line(exc)}") from exc
            self._loop, self._thread = loop, thread
            self.starts += 1

    def _run(self, make: Any, timeout: float | None = None) -> Any:
        """Run the coroutine made by ``make(kaleido)`` on the browser's loop and wait for its result."""
        self.start()
        assert self._loop is not None
        future = asyncio.run_coroutine_threadsafe(make(self._kaleido), self._loop)
        try:
            return future.result(timeout or self.timeout)
        except FutureTimeout as exc:
            future.cancel()
            self.close()  # a hung browser is replaced on the next call
            raise RenderError(f"rendering took longer than {timeout or self.timeout:.0f} s") from exc
        except Exception as exc:
            log.warning("render failed", exc_info=True)
            if not _browser_alive(self._kaleido):
                self.close()
            raise RenderError(_first_line(exc)) from exc

    def image(self, fig: go.Figure, fmt: str = "png", *, width: int | None = None, height: int | None = None,
              scale: float = PNG_SCALE) -> bytes:
        """The figure as PNG or SVG bytes (``width``/``height`` in layout px; PNG pixels are × ``scale``)."""
        spec = static_figure(fig, width=width, height=height)
        opts = {"format": fmt, "width": spec["layout"]["width"], "height": spec["layout"]["height"],
                "scale": scale if fmt == "png" else 1}
        return bytes(self._run(lambda k: k.calc_fig(spec, opts=opts)))

    def pdf(self, html: str, *, footer: str = "", header: str = "") -> bytes:
        """Print an HTML document (page size and margins from its CSS ``@page``) to PDF.

        ``footer`` is a line of plain text printed at the foot of every page beside the page number;
        ``header`` one at the top right of every page (the 内部资料 marking).
        """
        with tempfile.TemporaryDirectory(prefix="pack-") as tmp:
            page = Path(tmp) / "pack.html"
            page.write_text(html, encoding="utf-8")
            data = self._run(lambda k: _print_pdf(k, page.as_uri(), footer, header), timeout=max(self.timeout, 120))
        return base64.b64decode(data)

    def close(self) -> None:
        """Shut the browser down (a later call starts a new one)."""
        with self._lock:
            k, loop, thread = self._kaleido, self._loop, self._thread
            self._kaleido, self._loop, self._thread = None, None, None
        if loop is None:
            return
        if k is not None:
            try:
                asyncio.run_coroutine_threadsafe(k.close(), loop).result(10)
            except Exception:  # already dead: nothing to close
                log.debug("closing the browser failed", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(5)


async def _print_pdf(k: Any, url: str, footer: str, header: str = "") -> str:
    """Open ``url`` in a fresh tab of the warm browser, wait for it and its fonts, print it (base64 PDF)."""
    tab = await k.create_tab(url="", window=True)
    try:
        await tab.send_command("Page.enable")
        loaded = tab.subscribe_once("Page.loadEventFired")
        _check(await tab.send_command("Page.navigate", params={"url": url}))
        await loaded
        await tab.send_command("Runtime.evaluate", params={"expression": "document.fonts.ready.then(() => true)",
                                                           "awaitPromise": True})
        style = "font-size:7pt;color:#7b8794;width:100%;margin:0 15mm;display:flex;justify-content:space-between"
        result = _check(await tab.send_command("Page.printToPDF", params={
            "printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": True,
            "headerTemplate": (f'<div style="{style};justify-content:flex-end;font-weight:bold;color:#9c4f00">'
                               f"<span>{_esc(header)}</span></div>") if header else "<span></span>",
            "footerTemplate": f'<div style="{style}"><span>{_esc(footer)}</span>'
                              '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>',
        }))
        return str(result["result"]["data"])
    finally:
        await tab.close()


def _check(response: dict[str, Any]) -> dict[str, Any]:
    if "error" in response:
        raise RenderError(str(response["error"].get("message", response["error"])))
    return response


def _browser_alive(k: Any) -> bool:
    try:
        return k is not None and k.subprocess.poll() is None
    except AttributeError:
        return True


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _close_quietly(ref: weakref.ReferenceType[Renderer]) -> None:
    renderer = ref()
    if renderer is not None:
        renderer.close()


_shared: Renderer | None = None
_shared_lock = threading.Lock()


def shared_renderer() -> Renderer:
    """The process's renderer outside Streamlit (CLI, benchmarks): made once, started on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Renderer()
        return _shared
