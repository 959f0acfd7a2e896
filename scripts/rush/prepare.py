"""Make a generated world ready for the deadline rush and write who reports what.

The last fiscal year's 12-month rounds (agencies and provinces) are emptied of results and opened
today, every coordinator (`coord.<code>`) gets an API token, and `users.json` lists for each one the
token and the KPIs to report. Run with DATABASE_URL pointing at the rush database:

    python scripts/rush/prepare.py var/rush/users.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N coordinators (0: every one)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from govkpi.frameworks.models import Round
    from govkpi.kpis.models import Kpi
    from govkpi.organisations.models import ApiToken, Person
    from govkpi.results.models import Result

    last = Round.objects.order_by("-framework__fiscal_year__year").values_list(
        "framework__fiscal_year__year", flat=True
    )
    year = last.first()
    if year is None:
        raise SystemExit("no rounds: run `govkpi generate --scale 1` first")
    today = timezone.localdate()
    with transaction.atomic():
        rounds = list(Round.objects.filter(framework__fiscal_year__year=year, months=12))
        Result.objects.filter(round__in=rounds).delete()
        Result.history.filter(round__in=rounds).delete()  # type: ignore[attr-defined]
        Round.objects.filter(pk__in=[r.pk for r in rounds]).update(
            opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=30)
        )
        ApiToken.objects.filter(name="rush").delete()
        users = []
        coordinators = Person.objects.filter(role="coordinator", user__username__startswith="coord.").select_related(
            "user"
        )
        for person in coordinators.order_by("organisation__code")[: args.limit or None]:
            kpis = list(
                Kpi.objects.filter(
                    framework__in=[r.framework_id for r in rounds], organisation_id=person.organisation_id
                )
                .order_by("order")
                .values_list("pk", flat=True)
            )
            if not kpis:
                continue
            _, key = ApiToken.issue(user=person.user, name="rush")
            users.append({"username": person.user.username, "token": key, "months": 12, "kpis": kpis})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(users))
    print(json.dumps({"year": year, "coordinators": len(users), "kpis": sum(len(u["kpis"]) for u in users)}))


if __name__ == "__main__":
    main()
