"""GET /api/v1/scoring/scorecards/{org}/{year}/{months} and POST /api/v1/scoring/rescore."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from govkpi.frameworks.models import Framework
from govkpi.kpis.models import Kpi
from govkpi.organisations.models import ApiToken
from govkpi.results.models import Appeal, OrganisationScore, Result, ResultState
from govkpi.scorecards.services import rescore

URL = "/api/v1/scoring/scorecards/MOF/2565/12"


@pytest.fixture(autouse=True)
def before_reporting(db: None) -> None:
    """FY2565 agencies before any result was reported or published (the demo's removed)."""
    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    results = Result.objects.filter(round__framework=framework)
    Appeal.objects.filter(result__in=results).delete()
    results.delete()
    OrganisationScore.objects.filter(framework=framework).delete()
    Framework.objects.filter(pk=framework.pk).update(published_at=None)


def _report(code: str, value: str, *, rescored: bool = True) -> None:
    kpi = Kpi.objects.get(framework__fiscal_year__year=2565, organisation__code="MOF", code=code)
    Result.objects.create(
        kpi=kpi,
        round=kpi.framework.rounds.get(months=12),
        version=kpi.versions.get(),
        organisation=kpi.organisation,
        value=Decimal(value),
        state=ResultState.VERIFIED,  # only verified and approved results count
    )
    if rescored:
        rescore(kpi.framework, organisations=[kpi.organisation])  # as verifying does: the API reads stored scores


def _token(user: Any) -> str:
    return f"Bearer {ApiToken.issue(user=user, name='t')[1]}"


def test_a_coordinator_reads_their_stored_scorecard_as_document_and_result(
    client: Client, user_of: Callable[[str], Any]
) -> None:
    _report("MOF-65-03", "101")
    body = client.get(URL, HTTP_AUTHORIZATION=_token(user_of("mof_coordinator"))).json()
    assert body["organisation"]["code"] == "MOF" and body["round_months"] == 12
    kpis = {k["code"]: k for k in body["document"]["kpis"]}
    assert kpis["MOF-65-03"]["result"] == 101 and kpis["MOF-65-03"]["targets"] == [95, 100, 102]
    assert kpis["MOF-65-07"]["monitor"] is True
    assert body["result"]["total"] == 13.13 and body["problems"] == []
    scored = {k["code"]: k for k in body["result"]["kpis"]}
    assert scored["MOF-65-01"]["missing"] is True


def test_the_stored_document_scores_the_same_through_the_preview(client: Client, user_of: Callable[[str], Any]) -> None:
    _report("MOF-65-01", "4.5")
    body = client.get(URL, HTTP_AUTHORIZATION=_token(user_of("opdc_desk"))).json()
    preview = client.post("/api/v1/scoring/preview", body["document"], content_type="application/json").json()
    assert preview == body["result"]


def test_an_unpublished_scorecard_is_refused_to_others_and_the_public(
    client: Client, user_of: Callable[[str], Any]
) -> None:
    assert client.get(URL, HTTP_AUTHORIZATION=_token(user_of("cdd_coordinator"))).status_code == 403
    assert client.get(URL).status_code == 403
    Framework.objects.filter(fiscal_year__year=2565, group="agencies").update(published_at=timezone.now())
    response = client.get(URL)
    assert response.status_code == 303 and response["Location"].startswith("/api/v1/public/2565/agencies/")


def test_an_unknown_scorecard_is_a_404(client: Client, user_of: Callable[[str], Any]) -> None:
    assert client.get("/api/v1/scoring/scorecards/NOPE/2565/12").status_code == 404
    assert client.get("/api/v1/scoring/scorecards/MOF/2565/9").status_code == 404


def test_opdc_rescores_a_year_through_the_api(client: Client, user_of: Callable[[str], Any]) -> None:
    _report("MOF-65-01", "5", rescored=False)
    response = client.post(
        "/api/v1/scoring/rescore",
        {"year": 2565, "group": "agencies"},
        content_type="application/json",
        HTTP_AUTHORIZATION=_token(user_of("opdc_desk")),
    )
    assert response.status_code == 200
    assert response.json() == {"scored": 1, "results_updated": 1, "invalid": []}
    assert OrganisationScore.objects.get(organisation__code="MOF", framework__fiscal_year__year=2565).total == Decimal(
        "20.00"
    )


def test_a_coordinator_may_rescore_only_their_own_organisation(client: Client, user_of: Callable[[str], Any]) -> None:
    token = _token(user_of("cdd_coordinator"))
    own = client.post(
        "/api/v1/scoring/rescore",
        {"year": 2565, "group": "agencies", "organisations": ["MOF"]},
        content_type="application/json",
        HTTP_AUTHORIZATION=token,
    )
    assert own.status_code == 403
    unknown = client.post(
        "/api/v1/scoring/rescore",
        {"year": 2565, "group": "agencies", "organisations": ["NOPE"]},
        content_type="application/json",
        HTTP_AUTHORIZATION=token,
    )
    assert unknown.status_code == 422 and unknown.json()["field"] == "organisations"


def test_rescoring_needs_a_login(client: Client, db: None) -> None:
    response = client.post(
        "/api/v1/scoring/rescore", {"year": 2565, "group": "agencies"}, content_type="application/json"
    )
    assert response.status_code == 401


def test_a_browser_session_must_send_its_csrf_token_to_rescore(client_as: Callable[[str], Client]) -> None:
    client = client_as("opdc_desk")
    client.handler.enforce_csrf_checks = True
    response = client.post(
        "/api/v1/scoring/rescore", {"year": 2565, "group": "agencies"}, content_type="application/json"
    )
    assert response.status_code in {401, 403}


def test_the_api_answers_the_stored_scores_the_page_shows(
    client: Client, client_as: Callable[[str], Any], user_of: Callable[[str], Any]
) -> None:
    _report("MOF-65-03", "101")
    _report("MOF-65-01", "5")
    OrganisationScore.objects.filter(organisation__code="MOF").update(total=Decimal("91.23"), band="ระดับคุณภาพ")
    Result.objects.filter(kpi__code="MOF-65-03").update(points=Decimal("12.3456"))
    body = client.get(URL, HTTP_AUTHORIZATION=_token(user_of("mof_coordinator"))).json()
    assert body["status"] == "scored"
    assert body["result"]["total"] == 91.23 and body["result"]["total_text"] == "91.23"
    assert body["result"]["band"] == "ระดับคุณภาพ"
    scored = {k["code"]: k for k in body["result"]["kpis"]}
    assert scored["MOF-65-03"]["points"] == 12.3456  # stored, not recomputed
    assert "อยู่ระหว่าง" in scored["MOF-65-03"]["explanation"]["th"]
    page = client_as("mof_coordinator").get("/scorecards/MOF/2565/12/").content.decode()
    assert 'data-testid="total">91.23<' in page and "12.3456" in page


def test_the_api_says_when_scores_are_being_recomputed(client: Client, user_of: Callable[[str], Any]) -> None:
    _report("MOF-65-03", "101", rescored=False)
    body = client.get(URL, HTTP_AUTHORIZATION=_token(user_of("mof_coordinator"))).json()
    assert body["status"] == "recomputing" and body["result"] is None
