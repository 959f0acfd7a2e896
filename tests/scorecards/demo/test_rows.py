"""Rescoring reads plain rows; pages read model instances. Both must give the engine the same input."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict

from govkpi.frameworks.models import Framework, TargetLevel
from govkpi.results.models import Result
from govkpi.scorecards.build import build_scorecards
from govkpi.scorecards.rows import scorecard_rows
from govkpi.scorecards.services import rescore_report


def test_the_rows_rescoring_reads_give_the_engine_what_the_scorecard_pages_show() -> None:
    compared = 0
    for framework in Framework.objects.all():
        built = build_scorecards(framework)
        rows = scorecard_rows(framework)
        assert [(c.organisation.pk, c.round.pk) for c in rows] == [(c.organisation.pk, c.round.pk) for c in built]
        for row_card, built_card in zip(rows, built, strict=True):
            assert row_card.scorecard == built_card.scorecard
            assert [None if line.result is None else line.result.pk for line in row_card.lines] == [
                None if line.result is None else line.result.pk for line in built_card.lines
            ]
            compared += len(row_card.lines)
    assert compared > 1000  # the demo's years, versions and results were all read


def test_rescored_results_keep_a_history_row_as_they_now_stand_with_who_did_it() -> None:
    fy2565 = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    officer = get_user_model().objects.get(username="opdc.desk1")
    TargetLevel.objects.filter(framework=fy2565, order=2).update(points=Decimal(70))
    before = Result.history.count()  # type: ignore[attr-defined]
    report = rescore_report(fy2565, by=officer)
    assert report.results_updated > 0
    assert Result.history.count() == before + report.results_updated  # type: ignore[attr-defined]
    latest = Result.history.order_by("-history_id").first()  # type: ignore[attr-defined]
    assert latest.history_type == "~" and latest.history_user == officer
    assert latest.history_change_reason == ""
    current = Result.objects.get(pk=latest.id)
    assert model_to_dict(latest.instance) == model_to_dict(current)
    assert latest.points == current.points and latest.explanation == current.explanation
