"""Stored scores follow every write of the results workflow at once, in the same transaction,
and only the scorecard that changed is touched; `govkpi scores verify` finds nothing afterwards."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import call_command

from govkpi.frameworks.models import Round
from govkpi.organisations.access import Viewer
from govkpi.results import services
from govkpi.results.models import OrganisationScore, Result

Flow = Callable[..., Result]
AsViewer = Callable[[str], tuple[object, Viewer]]


def _stored(result: Result) -> OrganisationScore | None:
    return OrganisationScore.objects.filter(organisation_id=result.organisation_id, round_id=result.round_id).first()


def test_verifying_a_result_updates_the_stored_scorecard_at_once(
    flow: Flow, as_viewer: AsViewer, open_round: Round
) -> None:
    endorsed = flow("endorsed")
    assert endorsed.points is None and _stored(endorsed) is None  # not verified: it does not count yet
    others = OrganisationScore.history.exclude(organisation_id=endorsed.organisation_id).count()  # type: ignore[attr-defined]

    user, viewer = as_viewer("opdc_desk")
    verified = services.result_verify(viewer=viewer, user=user, result=endorsed, action="accept")

    verified.refresh_from_db()
    assert verified.points is not None and verified.explanation.get("th")
    score = _stored(verified)
    assert score is not None and score.total >= verified.weighted  # type: ignore[operator]
    # Only this organisation's scorecard for this round was written.
    assert OrganisationScore.history.exclude(organisation_id=verified.organisation_id).count() == others  # type: ignore[attr-defined]


def test_a_returned_result_no_longer_counts_in_the_stored_score(flow: Flow, as_viewer: AsViewer) -> None:
    verified = flow("verified")
    user, viewer = as_viewer("opdc_desk")
    services.result_verify(viewer=viewer, user=user, result=verified, action="return", comment="ขอหลักฐานเพิ่ม")
    verified.refresh_from_db()
    assert verified.points is None


def test_unlocking_an_approved_result_takes_it_out_of_the_stored_score_until_verified_again(
    flow: Flow, as_viewer: AsViewer
) -> None:
    approved = flow("approved")
    assert approved.points is not None and _stored(approved) is not None
    user, viewer = as_viewer("opdc_admin")
    services.result_unlock(viewer=viewer, user=user, result=approved, reason="แก้ไขตามหลักฐานใหม่")
    approved.refresh_from_db()
    assert approved.points is None
    call_command("scores", "verify", "--year", "2565", "--group", "agencies")


def test_the_whole_workflow_leaves_no_difference_for_scores_verify(
    flow: Flow, as_viewer: AsViewer, capsys: pytest.CaptureFixture[str]
) -> None:
    result = flow("verified")
    user, viewer = as_viewer("opdc_desk")
    services.result_verify(viewer=viewer, user=user, result=result, action="return", comment="ขอหลักฐานเพิ่ม")
    flow("approved", value="102")
    call_command("scores", "verify")
    assert " 0 difference(s)" in capsys.readouterr().out
