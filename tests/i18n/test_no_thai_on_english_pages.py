"""English pages are English: every role's key pages, rendered in English, show no Thai outside data.

Data is what people typed or what the seeds hold (organisation and people's names, KPI texts, units,
meeting titles, narratives): the world's own Thai strings are stripped before looking, and so is
anything a template marks as Thai data with `lang="th"`. What is left must not be Thai: labels,
statuses, bands, measure types, history, notifications, options and sentences all come from the
catalogue or an English label. Vocabulary tables with an English name (bands, components, target
levels, rounds) are not data: their English must show.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from govkpi.kpis.models import Proposal
from govkpi.publication.models import Publication
from govkpi.results.models import Result
from govkpi.reviews.models import Meeting

THAI = re.compile(r"[\u0e00-\u0e7f]")
THAI_RUN = re.compile(r"[\u0e00-\u0e7f][\u0e00-\u0e7f\s.]*")
#: Tables whose Thai is vocabulary with an English twin, not data: it must be shown in English.
VOCABULARY = {"frameworks.band", "frameworks.component", "frameworks.targetlevel", "frameworks.round"}
#: Tables that hold no data shown as such (notifications are translated at display).
NOT_DATA = {"notifications.notification", "core.job", "core.workflowevent"}
#: Thai that English pages show on purpose: the language switch names Thai in Thai.
ALLOWED = {"ไทย"}
#: Attributes people read (tooltips, labels of icons, placeholders).
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}


class _Text(HTMLParser):
    """The text people read, outside script/style and outside elements marked lang="th"."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        data = found.get("lang") == "th" or "data-value" in found
        if not self._hidden() and not data:
            self.texts += [v for k, v in attrs if k in READ_ATTRIBUTES and v]
        if tag not in self.VOID:
            self.stack.append((tag, data or tag in {"script", "style"}))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._hidden() and data.strip():
            self.texts.append(data)


def _data_strings() -> list[str]:
    found: set[str] = set()
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in VOCABULARY or label in NOT_DATA or label.split(".")[1].startswith("historical"):
            continue
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]
        json_fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
        for row in model.objects.values_list(*fields, *json_fields):
            for value in row:
                for text in _strings_in(value):
                    if THAI.search(text):
                        found.add(" ".join(text.split()))
    return sorted(found, key=len, reverse=True)


def _strings_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings_in(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings_in(v)


class Data:
    """The world's Thai data, to tell a data value from an untranslated label."""

    def __init__(self) -> None:
        self.values = _data_strings()
        self.whole = set(self.values)
        self.blob = "\x00".join(self.values)

    def thai_left(self, text: str) -> list[str]:
        text = " ".join(text.split())
        if not THAI.search(text) or text in self.whole or (len(text) >= 12 and text.rstrip("…") in self.blob):
            return []
        left = []
        for run in THAI_RUN.findall(text):
            run = run.strip(" .")
            if not run or run in ALLOWED or run in self.whole:
                continue
            # A piece of a longer data value (a truncated KPI name, a name inside a sentence of data).
            if len(run) >= 12 and run in self.blob:
                continue
            if any(run in value and value in text for value in self._containing(run)):
                continue
            left.append(run)
        return left

    def _containing(self, run: str) -> Iterator[str]:
        start = 0
        while (at := self.blob.find(run, start)) >= 0:
            begin = self.blob.rfind("\x00", 0, at) + 1
            end = self.blob.find("\x00", at)
            yield self.blob[begin : end if end >= 0 else None]
            start = at + 1


def thai_outside_data(html: str, data: Data) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [run for text in parser.texts for run in data.thai_left(text)]


def _pages() -> dict[str, list[str]]:
    """Each role's key pages in the demo world."""
    own = Proposal.objects.filter(organisation__code="CDD").order_by("-framework__fiscal_year__year").first()
    province = Proposal.objects.filter(organisation__code="P40").first()
    any_proposal = Proposal.objects.exclude(state="draft").order_by("-pk").first()
    sheet = Result.objects.filter(organisation__code="CDD").order_by("-round__framework__fiscal_year__year").first()
    meeting = Meeting.objects.order_by("-pk").first()
    published = Publication.objects.select_related("framework__fiscal_year").order_by("-pk").first()
    assert own and province and any_proposal and sheet and meeting and published
    public = f"/public/{published.framework.fiscal_year.year}/"
    public_list = f"{public}{published.framework.group}/"
    public_card = f"{public_list}{published.organisations.values_list('organisation__code', flat=True).first()}/"
    public_kpi = f"{public_card}kpi/{published.organisations.order_by('code').first().document['kpis'][0]['code']}/"  # type: ignore[union-attr]
    result_sheet = f"/results/CDD/{sheet.round.framework.fiscal_year.year}/{sheet.round.months}/"
    scorecard = f"/scorecards/CDD/{sheet.round.framework.fiscal_year.year}/{sheet.round.months}/"
    year = sheet.round.framework.fiscal_year.year
    return {
        "public": [
            "/",
            "/public/",
            public,
            public_list,
            public_card,
            public_kpi,
            "/public/search/?q=ร้อยละ",
            "/public/data/",
        ],
        "cdd_coordinator": [
            "/",
            "/proposals/",
            f"/proposals/{own.pk}/",
            "/results/",
            result_sheet,
            "/scorecards/",
            scorecard,
            "/inbox/",
            "/change-requests/",
            "/kpis/",
        ],
        "cdd_executive": ["/", "/proposals/", f"/proposals/{own.pk}/", result_sheet, "/inbox/"],
        "opdc_desk": [
            "/",
            "/proposals/",
            f"/proposals/{any_proposal.pk}/",
            f"/results/year/{year}/agencies/",
            "/results/appeals/",
            "/dashboards/national/",
            "/basket/",
            "/frameworks/",
            "/inbox/",
        ],
        "opdc_admin": [
            "/",
            "/organisations/",
            "/frameworks/",
            "/jobs/",
            "/reports/summary/",
            "/dashboards/provinces/",
            "/people/",
            "/people/new/",
            "/people/import/",
            "/people/cdd.coord/",
        ],
        "cdd.admin": ["/", "/people/", "/people/cdd.coord/edit/", "/people/cdd.admin/"],
        "moi_reviewer": ["/", "/proposals/", f"/proposals/{province.pk}/", "/inbox/"],
        "committee_secretary": [
            "/",
            "/committees/",
            "/meetings/",
            f"/meetings/{meeting.pk}/",
            "/recommendations/",
            "/reports/summary/",
            f"/reports/meetings/{meeting.pk}/pack/",
        ],
    }


@pytest.fixture(scope="module")
def data(django_db_blocker: object) -> Data:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return Data()


def _english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


ROLES = [
    "public",
    "cdd_coordinator",
    "cdd_executive",
    "opdc_desk",
    "opdc_admin",
    "moi_reviewer",
    "committee_secretary",
    "cdd.admin",
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_key_page_of_a_role_reads_in_english_with_no_thai_outside_data(
    role: str, data: Data, client_as: Callable[[str], Client]
) -> None:
    client = _english(Client() if role == "public" else client_as(role))
    found: dict[str, list[str]] = {}
    for url in _pages()[role]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        left = thai_outside_data(response.content.decode(), data)
        if left:
            found[url] = sorted(set(left))
    assert found == {}


def test_the_checker_finds_an_untranslated_label_but_not_a_name_marked_as_data() -> None:
    data = Data.__new__(Data)
    data.values, data.whole, data.blob = ["กรมการพัฒนาชุมชน"], {"กรมการพัฒนาชุมชน"}, "กรมการพัฒนาชุมชน"
    html = '<p>Department: กรมการพัฒนาชุมชน</p><p>State: ร่าง</p><span lang="th">ชื่ออื่น</span><script>"ไทย"</script>'
    assert thai_outside_data(html, data) == ["ร่าง"]
