"""`govkpi token create USERNAME NAME`: issue an API bearer token for a batch client."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.organisations.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token (printed once; only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("name", nargs="?", default="batch")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = get_user_model().objects.get(username=options["username"])
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"ไม่พบผู้ใช้ / no such user: {options['username']}") from exc
        _, key = ApiToken.issue(user=user, name=options["name"])
        self.stdout.write(key)
