"""The receiver of `core.signals.score_inputs_changed`: the one rescoring path of every write."""

from __future__ import annotations

from typing import Any

from govkpi.frameworks.models import Framework, Round
from govkpi.frameworks.selectors import framework_get
from govkpi.organisations.models import Organisation
from govkpi.scorecards.services import rescore_report


def rescore_on_change(
    sender: object,
    *,
    framework_id: int,
    organisation_ids: list[int] | None,
    round_id: int | None,
    by: Any = None,
    **kwargs: Any,
) -> None:
    """Rescore exactly the scorecards the sender names, in the sender's transaction. `by` is the
    user whose write caused it (history records it); the write's own service checked their right
    to make it, so no rescoring right is asked of them here."""
    try:  # with its rules and rounds, which rescoring reads (not loaded a second time)
        framework = framework_get(pk=framework_id)
    except Framework.DoesNotExist:
        return  # being deleted along with its parts: nothing left to score
    organisations = None if organisation_ids is None else list(Organisation.objects.filter(pk__in=organisation_ids))
    round_ = None
    if round_id is not None:
        round_ = next((r for r in framework.rounds.all() if r.pk == round_id), None) or Round.objects.get(pk=round_id)
    rescore_report(framework, organisations=organisations, round=round_, history_user=by)
