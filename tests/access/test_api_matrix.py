"""Every operation of the API × every role × own and other organisation: allowed, refused or asked to log in.

Columns and tokens as in test_page_matrix.py (`L` is a 401 here). Reads are sent for every cell;
writes only where refused, with a body that would pass validation, so that the refusal comes from
the access rules. A refused write must answer 401/403/404 and write nothing. An operation that is
not in the table (a new one in /api/v1/openapi.json) fails `test_every_api_operation_is_in_the_matrix`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from typing import Any

import pytest
from access_matrix import Row, fill, header_problems, hidden_from, leaks, login, no_writes, token_of
from access_world import PERSONAS, World, build_world
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from govkpi.core.thaidates import fiscal_year_of

pytestmark = pytest.mark.django_db

FILE = "file"  # a multipart body with one small file
R = "/api/v1"
#: the year whose 6-month round the demo reports (the year before today's fiscal year)
LIVE_PREVIOUS = fiscal_year_of(dt.date.today()) - 1
DEADLINE = {"new_deadline": "2030-01-31", "reason": "ขอขยายเวลา"}

#                                                                          pub adm dsk sec mem moi crd exe
API: dict[str, Row] = {
    # organisations, plans, frameworks
    "GET /organisations/": Row("GET", R + "/organisations/", "+ + + + + + + +"),
    "GET /organisations/me": Row("GET", R + "/organisations/me", "+ + + + + + + +"),
    "GET /organisations/{code}": Row("GET", R + "/organisations/{o.code}", "++ ++ ++ ++ ++ ++ ++ ++"),
    "GET /plans/": Row("GET", R + "/plans/", "+ + + + + + + +"),
    "GET /frameworks/years": Row("GET", R + "/frameworks/years", "+ + + + + + + +"),
    "GET /frameworks/": Row("GET", R + "/frameworks/", "+ + + + + + + +"),
    "GET /frameworks/{framework_id}": Row("GET", R + "/frameworks/{o.framework}", "++ ++ ++ ++ ++ ++ ++ ++"),
    # the framework designer: OPDC administrators write, OPDC reads problems and impact
    "POST /frameworks/": Row("POST", R + "/frameworks/", "L + - - - - - -", {"year": 2599, "group": "agencies"}),
    "PATCH /frameworks/{framework_id}": Row(
        "PATCH", R + "/frameworks/{w.open_framework}", "L + - - - - - -", {"name_th": "กรอบ"}
    ),
    "PUT /frameworks/{framework_id}/components": Row(
        "PUT",
        R + "/frameworks/{w.open_framework}/components",
        "L + - - - - - -",
        [{"code": "performance", "name_th": "ประสิทธิผล", "weight": 100, "min_kpis": 1, "max_kpis": 5}],
    ),
    "PUT /frameworks/{framework_id}/ladder": Row(
        "PUT", R + "/frameworks/{w.open_framework}/ladder", "L + - - - - - -", {"levels": []}
    ),
    "PUT /frameworks/{framework_id}/bands": Row(
        "PUT", R + "/frameworks/{w.open_framework}/bands", "L + - - - - - -", [{"name_th": "ระดับ", "min_score": 0}]
    ),
    "PUT /frameworks/{framework_id}/rounds": Row(
        "PUT",
        R + "/frameworks/{w.open_framework}/rounds",
        "L + - - - - - -",
        [{"months": 12, "opens_on": "2023-09-01", "closes_on": "2023-10-31"}],
    ),
    "PUT /frameworks/{framework_id}/participants": Row(
        "PUT", R + "/frameworks/{w.open_framework}/participants", "L + - - - - - -", {"codes": []}
    ),
    "POST /frameworks/{framework_id}/participants": Row(
        "POST", R + "/frameworks/{w.open_framework}/participants", "L + - - - - - -", {"codes": []}
    ),
    "GET /frameworks/{framework_id}/problems": Row(
        "GET", R + "/frameworks/{w.open_framework}/problems", "L + + - - - - -"
    ),
    "GET /frameworks/{framework_id}/impact": Row("GET", R + "/frameworks/{w.open_framework}/impact", "L + + - - - - -"),
    "POST /frameworks/{framework_id}/announce": Row(
        "POST", R + "/frameworks/{w.open_framework}/announce", "L + - - - - - -"
    ),
    # KPI Basket
    "GET /basket/": Row("GET", R + "/basket/", "+ + + + + + + +"),
    "POST /basket/": Row("POST", R + "/basket/", "L + + - - - - -", {"code": "ZZ-ACCESS", "name_th": "ทดสอบ"}),
    "GET /basket/excel": Row("GET", R + "/basket/excel", "+ + + + + + + +"),
    "POST /basket/excel": Row("POST", R + "/basket/excel", "L + + - - - - -", FILE),
    "GET /basket/{code}": Row("GET", R + "/basket/{w.basket}", "+ + + + + + + +"),
    "PATCH /basket/{code}": Row("PATCH", R + "/basket/{w.basket}", "L + + - - - - -", {"name_th": "แก้ไข"}),
    "DELETE /basket/{code}": Row("DELETE", R + "/basket/{w.basket}", "L + + - - - - -"),
    "POST /basket/{code}/restore": Row("POST", R + "/basket/{w.basket}/restore", "L + + - - - - -"),
    # KPIs
    "GET /kpis/": Row("GET", R + "/kpis/", "+ + + + + + + +"),
    "GET /kpis/{kpi_id}": Row("GET", R + "/kpis/{o.draft_kpi}", "-- ++ ++ ++ ++ +- +- +-"),
    # committees
    "GET /reviews/committees": Row("GET", R + "/reviews/committees", "+ + + + + + + +"),
    "GET /reviews/meetings": Row("GET", R + "/reviews/meetings", "+ + + + + + + +"),
    "POST /reviews/meetings": Row(
        "POST",
        R + "/reviews/meetings",
        "L + + + - - - -",
        {"committee": "{w.committee}", "number": 99, "year_be": 2566, "held_on": "2023-06-01"},
    ),
    "GET /reviews/meetings/{meeting_id}": Row("GET", R + "/reviews/meetings/{w.meeting}", "- + + + + + + +"),
    "POST /reviews/meetings/{meeting_id}/agenda": Row(
        "POST", R + "/reviews/meetings/{w.meeting}/agenda", "L + + + - - - -", {"title_th": "วาระใหม่"}
    ),
    "POST /reviews/agenda/{item_id}/resolutions": Row(
        "POST", R + "/reviews/agenda/{w.agenda_item}/resolutions", "L + + + - - - -", {"decision": "approve"}
    ),
    "POST /reviews/meetings/{meeting_id}/recommendations": Row(
        "POST",
        R + "/reviews/meetings/{w.meeting}/recommendations",
        "L + + + - - - -",
        {"organisation": "CDD", "text_th": "ควรปรับปรุง"},
    ),
    "GET /reviews/recommendations": Row("GET", R + "/reviews/recommendations", "+ + + + + + + +"),
    "POST /reviews/recommendations/{rec_id}/answer": Row(
        "POST",
        R + "/reviews/recommendations/{o.recommendation}/answer",
        "LL -- -- -- -- -- +- +-",
        {"answer_th": "ทำแล้ว"},
    ),
    # results
    "GET /results/": Row("GET", R + "/results/?organisation={o.code}&year={o.year}", "++ ++ ++ ++ ++ ++ ++ ++"),
    "POST /results/report": Row(
        "POST",
        R + "/results/report",
        "LL -- -- -- -- -- +- --",
        {"kpi_id": "{o.kpi}", "months": "{o.months}", "value": "1"},
    ),
    "POST /results/bulk": Row(
        "POST", R + "/results/bulk", "LL ++ ++ -- -- -- -- --", {"action": "verify", "result_ids": ["{o.result}"]}
    ),
    "GET /results/verification-queue": Row("GET", R + "/results/verification-queue", "L + + - - - - -"),
    "GET /results/scores": Row("GET", R + "/results/scores?framework_id={o.framework}", "++ ++ ++ ++ ++ ++ ++ ++"),
    "GET /publications/{year}/{group}": Row("GET", R + "/publications/{o.year}/{o.group}", "-- -- -- -- -- -- -- --"),
    "GET /publications/{year}/{group}/preview": Row(
        "GET", R + "/publications/{o.year}/{o.group}/preview", "LL ++ -- -- -- -- -- --"
    ),
    "POST /publications/{year}/{group}/publish": Row(
        "POST", R + "/publications/{o.year}/{o.group}/publish", "LL ++ -- -- -- -- -- --", {"confirm": True}
    ),
    "POST /publications/{year}/{group}/amend": Row(
        "POST",
        R + "/publications/{o.year}/{o.group}/amend",
        "LL ++ -- -- -- -- -- --",
        {"reason": "แก้ไข", "confirm": True},
    ),
    "POST /results/frameworks/{framework_id}/rounds/{months}/approve": Row(
        "POST",
        R + "/results/frameworks/{o.framework}/rounds/{o.months}/approve",
        "LL ++ ++ ++ -- -- -- --",
        {"reference_th": "มติ อ.ก.พ.ร.", "organisation": "{o.code}"},
    ),
    "POST /results/frameworks/{framework_id}/rounds/{months}/extend": Row(
        "POST",
        R + "/results/frameworks/{o.framework}/rounds/{o.months}/extend",
        "LL ++ ++ -- -- -- -- --",
        {"organisation": "{o.code}", **DEADLINE},
    ),
    "GET /results/frameworks/{framework_id}/lessons": Row(
        "GET", R + "/results/frameworks/{o.framework}/lessons", "++ ++ ++ ++ ++ ++ ++ ++"
    ),
    "PUT /results/frameworks/{framework_id}/lessons/summary": Row(
        "PUT", R + "/results/frameworks/{o.framework}/lessons/summary", "LL ++ ++ -- -- -- -- --", {"text_th": "บทเรียน"}
    ),
    "PUT /results/frameworks/{framework_id}/lessons/{organisation}": Row(
        "PUT",
        R + "/results/frameworks/{o.framework}/lessons/{o.code}",
        "LL -- -- -- -- -- +- --",
        {"text_th": "บทเรียน"},
    ),
    "GET /results/frameworks/{framework_id}/rounds/{months}/template": Row(
        "GET",
        R + "/results/frameworks/{o.framework}/rounds/{o.months}/template?organisation={o.code}",
        "LL ++ ++ -- -- -- +- --",
    ),
    "POST /results/frameworks/{framework_id}/rounds/{months}/import": Row(
        "POST", R + "/results/frameworks/{o.framework}/rounds/{o.months}/import", "LL ++ ++ -- -- -- ++ --", FILE
    ),
    "GET /results/evidence/{evidence_id}/download": Row(
        "GET", R + "/results/evidence/{o.evidence}/download", "-- ++ ++ ++ ++ +- +- +-"
    ),
    "DELETE /results/evidence/{evidence_id}": Row(
        "DELETE", R + "/results/evidence/{o.evidence}", "LL -- -- -- -- -- +- --"
    ),
    "GET /results/appeals": Row("GET", R + "/results/appeals", "L + + + + + + +"),
    "POST /results/appeals/{appeal_id}/decide": Row(
        "POST",
        R + "/results/appeals/{o.appeal}/decide",
        "LL ++ ++ ++ ++ -- -- --",
        {"upheld": False, "note_th": "ไม่เห็นชอบ"},
    ),
    "GET /results/{result_id}": Row("GET", R + "/results/{o.result}", "-- ++ ++ ++ ++ +- +- +-"),
    "POST /results/{result_id}/submit": Row(
        "POST", R + "/results/{o.result}/submit", "LL -- -- -- -- -- +- --", {"action": "submit"}
    ),
    "POST /results/{result_id}/endorse": Row("POST", R + "/results/{o.result}/endorse", "LL -- -- -- -- -- -- +-", {}),
    "POST /results/{result_id}/verify": Row(
        "POST", R + "/results/{o.result}/verify", "LL ++ ++ -- -- -- -- --", {"action": "accept"}
    ),
    "POST /results/{result_id}/unlock": Row(
        "POST", R + "/results/{o.result}/unlock", "LL ++ ++ -- -- -- -- --", {"reason": "แก้ไขผล"}
    ),
    "GET /results/{result_id}/evidence": Row("GET", R + "/results/{o.result}/evidence", "-- ++ ++ ++ ++ +- +- +-"),
    "POST /results/{result_id}/evidence": Row(
        "POST", R + "/results/{o.result}/evidence", "LL -- -- -- -- -- +- --", FILE
    ),
    "POST /results/{result_id}/appeals": Row(
        "FORM", R + "/results/{o.result}/appeals", "LL -- -- -- -- -- +- +-", {"reason_th": "ขอให้พิจารณาใหม่"}
    ),
    # reports, scoring, jobs, notifications
    "GET /reports/committee-summary": Row(
        "GET", R + "/reports/committee-summary?year={o.year}&group={o.group}", "-- ++ ++ ++ ++ ++ ++ ++"
    ),
    "GET /reports/meetings/{meeting_id}/pack.pdf": Row(
        "GET", R + "/reports/meetings/{w.meeting}/pack.pdf", "L + + + + - - -"
    ),
    "POST /scoring/preview": Row("POST", R + "/scoring/preview", "+ + + + + + + +"),
    "GET /scoring/scorecards/{org_code}/{year}/{months}": Row(
        "GET", R + "/scoring/scorecards/{o.code}/{o.year}/{o.months}", "-- ++ ++ ++ ++ +- +- +-"
    ),
    "POST /scoring/rescore": Row(
        "POST", R + "/scoring/rescore", "L + + - - - - -", {"year": 2566, "group": "agencies"}
    ),
    "GET /jobs/": Row("GET", R + "/jobs/", "L + + + + + + +"),
    "GET /jobs/{job_id}": Row("GET", R + "/jobs/{job}", "LL ++ ++ +- +- +- +- +-"),
    "GET /jobs/{job_id}/download": Row("GET", R + "/jobs/{job}/download", "LL ++ ++ +- +- +- +- +-"),
    "GET /extension-requests": Row("GET", R + "/extension-requests", "L + + + + + + +"),
    "POST /extension-requests": Row(
        "POST",
        R + "/extension-requests",
        "L - - - - - + -",
        {"year": 2566, "group": "agencies", "requested_deadline": "31/1/2573", "reason": "ขอขยาย"},
    ),
    "POST /extension-requests/{request_id}/grant": Row(
        "POST", R + "/extension-requests/{o.extension_request}/grant", "LL ++ ++ -- -- -- -- --", {}
    ),
    "POST /extension-requests/{request_id}/refuse": Row(
        "POST", R + "/extension-requests/{o.extension_request}/refuse", "LL ++ ++ -- -- -- -- --", {"note": "ไม่"}
    ),
    "GET /notifications": Row("GET", R + "/notifications", "L + + + + + + +"),
    "GET /me/queue": Row("GET", R + "/me/queue", "L + + + + + + +"),
    "POST /notifications/read-all": Row("POST", R + "/notifications/read-all", "L + + + + + + +"),
    "POST /notifications/{notification_id}/read": Row(
        "POST", R + "/notifications/{notification}/read", "LL +- +- +- +- +- +- +-"
    ),
    "GET /me/notification-settings": Row("GET", R + "/me/notification-settings", "L + + + + + + +"),
    "PUT /me/notification-settings": Row("PUT", R + "/me/notification-settings", "L + + + + + + +", {"digest": True}),
    # API tokens: one's own; OPDC revokes anyone's (another person's token here)
    "GET /tokens/": Row("GET", R + "/tokens/", "L + + + + + + +"),
    "POST /tokens/": Row("POST", R + "/tokens/", "L + + + + + + +", {"name": "matrix"}),
    "DELETE /tokens/{token_id}": Row("DELETE", R + "/tokens/{w.token}", "L + + - - - - -"),
    # people's accounts: OPDC's administrator (an organisation's user administrator: tests/organisations)
    "GET /people/": Row("GET", R + "/people/", "L + - - - - - -"),
    "POST /people/": Row(
        "POST",
        R + "/people/",
        "L + - - - - - -",
        {
            "username": "matrix.person",
            "full_name_th": "ทดสอบ",
            "organisation": "CDD",
            "role": "coordinator",
            "email": "matrix.person@example.go.th",
        },
    ),
    "GET /people/excel": Row("GET", R + "/people/excel", "L + - - - - - -"),
    "POST /people/excel": Row("POST", R + "/people/excel", "L + - - - - - -", FILE),
    "GET /people/{username}": Row("GET", R + "/people/ccs.coord", "L + - - - - - -"),
    "PATCH /people/{username}": Row("PATCH", R + "/people/ccs.coord", "L + - - - - - -", {"position_th": "แก้"}),
    "POST /people/{username}/deactivate": Row("POST", R + "/people/ccs.coord/deactivate", "L + - - - - - -"),
    "POST /people/{username}/reactivate": Row("POST", R + "/people/ccs.coord/reactivate", "L + - - - - - -"),
    "POST /people/{username}/password": Row("POST", R + "/people/ccs.coord/password", "L + - - - - - -"),
    # change requests and versions
    "GET /changes/requests": Row("GET", R + "/changes/requests", "+ + + + + + + +"),
    "POST /changes/requests": Row(
        "POST",
        R + "/changes/requests",
        "LL -- -- -- -- -- +- --",
        {"round_id": "{o.round}", "kpi_id": "{o.kpi}", "kind": "target", "reason_th": "ขอปรับ", "proposed": {}},
    ),
    "GET /changes/requests/{cr_id}": Row("GET", R + "/changes/requests/{o.change_request}", "-- ++ ++ ++ ++ +- +- +-"),
    "POST /changes/requests/{cr_id}/decision": Row(
        "POST", R + "/changes/requests/{o.change_request}/decision", "LL ++ ++ ++ -- -- -- --", {"decision": "approve"}
    ),
    "GET /changes/kpis/{kpi_id}/versions": Row("GET", R + "/changes/kpis/{o.kpi}/versions", "-- ++ ++ ++ ++ +- +- +-"),
    "GET /changes/kpis/{kpi_id}/diff": Row(
        "GET", R + "/changes/kpis/{o.kpi}/diff?old=1&new=1", "-- ++ ++ ++ ++ +- +- +-"
    ),
    # Strategic KPIs: definitions for all, the roll-up scoped to the caller; OPDC writes
    "GET /strategic-kpis/": Row("GET", R + "/strategic-kpis/", "+ + + + + + + +"),
    "GET /strategic-kpis/{strategic_id}": Row("GET", R + "/strategic-kpis/{w.strategic}", "+ + + + + + + +"),
    "GET /strategic-kpis/{strategic_id}/rollup": Row(
        "GET", R + "/strategic-kpis/{w.strategic}/rollup", "+ + + + + + + +"
    ),
    "POST /strategic-kpis/": Row(
        "POST",
        R + "/strategic-kpis/",
        "L + - - - - - -",
        {"year": 2567, "code": "SK-ACCESS", "name_th": "ทดสอบ", "owner": "OPDC"},
    ),
    "PATCH /strategic-kpis/{strategic_id}": Row(
        "PATCH", R + "/strategic-kpis/{w.strategic}", "L + - - - - - -", {"name_en": "Changed"}
    ),
    "POST /strategic-kpis/{strategic_id}/attach": Row(
        "POST",
        R + "/strategic-kpis/{w.strategic}/attach",
        "L + + - - - - -",
        {"kpi_id": "{w.strategic_kpi}", "relation": "proxy"},
    ),
    "DELETE /strategic-kpis/{strategic_id}/attach/{kpi_id}": Row(
        "DELETE", R + "/strategic-kpis/{w.strategic}/attach/{w.strategic_kpi}", "L + + - - - - -"
    ),
    # dashboards and the public portal
    "GET /dashboards/national": Row("GET", R + "/dashboards/national", "L + + + + - - -"),
    "GET /dashboards/organisation/{code}": Row(
        "GET", R + "/dashboards/organisation/{o.code}", "LL ++ ++ ++ ++ +- +- +-"
    ),
    "GET /dashboards/provinces": Row("GET", R + "/dashboards/provinces", "L + + - - + - -"),
    "GET /dashboards/alignment": Row("GET", R + "/dashboards/alignment", "L + + + + - - -"),
    # early warning: forecasts from the live previous year's 6-month round (demo confidences)
    "GET /forecast/": Row("GET", R + f"/forecast/?year={LIVE_PREVIOUS}&round=6", "L + + + + + + +"),
    "GET /forecast/calibration": Row("GET", R + "/forecast/calibration?year=2565", "L + + + + - - -"),
    "GET /forecast/{organisation}": Row(
        "GET", R + f"/forecast/{{o.code}}?year={LIVE_PREVIOUS}&round=6", "LL ++ ++ ++ ++ +- +- +-"
    ),
    "GET /public/years": Row("GET", R + "/public/years", "+ + + + + + + +"),
    "GET /public/search": Row("GET", R + "/public/search?q=ร้อยละ", "+ + + + + + + +"),
    "GET /public/{year}/map": Row("GET", R + "/public/{o.year}/map", "-- -- -- -- -- -- -- --"),
    "GET /public/{year}/{group}/results": Row(
        "GET", R + "/public/{o.year}/{o.group}/results", "-- -- -- -- -- -- -- --"
    ),
    "GET /public/{year}/{group}/scores": Row("GET", R + "/public/{o.year}/{o.group}/scores", "-- -- -- -- -- -- -- --"),
    "GET /public/{year}/{group}/{code}/kpis/{kpi_code}": Row(
        "GET", R + "/public/{o.year}/{o.group}/{o.code}/kpis/{o.code}-01", "-- -- -- -- -- -- -- --"
    ),
    "GET /public/{year}/{group}/{code}": Row(
        "GET", R + "/public/{o.year}/{o.group}/{o.code}", "-- -- -- -- -- -- -- --"
    ),
    # proposals, joint and cascaded KPIs
    "GET /proposals/{proposal_id}/excel": Row("GET", R + "/proposals/{o.proposal}/excel", "LL ++ ++ ++ ++ +- +- +-"),
    "POST /proposals/{proposal_id}/excel": Row(
        "POST", R + "/proposals/{o.proposal}/excel", "LL ++ ++ -- -- -- +- --", FILE
    ),
    "GET /proposals/joint": Row("GET", R + "/proposals/joint", "+ + + + + + + +"),
    "POST /proposals/joint": Row(
        "POST",
        R + "/proposals/joint",
        "L + + - - - + -",
        {
            "framework_id": "{w.open_framework}",
            "code": "JX-NEW",
            "name_th": "ร่วม",
            "host": "CDD",
            "participants": ["MOF"],
        },
    ),
    "GET /proposals/joint/{joint_id}": Row("GET", R + "/proposals/joint/{o.joint}", "-- ++ ++ ++ ++ +- +- +-"),
    "PUT /proposals/joint/{joint_id}/participants": Row(
        "PUT", R + "/proposals/joint/{o.joint}/participants", "LL ++ ++ -- -- -- +- --", {"participants": ["MOF"]}
    ),
    "GET /proposals/cascaded": Row("GET", R + "/proposals/cascaded", "+ + + + + + + +"),
    "POST /proposals/cascaded": Row(
        "POST",
        R + "/proposals/cascaded",
        "L + + - - - - -",
        {"framework_id": "{w.open_framework}", "code": "CX-NEW", "name_th": "ถ่ายทอด"},
    ),
    "GET /proposals/": Row("GET", R + "/proposals/", "+ + + + + + + +"),
    "POST /proposals/": Row("POST", R + "/proposals/", "L - - - - - + -", {"framework_id": "{w.open_framework}"}),
    "GET /proposals/{proposal_id}": Row("GET", R + "/proposals/{o.proposal}", "-- ++ ++ ++ ++ +- +- +-"),
    "GET /proposals/{proposal_id}/comments": Row(
        "GET", R + "/proposals/{o.proposal}/comments", "LL ++ ++ ++ ++ +- +- +-"
    ),
    "POST /proposals/{proposal_id}/comments": Row(
        "POST", R + "/proposals/{o.proposal}/comments", "LL -- -- -- -- -- -- --", {"text_th": "ดู"}
    ),
    "POST /proposals/{proposal_id}/comments/{comment_id}/reply": Row(
        "POST", R + "/proposals/{o.proposal}/comments/0/reply", "LL -- -- -- -- -- -- --", {"reply_th": "ตอบ"}
    ),
    "POST /proposals/{proposal_id}/comments/{comment_id}/resolve": Row(
        "POST", R + "/proposals/{o.proposal}/comments/0/resolve", "LL -- -- -- -- -- -- --"
    ),
    "GET /proposals/{proposal_id}/rules": Row("GET", R + "/proposals/{o.proposal}/rules", "-- ++ ++ ++ ++ +- +- +-"),
    "GET /proposals/{proposal_id}/target-quality": Row(
        "GET", R + "/proposals/{o.proposal}/target-quality", "LL ++ ++ ++ ++ +- +- +-"
    ),
    "POST /proposals/{proposal_id}/transitions": Row(
        "POST", R + "/proposals/{o.proposal}/transitions", "LL ++ -- -- -- -- +- --", {"action": "submit"}
    ),
    "POST /proposals/{proposal_id}/kpis": Row(
        "POST", R + "/proposals/{o.proposal}/kpis", "LL ++ -- -- -- -- +- --", {"name_th": "ตัวชี้วัดใหม่"}
    ),
    "PATCH /proposals/{proposal_id}/kpis/{kpi_id}": Row(
        "PATCH", R + "/proposals/{o.proposal}/kpis/{o.draft_kpi}", "LL ++ -- -- -- -- +- --", {"name_th": "แก้ชื่อ"}
    ),
    "DELETE /proposals/{proposal_id}/kpis/{kpi_id}": Row(
        "DELETE", R + "/proposals/{o.proposal}/kpis/{o.draft_kpi}", "LL ++ -- -- -- -- +- --"
    ),
    "POST /proposals/{proposal_id}/extensions": Row(
        "POST", R + "/proposals/{o.proposal}/extensions", "LL ++ ++ -- -- -- -- --", DEADLINE
    ),
}


def operations() -> set[str]:
    doc = Client().get(R + "/openapi.json").json()
    return {f"{method.upper()} {path.removeprefix(R)}" for path, ops in doc["paths"].items() for method in ops}


def test_every_api_operation_is_in_the_matrix() -> None:
    assert sorted(operations() - set(API)) == []
    assert sorted(set(API) - operations()) == []


def formatted(value: Any, world: World, url_of: Callable[[str], str]) -> Any:
    if isinstance(value, dict):
        return {k: formatted(v, world, url_of) for k, v in value.items()}
    if isinstance(value, list):
        return [formatted(v, world, url_of) for v in value]
    return url_of(value) if isinstance(value, str) and "{" in value else value


def send(client: Client, row: Row, url: str, body: Any) -> Any:
    if row.method == "GET":
        return client.get(url)
    if body == FILE:
        upload = SimpleUploadedFile("upload.xlsx", b"not really a workbook", content_type="application/octet-stream")
        return client.post(url, {"file": upload})
    if row.method == "FORM":
        return client.post(url, body)
    return client.generic(row.method, url, data=json.dumps(body or {}), content_type="application/json")


def observe(persona: str, user_of: Callable[[str], object]) -> tuple[dict[str, str], dict[str, list[str]]]:
    world = build_world()
    client, mine = login(persona, user_of)
    hidden = hidden_from(persona)
    seen: dict[str, str] = {}
    problems: dict[str, list[str]] = {}
    for name, row in API.items():
        expected = row.tokens()[persona]
        token = ""
        for i, which in enumerate(("own", "other") if row.per_side else ("own",)):

            def url_of(template: str, which: str = which) -> str:
                return fill(template, world=world, persona=persona, which=which, mine=mine)

            url = url_of(row.url)
            if row.method != "GET" and expected[i] == "+":
                token += "+"  # allowed writes are the domain tests' business
                continue
            body = row.body if row.body == FILE else formatted(row.body, world, url_of)
            if row.method == "GET":
                response = send(client, row, url, body)
            else:
                try:
                    with no_writes(f"{row.method} {url} as {persona}"):
                        response = send(client, row, url, body)
                except AssertionError:
                    if not os.environ.get("ACCESS_MATRIX_PRINT"):
                        raise
                    token += "W"
                    continue
            token += token_of(response.status_code, "", api=True)
            problems[url] = header_problems(response) + leaks(response, hidden)
        seen[name] = token
    return seen, {url: found for url, found in problems.items() if found}


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_each_role_meets_the_api_the_matrix_says(persona: str, user_of: Callable[[str], object]) -> None:
    seen, problems = observe(persona, user_of)
    if os.environ.get("ACCESS_MATRIX_PRINT"):
        print(f"\n@@ {persona} " + " ".join(f"{k.replace(' ', '_')}={v}" for k, v in seen.items()))
    expected = {name: row.tokens()[persona] for name, row in API.items()}
    assert {name: f"{got} (table: {expected[name]})" for name, got in seen.items() if got != expected[name]} == {}
    assert problems == {}
