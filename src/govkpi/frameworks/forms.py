"""Forms of deadline extension requests (asked by a coordinator, decided by OPDC) and of the
framework designer's sections."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from govkpi.core.forms import ThaiDateField
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework
from govkpi.organisations.choices import OrganisationKind
from govkpi.organisations.models import Organisation


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


# --- the framework designer (OPDC) -------------------------------------------------------------


def _kpi_type_choices() -> list[tuple[str, str]]:
    from django.apps import apps

    # kpis sits above frameworks: the choices come through the Kpi model's field, not an import.
    field = apps.get_model("kpis", "Kpi")._meta.get_field("kpi_type")
    return [(str(code), str(label)) for code, label in field.choices or []]


def _framework_label(framework: Framework) -> str:
    english = (get_language() or "th").startswith("en")
    return framework.name_en if english and framework.name_en else framework.name_th


class NewFrameworkForm(forms.Form):
    year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)
    group = forms.ChoiceField(label=_("กลุ่มผู้รับการประเมิน"), choices=GroupCode.choices)
    copy_from = forms.ModelChoiceField(
        label=_("คัดลอกจาก (ว่างไว้ = เริ่มใหม่)"), queryset=Framework.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["copy_from"]
        field.queryset = Framework.objects.select_related("fiscal_year")  # type: ignore[attr-defined]
        field.label_from_instance = _framework_label  # type: ignore[attr-defined]


class SettingsForm(forms.Form):
    name_th = forms.CharField(label=_("ชื่อกรอบการประเมิน (ไทย)"), max_length=300)
    name_en = forms.CharField(label=_("ชื่อภาษาอังกฤษ"), max_length=300, required=False)
    proposal_deadline = ThaiDateField(label=_("กำหนดส่งข้อเสนอตัวชี้วัด"), required=False)
    monitoring_only = forms.BooleanField(label=_("ติดตามผลเท่านั้น ไม่จัดระดับ"), required=False)
    kpi_types = forms.MultipleChoiceField(
        label=_("ประเภทตัวชี้วัดที่เสนอได้"), widget=forms.CheckboxSelectMultiple, choices=(), required=False
    )
    appeal_window_days = forms.IntegerField(label=_("ยื่นอุทธรณ์ได้ภายใน (วัน)"), min_value=0, max_value=365)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kpi_types"].choices = _kpi_type_choices()  # type: ignore[attr-defined]


class ComponentForm(forms.Form):
    code = forms.SlugField(label=_("รหัส"), max_length=30)
    name_th = forms.CharField(label=_("ชื่อ (ไทย)"), max_length=200)
    name_en = forms.CharField(label=_("ชื่อภาษาอังกฤษ"), max_length=200, required=False)
    weight = forms.DecimalField(label=_("น้ำหนัก (ร้อยละ)"), max_digits=6, decimal_places=2, min_value=0)
    min_kpis = forms.IntegerField(label=_("ตัวชี้วัดอย่างน้อย"), min_value=0, max_value=100)
    max_kpis = forms.IntegerField(label=_("ตัวชี้วัดไม่เกิน"), min_value=0, max_value=100)


class LevelForm(forms.Form):
    name_th = forms.CharField(label=_("ชื่อขั้น (ไทย)"), max_length=100)
    name_en = forms.CharField(label=_("ชื่อภาษาอังกฤษ"), max_length=100, required=False)
    points = forms.DecimalField(label=_("คะแนน"), max_digits=7, decimal_places=2, min_value=0)


class LadderForm(forms.Form):
    below_lowest_points = forms.DecimalField(
        label=_("คะแนนเมื่อผลต่ำกว่าค่าเป้าหมายขั้นแรก"), max_digits=7, decimal_places=2, min_value=0
    )


class BandForm(forms.Form):
    name_th = forms.CharField(label=_("ชื่อระดับ (ไทย)"), max_length=100)
    name_en = forms.CharField(label=_("ชื่อภาษาอังกฤษ"), max_length=100, required=False)
    min_score = forms.DecimalField(label=_("คะแนนขั้นต่ำ"), max_digits=6, decimal_places=2)
    colour = forms.RegexField(
        label=_("สี"), regex=r"^#[0-9a-fA-F]{6}$", initial="#888888", widget=forms.TextInput(attrs={"type": "color"})
    )


class RoundForm(forms.Form):
    # A blank first choice: the extra (empty) row must not count as filled in.
    months = forms.TypedChoiceField(
        label=_("รอบ (เดือน)"), choices=[("", "–"), (6, "6"), (9, "9"), (12, "12")], coerce=int, empty_value=None
    )
    opens_on = ThaiDateField(label=_("เปิดรับรายงาน"))
    closes_on = ThaiDateField(label=_("ปิดรับรายงาน"))


class ParticipantsForm(forms.Form):
    codes = forms.CharField(
        label=_("รหัสหน่วยงานที่รับการประเมิน (คั่นด้วยช่องว่างหรือจุลภาค)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    all_provinces = forms.BooleanField(label=_("เพิ่มทุกจังหวัด"), required=False)
    ministry = forms.ModelChoiceField(
        label=_("เพิ่มทุกหน่วยงานในสังกัดกระทรวง"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ministry"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            kind=OrganisationKind.MINISTRY, is_active=True
        ).order_by("code")

    def code_list(self) -> list[str]:
        return [c for c in re.split(r"[\s,]+", self.cleaned_data.get("codes") or "") if c]


ComponentFormSet = forms.formset_factory(ComponentForm, extra=1, can_delete=True)
LevelFormSet = forms.formset_factory(LevelForm, extra=2, can_delete=True)
BandFormSet = forms.formset_factory(BandForm, extra=1, can_delete=True)
RoundFormSet = forms.formset_factory(RoundForm, extra=1, can_delete=True)
