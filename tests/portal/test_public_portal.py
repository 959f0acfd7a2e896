"""The public portal: published years only, scorecards with explanations, search, cached pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from govkpi.dashboards.testing import report_results, store_scores
from govkpi.frameworks.models import Framework
from govkpi.publication.testing import publish_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def published() -> Framework:
    """FY2565 agencies published with three scored organisations, MOI's score amended after an appeal."""
    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    report_results(framework=framework, codes=["MOF"])
    store_scores(framework=framework, totals={"MOF": "91.2345", "MOI": "76.5", "BB": "60"}, amended=["MOI"])
    publish_now(framework)
    return framework


@pytest.fixture
def unpublished() -> Framework:
    """FY2565 provinces: scored but not published."""
    framework = Framework.objects.get(fiscal_year__year=2565, group="provinces")
    report_results(framework=framework, codes=list(framework.participants.values_list("code", flat=True)[:3]))
    store_scores(framework=framework, totals={"P50": "99.99", "P24": "55"})
    assert framework.published_at is None
    return framework


def test_the_index_lists_published_years_only(published: Framework, unpublished: Framework) -> None:
    page = Client().get("/public/").content.decode()

    assert "/public/2565/agencies/" in page
    assert "/public/2565/provinces/" not in page
    years = Client().get("/api/v1/public/years").json()
    assert [(y["year"], y["group"]) for y in years] == [(2565, "agencies")]


def test_the_score_list_shows_totals_bands_and_marks_amended_scores(published: Framework) -> None:
    page = Client().get("/public/2565/agencies/").content.decode()

    assert "91.23" in page and "ระดับคุณภาพ" in page
    assert "ระดับมาตรฐาน" in page and "แก้ไขแล้ว" in page
    rows = {r["code"]: r for r in Client().get("/api/v1/public/2565/agencies/scores").json()}
    assert rows["MOF"]["total"] == "91.23" and rows["MOF"]["band"] == "ระดับคุณภาพ"
    assert rows["MOI"]["is_amended"] is True and rows["MOI"]["amended_on"]
    assert rows["AMLO"]["is_amended"] is False  # carried over from version 1 unchanged


def test_the_public_scorecard_explains_each_kpis_score(published: Framework) -> None:
    page = Client().get("/public/2565/agencies/MOF/").content.decode()

    assert "MOF-65-01" in page and "ที่มาของคะแนน" in page and "3 / 4 / 5" in page
    card = Client().get("/api/v1/public/2565/agencies/MOF").json()
    assert Decimal(card["total"]) == Decimal("91.2345")
    first = next(k for k in card["kpis"] if k["code"] == "MOF-65-01")
    stored = published.kpis.get(code="MOF-65-01").results.get(round__months=12).explanation
    assert first["points"] == "75.0000" and first["explanation_th"] == stored.get("th", "")


def test_every_public_url_of_an_unpublished_year_is_not_found(published: Framework, unpublished: Framework) -> None:
    client = Client()
    for url in [
        "/public/2565/provinces/",
        "/public/2565/provinces/P50/",
        "/public/2565/map/",
        "/public/2566/",
        "/public/data/2565/provinces/scores.csv",
        "/public/data/2565/provinces/scores.json",
        "/public/data/2565/provinces/results.csv",
        "/public/data/2565/provinces/results.json",
        "/api/v1/public/2565/provinces/scores",
        "/api/v1/public/2565/provinces/P50",
        "/api/v1/public/2565/provinces/results",
        "/api/v1/public/2565/map",
    ]:
        assert client.get(url).status_code == 404, url


def test_an_organisation_outside_the_published_framework_is_not_found(published: Framework) -> None:
    assert Client().get("/public/2565/agencies/P50/").status_code == 404
    assert Client().get("/public/2565/nogroup/").status_code == 404


def test_search_finds_organisations_and_kpis_by_thai_words_in_published_years_only(
    published: Framework, unpublished: Framework
) -> None:
    hits = Client().get("/api/v1/public/search", {"q": "กระทรวงการคลัง"}).json()
    assert any(h["organisation_code"] == "MOF" and not h["kpi_code"] for h in hits)

    province_hits = Client().get("/api/v1/public/search", {"q": "เชียงใหม่"}).json()
    assert province_hits == []  # Chiang Mai is only in the unpublished provinces framework
    page = Client().get("/public/search/", {"q": "กระทรวงการคลัง"}).content.decode()
    assert "/public/2565/agencies/MOF/" in page


def test_published_pages_are_cached_until_opdc_publishes_an_amendment(published: Framework) -> None:
    client = Client()
    first = client.get("/public/2565/agencies/")
    second = client.get("/public/2565/agencies/")
    assert first["X-Portal-Cache"] == "miss" and second["X-Portal-Cache"] == "hit"

    store_scores(framework=published, totals={"MOF": "55.55"})
    assert "55.55" not in client.get("/public/2565/agencies/").content.decode()  # still the cached page
    publish_now(published, reason="คะแนนแก้ไข")  # an amendment: a new snapshot version
    republished = client.get("/public/2565/agencies/")
    assert republished["X-Portal-Cache"] == "miss" and "55.55" in republished.content.decode()


def test_the_province_map_links_each_province_to_its_public_scorecard() -> None:
    framework = Framework.objects.get(fiscal_year__year=2566, group="provinces")
    report_results(framework=framework, codes=["P50"])
    store_scores(framework=framework, totals={"P50": "93"})
    publish_now(framework)

    page = Client().get("/public/2566/map/").content.decode()

    assert page.count("data-province=") == 76
    assert 'href="/public/2566/provinces/P50/"' in page
    assert Client().get("/public/2566/provinces/P50/").status_code == 200
    tiles = {t["code"]: t for t in Client().get("/api/v1/public/2566/map").json()["tiles"]}
    assert len(tiles) == 76 and tiles["P50"]["url"] == "/public/2566/provinces/P50/"


def test_a_total_computed_by_the_scorecards_service_is_published_with_the_engines_explanations() -> None:
    from govkpi.results.models import OrganisationScore
    from govkpi.scorecards.services import rescore

    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    report_results(framework=framework, codes=["MOF"])  # every KPI exactly at its standard target
    assert rescore(framework, organisations=framework.participants.filter(code="MOF")) >= 1
    publish_now(framework)
    stored = OrganisationScore.objects.get(organisation__code="MOF", round__months=12, framework=framework)

    card = Client().get("/api/v1/public/2565/agencies/MOF").json()
    page = Client().get("/public/2565/agencies/MOF/").content.decode()

    assert Decimal(card["total"]) == stored.total
    first = next(k for k in card["kpis"] if k["code"] == "MOF-65-01")
    assert (
        first["explanation_th"] == framework.kpis.get(code="MOF-65-01").results.get(round__months=12).explanation["th"]
    )
    assert first["explanation_en"]
    assert "Performance Base" in page or "ประสิทธิผล" in page  # the components, named from the framework
