"""What English pages say instead of Thai: states, history, notifications, the committee summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape

from govkpi.frameworks.models import DeadlineExtension
from govkpi.kpis import workflow
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.models import Proposal
from govkpi.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _submit_p24_in_english(user_of: Callable[[str], object]) -> Proposal:
    p = Proposal.objects.select_related("framework", "organisation").get(
        organisation__code="P24", framework__fiscal_year__year=2566
    )
    DeadlineExtension.objects.create(
        framework=p.framework,
        organisation=p.organisation,
        new_deadline=timezone.localdate() + dt.timedelta(days=30),
        reason="ขยายเวลาเพื่อทดสอบ",
        granted_by=user_of("opdc_admin"),
    )
    with translation.override("en"):  # the coordinator reads the site in English
        return workflow.transition(p, "submit", by=user_of("ccs_coordinator"))  # type: ignore[arg-type]


def test_a_state_reads_in_the_page_language() -> None:
    with translation.override("en"):
        assert str(ProposalState.SUBMITTED.label) == "Submitted, awaiting the executive's endorsement"
    with translation.override("th"):
        assert str(ProposalState.SUBMITTED.label) == "ส่งแล้ว รอผู้บริหารรับรอง"


def test_a_notification_keeps_a_thai_subject_and_shows_english_on_english_pages(
    user_of: Callable[[str], object], client_as: Callable[[str], Client]
) -> None:
    _submit_p24_in_english(user_of)
    note = Notification.objects.filter(user=user_of("ccs_executive")).latest("pk")
    assert "ส่งแล้ว รอผู้บริหารรับรอง" in note.subject_th and "Submitted" not in note.subject_th
    assert "Submitted, awaiting the executive's endorsement" in note.subject_en
    client = client_as("ccs_executive")
    assert note.subject_th in client.get("/inbox/").content.decode()
    client.cookies["django_language"] = "en"
    assert escape(note.subject_en) in client.get("/inbox/").content.decode()


def test_the_proposal_history_reads_in_english(
    user_of: Callable[[str], object], client_as: Callable[[str], Client]
) -> None:
    p = _submit_p24_in_english(user_of)
    client = client_as("ccs_coordinator")
    client.cookies["django_language"] = "en"
    html = client.get(f"/proposals/{p.pk}/").content.decode()
    assert "<strong>Submit the KPI proposal</strong>" in html
    assert "Draft → Submitted, awaiting the executive&#x27;s endorsement" in html


def test_the_committee_summary_has_english_prose_on_english_pages(client_as: Callable[[str], Client]) -> None:
    client = client_as("opdc_admin")
    client.cookies["django_language"] = "en"
    html = client.get("/reports/summary/?year=2565&group=agencies").content.decode()
    assert "were evaluated on" in html and "Most KPIs were picked from OPDC&#x27;s KPI Basket" in html
    assert "FY2565 (2022)" in html
    client.cookies["django_language"] = "th"
    assert (
        "ในปีงบประมาณ พ.ศ. 2565 มีส่วนราชการเข้ารับการประเมิน"
        in client.get("/reports/summary/?year=2565&group=agencies").content.decode()
    )
