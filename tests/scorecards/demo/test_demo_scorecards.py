"""The demo's own FY2565 results (approved and published) through the scorecard pages."""

from __future__ import annotations

from django.test import Client

from govkpi import scoring
from govkpi.frameworks.models import Framework
from govkpi.results.models import OrganisationScore
from govkpi.scorecards.build import build_scorecards
from govkpi.scorecards.services import rescore_report


def test_every_demo_scorecard_of_fy2565_can_be_scored(db: None) -> None:
    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    cards = [c for c in build_scorecards(framework) if c.has_results]
    assert len(cards) == 37
    assert all(scoring.validate(c.scorecard) == [] for c in cards)


def test_the_stored_demo_scores_are_what_rescoring_gives(db: None) -> None:
    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    report = rescore_report(framework)
    assert report.invalid == [] and report.scored == 37
    assert report.results_updated == 0  # the demo loader scored them with the same service


def test_the_public_sees_a_published_scorecard_with_its_stored_total(client: Client, db: None) -> None:
    stored = OrganisationScore.objects.get(
        organisation__code="MOF", round__months=12, framework__fiscal_year__year=2565
    )
    response = client.get("/scorecards/MOF/2565/12/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [("/public/2565/agencies/MOF/", 302)]  # the published snapshot
    assert f'data-testid="public-total">{stored.total:,.2f}<' in html
    assert stored.band and stored.band in html
