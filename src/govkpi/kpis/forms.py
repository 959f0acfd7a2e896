"""Forms of the proposal editor: they only collect values; `kpis.services` checks them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from govkpi.basket.models import Domain
from govkpi.core.forms import ThaiDateField
from govkpi.frameworks.choices import Direction, Measure
from govkpi.frameworks.models import Framework
from govkpi.frameworks.selectors import ladder_of
from govkpi.kpis.choices import KpiType, StrategicRelation, Support
from govkpi.kpis.models import Kpi, StrategicKpi

BASELINE_YEARS = 3


class KpiForm(forms.Form):
    """The full KPI template plus the organisation's choices; one target field per target level."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Thai KPI names run long (100+ characters): a full-width box that wraps, not a 220 px input.
    name_th = forms.CharField(
        label=_("ชื่อตัวชี้วัด"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "wide"}),
    )
    name_en = forms.CharField(
        label=_("ชื่อภาษาอังกฤษ"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "wide"}),
    )
    kpi_type = forms.ChoiceField(label=_("ประเภทตัวชี้วัด"), choices=KpiType.choices, required=False)
    domain = forms.ChoiceField(label=_("ด้าน"), choices=[("", "–"), *Domain.choices], required=False)
    definition_th = forms.CharField(label=_("คำอธิบาย"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    formula_th = forms.CharField(label=_("สูตรการคำนวณ"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    unit_th = forms.CharField(label=_("หน่วยวัด"), max_length=60, required=False)
    direction = forms.ChoiceField(label=_("ทิศทาง"), choices=Direction.choices, required=False)
    measure = forms.ChoiceField(label=_("ลักษณะการวัด"), choices=Measure.choices, required=False)
    data_source_th = forms.CharField(label=_("แหล่งข้อมูล"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    evidence_th = forms.CharField(label=_("หลักฐานประกอบ"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    responsible_th = forms.CharField(label=_("ผู้รับผิดชอบ"), required=False)
    scope_th = forms.CharField(label=_("ขอบเขตการประเมิน"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    collection_th = forms.CharField(label=_("วิธีการจัดเก็บข้อมูล"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    criteria_th = forms.CharField(
        label=_("ประเด็นการประเมิน / เกณฑ์การให้คะแนน"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    component = forms.ChoiceField(label=_("องค์ประกอบ"), choices=(), required=False)
    weight = forms.CharField(label=_("น้ำหนัก (ร้อยละ)"), required=False)
    is_monitor = forms.BooleanField(label=_("ตัวชี้วัด Monitor (รายงานผลแต่ไม่คิดคะแนน)"), required=False)
    plan_links = forms.CharField(
        label=_("ความเชื่อมโยงกับแผนระดับชาติ (รหัส คั่นด้วยจุลภาค)"), required=False, help_text="เช่น S1, M03, SDG8"
    )
    support = forms.ChoiceField(label=_("การสนับสนุนเป้าหมายระดับชาติ"), choices=Support.choices, required=False)
    national_target_th = forms.CharField(label=_("ค่าเป้าหมายตามแผนระดับชาติ"), required=False)
    national_target_value = forms.CharField(label=_("ค่าเป้าหมายระดับชาติ (ตัวเลข)"), required=False)
    below_plan_reason_th = forms.CharField(
        label=_("เหตุผลที่ค่าเป้าหมายต่ำกว่าแผน"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    strategic = forms.ChoiceField(label=_("Strategic KPI ที่ถ่ายทอด"), choices=(), required=False)
    strategic_relation = forms.ChoiceField(
        label=_("ความสัมพันธ์กับ Strategic KPI"), choices=[("", "–"), *StrategicRelation.choices], required=False
    )

    def __init__(
        self, *args: Any, framework: Framework, locked: set[str] | frozenset[str] = frozenset(), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.levels = ladder_of(framework)
        self.fields["component"].choices = [(c.code, c.name_th) for c in framework.components.order_by("order")]  # type: ignore[attr-defined]
        # The Strategic KPIs of the framework's fiscal year, by code (`kpis.services.strategic_of` checks it).
        self.fields["strategic"].choices = [  # type: ignore[attr-defined]
            ("", "–"),
            *(
                (code, f"{code} {name}"[:90])
                for code, name in StrategicKpi.objects.filter(fiscal_year_id=framework.fiscal_year_id)
                .order_by("code")
                .values_list("code", "name_th")
            ),
        ]
        for level in self.levels:
            self.fields[f"target_{level.index}"] = forms.CharField(
                label=level.name, required=False, widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8})
            )
        for i in range(BASELINE_YEARS):
            self.fields[f"baseline_year_{i}"] = forms.CharField(label=_("ปี พ.ศ."), required=False)
            self.fields[f"baseline_value_{i}"] = forms.CharField(label=_("ค่า"), required=False)
        # Which fields are locked is `kpis.field_rules`' decision (the view passes it); the form only
        # shows it: disabled (the browser sends nothing, Django keeps the initial value) and marked.
        self.locked = set(locked)
        for name in self.locked:
            for field in self._form_fields(name):
                self.fields[field].disabled = True
                self.fields[field].label = format_lazy("{} ({})", self.fields[field].label, _("ล็อก"))
                self.fields[field].widget.attrs.update(
                    {
                        "class": f"{self.fields[field].widget.attrs.get('class', '')} locked".strip(),
                        "title": _("ช่องนี้แก้ไขไม่ได้สำหรับตัวชี้วัดนี้"),
                        "data-locked": "1",
                        "aria-disabled": "true",
                        "readonly": True,
                    }
                )

    def _form_fields(self, name: str) -> list[str]:
        if name == "targets":
            return [f"target_{i}" for i in range(len(self.levels))]
        if name == "baseline":
            return [f"baseline_{k}_{i}" for i in range(BASELINE_YEARS) for k in ("year", "value")]
        return [name] if name in self.fields else []

    def field_of(self, name: str | None) -> str | None:
        """The form field to attach a service error on."""
        if not name:
            return None
        fields = self._form_fields(name.split(".")[0])
        return fields[0] if fields else None

    def target_fields(self) -> list[forms.BoundField]:
        return [self[f"target_{i}"] for i in range(len(self.levels))]

    def baseline_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"baseline_year_{i}"], self[f"baseline_value_{i}"]) for i in range(BASELINE_YEARS)]

    def values(self) -> dict[str, Any]:
        """The changed values for the service (locked fields left out)."""
        data = self.cleaned_data
        values: dict[str, Any] = {}
        for name in (
            "name_th",
            "name_en",
            "kpi_type",
            "domain",
            "definition_th",
            "formula_th",
            "unit_th",
            "direction",
            "measure",
            "data_source_th",
            "evidence_th",
            "responsible_th",
            "scope_th",
            "collection_th",
            "criteria_th",
            "component",
            "weight",
            "is_monitor",
            "support",
            "national_target_th",
            "national_target_value",
            "below_plan_reason_th",
            "strategic",
            "strategic_relation",
        ):
            if name not in self.locked:
                values[name] = data.get(name)
        if "targets" not in self.locked:
            values["targets"] = [data.get(f"target_{i}") or "" for i in range(len(self.levels))]
        if "baseline" not in self.locked:
            values["baseline"] = [
                {"year": data[f"baseline_year_{i}"], "value": data.get(f"baseline_value_{i}") or ""}
                for i in range(BASELINE_YEARS)
                if data.get(f"baseline_year_{i}")
            ]
        if "plan_links" not in self.locked:
            values["plan_links"] = [c.strip() for c in (data.get("plan_links") or "").split(",") if c.strip()]
        if not values.get("kpi_type"):
            values.pop("kpi_type", None)
        return values

    @classmethod
    def initial_for(cls, kpi: Kpi) -> dict[str, Any]:
        initial: dict[str, Any] = {
            f: getattr(kpi, f)
            for f in (
                "name_th",
                "name_en",
                "kpi_type",
                "domain",
                "definition_th",
                "formula_th",
                "unit_th",
                "direction",
                "measure",
                "data_source_th",
                "evidence_th",
                "responsible_th",
                "scope_th",
                "collection_th",
                "criteria_th",
                "is_monitor",
                "support",
                "national_target_th",
                "below_plan_reason_th",
            )
        }
        initial["lock_version"] = kpi.lock_version
        initial["component"] = kpi.component.code
        initial["weight"] = format(kpi.weight.normalize(), "f")
        initial["national_target_value"] = (
            "" if kpi.national_target_value is None else format(kpi.national_target_value.normalize(), "f")
        )
        initial["plan_links"] = ", ".join(p.code for p in kpi.plan_links.all())
        initial["strategic"] = kpi.strategic.code if kpi.strategic else ""
        initial["strategic_relation"] = kpi.strategic_relation
        for i, t in enumerate(kpi.targets or []):
            initial[f"target_{i}"] = t
        for i, row in enumerate((kpi.baseline or [])[:BASELINE_YEARS]):
            initial[f"baseline_year_{i}"] = row.get("year", "")
            initial[f"baseline_value_{i}"] = row.get("value", "")
        return initial


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in ("submit", "endorse", "approve", "return")])
    comment = forms.CharField(label=_("ความเห็น"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    kpi = forms.IntegerField(required=False)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    meeting_id = forms.IntegerField(required=False)
    meeting = forms.CharField(required=False, max_length=500)
    resolution = forms.CharField(required=False)


class ExtensionForm(forms.Form):
    new_deadline = ThaiDateField(label=_("ขยายเวลาถึงวันที่"))
    reason = forms.CharField(label=_("เหตุผล"), widget=forms.Textarea(attrs={"rows": 2}))
