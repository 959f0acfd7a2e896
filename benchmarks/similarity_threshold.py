"""How the duplicate threshold behaves: Jaccard similarity of every pair of distinct agency Basket names.

Run: .venv/bin/python benchmarks/similarity_threshold.py  (on a database with the demo loaded)
"""

from __future__ import annotations

import os
from collections import Counter
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
django.setup()

from govkpi.basket.models import BasketKpi  # noqa: E402
from govkpi.dashboards.alignment import DUPLICATE_THRESHOLD, jaccard, words  # noqa: E402


def main() -> None:
    names = sorted(set(BasketKpi.objects.filter(group="agencies").values_list("name_th", flat=True)))
    segmented = [(name, words(name)) for name in names]
    bins: Counter[str] = Counter()
    hits = []
    for i, (a, wa) in enumerate(segmented):
        for b, wb in segmented[i + 1 :]:
            sim = jaccard(wa, wb)
            bins[
                "< 0.3" if sim < Decimal("0.3") else "< threshold" if sim < DUPLICATE_THRESHOLD else ">= threshold"
            ] += 1
            if sim >= DUPLICATE_THRESHOLD:
                hits.append((sim, a, b))
    total = sum(bins.values())
    print(f"{len(names)} names, {total} pairs, threshold {DUPLICATE_THRESHOLD}")
    for key in ("< 0.3", "< threshold", ">= threshold"):
        print(f"  {key:14} {bins[key]:6d} ({bins[key] * 100 / total:.2f}%)")
    for sim, a, b in sorted(hits, reverse=True):
        print(f"  {sim}  {a}  |  {b}")


if __name__ == "__main__":
    main()
