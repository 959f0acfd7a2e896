"""Appeals within the window after publication, amended scores, and lessons learned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.utils import timezone

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.frameworks.models import Framework
from govkpi.organisations.models import Organisation
from govkpi.results import appeals
from govkpi.results.models import Appeal, LessonsSummary, OrganisationScore, Result

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(flow: Callable[..., Result]) -> Result:
    result = flow("approved", value="96")  # 50 + 1/5 × 25 = 55 points
    fw = result.round.framework
    fw.published_at = timezone.now() - dt.timedelta(days=2)
    fw.save()
    result.refresh_from_db()
    return result


def test_an_organisation_appeals_a_published_score_with_evidence_and_the_committee_upholds_it(
    published: Result, as_viewer, files
) -> None:  # type: ignore[no-untyped-def]
    assert published.points == Decimal("55")
    user, viewer = as_viewer("mof_coordinator")
    pdf = files.upload("หนังสืออุทธรณ์.pdf", files.pdf())
    appeal = appeals.appeal_file(
        viewer=viewer,
        user=user,
        result=published,
        reason_th="ข้อมูลเดือนกันยายนยังไม่ถูกนับ",
        requested_value="102",
        files=[(pdf.name, pdf, pdf.size)],
    )
    assert appeal.evidence.count() == 1
    assert appeal.old_points == Decimal("55")
    user, viewer = as_viewer("committee_secretary")
    appeal = appeals.appeal_decide(viewer=viewer, user=user, appeal=appeal, upheld=True, note_th="มติ อ.ก.พ.ร. เห็นชอบ")
    published.refresh_from_db()
    assert appeal.state == Appeal.State.UPHELD and appeal.new_points == Decimal("100")
    assert published.points == Decimal("100") and published.is_amended and published.verified_value == 102
    assert published.history.filter(points=Decimal("55")).exists()  # the old score stays in history
    score = OrganisationScore.objects.get(organisation=published.organisation, round=published.round)
    assert score.is_amended


def test_a_dismissed_appeal_keeps_the_score(published: Result, as_viewer) -> None:  # type: ignore[no-untyped-def]
    user, viewer = as_viewer("mof_coordinator")
    appeal = appeals.appeal_file(viewer=viewer, user=user, result=published, reason_th="ขอทบทวน")
    with pytest.raises(Conflict):
        appeals.appeal_file(viewer=viewer, user=user, result=published, reason_th="ซ้ำ")
    user, viewer = as_viewer("opdc_admin")
    appeal = appeals.appeal_decide(viewer=viewer, user=user, appeal=appeal, upheld=False, note_th="ไม่มีหลักฐานใหม่")
    published.refresh_from_db()
    assert appeal.state == Appeal.State.DISMISSED and published.points == Decimal("55") and not published.is_amended
    with pytest.raises(Conflict):
        appeals.appeal_decide(viewer=viewer, user=user, appeal=appeal, upheld=True, note_th="again")


def test_an_appeal_after_the_window_is_refused(published: Result, as_viewer) -> None:  # type: ignore[no-untyped-def]
    user, viewer = as_viewer("mof_coordinator")
    late = published.round.framework.published_at + dt.timedelta(
        days=published.round.framework.appeal_window_days, seconds=1
    )
    with pytest.raises(Conflict) as error:
        appeals.appeal_file(viewer=viewer, user=user, result=published, reason_th="ช้า", now=late)
    assert "พ้นกำหนด" in error.value.message_th


def test_an_unpublished_result_cannot_be_appealed(flow: Callable[..., Result], as_viewer) -> None:  # type: ignore[no-untyped-def]
    result = flow("approved")
    fw = result.round.framework
    fw.published_at = None
    fw.save()
    user, viewer = as_viewer("mof_coordinator")
    with pytest.raises(Conflict):
        appeals.appeal_file(viewer=viewer, user=user, result=result, reason_th="x")


def test_only_the_organisation_appeals_and_only_the_committee_or_opdc_decides(published: Result, as_viewer) -> None:  # type: ignore[no-untyped-def]
    user, viewer = as_viewer("cdd_coordinator")
    with pytest.raises(NotAllowed):
        appeals.appeal_file(viewer=viewer, user=user, result=published, reason_th="x")
    user, viewer = as_viewer("mof_coordinator")
    with pytest.raises(Invalid):
        appeals.appeal_file(viewer=viewer, user=user, result=published, reason_th=" ")
    appeal = appeals.appeal_file(viewer=viewer, user=user, result=published, reason_th="x")
    with pytest.raises(NotAllowed):
        appeals.appeal_decide(viewer=viewer, user=user, appeal=appeal, upheld=True, note_th="เห็นชอบตัวเอง")


def test_appeals_through_the_api(published: Result, client_as, files) -> None:  # type: ignore[no-untyped-def]
    response = client_as("mof_coordinator").post(
        f"/api/v1/results/{published.pk}/appeals",
        {"reason_th": "ขอทบทวน", "requested_value": "100", "files": [files.upload("ภาพ.png", files.png())]},
    )
    assert response.status_code == 201, response.content
    appeal_id = response.json()["id"]
    decided = client_as("opdc_admin").post(
        f"/api/v1/results/appeals/{appeal_id}/decide",
        {"upheld": True, "note_th": "เห็นชอบ"},
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["new_points"] == "75.0000"


def test_cdd_writes_lessons_learned_in_the_monitoring_only_year_and_opdc_summarises(
    as_viewer, client_as, demo_results
) -> None:  # type: ignore[no-untyped-def]
    fw = Framework.objects.get(fiscal_year__year=2564, group="agencies")
    cdd = Organisation.objects.get(code="CDD")
    assert fw.lessons.filter(organisation=cdd).exists()  # the demo's lessons
    user, viewer = as_viewer("cdd_coordinator")
    lesson = appeals.lessons_save(viewer=viewer, user=user, framework=fw, organisation=cdd, text_th="บทเรียนใหม่")
    assert lesson.text_th == "บทเรียนใหม่"
    with pytest.raises(NotAllowed):
        appeals.lessons_summary_save(viewer=viewer, user=user, framework=fw, text_th="สรุป")
    user, viewer = as_viewer("opdc_admin")
    appeals.lessons_summary_save(viewer=viewer, user=user, framework=fw, text_th="สรุปบทเรียนภาพรวมปี 2564")
    assert LessonsSummary.objects.get(framework=fw).text_th == "สรุปบทเรียนภาพรวมปี 2564"
    page = client_as("opdc_admin").get("/results/year/2564/agencies/lessons/").content.decode()
    assert "สรุปบทเรียนภาพรวมปี 2564" in page and "บทเรียนใหม่" in page
    own = client_as("cdd_coordinator").get("/results/year/2564/agencies/lessons/").content.decode()
    assert "บทเรียนใหม่" in own and "สรุปบทเรียนภาพรวมปี 2564" not in own  # OPDC's paper until published


def test_lessons_learned_are_refused_in_a_scored_year(as_viewer) -> None:  # type: ignore[no-untyped-def]
    fw = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    user, viewer = as_viewer("mof_coordinator")
    with pytest.raises(Conflict):
        appeals.lessons_save(
            viewer=viewer, user=user, framework=fw, organisation=Organisation.objects.get(code="MOF"), text_th="x"
        )


def test_an_appeals_files_stay_private_after_publication(published: Result, as_viewer, files, client_as) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    user, viewer = as_viewer("mof_coordinator")
    pdf = files.upload("หนังสืออุทธรณ์.pdf", files.pdf())
    appeal = appeals.appeal_file(
        viewer=viewer, user=user, result=published, reason_th="x", files=[(pdf.name, pdf, pdf.size)]
    )
    ev = appeal.evidence.get()
    assert Client().get(f"/results/evidence/{ev.pk}/").status_code == 403
    assert client_as("mof_coordinator").get(f"/results/evidence/{ev.pk}/").status_code == 200
    assert client_as("committee_secretary").get(f"/results/evidence/{ev.pk}/").status_code == 200
