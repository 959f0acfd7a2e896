"""`govkpi forecast --year 2566 --round 6 [--group agencies] [--json]`: each organisation's forecast
year-end total and band from its 6- or 9-month results; `govkpi forecast calibrate --year 2565`:
how the 6- and 9-month forecasts of a finished year fared (docs/forecast.md)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govkpi.core.errors import ServiceError
from govkpi.organisations.access import Viewer
from govkpi.organisations.choices import Role
from govkpi.scorecards.forecast import calibration_document, calibration_for, forecast_document, forecasts_for

#: The batch acts as OPDC sees: every organisation.
OPDC = Viewer(user_id=0, username="govkpi forecast", role=Role.OPDC_ADMIN)


class Command(BaseCommand):
    help = "คาดการณ์คะแนนและระดับสิ้นปีจากผลรอบ 6/9 เดือน และวัดความแม่นยำ / Year-end forecasts and calibration."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", nargs="?", default="forecast", choices=["forecast", "calibrate"])
        parser.add_argument("--year", type=int, required=True, help="fiscal year, พ.ศ. (e.g. 2566)")
        parser.add_argument("--round", type=int, dest="months", default=6, help="6 or 9 (forecast)")
        parser.add_argument("--group", default="", choices=["", "agencies", "provinces"])
        parser.add_argument("--json", action="store_true", help="JSON instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "calibrate":
                document: Any = calibration_document(
                    calibration_for(viewer=OPDC, year=options["year"], group=options["group"])
                )
            else:
                forecasts = forecasts_for(
                    viewer=OPDC, year=options["year"], months=options["months"], group=options["group"]
                )
                document = forecast_document(forecasts)
        except ServiceError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=1, default=str))
        elif options["action"] == "calibrate":
            for row in document:
                self.stdout.write(
                    f"{row['year']} {row['group']} {row['months']} เดือน: {row['organisations']} หน่วยงาน "
                    f"ระดับถูก {_percent(row['band_share'])} อยู่ในช่วง {_percent(row['coverage'])} "
                    f"คลาดเฉลี่ย {row['mean_absolute_error']} คะแนน"
                )
        else:
            for row in document:
                mark = "!" if row["at_risk"] else " "
                self.stdout.write(
                    f"{mark} {row['organisation']:<10} {row['total']:>6} ({row['low']}–{row['high']}) "
                    f"{row['band'] or '–'} [{_percent(row['band_share'])}]"
                )


def _percent(value: object) -> str:
    return "–" if value is None else f"{Decimal(str(value)) * 100:.1f}%"
