"""`govkpi scores verify`: every stored score recomputed from scratch and compared, nothing written.

The stored values (each Result's points, weighted score and explanation; each organisation's
total, band and components per round) must be exactly what `services.expect` computes from the
data today. Any difference means a write changed a score's input without rescoring: a bug.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from govkpi.frameworks.models import Framework
from govkpi.results.models import OrganisationScore
from govkpi.scorecards.rows import scorecard_rows
from govkpi.scorecards.services import ExpectedScore, expect

Where = tuple[str, str, int]


@dataclass(frozen=True)
class Difference:
    """One stored value that is not what the engine computes."""

    framework: str
    organisation: str
    round_months: int
    item: str  # a KPI code, "result #id" (a KPI not in force that round) or "total"
    field: str  # points, weighted, explanation, total, band, components, score
    stored: object
    expected: object

    def __str__(self) -> str:
        return (
            f"{self.framework} {self.organisation} {self.round_months} เดือน {self.item} {self.field}: "
            f"stored {self.stored!r} ≠ expected {self.expected!r}"
        )


def scores_verify(frameworks: Iterable[Framework]) -> tuple[int, list[Difference]]:
    """(scorecards checked, every difference) over these frameworks."""
    checked = 0
    differences: list[Difference] = []
    for framework in frameworks:
        label = f"{framework.fiscal_year.year}/{framework.group}"
        stored_scores = {
            (s.organisation_id, s.round_id): s
            for s in OrganisationScore.objects.filter(framework=framework).select_related("organisation", "round")
        }
        seen: set[tuple[int, int]] = set()
        for card in scorecard_rows(framework):
            if not card.has_results:
                continue
            checked += 1
            key = (card.organisation.pk, card.round.pk)
            seen.add(key)
            where = (label, card.organisation.code, card.round.months)

            def differ(item: str, field: str, stored: object, expected: object, where: Where = where) -> None:
                if stored != expected:
                    differences.append(Difference(*where, item, field, stored, expected))

            codes = {line.result.pk: line.input.code for line in card.lines if line.result is not None}
            expected = expect(card)
            for line in expected.lines:
                item = codes.get(line.stored.pk, f"result #{line.stored.pk}")
                differ(item, "points", line.stored.points, line.points)
                differ(item, "weighted", line.stored.weighted, line.weighted)
                differ(item, "explanation", line.stored.explanation, line.explanation())
            stored = stored_scores.get(key)
            if expected.score is None or stored is None:
                differ("total", "score", _total(stored), _total(expected.score))
                continue
            differ("total", "total", stored.total, expected.score.total)
            differ("total", "band", stored.band, expected.score.band)
            differ("total", "components", stored.components, expected.score.components)
        for key, stored in stored_scores.items():
            if key not in seen:  # a total kept for a scorecard with no result at all
                differences.append(
                    Difference(
                        label, stored.organisation.code, stored.round.months, "total", "score", stored.total, None
                    )
                )
    return checked, differences


def _total(score: OrganisationScore | ExpectedScore | None) -> object:
    return None if score is None else score.total
