"""The queue through its three doors: the signed-in home page, GET /api/v1/me/queue, `govkpi queue`;
and the proposal list a coordinator works from."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from govkpi.kpis import workflow
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.models import Proposal
from govkpi.organisations.access import viewer_for
from govkpi.results.models import Result, ResultState
from govkpi.worklist.selectors import work_for

pytestmark = pytest.mark.django_db

ClientAs = Callable[[str], Client]
UserOf = Callable[[str], User]

ITEM = re.compile(r'<li data-testid="queue-item" data-kind="(\w+)"[^>]*>\s*<a href="([^"]+)">')


def proposal(org: str, year: int = 2566) -> Proposal:
    return Proposal.objects.select_related("framework").get(organisation__code=org, framework__fiscal_year__year=year)


@pytest.fixture
def returned_to_khon_kaen(user_of: UserOf) -> Proposal:
    p = proposal("P40")
    workflow.transition(p, "return", by=user_of("moi_reviewer"), comment="ทบทวนค่าเป้าหมายตัวชี้วัดที่ 2")
    return p


@pytest.fixture
def endorsed_results() -> int:
    ids = list(
        Result.objects.filter(organisation__code="MOF", round__framework__fiscal_year__year=2565, round__months=12)
        .order_by("pk")
        .values_list("pk", flat=True)[:3]
    )
    return Result.objects.filter(pk__in=ids).update(state=ResultState.ENDORSED, is_locked=False)


def test_the_coordinators_home_is_the_queue_each_item_a_link_with_the_comment(
    client_as: ClientAs, returned_to_khon_kaen: Proposal
) -> None:
    page = client_as("kkn_coordinator").get("/").content.decode()
    assert ("proposal_returned", f"/proposals/{returned_to_khon_kaen.pk}/") in ITEM.findall(page)
    assert "ทบทวนค่าเป้าหมายตัวชี้วัดที่ 2" in page
    assert 'data-testid="queue-counter" data-kind="proposal_returned"' in page
    assert 'href="/proposals/?state=returned"' in page  # the counter links to the filtered list
    assert "กรอบการประเมิน" in page  # the frameworks are still there, below the queue


def test_opdcs_home_links_each_organisations_endorsed_round_to_the_verification_queue(
    client_as: ClientAs, endorsed_results: int
) -> None:
    page = client_as("opdc_desk").get("/").content.decode()
    items = ITEM.findall(page)
    assert ("results_to_verify", "/results/verify/?organisation=MOF&amp;year=2565&amp;round=12") in items
    assert "ตรวจสอบผล 3 ตัวชี้วัด" in page


def test_an_overdue_draft_is_marked_on_the_home_page(client_as: ClientAs) -> None:
    page = client_as("ccs_coordinator").get("/").content.decode()  # FY2566's deadline was in 2022
    assert re.search(r'data-kind="proposal_draft" data-overdue="1"', page)
    assert 'data-testid="deadline" data-overdue="1"' in page and "เลยกำหนด" in page


def test_the_queue_reads_in_english(client_as: ClientAs, returned_to_khon_kaen: Proposal) -> None:
    client = client_as("kkn_coordinator")
    client.cookies["django_language"] = "en"
    page = client.get("/").content.decode()
    assert "Waiting for you" in page and "Proposals returned for revision" in page


def test_the_logged_out_home_still_shows_the_published_results(client: Client) -> None:
    page = client.get("/").content.decode()
    assert 'data-testid="queue"' not in page
    assert "ผลการประเมินที่เผยแพร่แล้ว" in page


def test_the_api_answers_the_same_queue_as_the_page(
    client_as: ClientAs, user_of: UserOf, returned_to_khon_kaen: Proposal
) -> None:
    answer = client_as("kkn_coordinator").get("/api/v1/me/queue")
    assert answer.status_code == 200
    items = answer.json()["items"]
    expected = work_for(viewer_for(user_of("kkn_coordinator")), timezone.localdate())
    assert [(i["kind"], i["url"]) for i in items] == [(i.kind, i.url) for i in expected]
    [returned] = [i for i in items if i["kind"] == "proposal_returned"]
    assert returned["comment"] == "ทบทวนค่าเป้าหมายตัวชี้วัดที่ 2" and returned["organisation"] == "ขอนแก่น"
    assert set(returned) >= {"kind", "title", "organisation", "url", "due", "days_left", "overdue", "comment"}


def test_the_api_queue_is_for_signed_in_people(client: Client) -> None:
    assert client.get("/api/v1/me/queue").status_code == 401


def test_the_command_prints_the_queue_and_its_json(endorsed_results: int) -> None:
    out = io.StringIO()
    call_command("queue", user="opdc.desk1", stdout=out)
    assert "results_to_verify\t-\t\tMOF\tตรวจสอบผล 3 ตัวชี้วัด\t/results/verify/?organisation=MOF" in out.getvalue()
    out = io.StringIO()
    call_command("queue", "--user", "ccs.coord", "--json", "--today", "2022-07-20", stdout=out)
    document = json.loads(out.getvalue())
    [draft] = [i for i in document["items"] if i["year"] == 2566]  # the live year's draft is there too
    assert draft["kind"] == "proposal_draft" and draft["due"] == "2022-08-01" and draft["days_left"] == 12


def test_the_command_refuses_an_unknown_user() -> None:
    with pytest.raises(CommandError):
        call_command("queue", user="nobody")


# --- the proposal list --------------------------------------------------------------------------


def test_a_provincial_coordinator_lists_only_its_own_proposals(client_as: ClientAs) -> None:
    client = client_as("ccs_coordinator")
    page = client.get("/proposals/").content.decode()
    own = Proposal.objects.filter(organisation__code="P24").count()
    assert page.count('data-testid="proposal-row"') == own < 10
    api = client.get("/api/v1/proposals/").json()
    assert api["count"] == own and {p["organisation"] for p in api["items"]} == {"P24"}


def test_a_published_proposal_of_another_organisation_still_opens(client_as: ClientAs) -> None:
    published = Proposal.objects.filter(framework__published_at__isnull=False, organisation__code="MOF").first()
    assert published is not None
    assert client_as("ccs_coordinator").get(f"/proposals/{published.pk}/").status_code == 200


def test_the_moi_reviewer_lists_provinces_and_opdc_lists_all(client_as: ClientAs) -> None:
    moi = client_as("moi_reviewer").get("/api/v1/proposals/?limit=500").json()
    codes = {p["organisation"] for p in moi["items"]}
    assert codes and all(code.startswith("P") or code == "MOI" for code in codes)
    assert client_as("opdc_desk").get("/api/v1/proposals/").json()["count"] == Proposal.objects.count()


def test_the_state_counters_link_to_the_filtered_list(client_as: ClientAs) -> None:
    Proposal.objects.filter(pk=proposal("CDD").pk).update(state=ProposalState.SUBMITTED)
    client = client_as("opdc_desk")
    page = client.get("/proposals/?year=2566&group=agencies").content.decode()
    assert re.search(r'href="\?year=2566&amp;group=agencies&amp;state=submitted"[^>]*>\s*<div class="n">1</div>', page)
    filtered = client.get("/proposals/?year=2566&group=agencies&state=submitted").content.decode()
    assert filtered.count('data-testid="proposal-row"') == 1


def test_an_organisation_filter_longer_than_a_code_is_refused_by_the_api(client_as: ClientAs) -> None:
    assert client_as("opdc_desk").get("/api/v1/proposals/?organisation=" + "X" * 31).status_code == 422
    assert client_as("opdc_desk").get("/proposals/?organisation=" + "X" * 300).status_code == 200
