"""Fixtures for scorecards: MOF's FY2565 scorecard (six scored KPIs, one Monitor KPI, one joint,
one lower-is-better) and a way to report results on it inside the test's transaction.

The demo world carries FY2565's approved, published 12-month results and FY2564's monitoring
results. Most tests here start from the same year before anything was reported
(`before_reporting`, automatic in this folder) so each can report exactly the results it
reasons about; tests/scorecards/demo/ checks the demo's own results as loaded."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from govkpi.frameworks.models import Framework, Round
from govkpi.kpis.models import Kpi
from govkpi.organisations.models import Organisation
from govkpi.results.models import Appeal, OrganisationScore, Result, ResultState
from govkpi.scorecards.services import rescore

Report = Callable[..., Result]


def clear_results(*frameworks: Framework) -> None:
    """The frameworks as they were before any result: no results, scores or publication."""
    results = Result.objects.filter(round__framework__in=frameworks)
    Appeal.objects.filter(result__in=results).delete()
    results.delete()
    OrganisationScore.objects.filter(framework__in=frameworks).delete()
    Framework.objects.filter(pk__in=[f.pk for f in frameworks]).update(published_at=None)


@pytest.fixture(autouse=True)
def before_reporting(db: None) -> None:
    """FY2564 and FY2565 agencies before anything was reported (the demo's results removed
    inside the test's transaction). tests/scorecards/demo/ overrides this to keep them."""
    clear_results(*Framework.objects.filter(fiscal_year__year__in=[2564, 2565], group="agencies"))


@pytest.fixture
def fy2565(db: None) -> Framework:
    return Framework.objects.get(fiscal_year__year=2565, group="agencies")


@pytest.fixture
def mof(db: None) -> Organisation:
    return Organisation.objects.get(code="MOF")


@pytest.fixture
def round12(fy2565: Framework) -> Round:
    return fy2565.rounds.get(months=12)


@pytest.fixture
def round6(fy2565: Framework) -> Round:
    return fy2565.rounds.get(months=6)


@pytest.fixture
def report(fy2565: Framework) -> Report:
    """report("MOF-65-01", round, "4") creates (or replaces) that KPI's result for the round, verified
    by the desk (only verified and approved results count in a score) unless `state` says otherwise,
    and rescores that scorecard as the verification service does (pages read stored scores) unless
    `rescored=False` (tests of rescoring itself)."""

    def make(
        code: str,
        round_: Round,
        value: str | None,
        verified: str | None = None,
        org: str = "MOF",
        state: str = ResultState.VERIFIED,
        rescored: bool = True,
    ) -> Result:
        kpi = Kpi.objects.get(framework=round_.framework, organisation__code=org, code=code)
        result, _ = Result.objects.update_or_create(
            kpi=kpi,
            round=round_,
            defaults={
                "version": kpi.versions.order_by("-number").first(),
                "organisation": kpi.organisation,
                "value": None if value is None else Decimal(value),
                "verified_value": None if verified is None else Decimal(verified),
                "state": state,
            },
        )
        if rescored:
            rescore(round_.framework, organisations=[kpi.organisation], round=round_)
        return result

    return make
