"""Scoring many scorecards with one memo (`scoring.Memo`, what a national rescoring uses) gives the
very answers and the very problems that scoring each on its own gives."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from govkpi.scoring import DEFAULT_FRAMEWORK, KpiInput, Memo, Scorecard, ScorecardInvalid, score


def kpi(code: str, component: str, weight: str, targets: tuple[str, ...], result: str | None) -> KpiInput:
    return KpiInput(
        code=code,
        component=component,
        weight=D(weight),
        targets=tuple(D(t) for t in targets),
        result=None if result is None else D(result),
    )


def standard_scorecard(*, k1_result: str | None) -> Scorecard:
    return Scorecard(
        DEFAULT_FRAMEWORK,
        (
            kpi("K1", "performance", "20", ("0", "100", "200"), k1_result),
            kpi("K2", "performance", "25", ("1", "2", "3"), "2"),
            kpi("K3", "performance", "25", ("1", "2", "3"), "2.5"),
            kpi("K4", "potential", "15", ("1", "2", "3"), "2"),
            kpi("K5", "potential", "15", ("1", "2", "3"), None),
        ),
    )


def organisation(prefix: str, k1_result: str | None) -> Scorecard:
    """The standard scorecard under another organisation's codes: the same lines, other names."""
    card = standard_scorecard(k1_result=k1_result)
    return replace(card, kpis=tuple(replace(k, code=f"{prefix}-{k.code}") for k in card.kpis))


def problems_of(card: Scorecard, memo: Memo | None) -> list[object]:
    with pytest.raises(ScorecardInvalid) as raised:
        score(card, memo=memo)
    return [p.as_dict() for p in raised.value.problems]


def test_organisations_with_the_same_lines_score_as_they_would_alone_under_their_own_codes() -> None:
    memo = Memo()
    cards = [organisation(p, r) for p, r in (("A", "2"), ("B", "2"), ("C", "150"), ("D", None), ("E", "150"))]
    for card in cards:
        remembered = score(card, memo=memo)
        assert remembered == score(card)
        assert [k.code for k in remembered.kpis] == [k.code for k in card.kpis]


def test_equal_numbers_written_differently_are_one_line_with_the_same_published_answers() -> None:
    memo = Memo()
    first = score(organisation("A", "150"), memo=memo)
    card = organisation("B", "150.00")
    again = score(card, memo=memo)
    alone = score(card)
    assert again.published_total == alone.published_total
    assert again.band == alone.band
    assert [k.points for k in again.kpis] == [k.points for k in alone.kpis]
    assert first.kpis[0].explanation.text("th") == alone.kpis[0].explanation.text("th")


def test_a_scorecard_that_breaks_a_rule_is_refused_with_the_same_problems_after_valid_ones() -> None:
    memo = Memo()
    score(organisation("A", "2"), memo=memo)
    valid = organisation("B", "2")
    duplicate = replace(valid, kpis=(*valid.kpis[:-1], replace(valid.kpis[-1], code=valid.kpis[0].code)))
    underweight = replace(valid, kpis=(*valid.kpis[:-1], replace(valid.kpis[-1], weight=D("10"))))
    unordered = replace(valid, kpis=(kpi("B-K1", "performance", "20", ("3", "2", "1"), "2"), *valid.kpis[1:]))
    no_code = replace(valid, kpis=(replace(valid.kpis[0], code=""), *valid.kpis[1:]))
    for card in (duplicate, underweight, unordered, no_code):
        assert problems_of(card, memo) == problems_of(card, None)
        assert problems_of(card, memo) == problems_of(card, None)  # and again, once remembered


def test_a_broken_framework_is_refused_with_memo_as_without() -> None:
    broken = replace(DEFAULT_FRAMEWORK, target_levels=())
    card = replace(organisation("A", "2"), framework=broken)
    assert problems_of(card, Memo()) == problems_of(card, None)
