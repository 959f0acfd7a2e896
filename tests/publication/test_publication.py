"""Publication snapshots: what the public reads is what OPDC published, version by version."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.core.models import WorkflowEvent
from govkpi.frameworks.models import Framework
from govkpi.organisations.access import viewer_for
from govkpi.publication import selectors
from govkpi.publication.models import ImmutableError, Publication, PublishedOrganisation
from govkpi.publication.services import publication_amend, publication_publish
from govkpi.results import services as results
from govkpi.results.models import Result
from govkpi.scorecards.services import rescore

pytestmark = pytest.mark.django_db

Who = Callable[[str], tuple[Any, Any]]


@pytest.fixture
def who(user_of: Callable[[str], Any]) -> Who:
    def get(persona: str) -> tuple[Any, Any]:
        user = user_of(persona)
        return user, viewer_for(user)

    return get


@pytest.fixture
def agencies() -> Framework:
    return Framework.objects.select_related("fiscal_year").get(fiscal_year__year=2565, group="agencies")


def mof_result() -> Result:
    return Result.objects.select_related("round", "kpi").get(kpi__code="MOF-65-01", round__months=12)


def unlock_and_draft(who: Who, value: str = "1") -> Result:
    """OPDC unlocks MOF's published result for a correction; the coordinator saves a draft (not submitted)."""
    user, viewer = who("opdc_desk")
    result = results.result_unlock(viewer=viewer, user=user, result=mof_result(), reason="แก้ไขข้อมูล")
    user, viewer = who("mof_coordinator")
    result = results.result_save(
        viewer=viewer,
        user=user,
        kpi=result.kpi,
        round_=result.round,
        value=value,
        narrative_th="แก้ไข",
        lock_version=result.lock_version,
    )
    rescore(result.round.framework, round=result.round)  # even a stored total counting the draft stays private
    return result


def approve_correction(who: Who, result: Result) -> None:
    user, viewer = who("mof_coordinator")
    result = results.result_submit(viewer=viewer, user=user, result=result)
    user, viewer = who("mof.exec")
    result = results.result_endorse(viewer=viewer, user=user, result=result)
    user, viewer = who("opdc_desk")
    result = results.result_verify(viewer=viewer, user=user, result=result, action="accept")
    user, viewer = who("opdc_admin")
    results.round_approve(
        viewer=viewer,
        user=user,
        round_=result.round,
        reference_th="อ.ก.พ.ร. ครั้งที่ 9/2566",
        organisation=result.organisation,
    )


def surfaces(year: int, group: str, code: str) -> dict[str, Any]:
    """What each logged-out surface shows of one organisation (and the whole year)."""
    client = Client()
    card = client.get(f"/api/v1/public/{year}/{group}/{code}").json()
    scores = client.get(f"/api/v1/public/{year}/{group}/scores").json()
    results_api = client.get(f"/api/v1/public/{year}/{group}/results").json()
    csv_rows = list(
        csv.DictReader(io.StringIO(client.get(f"/public/data/{year}/{group}/results.csv").content.decode("utf-8-sig")))
    )
    json_scores = json.loads(client.get(f"/public/data/{year}/{group}/scores.json").content)["rows"]
    page = client.get(f"/public/{year}/{group}/{code}/").content.decode()
    return {
        "card": card,
        "scores": {r["code"]: r for r in scores},
        "results_api": results_api,
        "csv": csv_rows,
        "json_scores": {r["organisation_code"]: r for r in json_scores},
        "page": page,
        "scorecard_page": client.get(f"/scorecards/{code}/{year}/12/"),
        "scorecard_api": client.get(f"/api/v1/scoring/scorecards/{code}/{year}/12"),
        "search": client.get("/api/v1/public/search", {"q": code}).json(),
    }


def assert_every_surface_equals_the_snapshot(framework: Framework) -> None:
    data = selectors.public_data(framework)
    assert data is not None
    year, group = framework.fiscal_year.year, framework.group
    seen = surfaces(year, group, "MOF")
    assert [s for s in seen["scores"].values()] == [{k: v for k, v in s.items()} for s in data.scores] or {
        c: r["total"] for c, r in seen["scores"].items()
    } == {r["code"]: r["total"] for r in data.scores}
    assert {c: r["total"] for c, r in seen["json_scores"].items()} == {r["code"]: r["total"] for r in data.scores}
    expected = {(r["organisation_code"], r["kpi_code"]): (r["value"], r["points"]) for r in data.results}
    assert {(r["organisation_code"], r["kpi_code"]): (r["value"], r["points"]) for r in seen["csv"]} == expected
    api = {(r["organisation_code"], r["kpi_code"]): r["points"] for r in seen["results_api"]}
    assert api == {key: points for key, (_, points) in expected.items()}
    card = data.scorecards["MOF"]
    assert seen["card"]["total"] == card["total"]
    assert {k["code"]: k["points"] for k in seen["card"]["kpis"]} == card["kpis"]
    assert f'data-testid="public-total">{Decimal(card["total"]):,.2f}<' in seen["page"]
    assert seen["scorecard_page"]["Location"] == f"/public/{year}/{group}/MOF/"
    assert seen["scorecard_api"]["Location"] == f"/api/v1/public/{year}/{group}/MOF"
    assert any(h["organisation_code"] == "MOF" for h in seen["search"])


def test_the_demo_is_published_through_a_snapshot_and_every_public_surface_equals_it(agencies: Framework) -> None:
    publication = selectors.latest(agencies)
    assert publication is not None and publication.version == 1 and not publication.has_gaps
    assert publication.organisations_included == publication.organisations_expected == 37
    assert_every_surface_equals_the_snapshot(agencies)


def test_the_score_list_and_scores_api_read_each_row_s_summary_never_the_documents(agencies: Framework) -> None:
    publication = selectors.latest(agencies)
    assert publication is not None
    for row in publication.organisations.all():
        assert (row.total, row.band, row.name_th, row.kind) == (
            row.document["total"],
            row.document["band"],
            row.document["name_th"],
            row.document["kind"],
        )
    assert selectors.score_values(publication) == [
        selectors._summary_of_row(r) for r in publication.organisations.order_by("code")
    ]
    with CaptureQueriesContext(connection) as captured:
        assert Client().get("/public/2565/agencies/").status_code == 200
        assert Client().get("/api/v1/public/2565/agencies/scores").status_code == 200
    assert not [q["sql"] for q in captured if '"document"' in q["sql"]]


def test_a_draft_after_unlocking_a_published_result_stays_private_until_opdc_amends(
    who: Who, agencies: Framework
) -> None:
    before = surfaces(2565, "agencies", "MOF")
    unlock_and_draft(who, value="1")

    after = surfaces(2565, "agencies", "MOF")
    assert after["card"] == before["card"] and after["scores"] == before["scores"]
    assert after["csv"] == before["csv"] and after["page"] == before["page"]
    assert_every_surface_equals_the_snapshot(agencies)

    user, viewer = who("opdc_admin")
    with pytest.raises(Invalid):  # MOF is not complete: its draft is not approved
        publication_amend(
            viewer=viewer, user=user, framework=agencies, reason="แก้ไข", organisations=["MOF"], confirm=True
        )


def test_a_correction_becomes_public_only_as_an_amendment_and_the_old_version_stays_readable(
    who: Who, agencies: Framework
) -> None:
    old_total = Client().get("/api/v1/public/2565/agencies/MOF").json()["total"]
    approve_correction(who, unlock_and_draft(who, value="1"))
    assert Client().get("/api/v1/public/2565/agencies/MOF").json()["total"] == old_total  # approved, not yet amended

    user, viewer = who("opdc_admin")
    amended = publication_amend(viewer=viewer, user=user, framework=agencies, reason="แก้ไขผลตามมติ", confirm=True)

    assert amended.version == 2 and [a["code"] for a in amended.amended] == ["MOF"]
    card = Client().get("/api/v1/public/2565/agencies/MOF").json()
    assert card["total"] != old_total and card["version"] == 2 and card["amendment_reason_th"] == "แก้ไขผลตามมติ"
    assert Client().get("/api/v1/public/2565/agencies/MOF?version=1").json()["total"] == old_total
    page = Client().get("/public/2565/agencies/MOF/").content.decode()
    assert 'data-testid="amended-note"' in page and "แก้ไขผลตามมติ" in page
    assert "แก้ไขผลตามมติ" in Client().get("/public/2565/agencies/").content.decode()
    assert Client().get("/api/v1/public/2565/agencies/BB").json()["amended_on"] is None  # carried over unchanged
    assert WorkflowEvent.objects.filter(action="publication_amend", object_id=amended.pk).exists()
    assert_every_surface_equals_the_snapshot(agencies)


def test_publishing_a_year_with_an_unsubmitted_draft_shows_only_approved_results(who: Who, agencies: Framework) -> None:
    before = surfaces(2565, "agencies", "MOF")
    unlock_and_draft(who, value="1")
    user, viewer = who("opdc_admin")
    preview = selectors.publication_preview(viewer=viewer, framework=agencies)
    assert [c.code for c in preview.missing] == ["MOF"] and preview.missing[0].missing == ["MOF-65-01"]
    assert preview.kpis_approved == preview.kpis_expected - 1
    with pytest.raises(Conflict):  # publishing again brings nothing unapproved: there is nothing to amend
        publication_amend(viewer=viewer, user=user, framework=agencies, reason="ทดสอบ", confirm=True)
    assert surfaces(2565, "agencies", "MOF")["csv"] == before["csv"]


def test_publishing_shows_a_preview_asks_for_confirmation_and_a_reason_for_gaps(who: Who) -> None:
    framework = Framework.objects.select_related("fiscal_year").get(fiscal_year__year=2565, group="agencies")
    six = framework.rounds.get(months=6)
    user, viewer = who("opdc_admin")
    preview = selectors.publication_preview(viewer=viewer, framework=framework, months=6)
    assert not preview.included  # nothing approved in the 6-month round
    with pytest.raises(Conflict):
        publication_publish(viewer=viewer, user=user, framework=framework, months=6, confirm=True, gap_reason="x")
    # approve everyone's 6-month results but leave MOF out: copies of the approved 12-month values
    for r in Result.objects.filter(round__framework=framework, round__months=12).exclude(organisation__code="MOF"):
        Result.objects.create(
            kpi=r.kpi, round=six, version=r.version, organisation=r.organisation, value=r.value, state="approved"
        )
    rescore(framework, round=six)
    preview = selectors.publication_preview(viewer=viewer, framework=framework, months=6)
    assert len(preview.included) == 36 and [c.code for c in preview.missing] == ["MOF"]

    with pytest.raises(Invalid) as unconfirmed:
        publication_publish(viewer=viewer, user=user, framework=framework, months=6, confirm=False)
    assert unconfirmed.value.field == "confirm"
    with pytest.raises(Invalid) as no_reason:
        publication_publish(viewer=viewer, user=user, framework=framework, months=6, confirm=True, gap_reason=" ")
    assert no_reason.value.field == "gap_reason"
    desk_user, desk = who("opdc_desk")
    with pytest.raises(NotAllowed):
        publication_publish(viewer=desk, user=desk_user, framework=framework, months=6, confirm=True, gap_reason="x")

    six_months = publication_publish(
        viewer=viewer, user=user, framework=framework, months=6, confirm=True, gap_reason="MOF รอผลตรวจสอบ"
    )
    assert six_months.gap_reason_th == "MOF รอผลตรวจสอบ" and [g["code"] for g in six_months.not_included] == ["MOF"]
    # The public reads the furthest round published (12 months); the 6-month one is in the record.
    assert selectors.latest(framework).round.months == 12  # type: ignore[union-attr]
    record = Client().get("/api/v1/publications/2565/agencies").json()
    assert {(p["round_months"], p["version"]) for p in record} == {(12, 1), (6, 1)}
    assert next(p for p in record if p["round_months"] == 6)["not_included"][0]["code"] == "MOF"


def test_the_public_page_says_which_organisations_are_not_yet_included(who: Who) -> None:
    framework = Framework.objects.select_related("fiscal_year").get(fiscal_year__year=2566, group="provinces")
    from govkpi.dashboards.testing import report_results, store_scores

    report_results(framework=framework, codes=["P50"])
    store_scores(framework=framework, totals={"P50": "93"})
    user, viewer = who("opdc_admin")
    preview = selectors.publication_preview(viewer=viewer, framework=framework)
    missing = [c.code for c in preview.missing]
    publication_publish(viewer=viewer, user=user, framework=framework, confirm=True, gap_reason="จังหวัดอื่นยังไม่ครบ")

    page = Client().get("/public/2566/provinces/").content.decode()
    assert 'data-testid="not-included"' in page and "จังหวัดอื่นยังไม่ครบ" in page
    assert all(
        code not in {r["code"] for r in Client().get("/api/v1/public/2566/provinces/scores").json()} for code in missing
    )


def test_a_snapshot_can_never_be_changed_or_deleted(agencies: Framework) -> None:
    publication = selectors.latest(agencies)
    assert publication is not None
    row = PublishedOrganisation.objects.filter(publication=publication).first()
    assert row is not None
    row.document = {"total": "100"}
    with pytest.raises(ImmutableError):
        row.save()
    with pytest.raises(ImmutableError):
        PublishedOrganisation.objects.filter(publication=publication).update(document={})
    with pytest.raises(ImmutableError):
        publication.delete()
    with pytest.raises(ImmutableError):
        Publication.objects.filter(pk=publication.pk).delete()


def test_publishing_the_same_round_twice_is_refused_amend_instead(who: Who, agencies: Framework) -> None:
    user, viewer = who("opdc_admin")
    with pytest.raises(Conflict):
        publication_publish(viewer=viewer, user=user, framework=agencies, confirm=True)
    with pytest.raises(Conflict):  # nothing changed since version 1
        publication_amend(viewer=viewer, user=user, framework=agencies, reason="ไม่มีอะไรเปลี่ยน", confirm=True)


def test_the_public_never_sees_opdc_extension_reasons(who: Who, agencies: Framework) -> None:
    import datetime as dt

    user, viewer = who("opdc_admin")
    round_ = agencies.rounds.get(months=12)
    from govkpi.organisations.models import Organisation

    results.round_extend(
        viewer=viewer,
        user=user,
        round_=round_,
        organisation=Organisation.objects.get(code="BB"),
        new_deadline=round_.closes_on + dt.timedelta(days=30),
        reason="เหตุผลภายในของ สำนักงาน ก.พ.ร.",
    )
    public = Client().get("/results/BB/2565/12/", follow=True)
    assert public.status_code == 200 and "เหตุผลภายใน" not in public.content.decode()


def test_logged_out_proposal_api_hides_the_review_timeline(client_as: Callable[[str], Client], who: Who) -> None:
    from govkpi.kpis.models import Proposal

    proposal = Proposal.objects.filter(
        framework__fiscal_year__year=2565, framework__group="agencies", state="approved"
    ).first()
    assert proposal is not None
    user, _viewer = who("opdc_desk")
    WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(Proposal),
        object_id=proposal.pk,
        organisation=proposal.organisation,
        action="return",
        comment="ความเห็นภายในของ สำนักงาน ก.พ.ร.",
        actor=user,
    )
    internal = client_as("opdc_admin").get(f"/api/v1/proposals/{proposal.pk}").json()
    public = Client().get(f"/api/v1/proposals/{proposal.pk}")
    assert public.status_code == 200
    body = public.json()
    assert internal["events"] and body["events"] == [] and body["actions"] == [] and body["problems"] == []
    assert body["kpis"]  # the approved KPIs themselves are public
    assert "ความเห็นภายใน" not in public.content.decode() and "opdc.desk1" not in public.content.decode()


def test_publishing_works_from_the_page_the_api_and_the_command(
    client_as: Callable[[str], Client], who: Who, capsys: pytest.CaptureFixture[str]
) -> None:
    from django.core.management import call_command

    page = client_as("opdc_admin").get("/publication/2565/agencies/?round=6").content.decode()
    assert 'data-testid="preview"' in page and 'data-testid="versions"' in page
    preview = client_as("opdc_admin").get("/api/v1/publications/2565/agencies/preview?round_months=12").json()
    assert preview["already_published"] is True and preview["organisations_included"] == 37
    assert Client().get("/api/v1/publications/2565/agencies/preview").status_code == 401
    assert client_as("opdc_desk").get("/api/v1/publications/2565/agencies/preview").status_code == 403
    call_command("publish", "--year", "2565", "--group", "agencies")
    assert "37 of 37 included" in capsys.readouterr().out
    refused = client_as("opdc_admin").post(
        "/api/v1/publications/2565/agencies/publish", {"confirm": True}, content_type="application/json"
    )
    assert refused.status_code == 409


def test_publishing_from_the_page_runs_as_a_job_that_shows_progress_and_leads_back(
    client_as: Callable[[str], Client], who: Who
) -> None:
    from govkpi.dashboards.testing import report_results, store_scores

    framework = Framework.objects.select_related("fiscal_year").get(fiscal_year__year=2566, group="provinces")
    report_results(framework=framework, codes=["P50"])
    store_scores(framework=framework, totals={"P50": "93"})
    opdc = client_as("opdc_admin")
    # Refusals are answered at once on the page, naming the field; no job starts.
    refused = opdc.post("/publication/2566/provinces/", {"confirm": "1"})
    assert refused.status_code == 422 and "กรุณาระบุเหตุผลที่เผยแพร่" in refused.content.decode()
    assert not Publication.objects.filter(framework=framework).exists()

    started = opdc.post("/publication/2566/provinces/", {"confirm": "1", "gap_reason": "จังหวัดอื่นยังไม่ครบ"})
    assert started.status_code == 302 and started["Location"].startswith("/jobs/")
    job_page = opdc.get(started["Location"]).content.decode()
    assert "เผยแพร่ฉบับที่ 1 แล้ว: 1 จาก 74 หน่วยงาน" in job_page and "(1 / 1)" in job_page
    assert 'data-testid="job-back"' in job_page and 'href="/publication/2566/provinces/?round=12"' in job_page
    publication = selectors.latest(framework)
    assert publication is not None and [r.code for r in selectors.organisations_of(publication)] == ["P50"]
    assert publication.gap_reason_th == "จังหวัดอื่นยังไม่ครบ"

    again = opdc.post("/publication/2566/provinces/", {"confirm": "1", "gap_reason": "x"})
    assert again.status_code == 409 and "เผยแพร่รอบ 12 เดือนของปีนี้แล้ว" in again.content.decode()


def test_an_amendment_from_the_page_is_a_job_too_and_is_checked_first(
    client_as: Callable[[str], Client], who: Who, agencies: Framework
) -> None:
    opdc = client_as("opdc_admin")
    no_reason = opdc.post("/publication/2565/agencies/", {"action": "amend", "confirm": "1", "reason": " "})
    assert no_reason.status_code == 422 and "กรุณาระบุเหตุผลการแก้ไข" in no_reason.content.decode()
    nothing = opdc.post("/publication/2565/agencies/", {"action": "amend", "confirm": "1", "reason": "ทดสอบ"})
    assert nothing.status_code == 409  # nothing approved differs from the published version
    approve_correction(who, unlock_and_draft(who, value="2"))
    started = opdc.post("/publication/2565/agencies/", {"action": "amend", "confirm": "1", "reason": "แก้ไขผลตามมติ"})
    assert started.status_code == 302 and started["Location"].startswith("/jobs/")
    assert "เผยแพร่ฉบับที่ 2 แล้ว" in opdc.get(started["Location"]).content.decode()
    amended = selectors.latest(agencies)
    assert amended is not None and [a["code"] for a in amended.amended] == ["MOF"]
    assert selectors.organisations_of(amended).count() == 37  # the others carried over unchanged


def test_the_publish_command_prints_progress(who: Who, capsys: pytest.CaptureFixture[str]) -> None:
    from django.core.management import call_command

    from govkpi.dashboards.testing import report_results, store_scores

    framework = Framework.objects.get(fiscal_year__year=2566, group="provinces")
    report_results(framework=framework, codes=["P50"])
    store_scores(framework=framework, totals={"P50": "93"})
    call_command("publish", "--year", "2566", "--group", "provinces", "--reason", "ทดสอบ", "--yes")
    out = capsys.readouterr().out
    assert "organisations: 0 / 1" in out and "organisations: 1 / 1" in out and "published version 1" in out
