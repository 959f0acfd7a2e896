"""Forms of deadline extension requests: asked by a coordinator, decided by OPDC."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govkpi.core.forms import ThaiDateField


class ExtensionRequestForm(forms.Form):
    requested_deadline = ThaiDateField(label=_("ขอขยายถึงวันที่"))
    reason = forms.CharField(label=_("เหตุผล"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ExtensionDecisionForm(forms.Form):
    """Shown beside other date forms (the proposal's and the round's extension): ids of its own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "decide_%s")
        super().__init__(*args, **kwargs)

    new_deadline = ThaiDateField(label=_("ขยายถึงวันที่ (ว่างไว้ = ตามที่ขอ)"), required=False)
    note = forms.CharField(
        label=_("หมายเหตุ (จำเป็นเมื่อไม่อนุมัติ)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RoundExtensionForm(forms.Form):
    new_deadline = ThaiDateField(label=_("ขยายถึงวันที่"))
    reason = forms.CharField(label=_("เหตุผล"), max_length=2000)
