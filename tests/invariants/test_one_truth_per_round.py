"""One truth per round, as a machine that cannot be fooled: random sequences of real service calls
by random roles over the demo's FY2565 agencies, with the promises checked after every step.

The steps are what people do to a published year: report, submit, endorse, verify (accept, return,
another value), approve, unlock, change requests (a new target, a removal), appeals, publish and
amend. Any role may try any step; the services refuse what that role may not do, and a refusal
must change nothing. After each step:
- every logged-out surface (portal page, both public APIs, open data CSV/JSON, scorecard redirects,
  map data) equals the latest snapshot exactly;
- every stored score equals a fresh computation (`govkpi scores verify` finds nothing);
- the weights of the KPIs in force in every round add up to the framework's components;
- nobody but OPDC's administrator published anything.

CI runs a bounded number of examples (GOVKPI_STATEFUL_EXAMPLES, default 12 of up to 8 steps);
run it longer locally with e.g. GOVKPI_STATEFUL_EXAMPLES=300 GOVKPI_STATEFUL_STEPS=20.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from govkpi.core.errors import ServiceError
from govkpi.frameworks.models import Framework
from govkpi.kpis import changes
from govkpi.kpis.selectors import kpis_in_round
from govkpi.organisations.access import viewer_for
from govkpi.organisations.choices import Role
from govkpi.organisations.models import Organisation
from govkpi.publication import selectors as snapshots
from govkpi.publication.models import Publication
from govkpi.publication.selectors import round_to_publish
from govkpi.publication.services import publication_amend, publication_publish
from govkpi.results import appeals
from govkpi.results import services as results
from govkpi.results.models import Appeal, Result
from govkpi.scorecards.verify import scores_verify

pytestmark = pytest.mark.django_db

YEAR, GROUP = 2565, "agencies"
ORGANISATIONS = ["MOF", "BB"]  # MOF has a coordinator and an executive; BB is reached by OPDC only
PEOPLE = [
    "opdc.admin",
    "opdc.desk1",
    "mof.coord",
    "mof.exec",
    "cdd.coord",
    "cdd.exec",
    "committee.secretary",
    "moi.reviewer",
]
EXAMPLES = int(os.environ.get("GOVKPI_STATEFUL_EXAMPLES", "12"))
STEPS = int(os.environ.get("GOVKPI_STATEFUL_STEPS", "8"))

#: what each step did, over the whole run ("verify:done", "verify:refused"): printed with -s
OUTCOMES: Counter[str] = Counter()

people = st.sampled_from(PEOPLE)
organisations = st.sampled_from(ORGANISATIONS)
kpi_picks = st.integers(min_value=0, max_value=20)
values = st.decimals(min_value=0, max_value=200, places=2, allow_nan=False, allow_infinity=False)


def framework() -> Framework:
    return Framework.objects.select_related("fiscal_year").get(fiscal_year__year=YEAR, group=GROUP)


def result_of(code: str, pick: int) -> Result:
    rows = list(
        Result.objects.filter(organisation__code=code, round__framework=framework(), round__months=12)
        .select_related("kpi", "round__framework", "organisation", "version")
        .order_by("kpi__code")
    )
    return rows[pick % len(rows)]


def acting(username: str) -> tuple[Any, Any]:
    user = get_user_model().objects.get(username=username)
    return user, viewer_for(user)


def public_surfaces(code: str) -> dict[str, Any]:
    """What each logged-out surface shows of one organisation and of the whole year."""
    client = Client()
    y, g = YEAR, GROUP
    csv_text = client.get(f"/public/data/{y}/{g}/results.csv").content.decode("utf-8-sig")
    return {
        "card": client.get(f"/api/v1/public/{y}/{g}/{code}").json(),
        "scores": client.get(f"/api/v1/public/{y}/{g}/scores").json(),
        "results": client.get(f"/api/v1/public/{y}/{g}/results").json(),
        "csv": list(csv.DictReader(io.StringIO(csv_text))),
        "json_scores": json.loads(client.get(f"/public/data/{y}/{g}/scores.json").content)["rows"],
        "page": client.get(f"/public/{y}/{g}/{code}/").content.decode(),
        "scorecard_page": client.get(f"/scorecards/{code}/{y}/12/"),
        "scorecard_api": client.get(f"/api/v1/scoring/scorecards/{code}/{y}/12"),
    }


class OneTruthPerRound(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        # Each example starts from the demo world and leaves it as it found it.
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        cache.clear()
        self.framework = framework()
        self.publications = set(Publication.objects.filter(framework=self.framework).values_list("pk", flat=True))

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)
        cache.clear()

    def attempt(self, name: str, step: Any) -> None:
        try:
            with transaction.atomic():
                step()
        except ServiceError:
            OUTCOMES[f"{name}:refused"] += 1
        else:
            OUTCOMES[f"{name}:done"] += 1

    # ------------------------------------------------------------ steps

    @initialize(code=organisations, pick=kpi_picks)
    def a_correction_begins(self, code: str, pick: int) -> None:
        """OPDC reopens one published result, so every example walks the correction path too."""
        user, viewer = acting("opdc.desk1")
        self.attempt(
            "unlock",
            lambda: results.result_unlock(viewer=viewer, user=user, result=result_of(code, pick), reason="แก้ไขข้อมูล"),
        )

    @rule(who=people, code=organisations, pick=kpi_picks, value=values)
    def report(self, who: str, code: str, pick: int, value: Decimal) -> None:
        user, viewer = acting(who)
        r = result_of(code, pick)
        self.attempt(
            "report",
            lambda: results.result_save(
                viewer=viewer,
                user=user,
                kpi=r.kpi,
                round_=r.round,
                value=str(value),
                narrative_th="แก้ไขตามข้อเท็จจริง",
                lock_version=r.lock_version,
            ),
        )

    @rule(who=people, code=organisations, pick=kpi_picks)
    def submit(self, who: str, code: str, pick: int) -> None:
        user, viewer = acting(who)
        r = result_of(code, pick)
        self.attempt("submit", lambda: results.result_submit(viewer=viewer, user=user, result=r))

    @rule(who=people, code=organisations, pick=kpi_picks, approve=st.booleans())
    def endorse(self, who: str, code: str, pick: int, approve: bool) -> None:
        user, viewer = acting(who)
        r = result_of(code, pick)
        self.attempt(
            "endorse",
            lambda: results.result_endorse(
                viewer=viewer, user=user, result=r, approve=approve, comment="" if approve else "ขอหลักฐานเพิ่ม"
            ),
        )

    @rule(
        who=people,
        code=organisations,
        pick=kpi_picks,
        action=st.sampled_from(["accept", "return", "set_value"]),
        value=values,
    )
    def verify(self, who: str, code: str, pick: int, action: str, value: Decimal) -> None:
        user, viewer = acting(who)
        r = result_of(code, pick)
        self.attempt(
            "verify",
            lambda: results.result_verify(
                viewer=viewer, user=user, result=r, action=action, comment="ตรวจสอบแล้ว", verified_value=str(value)
            ),
        )

    @rule(who=people, code=organisations)
    def approve(self, who: str, code: str) -> None:
        user, viewer = acting(who)
        r = result_of(code, 0)
        self.attempt(
            "approve",
            lambda: results.round_approve(
                viewer=viewer,
                user=user,
                round_=r.round,
                reference_th="อ.ก.พ.ร. ครั้งที่ 9/2566",
                organisation=r.organisation,
            ),
        )

    @rule(who=people, code=organisations, pick=kpi_picks)
    def unlock(self, who: str, code: str, pick: int) -> None:
        user, viewer = acting(who)
        r = result_of(code, pick)
        self.attempt("unlock", lambda: results.result_unlock(viewer=viewer, user=user, result=r, reason="แก้ไขข้อมูล"))

    @rule(
        who=people,
        decider=people,
        code=organisations,
        pick=kpi_picks,
        kind=st.sampled_from(["target", "removal"]),
        shift=st.integers(min_value=-20, max_value=20),
    )
    def change_request(self, who: str, decider: str, code: str, pick: int, kind: str, shift: int) -> None:
        user, _ = acting(who)
        decided_by, _ = acting(decider)
        r = result_of(code, pick)

        def step() -> None:
            targets = [str(Decimal(t) + shift) for t in (r.version.targets if r.version else [])]
            proposed: dict[str, Any] = {"targets": targets} if kind == "target" else {}
            cr = changes.change_request_file(
                by=user, round_=r.round, kind=kind, reason_th="ข้อมูลเปลี่ยนไป", proposed=proposed, kpi=r.kpi
            )
            changes.change_request_decide(change_request=cr, decision="approve", by=decided_by, note_th="เห็นชอบ")

        self.attempt(f"change_{kind}", step)

    @rule(who=people, decider=people, code=organisations, pick=kpi_picks, upheld=st.booleans(), value=values)
    def appeal(self, who: str, decider: str, code: str, pick: int, upheld: bool, value: Decimal) -> None:
        user, viewer = acting(who)
        decided_by, deciding = acting(decider)
        r = result_of(code, pick)
        published_at = self.framework.published_at or dt.datetime(2023, 1, 31, tzinfo=dt.UTC)

        def step() -> None:
            filed = appeals.appeal_file(
                viewer=viewer,
                user=user,
                result=r,
                reason_th="ข้อมูลไม่ครบ",
                requested_value=str(value),
                now=published_at + dt.timedelta(days=1),
            )
            appeals.appeal_decide(
                viewer=deciding,
                user=decided_by,
                appeal=Appeal.objects.get(pk=filed.pk),
                upheld=upheld,
                note_th="พิจารณาแล้ว",
                value=str(value) if upheld else None,
            )

        self.attempt("appeal", step)

    @rule(who=people, amend=st.booleans())
    def publish(self, who: str, amend: bool) -> None:
        user, viewer = acting(who)
        months = round_to_publish(self.framework, None).months

        def step() -> None:
            if amend:
                publication_amend(
                    viewer=viewer, user=user, framework=self.framework, months=months, reason="แก้ไขผล", confirm=True
                )
            else:
                publication_publish(
                    viewer=viewer, user=user, framework=self.framework, months=months, confirm=True, gap_reason="ครบ"
                )

        self.attempt("amend" if amend else "publish", step)

    # ------------------------------------------------------------ promises

    @invariant()
    def every_logged_out_surface_equals_the_latest_snapshot(self) -> None:
        data = snapshots.public_data(self.framework)
        assert data is not None
        for code in ORGANISATIONS:
            seen = public_surfaces(code)
            want_totals = {r["code"]: r["total"] for r in data.scores}
            assert {r["code"]: r["total"] for r in seen["scores"]} == want_totals
            assert {r["organisation_code"]: r["total"] for r in seen["json_scores"]} == want_totals
            want = {(r["organisation_code"], r["kpi_code"]): (r["value"], r["points"]) for r in data.results}
            assert {(r["organisation_code"], r["kpi_code"]): (r["value"], r["points"]) for r in seen["csv"]} == want
            assert {(r["organisation_code"], r["kpi_code"]): r["points"] for r in seen["results"]} == {
                key: points for key, (_, points) in want.items()
            }
            card = data.scorecards.get(code)
            if card is None:  # not yet included: the public says so and shows no total
                assert code in data.not_included
                continue
            assert seen["card"]["total"] == card["total"]
            assert seen["card"]["band"] == card["band"]
            assert {k["code"]: k["points"] for k in seen["card"]["kpis"]} == card["kpis"]
            assert f'data-testid="public-total">{Decimal(card["total"]):,.2f}<' in seen["page"]
            # Outsiders are sent to the snapshot; the live scorecard is never shown to them.
            assert seen["scorecard_page"].status_code in (301, 302, 303)
            assert seen["scorecard_api"].status_code in (301, 302, 303)

    @invariant()
    def every_stored_score_equals_a_fresh_computation(self) -> None:
        _, differences = scores_verify([self.framework])
        assert [str(d) for d in differences] == []

    @invariant()
    def the_weights_in_force_add_up_in_every_round(self) -> None:
        components = {c.pk: c.weight for c in self.framework.components.all()}
        for round_ in self.framework.rounds.all():
            for code in ORGANISATIONS:
                rows = kpis_in_round(self.framework, round_, organisations=_ids(code), approved_only=True)
                sums: dict[int, Decimal] = dict.fromkeys(components, Decimal(0))
                for row in rows:
                    version = row.version or row.kpi
                    if not version.is_monitor:
                        sums[version.component_id] += version.weight
                assert sums == components, f"{code} {round_.months} months: {sums} ≠ {components}"

    @invariant()
    def only_opdc_publishes(self) -> None:
        published = Publication.objects.filter(framework=self.framework).select_related("published_by__person")
        for publication in published:
            if publication.pk in self.publications:
                continue
            assert viewer_for(publication.published_by).role == Role.OPDC_ADMIN


def _ids(code: str) -> list[int]:
    return [Organisation.objects.get(code=code).pk]


def test_no_sequence_of_real_steps_breaks_one_truth_per_round() -> None:
    run_state_machine_as_test(
        OneTruthPerRound,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        ),
    )
    print("\nsteps:", dict(sorted(OUTCOMES.items())))
