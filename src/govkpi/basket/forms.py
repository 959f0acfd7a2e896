"""The Basket entry form: it only collects values; `services.basket_kpi_clean` judges them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from govkpi.basket.constants import BASELINE_YEARS, TUNABLE
from govkpi.basket.models import BasketKpi, Domain
from govkpi.frameworks.choices import Direction, GroupCode, Measure
from govkpi.frameworks.selectors import LadderLevel, ladders_in_use
from govkpi.organisations.choices import OrganisationKind
from govkpi.plans.models import PlanNode

#: Where a service problem on a list field is shown on the form.
PROBLEM_FIELD = {"baseline": "baseline_year_1"}


def target_field(length: int, level: int) -> str:
    """The form field of a recommended target: ladder length, then the 1-based level."""
    return f"target_{length}_{level}"


class BasketKpiForm(forms.Form):
    code = forms.CharField(label=_("รหัส"), max_length=30, required=False, help_text=_("เช่น B66-001"))
    group = forms.ChoiceField(label=_("กลุ่ม"), choices=GroupCode.choices)
    name_th = forms.CharField(label=_("ชื่อตัวชี้วัด"), max_length=500, required=False)
    name_en = forms.CharField(label=_("ชื่อภาษาอังกฤษ"), max_length=500, required=False)
    domain = forms.ChoiceField(label=_("ด้าน"), choices=Domain.choices)
    definition_th = forms.CharField(label=_("คำอธิบาย"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    formula_th = forms.CharField(label=_("สูตรการคำนวณ"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    unit_th = forms.CharField(label=_("หน่วยวัด"), max_length=60, required=False)
    direction = forms.ChoiceField(label=_("ทิศทาง"), choices=Direction.choices)
    measure = forms.ChoiceField(label=_("ลักษณะการวัด"), choices=Measure.choices)
    data_source_th = forms.CharField(label=_("แหล่งข้อมูล"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    evidence_th = forms.CharField(label=_("หลักฐานที่คาดหวัง"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    plan_links = forms.MultipleChoiceField(
        label=_("ความเชื่อมโยงกับแผน"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    applicable_kinds = forms.MultipleChoiceField(
        label=_("ประเภทส่วนราชการที่ใช้ได้"),
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tunable_fields = forms.MultipleChoiceField(
        label=_("ช่องที่ส่วนราชการปรับได้"),
        choices=list(TUNABLE.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.CharField(label=_("ประเด็น (คั่นด้วยจุลภาค)"), required=False)
    ministry = forms.CharField(label=_("ส่วนราชการเจ้าของตัวชี้วัด (รหัส)"), max_length=30, required=False)

    def __init__(self, *args: Any, instance: BasketKpi | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance = instance
        plan_field = self.fields["plan_links"]
        assert isinstance(plan_field, forms.MultipleChoiceField)
        plan_field.choices = [
            (code, f"{code} {title}")
            for code, title in PlanNode.objects.order_by("kind", "order", "code").values_list("code", "title_th")
        ]
        for i in range(1, BASELINE_YEARS + 1):
            self.fields[f"baseline_year_{i}"] = forms.CharField(
                label=_("ข้อมูลพื้นฐาน ปี พ.ศ."), required=False, widget=forms.TextInput(attrs={"size": 6})
            )
            self.fields[f"baseline_value_{i}"] = forms.CharField(
                label=_("ค่า"), required=False, widget=forms.TextInput(attrs={"size": 8})
            )
        # One row of inputs per ladder length the frameworks use (and any the entry already has).
        self.ladders: dict[int, tuple[LadderLevel, ...]] = ladders_in_use()
        for ladder in instance.recommendations if instance is not None else []:
            self.ladders.setdefault(
                len(ladder),
                tuple(
                    LadderLevel(index=i, name_th=f"ขั้นที่ {i + 1}", name_en=f"Level {i + 1}", points=Decimal(0))
                    for i in range(len(ladder))
                ),
            )
        self.ladders = dict(sorted(self.ladders.items()))
        for length, levels in self.ladders.items():
            for level in levels:
                self.fields[target_field(length, level.index + 1)] = forms.CharField(
                    label=level.name, required=False, widget=forms.TextInput(attrs={"size": 7})
                )
        if instance is not None:
            self.fields["code"].disabled = True

    @staticmethod
    def initial_of(kpi: BasketKpi) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(kpi, name)
            for name in (
                "code",
                "group",
                "name_th",
                "name_en",
                "domain",
                "definition_th",
                "formula_th",
                "unit_th",
                "direction",
                "measure",
                "data_source_th",
                "evidence_th",
                "applicable_kinds",
                "tunable_fields",
            )
        }
        initial["plan_links"] = [p.code for p in kpi.plan_links.all()]
        initial["themes"] = ", ".join(kpi.themes or [])
        initial["ministry"] = kpi.ministry.code if kpi.ministry else ""
        for i, row in enumerate(kpi.baseline or [], start=1):
            initial[f"baseline_year_{i}"] = row.get("year")
            initial[f"baseline_value_{i}"] = row.get("value")
        for ladder in kpi.recommendations:
            for i, value in enumerate(ladder, start=1):
                initial[target_field(len(ladder), i)] = value
        return initial

    def template_data(self) -> dict[str, Any]:
        """The cleaned form as the mapping the services take."""
        d = self.cleaned_data
        data: dict[str, Any] = {
            name: d.get(name)
            for name in (
                "group",
                "name_th",
                "name_en",
                "domain",
                "definition_th",
                "formula_th",
                "unit_th",
                "direction",
                "measure",
                "data_source_th",
                "evidence_th",
                "plan_links",
                "applicable_kinds",
                "tunable_fields",
                "themes",
                "ministry",
            )
        }
        if self.instance is None:
            data["code"] = d.get("code")
        data["baseline"] = [
            {"year": d.get(f"baseline_year_{i}"), "value": d.get(f"baseline_value_{i}")}
            for i in range(1, BASELINE_YEARS + 1)
        ]
        ladders = []
        for length in self.ladders:
            values = [d.get(target_field(length, i)) or "" for i in range(1, length + 1)]
            if any(values):
                ladders.append(values)
        data["recommended_targets"] = ladders
        return data

    def target_rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        """(ladder length, its inputs) for the template, shortest ladder first."""
        return [(length, [self[target_field(length, i)] for i in range(1, length + 1)]) for length in self.ladders]

    def add_problems(self, problems: list[dict[str, Any]]) -> None:
        first_target = target_field(min(self.ladders), 1)
        for problem in problems:
            name = str(problem.get("field") or "")
            name = first_target if name == "recommended_targets" else PROBLEM_FIELD.get(name, name)
            if (get_language() or "th").startswith("en") and problem.get("message_en"):
                text = str(problem["message_en"]).split(": ", 1)[-1]
            else:
                text = str(problem.get("message_th") or problem["message"])
            self.add_error(name if name in self.fields else None, text)
