"""`govkpi token create|list|revoke`: API bearer tokens from the command line (an operator's tool:
it may act for any user). The rules are `organisations.tokens`, shared with the web and the API."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.core.thaidates import format_datetime
from govkpi.organisations.access import PUBLIC
from govkpi.organisations.models import ApiToken
from govkpi.organisations.tokens import api_token_create, api_token_is_active, api_token_revoke, api_tokens_of_user


def _when(value: Any) -> str:
    return format_datetime(value) if value else "-"


class Command(BaseCommand):
    help = "API tokens: create (the key is printed once; only its hash is stored), list, revoke."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="issue a token for USERNAME")
        create.add_argument("username")
        create.add_argument("name", nargs="?", default="batch")
        create.add_argument("--days", type=int, default=None, help="life in days (default API_TOKEN_DEFAULT_DAYS)")
        create.add_argument("--read-only", action="store_true", help="the token may only read")
        listing = actions.add_parser("list", help="a user's tokens (all users without USERNAME)")
        listing.add_argument("username", nargs="?")
        revoke = actions.add_parser("revoke", help="end a token at once")
        revoke.add_argument("token_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except ServiceError as error:
            raise CommandError(str(error)) from error

    def _create(self, options: dict[str, Any]) -> None:
        _, key = api_token_create(
            viewer=PUBLIC,
            username=options["username"],
            name=options["name"],
            days=options["days"],
            read_only=options["read_only"],
        )
        self.stdout.write(key)

    def _list(self, options: dict[str, Any]) -> None:
        username = options.get("username")
        tokens = api_tokens_of_user(username=username) if username else ApiToken.objects.select_related("user")
        self.stdout.write("id\tuser\tname\tprefix\taccess\tcreated\texpires\tlast used\tstate")
        for t in tokens.order_by("pk"):
            state = "active" if api_token_is_active(t) else ("revoked" if t.revoked_at else "expired")
            access = "read-only" if t.read_only else "read-write"
            self.stdout.write(
                f"{t.pk}\t{t.user.get_username()}\t{t.name}\t{t.prefix}…\t{access}\t{_when(t.created_at)}"
                f"\t{_when(t.expires_at)}\t{_when(t.last_used_at)}\t{state}"
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        token = api_token_revoke(viewer=PUBLIC, token_id=options["token_id"], trusted=True)
        self.stdout.write(f"ยกเลิกโทเค็น {token.pk} ({token.name}) แล้ว / token {token.pk} revoked")
