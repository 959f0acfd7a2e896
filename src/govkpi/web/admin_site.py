"""The Django admin behind two-factor authentication: a password and a 6-digit authenticator code.

Only OPDC staff reach the admin, and only once a confirmed TOTP device (`govkpi otp add USERNAME`)
has verified them in this session; a staff member without a device is treated as not staff.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.plugins.otp_totp.models import TOTPDevice


class ThaiOtpAdminLoginForm(OTPAdminAuthenticationForm):  # type: ignore[misc]
    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        required=False,
        label=_("รหัสยืนยัน 6 หลักจากแอปยืนยันตัวตน"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 6}),
    )
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("กรุณากรอกรหัสยืนยัน 6 หลักจากแอปยืนยันตัวตน"),
        "invalid_token": _("รหัสยืนยันไม่ถูกต้องหรือหมดอายุแล้ว กรุณาลองใหม่"),
        "verification_not_allowed": _("ยืนยันผิดหลายครั้งเกินไป กรุณารอสักครู่แล้วลองใหม่"),
        "n_failed_attempts": _("ยืนยันผิดหลายครั้งเกินไป กรุณารอสักครู่แล้วลองใหม่"),
        "device_required": _("บัญชีนี้ยังไม่มีแอปยืนยันตัวตน: ขอให้ผู้ดูแลเครื่องแม่ข่ายสั่ง govkpi otp add ชื่อผู้ใช้"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("ชื่อผู้ใช้")
        self.fields["password"].label = _("รหัสผ่าน")

    def _chosen_device(self, user: Any) -> Any:
        """One authenticator per person: without a choice on the form, their confirmed TOTP device."""
        device = super()._chosen_device(user)
        if device is None:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        return device


class GovkpiAdminSite(OTPAdminSite):  # type: ignore[misc]
    """`admin.site`: OTPAdminSite under the usual name, so `admin:` URLs and registrations stay as they were."""

    login_form = ThaiOtpAdminLoginForm
    login_template = "admin/otp_login.html"
    site_header = "govkpi · ผู้ดูแลระบบ สำนักงาน ก.พ.ร."
    site_title = "govkpi"

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)
