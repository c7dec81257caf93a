"""The meeting pack as a document (:class:`PackDoc`): everything its four formats show, collected once."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pandas as pd

from core.i18n import join, t
from core.sharing import export
from core.store import text
from core.views.exhibits import Exhibit, KeyFigure, ScenarioChoice, SectionContent


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
    exhibits: tuple[tuple[str, Exhibit], ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "exhibits", tuple((title, ex) for title, c in self.parts for ex in c.exhibits))

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
        """The line at the foot of every PDF page and slide."""
        parts = [self.title, self.today.isoformat()]
        if self.demo:
            parts.insert(1, self.tr("pack.demo_badge"))
        return " · ".join(parts)

    def file_name(self, ext: str) -> str:
        """``会议材料[-方案A+方案B]-YYYY-MM-DD.ext``."""
        names = "+".join(text.safe_part(s.name) for s in self.scenarios) or None
        return export.file_name(self.tr("pack.file_stem"), names, ext=ext, on=self.today)

    def levers(self) -> list[tuple[ScenarioChoice, pd.DataFrame]]:
        """Each chosen scenario's levers as a two-column table of text (values as saved, JSON-written)."""
        out = []
        for s in self.scenarios:
            rows = [(k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))  # as saved, one style
                    for k, v in sorted(s.levers.items())]
            out.append((s, pd.DataFrame(rows, columns=[self.tr("pack.col.lever"), self.tr("pack.col.value")])))
        return out
