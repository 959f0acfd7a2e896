"""Every logged-out read of results comes from the publication snapshot, never from live tables.

The internal addresses a visitor may still hold (`/api/v1/results/...`, `/results/year/...`, a
result sheet, an evidence link) answer from the snapshot or send the visitor (303) to the public
equivalent; an upheld appeal changes nothing there until OPDC publishes the amendment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from govkpi.frameworks.models import Framework
from govkpi.organisations.access import viewer_for
from govkpi.publication import selectors
from govkpi.publication.services import publication_amend
from govkpi.results import appeals
from govkpi.results.models import Evidence, Result

pytestmark = pytest.mark.django_db

Who = Callable[[str], tuple[Any, Any]]


@pytest.fixture
def who(user_of: Callable[[str], Any]) -> Who:
    def get(persona: str) -> tuple[Any, Any]:
        user = user_of(persona)
        return user, viewer_for(user)

    return get


@pytest.fixture
def agencies() -> Framework:
    return Framework.objects.select_related("fiscal_year").get(fiscal_year__year=2565, group="agencies")


def mof_result() -> Result:
    return Result.objects.select_related("round__framework", "kpi", "organisation").get(
        kpi__code="MOF-65-01", round__months=12
    )


def evidence_of(result: Result, name: str, *, at: dt.datetime | None = None) -> Evidence:
    content = name.encode()
    evidence = Evidence(
        result=result,
        original_name=name,
        content_type="text/plain",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    evidence.file.save(name, ContentFile(content), save=True)
    if at is not None:
        Evidence.objects.filter(pk=evidence.pk).update(uploaded_at=at)
    return evidence


def logged_out_reads(framework: Framework, result: Result) -> dict[str, Any]:
    """What a logged-out visitor gets at each internal address of results (not following redirects)."""
    client = Client()
    year, group = framework.fiscal_year.year, framework.group
    return {
        "result_api": client.get(f"/api/v1/results/{result.pk}"),
        "evidence_api": client.get(f"/api/v1/results/{result.pk}/evidence"),
        "scores_api": client.get(f"/api/v1/results/scores?framework_id={framework.pk}"),
        "list_api": client.get(f"/api/v1/results/?year={year}&organisation=MOF"),
        "year_page": client.get(f"/results/year/{year}/{group}/"),
        "sheet_page": client.get(f"/results/MOF/{year}/12/"),
        "public_card": client.get(f"/api/v1/public/{year}/{group}/MOF").json(),
        "public_scores": {r["code"]: r["total"] for r in client.get(f"/api/v1/public/{year}/{group}/scores").json()},
        "public_page": client.get(f"/public/{year}/{group}/MOF/").content.decode(),
    }


def assert_only_the_snapshot_is_read(framework: Framework, seen: dict[str, Any]) -> None:
    data = selectors.public_data(framework)
    assert data is not None
    year, group = framework.fiscal_year.year, framework.group
    assert (
        seen["result_api"].status_code == 303 and seen["result_api"]["Location"] == f"/api/v1/public/{year}/{group}/MOF"
    )
    assert seen["evidence_api"].status_code == 303
    assert seen["scores_api"].status_code == 303
    assert seen["scores_api"]["Location"] == f"/api/v1/public/{year}/{group}/scores"
    assert seen["list_api"].status_code == 200 and seen["list_api"].json() == []  # nothing live for outsiders
    assert seen["year_page"].status_code == 303 and seen["year_page"]["Location"] == f"/public/{year}/{group}/"
    assert seen["sheet_page"].status_code == 303 and seen["sheet_page"]["Location"] == f"/public/{year}/{group}/MOF/"
    assert seen["public_card"]["total"] == data.scorecards["MOF"]["total"]
    assert seen["public_scores"] == {r["code"]: r["total"] for r in data.scores}


def test_an_upheld_appeal_stays_private_until_opdc_amends_on_every_logged_out_read(
    who: Who, agencies: Framework
) -> None:
    result = mof_result()
    published = selectors.latest(agencies)
    assert published is not None
    before = logged_out_reads(agencies, result)
    assert_only_the_snapshot_is_read(agencies, before)

    user, viewer = who("mof_coordinator")
    appeal = appeals.appeal_file(
        viewer=viewer,
        user=user,
        result=result,
        reason_th="ข้อมูลเดือนกันยายนยังไม่ถูกนับ",
        requested_value="1",
        now=published.published_at + dt.timedelta(days=1),
    )
    user, viewer = who("committee_secretary")
    appeals.appeal_decide(viewer=viewer, user=user, appeal=appeal, upheld=True, note_th="มติเห็นชอบ", value="1")
    result.refresh_from_db()
    assert result.is_amended

    after = logged_out_reads(agencies, result)
    assert_only_the_snapshot_is_read(agencies, after)
    assert after["public_card"] == before["public_card"] and after["public_scores"] == before["public_scores"]
    assert after["public_page"] == before["public_page"]

    user, viewer = who("opdc_admin")
    publication_amend(viewer=viewer, user=user, framework=agencies, reason="อุทธรณ์ได้รับความเห็นชอบ", confirm=True)
    amended = logged_out_reads(agencies, result)
    assert_only_the_snapshot_is_read(agencies, amended)
    assert amended["public_card"]["total"] != before["public_card"]["total"]
    assert amended["public_card"]["amendment_reason_th"] == "อุทธรณ์ได้รับความเห็นชอบ"


def test_a_logged_out_visitor_downloads_only_evidence_of_results_in_the_latest_snapshot(
    who: Who, agencies: Framework
) -> None:
    result = mof_result()
    published = selectors.latest(agencies)
    assert published is not None
    shown = evidence_of(result, "published.txt", at=published.published_at - dt.timedelta(days=1))
    later = evidence_of(result, "after-publication.txt")  # e.g. during a correction: not public yet
    user, viewer = who("mof_coordinator")
    appeal = appeals.appeal_file(
        viewer=viewer, user=user, result=result, reason_th="ขอทบทวน", now=published.published_at + dt.timedelta(days=1)
    )
    appeal_file = evidence_of(result, "appeal.txt")
    Evidence.objects.filter(pk=appeal_file.pk).update(appeal=appeal, uploaded_at=published.published_at)
    unpublished = Result.objects.filter(round__framework__fiscal_year__year=2565, organisation__code="P24").first()
    assert unpublished is not None
    hidden = evidence_of(unpublished, "province.txt", at=published.published_at - dt.timedelta(days=1))

    client = Client()
    for url in (f"/results/evidence/{shown.pk}/", f"/api/v1/results/evidence/{shown.pk}/download"):
        answer = client.get(url)
        assert answer.status_code == 200 and b"".join(answer.streaming_content) == b"published.txt"  # type: ignore[attr-defined]
    for evidence in (later, appeal_file, hidden):
        assert client.get(f"/results/evidence/{evidence.pk}/").status_code == 403
        assert client.get(f"/api/v1/results/evidence/{evidence.pk}/download").status_code == 403

    # The organisation sees its own files inside, whatever the snapshot says.
    mof = Client()
    mof.force_login(who("mof_coordinator")[0])
    assert mof.get(f"/results/evidence/{later.pk}/").status_code == 200

    # An amendment that takes MOF afresh makes the file uploaded before it public.
    user, viewer = who("committee_secretary")
    appeals.appeal_decide(viewer=viewer, user=user, appeal=appeal, upheld=True, note_th="มติเห็นชอบ", value="1")
    user, viewer = who("opdc_admin")
    publication_amend(viewer=viewer, user=user, framework=agencies, reason="อุทธรณ์", confirm=True)
    assert client.get(f"/results/evidence/{later.pk}/").status_code == 200
    assert client.get(f"/results/evidence/{appeal_file.pk}/").status_code == 403  # an appeal's file never
