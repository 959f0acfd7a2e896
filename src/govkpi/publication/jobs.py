"""Publishing and amending a year as background jobs with progress (a national year is 9,600 organisations).

The page and the API check everything at once in the request (`services.publication_publish_check`,
`publication_amend_check`), then start one of these; the job writes the snapshot in one transaction,
checking again inside it (time passes between the two), and reports the organisations whose documents
are built as its progress (visible while the transaction runs: `core.jobs` writes it on a connection
of its own). Once committed, the year's public score list and scores API are built into the cache. `govkpi publish` runs the same services in-process and prints the same progress.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse

from govkpi.core import cache_policy
from govkpi.core.errors import NotAllowed
from govkpi.core.jobs import JobRun, job_handler, start_job
from govkpi.core.models import Job
from govkpi.frameworks.models import Framework
from govkpi.organisations.access import viewer_for
from govkpi.publication import services
from govkpi.publication.models import Publication
from govkpi.publication.selectors import OPDC_ONLY_EN, OPDC_ONLY_TH
from govkpi.publication.snapshot import Progress

PUBLISH_JOB = "publication.publish"
AMEND_JOB = "publication.amend"

BUILDING_TH = "กำลังจัดทำข้อมูลของหน่วยงาน"
WRITING_TH = "กำลังบันทึกผลที่เผยแพร่"


def job_progress(run: JobRun) -> Progress:
    """Organisations done / total on the job (the write follows the last organisation)."""

    def report(done: int, total: int) -> None:
        if run.job.total != total or done == 0:
            run.set_total(total, message=BUILDING_TH)
            if done == 0:
                return
        run.advance(done - run.job.progress, message=WRITING_TH if done >= total else "")

    return report


def _done(publication: Publication) -> str:
    return (
        f"เผยแพร่ฉบับที่ {publication.version} แล้ว: "
        f"{publication.organisations_included:,} จาก {publication.organisations_expected:,} หน่วยงาน"
    )


def public_addresses(framework: Framework) -> list[str]:
    """The public answers of a published year that read every organisation (the ones worth
    building before the first visitor): the score list page and the scores API."""
    year, group = framework.fiscal_year.year, framework.group
    return [reverse("public-scores", args=[year, group]), f"/api/v1/public/{year}/{group}/scores"]


def _warm_after_commit(framework: Framework) -> None:
    """Once the snapshot is committed, build its score list and API into the cache
    (`core.cache_policy.warm`); nothing is stored if the write rolls back."""
    transaction.on_commit(lambda: cache_policy.warm(public_addresses(framework)))


def _framework(run: JobRun) -> tuple[Any, Framework]:
    owner = run.owner
    if owner is None:
        raise NotAllowed(OPDC_ONLY_TH, OPDC_ONLY_EN)
    return owner, Framework.objects.select_related("fiscal_year").get(pk=int(run.params["framework"]))


@job_handler(PUBLISH_JOB)
def publish_job(run: JobRun) -> None:
    owner, framework = _framework(run)
    params = run.params
    publication = services.publication_publish(
        viewer=viewer_for(owner),
        user=owner,
        framework=framework,
        months=int(params["months"]),
        confirm=bool(params["confirm"]),
        gap_reason=str(params.get("gap_reason", "")),
        progress=job_progress(run),
    )
    _warm_after_commit(framework)
    run.finish(_done(publication))


@job_handler(AMEND_JOB)
def amend_job(run: JobRun) -> None:
    owner, framework = _framework(run)
    params = run.params
    publication = services.publication_amend(
        viewer=viewer_for(owner),
        user=owner,
        framework=framework,
        months=int(params["months"]),
        reason=str(params.get("reason", "")),
        organisations=[str(c) for c in params.get("organisations") or []] or None,
        confirm=bool(params["confirm"]),
        progress=job_progress(run),
    )
    _warm_after_commit(framework)
    run.finish(_done(publication))


def start_publication_job(kind: str, *, user: Any, framework: Framework, months: int, **params: Any) -> Job:
    """Queue publishing (PUBLISH_JOB) or amending (AMEND_JOB) a framework's round; checks come first."""
    year, group = framework.fiscal_year.year, framework.group
    what = "เผยแพร่ฉบับแก้ไข" if kind == AMEND_JOB else "เผยแพร่ผลการประเมิน"
    return start_job(
        kind,
        title=f"{what} {framework.name_th} รอบ {months} เดือน",
        owner=user,
        params={
            "framework": framework.pk,
            "months": months,
            **params,
            "back": f"{reverse('publication-page', args=[year, group])}?round={months}",
        },
    )
