"""Publication snapshots: what the public may read of a framework's round, frozen when OPDC publishes.

A `Publication` is one immutable version (1, 2, ...) for one framework and round: who published,
when, what it covers, the reason for any gap, and the organisations amended by this version. Each
organisation it covers is one `PublishedOrganisation` row carrying a JSON document (total, band,
components, every approved KPI with its value, points, weighted points and the scoring engine's
explanations in Thai and English), so a public page is one or two queries and a national
framework is written with one bulk insert. Nothing here is ever updated or deleted: a correction
becomes public only as a new version, and the old ones stay readable.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ImmutableError(Exception):
    """A snapshot was about to be changed; publish an amendment (a new version) instead."""


class ImmutableQuerySet(models.QuerySet[Any]):
    # simple-history misses QuerySet.update(); here nothing may bypass immutability either way.
    def update(self, **kwargs: Any) -> int:
        raise ImmutableError("ภาพผลที่เผยแพร่แก้ไขไม่ได้ / A publication snapshot cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableError("ภาพผลที่เผยแพร่ลบไม่ได้ / A publication snapshot cannot be deleted.")


class Immutable(models.Model):
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError("ภาพผลที่เผยแพร่แก้ไขไม่ได้ / A publication snapshot cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("ภาพผลที่เผยแพร่ลบไม่ได้ / A publication snapshot cannot be deleted.")


class PublicationKind(models.TextChoices):
    PUBLISH = "publish", _("เผยแพร่")
    AMEND = "amend", _("เผยแพร่ฉบับแก้ไข")


class Publication(Immutable):
    """One version of a framework's round as published: the header of the snapshot."""

    framework = models.ForeignKey("frameworks.Framework", on_delete=models.PROTECT, related_name="publications")
    round = models.ForeignKey("frameworks.Round", on_delete=models.PROTECT, related_name="publications")
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=PublicationKind.choices, default=PublicationKind.PUBLISH)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gap_reason_th = models.TextField(blank=True, help_text="เหตุผลที่เผยแพร่ทั้งที่ยังมีผลที่ไม่ได้รับความเห็นชอบ")
    amendment_reason_th = models.TextField(blank=True)
    organisations_expected = models.PositiveIntegerField(default=0)
    organisations_included = models.PositiveIntegerField(default=0)
    kpis_expected = models.PositiveIntegerField(default=0)
    kpis_approved = models.PositiveIntegerField(default=0)
    #: [{"code", "name_th", "name_en", "approved", "expected"}]: organisations not yet included.
    not_included = models.JSONField(default=list, blank=True)
    #: [{"code", "name_th", "name_en"}]: organisations this version amended.
    amended = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "round", "version"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "round", "version"], name="one_publication_version")
        ]

    def __str__(self) -> str:
        return f"{self.framework} · {self.round.months} เดือน · ฉบับที่ {self.version}"

    @property
    def has_gaps(self) -> bool:
        return bool(self.not_included)


class PublishedOrganisation(Immutable):
    """One organisation's published scorecard in one publication version (a JSON document)."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="organisations")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20)
    #: Thai words (PyThaiNLP) and codes of the organisation and its KPIs, for the public search.
    search_text = models.TextField(blank=True)
    amended_on = models.DateField(null=True, blank=True)
    amendment_reason_th = models.TextField(blank=True)
    document = models.JSONField(default=dict)

    class Meta:
        ordering = ["publication", "code"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "organisation"], name="one_published_organisation")
        ]
        indexes = [models.Index(fields=["publication", "code"])]

    def __str__(self) -> str:
        return f"{self.code} · {self.publication}"

    @property
    def is_amended(self) -> bool:
        return self.amended_on is not None
