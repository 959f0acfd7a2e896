"""`govkpi generate` builds the same consistent synthetic world from the same seed, in its own database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

CHECK = """
import django, hashlib, json; django.setup()
from govkpi.frameworks.models import Framework
from govkpi.results.models import Evidence, OrganisationScore, Result
from govkpi.kpis.models import KpiVersion
from govkpi.core.models import WorkflowEvent
from govkpi.scorecards.services import rescore_report
def digest(qs, *fields):
    return hashlib.sha256(repr(list(qs.order_by(*fields).values_list(*fields))).encode()).hexdigest()
scores = digest(OrganisationScore.objects.all(), "organisation__code", "round__framework__fiscal_year__year",
                "round__months", "total", "band", "components")
data = {
    "results": digest(Result.objects.all(), "kpi__code", "round__months", "version__number", "value", "points",
                      "weighted", "explanation", "approved_at"),
    "evidence": digest(Evidence.objects.all(), "result__kpi__code", "original_name", "size", "sha256"),
    "versions": digest(KpiVersion.objects.all(), "kpi__code", "number", "targets", "effective_from__months"),
    "events": WorkflowEvent.objects.count(),
    "scores": scores,
}
updated = sum(rescore_report(f).results_updated for f in Framework.objects.all())
data["updated_by_rescore"] = updated
data["scores_after_rescore"] = digest(OrganisationScore.objects.all(), "organisation__code",
    "round__framework__fiscal_year__year", "round__months", "total", "band", "components")
data["bands"] = sorted(set(OrganisationScore.objects.values_list("band", flat=True)))
data["published"] = sorted(Framework.objects.filter(published_at__isnull=False).values_list("fiscal_year__year", flat=True))
print(json.dumps(data))
"""


World = tuple[dict[str, Any], dict[str, Any]]


@pytest.fixture
def world(new_world: Callable[..., tuple[Path, str]], run_in: Callable[[Path, str], str]) -> Callable[[int], World]:
    def build(seed: int) -> World:
        path, out = new_world("--scale", "1", "--years", "2", "--seed", str(seed))
        return json.loads(out), json.loads(run_in(path, CHECK))

    return build


def test_the_same_seed_builds_the_same_scored_world(world: Callable[[int], World]) -> None:
    counts, first = world(7)
    _, again = world(7)

    rows = counts["rows"]
    assert rows["organisations.Organisation"] == 320
    assert rows["kpis.Kpi"] == 2 * 320 * 7
    assert rows["kpis.KpiVersion"] > rows["kpis.Kpi"]  # some KPIs changed mid-year
    assert rows["results.Evidence"] > 0
    assert first == again
    # Scores were stored exactly as the application's rescoring stores them.
    assert first["updated_by_rescore"] == 0
    assert first["scores_after_rescore"] == first["scores"]
    assert len(first["bands"]) >= 2
    assert first["published"] == [2565, 2565]  # every year but the last, both groups


def test_another_seed_builds_another_world(world: Callable[[int], World]) -> None:
    _, first = world(7)
    _, other = world(8)

    assert first["results"] != other["results"]


def test_it_refuses_a_database_that_already_holds_a_world(db: None) -> None:
    with pytest.raises(CommandError, match="not empty"):
        call_command("generate", "--scale", "1", verbosity=0)


def test_it_refuses_a_scale_of_zero(db: None) -> None:
    with pytest.raises(CommandError, match="scale"):
        call_command("generate", "--scale", "0", verbosity=0)
