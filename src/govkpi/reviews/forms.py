"""Forms of the committee pages: a meeting, an agenda item, a resolution, a recommendation, an answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govkpi.core.forms import ThaiDateField
from govkpi.kpis.models import ChangeRequest, Proposal
from govkpi.organisations.models import Organisation
from govkpi.reviews.models import Committee, Meeting, Resolution


class ProposalChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.organisation.name_th} · {obj.framework.fiscal_year.year} · {obj.get_state_display()}"


class ChangeRequestChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"#{obj.pk} {obj.organisation.name_th} · {obj.get_kind_display()} · {obj.kpi.code if obj.kpi else ''}"


class MeetingForm(forms.Form):
    committee = forms.ModelChoiceField(Committee.objects.order_by("code"), label=_("คณะกรรมการ"))
    number = forms.IntegerField(min_value=1, label=_("ครั้งที่"))
    year_be = forms.IntegerField(min_value=2400, max_value=2700, label=_("ปี พ.ศ."))
    held_on = ThaiDateField(label=_("วันที่ประชุม"))
    mode = forms.ChoiceField(choices=Meeting.Mode.choices, label=_("รูปแบบการประชุม"))
    chair_th = forms.CharField(required=False, max_length=200, label=_("ประธาน"))
    title_th = forms.CharField(required=False, max_length=500, label=_("ชื่อการประชุม"))


class AgendaItemForm(forms.Form):
    title_th = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("เรื่อง"))
    proposals = ProposalChoice(
        Proposal.objects.none(),
        required=False,
        label=_("ข้อเสนอตัวชี้วัดที่พิจารณา"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    change_requests = ChangeRequestChoice(
        ChangeRequest.objects.none(),
        required=False,
        label=_("คำขอเปลี่ยนแปลงที่พิจารณา"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(
        self, *args: object, proposals: object = None, change_requests: object = None, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if proposals is not None:
            self.fields["proposals"].queryset = proposals  # type: ignore[attr-defined]
        if change_requests is not None:
            self.fields["change_requests"].queryset = change_requests  # type: ignore[attr-defined]


class ResolutionForm(forms.Form):
    decision = forms.ChoiceField(choices=Resolution.Decision.choices, label=_("มติ"))
    text_th = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("ข้อความมติ"))


class RecommendationForm(forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.order_by("kind", "code"), label=_("หน่วยงาน"))
    text_th = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("ข้อเสนอแนะ"))


class AnswerForm(forms.Form):
    answer_th = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("คำตอบของหน่วยงาน"))
