"""How long rescoring a whole fiscal year takes after a framework change.

Inside one transaction that is rolled back at the end (the database is left as it was), this
reports a result for every KPI in force of every organisation in both rounds of a framework, scores
it all once, then changes the framework (the middle level of the ladder from 75 to 70 points, as
some years had) and times `rescore` over the whole year: every result's points, weighted score
and explanation rewritten, every organisation's total and band.

Run against a database with the demo loaded (`make run` once, or `govkpi migrate && govkpi loaddemo`):
    .venv/bin/python benchmarks/bench_rescore.py [--year 2566 --group provinces]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from decimal import Decimal


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", type=int, default=2566)
    parser.add_argument("--group", default="provinces")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from govkpi.frameworks.models import Framework
    from govkpi.results.models import Result
    from govkpi.scorecards.build import build_scorecards
    from govkpi.scorecards.services import rescore_report

    framework = Framework.objects.get(fiscal_year__year=args.year, group=args.group)
    rng = random.Random(args.year)
    try:
        with transaction.atomic():
            cards = build_scorecards(framework)
            rows = []
            Result.objects.filter(kpi__framework=framework).delete()  # start from none (rolled back)
            for card in cards:
                for line in card.lines:
                    targets = line.input.targets
                    low, high = min(targets), max(targets)
                    span = (high - low) or Decimal(1)
                    value = (low - span / 2 + span * 2 * Decimal(rng.random())).quantize(Decimal("0.01"))
                    version = line.version or line.kpi.versions.order_by("-number").first()
                    if version is None:
                        continue
                    rows.append(
                        Result(
                            kpi=line.kpi,
                            round=card.round,
                            version=version,
                            organisation=card.organisation,
                            value=value,
                        )
                    )
            Result.objects.bulk_create(rows, batch_size=1000)
            first = rescore_report(framework)
            level = framework.target_levels.get(order=2)
            level.points = Decimal(70)
            level.save()
            started = time.perf_counter()
            if os.environ.get("PROFILE"):
                import cProfile

                cProfile.runctx("rescore_report(framework)", globals(), locals(), sort="cumtime")
                raise Rollback
            report = rescore_report(framework)
            elapsed = time.perf_counter() - started
            print(f"{framework.name_th} ({connection.vendor})")
            print(f"  {len(rows)} results in {len(cards)} scorecards; first scoring wrote {first.scored} totals")
            print(
                f"  after the framework change: {report.results_updated} results and {report.scored} totals "
                f"rescored in {elapsed:.2f} s ({report.results_updated / elapsed:,.0f} results/s)"
            )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
