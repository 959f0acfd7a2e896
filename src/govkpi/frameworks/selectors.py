"""Reads of fiscal years and frameworks, and their translation into the scoring engine's terms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from govkpi import scoring
from govkpi.core.deadlines import DeadlineStatus, deadline_status
from govkpi.core.errors import NotFound
from govkpi.frameworks.models import Band, Component, ExtensionRequest, FiscalYear, Framework, Round, TargetLevel
from govkpi.organisations.access import Viewer


def frameworks_visible(viewer: Viewer) -> QuerySet[Framework]:
    """THE rule of which frameworks a viewer may see: a draft (not yet announced) is OPDC's alone;
    everyone else, the public included, sees announced frameworks only. Every page, API route,
    command and selector that shows frameworks to organisations starts from here."""
    qs = Framework.objects.select_related("fiscal_year")
    if viewer.is_opdc:
        return qs
    return qs.filter(announced_q())


def announced_q(prefix: str = "") -> Q:
    """Rows of announced frameworks (`prefix` is the path to the Framework, e.g. "framework__")."""
    return Q(**{f"{prefix}announced_at__isnull": False})


def fiscal_year_list(viewer: Viewer) -> QuerySet[FiscalYear]:
    """Fiscal years with the frameworks the viewer may see (prefetched as `visible_frameworks`)."""
    return FiscalYear.objects.prefetch_related(
        Prefetch("frameworks", queryset=frameworks_visible(viewer).order_by("group"), to_attr="visible_frameworks")
    ).order_by("-year")


def framework_list(viewer: Viewer, *, year: int | None = None, group: str = "") -> QuerySet[Framework]:
    qs = frameworks_visible(viewer)
    if year:
        qs = qs.filter(fiscal_year__year=year)
    if group:
        qs = qs.filter(group=group)
    return qs


def framework_get(*, pk: int) -> Framework:
    """A framework with its rules, whoever may see it (internal: scoring, services); a viewer's
    page or API route uses `framework_visible_get`."""
    return (
        Framework.objects.select_related("fiscal_year")
        .prefetch_related(
            Prefetch("components", queryset=Component.objects.order_by("order")),
            Prefetch("target_levels", queryset=TargetLevel.objects.order_by("order")),
            Prefetch("bands", queryset=Band.objects.order_by("-min_score")),
            Prefetch("rounds", queryset=Round.objects.order_by("months")),
        )
        .get(pk=pk)
    )


def framework_visible_get(viewer: Viewer, pk: int) -> Framework:
    """The framework with its rules if the viewer may see it; `NotFound` otherwise (a draft is
    not there for an organisation, rather than forbidden)."""
    if not frameworks_visible(viewer).filter(pk=pk).exists():
        raise NotFound("ไม่พบกรอบการประเมินนี้", "No such framework.")
    return framework_get(pk=pk)


def framework_for(*, year: int, group: str) -> Framework:
    return framework_get(pk=Framework.objects.get(fiscal_year__year=year, group=group).pk)


@dataclass(frozen=True)
class LadderLevel:
    """One level of a framework's target ladder as forms, pages and Excel templates show it."""

    index: int  # 0-based position: the KPI's targets are stored lowest level first, one per level
    name_th: str
    name_en: str
    points: Decimal

    @property
    def name(self) -> str:
        """The name in the active language (English falls back to Thai when the framework has none)."""
        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.name_th


def ladder_of(framework: Framework) -> tuple[LadderLevel, ...]:
    """The framework's ladder, lowest level first: how many targets a KPI needs and what they are called.

    Reads `target_levels.all()`, so a prefetched framework (`framework_get`) costs no query."""
    levels = sorted(framework.target_levels.all(), key=lambda lv: lv.order)
    return tuple(
        LadderLevel(index=i, name_th=lv.name_th, name_en=lv.name_en or lv.name_th, points=lv.points)
        for i, lv in enumerate(levels)
    )


def ladders_in_use() -> dict[int, tuple[LadderLevel, ...]]:
    """Ladder length → the ladder of the latest framework with that many levels, shortest first.

    What the Basket offers recommendations for (its form rows, its Excel columns); the default
    three-level ladder is always there, so an empty database still offers it."""
    found: dict[int, tuple[LadderLevel, ...]] = {}
    frameworks = Framework.objects.prefetch_related("target_levels").order_by("-fiscal_year__year", "group")
    for framework in frameworks:
        ladder = ladder_of(framework)
        if len(ladder) >= 2:
            found.setdefault(len(ladder), ladder)
    if 3 not in found:
        found[3] = tuple(
            LadderLevel(index=i, name_th=level.name, name_en=_DEFAULT_EN[i], points=level.points)
            for i, level in enumerate(scoring.DEFAULT_FRAMEWORK.target_levels)
        )
    return dict(sorted(found.items()))


_DEFAULT_EN = ("Threshold", "Standard", "Advanced")


def scoring_ladder(framework: Framework) -> tuple[scoring.TargetLevel, ...]:
    """The ladder in the pure engine's terms (what `scoring.target_count_problem` checks against)."""
    return tuple(scoring.TargetLevel(name=level.name_th, points=level.points) for level in ladder_of(framework))


def scoring_framework(framework: Framework) -> scoring.Framework:
    """The stored framework as the pure engine's value object."""
    return scoring.Framework(
        target_levels=scoring_ladder(framework),
        components=tuple(
            scoring.ComponentRule(
                code=c.code,
                weight=c.weight,
                min_kpis=c.min_kpis,
                max_kpis=c.max_kpis,
                name_th=c.name_th,
                name_en=c.name_en,
            )
            for c in sorted(framework.components.all(), key=lambda c: c.order)
        ),
        bands=tuple(
            scoring.Band(name=b.name_th, min_score=b.min_score)
            for b in sorted(framework.bands.all(), key=lambda b: -b.min_score)
        ),
        below_lowest_points=framework.below_lowest_points,
        monitoring_only=framework.monitoring_only,
    )


# --- extension requests --------------------------------------------------------------------------


def extension_request_list(viewer: Viewer, *, state: str = "") -> QuerySet[ExtensionRequest]:
    """The requests the viewer may see: OPDC and the committees all, others their organisations'."""
    qs = ExtensionRequest.objects.filter(viewer.organisation_q("organisation__"))
    if state:
        qs = qs.filter(state=state)
    return qs.select_related(
        "framework__fiscal_year", "round", "organisation", "requested_by__person", "decided_by__person"
    ).order_by("state", "-requested_at")


def extension_request_get(viewer: Viewer, pk: int) -> ExtensionRequest:
    found = extension_request_list(viewer).filter(pk=pk).first()
    if found is None:
        raise NotFound("ไม่พบคำขอขยายเวลา", "No such extension request.")
    return found


def extension_requests_to_decide(viewer: Viewer) -> QuerySet[ExtensionRequest]:
    """What waits for OPDC's decision (the home queue's `extension_request` items); nothing for others."""
    if not viewer.is_opdc:
        return ExtensionRequest.objects.none()
    return extension_request_list(viewer, state=ExtensionRequest.State.PENDING).order_by("requested_at")


@dataclass(frozen=True)
class ExtensionPanel:
    """What a page with a deadline offers about more time: the latest request, and whether the viewer
    may ask (a coordinator of the organisation, near or past the deadline, nothing pending) or decide."""

    framework: Framework
    round: Round | None
    organisation_id: int
    status: DeadlineStatus | None
    latest: ExtensionRequest | None
    may_request: bool
    may_decide: bool


def extension_panel(
    viewer: Viewer,
    *,
    framework: Framework,
    organisation_id: int,
    round_: Round | None,
    deadline: dt.date | None,
    today: dt.date | None = None,
) -> ExtensionPanel:
    status = deadline_status(deadline, today or timezone.localdate()) if deadline else None
    latest = (
        ExtensionRequest.objects.filter(
            Q(round=round_) if round_ is not None else Q(round__isnull=True),
            framework=framework,
            organisation_id=organisation_id,
        )
        .select_related("decided_by__person", "requested_by__person")
        .order_by("-requested_at", "-pk")
        .first()
    )
    pending = latest is not None and latest.state == ExtensionRequest.State.PENDING
    return ExtensionPanel(
        framework=framework,
        round=round_,
        organisation_id=organisation_id,
        status=status,
        latest=latest,
        may_request=bool(
            viewer.may_edit_for(organisation_id) and status and (status.is_near or status.is_overdue) and not pending
        ),
        may_decide=viewer.is_opdc and pending,
    )
