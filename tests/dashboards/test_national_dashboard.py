"""OPDC's national dashboard: numbers drawn from stored scores and results, for OPDC and committees only."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from govkpi.dashboards import selectors
from govkpi.dashboards.testing import report_results, store_scores
from govkpi.frameworks.models import DeadlineExtension, Framework
from govkpi.organisations.access import Viewer
from govkpi.organisations.models import Organisation
from govkpi.results.models import OrganisationScore

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies_2565() -> Framework:
    """FY2565 agencies, the year cleared of the demo's scores: each test stores the totals it counts."""
    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    OrganisationScore.objects.filter(framework__fiscal_year__year=2565).delete()
    return framework


def test_bands_and_histogram_count_the_stored_totals(
    agencies_2565: Framework, client_as: Callable[[str], Client]
) -> None:
    store_scores(framework=agencies_2565, totals={"MOF": "92.50", "MOI": "80", "BB": "61.25", "AMLO": "100"})

    body = client_as("opdc_admin").get("/api/v1/dashboards/national?year=2565").json()

    assert body["scored_organisations"] == 4
    bands = {(b["kind"], b["band"]): b["count"] for b in body["bands"]}
    assert bands == {
        ("ministry", "ระดับคุณภาพ"): 1,
        ("ministry", "ระดับมาตรฐาน"): 1,
        ("pm_agency", "ระดับต้องปรับปรุง"): 1,
        ("independent", "ระดับคุณภาพ"): 1,
    }
    histogram = {b["label"]: b["count"] for b in body["histogram"]}
    assert histogram["90–100"] == 2  # 92.50 and 100 (the top bin includes 100)
    assert histogram["80–90"] == 1
    assert histogram["60–70"] == 1
    assert sum(histogram.values()) == 4


def test_the_page_embeds_each_chart_as_json_beside_its_table(
    agencies_2565: Framework, client_as: Callable[[str], Client]
) -> None:
    store_scores(framework=agencies_2565, totals={"MOF": "92.50", "MOI": "80"})

    page = client_as("opdc_desk").get("/dashboards/national/?year=2565").content.decode()

    for chart in ("bands", "histogram", "progress", "trend"):
        assert f'data-chart="chart-{chart}"' in page
        assert f'id="chart-{chart}"' in page
        assert f'data-testid="table-{chart}"' in page
    assert "<script>" not in page and "echarts.min.js" in page and "dashboards/charts.js" in page
    option = json.loads(page.split('id="chart-histogram" type="application/json">')[1].split("</script>")[0])
    assert option["aria"]["enabled"] is True
    assert sum(option["series"][0]["data"]) == 2


def test_late_organisations_are_those_missing_results_after_the_round_closed(agencies_2565: Framework) -> None:
    report_results(framework=agencies_2565, codes=["MOF"], months=6)
    viewer = Viewer(user_id=1, is_superuser=True)

    view = selectors.national_view(viewer=viewer, year=2565, today=dt.date(2022, 6, 1))

    progress = next(fp for fp in view.progress if fp.framework == agencies_2565)
    six, twelve = progress.rounds
    assert six.is_closed and six.reported == 1
    late = {code for code, _, _ in six.late}
    assert "MOF" not in late and "MOI" in late
    assert six.expected == len(late) + 1
    assert not twelve.is_closed and twelve.late == []  # the 12-month round is still open on 1 Jun 2022


def test_an_organisation_with_an_extension_is_not_late_before_its_new_deadline(
    agencies_2565: Framework, user_of: Callable[[str], object]
) -> None:
    six = agencies_2565.rounds.get(months=6)
    DeadlineExtension.objects.create(
        framework=agencies_2565,
        round=six,
        organisation=Organisation.objects.get(code="MOI"),
        new_deadline=dt.date(2022, 6, 15),
        reason="ระบบสารสนเทศขัดข้อง",
        granted_by=user_of("opdc_admin"),
    )
    viewer = Viewer(user_id=1, is_superuser=True)

    def late_on(day: dt.date) -> set[str]:
        view = selectors.national_view(viewer=viewer, year=2565, today=day)
        progress = next(fp for fp in view.progress if fp.framework == agencies_2565)
        return {code for code, _, _ in progress.rounds[0].late}

    assert "MOI" not in late_on(dt.date(2022, 6, 1)) and "MOF" in late_on(dt.date(2022, 6, 1))
    assert "MOI" in late_on(dt.date(2022, 6, 16))


def test_the_trend_follows_one_kpi_lineage_across_years(client_as: Callable[[str], Client]) -> None:
    for year in (2565, 2566):
        framework = Framework.objects.get(fiscal_year__year=year, group="agencies")
        codes = list(framework.kpis.filter(lineage="B65-001").values_list("organisation__code", flat=True))
        if codes:
            report_results(framework=framework, codes=codes, points=Decimal(year - 2500))

    body = client_as("committee_secretary").get("/api/v1/dashboards/national?year=2565&lineage=B65-001").json()

    assert body["lineage"] == "B65-001"
    trend = {p["year"]: p for p in body["trend"]}
    assert Decimal(trend[2565]["average_points"]) == Decimal(65)
    assert trend[2565]["organisations"] >= 1


def test_an_empty_year_shows_zeroes_not_an_error(client_as: Callable[[str], Client]) -> None:
    response = client_as("opdc_admin").get("/dashboards/national/?year=2566")

    assert response.status_code == 200
    assert 'data-testid="no-scores"' in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("opdc_admin", 200),
        ("opdc_desk", 200),
        ("committee_secretary", 200),
        ("cdd_coordinator", 403),
        ("moi_reviewer", 403),
    ],
)
def test_only_opdc_and_committees_see_the_national_dashboard(
    persona: str, status: int, client_as: Callable[[str], Client]
) -> None:
    client = client_as(persona)
    assert client.get("/dashboards/national/").status_code == status
    assert client.get("/api/v1/dashboards/national").status_code == status


def test_the_public_is_sent_to_log_in() -> None:
    assert Client().get("/dashboards/national/").status_code == 302
    assert Client().get("/api/v1/dashboards/national").status_code == 401


def test_the_national_dashboard_runs_the_same_queries_for_few_or_many_organisations(
    agencies_2565: Framework, client_as: Callable[[str], Client]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("opdc_admin")
    client.get("/dashboards/national/?year=2565")  # session and caches warm
    store_scores(framework=agencies_2565, totals={"MOF": 90})
    with CaptureQueriesContext(connection) as few:
        client.get("/dashboards/national/?year=2565")
    codes = list(agencies_2565.participants.values_list("code", flat=True))
    report_results(framework=agencies_2565, codes=codes, months=6)
    store_scores(framework=agencies_2565, totals={code: 80 for code in codes})
    with CaptureQueriesContext(connection) as many:
        client.get("/dashboards/national/?year=2565")

    assert len(many) == len(few)


def test_the_api_pages_each_rounds_late_organisations_and_says_how_many_there_are(
    agencies_2565: Framework, client_as: Callable[[str], Client]
) -> None:
    report_results(framework=agencies_2565, codes=["MOF"], months=6)
    client = client_as("opdc_admin")

    def six_month_agencies(query: str) -> dict[str, object]:
        body = client.get(f"/api/v1/dashboards/national?year=2565{query}").json()
        return next(p for p in body["progress"] if p["group"] == "agencies" and p["months"] == 6)

    everyone = six_month_agencies("&limit=1000")
    codes = [late["code"] for late in everyone["late"]]
    assert len(codes) >= 2 and everyone["late_count"] == len(codes)
    first, second = six_month_agencies("&limit=1"), six_month_agencies("&limit=1&offset=1")
    assert [late["code"] for late in first["late"]] == codes[:1]
    assert [late["code"] for late in second["late"]] == codes[1:2]
    assert first["late_count"] == second["late_count"] == len(codes)
    assert client.get("/api/v1/dashboards/national?year=2565&limit=0").status_code == 422
