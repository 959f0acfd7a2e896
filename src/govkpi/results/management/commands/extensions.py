"""`govkpi extensions list [--state pending]` · `govkpi extensions grant ID --as USER [--until 31/1/2570]
[--note ...]` · `govkpi extensions refuse ID --as USER --note ...`: OPDC decides extension requests."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.core.thaidates import format_date, parse_thai_date
from govkpi.frameworks import selectors
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.results import extension_requests as service


class Command(BaseCommand):
    help = "List extension requests, or grant or refuse one as an OPDC user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list", "grant", "refuse"])
        parser.add_argument("id", nargs="?", type=int, help="the request's id (grant, refuse)")
        parser.add_argument("--as", dest="username", default="", help="the OPDC user deciding (list: whose view)")
        parser.add_argument("--state", default="", help="list only: pending, granted or refused")
        parser.add_argument("--until", default="", help="grant only: another date than the one requested")
        parser.add_argument("--note", default="", help="the note the organisation reads (required to refuse)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options["username"]:
            user = get_user_model().objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"ไม่พบผู้ใช้ / no such user: {options['username']}")
        # Without --as, `list` is the operator's view of everything (a superuser-like viewer).
        viewer = viewer_for(user) if user else Viewer(user_id=0, username="operator", is_superuser=True)
        try:
            if options["action"] == "list":
                for req in selectors.extension_request_list(viewer, state=options["state"]):
                    deadline = service.current_deadline(req)
                    self.stdout.write(
                        f"{req.pk}\t{req.state}\t{req.organisation.code}\t{req.framework.fiscal_year.year}"
                        f"\t{req.round.months if req.round else 'proposal'}\t{format_date(deadline)}"
                        f" → {format_date(req.requested_deadline)}\t{req.reason}"
                    )
                return
            if not options["id"] or user is None:
                raise CommandError("ต้องระบุ ID และ --as / the request id and --as are required")
            req = selectors.extension_request_get(viewer, options["id"])
            if options["action"] == "grant":
                until = parse_thai_date(options["until"]) if options["until"] else None
                req = service.extension_request_grant(
                    viewer=viewer, user=user, req=req, new_deadline=until, note=options["note"]
                )
                self.stdout.write(f"อนุมัติคำขอ {req.pk} แล้ว: ขยายถึง {format_date(req.extension.new_deadline)}")  # type: ignore[union-attr]
            else:
                service.extension_request_refuse(viewer=viewer, user=user, req=req, note=options["note"])
                self.stdout.write(f"ไม่อนุมัติคำขอ {req.pk} แล้ว")
        except ServiceError as exc:
            raise CommandError(f"{exc.message_th} / {exc.message_en}") from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
