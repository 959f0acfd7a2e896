"""Every page of the web UI × every role × own and other organisation: allowed, refused or sent to log in.

The table below is the contract (docs/access.md explains it). Columns, in order:
public · OPDC admin · OPDC desk · committee secretary · committee member · MOI reviewer ·
coordinator (CDD) · executive (CDD). Tokens: `+` allowed, `-` refused (403/404), `L` sent to log in;
rows about an organisation's objects carry two tokens per role: own side, other side (tests/access/access_world.py).

GET rows are requested as they are. POST rows (endpoints that only accept POST) are sent only
where refused: a refused POST must answer 403/404 or send to log in, and write nothing. Every GET
row that is refused is POSTed to as well, with the same expectation.
A new URL pattern that is not in the table fails `test_every_page_is_in_the_matrix`; to fill in its
row, put `?` tokens and run with ACCESS_MATRIX_PRINT=1 (-s): each role's test prints what it met, and a
write that went through shows as `W` instead of failing.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from access_matrix import (
    Row,
    fill,
    header_problems,
    hidden_from,
    leaks,
    login,
    no_writes,
    page_problems,
    sent_back_with_an_error,
    token_of,
)
from access_world import PERSONAS, build_world
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

G, P = "GET", "POST"
#                                                                          pub adm dsk sec mem moi crd exe
PAGES: dict[str, Row] = {
    "home": Row(G, "/", "+ + + + + + + +"),
    "login": Row(G, "/login/", "+ + + + + + + +"),
    "logout": Row(P, "/logout/", "+ + + + + + + +"),
    "set_language": Row(P, "/i18n/setlang/", "+ + + + + + + +"),
    "healthz": Row(G, "/healthz", "+ + + + + + + +"),
    "metrics": Row(G, "/metrics", "- + + - - - - -"),
    "token-list": Row(G, "/account/tokens/", "L + + + + + + +"),
    "token-revoke": Row(P, "/account/tokens/{w.token}/revoke/", "L + + - - - - -"),
    "set-password": Row(G, "/account/set-password/MQ/not-a-token/", "+ + + + + + + +"),
    "set-password-done": Row(G, "/account/set-password/done/", "+ + + + + + + +"),
    # people's accounts: OPDC's administrator (an organisation's user administrator: tests/organisations)
    "people-list": Row(G, "/people/", "L + - - - - - -"),
    "person-create": Row(G, "/people/new/", "L + - - - - - -"),
    "people-template": Row(G, "/people/template.xlsx", "L + - - - - - -"),
    "people-import": Row(G, "/people/import/", "L + - - - - - -"),
    "person-detail": Row(G, "/people/ccs.coord/", "L + - - - - - -"),
    "person-edit": Row(G, "/people/ccs.coord/edit/", "L + - - - - - -"),
    "person-deactivate": Row(P, "/people/ccs.coord/deactivate/", "L + - - - - - -"),
    "person-reactivate": Row(P, "/people/ccs.coord/reactivate/", "L + - - - - - -"),
    "person-password": Row(P, "/people/ccs.coord/password/", "L + - - - - - -"),
    # organisations, plans, frameworks, KPIs
    "organisation-list": Row(G, "/organisations/", "+ + + + + + + +"),
    "organisation-detail": Row(G, "/organisations/{o.code}/", "++ ++ ++ ++ ++ ++ ++ ++"),
    "plan-tree": Row(G, "/plans/", "+ + + + + + + +"),
    "framework-list": Row(G, "/frameworks/", "+ + + + + + + +"),
    "framework-detail": Row(G, "/frameworks/{o.framework}/", "++ ++ ++ ++ ++ ++ ++ ++"),
    "framework-new": Row(P, "/frameworks/new/", "L + - - - - - -", {"year": "2599", "group": "agencies"}),
    "framework-design": Row(G, "/frameworks/{w.open_framework}/design/", "L + + - - - - -"),
    "framework-announce": Row(P, "/frameworks/{w.open_framework}/announce/", "L + - - - - - -"),
    "kpi-list": Row(G, "/kpis/", "L + + + + + + +"),
    "kpi-detail": Row(G, "/kpis/{o.draft_kpi}/", "LL ++ ++ ++ ++ +- +- +-"),
    "kpi-versions": Row(G, "/kpis/{o.kpi}/versions/", "LL ++ ++ ++ ++ +- +- +-"),
    # background jobs
    "job-list": Row(G, "/jobs/", "L + + + + + + +"),
    "job-detail": Row(G, "/jobs/{job}/", "LL ++ ++ +- +- +- +- +-"),
    "job-download": Row(G, "/jobs/{job}/download/", "LL ++ ++ +- +- +- +- +-"),
    # reports and exports
    "report-summary": Row(G, "/reports/summary/?year={o.year}&group={o.group}", "-- ++ ++ ++ ++ ++ ++ ++"),
    "report-summary-download": Row(
        G, "/reports/summary/download/?year={o.year}&group={o.group}&format=xlsx", "-- ++ ++ ++ ++ ++ ++ ++"
    ),
    "report-meeting-pack": Row(G, "/reports/meetings/{w.meeting}/pack/", "L + + + + - - -"),
    "report-meeting-pack-build": Row(P, "/reports/meetings/{w.meeting}/pack/build/", "L + + + + - - -"),
    "kpi-export": Row(G, "/kpis/export.xlsx?organisation={o.code}&year=2566", "LL ++ ++ ++ ++ ++ ++ ++"),
    "organisation-export": Row(G, "/organisations/export.xlsx", "+ + + + + + + +"),
    "basket-export": Row(G, "/basket/export.xlsx", "+ + + + + + + +"),
    "framework-export": Row(G, "/frameworks/export.xlsx", "+ + + + + + + +"),
    # scorecards
    "scorecard-index": Row(G, "/scorecards/", "+ + + + + + + +"),
    "scorecard-detail": Row(G, "/scorecards/{o.code}/{o.year}/{o.months}/", "LL ++ ++ ++ ++ +- +- +-"),
    "scorecard-excel": Row(G, "/scorecards/{o.code}/{o.year}/{o.months}/scorecard.xlsx", "LL ++ ++ ++ ++ +- +- +-"),
    "scorecard-simulate": Row(G, "/scorecards/{o.code}/{o.year}/{o.months}/simulate/", "LL ++ ++ ++ ++ +- +- +-"),
    # inbox
    "inbox": Row(G, "/inbox/", "L + + + + + + +"),
    "inbox-read-all": Row(P, "/inbox/read-all/", "L + + + + + + +"),
    "inbox-read": Row(P, "/inbox/{notification}/read/", "LL +- +- +- +- +- +- +-"),
    "inbox-open": Row(P, "/inbox/{notification}/open/", "LL +- +- +- +- +- +- +-"),
    "notification-settings": Row(G, "/account/notifications/", "L + + + + + + +"),
    # committees
    "committee-list": Row(G, "/committees/", "L + + + + + + +"),
    "meeting-list": Row(G, "/meetings/", "L + + + + + + +"),
    "meeting-create": Row(G, "/meetings/new/", "L + + + - - - -"),
    "meeting-detail": Row(G, "/meetings/{w.meeting}/", "L + + + + + + +"),
    "agenda-item-add": Row(P, "/meetings/{w.meeting}/agenda/", "L + + + - - - -", {"title_th": "วาระใหม่"}),
    "recommendation-add": Row(
        P, "/meetings/{w.meeting}/recommendations/", "L + + + - - - -", {"organisation": 1, "text_th": "ควรปรับปรุง"}
    ),
    "resolution-record": Row(P, "/agenda/{w.agenda_item}/resolution/", "L + + + - - - -", {"decision": "approve"}),
    "recommendation-list": Row(G, "/recommendations/", "L + + + + + + +"),
    "recommendation-answer": Row(
        P, "/recommendations/{o.recommendation}/answer/", "LL -- -- -- -- -- +- +-", {"answer_th": "ดำเนินการแล้ว"}
    ),
    # change requests
    "change-request-list": Row(G, "/change-requests/", "L + + + + + + +"),
    "change-request-create": Row(G, "/change-requests/new/?kpi={o.kpi}", "LL -- -- -- -- -- ++ --"),
    "change-request-detail": Row(G, "/change-requests/{o.change_request}/", "LL ++ ++ ++ ++ +- +- +-"),
    "change-request-decide": Row(
        P, "/change-requests/{o.change_request}/decision/", "LL +- +- +- -- -- -- --", {"decision": "approve"}
    ),
    # dashboards
    "dashboard-national": Row(G, "/dashboards/national/", "L + + + + - - -"),
    "dashboard-provinces": Row(G, "/dashboards/provinces/", "L + + - - + - -"),
    "dashboard-organisation": Row(G, "/dashboards/organisation/{o.code}/", "LL ++ ++ ++ ++ +- +- +-"),
    "dashboard-alignment": Row(G, "/dashboards/alignment/", "L + + + + - - -"),
    "strategic-list": Row(G, "/strategic-kpis/", "L + + + + + + +"),
    "strategic-detail": Row(G, "/strategic-kpis/{w.strategic}/", "L + + + + + + +"),
    "strategic-export": Row(G, "/strategic-kpis/{w.strategic}/rollup.xlsx", "L + + + + + + +"),
    "dashboard-forecast": Row(G, "/dashboards/forecast/", "L + + + + + + +"),
    "dashboard-forecast-at-risk": Row(G, "/dashboards/forecast/at-risk/", "L + + + + + + +"),
    "dashboard-forecast-calibration": Row(G, "/dashboards/forecast/calibration/", "L + + + + - - -"),
    # public portal and open data
    "public-index": Row(G, "/public/", "+ + + + + + + +"),
    "public-search": Row(G, "/public/search/?q=ร้อยละ", "+ + + + + + + +"),
    "public-data": Row(G, "/public/data/", "+ + + + + + + +"),
    "public-data-dictionary": Row(G, "/public/data/dictionary.json", "+ + + + + + + +"),
    "public-data-file": Row(G, "/public/data/{o.year}/{o.group}/scores.csv", "-- -- -- -- -- -- -- --"),
    "public-year": Row(G, "/public/{o.year}/", "-+ -+ -+ -+ -+ +- -+ -+"),
    "public-map": Row(G, "/public/{o.year}/map/", "-- -- -- -- -- -- -- --"),
    "public-map-latest": Row(G, "/public/map/", "+ + + + + + + +"),
    "public-scores": Row(G, "/public/{o.year}/{o.group}/", "-- -- -- -- -- -- -- --"),
    "public-scorecard": Row(G, "/public/{o.year}/{o.group}/{o.code}/", "-- -- -- -- -- -- -- --"),
    "public-kpi": Row(G, "/public/{o.year}/{o.group}/{o.code}/kpi/{o.code}-01/", "-- -- -- -- -- -- -- --"),
    # KPI Basket
    "basket-list": Row(G, "/basket/", "+ + + + + + + +"),
    "basket-create": Row(G, "/basket/new/", "L + + - - - - -"),
    "basket-template": Row(G, "/basket/template.xlsx", "+ + + + + + + +"),
    "basket-import": Row(G, "/basket/import/", "L + + - - - - -"),
    "basket-detail": Row(G, "/basket/{w.basket}/", "+ + + + + + + +"),
    "basket-edit": Row(G, "/basket/{w.basket}/edit/", "L + + - - - - -"),
    "basket-retire": Row(P, "/basket/{w.basket}/retire/", "L + + - - - - -"),
    "basket-restore": Row(P, "/basket/{w.basket}/restore/", "L + + - - - - -"),
    # proposals
    "proposal-list": Row(G, "/proposals/", "L + + + + + + +"),
    "proposal-start": Row(P, "/proposals/start/", "L - - - - - + -", {"framework": "{w.open_framework}"}),
    "proposal-detail": Row(G, "/proposals/{o.proposal}/", "LL ++ ++ ++ ++ +- +- +-"),
    "proposal-rules": Row(G, "/proposals/{o.proposal}/rules/", "LL ++ ++ ++ ++ +- +- +-"),
    "proposal-quality": Row(G, "/proposals/{o.proposal}/quality/", "LL ++ ++ ++ ++ +- +- +-"),
    "proposal-transition": Row(
        P, "/proposals/{o.proposal}/transition/", "LL -- -- -- -- -- -- --", {"action": "submit"}
    ),
    "proposal-extension": Row(
        P,
        "/proposals/{o.proposal}/extension/",
        "LL ++ ++ -- -- -- -- --",
        {"new_deadline": "2030-01-31", "reason": "ขอขยาย"},
    ),
    "proposal-basket": Row(G, "/proposals/{o.proposal}/basket/", "LL ++ ++ ++ ++ +- +- +-"),
    "proposal-basket-add": Row(P, "/proposals/{o.proposal}/basket/{w.basket}/add/", "LL ++ -- -- -- -- +- --"),
    "proposal-kpi-new": Row(G, "/proposals/{o.proposal}/kpis/new/", "LL ++ ++ ++ ++ +- +- +-"),
    "proposal-kpi-edit": Row(G, "/proposals/{o.proposal}/kpis/{o.draft_kpi}/edit/", "LL ++ ++ ++ ++ +- +- +-"),
    "proposal-kpi-remove": Row(P, "/proposals/{o.proposal}/kpis/{o.draft_kpi}/remove/", "LL +- -- -- -- -- +- --"),
    # reviewers' comments: nobody reviews a draft (the world's proposals); no comment 0 exists
    "proposal-comment-add": Row(P, "/proposals/{o.proposal}/comments/", "LL -- -- -- -- -- -- --", {"text_th": "ดู"}),
    "proposal-comment-reply": Row(
        P, "/proposals/{o.proposal}/comments/0/reply/", "LL -- -- -- -- -- -- --", {"reply_th": "ตอบ"}
    ),
    "proposal-comment-resolve": Row(P, "/proposals/{o.proposal}/comments/0/resolve/", "LL -- -- -- -- -- -- --"),
    "proposal-excel": Row(G, "/proposals/{o.proposal}/excel/", "LL ++ ++ ++ ++ +- +- +-"),
    "proposal-excel-download": Row(G, "/proposals/{o.proposal}/excel/template.xlsx", "LL ++ ++ ++ ++ +- +- +-"),
    # joint and cascaded KPIs
    "joint-list": Row(G, "/joint-kpis/", "L + + + + + + +"),
    "joint-new": Row(G, "/joint-kpis/new/", "L + + - - - + -"),
    "joint-detail": Row(G, "/joint-kpis/{o.joint}/", "LL ++ ++ ++ ++ +- +- +-"),
    "cascade-list": Row(G, "/cascaded-kpis/", "L + + + + + + +"),
    "cascade-new": Row(G, "/cascaded-kpis/new/", "L + + - - + - -"),
    # results, evidence, appeals, lessons
    "result-index": Row(G, "/results/", "+ + + + + + + +"),
    "appeal-list": Row(G, "/results/appeals/", "L + + + + + + +"),
    "verification-queue": Row(G, "/results/verify/", "L + + - - - - -"),
    "result-bulk": Row(G, "/results/{o.code}/{o.year}/{o.months}/bulk/submit/", "LL -- -- -- -- -- +- --"),
    "appeal-detail": Row(G, "/results/appeals/{o.appeal}/", "LL ++ ++ ++ ++ +- +- +-"),
    "appeal-new": Row(G, "/results/appeals/new/{o.result}/", "LL ++ ++ ++ ++ +- +- +-"),
    "evidence-download": Row(G, "/results/evidence/{o.evidence}/", "-- ++ ++ ++ ++ +- +- +-"),
    "evidence-delete": Row(P, "/results/evidence/{o.evidence}/delete/", "LL -- -- -- -- -- -- --"),
    "result-framework": Row(G, "/results/year/{o.year}/{o.group}/", "-- ++ ++ ++ ++ -- -- --"),
    "publication-page": Row(G, "/publication/{o.year}/{o.group}/", "LL ++ -- -- -- -- -- --"),
    "result-template": Row(
        G, "/results/year/{o.year}/{o.group}/{o.months}/template.xlsx?organisation={o.code}", "LL ++ ++ -- -- -- +- --"
    ),
    "result-import": Row(P, "/results/year/{o.year}/{o.group}/{o.months}/import/", "LL -- -- -- -- -- -- --"),
    "lessons-framework": Row(G, "/results/year/{o.year}/{o.group}/lessons/", "LL +- +- +- +- -+ +- +-"),
    "lessons-organisation": Row(G, "/results/{o.code}/{o.year}/lessons/", "LL ++ ++ ++ ++ +- +- +-"),
    "result-sheet": Row(G, "/results/{o.code}/{o.year}/{o.months}/", "-- ++ ++ ++ ++ +- +- +-"),
    "extension-request-list": Row(G, "/extensions/", "L + + + + + + +"),
    "extension-request-new": Row(
        P,
        "/extensions/new/",
        "L - - - - - + -",
        {"framework": "{w.open_framework}", "requested_deadline": "31/1/2573", "reason": "ขอขยาย"},
    ),
    "extension-request-grant": Row(P, "/extensions/{o.extension_request}/grant/", "LL ++ ++ -- -- -- -- --"),
    "extension-request-refuse": Row(
        P, "/extensions/{o.extension_request}/refuse/", "LL ++ ++ -- -- -- -- --", {"note": "ไม่อนุมัติ"}
    ),
    "result-round-action": Row(
        P,
        "/results/{o.code}/{o.year}/{o.months}/round/extend/",
        "LL ++ ++ -- -- -- -- --",
        {"new_deadline": "2030-01-31", "reason": "ขอขยาย"},
    ),
    "result-action": Row(
        P, "/results/{o.code}/{o.year}/{o.months}/kpi/{o.kpi}/save/", "LL -- -- -- -- -- -- --", {"value": "99"}
    ),
}

#: Served by other code than ours, and checked elsewhere: the admin (test_admin_two_factor.py),
#: the API (test_api_matrix.py), and static/media files.
NOT_PAGES = ("admin/", "api/v1/", "static/", "media/")


def url_patterns(patterns: list[URLPattern | URLResolver] | None = None, prefix: str = "") -> dict[str, str]:
    """name → route of every URL pattern, walking includes."""
    found: dict[str, str] = {}
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(NOT_PAGES):
            continue
        if isinstance(pattern, URLResolver):
            found |= url_patterns(pattern.url_patterns, route)
        else:
            found[pattern.name or route] = route
    return found


def test_every_page_is_in_the_matrix() -> None:
    assert sorted(set(url_patterns()) - set(PAGES)) == []
    assert sorted(set(PAGES) - set(url_patterns())) == []


def body(row: Row, world: object) -> dict[str, object]:
    return {k: v.format(w=world) if isinstance(v, str) else v for k, v in (row.body or {}).items()}


def observe(persona: str, user_of: Callable[[str], object]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """What the persona meets on every row, as tokens, and what is wrong with the answers' headers and forms."""
    world = build_world()
    client, mine = login(persona, user_of)
    hidden = hidden_from(persona)
    seen: dict[str, str] = {}
    problems: dict[str, list[str]] = {}
    for name, row in PAGES.items():
        expected = row.tokens()[persona]
        token = ""
        for i, which in enumerate(("own", "other") if row.per_side else ("own",)):
            url = fill(row.url, world=world, persona=persona, which=which, mine=mine)
            if row.method == G:
                response = client.get(url)
                got = token_of(response.status_code, response.get("Location", ""), api=False)
                problems[url] = header_problems(response) + page_problems(response) + leaks(response, hidden)
                if got in "-L":
                    # What may not be read may not be written either.
                    with no_writes(f"POST {url} as {persona}"):
                        refused = client.post(url, body(row, world))
                    posted = token_of(refused.status_code, refused.get("Location", ""), api=False)
                    got += "" if posted == got or sent_back_with_an_error(refused) else f"[POST {posted}]"
            elif expected[i] == "+":
                got = "+"  # allowed writes are the domain tests' business; the matrix sends the refused ones
            else:
                try:
                    with no_writes(f"POST {url} as {persona}"):
                        response = client.post(url, body(row, world))
                except AssertionError:
                    if not os.environ.get("ACCESS_MATRIX_PRINT"):
                        raise
                    token += "W"
                    continue
                got = token_of(response.status_code, response.get("Location", ""), api=False)
                if got == "+" and sent_back_with_an_error(response):
                    got = "-"
                problems[url] = header_problems(response)
            token += got
        seen[name] = token
    return seen, {url: found for url, found in problems.items() if found}


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_each_role_meets_the_pages_the_matrix_says(persona: str, user_of: Callable[[str], object]) -> None:
    seen, problems = observe(persona, user_of)
    if os.environ.get("ACCESS_MATRIX_PRINT"):
        print(f"\n@@ {persona} " + " ".join(f"{k}={v}" for k, v in seen.items()))
    expected = {name: row.tokens()[persona] for name, row in PAGES.items()}
    assert {name: f"{got} (table: {expected[name]})" for name, got in seen.items() if got != expected[name]} == {}
    assert problems == {}
