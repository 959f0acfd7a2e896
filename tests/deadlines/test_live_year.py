"""loaddemo prepares a live year around "today": proposals open with their deadline ahead, and the
previous year's reporting round open, so every role has work the day the demo is loaded."""

import datetime as dt

import pytest

from govkpi.core.thaidates import fiscal_year_of
from govkpi.demo import live_year
from govkpi.frameworks.models import Framework
from govkpi.kpis.models import Proposal
from govkpi.results import services
from govkpi.results.models import Result

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [dt.date(2029, 10, 2), dt.date(2033, 3, 15)])
def test_loaddemo_on_a_given_day_opens_a_proposal_year_and_a_reporting_round(today: dt.date) -> None:
    live_year.load(today)
    year = fiscal_year_of(today)
    for group in ("agencies", "provinces"):
        current = Framework.objects.get(fiscal_year__year=year, group=group)
        assert current.proposal_deadline > today
        assert current.components.count() == 2 and current.bands.count() == 3
        previous = Framework.objects.get(fiscal_year__year=year - 1, group=group)
        round_ = previous.rounds.get(months=12)
        assert round_.is_open_on(today)
    states = set(Proposal.objects.filter(framework__fiscal_year__year=year).values_list("state", flat=True))
    assert states == {"draft", "submitted"}
    reported = Result.objects.filter(round__framework__fiscal_year__year=year - 1)
    assert set(reported.values_list("state", flat=True)) == {"draft", "submitted", "endorsed"}
    kkn = Framework.objects.get(fiscal_year__year=year - 1, group="provinces").rounds.get(months=12)
    assert services.round_is_open(kkn, Framework.objects.get(pk=kkn.framework_id).participants.get(code="P40"), today)


def test_loading_the_live_year_again_changes_nothing() -> None:
    today = dt.date(2027, 10, 2)
    live_year.load(today)
    counts = (Framework.objects.count(), Proposal.objects.count(), Result.objects.count())
    assert not any(live_year.load(today + dt.timedelta(days=3)).values())
    assert (Framework.objects.count(), Proposal.objects.count(), Result.objects.count()) == counts


def test_the_seeds_years_stay_as_history() -> None:
    assert Framework.objects.filter(fiscal_year__year__in=[2564, 2565, 2566]).count() == 6
