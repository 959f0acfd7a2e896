"""The people pages: list, create, edit, deactivate and reactivate accounts, a new set-password
link, and the Excel import. For OPDC's administrator (everyone) and an organisation's user
administrator (its own staff). The rules are `organisations.access`; the writes `organisations.people`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from govkpi.core.errors import ServiceError
from govkpi.core.excel_safety import MAX_UPLOAD
from govkpi.core.jobs import start_job
from govkpi.core.templatetags.thai import loc
from govkpi.core.views import bool_param, paginate, refusal_shown, show_refusal, xlsx_response
from govkpi.organisations import people, selectors
from govkpi.organisations.access import Viewer, grantable_roles, may_change_standing, viewer_of
from govkpi.organisations.choices import Role
from govkpi.organisations.models import Organisation, Person
from govkpi.organisations.people_excel import IMPORT_JOB, people_precheck, people_template_xlsx

NEW_LINK = "people-new-link"  # the session key of a set-password link shown once


def _manager(request: HttpRequest) -> Viewer:
    viewer = viewer_of(request)
    if not viewer.manages_people:
        raise PermissionDenied(
            "เฉพาะผู้ดูแลระบบ สำนักงาน ก.พ.ร. และผู้ดูแลผู้ใช้งานของหน่วยงานเท่านั้น / "
            "Only OPDC's administrator and organisations' user administrators manage people."
        )
    return viewer


def _organisations(viewer: Viewer) -> list[Organisation]:
    qs = Organisation.objects.filter(is_active=True).order_by("kind", "code")
    return list(qs if viewer.is_opdc_admin else qs.filter(pk=viewer.organisation_id or 0))


def _role_choices(viewer: Viewer) -> list[tuple[str, str]]:
    return [(code, str(Role(code).label)) for code in grantable_roles(viewer)]


class PersonForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("ชื่อผู้ใช้ (ใช้เข้าสู่ระบบ)"), max_length=150)
    full_name_th = forms.CharField(label=gettext_lazy("ชื่อ-นามสกุล"), max_length=200)
    position_th = forms.CharField(label=gettext_lazy("ตำแหน่ง"), max_length=200, required=False)
    email = forms.EmailField(label=gettext_lazy("อีเมล"), required=False)
    organisation = forms.ChoiceField(label=gettext_lazy("หน่วยงานที่สังกัด"))
    role = forms.ChoiceField(label=gettext_lazy("บทบาท"))
    password = forms.CharField(
        label=gettext_lazy("รหัสผ่านเริ่มต้น"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("เว้นว่างไว้เพื่อส่งลิงก์ให้ผู้ใช้ตั้งรหัสผ่านเองทางอีเมล"),
    )

    def __init__(self, *args: Any, viewer: Viewer, person: Person | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_field = self.fields["organisation"]
        assert isinstance(organisation_field, forms.ChoiceField)
        organisation_field.choices = [(o.code, f"{o.code} · {loc(o)}") for o in _organisations(viewer)]
        roles = _role_choices(viewer)
        if person is not None:
            del self.fields["username"], self.fields["password"]
            if not may_change_standing(
                viewer,
                user_id=person.user_id,
                organisation_id=person.organisation_id,
                role=person.role,
                is_superuser=person.user.is_superuser,
            ):
                # One's own binding is shown, not offered: another administrator changes it.
                self.fields["organisation"].disabled = self.fields["role"].disabled = True
                organisation_field.choices = [(person.organisation.code, loc(person.organisation))]
                roles = [(person.role, person.get_role_display())]
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = roles


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    viewer = _manager(request)
    role = request.GET.get("role", "")
    qs = selectors.people_list(
        viewer=viewer,
        organisation=request.GET.get("organisation", "").strip(),
        role=role if role in Role.values else "",
        active=bool_param(request, "active"),
        q=request.GET.get("q", "").strip(),
    )
    page, querystring = paginate(request, qs, 50)
    template = "people/_results.html" if getattr(request, "htmx", False) else "people/list.html"
    return render(
        request,
        template,
        {
            "page": page,
            "querystring": querystring,
            "organisations": _organisations(viewer),
            "roles": Role.choices if viewer.is_opdc_admin else _role_choices(viewer),
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    viewer = _manager(request)
    initial = {"organisation": viewer.organisation_code, "role": Role.COORDINATOR}
    form = PersonForm(request.POST or None, viewer=viewer, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = people.person_create(
                viewer=viewer,
                username=data["username"],
                full_name_th=data["full_name_th"],
                position_th=data["position_th"],
                email=data["email"],
                organisation_code=data["organisation"],
                role=data["role"],
                password=data["password"],
            )
        except ServiceError as exc:
            show_refusal(request, exc, form)
        else:
            messages.success(request, _("สร้างบัญชี %(username)s แล้ว") % {"username": done.person.user.username})
            if done.set_password_path:
                request.session[NEW_LINK] = request.build_absolute_uri(done.set_password_path)
            return redirect("person-detail", username=done.person.user.username)
    return render(request, "people/form.html", {"form": form, "person": None}, status=422 if form.errors else 200)


@login_required
def person_detail(request: HttpRequest, username: str) -> HttpResponse:
    viewer = _manager(request)
    person = people.person_for(viewer, username)
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "events": [(e, people.ACTIONS.get(e.action, e.action)) for e in people.account_events(person)],
            "new_link": request.session.pop(NEW_LINK, ""),
            "may_change_standing": may_change_standing(
                viewer,
                user_id=person.user_id,
                organisation_id=person.organisation_id,
                role=person.role,
                is_superuser=person.user.is_superuser,
            ),
            "roles": {**dict(Role.choices), people.ACTIVE: _("ใช้งานได้"), people.INACTIVE: _("ระงับแล้ว")},
        },
    )


@login_required
def person_edit(request: HttpRequest, username: str) -> HttpResponse:
    viewer = _manager(request)
    person = people.person_for(viewer, username)
    initial = {
        "full_name_th": person.full_name_th,
        "position_th": person.position_th,
        "email": person.user.email,
        "organisation": person.organisation.code,
        "role": person.role,
    }
    form = PersonForm(request.POST or None, viewer=viewer, person=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            people.person_update(
                viewer=viewer,
                username=username,
                full_name_th=data["full_name_th"],
                position_th=data["position_th"],
                email=data["email"],
                organisation_code=data["organisation"],
                role=data["role"],
            )
        except ServiceError as exc:
            show_refusal(request, exc, form)
        else:
            messages.success(request, _("บันทึกข้อมูลของ %(username)s แล้ว") % {"username": username})
            return redirect("person-detail", username=username)
    return render(request, "people/form.html", {"form": form, "person": person}, status=422 if form.errors else 200)


@login_required
@require_POST
def person_deactivate(request: HttpRequest, username: str) -> HttpResponse:
    viewer = _manager(request)
    people.person_for(viewer, username)  # someone outside one's remit: 404, not a message
    with refusal_shown(request):
        people.person_deactivate(viewer=viewer, username=username, reason=request.POST.get("reason", ""))
        messages.success(request, _("ระงับบัญชี %(username)s แล้ว") % {"username": username})
    return redirect("person-detail", username=username)


@login_required
@require_POST
def person_reactivate(request: HttpRequest, username: str) -> HttpResponse:
    viewer = _manager(request)
    people.person_for(viewer, username)  # someone outside one's remit: 404, not a message
    with refusal_shown(request):
        people.person_reactivate(viewer=viewer, username=username)
        messages.success(request, _("เปิดใช้บัญชี %(username)s อีกครั้งแล้ว") % {"username": username})
    return redirect("person-detail", username=username)


@login_required
@require_POST
def person_password(request: HttpRequest, username: str) -> HttpResponse:
    """A new one-time set-password link (the old password stops working), shown once and e-mailed."""
    viewer = _manager(request)
    people.person_for(viewer, username)  # someone outside one's remit: 404, not a message
    with refusal_shown(request):
        done = people.person_reset_password(viewer=viewer, username=username)
        request.session[NEW_LINK] = request.build_absolute_uri(done.set_password_path)
        messages.success(request, _("ออกลิงก์ตั้งรหัสผ่านใหม่ให้ %(username)s แล้ว") % {"username": username})
    return redirect("person-detail", username=username)


@login_required
def people_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(people_template_xlsx(_manager(request)), "govkpi-people.xlsx")


@login_required
def people_import(request: HttpRequest) -> HttpResponse:
    _manager(request)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("กรุณาเลือกไฟล์ Excel (.xlsx)")
        elif upload.size and upload.size > MAX_UPLOAD:
            error = _("ไฟล์ใหญ่เกิน 10 MB")
        else:
            data = upload.read()
            try:
                people_precheck(data)
            except ServiceError as exc:
                error = exc.message_th
            else:
                job = start_job(
                    IMPORT_JOB,
                    title=f"นำเข้าผู้ใช้งานจาก {upload.name}",
                    owner=request.user,  # type: ignore[arg-type]
                    input_file=(upload.name or "people.xlsx", data),
                )
                return redirect(job.get_absolute_url())
    return render(request, "people/import.html", {"error": error}, status=422 if error else 200)
