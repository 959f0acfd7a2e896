"""Scoring over the API: a preview of any scorecard document, stored scorecards, rescoring.

- `POST /scoring/preview`: a scorecard document in, the result document `govkpi score` prints out.
- `GET /scoring/scorecards/{org}/{year}/{months}`: a stored scorecard, as document and result.
- `POST /scoring/rescore`: `govkpi rescore` for a logged-in user (OPDC, or their own organisation).

The preview is public on purpose: it scores only what it is sent and reads nothing stored, so a coordinator's
spreadsheet macro or another agency's system can check a scorecard without an account. Ninja
views are CSRF-exempt unless an authenticator asks for the check, and this one has none, so
anonymous and token clients post plain JSON.

The body is read by the engine's own parser, not by pydantic, so the API refuses exactly what the
command line refuses (unknown keys, non-numbers, broken rules) with the same problems. The
request schema below is for the OpenAPI document only.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.responses import Status

from govkpi.api.auth import viewer_of_api
from govkpi.api.notifications import login_required_csrf
from govkpi.api.schemas import ERRORS, WRITE_ERRORS, ErrorOut
from govkpi.core.errors import Invalid, NotFound
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework, Round
from govkpi.organisations.models import Organisation
from govkpi.scorecards.selectors import public_url_for, result_document, scorecard_get, scorecard_view
from govkpi.scorecards.services import rescore_report
from govkpi.scoring import ScorecardInvalid, parse_document, result_to_document, score, scorecard_to_document
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
    max_bytes = int(settings.PREVIEW_MAX_BYTES)
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and int(declared) > max_bytes:
        return _too_large(max_bytes)  # refused before the body is read
    try:
        raw = request.body
    except RequestDataTooBig:
        return _too_large(max_bytes)
    if len(raw) > max_bytes:
        return _too_large(max_bytes)
    try:
        doc = json.loads(raw.decode("utf-8-sig"), parse_int=_bounded_int, parse_float=_bounded_float)
    except UnicodeDecodeError:
        return _invalid([_plain("", "ไม่ใช่ข้อความ UTF-8", "The body is not UTF-8 text")])
    except _TooManyDigits as error:
        return _invalid([_too_many_digits(error.digits)])
    except json.JSONDecodeError as error:
        where = f"{error.lineno}:{error.colno}"
        return _invalid(
            [_plain(where, f"ไม่ใช่ JSON ที่ถูกต้อง: {error.msg}", f"Not valid JSON: {error.msg}", rule="not_json")],
        )
    limits = _over_limits(doc)
    if limits:
        return _invalid(limits)
    try:
        result = score(parse_document(doc))
    except ScorecardInvalid as error:
        return _invalid([_problem(p) for p in error.problems])
    return Status(200, result_to_document(result))


# --- the preview's limits (PREVIEW_MAX_BYTES, PREVIEW_MAX_KPIS, PREVIEW_MAX_DIGITS) ------------
# Anyone may call the preview, so what one request may make the server do is bounded: a 3.2 MB
# document once took 5.3 s and answered 26 MB, and a 4,301-digit integer broke the JSON reader.


class _TooManyDigits(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


_NUMERIC = re.compile(r"\s*[+-]?[0-9_]*\.?[0-9_]*([eE][+-]?[0-9]+)?\s*")


def _digit_count(text: str) -> int:
    """Digits a number stands for: 1e50 counts as 51, so an exponent cannot smuggle a huge value."""
    mantissa, _, exponent = text.lower().partition("e")
    digits = sum(ch.isdigit() for ch in mantissa)
    exponent_digits = exponent.strip().lstrip("+-")[:12]
    if exponent_digits.isdigit():
        digits += int(exponent_digits)
    return digits


def _bounded_int(text: str) -> int:
    # Counted before int() converts it: past 4,300 digits Python itself refuses (a 500 before).
    if _digit_count(text) > int(settings.PREVIEW_MAX_DIGITS):
        raise _TooManyDigits(_digit_count(text))
    return int(text)


def _bounded_float(text: str) -> float:
    if _digit_count(text) > int(settings.PREVIEW_MAX_DIGITS):
        raise _TooManyDigits(_digit_count(text))
    return float(text)


def _too_many_digits(digits: int, field: str = "") -> dict[str, Any]:
    limit = int(settings.PREVIEW_MAX_DIGITS)
    return _problem(
        Problem(
            "too_many_digits",
            f"ตัวเลขยาว {digits} หลัก เกินขีดจำกัด {limit} หลัก (PREVIEW_MAX_DIGITS)",
            f"A number has {digits} digits, more than the limit of {limit} (PREVIEW_MAX_DIGITS).",
            field=field or None,
        )
    )


def _too_large(max_bytes: int) -> Status[dict[str, Any]]:
    th = f"เอกสารใหญ่เกินไป: รับได้ไม่เกิน {max_bytes:,} ไบต์ (PREVIEW_MAX_BYTES)"
    en = f"The document is too large: at most {max_bytes:,} bytes (PREVIEW_MAX_BYTES)."
    return Status(413, {"detail": f"{th} / {en}", "message_th": th, "message_en": en, "field": "body"})


def _over_limits(doc: object) -> list[dict[str, Any]]:
    """KPIs per document, and digits of numbers written as strings ("123…"), within the limits."""
    problems: list[dict[str, Any]] = []
    max_kpis, max_digits = int(settings.PREVIEW_MAX_KPIS), int(settings.PREVIEW_MAX_DIGITS)
    if isinstance(doc, dict):
        kpis = doc.get("kpis")
        if isinstance(kpis, list) and len(kpis) > max_kpis:
            problems.append(
                _problem(
                    Problem(
                        "too_many_kpis",
                        f"เอกสารมีตัวชี้วัด {len(kpis):,} รายการ เกินขีดจำกัด {max_kpis} รายการ (PREVIEW_MAX_KPIS)",
                        f"The document has {len(kpis):,} KPIs, more than the limit of {max_kpis} (PREVIEW_MAX_KPIS).",
                        field="kpis",
                    )
                )
            )

    def walk(node: object, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}[{index}]")
        elif isinstance(node, str) and _NUMERIC.fullmatch(node) and _digit_count(node) > max_digits:
            problems.append(_too_many_digits(_digit_count(node), path))

    if not problems:
        walk(doc, "")
    return problems[:20]


def _plain(field: str, th: str, en: str, rule: str = "not_text") -> dict[str, Any]:
    return _problem(Problem(rule, th, en, field=field or None))


# --- scorecards from stored data ------------------------------------------------------------


class OrganisationRef(Schema):
    code: str
    name_th: str


class FrameworkRef(Schema):
    id: int
    year: int
    group: str
    name_th: str
    monitoring_only: bool
    published: bool


class StoredScorecardOut(Schema):
    organisation: OrganisationRef
    framework: FrameworkRef
    round_months: int
    document: ScorecardDocument
    status: Literal["scored", "invalid", "unscored", "recomputing"] = Field(
        description=(
            "scored: `result` holds the stored scores; invalid: the KPIs break the framework's rules "
            "(`problems`); unscored: no verified result yet; recomputing: the stored scores are being "
            "recomputed (คะแนนกำลังคำนวณใหม่), try again shortly"
        )
    )
    result: ResultDocument | None
    problems: list[dict[str, Any]]


@router.get(
    "/scorecards/{org_code}/{year}/{months}",
    response={200: StoredScorecardOut, 303: None, **ERRORS},
    summary="An organisation's stored scorecard for a year and round",
    description=(
        "The scorecard document built from the stored framework, the KPI versions in force for the round "
        "and the round's results that count (verified values first), and its result document read from the "
        "STORED scores (each result's points, weighted score and explanation; the organisation's total, band "
        "and components), exactly as the scorecard page shows them. `result` is null when `status` is not "
        "`scored` (with `problems` when the KPIs break the framework's rules). Internal data for those the viewer may see; "
        "those outside the organisation are sent (303) to the published snapshot, `/api/v1/public/{year}/{group}/{code}`."
    ),
)
def stored_scorecard(request: HttpRequest, org_code: str, year: int, months: int) -> object:
    viewer = viewer_of_api(request)
    public = public_url_for(viewer=viewer, org_code=org_code, year=year, months=months)
    if public is not None:
        # Outsiders (logged out, another organisation) read the publication snapshot, never live tables.
        response = HttpResponse(status=303)
        response["Location"] = "/api/v1" + public.rstrip("/")
        return response
    card = scorecard_get(viewer=viewer, org_code=org_code, year=year, months=months)
    view = scorecard_view(card)  # the stored scores, as the page shows them
    framework = card.framework
    return StoredScorecardOut.model_validate(
        {
            "organisation": {"code": card.organisation.code, "name_th": card.organisation.name_th},
            "framework": {
                "id": framework.pk,
                "year": framework.fiscal_year.year,
                "group": framework.group,
                "name_th": framework.name_th,
                "monitoring_only": framework.monitoring_only,
                "published": framework.is_published,
            },
            "round_months": card.round.months,
            "document": scorecard_to_document(card.scorecard),
            "status": view.status,
            "result": result_document(view),
            "problems": [_problem(p) for p in view.problems],
        }
    )


class RescoreIn(Schema):
    year: int = Field(description="fiscal year, B.E.")
    group: GroupCode
    organisations: list[str] = Field(default_factory=list, description="organisation codes; empty: all")
    round_months: int | None = Field(None, description="one round only (6, 9, 12)")


class InvalidScorecardOut(Schema):
    organisation: str
    round_months: int
    problems: list[dict[str, Any]]


class RescoreOut(Schema):
    scored: int
    results_updated: int
    invalid: list[InvalidScorecardOut]


@router.post(
    "/rescore",
    auth=login_required_csrf,
    response={200: RescoreOut, **WRITE_ERRORS},
    summary="Recompute stored scores (OPDC: any organisation; others: their own)",
    description="The same as `govkpi rescore`: every result's points and each organisation's total and band.",
)
def rescore_api(request: HttpRequest, payload: RescoreIn) -> RescoreOut:
    framework = Framework.objects.filter(fiscal_year__year=payload.year, group=payload.group).first()
    if framework is None:
        raise NotFound(f"ไม่มีกรอบการประเมินปี {payload.year}", f"No framework for {payload.year} {payload.group}.")
    organisations = None
    if payload.organisations:
        found = {o.code: o for o in Organisation.objects.filter(code__in=payload.organisations)}
        unknown = [c for c in payload.organisations if c not in found]
        if unknown:
            raise Invalid(
                f"ไม่พบส่วนราชการ {', '.join(unknown)}",
                f"Unknown organisation(s): {', '.join(unknown)}",
                field="organisations",
            )
        organisations = list(found.values())
    round_ = None
    if payload.round_months is not None:
        round_ = Round.objects.filter(framework=framework, months=payload.round_months).first()
        if round_ is None:
            raise Invalid(
                f"ไม่มีรอบ {payload.round_months} เดือน", f"No {payload.round_months}-month round.", field="round_months"
            )
    report = rescore_report(framework, organisations=organisations, round=round_, by=request.user)  # type: ignore[arg-type]
    return RescoreOut(
        scored=report.scored,
        results_updated=report.results_updated,
        invalid=[
            InvalidScorecardOut(
                organisation=card.organisation.code,
                round_months=card.round.months,
                problems=[_problem(p) for p in problems],
            )
            for card, problems in report.invalid
        ],
    )
