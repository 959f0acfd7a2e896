"""Stored scores: how long `govkpi scores verify` takes, and rescoring what one verification changes.

    DATABASE_URL=... .venv/bin/python benchmarks/bench_scores.py [--year 2565] [--group agencies] [--repeat 5]

1. `scores verify` over every framework (or --year/--group): every stored score recomputed and
   compared, nothing written; prints the time, scorecards checked and differences (must be 0).
2. One verification's rescoring: inside a transaction that is rolled back, the desk verifies a
   result (its state set to verified as `result_verify` does) and `score_inputs_changed` is sent
   for that organisation and round, exactly as the service sends it; the time of the signal
   (the rescoring of that one scorecard) is reported, median and max over --repeat results.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", type=int)
    parser.add_argument("--group")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from govkpi.core.signals import announce_score_inputs_changed
    from govkpi.frameworks.models import Framework
    from govkpi.results.models import Result, ResultState
    from govkpi.scorecards.verify import scores_verify

    frameworks = Framework.objects.select_related("fiscal_year").order_by("fiscal_year__year", "group")
    if args.year:
        frameworks = frameworks.filter(fiscal_year__year=args.year)
    if args.group:
        frameworks = frameworks.filter(group=args.group)
    started = time.perf_counter()
    checked, differences = scores_verify(frameworks)
    print(
        f"{connection.vendor}: scores verify: {checked} scorecards, {len(differences)} differences, "
        f"{time.perf_counter() - started:.2f} s"
    )

    candidates = list(
        Result.objects.filter(round__framework__in=frameworks, state=ResultState.ENDORSED).order_by("pk")[: args.repeat]
    ) or list(Result.objects.filter(round__framework__in=frameworks).order_by("pk")[: args.repeat])
    timings = []
    for result in candidates:
        try:
            with transaction.atomic():
                Result.objects.filter(pk=result.pk).update(state=ResultState.VERIFIED)
                started = time.perf_counter()
                announce_score_inputs_changed(
                    framework_id=Result.objects.values_list("round__framework_id", flat=True).get(pk=result.pk),
                    organisation_ids=[result.organisation_id],
                    round_id=result.round_id,
                )
                timings.append(time.perf_counter() - started)
                raise Rollback
        except Rollback:
            pass
    if timings:
        print(
            f"{connection.vendor}: rescoring one verification: median {statistics.median(timings) * 1000:.0f} ms, "
            f"max {max(timings) * 1000:.0f} ms over {len(timings)} results"
        )


if __name__ == "__main__":
    main()
