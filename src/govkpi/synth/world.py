"""Build a consistent synthetic evaluation world at a chosen scale, reproducibly from a seed.

Scale 1 is today's country: about 320 organisations evaluated over ten fiscal years. Scale 100 is
what the same evaluation of local administrative organisations would be (about 32,000); fractional
scales (0.05) make the small worlds tests need. Each organisation has a coordinator, takes part in
its group's framework each year with an approved proposal of seven KPIs (version 1 frozen at
approval; a few KPIs get a version 2 from the 12-month round through an approved change
request), reports a result for nearly every KPI in both rounds, with an evidence record for every
12-month result, and has its scored totals stored. Every year but the last is published: marked
so, and its 12-month round written as a publication snapshot (`publication_publish_generated`).

Speed: the big tables are written from plain tuples (`synth.tables`), ids assigned here, in one
transaction. Scores are the engine's own: each distinct KPI line (targets, weight, value) is
scored once with `scoring.score_kpi` and its explanation document kept, and totals and bands are
added up exactly as `scoring.score` adds them; the generate test checks that the application's
rescoring then changes nothing. History tables are not filled (nobody changed generated rows).
Every name says it is synthetic (ข้อมูลจำลอง) so generated data is never mistaken for real data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, models, transaction

from govkpi import scoring
from govkpi.core.errors import Conflict
from govkpi.core.models import WorkflowEvent
from govkpi.core.thaidates import fiscal_year_bounds
from govkpi.frameworks.models import Band, Component, FiscalYear, Framework, Round, TargetLevel
from govkpi.frameworks.selectors import scoring_framework
from govkpi.kpis.choices import KpiType
from govkpi.kpis.models import ChangeRequest, Kpi, KpiVersion, Proposal
from govkpi.organisations.models import Organisation, Person
from govkpi.publication.services import publication_publish_generated
from govkpi.results.models import Evidence, OrganisationScore, Result
from govkpi.scorecards.build import load_framework
from govkpi.scoring.arith import CTX, FOUR_PLACES, ZERO, quantize
from govkpi.scoring.document import result_to_document
from govkpi.synth.tables import Table, db_datetime, deferred_indexes, reset_sequences, to_json

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
REGIONS = ("north", "northeast", "central", "east", "west", "south")
#: (component, weight) of the seven KPIs every organisation carries each year; the last is Monitor.
KPI_PLAN = (
    ("performance", 20),
    ("performance", 20),
    ("performance", 15),
    ("performance", 15),
    ("potential", 15),
    ("potential", 15),
    ("performance", 0),
)
PASSWORD = "govkpi-synthetic"
#: Organisations generated and written together (bounds memory at scale 100).
CHUNK = 2000
MISSING_SHARE = 0.02  # KPIs never reported: they score 0 and say so
CHANGED_SHARE = 0.03  # KPIs whose targets change from the 12-month round (version 2)


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, name: str, n: int) -> None:
        self.rows[name] = self.rows.get(name, 0) + n


@dataclass(frozen=True)
class Org:
    id: int
    code: str
    kind: str
    user_id: int


def organisation_count(scale: float) -> int:
    return sum(_per_kind(scale).values())


def _per_kind(scale: float) -> dict[str, int]:
    return {kind: max(1, round(per * scale)) for kind, per in PER_SCALE.items()}


def generate(
    *,
    scale: float,
    seed: int = 1,
    years: int = 10,
    last_year: int = 2566,
    say: Say = print,
    rounds: tuple[int, ...] = (6, 12),
) -> Counts:
    """Generate the world into an empty database; refuses one that already holds organisations.
    `rounds` are the rounds of every framework in months (some years had a 9-month round)."""
    if scale <= 0:
        raise ValueError("scale must be above 0")
    if 12 not in rounds or any(m not in (6, 9, 12) for m in rounds):
        raise ValueError("rounds are 6, 9 and 12 months, and include 12")
    if Organisation.objects.exists():
        raise Conflict(
            "ฐานข้อมูลมีข้อมูลอยู่แล้ว: สร้างข้อมูลจำลองได้เฉพาะในฐานข้อมูลว่าง (ตั้ง DATABASE_URL ใหม่แล้ว migrate)",
            "The database is not empty: generate into a fresh database (set a new DATABASE_URL and migrate).",
        )
    started = time.perf_counter()
    _fast_writes()
    world = _World(seed=seed, rounds=tuple(sorted(set(rounds))))
    with transaction.atomic(), deferred_indexes(BIG_MODELS):
        orgs = world.organisations(scale)
        say(f"organisations: {len(orgs):,}")
        for year in range(last_year - years + 1, last_year + 1):
            for group in ("agencies", "provinces"):
                framework = world.framework(year, group, published=year < last_year)
                members = [o for o in orgs if (o.kind == "province") == (group == "provinces")]
                world.framework_year(framework, members)
                say(f"  {year} {group}: {len(members):,} organisations ({time.perf_counter() - started:.0f} s)")
        reset_sequences(world.models_written)
    with transaction.atomic():
        # Every year marked published gets its snapshot, as OPDC's publishing writes it: the public
        # (portal, public API, open data) reads snapshots only.
        for framework in Framework.objects.filter(published_at__isnull=False).order_by("fiscal_year__year", "group"):
            if publication_publish_generated(framework=framework) is not None:
                world.counts.add("publications", 1)
        say(
            f"  publication snapshots: {world.counts.rows.get('publications', 0)} ({time.perf_counter() - started:.0f} s)"
        )
    _safe_writes()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's statistics of freshly filled tables are empty
    world.counts.seconds = time.perf_counter() - started
    return world.counts


def _fast_writes() -> None:
    """Generation writes into a fresh database that can be rebuilt: skip the safety of fsync."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Ids are assigned here and point only at rows written first; checking every foreign
            # key per row would double the time (the generate test rescored the world instead).
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("PRAGMA journal_mode = MEMORY")
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -200000")
        elif connection.vendor == "postgresql":
            cursor.execute("SET synchronous_commit = off")
            # Foreign keys are checked at commit by one trigger per row and key: millions of
            # queued events at scale 100. Ids are assigned here; the generate test rescored the
            # world to check it holds together.
            with contextlib.suppress(DatabaseError):  # not a superuser: the keys are checked at commit
                cursor.execute("SET session_replication_role = replica")
            cursor.execute("SET maintenance_work_mem = '256MB'")


def _safe_writes() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = FULL")
        elif connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("SET synchronous_commit = on")


@dataclass(frozen=True)
class _Line:
    """One KPI line scored: what the Result stores and what the totals add up."""

    value: Decimal | None
    points: Decimal
    weighted: Decimal
    exact_weighted: Decimal
    counted: bool
    explanation: str


class _World:
    def __init__(self, *, seed: int, rounds: tuple[int, ...] = (6, 12)) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.rounds = rounds
        self.counts = Counts()
        self.tables: dict[str, Table] = {}
        self.ids: dict[str, int] = {}
        self.models_written: list[type[models.Model]] = []
        self.lines: dict[tuple[object, ...], _Line] = {}
        self.cards: dict[tuple[object, ...], tuple[Decimal, str, str]] = {}
        self.rules: dict[scoring.Framework, int] = {}
        self.json: dict[tuple[int, ...], str] = {}

    # -- writing ------------------------------------------------------------------------------

    def table(self, model: type[models.Model], columns: tuple[str, ...]) -> Table:
        key = model._meta.label
        if key not in self.tables:
            self.tables[key] = Table(model, columns)
            self.ids[key] = self.tables[key].next_id()
            self.models_written.append(model)
        return self.tables[key]

    def new_ids(self, model: type[models.Model], n: int) -> range:
        key = model._meta.label
        first = self.ids[key]
        self.ids[key] = first + n
        return range(first, first + n)

    def sequence(self, model: type[models.Model]) -> Iterator[int]:
        """Ids for rows of this model (its table must be known); `settle` records how far it went."""
        self.table(model, _COLUMNS_OF[model])
        return itertools.count(self.ids[model._meta.label])

    def settle(self, model: type[models.Model], sequence: Iterator[int]) -> None:
        self.ids[model._meta.label] = next(sequence)

    def rules_key(self, rules: scoring.Framework) -> int:
        """A small number for each distinct set of rules (hashing the rules per line is slow)."""
        return self.rules.setdefault(rules, len(self.rules))

    def targets_json(self, targets: tuple[int, ...]) -> str:
        found = self.json.get(targets)
        if found is None:
            found = self.json[targets] = to_json([str(t) for t in targets])
        return found

    def write(self, model: type[models.Model], columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
        if rows:
            self.counts.add(model._meta.label, self.table(model, columns).write(rows))

    # -- organisations and people -------------------------------------------------------------

    def organisations(self, scale: float) -> list[Org]:
        org_columns = ("id", "code", "name_th", "name_en", "kind", "parent_id", "region")
        self.table(Organisation, org_columns)
        user_model = get_user_model()
        self.table(user_model, ("id", "username", "password", "date_joined"))
        self.table(Person, ("id", "user_id", "organisation_id", "role", "full_name_th"))
        rows: list[tuple[object, ...]] = []
        orgs: list[Org] = []
        ministries: list[int] = []
        per_kind = _per_kind(scale)
        ids = iter(self.new_ids(Organisation, sum(per_kind.values())))
        users = iter(self.new_ids(user_model, sum(per_kind.values())))
        for kind, count in per_kind.items():
            for i in range(1, count + 1):
                pk = next(ids)
                code = f"S{kind[:2].upper()}{i:05d}"
                parent = ministries[(i - 1) % len(ministries)] if kind == "department" else None
                if kind == "ministry":
                    ministries.append(pk)
                rows.append(
                    (
                        pk,
                        code,
                        f"{KIND_TH[kind]}จำลอง {i:,} (ข้อมูลจำลอง)",
                        f"Synthetic {kind.replace('_', ' ')} {i}",
                        kind,
                        parent,
                        REGIONS[i % 6],
                    )
                )
                orgs.append(Org(pk, code, kind, next(users)))
        self.write(Organisation, org_columns, rows)
        password = make_password(PASSWORD)  # hashed once: hashing 30,000 times would take minutes
        joined = db_datetime(dt.datetime(2015, 1, 1, tzinfo=dt.UTC))
        self.write(
            user_model,
            ("id", "username", "password", "date_joined"),
            [(o.user_id, f"coord.{o.code.lower()}", password, joined) for o in orgs],
        )
        self.write(
            Person,
            ("id", "user_id", "organisation_id", "role", "full_name_th"),
            [
                (pk, o.user_id, o.id, "coordinator", f"ผู้ประสานงาน {o.code} (ข้อมูลจำลอง)")
                for pk, o in zip(self.new_ids(Person, len(orgs)), orgs, strict=True)
            ],
        )
        return orgs

    # -- frameworks ---------------------------------------------------------------------------

    def framework(self, year: int, group: str, *, published: bool) -> Framework:
        fiscal_year, _ = FiscalYear.objects.get_or_create(year=year)
        starts, ends = fiscal_year_bounds(year)
        framework = Framework.objects.create(
            fiscal_year=fiscal_year,
            group=group,
            name_th=f"กรอบการประเมินจำลอง {group} ปีงบประมาณ พ.ศ. {year} (ข้อมูลจำลอง)",
            name_en=f"Synthetic framework, {group}, FY{year}",
            monitoring_only=year == 2564,
            proposal_deadline=starts - dt.timedelta(days=30),
            published_at=dt.datetime(year - 543, 12, 15, tzinfo=dt.UTC) if published else None,
            announced_at=dt.datetime(year - 544, 10, 1, tzinfo=dt.UTC),
            kpi_types=list(KpiType.values),
        )
        Component.objects.bulk_create(
            [
                Component(
                    framework=framework,
                    code="performance",
                    name_th="ประสิทธิผล",
                    weight=70,
                    min_kpis=3,
                    max_kpis=5,
                    order=1,
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
                    months=months,
                    opens_on=starts + dt.timedelta(days=months * 365 // 12),
                    closes_on=starts + dt.timedelta(days=months * 365 // 12 + 30),
                )
                for months in self.rounds
                if months != 12
            ]
            + [Round(framework=framework, months=12, opens_on=ends, closes_on=ends + dt.timedelta(days=30))]
        )
        self.counts.add("frameworks.Framework", 1)
        return framework

    def framework_year(self, framework: Framework, members: list[Org]) -> None:
        framework = load_framework(framework)
        participants = Framework.participants.through
        self.table(participants, ("id", "framework_id", "organisation_id"))
        self.write(
            participants,
            ("id", "framework_id", "organisation_id"),
            [(pk, framework.pk, o.id) for pk, o in zip(self.new_ids(participants, len(members)), members, strict=True)],
        )
        for start in range(0, len(members), CHUNK):
            _Chunk(self, framework, members[start : start + CHUNK]).write()

    # -- scoring ------------------------------------------------------------------------------

    def line(
        self,
        rules: scoring.Framework,
        rules_key: int,
        weight: int,
        targets: tuple[int, ...],
        share: int | None,
        months: int,
    ) -> _Line:
        """The engine's score of one KPI line, computed once per distinct line."""
        key = (rules_key, weight, targets, share, months)
        found = self.lines.get(key)
        if found is not None:
            return found
        value = None
        if share is not None:
            value = (Decimal(targets[-1]) * share * months / 1200).quantize(Decimal("0.01"))
        kpi = scoring.KpiInput(
            code="K",
            component=rules.components[0].code,
            weight=Decimal(weight),
            targets=tuple(Decimal(t) for t in targets),
            result=value,
            monitor=weight == 0,
        )
        score = scoring.score_kpi(kpi, rules)
        document = result_to_document(scoring.ScoreResult(ZERO, None, False, (), (score,)))
        explanation = document["kpis"][0]["explanation"]  # type: ignore[index]
        made = _Line(
            value,
            quantize(score.points, FOUR_PLACES),
            quantize(score.weighted, FOUR_PLACES),
            score.weighted,
            score.counted,
            to_json(explanation),
        )
        self.lines[key] = made
        return made

    def card(self, rules: scoring.Framework, rules_key: int, sums: tuple[Decimal, ...]) -> tuple[Decimal, str, str]:
        """Published total, band and components document of a scorecard, as `scoring.score` makes them."""
        key = (rules_key, sums)
        found = self.cards.get(key)
        if found is not None:
            return found
        components = tuple(
            scoring.ComponentScore(rule.code, rule.weight, total)
            for rule, total in zip(rules.components, sums, strict=True)
        )
        total = ZERO
        for component in components:
            total = CTX.add(total, component.score)
        band = None if rules.monitoring_only else scoring.band_for(total, rules.bands)
        result = scoring.ScoreResult(total, band, rules.monitoring_only, components, ())
        made = (result.published_total, band or "", to_json(result_to_document(result)["components"]))
        self.cards[key] = made
        return made


KPI_COLUMNS = (
    "id",
    "proposal_id",
    "framework_id",
    "organisation_id",
    "code",
    "order",
    "name_th",
    "unit_th",
    "component_id",
    "weight",
    "is_monitor",
    "targets",
    "baseline",
    "origin",
    "kpi_type",
    "lineage",
)
VERSION_COLUMNS = (
    "id",
    "kpi_id",
    "number",
    "name_th",
    "unit_th",
    "component_id",
    "weight",
    "is_monitor",
    "targets",
    "baseline",
    "effective_from_id",
    "change_request_id",
)
RESULT_COLUMNS = (
    "id",
    "kpi_id",
    "round_id",
    "version_id",
    "organisation_id",
    "value",
    "state",
    "points",
    "weighted",
    "explanation",
    "is_locked",
    "reported_by_id",
    "submitted_at",
    "approved_at",
)
EVIDENCE_COLUMNS = (
    "id",
    "result_id",
    "file",
    "original_name",
    "content_type",
    "size",
    "sha256",
    "uploaded_by_id",
    "uploaded_at",
)
SCORE_COLUMNS = ("id", "organisation_id", "framework_id", "round_id", "total", "band", "components")
EVENT_COLUMNS = (
    "id",
    "content_type_id",
    "object_id",
    "organisation_id",
    "action",
    "from_state",
    "to_state",
    "actor_id",
    "at",
)
CHANGE_COLUMNS = (
    "id",
    "organisation_id",
    "framework_id",
    "kpi_id",
    "round_id",
    "kind",
    "level",
    "reason_th",
    "proposed",
    "state",
    "created_by_id",
    "created_at",
    "decided_at",
)


class _Chunk:
    """Some organisations' year in one framework: proposals, KPIs, versions, change requests,
    results, evidence, scores and workflow events, generated then written table by table."""

    def __init__(self, world: _World, framework: Framework, members: list[Org]) -> None:
        self.world = world
        self.framework = framework
        self.members = members
        self.rows: dict[type[models.Model], list[tuple[object, ...]]] = {
            m: []
            for m in (Proposal, Kpi, ChangeRequest, KpiVersion, Result, Evidence, OrganisationScore, WorkflowEvent)
        }

    def write(self) -> None:
        self._generate()
        for model, rows in self.rows.items():
            self.world.write(model, _COLUMNS_OF[model], rows)

    def _generate(self) -> None:
        world, framework, rng = self.world, self.framework, self.world.rng
        year = framework.fiscal_year.year
        rules = scoring_framework(framework)
        components = {c.code: c.pk for c in framework.components.all()}
        framework_id = framework.pk
        rounds = sorted(framework.rounds.all(), key=lambda r: r.months)
        last_round = rounds[-1]
        last_round_id = last_round.pk
        round_plan = [(r.pk, r.months, r is last_round) for r in rounds]
        published = framework.published_at is not None
        starts, _ = fiscal_year_bounds(year)
        approved_at = db_datetime(dt.datetime(starts.year, 10, 15, tzinfo=dt.UTC))
        submitted_at = db_datetime(dt.datetime(starts.year, 9, 1, tzinfo=dt.UTC))
        changed_at = db_datetime(dt.datetime(starts.year + 1, 6, 1, tzinfo=dt.UTC))
        reported_at = {r.pk: db_datetime(dt.datetime.combine(r.opens_on, dt.time(3), tzinfo=dt.UTC)) for r in rounds}
        result_approved = {
            r.pk: db_datetime(dt.datetime.combine(r.closes_on, dt.time(3), tzinfo=dt.UTC)) for r in rounds
        }
        proposal_type = ContentType.objects.get_for_model(Proposal).pk
        ids = {model: world.sequence(model) for model in self.rows}
        proposal_ids, kpi_ids, event_ids, score_ids = (
            ids[Proposal],
            ids[Kpi],
            ids[WorkflowEvent],
            ids[OrganisationScore],
        )
        version_ids, change_ids, result_ids, evidence_ids = (
            ids[KpiVersion],
            ids[ChangeRequest],
            ids[Result],
            ids[Evidence],
        )
        rules_key = world.rules_key(rules)
        weights = {w: Decimal(w) for _, w in KPI_PLAN}
        rows = self.rows
        component_order = [c.code for c in rules.components]
        for org in self.members:
            proposal = next(proposal_ids)
            rows[Proposal].append((proposal, framework_id, org.id, "approved", submitted_at, approved_at, approved_at))
            for action, before, after in (
                ("submit", "draft", "submitted"),
                ("endorse", "submitted", "opdc_review"),
                ("approve", "minister", "approved"),
            ):
                at = approved_at if action == "approve" else submitted_at
                rows[WorkflowEvent].append(
                    (next(event_ids), proposal_type, proposal, org.id, action, before, after, org.user_id, at)
                )
            # (kpi id, weight, version-1 targets, version-2 id and targets or None)
            kpis: list[tuple[int, int, tuple[int, ...], int, tuple[int, ...] | None, int | None]] = []
            level = "province" if org.kind == "province" else "ministry" if org.kind == "ministry" else "department"
            for number, (component, weight) in enumerate(KPI_PLAN, start=1):
                kpi = next(kpi_ids)
                base = rng.randint(50, 90)
                targets: tuple[int, ...] = (base, base + 5, base + 10)
                name = f"ตัวชี้วัดจำลองที่ {number} ของ {org.code} (ข้อมูลจำลอง)"
                rows[Kpi].append(
                    (
                        kpi,
                        proposal,
                        framework_id,
                        org.id,
                        f"{org.code}-{year}-{number}",
                        number,
                        name,
                        "ร้อยละ",
                        components[component],
                        weights[weight],
                        weight == 0,
                        world.targets_json(targets),
                        world.targets_json((base - 6, base - 4, base - 2)),
                        "basket" if rng.random() < 0.9 else "proposed",
                        "potential" if component == "potential" else "function",
                        f"{org.code}-{number}",
                    )
                )
                version = next(version_ids)
                rows[KpiVersion].append(
                    (
                        version,
                        kpi,
                        1,
                        name,
                        "ร้อยละ",
                        components[component],
                        weights[weight],
                        weight == 0,
                        world.targets_json(targets),
                        world.targets_json((base - 6, base - 4, base - 2)),
                        None,
                        None,
                    )
                )
                second: tuple[int, ...] | None = None
                second_id: int | None = None
                if rng.random() < CHANGED_SHARE:
                    second = (base - 3, base + 2, base + 7)
                    change = next(change_ids)
                    rows[ChangeRequest].append(
                        (
                            change,
                            org.id,
                            framework_id,
                            kpi,
                            last_round_id,
                            "target",
                            level,
                            "ค่าเป้าหมายเดิมสูงเกินสถานการณ์จริง (ข้อมูลจำลอง)",
                            to_json({"targets": [str(t) for t in second]}),
                            "approved",
                            org.user_id,
                            changed_at,
                            changed_at,
                        )
                    )
                    second_id = next(version_ids)
                    rows[KpiVersion].append(
                        (
                            second_id,
                            kpi,
                            2,
                            name,
                            "ร้อยละ",
                            components[component],
                            weights[weight],
                            weight == 0,
                            to_json([str(t) for t in second]),
                            world.targets_json((base - 6, base - 4, base - 2)),
                            last_round_id,
                            change,
                        )
                    )
                kpis.append((kpi, weight, targets, version, second, second_id))
            # Where each KPI ends the year (percent of its top target), and how far along it is
            # mid-year: its lineage's own pace (some KPIs deliver late every year), a little
            # different each year, so earlier years say something, not everything, about this one.
            finals = [rng.randint(80, 110) for _ in kpis]
            paces = [
                _pace(world.seed, f"{org.code}-{number}") * rng.gauss(1, 0.06) for number in range(1, len(kpis) + 1)
            ]
            for round_id, months, is_last in round_plan:
                sums = dict.fromkeys(component_order, ZERO)
                for (kpi, weight, targets, version, second, second_id), (component, _), final, pace in zip(
                    kpis, KPI_PLAN, finals, paces, strict=True
                ):
                    share = None if rng.random() < MISSING_SHARE else _share_at(final, pace, months)
                    in_force, version_id = targets, version
                    if second is not None and is_last:
                        in_force, version_id = second, second_id  # type: ignore[assignment]
                    line = world.line(rules, rules_key, weight, in_force, share, months)
                    if line.counted:
                        sums[component] = CTX.add(sums[component], line.exact_weighted)
                    if line.value is None:
                        continue
                    result = next(result_ids)
                    rows[Result].append(
                        (
                            result,
                            kpi,
                            round_id,
                            version_id,
                            org.id,
                            line.value,
                            "approved",
                            line.points,
                            line.weighted,
                            line.explanation,
                            published,
                            org.user_id,
                            reported_at[round_id],
                            result_approved[round_id],
                        )
                    )
                    if is_last:
                        evidence = next(evidence_ids)
                        rows[Evidence].append(
                            (
                                evidence,
                                result,
                                f"evidence/synthetic/{year}/{evidence}.pdf",
                                f"หลักฐานผลการดำเนินงาน {kpi}.pdf",
                                "application/pdf",
                                rng.randint(20_000, 2_000_000),
                                hashlib.sha256(f"{world.seed}:{evidence}".encode()).hexdigest(),
                                org.user_id,
                                reported_at[round_id],
                            )
                        )
                total, band, components_doc = world.card(rules, rules_key, tuple(sums[c] for c in component_order))
                rows[OrganisationScore].append(
                    (next(score_ids), org.id, framework_id, round_id, total, band, components_doc)
                )
        for model, sequence in ids.items():
            world.settle(model, sequence)


def _pace(seed: int, lineage: str) -> float:
    """A lineage's share of its year-end progress reached by mid-year, relative to an even pace
    (0.7 = late, 1.3 = early), the same every year of one world."""
    digest = hashlib.sha256(f"{seed}:pace:{lineage}".encode()).digest()
    return 0.7 + 0.6 * digest[0] / 255


def _share_at(final: int, pace: float, months: int) -> int:
    """The value at `months` in percent of the top target, scaled so that the value written
    (top × share × months / 1200) is `final` at 12 months and `final × pace` × months/12 at 6."""
    return final if months == 12 else max(0, round(final * pace ** ((12 - months) / 6)))


_COLUMNS_OF: dict[type[models.Model], tuple[str, ...]] = {
    Proposal: ("id", "framework_id", "organisation_id", "state", "submitted_at", "approved_at", "updated_at"),
    Kpi: KPI_COLUMNS,
    ChangeRequest: CHANGE_COLUMNS,
    KpiVersion: VERSION_COLUMNS,
    Result: RESULT_COLUMNS,
    Evidence: EVIDENCE_COLUMNS,
    OrganisationScore: SCORE_COLUMNS,
    WorkflowEvent: EVENT_COLUMNS,
}

#: The tables filled in bulk: their secondary indexes are built once at the end.
BIG_MODELS: tuple[type[models.Model], ...] = (
    Organisation,
    Person,
    Framework.participants.through,
    *_COLUMNS_OF,
)
