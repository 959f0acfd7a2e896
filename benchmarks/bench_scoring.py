"""How fast the scoring engine scores: 100,000 KPIs as 20,000 five-KPI scorecards, then one
pass of `score_kpi` over 100,000 KPIs, then the same scorecards written as result documents.

Run: .venv/bin/python benchmarks/bench_scoring.py [--scorecards N]
The data are random but seeded, so runs compare like with like.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from decimal import Decimal

from govkpi.scoring import (
    DEFAULT_FRAMEWORK,
    KpiInput,
    Scorecard,
    ScoreResult,
    result_to_document,
    score,
    score_kpi,
)

# Five KPIs as in most organisations' scorecards: Performance 20/25/25, Potential 15/15.
SLOTS = (("performance", 20), ("performance", 25), ("performance", 25), ("potential", 15), ("potential", 15))


def make_kpi(rng: random.Random, code: str, component: str, weight: int) -> KpiInput:
    base = rng.randint(10, 1000)
    step = rng.randint(1, 50)
    targets = (Decimal(base), Decimal(base + step), Decimal(base + 2 * step))
    lower_is_better = rng.random() < 0.2
    if lower_is_better:
        targets = targets[::-1]
    # Results anywhere from well short of the lowest target to beyond the top, a few missing.
    result = None if rng.random() < 0.03 else Decimal(rng.randint((base - step) * 100, (base + 3 * step) * 100)) / 100
    return KpiInput(
        code=code,
        component=component,
        weight=Decimal(weight),
        targets=targets,
        result=result,
        direction="lower_is_better" if lower_is_better else "higher_is_better",
    )


def make_scorecards(count: int, seed: int = 2564) -> list[Scorecard]:
    rng = random.Random(seed)
    return [
        Scorecard(
            DEFAULT_FRAMEWORK,
            tuple(make_kpi(rng, f"S{n}K{i}", component, weight) for i, (component, weight) in enumerate(SLOTS)),
        )
        for n in range(count)
    ]


def timed(label: str, units: int, unit: str, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    elapsed = time.perf_counter() - start
    rate = units / elapsed
    print(f"{label:<44} {units:>8,} {unit:<11} {elapsed:7.3f} s  {rate:>10,.0f} {unit}/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scorecards", type=int, default=20_000)
    args = parser.parse_args()
    scorecards = make_scorecards(args.scorecards)
    kpis = [kpi for card in scorecards for kpi in card.kpis]
    results: list[ScoreResult] = []

    def score_all() -> None:
        results.extend(score(card) for card in scorecards)

    def score_each_kpi() -> None:
        for kpi in kpis:
            score_kpi(kpi, DEFAULT_FRAMEWORK)

    def documents() -> None:
        for result in results:
            result_to_document(result)

    print(f"govkpi.scoring benchmark: {len(scorecards):,} scorecards, {len(kpis):,} KPIs")
    rate = timed("score(): validate + score whole scorecards", len(scorecards), "scorecards", score_all)
    print(f"{'':<44} = {rate * len(SLOTS):>30,.0f} KPIs/s")
    timed("score_kpi(): one KPI at a time", len(kpis), "KPIs", score_each_kpi)
    timed("result_to_document(): with Thai + English text", len(results), "documents", documents)


if __name__ == "__main__":
    main()
