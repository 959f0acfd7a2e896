"""Committee and meeting pages: numbering, Buddhist-era dates, who may see and create what."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.reviews.models import Meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chonburi_coordinator")]


def seed_meeting(number: str) -> Meeting:
    n, year = (int(x) for x in number.split("/"))
    return Meeting.objects.get(
        number=n, year_be=year, committee__code="OPDC-SUB" if number == "6/2565" else "WG-AGENCIES"
    )


def test_the_meeting_list_shows_numbers_buddhist_era_dates_and_the_electronic_mode(
    client_as: Callable[[str], Client],
) -> None:
    html = client_as("committee.member").get("/meetings/").content.decode()
    assert "ครั้งที่ 6/2565" in html and "22 ก.ย. 2565" in html
    assert "ครั้งที่ 2/2564" in html and "17 ก.ย. 2564" in html
    assert "ผ่านสื่ออิเล็กทรอนิกส์" in html
    assert "นายวรากรณ์ สามโกเศศ" in html


def test_a_meeting_page_shows_agenda_items_and_their_resolutions(client_as: Callable[[str], Client]) -> None:
    meeting = seed_meeting("6/2565")
    html = client_as("committee.member").get(f"/meetings/{meeting.pk}/").content.decode()
    assert "ครั้งที่ 6/2565" in html
    assert "22 กันยายน 2565" in html
    assert "มติ: เห็นชอบ" in html and "มติ: รับทราบ" in html and "มติ: ให้ความคิดเห็น" in html
    assert "บันทึกมติ" not in html  # members read only


def test_the_committee_secretary_creates_a_meeting_with_a_buddhist_era_date(
    client_as: Callable[[str], Client],
) -> None:
    from govkpi.reviews.models import Committee

    committee = Committee.objects.get(code="OPDC-SUB")
    response = client_as("committee_secretary").post(
        "/meetings/new/",
        {
            "committee": committee.pk,
            "number": 1,
            "year_be": 2566,
            "held_on": "15/12/2565",
            "mode": "electronic",
            "chair_th": "นายวรากรณ์ สามโกเศศ",
        },
    )
    meeting = Meeting.objects.get(committee=committee, number=1, year_be=2566)
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.held_on.isoformat() == "2022-12-15"
    assert meeting.history.first().history_user.username == "committee.secretary"  # type: ignore[attr-defined]


def test_a_meeting_number_cannot_be_used_twice(client_as: Callable[[str], Client]) -> None:
    meeting = seed_meeting("6/2565")
    response = client_as("committee_secretary").post(
        "/meetings/new/",
        {"committee": meeting.committee_id, "number": 6, "year_be": 2565, "held_on": "1/10/2565", "mode": "electronic"},
    )
    assert response.status_code == 200
    assert "ครั้งที่ 6/2565 อยู่แล้ว" in response.content.decode()


def test_members_and_coordinators_cannot_create_meetings(client_as: Callable[[str], Client]) -> None:
    assert client_as("committee.member").get("/meetings/new/").status_code == 403
    assert client_as("cdd_coordinator").get("/meetings/new/").status_code == 403


def test_an_organisation_sees_only_meetings_that_concern_it(client_as: Callable[[str], Client]) -> None:
    mof = client_as("mof_coordinator").get("/meetings/").content.decode()
    assert "ครั้งที่ 2/2564" in mof  # recommendation to MOF
    assert "ครั้งที่ 4/2566" not in mof and "ครั้งที่ 6/2565" not in mof
    chonburi = client_as("chonburi.coord").get("/meetings/").content.decode()
    assert "ครั้งที่ 4/2566" in chonburi  # its change request is on the agenda
    assert "ครั้งที่ 2/2564" not in chonburi
    cdd = client_as("cdd_coordinator").get("/meetings/").content.decode()
    assert "ครั้งที่" not in cdd
    assert client_as("cdd_coordinator").get(f"/meetings/{seed_meeting('2/2564').pk}/").status_code == 404


def test_inside_a_meeting_an_organisation_sees_only_its_own_recommendations(
    client_as: Callable[[str], Client],
) -> None:
    html = client_as("mof_coordinator").get(f"/meetings/{seed_meeting('2/2564').pk}/").content.decode()
    assert "กระทรวงการคลัง ควรนำประเด็น" in html
    assert "กระทรวงพาณิชย์ ควรเพิ่มตัวชี้วัด" not in html


def test_the_public_is_sent_to_log_in(client: Client) -> None:
    response = client.get("/meetings/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_committees_are_listed_with_their_meeting_counts(client_as: Callable[[str], Client]) -> None:
    html = client_as("committee_secretary").get("/committees/").content.decode()
    assert "WG-AGENCIES" in html and "OPDC-SUB" in html


def test_the_meeting_page_makes_as_many_queries_for_ten_agenda_items_as_for_one(
    client_as: Callable[[str], Client],
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from govkpi.kpis.models import ChangeRequest

    meeting = seed_meeting("6/2565")
    client = client_as("committee_secretary")
    cr = ChangeRequest.objects.filter(organisation__code="P20").first()  # the demo's pending request

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/meetings/{meeting.pk}/")
        return len(ctx.captured_queries)

    meeting.agenda_items.first().change_requests.set([cr])  # type: ignore[union-attr]
    few = queries()
    for n in range(10):
        meeting.agenda_items.create(order=10 + n, title_th=f"วาระ {n}").change_requests.set([cr])
    assert queries() == few
