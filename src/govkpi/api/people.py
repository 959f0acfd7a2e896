"""People's accounts over the API: list, create, read, change, deactivate and reactivate, a new
set-password link, and the Excel import. For OPDC's administrator (everyone) and an organisation's
user administrator (its own staff); the rules are `organisations.access`, the writes
`organisations.people`, the import `organisations.people_excel`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from govkpi.api.auth import login_required, viewer_of_api
from govkpi.api.jobs import JobOut
from govkpi.api.schemas import ERRORS, WRITE_ERRORS, limit_param, offset_param
from govkpi.core.errors import Invalid, NotAllowed
from govkpi.core.excel_safety import MAX_UPLOAD
from govkpi.core.jobs import start_job
from govkpi.core.models import Job
from govkpi.core.views import xlsx_response
from govkpi.organisations import people, selectors
from govkpi.organisations.access import Viewer
from govkpi.organisations.choices import Role
from govkpi.organisations.models import Person
from govkpi.organisations.people_excel import IMPORT_JOB, people_precheck, people_template_xlsx

router = Router(auth=login_required)

USERNAME = r"^[\w.@+\-]+$"


class PersonOut(Schema):
    username: str
    full_name_th: str
    position_th: str
    email: str
    organisation: str
    role: str
    active: bool


class PersonCreatedOut(PersonOut):
    set_password_url: str = Field(
        "", description="the one-time set-password link when no password was given: shown this once (and e-mailed)"
    )


class PersonIn(Schema):
    username: str = Field(min_length=1, max_length=150, pattern=USERNAME)
    full_name_th: str = Field(min_length=1, max_length=200)
    position_th: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    organisation: str = Field(min_length=1, max_length=20, description="an organisation's code (CDD, P24)")
    role: Role
    password: str = Field("", max_length=128, description="an initial password; empty: a set-password link")


class PersonPatch(Schema):
    full_name_th: str | None = Field(None, min_length=1, max_length=200)
    position_th: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)
    organisation: str | None = Field(None, min_length=1, max_length=20)
    role: Role | None = None


class DeactivateIn(Schema):
    reason: str = Field("", max_length=500)


class PasswordIn(Schema):
    password: str = Field("", max_length=128, description="a new password; empty: a one-time set-password link")


class PeopleQuery(Schema):
    organisation: str = Field("", max_length=20, description="an organisation's code")
    role: Role | None = None
    active: bool | None = None
    q: str = Field("", max_length=100, description="a name, username or e-mail")


def _out(person: Person, link: str = "") -> dict[str, Any]:
    return {
        "username": person.user.username,
        "full_name_th": person.full_name_th,
        "position_th": person.position_th,
        "email": person.user.email,
        "organisation": person.organisation.code,
        "role": person.role,
        "active": person.user.is_active,
        "set_password_url": link,
    }


def _manager(request: HttpRequest) -> Viewer:
    viewer = viewer_of_api(request)
    if not viewer.manages_people:
        raise NotAllowed(
            "เฉพาะผู้ดูแลระบบ สำนักงาน ก.พ.ร. และผู้ดูแลผู้ใช้งานของหน่วยงานเท่านั้น",
            "Only OPDC's administrator and organisations' user administrators manage people.",
        )
    return viewer


@router.get("/", response={200: list[PersonOut], **ERRORS}, summary="ผู้ใช้งานที่คุณดูแล")
def list_people(
    request: HttpRequest,
    filters: Query[PeopleQuery],
    limit: int = limit_param(100, 1000),
    offset: int = offset_param(),
) -> list[dict[str, Any]]:
    qs = selectors.people_list(
        viewer=_manager(request),
        organisation=filters.organisation,
        role=filters.role.value if filters.role else "",
        active=filters.active,
        q=filters.q,
    )
    return [_out(p) for p in qs[offset : offset + limit]]


@router.post("/", response={201: PersonCreatedOut, **WRITE_ERRORS}, summary="สร้างบัญชีผู้ใช้งาน")
def create_person(request: HttpRequest, payload: PersonIn) -> Status[dict[str, Any]]:
    done = people.person_create(
        viewer=_manager(request),
        username=payload.username,
        full_name_th=payload.full_name_th,
        position_th=payload.position_th,
        email=payload.email,
        organisation_code=payload.organisation,
        role=payload.role.value,
        password=payload.password,
    )
    link = request.build_absolute_uri(done.set_password_path) if done.set_password_path else ""
    return Status(201, _out(done.person, link))


@router.get("/excel", response={200: None, **ERRORS}, summary="แม่แบบ Excel สำหรับนำเข้าผู้ใช้งาน")
def people_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(people_template_xlsx(_manager(request)), "govkpi-people.xlsx")


@router.post(
    "/excel",
    response={200: JobOut, 202: JobOut, **WRITE_ERRORS},
    summary="นำเข้าผู้ใช้งานจาก Excel (ทั้งหมดหรือไม่บันทึกเลย)",
    description="Runs as a background job: 200 when done, 202 while queued (poll /api/v1/jobs/{id}), "
    "422 with one problem per row and column when nothing was imported.",
)
def import_people(request: HttpRequest, file: File[UploadedFile]) -> Status[Job]:
    _manager(request)
    if file.size and file.size > MAX_UPLOAD:
        raise Invalid("ไฟล์ใหญ่เกิน 10 MB", "The file is larger than 10 MB.", field="file")
    data = file.read()
    people_precheck(data)
    job = start_job(
        IMPORT_JOB,
        title=f"นำเข้าผู้ใช้งานจาก {file.name}",
        owner=request.user,  # type: ignore[arg-type]
        input_file=(file.name or "people.xlsx", data),
    )
    if job.state == Job.State.FAILED:
        raise Invalid(job.message, "Nothing was imported; see problems.", problems=list(job.problems))
    return Status(200 if job.state == Job.State.DONE else 202, job)


@router.get("/{username}", response={200: PersonOut, **ERRORS}, summary="ผู้ใช้งานหนึ่งคน")
def get_person(request: HttpRequest, username: str) -> dict[str, Any]:
    return _out(people.person_for(_manager(request), username))


@router.patch("/{username}", response={200: PersonOut, **WRITE_ERRORS}, summary="แก้ไขข้อมูล หน่วยงาน หรือบทบาท")
def update_person(request: HttpRequest, username: str, payload: PersonPatch) -> dict[str, Any]:
    person = people.person_update(
        viewer=_manager(request),
        username=username,
        full_name_th=payload.full_name_th,
        position_th=payload.position_th,
        email=payload.email,
        organisation_code=payload.organisation,
        role=payload.role.value if payload.role else None,
    )
    return _out(person)


@router.post("/{username}/deactivate", response={200: PersonOut, **WRITE_ERRORS}, summary="ระงับบัญชี")
def deactivate_person(request: HttpRequest, username: str, payload: DeactivateIn | None = None) -> dict[str, Any]:
    reason = payload.reason if payload else ""
    return _out(people.person_deactivate(viewer=_manager(request), username=username, reason=reason))


@router.post("/{username}/reactivate", response={200: PersonOut, **WRITE_ERRORS}, summary="เปิดใช้บัญชีอีกครั้ง")
def reactivate_person(request: HttpRequest, username: str) -> dict[str, Any]:
    return _out(people.person_reactivate(viewer=_manager(request), username=username))


@router.post(
    "/{username}/password",
    response={200: PersonCreatedOut, **WRITE_ERRORS},
    summary="ตั้งรหัสผ่านใหม่ หรือออกลิงก์ตั้งรหัสผ่าน",
    description="The person's API tokens end either way (they were issued under the old password).",
)
def reset_password(request: HttpRequest, username: str, payload: PasswordIn | None = None) -> dict[str, Any]:
    done = people.person_reset_password(
        viewer=_manager(request), username=username, password=payload.password if payload else ""
    )
    link = request.build_absolute_uri(done.set_password_path) if done.set_password_path else ""
    return _out(done.person, link)
