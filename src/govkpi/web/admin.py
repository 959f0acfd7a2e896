# mypy: disable-error-code="type-arg,misc"
"""Django admin for OPDC administrators: every domain model, with its change history."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from govkpi.basket.models import BasketKpi
from govkpi.core.models import WorkflowEvent
from govkpi.frameworks.models import Band, Component, DeadlineExtension, FiscalYear, Framework, Round, TargetLevel
from govkpi.kpis.models import CascadedKpi, ChangeRequest, JointKpi, Kpi, KpiVersion, Proposal
from govkpi.organisations.models import ApiToken, Organisation, Person
from govkpi.plans.models import PlanNode
from govkpi.results.models import Appeal, Evidence, OrganisationScore, Result
from govkpi.reviews.models import AgendaItem, Committee, Meeting, Recommendation, Resolution


class ComponentInline(admin.TabularInline):
    model = Component
    extra = 0


class TargetLevelInline(admin.TabularInline):
    model = TargetLevel
    extra = 0


class BandInline(admin.TabularInline):
    model = Band
    extra = 0


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_th", "kind", "parent")
    list_filter = ("kind", "region")
    search_fields = ("code", "name_th", "name_en", "abbr_th")


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("full_name_th", "user", "role", "organisation")
    list_filter = ("role",)
    search_fields = ("full_name_th", "user__username", "organisation__name_th")


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ("name_th", "fiscal_year", "group", "monitoring_only", "published_at")
    list_filter = ("group", "monitoring_only")
    inlines = [ComponentInline, TargetLevelInline, BandInline, RoundInline]
    filter_horizontal = ("participants",)


@admin.register(BasketKpi)
class BasketKpiAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_th", "group", "domain", "is_retired")
    list_filter = ("group", "domain", "is_retired")
    search_fields = ("code", "name_th", "search_text")


@admin.register(Kpi)
class KpiAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_th", "organisation", "framework", "weight", "is_monitor", "origin")
    list_filter = ("framework", "origin", "is_monitor", "kpi_type")
    search_fields = ("code", "name_th", "organisation__name_th")
    raw_id_fields = ("proposal", "organisation", "basket", "joint", "cascade")


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "framework", "state", "lock_version")
    list_filter = ("framework", "state")
    search_fields = ("organisation__name_th", "organisation__code")


for model in (
    FiscalYear,
    DeadlineExtension,
    KpiVersion,
    JointKpi,
    CascadedKpi,
    ChangeRequest,
    PlanNode,
    Committee,
    Meeting,
    AgendaItem,
    Resolution,
    Recommendation,
    Result,
    Evidence,
    OrganisationScore,
    Appeal,
):
    admin.site.register(model, SimpleHistoryAdmin if hasattr(model, "history") else admin.ModelAdmin)

admin.site.register(WorkflowEvent, admin.ModelAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued by their owners (web, API, command); here OPDC reads and revokes them
    (set "revoked at"). The key itself is never stored, so it cannot be shown."""

    list_display = ("name", "user", "prefix", "read_only", "created_at", "expires_at", "last_used_at", "revoked_at")
    list_filter = ("read_only",)
    search_fields = ("name", "user__username", "prefix")
    readonly_fields = ("user", "key_hash", "prefix", "created_at", "last_used_at", "password_stamp", "revoked_by")
    fields = (
        "name",
        "user",
        "prefix",
        "read_only",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    )

    def has_add_permission(self, request: object) -> bool:
        return False
