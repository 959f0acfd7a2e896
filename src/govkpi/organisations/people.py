"""People's accounts: create, bind to an organisation and role, deactivate, reactivate, reset a
password. The one place these writes happen (pages, API, command and the Excel import call here).

Who may do it to whom is `organisations.access` (`may_manage_person`, `may_bind`,
`may_change_standing`, `grantable_roles`). Every write is atomic and audited twice: the Person's
simple-history row (with `_history_user` and the action as the change reason) and a
`core.WorkflowEvent` on the Person naming the action, the state before and after, and who did it,
so that changes of the user account itself (active or not, password, e-mail) are on record too.

A deactivated account keeps its Person, history and everything it did; it only cannot log in,
and its API tokens stop working (`organisations.tokens.api_token_accept` asks `is_active`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from govkpi.core.errors import Invalid, NotAllowed, NotFound
from govkpi.core.models import WorkflowEvent
from govkpi.organisations.access import (
    Viewer,
    grantable_roles,
    may_bind,
    may_change_standing,
    may_manage_person,
)
from govkpi.organisations.choices import ROLE_EN, Role
from govkpi.organisations.models import Organisation, Person

#: A trusted operator at the server (`govkpi people` without --as): OPDC administrator's rights.
OPERATOR = Viewer(user_id=0, username="operator", is_superuser=True)

#: What each account event means, for the audit trail on the person's page (Thai first).
ACTIONS: dict[str, Any] = {
    "account.create": _("สร้างบัญชีผู้ใช้"),
    "account.update": _("แก้ไขข้อมูลผู้ใช้"),
    "account.email": _("เปลี่ยนอีเมล"),
    "account.bind": _("เปลี่ยนหน่วยงานหรือบทบาท"),
    "account.deactivate": _("ระงับบัญชี"),
    "account.reactivate": _("เปิดใช้บัญชีอีกครั้ง"),
    "account.password": _("ตั้งรหัสผ่านใหม่"),
    "account.invite": _("ออกลิงก์ตั้งรหัสผ่าน"),
}
ACTIVE, INACTIVE = "active", "inactive"
#: Names the people pages and API use for themselves (/people/new/, /api/v1/people/excel).
RESERVED_USERNAMES = {"new", "import", "excel", "template.xlsx"}


@dataclass(frozen=True)
class AccountResult:
    """A person after a write, and the set-password link when one was issued (shown once)."""

    person: Person
    set_password_path: str = ""


def _user_of(viewer: Viewer) -> AbstractBaseUser | None:
    if not viewer.user_id:
        return None
    return get_user_model().objects.filter(pk=viewer.user_id).first()


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def check_manages(viewer: Viewer, person: Person) -> None:
    if not may_manage_person(
        viewer, organisation_id=person.organisation_id, role=person.role, is_superuser=person.user.is_superuser
    ):
        # Not 403: someone outside one's remit is as if not there (the list does not show them either).
        raise NotFound(f"ไม่พบผู้ใช้ {person.user.username}", f"No such person: {person.user.username}.")


def _check_binding(viewer: Viewer, organisation: Organisation, role: str) -> None:
    if role not in Role.values:
        raise Invalid(f"ไม่รู้จักบทบาท {role}", f"Unknown role {role}; one of {', '.join(Role.values)}.", field="role")
    if not may_bind(viewer, organisation_id=organisation.pk, role=role):
        allowed = ", ".join(grantable_roles(viewer)) or "-"
        if role not in grantable_roles(viewer):
            raise NotAllowed(
                f"คุณกำหนดบทบาท {_role_label(role)} ไม่ได้ (กำหนดได้: {allowed})",
                f"You may not give the role {ROLE_EN.get(role, role)} (you may give: {allowed}).",
                field="role",
            )
        raise NotAllowed(
            f"คุณจัดการผู้ใช้ได้เฉพาะของหน่วยงานของคุณ ไม่ใช่ {organisation.code}",
            f"You manage only your own organisation's people, not {organisation.code}'s.",
            field="organisation",
        )


def organisation_by_code(code: str, *, field: str = "organisation") -> Organisation:
    organisation = Organisation.objects.filter(code__iexact=code.strip(), is_active=True).first()
    if organisation is None:
        raise Invalid(f"ไม่รู้จักรหัสหน่วยงาน {code}", f"Unknown organisation code {code}.", field=field)
    return organisation


def username_problem(username: str) -> tuple[str, str] | None:
    """Why `username` cannot name a new account (Thai, English), or None; whether it is taken is
    asked apart (the import asks for many at once)."""
    try:
        if not username:
            raise ValidationError("empty")
        get_user_model().username_validator(username)
    except ValidationError:
        return (
            f"ชื่อผู้ใช้ {username} ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ @ . + - _",
            f"the username {username} may hold only letters, digits and @ . + - _",
        )
    if len(username) > 150:
        return "ชื่อผู้ใช้ยาวเกิน 150 ตัวอักษร", "the username is longer than 150 characters"
    if username.casefold() in RESERVED_USERNAMES:
        return f"ชื่อผู้ใช้ {username} เป็นคำที่ระบบสงวนไว้", f"the username {username} is reserved"
    return None


def email_problem(email: str) -> tuple[str, str] | None:
    try:
        validate_email(email)
    except ValidationError:
        return f"อีเมล {email} ไม่ถูกต้อง", f"{email} is not an e-mail address"
    return None


def clean_username(username: str) -> str:
    username = username.strip()
    problem = username_problem(username)
    if problem is not None:
        raise Invalid(*problem, field="username")
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise Invalid(f"ชื่อผู้ใช้ {username} มีอยู่แล้ว", f"The username {username} is taken.", field="username")
    return username


def clean_email(email: str) -> str:
    email = email.strip()
    problem = email_problem(email) if email else None
    if problem is not None:
        raise Invalid(*problem, field="email")
    return email


def clean_full_name(full_name_th: str) -> str:
    name = " ".join(full_name_th.split())
    if not name or len(name) > 200:
        raise Invalid(
            "กรุณากรอกชื่อ-นามสกุล (ไม่เกิน 200 ตัวอักษร)", "Give the full name (at most 200 characters).", field="full_name_th"
        )
    return name


def _check_password(password: str, user: Any) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise Invalid(
            "รหัสผ่านไม่ผ่านเกณฑ์: " + " ".join(str(m) for m in exc.messages),
            "The password is too weak: " + " ".join(str(m) for m in exc.messages),
            field="password",
        ) from exc


def _record(person: Person, *, action: str, by: Any, before: str = "", after: str = "", comment: str = "") -> None:
    WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(Person),
        object_id=person.pk,
        organisation_id=person.organisation_id,
        action=action,
        from_state=before[:30],
        to_state=after[:30],
        comment=comment,
        actor=by,
    )


def _save_person(person: Person, *, by: AbstractBaseUser | None, action: str) -> None:
    person._history_user = by  # type: ignore[attr-defined]
    person._change_reason = str(ACTIONS[action])  # type: ignore[attr-defined]
    person.save()


def set_password_path(user: Any) -> str:
    """The one-time link where the user sets their own password (Django's password reset token:
    it stops working once the password is set, and after PASSWORD_RESET_TIMEOUT)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("set-password", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})


def _send_link(user: Any, path: str, *, first: bool) -> None:
    """E-mail the link (after the write commits: a refused write sends nothing)."""
    if not user.email:
        return
    site = str(settings.GOVKPI_SITE_URL).rstrip("/")
    intro = "มีการสร้างบัญชีผู้ใช้ระบบ govkpi ให้คุณ" if first else "มีการรีเซ็ตรหัสผ่านบัญชีระบบ govkpi ของคุณ"
    body = (
        f"{intro} ชื่อผู้ใช้: {user.username}\n"
        f"ตั้งรหัสผ่านของคุณที่ลิงก์นี้ (ใช้ได้ครั้งเดียว): {site}{path}\n\n"
        "ข้อความนี้ส่งจากระบบ govkpi (สำนักงาน ก.พ.ร.) โดยอัตโนมัติ โปรดอย่าตอบกลับ"
    )
    message = EmailMessage(
        subject="[govkpi] ตั้งรหัสผ่านบัญชีผู้ใช้ / Set your govkpi password",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    transaction.on_commit(lambda: message.send(fail_silently=True))


@transaction.atomic
def person_create(
    *,
    viewer: Viewer,
    username: str,
    full_name_th: str,
    organisation_code: str,
    role: str,
    email: str = "",
    position_th: str = "",
    password: str = "",
) -> AccountResult:
    """A new account bound to an organisation and role. With `password` it is the initial
    password; without, the account has none yet and a set-password link is returned (shown once)
    and e-mailed to the person."""
    by = _user_of(viewer)
    organisation = organisation_by_code(organisation_code)
    _check_binding(viewer, organisation, role)
    username = clean_username(username)
    email = clean_email(email)
    name = clean_full_name(full_name_th)
    if not password and not email:
        raise Invalid(
            "กรุณากำหนดรหัสผ่านเริ่มต้น หรือกรอกอีเมลเพื่อส่งลิงก์ตั้งรหัสผ่าน",
            "Give an initial password, or an e-mail address to send the set-password link to.",
            field="email",
        )
    User = get_user_model()
    user = User(username=username, email=email)
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    person = Person(
        user=user, organisation=organisation, role=role, full_name_th=name, position_th=position_th.strip()[:200]
    )
    _save_person(person, by=by, action="account.create")
    _record(person, action="account.create", by=by, after=role, comment=f"{organisation.code} · {username}")
    path = ""
    if not password:
        path = set_password_path(user)
        _send_link(user, path, first=True)
    return AccountResult(person=person, set_password_path=path)


def person_for(viewer: Viewer, username: str, *, for_update: bool = False) -> Person:
    """The person behind `username` if this viewer manages them (else 404, as if not there)."""
    qs = Person.objects.select_related("user", "organisation")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    person = qs.filter(user__username=username).first()
    if person is None:
        raise NotFound(f"ไม่พบผู้ใช้ {username}", f"No such person: {username}.", field="username")
    check_manages(viewer, person)
    return person


def _check_standing(viewer: Viewer, person: Person, what_th: str, what_en: str) -> None:
    if not may_change_standing(
        viewer,
        user_id=person.user_id,
        organisation_id=person.organisation_id,
        role=person.role,
        is_superuser=person.user.is_superuser,
    ):
        raise NotAllowed(
            f"คุณ{what_th}บัญชีของตนเองไม่ได้ กรุณาให้ผู้ดูแลอีกคนดำเนินการ",
            f"You may not {what_en} your own account; ask another administrator.",
        )


@transaction.atomic
def person_update(
    *,
    viewer: Viewer,
    username: str,
    full_name_th: str | None = None,
    position_th: str | None = None,
    email: str | None = None,
    organisation_code: str | None = None,
    role: str | None = None,
) -> Person:
    """Change what is given (None: unchanged). A new organisation or role must be one the viewer
    may bind; nobody changes their own organisation or role."""
    by = _user_of(viewer)
    person = person_for(viewer, username, for_update=True)
    user = person.user
    changed: list[str] = []
    if full_name_th is not None and clean_full_name(full_name_th) != person.full_name_th:
        person.full_name_th = clean_full_name(full_name_th)
        changed.append("full_name_th")
    if position_th is not None and position_th.strip()[:200] != person.position_th:
        person.position_th = position_th.strip()[:200]
        changed.append("position_th")
    new_email = clean_email(email) if email is not None else user.email
    new_org = organisation_by_code(organisation_code) if organisation_code else person.organisation
    new_role = role if role else person.role
    rebinding = new_org.pk != person.organisation_id or new_role != person.role
    if rebinding:
        _check_standing(viewer, person, "เปลี่ยนหน่วยงานหรือบทบาทของ", "change the organisation or role of")
        _check_binding(viewer, new_org, new_role)
    if new_email != user.email:
        _record(person, action="account.email", by=by, comment=f"{user.email or '-'} → {new_email or '-'}")
        user.email = new_email
        user.save(update_fields=["email"])
    if rebinding:
        _record(
            person,
            action="account.bind",
            by=by,
            before=person.role,
            after=new_role,
            comment=f"{person.organisation.code} → {new_org.code}",
        )
        if new_role != Role.OPDC_ADMIN and (user.is_superuser or user.is_staff):
            # The binding is what the system reads; a system administrator moved out of OPDC's
            # administrator role stops being one (and loses the Django admin).
            user.is_superuser = user.is_staff = False
            user.save(update_fields=["is_superuser", "is_staff"])
        person.organisation, person.role = new_org, new_role
        changed.append("binding")
    if changed:
        _save_person(person, by=by, action="account.bind" if rebinding else "account.update")
        if not rebinding:
            _record(person, action="account.update", by=by)
    return person


@transaction.atomic
def person_deactivate(*, viewer: Viewer, username: str, reason: str = "") -> Person:
    """The account can no longer log in and its API tokens stop working; its history stays."""
    by = _user_of(viewer)
    person = person_for(viewer, username, for_update=True)
    _check_standing(viewer, person, "ระงับ", "deactivate")
    user = person.user
    if not user.is_active:
        return person
    user.is_active = False
    user.save(update_fields=["is_active"])
    _save_person(person, by=by, action="account.deactivate")
    _record(person, action="account.deactivate", by=by, before=ACTIVE, after=INACTIVE, comment=reason.strip()[:500])
    return person


@transaction.atomic
def person_reactivate(*, viewer: Viewer, username: str) -> Person:
    by = _user_of(viewer)
    person = person_for(viewer, username, for_update=True)
    _check_standing(viewer, person, "เปิดใช้", "reactivate")
    user = person.user
    if user.is_active:
        return person
    user.is_active = True
    user.save(update_fields=["is_active"])
    _save_person(person, by=by, action="account.reactivate")
    _record(person, action="account.reactivate", by=by, before=INACTIVE, after=ACTIVE)
    return person


@transaction.atomic
def person_reset_password(*, viewer: Viewer, username: str, password: str = "") -> AccountResult:
    """A new password (`password`), or, without one, the old one stops working and a one-time
    set-password link is returned and e-mailed. Either way the person's API tokens end (they were
    issued under the old password)."""
    by = _user_of(viewer)
    person = person_for(viewer, username, for_update=True)
    user = person.user
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save(update_fields=["password"])
    _save_person(person, by=by, action="account.password" if password else "account.invite")
    _record(person, action="account.password" if password else "account.invite", by=by)
    path = ""
    if not password:
        path = set_password_path(user)
        _send_link(user, path, first=False)
    return AccountResult(person=person, set_password_path=path)


def account_events(person: Person) -> list[WorkflowEvent]:
    """The person's account events, newest first (the audit trail their page shows)."""
    return list(
        WorkflowEvent.objects.filter(content_type=ContentType.objects.get_for_model(Person), object_id=person.pk)
        .select_related("actor__person")
        .order_by("-at", "-pk")[:100]
    )
