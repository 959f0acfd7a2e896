"""Frozen KPI definitions: approval freezes each KPI of a proposal as version 1.

Later versions come from approved change requests (`govkpi.kpis.changes`); results of a round are
scored against the version in force then, so version 1 is effective from the framework's first round.

The proposal's "ฉบับที่" shown to people is `version_number`: it rises only when the KPIs are frozen
(approval, ฉบับที่ 1) or changed by an approved change request, never on a save. `lock_version` is the
optimistic-locking counter and rises on every write; it is not a version people see.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from govkpi.kpis.models import VERSION_FIELDS, KpiVersion, Proposal


def version_number(proposal: Proposal) -> int | None:
    """ฉบับที่ of the proposal: None before approval (no version issued yet), 1 once frozen, plus one
    for each approved change request that wrote new versions of its KPIs."""
    versions = KpiVersion.objects.filter(kpi__proposal_id=proposal.pk)
    if not versions.exists():
        return None
    changes = versions.exclude(change_request=None).values("change_request_id").distinct().count()
    return 1 + changes


@transaction.atomic
def freeze_proposal(proposal: Proposal, by: User | None) -> list[KpiVersion]:
    """Write version 1 of every (not removed) KPI of the approved proposal; idempotent."""
    first_round = proposal.framework.rounds.order_by("months").first()
    kpis = list(proposal.kpis.filter(is_removed=False).exclude(versions__number=1).order_by("order", "pk"))
    versions = [
        KpiVersion(
            kpi=kpi,
            number=1,
            effective_from=first_round,
            created_by=by,
            **{field: getattr(kpi, field) for field in VERSION_FIELDS},
        )
        for kpi in kpis
    ]
    for version in versions:
        version.full_clean(exclude=["kpi", "component", "effective_from", "change_request", "created_by"])
    return KpiVersion.objects.bulk_create(versions)
