"""The demo's results: FY2565 agencies approved and published with a spread of bands, seed 000's
Chachoengsao result, and FY2564 CDD monitoring-only results with lessons learned."""

from __future__ import annotations

import pytest

from govkpi.demo import results_loader as demo
from govkpi.frameworks.models import Framework
from govkpi.results.models import LessonsLearned, OrganisationScore, Result, ResultState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_results")]


def test_fy2565_agencies_are_approved_published_and_spread_over_every_band() -> None:
    fw = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    assert fw.is_published
    results = Result.objects.filter(round__framework=fw, round__months=12)
    assert results.count() == 232
    assert set(results.values_list("state", flat=True)) == {ResultState.APPROVED}
    assert all(results.values_list("is_locked", flat=True))
    assert "illustrative" in results.first().narrative_th  # type: ignore[union-attr]
    bands = set(OrganisationScore.objects.filter(framework=fw).values_list("band", flat=True))
    assert bands == set(fw.bands.values_list("name_th", flat=True))


def test_chachoengsaos_eco_industrial_town_result_is_approved_as_seed_000_says() -> None:
    result = Result.objects.get(kpi__lineage="A65-24-01", round__months=12)
    assert result.state == ResultState.APPROVED and result.value == 4
    assert "6/2565" in result.approval_ref_th
    assert result.points is not None


def test_fy2564_cdd_results_carry_no_band_and_have_lessons_learned() -> None:
    fw = Framework.objects.get(fiscal_year__year=2564, group="agencies")
    assert Result.objects.filter(round__framework=fw, organisation__code="CDD").count() == 8
    assert not OrganisationScore.objects.filter(framework=fw).exclude(band="").exists()
    assert LessonsLearned.objects.filter(framework=fw, organisation__code="CDD").exists()


def test_loading_the_demo_results_again_changes_nothing() -> None:
    before = Result.objects.count()
    assert demo.load(force=True) == {
        "results FY2565 agencies": 0,
        "results FY2565 Chachoengsao": 0,
        "results FY2564 CDD": 0,
    }
    assert Result.objects.count() == before
