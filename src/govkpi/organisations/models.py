"""Organisations evaluated, and the people who work in the system for them."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from govkpi.organisations.choices import KIND_EN, OrganisationKind, Role


class Organisation(models.Model):
    """A ministry, department, agency, province or public organisation."""

    code = models.CharField(max_length=20, unique=True)
    name_th = models.CharField(max_length=255)
    name_en = models.CharField(max_length=255, blank=True)
    abbr_th = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, db_index=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    region = models.CharField(max_length=20, blank=True)
    geocode = models.CharField(max_length=10, blank=True, help_text="รหัสจังหวัด (geothai)")
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return self.name_th

    @property
    def kind_en(self) -> str:
        return KIND_EN.get(self.kind, self.kind)

    @property
    def is_province(self) -> bool:
        return self.kind == OrganisationKind.PROVINCE


class Person(models.Model):
    """A user's place in the system: one organisation and one role."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    role = models.CharField(max_length=30, choices=Role.choices)
    full_name_th = models.CharField(max_length=200)
    position_th = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__code", "role"]

    def __str__(self) -> str:
        return f"{self.full_name_th} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A bearer token for batch clients; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user: object, name: str) -> tuple[ApiToken, str]:
        key = "gk_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=cls.hash_key(key))
        return token, key
