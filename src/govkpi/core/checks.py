"""System checks that refuse an unsafe production configuration (healthchecks' pattern): every
command that runs checks (runserver, migrate, check --deploy) stops with the message."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def secret_key_is_real(**_: Any) -> list[CheckMessage]:
    if getattr(settings, "SECRET_KEY_MISSING", False):
        return [Error(settings.SECRET_KEY_MESSAGE, id="govkpi.E001")]
    return []
