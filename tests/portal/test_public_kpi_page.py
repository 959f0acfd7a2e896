"""The public KPI page (e-SAR style): one published KPI read from its snapshot, at a stable URL."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client

from govkpi.core.errors import Conflict
from govkpi.dashboards.testing import report_results, store_scores, version_of
from govkpi.frameworks.models import Framework
from govkpi.kpis.models import Kpi, KpiVersion
from govkpi.organisations.access import viewer_for
from govkpi.plans.models import PlanNode
from govkpi.publication.kpi_document import SHEET_KEYS
from govkpi.publication.models import Publication, PublishedOrganisation
from govkpi.publication.selectors import latest
from govkpi.publication.services import publication_amend
from govkpi.publication.testing import publish_now
from govkpi.results.models import Result
from govkpi.scorecards.services import rescore
from govkpi.scoring.explain import step_texts

pytestmark = pytest.mark.django_db

PAGE = "/public/2565/agencies/MOF/kpi/MOF-65-01/"
SCOPE = "ครอบคลุมหน่วยงานในสังกัดทุกแห่งทั่วประเทศ"
CRITERIA = "ประเด็นที่ 1 ความครบถ้วนของข้อมูล"
COLLECTION = "รวบรวมจากระบบรายงานทุกไตรมาส"


@pytest.fixture
def published() -> Framework:
    """FY2565 agencies with MOF's results scored by the engine and its first KPI's e-SAR sheet filled."""
    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    kpi = framework.kpis.get(code="MOF-65-01")
    version = version_of(kpi)
    KpiVersion.objects.filter(pk=version.pk).update(scope_th=SCOPE, criteria_th=CRITERIA, collection_th=COLLECTION)
    kpi.plan_links.add(PlanNode.objects.order_by("code").first())  # type: ignore[arg-type]
    report_results(framework=framework, codes=["MOF"])
    rescore(framework, organisations=framework.participants.filter(code="MOF"))
    publish_now(framework)
    return framework


def _page(url: str = PAGE, **params: str) -> str:
    response = Client().get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_kpi_page_shows_the_e_sar_sheet_ladder_result_and_explanation_steps(published: Framework) -> None:
    page = _page()
    line = next(k for k in latest(published).organisations.get(code="MOF").document["kpis"] if k["code"] == "MOF-65-01")

    assert SCOPE in page and CRITERIA in page and COLLECTION in page
    assert "ขอบเขตการประเมิน" in page and "ประเด็นการประเมิน / เกณฑ์การให้คะแนน" in page
    assert [r["name_th"] for r in line["ladder"]] == ["ขั้นต้น", "มาตรฐาน", "ขั้นสูง"]
    assert [r["target"] for r in line["ladder"]] == line["targets"]
    for sentence in line["explanation_steps_th"]:
        assert sentence.replace(">", "&gt;") in page or sentence in page
    assert line["explanation_steps_th"] and " ".join(line["explanation_steps_th"]) == line["explanation_th"]
    assert line["plan_links"] and line["plan_links"][0]["code"] in page
    assert 'data-testid="kpi-points">75<' in page


def test_the_page_keeps_the_published_numbers_after_the_live_kpi_and_result_change(published: Framework) -> None:
    before = _page()
    kpi = Kpi.objects.get(framework=published, code="MOF-65-01")
    Result.objects.filter(kpi=kpi, round__months=12).update(value=Decimal("999"), points=Decimal("12.5"))
    KpiVersion.objects.filter(kpi=kpi).update(scope_th="ขอบเขตใหม่ที่ยังไม่เผยแพร่", targets=["1", "2", "3"])
    Kpi.objects.filter(pk=kpi.pk).update(name_th="ชื่อที่แก้หลังเผยแพร่")
    cache.clear()

    after = _page()

    assert after == before
    assert "999" not in after and "ขอบเขตใหม่ที่ยังไม่เผยแพร่" not in after and "ชื่อที่แก้หลังเผยแพร่" not in after


def test_the_stable_url_shows_the_latest_version_and_v_an_earlier_one(published: Framework) -> None:
    earlier = latest(published).version  # type: ignore[union-attr]
    kpi = Kpi.objects.get(framework=published, code="MOF-65-01")
    KpiVersion.objects.filter(kpi=kpi).update(scope_th="ขอบเขตฉบับแก้ไข")
    store_scores(framework=published, totals={"MOF": "66.6"})
    publish_now(published, reason="แก้ไขขอบเขต")

    assert "ขอบเขตฉบับแก้ไข" in _page() and SCOPE not in _page()
    before = _page(v=str(earlier))
    assert SCOPE in before and "ขอบเขตฉบับแก้ไข" not in before
    assert f'href="{PAGE}?v={earlier}"' in _page()  # the list of versions links the earlier one


def test_a_kpi_that_is_not_published_is_not_found_for_the_public(published: Framework) -> None:
    client = Client()
    assert client.get("/public/2565/agencies/MOF/kpi/NO-SUCH-KPI/").status_code == 404
    # A KPI that exists live but not in the snapshot (renamed after publishing) is not public.
    Kpi.objects.filter(framework=published, code="MOF-65-01").update(code="MOF-65-99")
    assert client.get("/public/2565/agencies/MOF/kpi/MOF-65-99/").status_code == 404
    assert client.get(PAGE).status_code == 200
    provinces = Kpi.objects.filter(framework__fiscal_year__year=2565, framework__group="provinces").first()
    assert provinces is not None  # the provinces year is not published at all
    assert client.get(f"/public/2565/provinces/{provinces.organisation.code}/kpi/{provinces.code}/").status_code == 404
    assert client.get("/api/v1/public/2565/agencies/MOF/kpis/NO-SUCH-KPI").status_code == 404
    assert client.get(PAGE, {"v": "99"}).status_code == 404


def test_the_public_scorecard_links_each_kpi_to_its_page(published: Framework) -> None:
    page = _page("/public/2565/agencies/MOF/")
    assert f'href="{PAGE}"' in page
    assert f'href="{PAGE}?v=1"' in _page("/public/2565/agencies/MOF/", version="1")  # an earlier version's links


def test_the_kpi_page_is_cached_like_the_other_public_pages(published: Framework) -> None:
    client = Client()
    first, second = client.get(PAGE), client.get(PAGE)
    assert first["X-Portal-Cache"] == "miss" and second["X-Portal-Cache"] == "hit"
    assert "public" in second["Cache-Control"]


def test_the_api_and_open_data_carry_the_same_fields_per_kpi(published: Framework) -> None:
    sheet = Client().get("/api/v1/public/2565/agencies/MOF/kpis/MOF-65-01").json()
    assert sheet["scope_th"] == SCOPE and sheet["criteria_th"] == CRITERIA and sheet["collection_th"] == COLLECTION
    assert [r["name_th"] for r in sheet["ladder"]] == ["ขั้นต้น", "มาตรฐาน", "ขั้นสูง"]
    assert sheet["points"] == "75.0000" and sheet["explanation_steps_en"] and sheet["url"] == PAGE
    assert sheet["kpi_type"] and sheet["strategic"] is None

    raw = Client().get("/public/data/2565/agencies/kpis.csv").content.decode("utf-8-sig")
    rows = {r["kpi_code"]: r for r in csv.DictReader(io.StringIO(raw))}
    assert rows["MOF-65-01"]["scope_th"] == SCOPE and rows["MOF-65-01"]["criteria_th"] == CRITERIA
    assert rows["MOF-65-01"]["url"] == PAGE and "ขั้นต้น" in rows["MOF-65-01"]["ladder"]
    data = Client().get("/public/data/2565/agencies/kpis.json").json()
    assert {c["name"] for c in data["columns"]} >= {"scope_th", "collection_th", "criteria_th", "ladder"}
    assert Client().get("/public/data/dictionary.json").json()["kpis"]


def test_the_english_kpi_page_shows_no_thai_outside_data(published: Framework) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.get(PAGE).content.decode()
    assert "Scope" in html and "How the score was reached" in html
    for label in ("ขอบเขตการประเมิน", "ที่มาของคะแนน", "ค่าเป้าหมาย", "คะแนน", "ขั้นต้น", "มาตรฐาน"):
        assert label not in html, label
    assert SCOPE in html  # data stays as written, marked lang="th" (tests/i18n checks every label)


def _without_sheet(framework: Framework) -> Publication:
    """Version 2 written as a snapshot from before the e-SAR sheet: KPI lines without its keys."""
    previous = latest(framework)
    assert previous is not None
    publication = Publication.objects.create(
        framework=framework,
        round=previous.round,
        version=previous.version + 1,
        kind="amend",
        published_at=previous.published_at,
        amendment_reason_th="ฉบับเก่า",
    )
    for row in previous.organisations.all():
        document = {
            **row.document,
            "kpis": [{k: v for k, v in line.items() if k not in SHEET_KEYS} for line in row.document["kpis"]],
        }
        PublishedOrganisation.objects.create(
            publication=publication, organisation=row.organisation, code=row.code, document=document
        )
    return publication


def test_a_snapshot_from_before_the_sheet_shows_its_numbers_and_says_the_rest_was_not_recorded(
    published: Framework,
) -> None:
    _without_sheet(published)
    page = _page()
    assert 'data-testid="no-sheet"' in page and SCOPE not in page
    assert 'data-testid="kpi-points">75<' in page
    assert Client().get("/api/v1/public/2565/agencies/MOF/kpis/MOF-65-01").json()["scope_th"] is None


def test_an_amendment_does_not_retake_organisations_only_because_the_sheet_is_new(
    published: Framework, user_of
) -> None:  # type: ignore[no-untyped-def]
    _without_sheet(published)
    admin = user_of("opdc_admin")
    with pytest.raises(Conflict):
        publication_amend(
            viewer=viewer_for(admin), user=admin, framework=published, reason="ไม่มีอะไรเปลี่ยน", confirm=True
        )


def test_each_stored_step_reads_as_the_engines_sentence(published: Framework) -> None:
    result = Result.objects.get(kpi__framework=published, kpi__code="MOF-65-01", round__months=12)
    steps = result.explanation["steps"]
    assert " ".join(step_texts(steps, "th")) == result.explanation["th"]
    assert " ".join(step_texts(steps, "en")) == result.explanation["en"]
    assert step_texts([{"kind": "unknown"}, {"kind": "weighted"}], "en") == []


def test_a_logged_out_visitor_of_a_published_kpis_internal_page_is_sent_to_its_public_page(
    published: Framework,
) -> None:
    kpi = Kpi.objects.get(framework=published, code="MOF-65-01")
    client = Client()
    for url in (f"/kpis/{kpi.pk}/", f"/kpis/{kpi.pk}/versions/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == PAGE, url
    draft = Kpi.objects.filter(framework__fiscal_year__year=2566).first()
    assert draft is not None and "/login/" in client.get(f"/kpis/{draft.pk}/")["Location"]


def test_the_kpi_list_its_export_and_the_lessons_pages_ask_the_public_to_log_in(published: Framework) -> None:
    client = Client()
    for url in ("/kpis/?year=2565", "/kpis/export.xlsx?year=2565", "/results/year/2564/agencies/lessons/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_the_opendata_command_writes_the_kpis_dataset(published: Framework, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    target = tmp_path / "kpis.csv"
    call_command("opendata", year=2565, group="agencies", dataset="kpis", output=str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert any(r["kpi_code"] == "MOF-65-01" and r["scope_th"] == SCOPE for r in rows)


def test_a_published_proxy_kpi_names_its_strategic_kpi_in_the_e_sar_words() -> None:
    from govkpi.kpis.models import StrategicKpi
    from govkpi.organisations.models import Organisation

    framework = Framework.objects.get(fiscal_year__year=2565, group="agencies")
    strategic = StrategicKpi.objects.create(
        fiscal_year=framework.fiscal_year,
        code="SK-65-01",
        name_th="สัดส่วนคนจนลดลง",
        name_en="Fewer people in poverty",
        owner=Organisation.objects.get(code="MOF"),
    )
    Kpi.objects.filter(framework=framework, code="MOF-65-01").update(strategic=strategic, strategic_relation="proxy")
    report_results(framework=framework, codes=["MOF"])
    rescore(framework, organisations=framework.participants.filter(code="MOF"))
    publish_now(framework)

    page = _page()
    assert "ตัวชี้วัดทดแทน (Proxy KPIs) ที่ถ่ายทอดจาก Strategic KPIs" in page and "SK-65-01" in page
    client = Client()
    client.cookies["django_language"] = "en"
    english = client.get(PAGE).content.decode()
    assert "Proxy KPI" in english and "Fewer people in poverty" in english and "ตัวชี้วัดทดแทน" not in english
