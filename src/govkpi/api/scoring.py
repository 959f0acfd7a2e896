"""Scoring preview: POST a scorecard document, get the result document `govkpi score` prints.

Public on purpose: it scores only what it is sent and reads nothing stored, so a coordinator's
spreadsheet macro or another agency's system can check a scorecard without an account. Ninja
views are CSRF-exempt unless an authenticator asks for the check, and this one has none, so
anonymous and token clients post plain JSON.

The body is read by the engine's own parser, not by pydantic, so the API refuses exactly what the
command line refuses (unknown keys, non-numbers, broken rules) with the same problems. The
request schema below is for the OpenAPI document only.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from govkpi.api.schemas import ErrorOut
from govkpi.scoring import ScorecardInvalid, parse_document, result_to_document, score
from govkpi.scoring.problems import Problem

router = Router()

Number = int | float | str


# --- the scorecard document (request), documented in docs/scorecard.md -----------------------


class TargetLevelDoc(Schema):
    name: str
    points: Number


class ComponentDoc(Schema):
    code: str
    weight: Number
    min_kpis: int
    max_kpis: int


class BandDoc(Schema):
    name: str
    min_score: Number


class FrameworkDoc(Schema):
    target_levels: list[TargetLevelDoc]
    components: list[ComponentDoc]
    bands: list[BandDoc] = []
    below_lowest_points: Number = 0
    monitoring_only: bool = False


class KpiDoc(Schema):
    code: str
    name: str = ""
    component: str
    weight: Number | None = None
    direction: Literal["higher_is_better", "lower_is_better"] = "higher_is_better"
    targets: list[Number]
    result: Number | None = None
    monitor: bool = False


class ScorecardDocument(Schema):
    framework: FrameworkDoc
    kpis: list[KpiDoc]


# --- the result document (response) ---------------------------------------------------------


class ExplanationOut(Schema):
    th: str
    en: str
    steps: list[dict[str, Any]]


class KpiScoreOut(Schema):
    code: str
    points: Number
    weighted: Number
    counted: bool
    missing: bool
    explanation: ExplanationOut


class ComponentScoreOut(Schema):
    code: str
    weight: Number
    score: Number


class ResultDocument(Schema):
    total: Number
    total_text: str
    band: str | None
    monitoring_only: bool
    components: list[ComponentScoreOut]
    kpis: list[KpiScoreOut]


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """The JSON schema with its `$defs` references written in place, so it can sit inside the
    OpenAPI document without dangling `#/$defs/...` pointers."""
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return resolve(defs[ref.removeprefix("#/$defs/")])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return dict(resolve(schema))


_REQUEST_BODY = {
    "required": True,
    "description": "The scorecard document (docs/scorecard.md). Unknown keys are refused.",
    "content": {"application/json": {"schema": _inline(ScorecardDocument.model_json_schema())}},
}


def _problem(problem: Problem) -> dict[str, Any]:
    return {**problem.as_dict(), "message": str(problem)}


def _invalid(problems: list[dict[str, Any]]) -> Status[dict[str, Any]]:
    count = len(problems)
    return Status(
        422,
        {
            "detail": f"เอกสาร scorecard ไม่ถูกต้อง {count} รายการ / The scorecard document has {count} problem(s).",
            "message_th": f"เอกสาร scorecard ไม่ถูกต้อง {count} รายการ",
            "message_en": f"The scorecard document has {count} problem(s).",
            "problems": problems,
        },
    )


@router.post(
    "/preview",
    response={200: ResultDocument, 400: ErrorOut, 413: ErrorOut, 422: ErrorOut},
    summary="Score a scorecard document (no login needed, nothing is stored)",
    description=(
        "คำนวณคะแนนจากเอกสาร scorecard (JSON) โดยไม่บันทึกข้อมูล. Takes the scorecard document of "
        "docs/scorecard.md and returns the same result document as `govkpi score`: total (two decimals, "
        "half-up), band (null in monitoring-only frameworks), component scores and every KPI's points, "
        "weighted score and explanation in Thai and English. An invalid document is answered 422 with "
        "every problem: its rule, KPI or component, JSON path (`field`) and message in Thai and English."
    ),
    openapi_extra={"requestBody": _REQUEST_BODY},
)
def preview(request: HttpRequest) -> Status[dict[str, Any]]:
    try:
        raw = request.body
    except RequestDataTooBig:
        return Status(
            413,
            {
                "detail": "เอกสารใหญ่เกินไป / The document is too large.",
                "message_th": "เอกสารใหญ่เกินไป",
                "message_en": "The document is too large.",
            },
        )
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return _invalid([_plain("", "ไม่ใช่ข้อความ UTF-8", "The body is not UTF-8 text")])
    except json.JSONDecodeError as error:
        where = f"{error.lineno}:{error.colno}"
        return _invalid(
            [_plain(where, f"ไม่ใช่ JSON ที่ถูกต้อง: {error.msg}", f"Not valid JSON: {error.msg}", rule="not_json")],
        )
    try:
        result = score(parse_document(doc))
    except ScorecardInvalid as error:
        return _invalid([_problem(p) for p in error.problems])
    return Status(200, result_to_document(result))


def _plain(field: str, th: str, en: str, rule: str = "not_text") -> dict[str, Any]:
    return _problem(Problem(rule, th, en, field=field or None))
