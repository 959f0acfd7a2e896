"""`govkpi committees ...`: meetings, recommendations and change requests as tab-separated lines,
and recording a resolution from a script (the secretary's batch work after a meeting).

    govkpi committees meetings --as committee.secretary [--year 2565]
    govkpi committees change-requests --as committee.secretary [--year 2565] [--state submitted]
    govkpi committees recommendations --as mof.coord [--open]
    govkpi committees resolve AGENDA_ITEM_ID approve --as committee.secretary --text "เห็นชอบ"
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.core.thaidates import format_date
from govkpi.kpis import changes
from govkpi.organisations.access import viewer_for
from govkpi.reviews import selectors, services


class Command(BaseCommand):
    help = "List meetings, change requests and recommendations; record a resolution."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["meetings", "change-requests", "recommendations", "resolve"])
        parser.add_argument("item", nargs="?", type=int, help="agenda item id (resolve)")
        parser.add_argument("decision", nargs="?", choices=["approve", "acknowledge", "comment", "reject"])
        parser.add_argument("--as", dest="username", required=True, help="the user whose rights apply")
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--state", default="")
        parser.add_argument("--open", action="store_true", help="unanswered recommendations only")
        parser.add_argument("--text", default="", help="the resolution text (resolve)")

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"ไม่พบผู้ใช้ / no such user: {options['username']}")
        viewer = viewer_for(user)
        action = options["action"]
        if action == "meetings":
            for m in selectors.meeting_list(viewer=viewer, year_be=options["year"]):
                self.stdout.write(
                    "\t".join(
                        [str(m.pk), m.committee.code, m.number_label, format_date(m.held_on), m.get_mode_display()]
                    )
                )
        elif action == "change-requests":
            for cr in changes.change_request_list(viewer=viewer, year=options["year"], state=options["state"]):
                self.stdout.write(
                    "\t".join(
                        [
                            str(cr.pk),
                            cr.organisation.code,
                            cr.level,
                            cr.kpi.code if cr.kpi else "-",
                            cr.kind,
                            f"{cr.round.months}",
                            cr.state,
                        ]
                    )
                )
        elif action == "recommendations":
            for r in selectors.recommendation_list(viewer=viewer, open_only=options["open"]):
                answered = "answered" if r.answered_at else "open"
                self.stdout.write(
                    "\t".join([str(r.pk), r.organisation.code, r.meeting.number_label, answered, r.text_th])
                )
        else:
            if options["item"] is None or options["decision"] is None:
                raise CommandError("ระบุ AGENDA_ITEM_ID และมติ / give the agenda item id and the decision")
            try:
                item = selectors.agenda_item_get(viewer=viewer, pk=options["item"])
                resolution = services.resolution_record(
                    by=user,
                    agenda_item=item,
                    decision=options["decision"],
                    text_th=options["text"],
                )
            except ServiceError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"มติ{resolution.get_decision_display()} · {item.meeting} วาระที่ {item.order}")
