"""/api/v1/frameworks writes: create or copy, replace parts, problems, impact, announce; and the
held-out FY2569-shaped world made through the API and scored exactly through the stored-score path."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from govkpi.frameworks.models import Framework
from govkpi.frameworks.selectors import framework_for
from govkpi.kpis.choices import ProposalState
from govkpi.kpis.models import Kpi, KpiVersion, Proposal
from govkpi.organisations.models import Organisation
from govkpi.results.models import OrganisationScore, Result, ResultState
from govkpi.scorecards.services import rescore

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.fixture
def admin(client_as: Callable[[str], Client]) -> Client:
    return client_as("opdc_admin")


def _copy(admin: Client, year: int, group: str = "agencies") -> dict[str, Any]:
    source = framework_for(year=2566, group=group)
    answer = admin.post(
        "/api/v1/frameworks/", {"year": year, "group": group, "copy_from": source.pk}, content_type=JSON
    )
    assert answer.status_code == 201, answer.content
    return answer.json()  # type: ignore[no-any-return]


def test_copying_answers_a_draft_only_opdc_sees(admin: Client, client_as: Callable[[str], Client]) -> None:
    body = _copy(admin, 2585)
    assert body["announced"] is False and body["year"] == 2585
    coordinator = client_as("cdd_coordinator")
    assert coordinator.get(f"/api/v1/frameworks/{body['id']}").status_code == 404
    assert body["id"] not in [f["id"] for f in coordinator.get("/api/v1/frameworks/?year=2585").json()]
    assert body["id"] not in [f["id"] for f in Client().get("/api/v1/frameworks/").json()]
    assert body["id"] in [f["id"] for f in client_as("opdc_desk").get("/api/v1/frameworks/?year=2585").json()]


def test_only_an_opdc_administrator_writes(client_as: Callable[[str], Client]) -> None:
    source = framework_for(year=2566, group="agencies")
    for persona in ("opdc_desk", "cdd_coordinator"):
        answer = client_as(persona).post(
            "/api/v1/frameworks/", {"year": 2586, "group": "agencies", "copy_from": source.pk}, content_type=JSON
        )
        assert answer.status_code == 403


def test_a_bad_ladder_answers_422_naming_the_field(admin: Client) -> None:
    fw = _copy(admin, 2587)
    answer = admin.put(
        f"/api/v1/frameworks/{fw['id']}/ladder",
        {"levels": [{"name_th": "ต้น", "points": 80}, {"name_th": "สูง", "points": 70}]},
        content_type=JSON,
    )
    assert answer.status_code == 422
    assert answer.json()["field"] == "framework.target_levels[1].points"
    assert answer.json()["problems"][0]["rule"] == "level_points_order"


def test_weights_not_summing_to_100_answer_422(admin: Client) -> None:
    fw = _copy(admin, 2588)
    answer = admin.put(
        f"/api/v1/frameworks/{fw['id']}/components",
        [{"code": "performance", "name_th": "ประสิทธิผล", "weight": 50, "min_kpis": 1, "max_kpis": 5}],
        content_type=JSON,
    )
    assert answer.status_code == 422
    assert answer.json()["field"] == "framework.components"


def test_problems_and_announce(admin: Client, client_as: Callable[[str], Client]) -> None:
    fw = admin.post("/api/v1/frameworks/", {"year": 2589, "group": "agencies"}, content_type=JSON).json()
    emptied = admin.put(f"/api/v1/frameworks/{fw['id']}/participants", {"codes": []}, content_type=JSON)
    assert emptied.status_code == 422 and emptied.json()["field"] == "framework.participants"
    problems = admin.get(f"/api/v1/frameworks/{fw['id']}/problems").json()
    assert problems["announceable"] is False
    assert [p["field"] for p in problems["problems"]] == ["framework.participants"]
    assert admin.post(f"/api/v1/frameworks/{fw['id']}/announce").status_code == 422
    admin.post(f"/api/v1/frameworks/{fw['id']}/participants", {"codes": ["CDD", "MOF"]}, content_type=JSON)
    assert admin.post(f"/api/v1/frameworks/{fw['id']}/announce").json()["announced"] is True
    assert client_as("cdd_coordinator").get(f"/api/v1/frameworks/{fw['id']}").status_code == 200


def test_a_confirmed_change_rescores_through_the_stored_score_path(admin: Client) -> None:
    world = _fy2569_world(admin, year=2590)
    framework = Framework.objects.get(pk=world["id"])
    cdd = Organisation.objects.get(code="CDD")
    score = OrganisationScore.objects.get(framework=framework, organisation=cdd)
    assert score.total == Decimal("77.8") and score.band == "มาตรฐาน"
    impact = admin.get(f"/api/v1/frameworks/{framework.pk}/impact").json()
    assert (impact["proposal_count"], impact["organisations_scored"], impact["results"]) == (1, 1, 3)
    # Lower the top of the ladder's fourth rung: K1 (35, between 30 and 40) now interpolates 80 → 85.
    ladder = {
        "levels": [{"name_th": f"ขั้นที่ {i}", "points": p} for i, p in enumerate([60, 70, 80, 85, 100], 1)],
        "below_lowest_points": 30,
    }
    refused = admin.put(f"/api/v1/frameworks/{framework.pk}/ladder", ladder, content_type=JSON)
    assert refused.status_code == 409
    preview = refused.json()["current"]
    assert (
        preview["organisations_scored"] == 1
        and preview["scores"][0]["total_after"] != preview["scores"][0]["total_before"]
    )
    score.refresh_from_db()
    assert score.total == Decimal("77.8")  # nothing saved yet
    done = admin.put(f"/api/v1/frameworks/{framework.pk}/ladder?confirm=true", ladder, content_type=JSON)
    assert done.status_code == 200 and done.json()["impact"]["applied"] is True
    score.refresh_from_db()
    # K1: 80 + (35-30)/(40-30) × (85-80) = 82.5 → 82.5 × 36% = 29.7; total 29.7 + 7.2 + 40 = 76.9
    assert score.total == Decimal("76.9")
    assert framework.target_levels.get(order=4).history.exists()


def _fy2569_world(admin: Client, *, year: int) -> dict[str, Any]:
    """The held-out FY2569 world (components 60/40, ladder 60/70/80/90/100, 30 below the lowest,
    four bands) made through the API, in a year the relative demo does not use, with one
    organisation (CDD) reporting three KPIs, verified and scored by the normal path."""
    ce = year - 543
    fw = admin.post("/api/v1/frameworks/", {"year": year, "group": "agencies"}, content_type=JSON).json()
    url = f"/api/v1/frameworks/{fw['id']}"
    steps = [
        (
            "components",
            [
                {"code": "performance", "name_th": "ประสิทธิผล", "weight": 60, "min_kpis": 1, "max_kpis": 3},
                {"code": "potential", "name_th": "ศักยภาพ", "weight": 40, "min_kpis": 1, "max_kpis": 2},
            ],
        ),
        (
            "ladder",
            {
                "levels": [{"name_th": f"ขั้นที่ {i}", "points": p} for i, p in enumerate([60, 70, 80, 90, 100], 1)],
                "below_lowest_points": 30,
            },
        ),
        (
            "bands",
            [
                {"name_th": "ดีเด่น", "min_score": 90, "colour": "#1a7f37"},
                {"name_th": "คุณภาพ", "min_score": 80, "colour": "#0969da"},
                {"name_th": "มาตรฐาน", "min_score": 60, "colour": "#9a6700"},
                {"name_th": "ต้องปรับปรุง", "min_score": 0, "colour": "#cf222e"},
            ],
        ),
        ("rounds", [{"months": 12, "opens_on": f"{ce}-09-01", "closes_on": f"{ce}-10-31"}]),
        ("participants", {"codes": ["CDD"]}),
    ]
    for part, body in steps:
        answer = admin.put(f"{url}/{part}", body, content_type=JSON)
        assert answer.status_code == 200, answer.content
    assert admin.get(f"{url}/problems").json()["problems"] == []
    assert admin.post(f"{url}/announce").status_code == 200
    framework = Framework.objects.get(pk=fw["id"])
    cdd = Organisation.objects.get(code="CDD")
    proposal = Proposal.objects.create(framework=framework, organisation=cdd, state=ProposalState.APPROVED)
    round12 = framework.rounds.get(months=12)
    # code, component, weight, targets, result: K1 between rungs 3 and 4 → 85; K2 below → 30; K3 above → 100
    for code, component, weight, targets, value in (
        ("K1", "performance", 36, ["10", "20", "30", "40", "50"], "35"),
        ("K2", "performance", 24, ["10", "20", "30", "40", "50"], "5"),
        ("K3", "potential", 40, ["1", "2", "3", "4", "5"], "6"),
    ):
        comp = framework.components.get(code=component)
        kpi = Kpi.objects.create(
            proposal=proposal,
            framework=framework,
            organisation=cdd,
            code=code,
            name_th=code,
            component=comp,
            weight=Decimal(weight),
            targets=targets,
        )
        version = KpiVersion.objects.create(
            kpi=kpi, number=1, name_th=code, component=comp, weight=Decimal(weight), targets=targets
        )
        Result.objects.create(
            kpi=kpi, round=round12, version=version, organisation=cdd, value=Decimal(value), state=ResultState.VERIFIED
        )
    rescore(framework, organisations=[cdd])
    return fw


def test_the_fy2569_world_scores_exactly_through_the_normal_path(admin: Client) -> None:
    world = _fy2569_world(admin, year=2591)
    framework = Framework.objects.get(pk=world["id"])
    points = dict(Result.objects.filter(round__framework=framework).values_list("kpi__code", "points"))
    assert points == {"K1": Decimal(85), "K2": Decimal(30), "K3": Decimal(100)}
    score = OrganisationScore.objects.get(framework=framework, organisation__code="CDD")
    # 85 × 36% + 30 × 24% + 100 × 40% = 30.6 + 7.2 + 40 = 77.8 → มาตรฐาน (60 ≤ 77.8 < 80)
    assert score.total == Decimal("77.8")
    assert score.band == "มาตรฐาน"
