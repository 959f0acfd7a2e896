"""`govkpi report committee-summary|meeting-pack`: build report files inline (no background job).

    govkpi report committee-summary --year 2565 --group agencies --format json|xlsx|pdf [--output FILE]
    govkpi report meeting-pack --meeting PK --output FILE.pdf

JSON goes to standard output when no --output is given. Unknown year, group or meeting: a clear
message on standard error and exit status 2. By default the command sees everything (it runs on
the server, as OPDC); `--as USERNAME` builds the report as that person may see it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.organisations.access import Viewer, viewer_for
from govkpi.reports.documents import FORMATS, summary_document
from govkpi.reports.meeting_pack import meeting_pack, meeting_pack_pdf
from govkpi.reports.summary import committee_summary

#: The command line runs on the server with OPDC's view of the data.
SYSTEM_VIEWER = Viewer(user_id=0, username="govkpi", is_superuser=True)


class Command(BaseCommand):
    help = "Build the committee summary (json/xlsx/pdf) or a meeting pack (pdf) from the data."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="report", required=True)
        summary = sub.add_parser("committee-summary", help="สรุปสำหรับคณะกรรมการ of a fiscal year and group")
        summary.add_argument("--year", type=int, required=True, help="fiscal year, Buddhist era (2565)")
        summary.add_argument("--group", default="agencies", help="agencies or provinces")
        summary.add_argument("--format", default="json", choices=FORMATS)
        summary.add_argument("--output", "-o", default="", help="file to write (json: standard output if omitted)")
        summary.add_argument("--as", dest="as_user", default="", help="build as this user may see it")
        pack = sub.add_parser("meeting-pack", help="เอกสารประกอบการประชุม (PDF) of one meeting")
        pack.add_argument("--meeting", type=int, required=True, help="meeting id")
        pack.add_argument("--output", "-o", required=True, help="PDF file to write")
        pack.add_argument("--as", dest="as_user", default="", help="build as this user may see it")

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)

    def viewer(self, username: str) -> Viewer:
        if not username:
            return SYSTEM_VIEWER
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            self.fail(f"ไม่พบผู้ใช้ {username} / No such user: {username}")
        return viewer_for(user)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        viewer = self.viewer(options["as_user"])
        try:
            if options["report"] == "committee-summary":
                summary = committee_summary(viewer=viewer, year=options["year"], group=options["group"])
                document = summary_document(summary, options["format"])
                content, output = document.content, options["output"]
                if not output:
                    if options["format"] != "json":
                        self.fail("ระบุ --output สำหรับไฟล์ xlsx หรือ pdf / --output is required for xlsx and pdf")
                    self.stdout.write(content.decode())
                    return
            else:
                content = meeting_pack_pdf(meeting_pack(viewer=viewer, meeting_id=options["meeting"]))
                output = options["output"]
        except ServiceError as exc:
            self.fail(str(exc))
            return
        Path(output).write_bytes(content)
        elapsed = time.perf_counter() - started
        self.stderr.write(f"เขียน {output} ({len(content):,} ไบต์, {elapsed:.2f} วินาที)")
