"""Verification by OPDC, the committee's approval, locks, unlocking, and publication."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.core.models import WorkflowEvent
from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.models import Kpi
from govkpi.publication.services import publication_publish
from govkpi.results import selectors, services
from govkpi.results.models import OrganisationScore, Result, ResultState

pytestmark = pytest.mark.django_db


def test_accepting_a_result_scores_it_with_the_engine_and_explains_it(flow: Callable[..., Result]) -> None:
    result = flow("verified", value="101")  # targets 95 / 100 / 102 → 75 + 1/2 × 25
    result.refresh_from_db()
    assert result.state == ResultState.VERIFIED
    assert result.points == Decimal("87.5")
    assert "101" in result.explanation["th"]
    assert OrganisationScore.objects.filter(organisation=result.organisation, round=result.round).exists()


def test_a_verified_value_with_a_reason_replaces_the_reported_one_in_the_score(
    flow: Callable[..., Result], as_viewer
) -> None:  # type: ignore[no-untyped-def]
    result = flow("endorsed", value="101")
    user, viewer = as_viewer("opdc_desk")
    with pytest.raises(Invalid) as error:
        services.result_verify(viewer=viewer, user=user, result=result, action="set_value", verified_value="100")
    assert error.value.field == "comment"
    result = services.result_verify(
        viewer=viewer, user=user, result=result, action="set_value", verified_value="100", comment="ตรวจพบข้อมูลซ้ำ"
    )
    result.refresh_from_db()
    assert result.value == Decimal("101") and result.verified_value == Decimal("100")
    assert result.points == Decimal("75")
    assert result.verification_note_th == "ตรวจพบข้อมูลซ้ำ"


def test_the_desk_returns_a_result_with_comments_to_the_coordinator(flow: Callable[..., Result], as_viewer) -> None:  # type: ignore[no-untyped-def]
    result = flow("endorsed")
    user, viewer = as_viewer("opdc_desk")
    with pytest.raises(Invalid):
        services.result_verify(viewer=viewer, user=user, result=result, action="return")
    result = services.result_verify(viewer=viewer, user=user, result=result, action="return", comment="ขาดหลักฐาน")
    assert result.state == ResultState.RETURNED
    assert WorkflowEvent.objects.filter(
        object_id=result.pk, action="result_verify_return", comment="ขาดหลักฐาน"
    ).exists()


def test_only_opdc_verifies_and_only_endorsed_results(flow: Callable[..., Result], as_viewer) -> None:  # type: ignore[no-untyped-def]
    result = flow("submitted")
    user, viewer = as_viewer("opdc_desk")
    with pytest.raises(Conflict):
        services.result_verify(viewer=viewer, user=user, result=result, action="accept")
    user, viewer = as_viewer("mof.exec")
    result = services.result_endorse(viewer=viewer, user=user, result=result)
    with pytest.raises(NotAllowed):
        services.result_verify(viewer=viewer, user=user, result=result, action="accept")


def test_approval_locks_results_and_records_the_meeting(flow: Callable[..., Result]) -> None:
    result = flow("approved")
    assert result.state == ResultState.APPROVED
    assert result.is_locked
    assert result.approval_ref_th == "อ.ก.พ.ร. ครั้งที่ 1/2566"


def test_a_locked_result_cannot_be_edited_even_by_its_coordinator(
    flow: Callable[..., Result], as_viewer, open_round: Round, mof_kpi: Kpi
) -> None:  # type: ignore[no-untyped-def]
    result = flow("approved")
    user, viewer = as_viewer("mof_coordinator")
    with pytest.raises(Conflict) as error:
        services.result_save(
            viewer=viewer,
            user=user,
            kpi=mof_kpi,
            round_=open_round,
            value="1",
            narrative_th="",
            lock_version=result.lock_version,
        )
    assert "ล็อก" in error.value.message_th
    user, viewer = as_viewer("opdc_desk")
    with pytest.raises(Conflict):
        services.result_verify(viewer=viewer, user=user, result=result, action="accept")


def test_editing_a_locked_result_through_the_api_is_409(flow: Callable[..., Result], client_as) -> None:  # type: ignore[no-untyped-def]
    result = flow("approved")
    response = client_as("mof_coordinator").post(
        "/api/v1/results/report",
        {"kpi_id": result.kpi_id, "months": 6, "value": "1", "lock_version": result.lock_version},
        content_type="application/json",
    )
    assert response.status_code == 409


def test_opdc_unlocks_with_a_reason_and_the_result_goes_back_to_the_coordinator(
    flow: Callable[..., Result], as_viewer, open_round: Round, mof_kpi: Kpi
) -> None:  # type: ignore[no-untyped-def]
    result = flow("approved")
    user, viewer = as_viewer("mof_coordinator")
    with pytest.raises(NotAllowed):
        services.result_unlock(viewer=viewer, user=user, result=result, reason="ขอแก้")
    user, viewer = as_viewer("opdc_admin")
    with pytest.raises(Invalid):
        services.result_unlock(viewer=viewer, user=user, result=result, reason="")
    result = services.result_unlock(viewer=viewer, user=user, result=result, reason="คณะทำงานให้ทบทวนข้อมูล")
    assert not result.is_locked and result.state == ResultState.RETURNED
    assert WorkflowEvent.objects.filter(
        object_id=result.pk, action="result_unlock", comment="คณะทำงานให้ทบทวนข้อมูล"
    ).exists()
    user, viewer = as_viewer("mof_coordinator")
    edited = services.result_save(
        viewer=viewer,
        user=user,
        kpi=mof_kpi,
        round_=open_round,
        value="102",
        narrative_th="",
        lock_version=result.lock_version,
    )
    assert edited.value == 102


def test_approval_needs_a_meeting_reference_and_verified_results(
    flow: Callable[..., Result], as_viewer, open_round: Round
) -> None:  # type: ignore[no-untyped-def]
    flow("endorsed")
    user, viewer = as_viewer("opdc_admin")
    with pytest.raises(Invalid):
        services.round_approve(viewer=viewer, user=user, round_=open_round, reference_th=" ")
    with pytest.raises(Conflict):
        services.round_approve(viewer=viewer, user=user, round_=open_round, reference_th="ครั้งที่ 2/2566")
    user, viewer = as_viewer("mof_coordinator")
    with pytest.raises(NotAllowed):
        services.round_approve(viewer=viewer, user=user, round_=open_round, reference_th="ครั้งที่ 2/2566")


def test_a_meeting_resolution_approves_through_the_service_without_a_viewer(
    flow: Callable[..., Result], user_of, open_round: Round
) -> None:  # type: ignore[no-untyped-def]
    result = flow("verified")
    count = services.results_approve(
        round_=open_round, by=user_of("committee_secretary"), reference_th="มติ อ.ก.พ.ร. ครั้งที่ 3/2566"
    )
    assert count >= 1
    result.refresh_from_db()
    assert result.is_locked


def test_unpublished_results_are_hidden_from_the_public_and_other_organisations(
    flow: Callable[..., Result], as_viewer
) -> None:  # type: ignore[no-untyped-def]
    fw = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    fw.published_at = None
    fw.save()
    result = flow("approved")
    from govkpi.organisations.access import PUBLIC

    assert not selectors.visible_results(PUBLIC).filter(pk=result.pk).exists()
    _, cdd = as_viewer("cdd_coordinator")
    assert not selectors.visible_results(cdd).filter(pk=result.pk).exists()
    answer = Client().get(f"/api/v1/results/{result.pk}")  # never the live row: the demo's snapshot instead
    assert answer.status_code == 303 and answer["Location"].startswith("/api/v1/public/2565/agencies/")


def test_publishing_makes_approved_results_readable_by_anyone_and_never_a_draft(
    flow: Callable[..., Result], as_viewer
) -> None:  # type: ignore[no-untyped-def]
    fw = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    fw.published_at = None
    fw.save()
    result = flow("approved")
    draft = flow("draft", kpi=Kpi.objects.get(code="MOF-65-04"))
    user, viewer = as_viewer("opdc_desk")
    with pytest.raises(NotAllowed):
        publication_publish(viewer=viewer, user=user, framework=fw, months=6, confirm=True, gap_reason="x")
    user, viewer = as_viewer("opdc_admin")
    with pytest.raises(Conflict):  # MOF's 6-month round still holds a draft: no organisation is complete
        publication_publish(viewer=viewer, user=user, framework=fw, months=6, confirm=True, gap_reason="x")
    public = Client()
    assert public.get("/public/2565/agencies/?version=1").status_code == 200  # the demo's snapshot stays
    for pk in (result.pk, draft.pk):  # the public reads the demo's snapshot, never the live rows
        answer = public.get(f"/api/v1/results/{pk}")
        assert answer.status_code == 303 and answer["Location"].startswith("/api/v1/public/2565/agencies/")


def test_a_monitoring_only_year_shows_no_band_anywhere(client_as, demo_results) -> None:  # type: ignore[no-untyped-def]
    fw = Framework.objects.get(fiscal_year__year=2564, group="agencies")
    assert fw.monitoring_only
    assert OrganisationScore.objects.filter(framework=fw).exclude(band="").count() == 0
    page = client_as("cdd_coordinator").get("/results/CDD/2564/12/").content.decode()
    assert "ระดับคุณภาพ" not in page and "ระดับมาตรฐาน" not in page and 'data-testid="band"' not in page
    assert "ไม่จัดระดับ" in page
    scores = client_as("opdc_admin").get(f"/api/v1/results/scores?framework_id={fw.pk}").json()
    assert scores and all(s["band"] is None for s in scores)
