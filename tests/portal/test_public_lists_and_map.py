"""Public lists read like a Thai list (Thai dictionary order, sortable columns, band colours with a
symbol), and the province map is found from the menu and says why when nothing is published."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from govkpi.core.thaisort import thai_sort_key
from govkpi.dashboards.testing import report_results, store_scores
from govkpi.frameworks.models import Framework
from govkpi.publication.testing import publish_now

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr><td><a href="/public/2565/agencies/([A-Z0-9]+)/')


@pytest.fixture
def published() -> Framework:
    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    store_scores(framework=framework, totals={"MOF": "91.2345", "MOI": "76.5", "BB": "60"})
    publish_now(framework)
    return framework


def codes_in_order(url: str) -> list[str]:
    return ROW.findall(Client().get(url).content.decode())


def test_the_public_score_list_is_in_thai_dictionary_order_by_default(published: Framework) -> None:
    names = dict(published.participants.values_list("code", "name_th"))

    codes = codes_in_order("/public/2565/agencies/")

    assert len(codes) > 10
    assert codes == sorted(codes, key=lambda c: thai_sort_key(names[c]))
    assert codes != sorted(codes)  # not by English code (AMLO, BB, BOI…) any more


def test_columns_sort_by_total_and_band_and_reverse_on_a_second_click(published: Framework) -> None:
    by_total = codes_in_order("/public/2565/agencies/?sort=total")
    highest_first = codes_in_order("/public/2565/agencies/?sort=-total")
    by_band = codes_in_order("/public/2565/agencies/?sort=band")

    assert by_total.index("BB") < by_total.index("MOI") < by_total.index("MOF")
    assert highest_first.index("MOF") < highest_first.index("MOI") < highest_first.index("BB")
    assert by_band.index("MOF") < by_band.index("MOI") < by_band.index("BB")  # best band first
    page = Client().get("/public/2565/agencies/?sort=total").content.decode()
    assert 'aria-sort="ascending"' in page and 'href="?sort=-total"' in page
    # Anything else is the default order, and never a new cache entry of its own.
    assert codes_in_order("/public/2565/agencies/?sort=drop%20table") == codes_in_order("/public/2565/agencies/")


def test_bands_on_the_public_list_carry_colour_symbol_and_name(published: Framework) -> None:
    page = Client().get("/public/2565/agencies/").content.decode()

    assert re.search(r'class="band band-1"[^>]*><span aria-hidden="true">●</span> ระดับคุณภาพ', page)
    assert re.search(r'class="band band-2"[^>]*><span aria-hidden="true">◆</span> ระดับมาตรฐาน', page)


def test_an_unpublished_provinces_year_map_says_why_instead_of_a_bare_not_found() -> None:
    response = Client().get("/public/2566/map/")

    assert response.status_code == 404  # like every public URL of an unpublished year
    page = response.content.decode()
    assert 'data-testid="map-empty"' in page
    assert "ยังไม่มีผลการประเมินจังหวัดที่เผยแพร่สำหรับปีงบประมาณ พ.ศ. 2566" in page
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    english.cookies["django_language"] = "en"
    assert (
        "No provincial results have been published for fiscal year 2566"
        in english.get("/public/2566/map/").content.decode()
    )


def test_the_menus_map_link_goes_to_the_latest_published_provinces_map_or_explains() -> None:
    home = Client().get("/public/").content.decode()
    assert 'href="/public/map/" data-testid="nav-public-map"' in home

    nothing = Client().get("/public/map/")
    assert nothing.status_code == 200 and "ยังไม่มีผลการประเมินจังหวัดที่เผยแพร่" in nothing.content.decode()

    provinces = Framework.objects.get(fiscal_year__year=2566, group="provinces")
    report_results(framework=provinces, codes=["P50"])
    store_scores(framework=provinces, totals={"P50": "93"})
    publish_now(provinces)
    assert Client().get("/public/map/").headers["Location"] == "/public/2566/map/"
    page = Client().get("/public/2566/map/").content.decode()
    assert 'data-testid="province-map"' in page
    assert '<span aria-hidden="true">●</span> ระดับคุณภาพ' in page  # the legend's symbol beside the colour
