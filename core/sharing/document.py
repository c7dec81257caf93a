"""The meeting pack as a document (:class:`PackDoc`): everything its four formats show, collected once."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from core.i18n import join, t
from core.sharing import export
from core.store import text
from core.views.briefing import Briefing, CoverFigure
from core.views.exhibits import Exhibit, KeyFigure, ScenarioChoice, SectionContent
from core.views.lever_words import settings_rows


def _same(a: Exhibit, b: Exhibit) -> bool:
    """Two exhibits that would print the same page: same key, or same takeaway over the same data."""
    return a.key == b.key or (a.takeaway == b.takeaway and a.data.shape == b.data.shape and a.data.equals(b.data))


# --- the document -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PackDoc:
    """Everything the four formats show, collected once."""

    lang: str
    today: dt.date
    year: int
    demo: bool
    scenarios: tuple[ScenarioChoice, ...]
    parts: tuple[tuple[str, SectionContent], ...]  # (section title, content)
    assumptions: pd.DataFrame  # the factors the sections used, with value, unit, basis, source
    briefing: Briefing | None = None  # the 汇报提纲 the pack opens with, and the cover's figures
    exhibits: tuple[tuple[str, Exhibit], ...] = field(init=False)

    def __post_init__(self) -> None:
        # every exhibit once: a chart two sections share is printed in the first of them
        kept: list[tuple[str, Exhibit]] = []
        for title, c in self.parts:
            for ex in c.exhibits:
                if not any(_same(ex, other) for _, other in kept):
                    kept.append((title, ex))
        object.__setattr__(self, "exhibits", tuple(kept))

    @property
    def cover(self) -> tuple[CoverFigure, ...]:
        """At most six figures for the cover, each explained in words."""
        return self.briefing.cover if self.briefing is not None else ()

    def caveats(self, section: str) -> tuple[str, ...]:
        """What a reader of ``section`` must keep in mind (speaker notes), with the data notice."""
        found = next((c.caveats for title, c in self.parts if title == section), ())
        return (*found, self.tr("demo.notice")) if self.demo else tuple(found)

    @property
    def title(self) -> str:
        """The pack's title."""
        return t("pack.title", self.lang)

    @property
    def key_figures(self) -> tuple[KeyFigure, ...]:
        """The sections' headline figures, for the cover."""
        return tuple(kf for _, c in self.parts for kf in c.key_figures)

    def tr(self, key: str, **fmt: object) -> str:
        """:func:`core.i18n.t` in the pack's language."""
        return t(key, self.lang, **fmt)

    def scenario_line(self) -> str:
        """"Scenarios: A, B" (or none)."""
        if not self.scenarios:
            return self.tr("pack.no_scenario")
        return self.tr("pack.scenario_line", names=join((s.name for s in self.scenarios), self.lang))

    def footer(self) -> str:
        """The line at the foot of every PDF page and slide: marking, title, date."""
        parts = [self.tr("brief.internal"), self.title, self.today.isoformat()]
        if self.demo:
            parts.insert(1, self.tr("pack.demo_badge"))
        return " · ".join(parts)

    def file_name(self, ext: str) -> str:
        """``会议材料[-方案A+方案B]-YYYY-MM-DD.ext``."""
        names = "+".join(text.safe_part(s.name) for s in self.scenarios) or None
        return export.file_name(self.tr("pack.file_stem"), names, ext=ext, on=self.today)

    def levers(self) -> list[tuple[ScenarioChoice, pd.DataFrame]]:
        """Each chosen scenario's settings as a two-column table of sentences (never the stored JSON)."""
        out = []
        for s in self.scenarios:
            rows = settings_rows(s.levers, self.lang)
            out.append((s, pd.DataFrame(rows, columns=[self.tr("pack.col.lever"), self.tr("pack.col.value")])))
        return out
