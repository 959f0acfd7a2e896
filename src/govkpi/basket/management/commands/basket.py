"""`govkpi basket export FILE.xlsx` / `govkpi basket import FILE.xlsx`: the KPI Basket as Excel.

The import is all or nothing; on any problem it prints one line per row and column on stderr
and exits with status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.basket.excel import basket_export_xlsx, basket_import
from govkpi.core.errors import ServiceError


class Command(BaseCommand):
    help = "Export the KPI Basket to Excel, or import (create/update by code, all or nothing) from it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["export", "import"])
        parser.add_argument("file", help="the .xlsx file to write or read")
        parser.add_argument(
            "--as",
            dest="username",
            default="",
            help="import as this user (checked as OPDC, recorded in the history); default: the system",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if options["action"] == "export":
            data = basket_export_xlsx()
            path.write_bytes(data)
            self.stdout.write(f"ส่งออก KPI Basket ไปที่ {path} แล้ว ({len(data):,} ไบต์)")
            return
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ / no such file: {path}")
        user = None
        if options["username"]:
            user = get_user_model().objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"ไม่พบผู้ใช้ / no such user: {options['username']}")
        try:
            summary = basket_import(by=user, data=path.read_bytes())
        except ServiceError as exc:
            self.stderr.write(exc.message_th)
            for problem in exc.problems:
                self.stderr.write(str(problem.get("message", "")))
            sys.exit(2)
        self.stdout.write(summary.message_th)
