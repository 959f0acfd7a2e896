"""Signals between domain apps that must not import each other.

`score_inputs_changed` is sent by every write that changes an input of a stored score: a result
verified, returned after verification, approved, unlocked or corrected (results); a change request
taking effect (kpis); a framework's ladder, bands or components edited (frameworks); an appeal
decided (results.appeals). `scorecards` receives it (connected in `ScorecardsConfig.ready`) and
rescores exactly the scorecards named, synchronously, inside the sender's transaction: a stored
score is never left behind the data it is computed from, and a failure rolls the write back too.

Writers sit below `scorecards` in the layers (docs/architecture.md), so they announce the change
here, in `core`, instead of importing the rescoring service.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.dispatch import Signal

#: kwargs: framework_id (int), organisation_ids (list[int] | None: every organisation),
#: round_id (int | None: every round), by (the user, recorded in history, or None).
score_inputs_changed = Signal()


def announce_score_inputs_changed(
    *,
    framework_id: int,
    organisation_ids: Iterable[int] | None,
    round_id: int | None,
    by: Any = None,
    sender: object = None,
) -> None:
    """Send `score_inputs_changed`; with no receiver connected (scorecards not installed) nothing
    happens. Receivers' exceptions propagate, so the sender's transaction rolls back with them."""
    score_inputs_changed.send(
        sender=sender,
        framework_id=framework_id,
        organisation_ids=None if organisation_ids is None else sorted(set(organisation_ids)),
        round_id=round_id,
        by=by if getattr(by, "pk", None) else None,
    )
