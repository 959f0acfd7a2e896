"""Organisations evaluated, and the people who work in the system for them."""

from __future__ import annotations

import datetime as dt
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
    """A bearer token for batch clients; only its hash is stored.

    A token works until it expires or is revoked, only while its owner's account is active and
    their password is the one it was issued under (`password_stamp`), and a read-only token only
    for GET/HEAD. The rules live in `organisations.tokens`; the key is shown once, at issue."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    #: the key's first characters, so its owner can tell their tokens apart (not enough to use it)
    prefix = models.CharField(max_length=12, blank=True)
    read_only = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: a digest of the owner's password hash when the token was issued: a new password ends the token
    password_stamp = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def stamp_of(user: object) -> str:
        return hashlib.sha256(str(getattr(user, "password", "")).encode()).hexdigest()

    @classmethod
    def issue(
        cls, *, user: object, name: str, expires_at: dt.datetime | None = None, read_only: bool = False
    ) -> tuple[ApiToken, str]:
        """A new token and its key (the only time the key exists outside its holder's hands).
        Callers go through `organisations.tokens.api_token_create`, which sets the expiry."""
        key = "gk_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            key_hash=cls.hash_key(key),
            prefix=key[:8],
            read_only=read_only,
            expires_at=expires_at,
            password_stamp=cls.stamp_of(user),
        )
        return token, key
