"""The framework designer's services, its one visibility rule and its validation messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.frameworks import services
from govkpi.frameworks.models import Framework
from govkpi.frameworks.selectors import framework_for, frameworks_visible
from govkpi.frameworks.validation import framework_problems
from govkpi.kpis.services import proposal_start, startable_frameworks
from govkpi.notifications.models import Notification
from govkpi.organisations.access import viewer_for
from govkpi.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(user_of: Callable[[str], Any]) -> Any:
    return user_of("opdc_admin")


@pytest.fixture
def draft(admin: Any) -> Framework:
    """FY2580 agencies, copied from FY2566: a draft CDD takes part in."""
    return services.framework_copy(framework_for(year=2566, group="agencies"), year=2580, by=admin)


def _rules(problems: list[Any]) -> set[str]:
    return {p.rule for p in problems}


def test_a_copy_is_a_draft_with_the_source_rules_and_participants(draft: Framework) -> None:
    source = framework_for(year=2566, group="agencies")
    assert draft.announced_at is None
    assert [t.points for t in draft.target_levels.order_by("order")] == [
        t.points for t in source.target_levels.order_by("order")
    ]
    assert set(draft.participants.all()) == set(source.participants.all())
    assert draft.rounds.get(months=12).opens_on.year == source.rounds.get(months=12).opens_on.year + 14
    assert framework_problems(draft) == []


def test_a_draft_framework_is_invisible_to_organisations(draft: Framework, user_of: Callable[[str], Any]) -> None:
    coordinator = viewer_for(user_of("cdd_coordinator"))
    assert not frameworks_visible(coordinator).filter(pk=draft.pk).exists()
    assert not frameworks_visible(viewer_for(None)).filter(pk=draft.pk).exists()
    assert frameworks_visible(viewer_for(user_of("opdc_desk"))).filter(pk=draft.pk).exists()
    assert draft not in startable_frameworks(coordinator)


def test_a_coordinator_cannot_start_a_proposal_under_a_draft(draft: Framework, user_of: Callable[[str], Any]) -> None:
    with pytest.raises(Exception) as refused:
        proposal_start(framework=draft, by=user_of("cdd_coordinator"))
    assert getattr(refused.value, "status", None) == 404


def test_announcing_makes_it_visible_and_notifies_every_participant(
    draft: Framework, admin: Any, user_of: Callable[[str], Any]
) -> None:
    services.framework_announce(framework=draft, by=admin)
    coordinator = user_of("cdd_coordinator")
    assert frameworks_visible(viewer_for(coordinator)).filter(pk=draft.pk).exists()
    assert draft in startable_frameworks(viewer_for(coordinator))
    notice = Notification.objects.get(user=coordinator, kind="framework_announced")
    assert notice.url == f"/frameworks/{draft.pk}/"
    assert draft.history.filter(history_user=admin).exists()
    with pytest.raises(Conflict):
        services.framework_announce(framework=draft, by=admin)


def test_a_desk_officer_may_read_but_not_design(draft: Framework, user_of: Callable[[str], Any]) -> None:
    with pytest.raises(NotAllowed):
        services.framework_announce(framework=draft, by=user_of("opdc_desk"))


def test_a_framework_with_problems_cannot_be_announced(draft: Framework, admin: Any) -> None:
    draft.participants.clear()
    with pytest.raises(Invalid) as refused:
        services.framework_announce(framework=draft, by=admin)
    assert refused.value.field == "framework.participants"
    assert "หน่วยงานรับการประเมิน" in refused.value.message_th


def test_a_five_level_ladder_is_saved_and_a_falling_one_refused_with_the_level_named(
    draft: Framework, admin: Any
) -> None:
    levels = [services.LevelSpec(name_th=f"ขั้นที่ {i}", points=Decimal(p)) for i, p in enumerate([60, 70, 80, 90, 100], 1)]
    services.framework_set_ladder(framework=draft, by=admin, levels=levels, below_lowest_points=Decimal(30))
    assert [t.points for t in draft.target_levels.order_by("order")] == [60, 70, 80, 90, 100]
    falling = [*levels[:2], services.LevelSpec(name_th="ขั้นที่ 3", points=Decimal(65))]
    with pytest.raises(Invalid) as refused:
        services.framework_set_ladder(framework=draft, by=admin, levels=falling)
    assert refused.value.field == "framework.target_levels[2].points"
    assert "ขั้นที่ 3" in refused.value.message_th and "strictly increase" in refused.value.message_en
    assert draft.target_levels.count() == 5  # nothing saved
    with pytest.raises(Invalid) as one:
        services.framework_set_ladder(framework=draft, by=admin, levels=levels[:1])
    assert "levels_too_few" in {p["rule"] for p in one.value.problems}


def test_component_weights_must_sum_to_100_and_min_not_above_max(draft: Framework, admin: Any) -> None:
    with pytest.raises(Invalid) as refused:
        services.framework_set_components(
            framework=draft,
            by=admin,
            components=[
                services.ComponentSpec("performance", "ประสิทธิผล", Decimal(60), 3, 5),
                services.ComponentSpec("potential", "ศักยภาพ", Decimal(30), 3, 2),
            ],
        )
    rules = {p["rule"] for p in refused.value.problems}
    assert rules == {"component_weights_total", "component_kpi_range"}
    assert "รวมได้ 90" in refused.value.message_th or any("90" in p["th"] for p in refused.value.problems)


def test_bands_must_be_ordered_distinct_and_start_at_zero(draft: Framework, admin: Any) -> None:
    with pytest.raises(Invalid) as refused:
        services.framework_set_bands(
            framework=draft,
            by=admin,
            bands=[services.BandSpec("มาตรฐาน", Decimal(75)), services.BandSpec("คุณภาพ", Decimal(90))],
        )
    assert {p["rule"] for p in refused.value.problems} >= {"band_order"}
    with pytest.raises(Invalid) as gap:
        services.framework_set_bands(
            framework=draft,
            by=admin,
            bands=[services.BandSpec("คุณภาพ", Decimal(90)), services.BandSpec("มาตรฐาน", Decimal(50))],
        )
    assert {p["rule"] for p in gap.value.problems} == {"bands_not_from_zero"}


def test_rounds_must_open_inside_the_year_and_close_after_opening(draft: Framework, admin: Any) -> None:
    with pytest.raises(Invalid) as refused:
        services.framework_set_rounds(
            framework=draft,
            by=admin,
            rounds=[services.RoundSpec(12, dt.date(2020, 9, 1), dt.date(2020, 8, 1))],
        )
    rules = {p["rule"] for p in refused.value.problems}
    assert rules == {"round_outside_year", "round_closes_before_opens", "rounds_missing"} - {"rounds_missing"}
    assert "2580" in refused.value.problems[0]["th"] or any("2580" in p["th"] for p in refused.value.problems)


def test_unknown_kpi_types_are_named(draft: Framework, admin: Any) -> None:
    with pytest.raises(Invalid) as refused:
        services.framework_update(framework=draft, by=admin, values={"kpi_types": ["function", "wish"]})
    assert refused.value.field == "framework.kpi_types" and "wish" in refused.value.message_th


def test_quick_add_of_all_provinces_to_an_agencies_framework_is_refused(draft: Framework, admin: Any) -> None:
    with pytest.raises(Invalid) as refused:
        services.framework_add_participants(framework=draft, by=admin, all_provinces=True)
    assert refused.value.field == "framework.participants"


def test_quick_add_of_a_ministrys_departments(admin: Any) -> None:
    framework = services.framework_create(year=2581, group="agencies", by=admin)
    added = services.framework_add_participants(framework=framework, by=admin, ministry_code="MOI")
    moi_children = Organisation.objects.filter(parent__code="MOI", is_active=True).exclude(kind="province").count()
    assert added == moi_children > 0
    assert framework_problems(framework) == []


def test_from_scratch_has_the_usual_rules_and_needs_participants(admin: Any) -> None:
    framework = services.framework_create(year=2582, group="provinces", by=admin)
    assert _rules(framework_problems(framework)) == {"participants_missing"}
    assert framework.kpi_types and framework.announced_at is None
    with pytest.raises(Conflict):
        services.framework_create(year=2582, group="provinces", by=admin)


def test_the_command_copies_checks_and_announces(user_of: Callable[[str], Any]) -> None:
    out = StringIO()
    call_command("framework", "copy", "--from", "2566", "--to", "2583", "--group", "provinces", stdout=out)
    assert "76 participants" in out.getvalue()
    framework = framework_for(year=2583, group="provinces")
    assert framework.announced_at is None
    call_command("framework", "check", "--year", "2583", "--group", "provinces", stdout=StringIO())
    framework.participants.clear()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("framework", "check", "--year", "2583", "--group", "provinces", stdout=StringIO(), stderr=err)
    assert "framework.participants" in err.getvalue()
    with pytest.raises(CommandError, match="OPDC administrator"):
        call_command("framework", "announce", "--year", "2583", "--group", "provinces", "--user", "opdc.desk1")


def test_the_command_copy_can_announce_at_once() -> None:
    call_command(
        "framework", "copy", "--from", "2566", "--to", "2584", "--group", "agencies", "--announce", stdout=StringIO()
    )
    assert framework_for(year=2584, group="agencies").announced_at is not None


def test_the_framework_list_page_hides_drafts_from_a_coordinator(
    draft: Framework, client_as: Callable[[str], Client]
) -> None:
    page = client_as("cdd_coordinator").get("/frameworks/")
    assert f"/frameworks/{draft.pk}/" not in page.content.decode()
    assert client_as("cdd_coordinator").get(f"/frameworks/{draft.pk}/").status_code == 404
    assert f"/frameworks/{draft.pk}/" in client_as("opdc_desk").get("/frameworks/").content.decode()
