"""MOI's provincial dashboard and the province tile map."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from govkpi.dashboards.maps import grid, province_map
from govkpi.dashboards.scores import BAND_PALETTE, NO_DATA
from govkpi.dashboards.testing import report_results, store_scores
from govkpi.frameworks.models import Framework
from govkpi.organisations.models import Organisation
from govkpi.results.models import OrganisationScore

pytestmark = pytest.mark.django_db


@pytest.fixture
def provinces_2566() -> Framework:
    return Framework.objects.get(fiscal_year__year=2566, group="provinces")


def test_the_tile_grid_places_the_76_provinces_in_distinct_cells_without_bangkok() -> None:
    tiles = grid()["tiles"]
    provinces = set(Organisation.objects.filter(kind="province").values_list("geocode", flat=True))

    assert set(tiles) == provinces and len(tiles) == 76
    cells = [tuple(cell) for cell in tiles.values()]
    assert len(set(cells)) == 76
    assert tuple(grid()["bangkok"]) not in cells
    assert all(0 <= c < grid()["columns"] and 0 <= r < grid()["rows"] for c, r in cells)
    assert grid()["licence"] == "CC0-1.0"


def test_the_map_colours_provinces_by_band_and_links_to_their_scorecards(provinces_2566: Framework) -> None:
    store_scores(framework=provinces_2566, totals={"P50": "95", "P40": "70"})

    tile_map = province_map(provinces_2566, link=lambda org, round_: f"/x/{org.code}/{round_.months if round_ else 0}/")

    tiles = {t.code: t for t in tile_map.tiles}
    assert len(tiles) == 76
    assert tiles["P50"].colour == BAND_PALETTE[0] and "ระดับคุณภาพ" in tiles["P50"].label
    assert tiles["P40"].colour == BAND_PALETTE[2] and "ต้องปรับปรุง" in tiles["P40"].label
    assert tiles["P11"].colour == NO_DATA
    assert tiles["P50"].url == "/x/P50/12/"
    assert [item.colour for item in tile_map.legend][-1] == NO_DATA


def test_the_map_can_colour_provinces_by_one_kpis_points(provinces_2566: Framework) -> None:
    report_results(framework=provinces_2566, codes=["P50"], points=Decimal(90))
    report_results(framework=provinces_2566, codes=["P11"], points=Decimal(10))

    tile_map = province_map(provinces_2566, colour_by="U66-01", link=lambda org, round_: "")

    tiles = {t.code: t for t in tile_map.tiles}
    assert tile_map.colour_by == "U66-01"
    assert tiles["P50"].colour == "#FDE725" and "90 คะแนน" in tiles["P50"].label
    assert tiles["P11"].colour == "#440154"
    assert tiles["P96"].colour == NO_DATA


def test_the_provincial_page_draws_the_map_with_links_to_each_scorecard(
    provinces_2566: Framework, client_as: Callable[[str], Client]
) -> None:
    store_scores(framework=provinces_2566, totals={"P50": "95"})

    page = client_as("moi_reviewer").get("/dashboards/provinces/?year=2566").content.decode()

    assert len(re.findall(r'data-province="P\d\d"', page)) == 76
    assert 'href="/scorecards/P50/2566/12/"' in page
    assert 'data-testid="table-progress"' in page and 'data-chart="chart-bands"' in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [("moi_reviewer", 200), ("opdc_desk", 200), ("kkn_coordinator", 403), ("cdd_coordinator", 403)],
)
def test_the_provincial_dashboard_is_for_moi_and_opdc(
    persona: str, status: int, client_as: Callable[[str], Client]
) -> None:
    assert client_as(persona).get("/dashboards/provinces/").status_code == status
    assert client_as(persona).get("/api/v1/dashboards/provinces").status_code == status


def test_a_coordinator_sees_the_own_organisations_dashboard_with_kpis_below_target(
    client_as: Callable[[str], Client],
) -> None:
    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    report_results(framework=framework, codes=["MOF"])
    store_scores(framework=framework, totals={"MOF": "88.5"})
    # The dashboard reads the latest scored year: leave FY2565 MOF's latest (the demo scores FY2567 too).
    OrganisationScore.objects.filter(organisation__code="MOF", framework__fiscal_year__year__gt=2565).delete()
    result = framework.kpis.get(code="MOF-65-01").results.get()
    result.value = Decimal(2)  # targets 3 / 4 / 5: below the standard target 4
    result.save()

    body = client_as("mof_coordinator").get("/api/v1/dashboards/organisation/MOF").json()

    assert [(s["year"], s["months"], s["total"]) for s in body["scores"]] == [(2565, 12, "88.5000")]
    assert [b["kpi_code"] for b in body["below_target"]] == ["MOF-65-01"]
    page = client_as("mof_coordinator").get("/dashboards/organisation/MOF/").content.decode()
    assert "MOF-65-01" in page and 'data-chart="chart-totals"' in page


def test_a_coordinator_cannot_see_another_organisations_dashboard(client_as: Callable[[str], Client]) -> None:
    assert client_as("mof_coordinator").get("/dashboards/organisation/CDD/").status_code == 403
    assert client_as("mof_coordinator").get("/api/v1/dashboards/organisation/CDD").status_code == 403
    assert client_as("mof_coordinator").get("/dashboards/organisation/NOPE/").status_code == 404
