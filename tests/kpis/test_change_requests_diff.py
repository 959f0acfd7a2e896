"""The version history page and the field-by-field diff between consecutive versions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from govkpi.frameworks.models import Round
from govkpi.kpis import changes
from govkpi.kpis.choices import ChangeKind
from govkpi.kpis.models import Kpi

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chonburi_coordinator")]


@pytest.fixture
def changed(user_of: Callable[[str], object]) -> Kpi:
    k = Kpi.objects.get(code="P20-66-03")
    cr = changes.change_request_file(
        by=user_of("chonburi.coord"),  # type: ignore[arg-type]
        kpi=k,
        round_=Round.objects.get(framework=k.framework, months=12),
        kind=ChangeKind.TARGET,
        reason_th="ผลกระทบจากอุทกภัย",
        proposed={"targets": ["15", "25", "35"]},
    )
    changes.change_request_decide(change_request=cr, decision="approve", by=user_of("committee_secretary"))  # type: ignore[arg-type]
    return k


def test_the_diff_names_only_the_changed_field_and_shows_targets_as_ladders(changed: Kpi) -> None:
    rows = changes.version_history(changed)
    assert [r.version.number for r in rows] == [1, 2]
    assert len(rows[0].changes) == len(changes.VERSION_FIELDS)  # version 1 shows every field
    (diff,) = rows[1].changes
    assert diff.field == "targets" and diff.label_th == "ค่าเป้าหมาย"
    assert diff.old_ladder == [("ขั้นต้น", "20"), ("มาตรฐาน", "30"), ("ขั้นสูง", "40")]
    assert diff.new_ladder == [("ขั้นต้น", "15"), ("มาตรฐาน", "25"), ("ขั้นสูง", "35")]


def test_the_versions_page_shows_each_version_its_round_and_change_request(
    changed: Kpi, client_as: Callable[[str], Client]
) -> None:
    html = client_as("chonburi.coord").get(f"/kpis/{changed.pk}/versions/").content.decode()
    assert "ฉบับที่ 2" in html and "ฉบับที่ 1" in html
    assert "รอบ 12 เดือน" in html
    assert "ผลกระทบจากอุทกภัย" in html
    assert "<del>" not in html.split("ฉบับที่ 2")[1].split("ค่าเป้าหมาย")[0]  # only targets differ
    assert html.count('data-field="targets"') == 2


def test_the_kpi_page_links_to_its_version_history(changed: Kpi, client_as: Callable[[str], Client]) -> None:
    html = client_as("chonburi.coord").get(f"/kpis/{changed.pk}/").content.decode()
    assert f"/kpis/{changed.pk}/versions/" in html


def test_another_organisation_cannot_read_an_unpublished_kpis_versions(client_as: Callable[[str], Client]) -> None:
    unpublished = Kpi.objects.filter(
        framework__published_at__isnull=True, proposal__state="approved", organisation__code="P20"
    ).first()
    assert unpublished is not None
    assert client_as("cdd_coordinator").get(f"/kpis/{unpublished.pk}/versions/").status_code == 403
    assert client_as("opdc_admin").get(f"/kpis/{unpublished.pk}/versions/").status_code == 200


def test_the_api_returns_versions_and_the_diff(changed: Kpi, client_as: Callable[[str], Client]) -> None:
    client = client_as("chonburi.coord")
    versions = client.get(f"/api/v1/changes/kpis/{changed.pk}/versions").json()
    assert [v["number"] for v in versions] == [1, 2]
    assert versions[1]["effective_from_months"] == 12
    diff = client.get(f"/api/v1/changes/kpis/{changed.pk}/diff", {"old": 1, "new": 2}).json()
    assert [d["field"] for d in diff] == ["targets"]
    assert client.get(f"/api/v1/changes/kpis/{changed.pk}/diff", {"old": 1, "new": 9}).status_code == 404
