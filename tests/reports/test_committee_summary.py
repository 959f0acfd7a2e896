"""The committee summary is computed from the data and reads like the seeds."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from report_helpers import change_request, fy2565_agencies, publish
from test_pdf_helper import pdftotext

from govkpi.core.errors import NotFound
from govkpi.core.pdf import strip_breaks
from govkpi.kpis.choices import ChangeLevel, ChangeState, ProposalState
from govkpi.kpis.models import Kpi, Proposal
from govkpi.organisations.access import PUBLIC, Viewer, viewer_for
from govkpi.reports.documents import summary_pdf
from govkpi.reports.summary import committee_summary, percent
from govkpi.results.models import OrganisationScore

OPDC = Viewer(user_id=0, username="opdc", is_superuser=True)


def test_the_fy2565_agency_summary_reads_the_seeds_figures(db: None) -> None:
    s = committee_summary(viewer=OPDC, year=2565, group="agencies")
    assert s.organisations_total == 37
    assert [(k.key, k.count) for k in s.organisations_by_kind] == [
        ("ministry", 18),
        ("pm_agency", 13),
        ("independent", 6),
    ]
    assert (s.kpis_total, s.kpis_scored, s.kpis_monitor) == (232, 210, 22)
    assert (s.from_basket.count, s.from_basket.percent) == (212, Decimal("91.38"))
    assert (s.proposed.count, s.proposed.percent) == (20, Decimal("8.62"))
    assert s.is_partial is False


def test_the_lead_paragraph_is_written_in_the_seeds_manner(db: None) -> None:
    s = committee_summary(viewer=OPDC, year=2565, group="agencies")
    assert s.lead_th == (
        "ในปีงบประมาณ พ.ศ. 2565 มีส่วนราชการเข้ารับการประเมิน 37 ส่วนราชการ "
        "(18 กระทรวง, 13 ส่วนราชการในสังกัดสำนักนายกรัฐมนตรี และ 6 ส่วนราชการไม่สังกัดฯ) "
        "รวม 232 ตัวชี้วัด โดยเป็นตัวชี้วัดที่ใช้ในการประเมินผล 210 ตัวชี้วัด "
        "และตัวชี้วัด Monitor (รายงานผลแต่ไม่นำผลมาประเมิน) 22 ตัวชี้วัด"
    )
    assert "จำนวน 212 ตัวชี้วัด คิดเป็นร้อยละ 91.38" in s.paragraphs_th[1]
    assert "จำนวน 20 ตัวชี้วัด คิดเป็นร้อยละ 8.62" in s.paragraphs_th[1]


def test_the_figures_follow_the_data_never_typed(db: None) -> None:
    kpi = Kpi.objects.filter(framework=fy2565_agencies(), is_monitor=False, origin="basket").first()
    assert kpi is not None
    kpi.is_monitor = True
    kpi.origin = "proposed"
    kpi.save()
    s = committee_summary(viewer=OPDC, year=2565, group="agencies")
    assert (s.kpis_scored, s.kpis_monitor) == (209, 23)
    assert (s.proposed.count, s.proposed.percent) == (21, Decimal("9.05"))


def test_percentages_round_half_up_to_two_decimals() -> None:
    assert percent(1, 800) == Decimal("0.13")  # 0.125: banker's rounding would give 0.12
    assert percent(2, 3) == Decimal("66.67")
    assert percent(0, 0) == Decimal("0.00")


def test_joint_kpis_are_grouped_by_issue_with_their_organisations(db: None) -> None:
    s = committee_summary(viewer=OPDC, year=2565, group="agencies")
    entries = [e for issue in s.joint_issues for e in issue.kpis]
    assert entries and all(e.host_th and e.organisations_th for e in entries)
    assert "กระทรวงการคลัง" in entries[0].organisations_th


def test_plan_links_support_and_targets_below_plan_come_with_reasons(db: None) -> None:
    s = committee_summary(viewer=OPDC, year=2565, group="agencies")
    assert sum(share.count for share in s.support) == 232
    direct, indirect = (next(x.count for x in s.support if x.key == k) for k in ("direct", "indirect"))
    assert s.supporting_percent == percent(direct + indirect, 232)
    assert {share.key for share in s.by_plan_kind} >= {"master_plan", "sdg"}
    assert s.below_plan and all(b.reason_th for b in s.below_plan)
    assert all(b.standard_target is not None and b.national_target is not None for b in s.below_plan)


def test_change_requests_are_counted_by_level_and_decision(db: None) -> None:
    def counts() -> dict[tuple[str, str], int]:
        s = committee_summary(viewer=OPDC, year=2565, group="agencies")
        table = {(row.level, state): n for row in s.change_requests for state, n in row.by_state.items()}
        table.update({(row.level, "total"): row.total for row in s.change_requests})
        return table

    before = counts()
    kpis = list(Kpi.objects.filter(framework=fy2565_agencies()).order_by("code")[:3])
    change_request(kpis[0], state=ChangeState.APPROVED)
    change_request(kpis[1], state=ChangeState.REJECTED)
    change_request(kpis[2], level=ChangeLevel.DEPARTMENT, state=ChangeState.ACKNOWLEDGED)
    after = counts()
    grown = {key: after[key] - before[key] for key in after if after[key] != before[key]}
    assert grown == {
        ("ministry", "approved"): 1,
        ("ministry", "rejected"): 1,
        ("ministry", "total"): 2,
        ("department", "acknowledged"): 1,
        ("department", "total"): 1,
    }


def test_results_are_counted_by_band_from_the_stored_scores(db: None) -> None:
    assert committee_summary(viewer=OPDC, year=2566, group="agencies").bands == []
    framework = fy2565_agencies()
    latest = OrganisationScore.objects.filter(framework=framework).order_by("-round__months").first()
    assert latest is not None
    scores = OrganisationScore.objects.filter(framework=framework, round=latest.round)
    bands = {b.name_th: b for b in committee_summary(viewer=OPDC, year=2565, group="agencies").bands}
    assert sum(b.count for b in bands.values()) == scores.count()
    for org_score in scores.select_related("organisation"):
        assert org_score.organisation.name_th in bands[org_score.band].organisations_th
    lowest = framework.bands.order_by("min_score").first()
    assert lowest is not None
    OrganisationScore.objects.filter(pk=latest.pk).update(band=lowest.name_th)
    after = {b.name_th: b for b in committee_summary(viewer=OPDC, year=2565, group="agencies").bands}
    assert latest.organisation.name_th in after[lowest.name_th].organisations_th


def test_the_public_finds_no_summary_of_an_unpublished_framework(db: None) -> None:
    with pytest.raises(NotFound):
        committee_summary(viewer=PUBLIC, year=2566, group="agencies")


def test_unknown_years_and_groups_are_refused_by_name(db: None) -> None:
    with pytest.raises(NotFound) as exc:
        committee_summary(viewer=OPDC, year=2599, group="agencies")
    assert exc.value.field == "year"
    with pytest.raises(NotFound) as exc:
        committee_summary(viewer=OPDC, year=2565, group="ministries")
    assert exc.value.field == "group"


def test_the_public_sees_only_published_data_of_a_published_framework(db: None) -> None:
    framework = fy2565_agencies()
    publish(framework)
    Proposal.objects.filter(framework=framework, organisation__code="MOF").update(state=ProposalState.OPDC_REVIEW)
    mof = Kpi.objects.filter(framework=framework, organisation__code="MOF").count()
    kpi = Kpi.objects.filter(framework=framework, organisation__code="MOL").first()
    assert kpi is not None
    change_request(kpi)
    s = committee_summary(viewer=PUBLIC, year=2565, group="agencies")
    assert s.kpis_total == 232 - mof and s.is_partial
    assert "MOF" not in {b.code.split("-")[0] for b in s.below_plan}
    assert all(row.total == 0 for row in s.change_requests)


def test_a_coordinator_sees_a_partial_summary_of_their_own_organisation(
    db: None, user_of: Callable[[str], object]
) -> None:
    s = committee_summary(viewer=viewer_for(user_of("mof_coordinator")), year=2566, group="agencies")
    assert s.is_partial
    own = Kpi.objects.filter(framework__fiscal_year__year=2566, framework__group="agencies", organisation__code="MOF")
    assert s.kpis_total == own.count() > 0


def test_the_lead_names_each_band_once_whatever_the_framework_calls_it(db: None) -> None:
    s = committee_summary(viewer=OPDC, year=2565, group="agencies")
    lead = s.paragraphs_th[-1]
    assert "จำแนกตามระดับ ได้แก่" in lead and "ระดับระดับ" not in lead
    for band in s.bands:
        if band.count:
            assert band.name_th in lead


def test_the_pdf_lists_every_organisation_of_every_band_under_its_name(db: None, tmp_path: Path) -> None:
    s = committee_summary(viewer=OPDC, year=2565, group="agencies")
    path = tmp_path / "summary.pdf"
    path.write_bytes(summary_pdf(s))
    # Compared without spaces or page footers, which may fall between the words of a name.
    text = re.sub(r"\s+|หน้า\d+/\d+", "", strip_breaks(pdftotext(path)))
    for band in s.bands:
        after_heading = text[text.index(f"{band.name_th}({band.count})") :]
        for name in band.organisations_th:
            assert re.sub(r"\s+", "", name) in after_heading


def test_the_page_shows_the_first_names_of_a_large_band_and_links_to_its_whole_list(
    db: None, client_as: Callable[[str], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from govkpi.reports import views

    monkeypatch.setattr(views, "SUMMARY_NAMES_SHOWN", 1)
    s = committee_summary(viewer=OPDC, year=2565, group="agencies")
    band = next(b for b in s.bands if b.count > 1)
    client = client_as("opdc_admin")

    page = client.get("/reports/summary/?year=2565&group=agencies").content.decode()
    first, rest = band.organisations_th[0], band.organisations_th[1:]
    members = page[page.index(f"{band.name_th} ({band.count})") :].split("</p>")[0]
    assert first in members and not any(name in members for name in rest)
    assert "band-members-all" in page and f"แสดงรายชื่อทั้งหมด {band.count} หน่วยงาน" in page

    whole = client.get(f"/reports/summary/?year=2565&group=agencies&band={band.name_th}").content.decode()
    members = whole[whole.index(f"{band.name_th} ({band.count})") :]
    assert all(name in members for name in band.organisations_th)
