"""For tests and trying pages by hand: publish (or amend) a framework's round as OPDC would."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from govkpi.frameworks.models import Framework
from govkpi.organisations.access import viewer_for
from govkpi.publication.models import Publication
from govkpi.publication.selectors import round_to_publish
from govkpi.publication.services import publication_amend, publication_publish


def publish_now(
    framework: Framework, *, months: int | None = None, reason: str = "ทดสอบ", username: str = "opdc.admin"
) -> Publication:
    """Version 1 of the round, or the next version with every organisation whose data changed."""
    user = get_user_model().objects.get(username=username)
    viewer = viewer_for(user)
    round_ = round_to_publish(framework, months)
    if Publication.objects.filter(framework=framework, round=round_).exists():
        return publication_amend(
            viewer=viewer, user=user, framework=framework, months=round_.months, reason=reason, confirm=True
        )
    return publication_publish(
        viewer=viewer, user=user, framework=framework, months=round_.months, confirm=True, gap_reason=reason
    )
