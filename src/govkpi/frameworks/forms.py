"""Forms of deadline extension requests: asked by a coordinator, decided by OPDC."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from govkpi.core.forms import ThaiDateField


class ExtensionRequestForm(forms.Form):
    requested_deadline = ThaiDateField(label=_("ขอขยายถึงวันที่"))
    reason = forms.CharField(label=_("เหตุผล"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ExtensionDecisionForm(forms.Form):
    new_deadline = ThaiDateField(label=_("ขยายถึงวันที่ (ว่างไว้ = ตามที่ขอ)"), required=False)
    note = forms.CharField(
        label=_("หมายเหตุ (จำเป็นเมื่อไม่อนุมัติ)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RoundExtensionForm(forms.Form):
    new_deadline = ThaiDateField(label=_("ขยายถึงวันที่"))
    reason = forms.CharField(label=_("เหตุผล"), max_length=2000)
