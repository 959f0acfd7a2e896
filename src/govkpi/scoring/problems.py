"""Problems found in a framework, scorecard or scorecard document, and the error that carries them.

Every problem names its rule (a stable code that screens and tests can match on), the KPI or
component concerned, and the path of the offending value, so a form can put the message next to
the field and the CLI can point at the line of JSON to fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule, explained in Thai (for the organisation) and English (for the log).

    `field` is the path of the value, written the same way for documents and dataclasses:
    `kpis[2].result`, `framework.components[0].weight`."""

    rule: str
    message_th: str
    message_en: str
    kpi: str | None = None
    field: str | None = None
    component: str | None = None

    def where(self) -> str:
        """`kpis[2].result (K3)`: the path first, then the KPI or component it belongs to."""
        owner = self.kpi if self.kpi is not None else self.component
        place = self.field or ""
        if owner:
            return f"{place} ({owner})" if place else owner
        return place

    def as_dict(self) -> dict[str, str | None]:
        return {
            "rule": self.rule,
            "kpi": self.kpi,
            "component": self.component,
            "field": self.field,
            "th": self.message_th,
            "en": self.message_en,
        }

    def __str__(self) -> str:
        where = self.where()
        text = f"{self.message_th} / {self.message_en}"
        return f"{where}: {text}" if where else text


class ScorecardInvalid(ValueError):
    """Raised instead of scoring anything when at least one rule is broken; holds every problem."""

    problems: list[Problem]

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        summary = "; ".join(str(p) for p in self.problems[:3])
        more = f" (and {count - 3} more)" if count > 3 else ""
        super().__init__(f"{count} problem(s): {summary}{more}")
