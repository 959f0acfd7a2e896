"""`govkpi people list|create|deactivate|reactivate|import`: people's accounts from the command line.

`--as USER` acts as that person (an organisation's user administrator manages only its own staff);
without it the operator at the server acts with OPDC administrator's rights (history records no
user). The rules are `organisations.access`; the writes `organisations.people` and `people_excel`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.organisations import people, selectors
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.organisations.choices import Role
from govkpi.organisations.people_excel import people_import


class Command(BaseCommand):
    help = "People's accounts: list, create, deactivate, reactivate, import FILE.xlsx (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="as_user", default="", help="act as this user (default: the operator)")
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help="accounts, one a line (tab-separated)")
        listing.add_argument("--organisation", default="", help="an organisation's code")
        listing.add_argument("--role", default="", choices=["", *Role.values])
        listing.add_argument("--inactive", action="store_true", help="only deactivated accounts")
        create = actions.add_parser("create", help="a new account bound to an organisation and role")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="full name (Thai)")
        create.add_argument("--organisation", required=True, help="an organisation's code (CDD, P24)")
        create.add_argument("--role", required=True, choices=Role.values)
        create.add_argument("--email", default="")
        create.add_argument("--position", default="")
        create.add_argument(
            "--password", default="", help="initial password; without it a set-password link is printed and e-mailed"
        )
        deactivate = actions.add_parser("deactivate", help="the account can no longer log in or use its tokens")
        deactivate.add_argument("username")
        deactivate.add_argument("--reason", default="")
        reactivate = actions.add_parser("reactivate", help="the account may log in again")
        reactivate.add_argument("username")
        imports = actions.add_parser("import", help="many accounts from the Excel template, all or nothing")
        imports.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        viewer = self._viewer(options["as_user"])
        try:
            getattr(self, f"_{options['action']}")(viewer, options)
        except ServiceError as error:
            lines = [str(error)] + [f"  {p.get('message', '')}" for p in error.problems[:200]]
            raise CommandError("\n".join(lines)) from error

    def _viewer(self, username: str) -> Viewer:
        if not username:
            return people.OPERATOR
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"ไม่พบผู้ใช้ {username} / no active user {username}")
        return viewer_for(user)

    def _list(self, viewer: Viewer, options: dict[str, Any]) -> None:
        qs = selectors.people_list(
            viewer=viewer,
            organisation=options["organisation"],
            role=options["role"],
            active=False if options["inactive"] else None,
        )
        self.stdout.write("username\tfull name\torganisation\trole\temail\tstate")
        for p in qs:
            state = "active" if p.user.is_active else "inactive"
            self.stdout.write(
                f"{p.user.username}\t{p.full_name_th}\t{p.organisation.code}\t{p.role}\t{p.user.email}\t{state}"
            )

    def _create(self, viewer: Viewer, options: dict[str, Any]) -> None:
        done = people.person_create(
            viewer=viewer,
            username=options["username"],
            full_name_th=options["name"],
            organisation_code=options["organisation"],
            role=options["role"],
            email=options["email"],
            position_th=options["position"],
            password=options["password"],
        )
        self.stdout.write(f"สร้างบัญชี {done.person.user.username} แล้ว / account {done.person.user.username} created")
        if done.set_password_path:
            site = str(settings.GOVKPI_SITE_URL).rstrip("/")
            self.stdout.write(f"ลิงก์ตั้งรหัสผ่าน / set-password link (once): {site}{done.set_password_path}")

    def _deactivate(self, viewer: Viewer, options: dict[str, Any]) -> None:
        person = people.person_deactivate(viewer=viewer, username=options["username"], reason=options["reason"])
        self.stdout.write(f"ระงับบัญชี {person.user.username} แล้ว / {person.user.username} deactivated")

    def _reactivate(self, viewer: Viewer, options: dict[str, Any]) -> None:
        person = people.person_reactivate(viewer=viewer, username=options["username"])
        self.stdout.write(f"เปิดใช้บัญชี {person.user.username} แล้ว / {person.user.username} reactivated")

    def _import(self, viewer: Viewer, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ {path} / no such file {path}")
        summary = people_import(viewer=viewer, data=path.read_bytes())
        self.stdout.write(f"{summary.message_th} / {summary.message_en}")
