"""Reads of publication snapshots: the only source of everything the public reads.

`latest(framework)` is what the portal, the public API, open data, the map, search and every
logged-out page show; `publication_get(..., version=N)` keeps earlier versions readable.
`publication_preview` tells OPDC what publishing now would cover. `public_data` renders the data
of every public surface from one snapshot, so a test can compare each surface with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Max, QuerySet

from govkpi.core.errors import NotAllowed, NotFound
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework, Round
from govkpi.organisations.access import Viewer
from govkpi.publication.models import Publication, PublishedOrganisation, summary_of
from govkpi.publication.snapshot import Coverage, Progress, coverage
from govkpi.results.models import Evidence, Result
from govkpi.results.selectors import evidence_get

OPDC_ONLY_TH = "เฉพาะผู้ดูแลระบบสำนักงาน ก.พ.ร. เผยแพร่ผลได้"
OPDC_ONLY_EN = "Only the OPDC administrator publishes."


# ---------------------------------------------------------------- which snapshot


def published_frameworks() -> QuerySet[Framework]:
    """Frameworks with at least one publication, newest year first."""
    return (
        Framework.objects.filter(publications__isnull=False)
        .distinct()
        .select_related("fiscal_year")
        .order_by("-fiscal_year__year", "group")
    )


def published_framework(*, year: int, group: str) -> Framework:
    if group not in GroupCode.values:
        raise NotFound("ไม่พบกลุ่มการประเมินนี้", "No such evaluation group.")
    framework = published_frameworks().filter(fiscal_year__year=year, group=group).first()
    if framework is None:
        raise NotFound("ยังไม่มีผลการประเมินที่เผยแพร่สำหรับปีและกลุ่มนี้", "No published results for this year and group.")
    return framework


def latest(framework: Framework) -> Publication | None:
    """The snapshot the public reads: the latest version of the framework's furthest published round."""
    return (
        Publication.objects.filter(framework=framework)
        .select_related("round", "published_by", "framework__fiscal_year")
        .order_by("-round__months", "-version")
        .first()
    )


def publication_get(*, framework: Framework, months: int | None = None, version: int | None = None) -> Publication:
    """One snapshot: the latest unless a round and/or version is asked for (earlier versions stay readable)."""
    qs = Publication.objects.filter(framework=framework).select_related(
        "round", "published_by", "framework__fiscal_year"
    )
    if months is not None:
        qs = qs.filter(round__months=months)
    if version is not None:
        qs = qs.filter(version=version)
    found = qs.order_by("-round__months", "-version").first()
    if found is None:
        raise NotFound("ไม่พบฉบับที่เผยแพร่นี้", "No such published version.")
    return cast(Publication, found)


def publication_list(framework: Framework) -> list[Publication]:
    """Every version of every round of a framework, newest first (public: it is the record)."""
    return list(
        Publication.objects.filter(framework=framework)
        .select_related("round", "published_by")
        .order_by("-round__months", "-version")
    )


def latest_stamp(frameworks: list[Framework]) -> str:
    """A cache key part that changes whenever one of these frameworks gets a new snapshot."""
    latest_ids = dict(
        Publication.objects.filter(framework_id__in=[f.pk for f in frameworks])
        .order_by()
        .values("framework_id")
        .annotate(last=Max("pk"))
        .values_list("framework_id", "last")
    )
    return "-".join(f"{f.pk}.{latest_ids.get(f.pk, 0)}" for f in frameworks)


def organisations_of(publication: Publication) -> QuerySet[PublishedOrganisation]:
    return PublishedOrganisation.objects.filter(publication=publication).order_by("code")


def organisation_of(publication: Publication, code: str) -> PublishedOrganisation:
    row = PublishedOrganisation.objects.filter(publication=publication, code=code).first()
    if row is None:
        raise NotFound("ไม่พบหน่วยงานนี้ในผลที่เผยแพร่", "No such organisation among the published results.")
    return cast(PublishedOrganisation, row)


def published_organisation(*, framework: Framework, code: str) -> tuple[Publication, PublishedOrganisation] | None:
    """The latest snapshot of one organisation (None: not published, or not yet included)."""
    publication = latest(framework)
    if publication is None:
        return None
    row = PublishedOrganisation.objects.filter(publication=publication, code=code).first()
    return None if row is None else (publication, row)


# ---------------------------------------------------------------- before publishing


@dataclass
class PublicationPreview:
    """What publishing a framework's round now would cover, and what it would leave out."""

    framework: Framework
    round: Round
    previous: Publication | None
    organisations: list[Coverage] = field(default_factory=list)

    @property
    def next_version(self) -> int:
        return 1 if self.previous is None else self.previous.version + 1

    @property
    def included(self) -> list[Coverage]:
        return [c for c in self.organisations if c.included]

    @property
    def missing(self) -> list[Coverage]:
        return [c for c in self.organisations if not c.included]

    @property
    def has_gaps(self) -> bool:
        return bool(self.missing)

    @property
    def kpis_expected(self) -> int:
        return sum(len(c.expected) for c in self.organisations)

    @property
    def kpis_approved(self) -> int:
        return sum(len(c.approved) for c in self.organisations)

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.framework.fiscal_year.year,
            "group": self.framework.group,
            "round_months": self.round.months,
            "next_version": self.next_version,
            "already_published": self.previous is not None,
            "organisations_expected": len(self.organisations),
            "organisations_included": len(self.included),
            "kpis_expected": self.kpis_expected,
            "kpis_approved": self.kpis_approved,
            "included": [c.code for c in self.included],
            "missing": [{**c.as_gap(), "missing_kpis": c.missing, "has_score": c.has_score} for c in self.missing],
        }


def round_to_publish(framework: Framework, months: int | None) -> Round:
    """The round asked for, else the framework's last round."""
    rounds = framework.rounds.order_by("-months")
    if months is not None and not 0 < months <= 24:
        raise NotFound(f"ไม่มีรอบ {months} เดือน", f"No {months}-month round.")
    found = rounds.filter(months=months).first() if months is not None else rounds.first()
    if found is None:
        raise NotFound(f"ไม่มีรอบ {months} เดือน", f"No {months}-month round.")
    return found


def publication_preview(
    *,
    viewer: Viewer,
    framework: Framework,
    months: int | None = None,
    documents: bool = False,
    progress: Progress | None = None,
) -> PublicationPreview:
    """OPDC sees what a publication would cover: organisations and KPIs approved vs expected.

    `documents` also builds each complete organisation's document (what publishing writes; the
    counts alone are a few queries), telling `progress(done, total)` as it goes."""
    if not viewer.is_opdc_admin:
        raise NotAllowed(OPDC_ONLY_TH, OPDC_ONLY_EN)
    round_ = round_to_publish(framework, months)
    previous = Publication.objects.filter(framework=framework, round=round_).order_by("-version").first()
    found = coverage(framework, round_, documents=documents, progress=progress)
    return PublicationPreview(framework, round_, previous, found)


# ---------------------------------------------------------------- every public surface, from one snapshot


def _two(value: str | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def _four(value: str | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.0001")))


def _plain(value: str | None) -> str | None:
    return None if value is None else format(Decimal(value).normalize(), "f")


#: The columns of a snapshot row a score list reads (its summary, never the document).
SCORE_COLUMNS = (
    "code",
    "name_th",
    "name_en",
    "kind",
    "round_months",
    "total",
    "band",
    "document_amended",
    "amended_on",
    "amendment_reason_th",
)


def score_values(publication: Publication) -> list[dict[str, Any]]:
    """The summary columns of a snapshot's organisations, by code (one query; no document is read)."""
    return list(organisations_of(publication).values(*SCORE_COLUMNS))


def _summary_of_row(row: PublishedOrganisation) -> dict[str, Any]:
    """A row's score columns as its document says them (what `score_values` must read back)."""
    return {
        **summary_of(row.document),
        "code": row.document["code"],
        "amended_on": row.amended_on,
        "amendment_reason_th": row.amendment_reason_th,
    }


def score_row(publication: Publication, row: Mapping[str, Any]) -> dict[str, Any]:
    """One organisation as the public score list, the scores API and the scores file show it,
    from its summary columns (`score_values`)."""
    return {
        "year": publication.framework.fiscal_year.year,
        "group": publication.framework.group,
        "code": row["code"],
        "name_th": row["name_th"],
        "name_en": row["name_en"],
        "kind": row["kind"],
        "round_months": row["round_months"],
        "total": _two(row["total"]),
        "band": row["band"],
        "is_amended": row["amended_on"] is not None or bool(row["document_amended"]),
        "amended_on": row["amended_on"].isoformat() if row["amended_on"] else None,
        "amendment_reason_th": row["amendment_reason_th"],
    }


def result_rows(publication: Publication, row: PublishedOrganisation) -> list[dict[str, Any]]:
    """One organisation's KPIs as the results API and the results file show them."""
    doc = row.document
    return [
        {
            "fiscal_year": publication.framework.fiscal_year.year,
            "group": publication.framework.group,
            "organisation_code": doc["code"],
            "organisation_name_th": doc["name_th"],
            "kpi_code": k["code"],
            "kpi_name_th": k["name_th"],
            "component": k["component"],
            "unit_th": k["unit_th"],
            "direction": k["direction"],
            "is_monitor": k["is_monitor"],
            "weight": k["weight"],
            "targets": " / ".join(k["targets"]),
            "round_months": doc["round_months"],
            "value": _plain(k["value"]),
            "points": _two(k["points"]),
            "weighted": _four(k["weighted"]),
            "is_amended": bool(k["is_amended"]) or row.is_amended,
        }
        for k in doc["kpis"]
    ]


@dataclass
class PublicData:
    """Everything the public may read of one framework, as the snapshot says it."""

    publication: Publication
    scores: list[dict[str, Any]]
    results: list[dict[str, Any]]
    scorecards: dict[str, dict[str, Any]]  # by organisation code: total, band, every KPI's points
    not_included: list[str]


def public_data(framework: Framework, *, publication: Publication | None = None) -> PublicData | None:
    """Each public surface's data rendered from the latest snapshot (or the one given).

    The portal page, both public APIs, the open data files, the map and the logged-out scorecard
    must show exactly this: `scores` (one row per organisation), `results` (one per KPI),
    `scorecards` (total, band and KPI points by organisation) and the codes not yet included."""
    publication = publication or latest(framework)
    if publication is None:
        return None
    rows = list(organisations_of(publication))
    return PublicData(
        publication=publication,
        scores=[score_row(publication, _summary_of_row(r)) for r in rows],
        results=[line for r in rows for line in result_rows(publication, r)],
        scorecards={
            r.code: {
                "total": r.document["total"],
                "band": r.document["band"],
                "kpis": {k["code"]: k["points"] for k in r.document["kpis"]},
            }
            for r in rows
        },
        not_included=[g["code"] for g in publication.not_included],
    )


# ---------------------------------------------------------------- outsiders' reads of internal addresses


@dataclass(frozen=True)
class PublicPlace:
    """Where the public reads an organisation of a year: its latest snapshot's addresses."""

    year: int
    group: str
    code: str

    @property
    def page(self) -> str:
        return f"/public/{self.year}/{self.group}/{self.code}/"

    @property
    def api(self) -> str:
        return f"/api/v1/public/{self.year}/{self.group}/{self.code}"


def public_place_of_result(result_id: int) -> PublicPlace | None:
    """The public equivalent of a result: its organisation in the latest snapshot of its framework.

    None when the framework is not published or the organisation is not (yet) included: an outsider
    then gets the refusal, since the public reads snapshots, never live results."""
    result = (
        Result.objects.filter(pk=result_id)
        .select_related("organisation", "round__framework__fiscal_year")
        .only("organisation__code", "round__framework__group", "round__framework__fiscal_year__year")
        .first()
    )
    if result is None:
        return None
    framework = result.round.framework
    found = published_organisation(framework=framework, code=result.organisation.code)
    if found is None:
        return None
    return PublicPlace(framework.fiscal_year.year, framework.group, result.organisation.code)


def _taken_at(publication: Publication, code: str) -> dt.datetime | None:
    """When the organisation's document in this snapshot was taken from the stored scores: the
    version that last amended it, else the first version of the round that included it."""
    versions = Publication.objects.filter(
        framework_id=publication.framework_id, round_id=publication.round_id, version__lte=publication.version
    ).order_by("-version")
    first: dt.datetime | None = None
    for version in versions.only("version", "published_at", "amended"):
        if any(item.get("code") == code for item in version.amended):
            taken: dt.datetime = version.published_at
            return taken
        if PublishedOrganisation.objects.filter(publication=version, code=code).exists():
            first = version.published_at
    return first


def public_evidence(evidence_id: int) -> Evidence | None:
    """An evidence file the public may download: of a KPI result in the latest snapshot (its
    organisation included, the round published), uploaded before that organisation's data was
    taken, never an appeal's file. Files added during a correction stay internal until OPDC
    publishes the amendment that takes the corrected data."""
    evidence = (
        Evidence.objects.filter(pk=evidence_id, appeal__isnull=True)
        .select_related("result__organisation", "result__kpi", "result__round__framework")
        .first()
    )
    if evidence is None:
        return None
    result = evidence.result
    found = published_organisation(framework=result.round.framework, code=result.organisation.code)
    if found is None:
        return None
    publication, row = found
    if publication.round_id != result.round_id:
        return None
    if not any(k.get("code") == result.kpi.code for k in row.document.get("kpis", [])):
        return None
    taken = _taken_at(publication, row.code)
    if taken is None or evidence.uploaded_at > taken:
        return None
    return evidence


def evidence_for(*, viewer: Viewer, pk: int) -> Evidence:
    """The one rule for downloading an evidence file: whoever sees its result inside
    (`results.selectors.evidence_get`), else the public's files of the latest snapshot."""
    try:
        return evidence_get(viewer=viewer, pk=pk)
    except PermissionDenied:
        public = public_evidence(pk)
        if public is None:
            raise
        return public
