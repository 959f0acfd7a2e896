"""The home page's count of KPIs per framework is the number of KPIs the viewer may open in the KPI list."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db.models import Count

from govkpi.frameworks.models import Framework
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.models import Kpi, Proposal
from govkpi.kpis.selectors import visible_kpi_counts, visible_kpis
from govkpi.organisations.access import PUBLIC, Viewer, viewer_for

pytestmark = pytest.mark.django_db

PERSONAS = ["opdc_admin", "cdd_coordinator", "cdd_executive", "moi_reviewer", "kkn_coordinator", "committee_secretary"]


def _listed(viewer: Viewer, ids: list[int]) -> dict[int, int]:
    return dict(
        visible_kpis(viewer)
        .filter(is_removed=False, framework_id__in=ids)
        .order_by()
        .values_list("framework_id")
        .annotate(n=Count("pk"))
        .values_list("framework_id", "n")
    )


def _a_published_proposal_sent_back_and_a_kpi_removed() -> None:
    published = Framework.objects.filter(published_at__isnull=False).order_by("pk").first()
    assert published is not None
    proposal = Proposal.objects.filter(framework=published, kpis__isnull=False).order_by("pk").first()
    assert proposal is not None
    Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.RETURNED)
    Kpi.objects.filter(pk=Kpi.objects.filter(framework=published).order_by("-pk").values("pk")[:1]).update(
        is_removed=True
    )


@pytest.mark.parametrize("sent_back", [False, True])
def test_every_viewer_is_told_as_many_kpis_per_framework_as_the_list_shows(
    user_of: Callable[[str], object], sent_back: bool
) -> None:
    if sent_back:
        _a_published_proposal_sent_back_and_a_kpi_removed()
    ids = list(Framework.objects.values_list("pk", flat=True))
    for viewer in [PUBLIC, *(viewer_for(user_of(persona)) for persona in PERSONAS)]:  # type: ignore[arg-type]
        assert visible_kpi_counts(viewer, ids) == _listed(viewer, ids), viewer.username


def test_the_home_page_shows_the_coordinators_count_of_each_framework(client_as: Callable[[str], object]) -> None:
    response = client_as("cdd_coordinator").get("/")  # type: ignore[attr-defined]
    assert response.status_code == 200
    for framework in response.context["frameworks"]:
        listed = _listed(viewer_for(response.wsgi_request.user), [framework.pk])
        assert framework.kpi_count == listed.get(framework.pk, 0)
