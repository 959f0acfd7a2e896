"""Bulk steps on results: a round submitted or endorsed at once, OPDC's verification queue, verify or
return several results, all or nothing, each result audited on its own; the page, the API, the command."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from govkpi.core.models import WorkflowEvent
from govkpi.frameworks.models import Round
from govkpi.kpis.models import Kpi
from govkpi.kpis.selectors import reportable_in_round
from govkpi.notifications.models import Notification
from govkpi.organisations.access import Viewer
from govkpi.results import bulk, services
from govkpi.results.models import Result, ResultState
from govkpi.scorecards.verify import scores_verify

pytestmark = pytest.mark.django_db
JSON = "application/json"
AsViewer = Callable[[str], tuple[object, Viewer]]


@pytest.fixture
def mof_kpis(open_round: Round, mof_kpi: Kpi) -> list[Kpi]:
    """Three of MOF's KPIs in force in the open round (numeric ones, so 101 is a valid value)."""
    kpis = [
        kpi
        for kpi, version in reportable_in_round(open_round.framework, open_round, organisations=[mof_kpi.organisation_id])
        if version.measure != "milestone"
    ]
    assert len(kpis) >= 3, "the demo's MOF has three numeric KPIs in FY2565"
    return kpis[:3]


@pytest.fixture
def three(flow: Callable[..., Result], mof_kpis: list[Kpi]) -> Callable[[str], list[Result]]:
    def to(state: str) -> list[Result]:
        return [flow(state, value="101", kpi=kpi) for kpi in mof_kpis]

    return to


def events(result: Result, action: str) -> int:
    return WorkflowEvent.objects.filter(object_id=result.pk, action=action, kpi_id=result.kpi_id).count()


def test_verifying_several_results_audits_each_and_scores_stay_exact(
    three: Callable[[str], list[Result]], user_of: Callable[[str], object], open_round: Round
) -> None:
    results = three("endorsed")
    desk = user_of("opdc_desk")

    summary = bulk.results_bulk_transition(result_ids=[r.pk for r in results], action="verify", by=desk)

    assert summary.committed and len(summary.done) == 3 and not summary.refused
    for r in results:
        r.refresh_from_db()
        assert r.state == ResultState.VERIFIED and r.points is not None
        assert events(r, "result_verify_accept") == 1
        assert r.history.filter(state="verified", history_user=desk).exists()  # type: ignore[attr-defined]
    assert scores_verify([open_round.framework])[1] == []


def test_one_refused_result_means_nothing_is_written_and_the_summary_says_which_and_why(
    three: Callable[[str], list[Result]], flow: Callable[..., Result], user_of: Callable[[str], object]
) -> None:
    results = three("endorsed")
    submitted = results[2]
    submitted.state = ResultState.SUBMITTED  # one not yet endorsed by its executive
    submitted.save()

    with pytest.raises(bulk.BulkRefused) as refused:
        bulk.results_bulk_transition(result_ids=[r.pk for r in results], action="verify", by=user_of("opdc_desk"))

    summary = refused.value.summary
    assert refused.value.status == 409 and not summary.committed
    assert [i.result_id for i in summary.refused] == [submitted.pk]
    assert summary.refused[0].message_en == "This result has not been endorsed yet."
    assert summary.refused[0].kpi_code == submitted.kpi.code
    assert {i.result_id for i in summary.done} == {results[0].pk, results[1].pk}
    for r in results:
        r.refresh_from_db()
        assert r.state in {ResultState.ENDORSED, ResultState.SUBMITTED}
        assert events(r, "result_verify_accept") == 0


def test_returning_several_needs_a_note_and_a_coordinator_may_verify_none(
    three: Callable[[str], list[Result]], user_of: Callable[[str], object]
) -> None:
    ids = [r.pk for r in three("endorsed")]
    with pytest.raises(bulk.BulkRefused) as no_note:
        bulk.results_bulk_transition(result_ids=ids, action="return", by=user_of("opdc_desk"))
    assert no_note.value.status == 422 and len(no_note.value.summary.refused) == 3
    with pytest.raises(bulk.BulkRefused) as not_opdc:
        bulk.results_bulk_transition(result_ids=ids, action="verify", by=user_of("mof_coordinator"))
    assert not_opdc.value.status == 403
    summary = bulk.results_bulk_transition(result_ids=ids, action="return", by=user_of("opdc_desk"), note="ขาดหลักฐาน")
    assert {Result.objects.get(pk=i).state for i in ids} == {ResultState.RETURNED}


def test_another_organisations_result_is_not_found_and_never_named(
    three: Callable[[str], list[Result]], user_of: Callable[[str], object]
) -> None:
    result = three("submitted")[0]
    with pytest.raises(bulk.BulkRefused) as refused:
        bulk.results_bulk_transition(result_ids=[result.pk], action="endorse", by=user_of("cdd_executive"))
    assert refused.value.status == 404
    assert refused.value.summary.refused[0].kpi_code == ""


def test_the_coordinator_submits_a_round_and_the_executive_endorses_it_opdc_hears_once(
    three: Callable[[str], list[Result]], open_round: Round, user_of: Callable[[str], object]
) -> None:
    results = three("draft")
    organisation = results[0].organisation
    summary = bulk.round_bulk_transition(
        organisation=organisation, round_=open_round, action="submit", by=user_of("mof_coordinator")
    )
    assert len(summary.done) == 3
    assert all(events(r, "result_submit") == 1 for r in results)

    desk = user_of("opdc_desk")
    before = Notification.objects.filter(user=desk).count()
    bulk.round_bulk_transition(organisation=organisation, round_=open_round, action="endorse", by=user_of("mof.exec"))
    assert {r.state for r in Result.objects.filter(pk__in=[r.pk for r in results])} == {ResultState.ENDORSED}
    heard = Notification.objects.filter(user=desk).order_by("-pk")
    assert heard.count() == before + 1
    assert organisation.name_th in heard[0].subject_th and "3 ตัวชี้วัด" in heard[0].subject_th
    assert heard[0].url.startswith("/results/verify/?")


def test_opdc_hears_when_the_last_of_a_round_is_endorsed_one_by_one(
    three: Callable[[str], list[Result]], as_viewer: AsViewer, user_of: Callable[[str], object]
) -> None:
    results = three("submitted")
    desk = user_of("opdc_desk")
    user, viewer = as_viewer("mof.exec")
    before = Notification.objects.filter(user=desk).count()
    for r in results[:2]:
        services.result_endorse(viewer=viewer, user=user, result=r)
    assert Notification.objects.filter(user=desk).count() == before
    services.result_endorse(viewer=viewer, user=user, result=results[2])
    assert Notification.objects.filter(user=desk).count() == before + 1


def test_a_round_with_a_draft_without_value_is_not_submitted_at_all(
    three: Callable[[str], list[Result]], open_round: Round, user_of: Callable[[str], object]
) -> None:
    results = three("draft")
    Result.objects.filter(pk=results[1].pk).update(value=None)
    with pytest.raises(bulk.BulkRefused) as refused:
        bulk.round_bulk_transition(
            organisation=results[0].organisation, round_=open_round, action="submit", by=user_of("mof_coordinator")
        )
    assert refused.value.summary.refused[0].message_en == "Enter the result before submitting."
    assert set(Result.objects.filter(pk__in=[r.pk for r in results]).values_list("state", flat=True)) == {"draft"}


# ---------------------------------------------------------------- pages


def test_the_queue_lists_endorsed_results_across_organisations_and_filters(
    three: Callable[[str], list[Result]], client_as: Callable[[str], Client]
) -> None:
    results = three("endorsed")
    opdc = client_as("opdc_desk")
    page = opdc.get("/results/verify/?year=2565&round=6&organisation=MOF").content.decode()
    assert page.count('data-testid="verify-row"') == 3
    assert all(f'name="result" value="{r.pk}"' in page for r in results)
    assert "/results/MOF/2565/6/" in page
    none = opdc.get("/results/verify/?year=2565&round=6&organisation=MOF&group=provinces").content.decode()
    assert 'data-testid="verify-row"' not in none and 'data-testid="queue-empty"' in none
    verified = opdc.get("/results/verify/?organisation=MOF&state=verified").content.decode()
    assert not any(f'value="{r.pk}"' in verified for r in results)
    by_ministry = opdc.get(f"/results/verify/?ministry={results[0].organisation.code}&year=2565").content.decode()
    assert by_ministry.count('data-testid="verify-row"') == 3


def test_only_opdc_sees_the_queue(client_as: Callable[[str], Client]) -> None:
    assert client_as("opdc_admin").get("/results/verify/").status_code == 200
    for persona in ("committee_secretary", "mof_coordinator", "mof.exec", "moi_reviewer"):
        assert client_as(persona).get("/results/verify/").status_code == 403
    assert Client().get("/results/verify/").status_code == 302


def test_opdc_verifies_two_ticked_rows_and_sees_the_summary(
    three: Callable[[str], list[Result]], client_as: Callable[[str], Client]
) -> None:
    results = three("endorsed")
    opdc = client_as("opdc_desk")
    url = "/results/verify/?organisation=MOF"
    answer = opdc.post(url, {"result": [results[0].pk, results[1].pk], "action": "verify"}, follow=True)
    page = answer.content.decode()
    assert answer.redirect_chain[-1][0] == url
    assert 'data-committed="1"' in page and page.count('data-testid="bulk-done"') == 2
    assert [Result.objects.get(pk=r.pk).state for r in results] == ["verified", "verified", "endorsed"]
    returned = opdc.post(url, {"result": [results[2].pk], "action": "return"}, follow=True).content.decode()
    assert 'data-committed="0"' in returned and "กรุณาระบุความเห็นที่ส่งกลับ" in returned
    assert Result.objects.get(pk=results[2].pk).state == "endorsed"


def test_the_sheet_offers_the_round_steps_with_a_confirmation(
    three: Callable[[str], list[Result]], client_as: Callable[[str], Client]
) -> None:
    results = three("draft")
    coord = client_as("mof_coordinator")
    sheet = coord.get("/results/MOF/2565/6/").content.decode()
    assert 'data-testid="bulk-submit"' in sheet and 'data-testid="bulk-endorse"' not in sheet
    confirm = coord.get("/results/MOF/2565/6/bulk/submit/").content.decode()
    assert confirm.count('data-testid="bulk-pending"') == 3 and results[0].kpi.code in confirm
    assert Result.objects.get(pk=results[0].pk).state == "draft"  # looking is not sending
    coord.post("/results/MOF/2565/6/bulk/submit/")
    assert set(Result.objects.filter(pk__in=[r.pk for r in results]).values_list("state", flat=True)) == {"submitted"}
    executive = client_as("mof.exec")
    assert 'data-testid="bulk-endorse"' in executive.get("/results/MOF/2565/6/").content.decode()
    assert executive.get("/results/MOF/2565/6/bulk/submit/").status_code == 403
    executive.post("/results/MOF/2565/6/bulk/endorse/")
    assert set(Result.objects.filter(pk__in=[r.pk for r in results]).values_list("state", flat=True)) == {"endorsed"}


def test_the_framework_counters_link_to_the_queue_and_organisations_to_their_sheet(
    three: Callable[[str], list[Result]], client_as: Callable[[str], Client]
) -> None:
    three("endorsed")
    page = client_as("opdc_desk").get("/results/year/2565/agencies/").content.decode()
    assert "/results/verify/?year=2565&amp;group=agencies&amp;state=endorsed" in page
    assert 'href="/results/MOF/2565/6/" data-testid="progress-sheet"' in page


# ---------------------------------------------------------------- API and command


def test_the_api_verifies_several_or_answers_with_the_refused_rows(
    three: Callable[[str], list[Result]], client_as: Callable[[str], Client]
) -> None:
    results = three("endorsed")
    opdc = client_as("opdc_desk")
    queue = opdc.get("/api/v1/results/verification-queue?organisation=MOF&year=2565&months=6").json()
    assert queue["count"] == 3 and {i["id"] for i in queue["items"]} == {r.pk for r in results}
    assert queue["items"][0]["deadline"]
    assert client_as("mof_coordinator").get("/api/v1/results/verification-queue").status_code == 403
    assert opdc.get("/api/v1/results/verification-queue?year=1").status_code == 422

    ids = [r.pk for r in results]
    refused = opdc.post("/api/v1/results/bulk", {"action": "return", "result_ids": ids}, content_type=JSON)
    assert refused.status_code == 422
    assert {p["result_id"] for p in refused.json()["problems"]} == set(ids)
    done = opdc.post("/api/v1/results/bulk", {"action": "verify", "result_ids": ids}, content_type=JSON)
    assert done.status_code == 200 and done.json()["committed"] and len(done.json()["done"]) == 3
    assert opdc.post("/api/v1/results/bulk", {"action": "x", "result_ids": ids}, content_type=JSON).status_code == 422


def test_the_command_verifies_by_ids_or_a_whole_round(
    three: Callable[[str], list[Result]], capsys: pytest.CaptureFixture[str]
) -> None:
    results = three("endorsed")
    call_command("results", "bulk", "--action", "verify", "--user", "opdc.desk1", "--ids", str(results[0].pk))
    assert Result.objects.get(pk=results[0].pk).state == "verified"
    call_command(
        "results", "bulk", "--action", "verify", "--user", "opdc.desk1",
        "--organisation", "MOF", "--year", "2565", "--round", "6",
    )  # fmt: skip
    assert "2 verified" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("results", "bulk", "--action", "verify", "--user", "mof.coord", "--ids", str(results[0].pk))
