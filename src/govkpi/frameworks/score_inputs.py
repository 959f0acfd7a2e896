"""A framework's scoring rules edited (ladder, bands, components, below-lowest points, monitoring
only) → `core.signals.score_inputs_changed` for every scorecard of the framework.

These rules are edited in the admin, which saves models one by one; listening to the models'
own signals catches every such edit, whatever screen makes it. Loading fixtures (`raw`) is left
alone: a loaded database already holds its scores.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save

from govkpi.core.signals import announce_score_inputs_changed
from govkpi.frameworks.models import Band, Component, Framework, TargetLevel

#: Frameworks whose change waits for the end of a `rescore_once` block (None: announce at once).
_pending: ContextVar[set[int] | None] = ContextVar("framework_score_inputs_pending", default=None)


@contextmanager
def rescore_once(by: Any = None) -> Iterator[None]:
    """Inside, edits of a framework's rules are collected and each framework is rescored once at
    the end (the designer saves a whole ladder or band table at a time: one rescore, not one per
    row). An exception inside skips the rescore: the caller's transaction rolls back anyway."""
    outer = _pending.get()
    if outer is not None:
        yield  # already collecting: the outermost block announces
        return
    pending: set[int] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for framework_id in sorted(pending):
        announce_score_inputs_changed(framework_id=framework_id, organisation_ids=None, round_id=None, by=by)


def _announce(framework_id: int) -> None:
    pending = _pending.get()
    if pending is not None:
        pending.add(framework_id)
        return
    announce_score_inputs_changed(framework_id=framework_id, organisation_ids=None, round_id=None)


#: The Framework columns the scoring engine reads (`frameworks.selectors.scoring_framework`).
_SCORED_FIELDS = ("below_lowest_points", "monitoring_only")


def _part_changed(sender: type[Any], instance: TargetLevel | Band | Component, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    _announce(instance.framework_id)


def _remember_scored_fields(sender: type[Any], instance: Framework, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance.pk is None:
        return
    before = Framework.objects.filter(pk=instance.pk).values_list(*_SCORED_FIELDS).first()
    instance._scored_before = before  # type: ignore[attr-defined]


def _framework_saved(sender: type[Any], instance: Framework, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw") or created:
        return
    before = getattr(instance, "_scored_before", None)
    if before is not None and before != tuple(getattr(instance, f) for f in _SCORED_FIELDS):
        _announce(instance.pk)


def connect() -> None:
    for model in (TargetLevel, Band, Component):
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"score_inputs.save.{model.__name__}")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"score_inputs.delete.{model.__name__}")
    pre_save.connect(_remember_scored_fields, sender=Framework, dispatch_uid="score_inputs.framework.pre")
    post_save.connect(_framework_saved, sender=Framework, dispatch_uid="score_inputs.framework.post")
