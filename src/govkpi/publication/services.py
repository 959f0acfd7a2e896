"""Writes of publication: OPDC publishes a framework's round as a snapshot, and amends it.

`publication_publish` writes version 1 after OPDC has seen the preview and confirmed; with gaps
(organisations whose results are not all approved) a recorded reason is required.
`publication_amend` writes the next version after a correction (unlock → report → verify →
approve) or an upheld appeal: the amended organisations are taken afresh from the stored scores,
marked with the date and reason, and every other organisation is carried over unchanged. No
version is ever changed; the public reads the latest, and earlier ones stay readable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from govkpi.core.errors import Conflict, Invalid, NotAllowed
from govkpi.core.models import WorkflowEvent
from govkpi.frameworks.models import Framework
from govkpi.organisations.access import Viewer
from govkpi.publication.kpi_document import differs
from govkpi.publication.models import Publication, PublicationKind, PublishedOrganisation
from govkpi.publication.selectors import (
    OPDC_ONLY_EN,
    OPDC_ONLY_TH,
    PublicationPreview,
    publication_preview,
    round_to_publish,
)
from govkpi.publication.snapshot import Coverage, Progress, coverage, search_words
from govkpi.publication.writer import Row, carry_organisations, write_organisations


def _row(cov: Coverage, *, on: dt.date | None = None, reason: str = "") -> Row:
    assert cov.document is not None
    return Row(cov.organisation.pk, cov.code, search_words(cov.document), on, reason, cov.document)


def _header(
    preview: PublicationPreview,
    *,
    user: Any,
    at: dt.datetime,
    kind: str,
    gap_reason: str,
    amendment_reason: str,
    included: int,
    not_included: list[dict[str, Any]],
    amended: list[dict[str, Any]],
) -> Publication:
    publication = Publication(
        framework=preview.framework,
        round=preview.round,
        version=preview.next_version,
        kind=kind,
        published_at=at,
        published_by=user,
        gap_reason_th=gap_reason,
        amendment_reason_th=amendment_reason,
        organisations_expected=len(preview.organisations),
        organisations_included=included,
        kpis_expected=preview.kpis_expected,
        kpis_approved=preview.kpis_approved,
        not_included=not_included,
        amended=amended,
    )
    publication.full_clean()
    publication._history_user = user  # type: ignore[attr-defined]
    publication.save()
    return publication


def _event(publication: Publication, *, user: Any, action: str, comment: str) -> None:
    WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(Publication),
        object_id=publication.pk,
        action=action,
        to_state=f"v{publication.version}",
        comment=comment,
        actor=user,
    )


def _lock(framework: Framework) -> Framework:
    # Two OPDC officers pressing publish at once must not both write version 1.
    return Framework.objects.select_for_update().select_related("fiscal_year").get(pk=framework.pk)


def _check_publish(preview: PublicationPreview, *, confirm: bool, gap_reason: str) -> str:
    """The rules of publishing version 1 on what it would cover; the gap reason as recorded."""
    if preview.previous is not None:
        raise Conflict(
            f"เผยแพร่รอบ {preview.round.months} เดือนของปีนี้แล้ว (ฉบับที่ {preview.previous.version}) "
            "การแก้ไขหลังเผยแพร่ให้เผยแพร่ฉบับแก้ไข",
            "This round is already published; publish an amendment instead.",
        )
    if not preview.included:
        raise Conflict("ยังไม่มีผลที่คณะกรรมการเห็นชอบ", "No approved results to publish yet.")
    if not confirm:
        raise Invalid("กรุณาตรวจสอบสิ่งที่จะเผยแพร่แล้วยืนยัน", "Review what will be published, then confirm.", field="confirm")
    gap_reason = gap_reason.strip()
    if preview.has_gaps and not gap_reason:
        raise Invalid(
            f"ยังมีหน่วยงานที่ผลยังไม่ได้รับความเห็นชอบครบ {len(preview.missing)} แห่ง กรุณาระบุเหตุผลที่เผยแพร่",
            f"{len(preview.missing)} organisation(s) are not fully approved: a reason for publishing is required.",
            field="gap_reason",
        )
    return gap_reason


def publication_publish_check(
    *, viewer: Viewer, framework: Framework, months: int | None = None, confirm: bool, gap_reason: str = ""
) -> PublicationPreview:
    """Every refusal of `publication_publish`, answered at once before its job starts (no write,
    no documents built); the job checks again inside its transaction, since time passes."""
    preview = publication_preview(viewer=viewer, framework=framework, months=months)  # OPDC only
    _check_publish(preview, confirm=confirm, gap_reason=gap_reason)
    return preview


@transaction.atomic
def publication_publish(
    *,
    viewer: Viewer,
    user: Any,
    framework: Framework,
    months: int | None = None,
    confirm: bool,
    gap_reason: str = "",
    at: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Publication:
    """OPDC publishes a framework's round (the last round unless `months`): version 1 of its snapshot.

    `at` records a historical publication date (the demo's 31 Jan 2023); by default, now.
    `progress(done, total)` is told how many organisations' documents are built (the job's progress)."""
    if not viewer.is_opdc_admin:
        raise NotAllowed(OPDC_ONLY_TH, OPDC_ONLY_EN)
    framework = _lock(framework)
    _check_publish(
        publication_preview(viewer=viewer, framework=framework, months=months), confirm=confirm, gap_reason=gap_reason
    )
    preview = publication_preview(viewer=viewer, framework=framework, months=months, documents=True, progress=progress)
    gap_reason = _check_publish(preview, confirm=confirm, gap_reason=gap_reason)  # what is written decides
    return _first_version(preview, user=user, at=at or timezone.now(), gap_reason=gap_reason)


def _first_version(preview: PublicationPreview, *, user: Any, at: dt.datetime, gap_reason: str) -> Publication:
    """Version 1 of the preview's round: the header, one bulk insert of the organisations, the event."""
    framework = preview.framework
    publication = _header(
        preview,
        user=user,
        at=at,
        kind=PublicationKind.PUBLISH,
        gap_reason=gap_reason if preview.has_gaps else "",
        amendment_reason="",
        included=len(preview.included),
        not_included=[c.as_gap() for c in preview.missing],
        amended=[],
    )
    write_organisations(publication, [_row(c) for c in preview.included])
    if framework.published_at is None:
        # Framework.published_at marks the year public for the rest of the system (appeal window,
        # published KPI definitions); the snapshot is what the public reads.
        framework.published_at = at
        framework.published_by = user
        framework._history_user = user  # type: ignore[attr-defined]
        framework.save(update_fields=["published_at", "published_by"])
    _event(publication, user=user, action="publication_publish", comment=gap_reason)
    return publication


GENERATED_GAP_REASON = "ข้อมูลจำลอง: ตัวชี้วัดที่ไม่ได้รายงานผลทำให้บางหน่วยงานยังไม่รวมในผลที่เผยแพร่"


@transaction.atomic
def publication_publish_generated(*, framework: Framework) -> Publication | None:
    """A generated world's past year as OPDC would have published it (`govkpi generate` only).

    The generator marks the year published (`Framework.published_at`, the date it chose) with
    every result approved; this writes version 1 of the last round's snapshot from those stored
    scores, through the same builder and writer as `publication_publish`, so the portal and the
    public API of a generated world have something to read. Nobody pressed publish, so there is no
    viewer and no user; organisations with a KPI never reported are recorded as not yet included,
    with a synthetic reason. None when nothing is complete (nothing to publish)."""
    if framework.published_at is None:
        raise Conflict("ปีนี้ยังไม่ได้ทำเครื่องหมายว่าเผยแพร่", "This year is not marked published.")
    round_ = round_to_publish(framework, None)
    if Publication.objects.filter(framework=framework, round=round_).exists():
        raise Conflict("เผยแพร่รอบนี้แล้ว", "This round is already published.")
    preview = PublicationPreview(framework, round_, None, coverage(framework, round_, documents=True))
    if not preview.included:
        return None
    return _first_version(preview, user=None, at=framework.published_at, gap_reason=GENERATED_GAP_REASON)


@dataclass
class AmendPlan:
    """What an amendment would do: the organisations taken afresh and those carried over."""

    preview: PublicationPreview
    previous: Publication
    reason: str
    chosen: list[str]
    old: set[str]


def _plan_amend(
    preview: PublicationPreview, *, reason: str, organisations: Sequence[str] | None, confirm: bool
) -> AmendPlan:
    """The rules of an amendment on what it would cover (the preview built with documents unless
    `organisations` are named: "every one that changed" compares documents)."""
    previous = preview.previous
    if previous is None:
        raise Conflict("รอบนี้ยังไม่ได้เผยแพร่ จึงยังแก้ไขไม่ได้", "This round is not published yet: publish it first.")
    reason = reason.strip()
    if not reason:
        raise Invalid("กรุณาระบุเหตุผลการแก้ไข", "A reason for the amendment is required.", field="reason")
    published = PublishedOrganisation.objects.filter(publication=previous).order_by()
    old = set(published.values_list("code", flat=True))
    now = {c.code: c for c in preview.organisations}
    if organisations:
        chosen = list(dict.fromkeys(organisations))
        unknown = [code for code in chosen if code not in now]
        if unknown:
            raise Invalid(
                f"ไม่พบหน่วยงาน {', '.join(unknown)} ในรอบนี้",
                f"Not in this round: {', '.join(unknown)}",
                field="organisations",
            )
        incomplete = [code for code in chosen if not now[code].included]
        if incomplete:
            raise Invalid(
                f"ผลของ {', '.join(incomplete)} ยังไม่ได้รับความเห็นชอบครบทุกตัวชี้วัด",
                f"Not every result of {', '.join(incomplete)} is approved yet.",
                field="organisations",
            )
    else:
        old_documents = dict(published.values_list("code", "document"))
        chosen = [
            code
            for code, cov in now.items()
            if cov.included and (code not in old or differs(old_documents[code], cov.document or {}))
        ]
    if not chosen:
        raise Conflict("ไม่มีผลที่เห็นชอบแล้วต่างจากฉบับที่เผยแพร่", "Nothing approved differs from the published version.")
    if not confirm:
        raise Invalid("กรุณาตรวจสอบสิ่งที่จะเผยแพร่แล้วยืนยัน", "Review what will be published, then confirm.", field="confirm")
    return AmendPlan(preview, previous, reason, chosen, old)


def publication_amend_check(
    *,
    viewer: Viewer,
    user: Any,
    framework: Framework,
    reason: str,
    confirm: bool,
    months: int | None = None,
    organisations: Sequence[str] | None = None,
) -> AmendPlan:
    """Every refusal of `publication_amend`, answered at once before its job starts (no write);
    the job checks again inside its transaction."""
    preview = publication_preview(viewer=viewer, framework=framework, months=months, documents=not organisations)
    return _plan_amend(preview, reason=reason, organisations=organisations, confirm=confirm)


@transaction.atomic
def publication_amend(
    *,
    viewer: Viewer,
    user: Any,
    framework: Framework,
    reason: str,
    confirm: bool,
    months: int | None = None,
    organisations: Sequence[str] | None = None,
    at: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Publication:
    """OPDC publishes the next version after a correction or an upheld appeal.

    `organisations` (codes) are taken afresh; by default, every organisation whose approved data
    now differs from the published version, and any newly complete one. Each must be complete
    (every KPI approved, total stored). The others are carried over as published."""
    if not viewer.is_opdc_admin:
        raise NotAllowed(OPDC_ONLY_TH, OPDC_ONLY_EN)
    framework = _lock(framework)
    preview = publication_preview(viewer=viewer, framework=framework, months=months, documents=True, progress=progress)
    plan = _plan_amend(preview, reason=reason, organisations=organisations, confirm=confirm)
    previous, reason, chosen = plan.previous, plan.reason, plan.chosen
    now = {c.code: c for c in preview.organisations}
    at = at or timezone.now()
    on = timezone.localdate(at)
    carried = sorted(plan.old.difference(chosen))
    included = sorted({*carried, *chosen})
    in_version = set(included)
    not_included = [cov.as_gap() for code, cov in sorted(now.items()) if code not in in_version]
    publication = _header(
        preview,
        user=user,
        at=at,
        kind=PublicationKind.AMEND,
        gap_reason=previous.gap_reason_th if not_included else "",
        amendment_reason=reason,
        included=len(included),
        not_included=not_included,
        amended=[
            {"code": c, "name_th": now[c].organisation.name_th, "name_en": now[c].organisation.name_en} for c in chosen
        ],
    )
    write_organisations(publication, [_row(now[code], on=on, reason=reason) for code in chosen])
    # An earlier amendment of a carried organisation stays marked.
    carry_organisations(previous, publication, carried)
    _event(publication, user=user, action="publication_amend", comment=f"{reason} ({', '.join(chosen)})")
    return publication
