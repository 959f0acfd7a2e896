"""Recommendations to named organisations: each sees and answers its own, audited."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.core.errors import NotAllowed
from govkpi.reviews import services
from govkpi.reviews.models import Recommendation

pytestmark = pytest.mark.django_db


def to(code: str) -> Recommendation:
    return Recommendation.objects.get(organisation__code=code)


def test_an_organisation_sees_its_own_recommendations_and_a_count_on_its_home_page(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("mof_coordinator")
    assert "ข้อเสนอแนะของคณะกรรมการที่รอคำตอบ 1 เรื่อง" in client.get("/").content.decode()
    html = client.get("/recommendations/").content.decode()
    assert "กระทรวงการคลัง ควรนำประเด็น" in html
    assert "กระทรวงพาณิชย์" not in html


def test_the_organisation_answers_and_the_answer_is_audited(
    client_as: Callable[[str], Client], user_of: Callable[[str], object]
) -> None:
    rec = to("MOF")
    response = client_as("mof_coordinator").post(
        f"/recommendations/{rec.pk}/answer/", {"answer_th": "จะนำไปประกอบการกำหนดตัวชี้วัดปีถัดไป"}
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.answer_th == "จะนำไปประกอบการกำหนดตัวชี้วัดปีถัดไป" and rec.answered_by.username == "mof.coord"  # type: ignore[union-attr]
    last = rec.history.first()  # type: ignore[attr-defined]
    assert last.history_user.username == "mof.coord" and last.answer_th == rec.answer_th
    assert "รอคำตอบ" not in client_as("mof_coordinator").get("/").content.decode()


def test_another_organisation_cannot_see_or_answer_a_recommendation_not_addressed_to_it(
    client_as: Callable[[str], Client], user_of: Callable[[str], object]
) -> None:
    rec = to("MOF")
    response = client_as("cdd_coordinator").post(f"/recommendations/{rec.pk}/answer/", {"answer_th": "x"})
    assert response.status_code == 404
    assert client_as("cdd_coordinator").get("/api/v1/reviews/recommendations").json() == []
    with pytest.raises(NotAllowed):
        services.recommendation_answer(by=user_of("cdd_coordinator"), recommendation=rec, answer_th="x")  # type: ignore[arg-type]
    rec.refresh_from_db()
    assert rec.answer_th == ""


def test_the_secretary_records_a_recommendation_on_a_meeting(
    client_as: Callable[[str], Client], user_of: Callable[[str], object]
) -> None:
    from govkpi.organisations.models import Organisation
    from govkpi.reviews.models import Meeting

    meeting = Meeting.objects.get(number=6, year_be=2565)
    cdd = Organisation.objects.get(code="CDD")
    client_as("committee_secretary").post(
        f"/meetings/{meeting.pk}/recommendations/", {"organisation": cdd.pk, "text_th": "ควรทบทวนค่าเป้าหมาย"}
    )
    assert Recommendation.objects.filter(meeting=meeting, organisation=cdd).exists()
    html = client_as("cdd_coordinator").get("/recommendations/").content.decode()
    assert "ควรทบทวนค่าเป้าหมาย" in html
    assert "ส่งคำตอบ" in html
