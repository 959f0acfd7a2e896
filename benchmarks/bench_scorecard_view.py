"""The internal scorecard: laying out the STORED scores (`scorecards.selectors.scorecard_view`, what
the page, its Excel and the API read) against scoring it live (`present.present`, the simulator).

    DATABASE_URL=... .venv/bin/python benchmarks/bench_scorecard_view.py [--year 2565] [--group agencies] [--repeat 5]

For every organisation's 12-month scorecard of the framework: the card is built once, then each
view is timed --repeat times; median and max per call are printed, with the number of stored views
that were not `scored` (should be 0 on a rescored world). Nothing is written.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", type=int, default=2565)
    parser.add_argument("--group", default="agencies")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
    import django

    django.setup()
    from govkpi.frameworks.models import Framework
    from govkpi.scorecards.build import build_scorecards
    from govkpi.scorecards.present import present
    from govkpi.scorecards.selectors import scorecard_view

    framework = Framework.objects.get(fiscal_year__year=args.year, group=args.group)
    cards = build_scorecards(framework, rounds=[framework.rounds.get(months=12)])
    stored: list[float] = []
    live: list[float] = []
    not_scored = 0
    for card in cards:
        for _ in range(args.repeat):
            started = time.perf_counter()
            view = scorecard_view(card)
            stored.append(time.perf_counter() - started)
            started = time.perf_counter()
            present(card)
            live.append(time.perf_counter() - started)
        not_scored += view.status != "scored" and card.has_scored_results

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.2f} ms, max {max(values) * 1000:.2f} ms"

    print(f"{len(cards)} scorecards of {args.year}/{args.group}, 12 months, {args.repeat} each")
    print(f"stored (page, Excel, API): {ms(stored)}; not scored though results count: {not_scored}")
    print(f"live (simulator):          {ms(live)}")


if __name__ == "__main__":
    main()
