"""A reviewer cites a target quality flag in a comment: the "cite" link opens the comment form on
that KPI row with the flag and its message filled in; the stored comment carries the flag, shows it
as a chip and names it in the audit trail; a flag that is not one, or without its KPI, is refused."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.test import Client

from govkpi.core.errors import Invalid
from govkpi.core.models import WorkflowEvent
from govkpi.kpis import comments
from govkpi.kpis.models import Proposal, ProposalComment

pytestmark = pytest.mark.django_db

UserOf = Callable[[str], User]
ClientAs = Callable[[str], Client]


@pytest.fixture
def mof() -> Proposal:
    """MOF's live-year proposal, submitted: its executive is the reviewer at this step."""
    return Proposal.objects.select_related("framework", "organisation").get(
        organisation__code="MOF", framework__fiscal_year__year=2570
    )


def test_a_comment_citing_a_flag_stores_it_and_audits_it(mof: Proposal, user_of: UserOf) -> None:
    kpi = mof.kpis.get(code="MOF-70-02")
    comment = comments.comment_add(
        proposal=mof, by=user_of("mof.exec"), text="ขอให้ทบทวนค่าเป้าหมาย", kpi=kpi, flag="below_last_actual"
    )
    assert ProposalComment.objects.get(pk=comment.pk).flag == "below_last_actual"
    event = WorkflowEvent.objects.filter(object_id=mof.pk, action="comment").latest("at")
    assert event.comment == "[ค่าเป้าหมายต่ำกว่าผลปีก่อน] ขอให้ทบทวนค่าเป้าหมาย" and event.kpi_id == kpi.pk


def test_an_unknown_flag_or_a_flag_without_its_kpi_is_refused_naming_the_field(mof: Proposal, user_of: UserOf) -> None:
    kpi = mof.kpis.get(code="MOF-70-02")
    with pytest.raises(Invalid) as bad:
        comments.comment_add(proposal=mof, by=user_of("mof.exec"), text="x", kpi=kpi, flag="too_easy")
    assert bad.value.field == "flag"
    with pytest.raises(Invalid) as whole:
        comments.comment_add(proposal=mof, by=user_of("mof.exec"), text="x", flag="below_plan")
    assert whole.value.field == "kpi"
    assert not ProposalComment.objects.filter(proposal=mof).exists()


def test_the_cite_link_fills_the_comment_form_for_that_kpi_row(mof: Proposal, client_as: ClientAs) -> None:
    kpi = mof.kpis.get(code="MOF-70-02")
    executive = client_as("mof.exec")
    panel = executive.get(f"/proposals/{mof.pk}/quality/", headers={"HX-Request": "true"}).content.decode()
    assert 'data-testid="cite-below_last_actual"' in panel  # the reviewer at this step may cite
    query = urlencode({"cite": kpi.pk, "flag": "below_last_actual", "note": "ค่าเป้าหมายมาตรฐาน 100 ต่ำกว่าผลปี 2569"})
    html = executive.get(f"/proposals/{mof.pk}/?{query}").content.decode()
    form = html[html.index('id="comment-form"') : html.index("</details>", html.index('id="comment-form"'))]
    assert " open>" in form.split("\n")[0]
    assert f'<option value="{kpi.pk}" selected>' in form
    assert '<input type="hidden" name="flag" value="below_last_actual">' in form
    assert "ค่าเป้าหมายมาตรฐาน 100 ต่ำกว่าผลปี 2569</textarea>" in form
    # a forged cite (unknown flag, another proposal's KPI) opens nothing
    other = Proposal.objects.get(organisation__code="CDD", framework__fiscal_year__year=2566).kpis.first()
    assert other is not None
    for bad in ({"cite": kpi.pk, "flag": "nonsense"}, {"cite": other.pk, "flag": "below_plan"}):
        assert 'name="flag"' not in executive.get(f"/proposals/{mof.pk}/?{urlencode(bad)}").content.decode()


def test_the_posted_form_saves_the_flag_and_the_row_shows_it_as_a_chip(mof: Proposal, client_as: ClientAs) -> None:
    kpi = mof.kpis.get(code="MOF-70-02")
    executive = client_as("mof.exec")
    saved = executive.post(
        f"/proposals/{mof.pk}/comments/", {"kpi": kpi.pk, "flag": "below_last_actual", "text_th": "โปรดทบทวน"}
    )
    assert saved.status_code == 302
    html = client_as("mof_coordinator").get(f"/proposals/{mof.pk}/").content.decode()
    row = html[html.index(f'data-code="{kpi.code}"') :]
    row = row[: row.index("</tr>")]
    assert 'data-testid="comment-flag" data-flag="below_last_actual"' in row and "โปรดทบทวน" in row


def test_the_comments_api_takes_and_gives_the_flag(mof: Proposal, client_as: ClientAs) -> None:
    kpi = mof.kpis.get(code="MOF-70-05")
    executive = client_as("mof.exec")
    made = executive.post(
        f"/api/v1/proposals/{mof.pk}/comments",
        {"text_th": "ผลปีก่อน 360 คะแนน", "kpi_id": kpi.pk, "flag": "below_last_actual"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["flag"] == "below_last_actual"
    bad = executive.post(
        f"/api/v1/proposals/{mof.pk}/comments",
        {"text_th": "x", "kpi_id": kpi.pk, "flag": "nonsense"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["field"] == "flag"
    listed = executive.get(f"/api/v1/proposals/{mof.pk}/comments").json()
    assert [c["flag"] for c in listed["items"]] == ["below_last_actual"]
