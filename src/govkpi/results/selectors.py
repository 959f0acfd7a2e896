"""Reads of results, scoped: an organisation's own work in progress, or what has been published."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from govkpi.core.errors import NotFound
from govkpi.frameworks.models import FiscalYear, Framework, Round
from govkpi.kpis.models import Kpi, KpiVersion
from govkpi.kpis.selectors import reportable_in_round
from govkpi.organisations.access import Viewer
from govkpi.organisations.models import Organisation
from govkpi.results.models import (
    Appeal,
    Evidence,
    LessonsLearned,
    LessonsSummary,
    OrganisationScore,
    Result,
    ResultState,
)
from govkpi.results.services import EDITABLE, deadline_for, deadlines_for, round_is_open

NO_ACCESS = "คุณไม่มีสิทธิ์ดูผลนี้ / You may not see this result."


def visible_results(viewer: Viewer) -> QuerySet[Result]:
    """Live results of the organisations the viewer sees inside, and nothing else.

    Outsiders (logged out, another organisation) read a published year from its publication
    snapshot (`govkpi.publication`), never from these live rows: a result unlocked for a
    correction, or corrected and approved again, must not show before OPDC amends the snapshot."""
    return Result.objects.filter(viewer.organisation_q("organisation__"))


def sees_internal(viewer: Viewer, organisation: Organisation) -> bool:
    return viewer.may_see_organisation(
        organisation_id=organisation.pk, kind=organisation.kind, parent_id=organisation.parent_id
    )


def result_get(*, viewer: Viewer, pk: int) -> Result:
    try:
        result = Result.objects.select_related("kpi", "version", "organisation", "round__framework__fiscal_year").get(
            pk=pk
        )
    except Result.DoesNotExist as exc:
        raise NotFound("ไม่พบผลการดำเนินงาน", "No such result.") from exc
    if not visible_results(viewer).filter(pk=pk).exists():
        raise PermissionDenied(NO_ACCESS)
    return result


def result_list(
    *, viewer: Viewer, year: int | None = None, organisation: str = "", months: int | None = None, state: str = ""
) -> QuerySet[Result]:
    qs = visible_results(viewer)
    if year:
        qs = qs.filter(round__framework__fiscal_year__year=year)
    if organisation:
        qs = qs.filter(organisation__code=organisation)
    if months:
        qs = qs.filter(round__months=months)
    if state:
        qs = qs.filter(state=state)
    return qs.select_related("kpi", "organisation", "round__framework__fiscal_year").order_by(
        "round__framework__fiscal_year__year", "organisation__code", "round__months", "kpi__order"
    )


def evidence_get(*, viewer: Viewer, pk: int) -> Evidence:
    """A file for those who see its result inside (outsiders: `publication.selectors.public_evidence`)."""
    try:
        evidence = Evidence.objects.select_related("result").get(pk=pk)
    except Evidence.DoesNotExist as exc:
        raise NotFound("ไม่พบไฟล์หลักฐาน", "No such evidence file.") from exc
    if not visible_results(viewer).filter(pk=evidence.result_id).exists():
        raise PermissionDenied(NO_ACCESS)
    if (
        evidence.appeal_id
        and not Result.objects.filter(viewer.organisation_q("organisation__"), pk=evidence.result_id).exists()
    ):
        raise PermissionDenied(NO_ACCESS)  # an appeal's files stay between the organisation, OPDC and the committee
    return evidence


def framework_of(organisation: Organisation, year: int) -> Framework:
    """The framework an organisation is evaluated under in a fiscal year."""
    # EXISTS, not a join of every KPI and participant of the year made DISTINCT: that join grows
    # with the country (59 s at scale 30), these two probes do not.
    framework = (
        Framework.objects.filter(fiscal_year__year=year)
        .filter(
            Exists(Kpi.objects.filter(framework=OuterRef("pk"), organisation=organisation))
            | Exists(Framework.participants.through.objects.filter(framework=OuterRef("pk"), organisation=organisation))
        )
        .select_related("fiscal_year")
        .first()
    )
    if framework is None:
        raise NotFound(f"{organisation.name_th} ไม่มีกรอบการประเมินปี {year}", f"No framework in {year}.")
    return framework


@dataclass
class SheetRow:
    kpi: Kpi
    version: KpiVersion
    result: Result | None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Sheet:
    """One organisation's results for one round: a row per KPI in force, and the stored score."""

    organisation: Organisation
    framework: Framework
    round: Round
    rows: list[SheetRow]
    score: OrganisationScore | None
    internal: bool
    is_open: bool
    deadline: object
    events: list[object] = field(default_factory=list)

    @property
    def show_band(self) -> bool:
        return not self.framework.monitoring_only

    @property
    def awaits_report(self) -> bool:
        """The round has opened and some KPI is still unreported or with its reporter: its deadline matters."""
        if self.round.opens_on > timezone.localdate():
            return False
        return any(row.result is None or row.result.state in EDITABLE for row in self.rows)


def round_sheet(*, viewer: Viewer, organisation: Organisation, year: int, months: int) -> Sheet:
    framework = framework_of(organisation, year)
    try:
        round_ = framework.rounds.get(months=months)
    except Round.DoesNotExist as exc:
        raise NotFound(f"ไม่มีรอบ {months} เดือนในปี {year}", f"No {months}-month round in {year}.") from exc
    internal = sees_internal(viewer, organisation)
    if not internal and not framework.is_published:
        raise PermissionDenied(NO_ACCESS)
    results = {
        r.kpi_id: r
        for r in Result.objects.filter(round=round_, organisation=organisation).select_related("version", "kpi")
    }
    evidence: dict[int, list[Evidence]] = {}
    for ev in Evidence.objects.filter(result__in=list(results.values()), appeal__isnull=True).order_by("uploaded_at"):
        evidence.setdefault(ev.result_id, []).append(ev)
    rows = []
    for kpi, version in reportable_in_round(framework, round_, organisations=[organisation.pk]):
        result = results.get(kpi.pk)
        if not internal and (result is None or result.state != ResultState.APPROVED):
            result = None
        rows.append(SheetRow(kpi, version, result, evidence.get(result.pk, []) if result else []))
    score = OrganisationScore.objects.filter(organisation=organisation, round=round_).first()
    return Sheet(
        organisation=organisation,
        framework=framework,
        round=round_,
        rows=rows,
        score=score,
        internal=internal,
        is_open=round_is_open(round_, organisation),
        deadline=deadline_for(round_, organisation),
    )


def score_list(*, viewer: Viewer, framework: Framework, months: int | None = None) -> QuerySet[OrganisationScore]:
    """Live stored scores of the organisations the viewer sees inside (outsiders read the snapshot)."""
    qs = OrganisationScore.objects.filter(framework=framework).filter(viewer.organisation_q("organisation__"))
    if months:
        qs = qs.filter(round__months=months)
    return qs.select_related("organisation", "round").order_by("round__months", "-total")


def appeal_list(*, viewer: Viewer, year: int | None = None, state: str = "") -> QuerySet[Appeal]:
    qs = Appeal.objects.filter(viewer.organisation_q("result__organisation__"))
    if year:
        qs = qs.filter(result__round__framework__fiscal_year__year=year)
    if state:
        qs = qs.filter(state=state)
    return qs.select_related("result__kpi", "result__organisation", "result__round__framework__fiscal_year")


def appeal_get(*, viewer: Viewer, pk: int) -> Appeal:
    appeal = appeal_list(viewer=viewer).filter(pk=pk).first()
    if appeal is None:
        raise NotFound("ไม่พบอุทธรณ์", "No such appeal.")
    return appeal


def lessons_list(*, viewer: Viewer, framework: Framework) -> QuerySet[LessonsLearned]:
    qs = LessonsLearned.objects.filter(framework=framework)
    if not framework.is_published:
        qs = qs.filter(viewer.organisation_q("organisation__"))
    return qs.select_related("organisation").order_by("organisation__code")


def lessons_summary(*, viewer: Viewer, framework: Framework) -> LessonsSummary | None:
    """OPDC's summary of the lessons of a framework: public once the framework is published,
    before that an internal paper for OPDC and the committees only (not every logged-in user)."""
    if not (framework.is_published or viewer.sees_all):
        return None
    return LessonsSummary.objects.filter(framework=framework).first()


def monitoring_frameworks() -> QuerySet[Framework]:
    return Framework.objects.filter(monitoring_only=True).select_related("fiscal_year")


# ---------------------------------------------------------------- OPDC's verification queue

#: What the queue shows unless asked otherwise: results their executive endorsed, awaiting the desk.
QUEUE_DEFAULT_STATE = ResultState.ENDORSED


_evidence_counts = (
    Evidence.objects.filter(result=OuterRef("pk"), appeal__isnull=True)
    .order_by()
    .values("result")
    .annotate(n=Count("pk"))
    .values("n")
)


def verification_queue(
    *,
    viewer: Viewer,
    group: str = "",
    ministry: str = "",
    year: int | None = None,
    months: int | None = None,
    state: str = QUEUE_DEFAULT_STATE,
    organisation: str = "",
) -> QuerySet[Result]:
    """OPDC's desk's worklist across organisations: results in a state (`""` for every state),
    narrowed by group, ministry (its departments and itself), year, round and organisation code;
    each with `evidence_count`. Only OPDC has it."""
    if not viewer.is_opdc:
        raise PermissionDenied("เฉพาะสำนักงาน ก.พ.ร. / OPDC only.")
    qs = Result.objects.filter(viewer.organisation_q("organisation__"))
    if state:
        qs = qs.filter(state=state)
    if group:
        qs = qs.filter(round__framework__group=group)
    if ministry:
        qs = qs.filter(Q(organisation__parent__code=ministry) | Q(organisation__code=ministry))
    if year:
        qs = qs.filter(round__framework__fiscal_year__year=year)
    if months:
        qs = qs.filter(round__months=months)
    if organisation:
        qs = qs.filter(organisation__code=organisation)
    return (
        qs.select_related("kpi", "version", "organisation", "round__framework__fiscal_year")
        # A correlated count, not a join with every evidence file grouped by result: the page reads
        # 50 rows, and its total (`count()`) then leaves this annotation out altogether.
        .annotate(evidence_count=Coalesce(Subquery(_evidence_counts), 0))
        .order_by("-round__framework__fiscal_year__year", "round__months", "organisation__code", "kpi__order", "pk")
    )


class QueueSlices:
    """The verification queue for a `Paginator` (or an offset and limit): its count and its slices
    read without sorting every listed result with its KPI and version.

    The queue's order is year (newest first), round, organisation, then KPI; an organisation's round
    is one run of rows. One grouped query counts each organisation's round (the total, and where
    each run starts); a slice then reads only the runs it covers, in full, and cuts them. Sorting
    every endorsed result of a national round joined to its KPI and version for a page of 50 took
    seconds at scale 30."""

    def __init__(self, queryset: QuerySet[Result]) -> None:
        self.queryset = queryset
        self._runs: list[tuple[int, int, int]] | None = None  # (round id, organisation id, results)

    def runs(self) -> list[tuple[int, int, int]]:
        if self._runs is None:
            # Counted first (one row per organisation's round), then put in the queue's order: the
            # database sorts thousands of runs, not every result joined to its round and organisation.
            counted = self.queryset.order_by().values_list("round_id", "organisation_id").annotate(n=Count("*"))
            inner, params = counted.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT runs.round_id, runs.organisation_id, runs.n"
                    f" FROM ({inner}) runs"
                    f" JOIN {Organisation._meta.db_table} o ON o.id = runs.organisation_id"
                    f" JOIN {Round._meta.db_table} r ON r.id = runs.round_id"
                    f" JOIN {Framework._meta.db_table} f ON f.id = r.framework_id"
                    f" JOIN {FiscalYear._meta.db_table} y ON y.id = f.fiscal_year_id"
                    " ORDER BY y.year DESC, r.months, o.code, runs.round_id",
                    params,
                )
                self._runs = [(round_id, organisation_id, n) for round_id, organisation_id, n in cursor.fetchall()]
        return self._runs

    def count(self) -> int:
        return sum(n for _r, _o, n in self.runs())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Result]:
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        covered: list[tuple[int, int]] = []
        first = offset = 0
        for round_id, organisation_id, n in self.runs():
            if offset + n > start and offset < stop:
                if not covered:
                    first = offset
                covered.append((round_id, organisation_id))
            offset += n
            if offset >= stop:
                break
        if not covered:
            return []
        rounds, organisations = {r for r, _o in covered}, {o for _r, o in covered}
        wanted = set(covered)
        rows = [
            r
            for r in self.queryset.filter(round_id__in=rounds, organisation_id__in=organisations)
            if (r.round_id, r.organisation_id) in wanted
        ]
        return rows[start - first : stop - first]


def deadlines_of(results: list[Result]) -> dict[int, object]:
    """Each listed result's reporting deadline (extensions counted), one query per round."""
    by_round: dict[int, tuple[Round, set[int]]] = {}
    for r in results:
        by_round.setdefault(r.round_id, (r.round, set()))[1].add(r.organisation_id)
    out: dict[int, object] = {}
    for round_, org_ids in by_round.values():
        dates = deadlines_for(round_, org_ids)
        for r in results:
            if r.round_id == round_.pk:
                out[r.pk] = dates[r.organisation_id]
    return out


def round_progress(framework: Framework) -> list[dict[str, object]]:
    """Per organisation and round of a framework, how many results are in each state (the
    framework page's list of organisations, each linking to its sheet)."""
    rows = (
        Result.objects.filter(round__framework=framework)
        .values("organisation__code", "organisation__name_th", "round__months", "state")
        .annotate(n=Count("pk"))
        .order_by("organisation__code", "round__months")
    )
    out: dict[tuple[str, int], dict[str, object]] = {}
    for row in rows:
        key = (row["organisation__code"], row["round__months"])
        entry = out.setdefault(
            key,
            {"code": key[0], "name_th": row["organisation__name_th"], "months": key[1], "counts": {}},
        )
        entry["counts"][row["state"]] = row["n"]  # type: ignore[index]
    return list(out.values())
