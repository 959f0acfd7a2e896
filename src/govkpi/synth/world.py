"""Build a consistent synthetic evaluation world at a chosen scale, reproducibly from a seed.

Scale 1 is today's country: about 320 organisations evaluated over ten fiscal years. Scale 100 is
what the same evaluation of local administrative organisations would be (about 32,000). Every row
is written with `bulk_create` in batches: history tables are not filled for generated rows (they
are generated, nobody changed them), and scores are computed by the same rescoring service the
application uses, so the stored points are the engine's.
Every name says it is synthetic (ข้อมูลจำลอง) so generated data is never mistaken for real data.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from govkpi import scoring
from govkpi.core.errors import Conflict
from govkpi.core.thaidates import fiscal_year_bounds
from govkpi.frameworks.models import Band, Component, FiscalYear, Framework, Round, TargetLevel
from govkpi.frameworks.selectors import scoring_framework
from govkpi.kpis.models import Kpi, KpiVersion, Proposal
from govkpi.organisations.models import Organisation, Person
from govkpi.results.models import OrganisationScore, Result
from govkpi.reviews.models import WorkflowEvent
from govkpi.scorecards.build import kpi_input, load_framework
from govkpi.scoring.arith import FOUR_PLACES, quantize
from govkpi.scoring.document import result_to_document

M = TypeVar("M", bound=models.Model)
Say = Callable[[str], None]

#: Organisations of each kind at scale 1 (320 in all).
PER_SCALE = {"ministry": 20, "department": 150, "pm_agency": 13, "independent": 6, "province": 76, "public_org": 55}
KIND_TH = {
    "ministry": "กระทรวง",
    "department": "กรม",
    "pm_agency": "สำนักงาน",
    "independent": "หน่วยงานอิสระ",
    "province": "จังหวัด",
    "public_org": "องค์การมหาชน",
}
#: (component, weight) of the seven KPIs every organisation carries each year; the last is Monitor.
KPI_PLAN = (
    ("performance", Decimal(20)),
    ("performance", Decimal(20)),
    ("performance", Decimal(15)),
    ("performance", Decimal(15)),
    ("potential", Decimal(15)),
    ("potential", Decimal(15)),
    ("performance", Decimal(0)),
)
PASSWORD = "govkpi-synthetic"
BATCH = 2000


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, name: str, n: int) -> None:
        self.rows[name] = self.rows.get(name, 0) + n


def _chunks(items: list[M], size: int = BATCH) -> Iterator[list[M]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert(model: type[M], items: list[M], counts: Counts) -> list[M]:
    created: list[M] = []
    for chunk in _chunks(items):
        created.extend(model._default_manager.bulk_create(chunk))
    counts.add(model._meta.label, len(items))
    return created


def generate(*, scale: int, seed: int = 1, years: int = 10, last_year: int = 2566, say: Say = print) -> Counts:
    """Generate the world into an empty database; refuses one that already holds organisations."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    if Organisation.objects.exists():
        raise Conflict(
            "ฐานข้อมูลมีข้อมูลอยู่แล้ว: สร้างข้อมูลจำลองได้เฉพาะในฐานข้อมูลว่าง (ตั้ง DATABASE_URL ใหม่แล้ว migrate)",
            "The database is not empty: generate into a fresh database (set a new DATABASE_URL and migrate).",
        )
    started = time.perf_counter()
    rng = random.Random(seed)
    counts = Counts()
    with transaction.atomic():
        orgs = _organisations(scale, counts)
        say(f"organisations: {len(orgs):,}")
        users = _people(orgs, counts)
        frameworks = [
            _framework(year, group, counts)
            for year in range(last_year - years + 1, last_year + 1)
            for group in ("agencies", "provinces")
        ]
        say(f"frameworks: {len(frameworks)}")
        for framework in frameworks:
            members = [o for o in orgs if (o.kind == "province") == (framework.group == "provinces")]
            _framework_year(framework, members, users, rng, counts)
            say(f"  {framework.fiscal_year.year} {framework.group}: {len(members):,} organisations")
    counts.seconds = time.perf_counter() - started
    return counts


def _organisations(scale: int, counts: Counts) -> list[Organisation]:
    made: list[Organisation] = []
    serial = 0
    for kind, per in PER_SCALE.items():
        ministries = [o for o in made if o.kind == "ministry"]
        batch: list[Organisation] = []
        for i in range(1, per * scale + 1):
            serial += 1
            parent = ministries[(i - 1) % len(ministries)] if kind == "department" else None
            batch.append(
                Organisation(
                    code=f"S{kind[:2].upper()}{i:05d}",
                    name_th=f"{KIND_TH[kind]}จำลอง {i:,} (ข้อมูลจำลอง)",
                    name_en=f"Synthetic {kind.replace('_', ' ')} {i}",
                    kind=kind,
                    parent=parent,
                    region=("north", "northeast", "central", "east", "west", "south")[i % 6],
                )
            )
        made.extend(_insert(Organisation, batch, counts))
    return made


def _people(orgs: list[Organisation], counts: Counts) -> dict[int, object]:
    """One coordinator per organisation (username `coord.<code>`), all with one password."""
    user_model = get_user_model()
    password = make_password(PASSWORD)  # hashed once: hashing 30,000 times would take minutes
    users = _insert(
        user_model,
        [user_model(username=f"coord.{o.code.lower()}", password=password) for o in orgs],
        counts,
    )
    _insert(
        Person,
        [
            Person(user=u, organisation=o, role="coordinator", full_name_th=f"ผู้ประสานงาน {o.code} (ข้อมูลจำลอง)")
            for u, o in zip(users, orgs, strict=True)
        ],
        counts,
    )
    return {o.pk: u for o, u in zip(orgs, users, strict=True)}


def _framework(year: int, group: str, counts: Counts) -> Framework:
    fiscal_year, _ = FiscalYear.objects.get_or_create(year=year)
    starts, ends = fiscal_year_bounds(year)
    framework = Framework.objects.create(
        fiscal_year=fiscal_year,
        group=group,
        name_th=f"กรอบการประเมินจำลอง {group} ปีงบประมาณ พ.ศ. {year} (ข้อมูลจำลอง)",
        name_en=f"Synthetic framework, {group}, FY{year}",
        monitoring_only=year == 2564,
        proposal_deadline=starts - dt.timedelta(days=30),
    )
    Component.objects.bulk_create(
        [
            Component(
                framework=framework, code="performance", name_th="ประสิทธิผล", weight=70, min_kpis=3, max_kpis=5, order=1
            ),
            Component(
                framework=framework, code="potential", name_th="ศักยภาพ", weight=30, min_kpis=2, max_kpis=2, order=2
            ),
        ]
    )
    TargetLevel.objects.bulk_create(
        [
            TargetLevel(framework=framework, order=i, name_th=name, points=points)
            for i, (name, points) in enumerate((("ขั้นต้น", 50), ("มาตรฐาน", 75), ("ขั้นสูง", 100)), start=1)
        ]
    )
    Band.objects.bulk_create(
        [
            Band(framework=framework, name_th="ระดับคุณภาพ", min_score=90),
            Band(framework=framework, name_th="ระดับมาตรฐาน", min_score=75),
            Band(framework=framework, name_th="ระดับต้องปรับปรุง", min_score=0),
        ]
    )
    Round.objects.bulk_create(
        [
            Round(
                framework=framework,
                months=6,
                opens_on=starts + dt.timedelta(days=182),
                closes_on=starts + dt.timedelta(days=212),
            ),
            Round(framework=framework, months=12, opens_on=ends, closes_on=ends + dt.timedelta(days=30)),
        ]
    )
    counts.add("frameworks.Framework", 1)
    return framework


def _framework_year(
    framework: Framework, members: list[Organisation], users: dict[int, object], rng: random.Random, counts: Counts
) -> None:
    year = framework.fiscal_year.year
    rounds = list(framework.rounds.order_by("months"))
    components = {c.code: c for c in framework.components.all()}
    framework.participants.through.objects.bulk_create(
        [framework.participants.through(framework_id=framework.pk, organisation_id=o.pk) for o in members]
    )
    approved_at = timezone.make_aware(dt.datetime(year - 543 - 1, 10, 15))
    proposals = _insert(
        Proposal,
        [Proposal(framework=framework, organisation=o, state="approved", approved_at=approved_at) for o in members],
        counts,
    )
    kpis: list[Kpi] = []
    for proposal, org in zip(proposals, members, strict=True):
        for n, (component, weight) in enumerate(KPI_PLAN, start=1):
            base = Decimal(rng.randint(50, 90))
            kpis.append(
                Kpi(
                    proposal=proposal,
                    framework=framework,
                    organisation=org,
                    code=f"{org.code}-{year}-{n}",
                    order=n,
                    name_th=f"ตัวชี้วัดจำลองที่ {n} ของ {org.code} (ข้อมูลจำลอง)",
                    unit_th="ร้อยละ",
                    component=components[component],
                    weight=weight,
                    is_monitor=weight == 0,
                    targets=[str(base), str(base + 5), str(base + 10)],
                    baseline=[str(base - 6), str(base - 4), str(base - 2)],
                    origin="basket" if rng.random() < 0.9 else "proposed",
                    lineage=f"{org.code}-{n}",
                )
            )
    kpis = _insert(Kpi, kpis, counts)
    versions = _insert(
        KpiVersion,
        [
            KpiVersion(
                kpi=k,
                number=1,
                name_th=k.name_th,
                unit_th=k.unit_th,
                component=k.component,
                weight=k.weight,
                is_monitor=k.is_monitor,
                targets=k.targets,
                baseline=k.baseline,
            )
            for k in kpis
        ],
        counts,
    )
    engine_framework = scoring_framework(load_framework(framework))
    results: list[Result] = []
    scores: list[OrganisationScore] = []
    for start in range(0, len(kpis), len(KPI_PLAN)):  # one organisation's KPIs at a time
        own = list(zip(kpis[start : start + len(KPI_PLAN)], versions[start : start + len(KPI_PLAN)], strict=True))
        for round_ in rounds:
            lines = [(kpi, version, _result(kpi, version, round_, users, rng)) for kpi, version in own]
            scored = scoring.score(scoring.Scorecard(engine_framework, tuple(kpi_input(k, v, r) for k, v, r in lines)))
            document = result_to_document(scored)
            # Stored exactly as the rescoring service stores them, so a rescore changes nothing.
            for (_, _, result), kpi_score, kpi_doc in zip(lines, scored.kpis, document["kpis"], strict=True):  # type: ignore[call-overload]
                if result is not None:
                    result.points = quantize(kpi_score.points, FOUR_PLACES)
                    result.weighted = quantize(kpi_score.weighted, FOUR_PLACES)
                    result.explanation = dict(kpi_doc["explanation"])
                    results.append(result)
            scores.append(
                OrganisationScore(
                    organisation_id=own[0][0].organisation_id,
                    framework=framework,
                    round=round_,
                    total=scored.published_total,
                    band=scored.band or "",
                    components=document["components"],
                )
            )
    _insert(Result, results, counts)
    _insert(OrganisationScore, scores, counts)
    proposal_type = ContentType.objects.get_for_model(Proposal)
    events = [
        WorkflowEvent(
            content_type=proposal_type,
            object_id=p.pk,
            organisation=p.organisation,
            action=action,
            from_state=before,
            to_state=after,
            actor=users[p.organisation_id],
        )  # type: ignore[misc]
        for p in proposals
        for action, before, after in (
            ("submit", "draft", "submitted"),
            ("endorse", "submitted", "opdc_review"),
            ("approve", "minister", "approved"),
        )
    ]
    _insert(WorkflowEvent, events, counts)


def _result(
    kpi: Kpi, version: KpiVersion, round_: Round, users: dict[int, object], rng: random.Random
) -> Result | None:
    if rng.random() < 0.02:  # a few KPIs are never reported: they score 0 and say so
        return None
    top = Decimal(kpi.targets[2])
    value = (top * Decimal(rng.uniform(0.8, 1.1)) * round_.months / 12).quantize(Decimal("0.01"))
    return Result(
        kpi=kpi,
        round=round_,
        version=version,
        organisation_id=kpi.organisation_id,
        value=value,
        state="approved",
        reported_by=users[kpi.organisation_id],  # type: ignore[misc]
    )
