"""The API tokens page: a person lists, names, creates and revokes their own tokens; OPDC sees and
revokes everyone's. The rules are `organisations.tokens`."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from govkpi.core.errors import ServiceError
from govkpi.organisations.access import viewer_for
from govkpi.organisations.tokens import api_token_create, api_token_is_active, api_token_revoke, api_tokens_visible


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("ชื่อโทเค็น"), max_length=100)
    days = forms.IntegerField(label=gettext_lazy("อายุ (วัน)"), min_value=1)
    read_only = forms.BooleanField(label=gettext_lazy("อ่านข้อมูลได้อย่างเดียว"), required=False)


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    everyone = viewer.is_opdc and request.GET.get("everyone") == "1"
    form = TokenForm(request.POST or None, initial={"days": settings.API_TOKEN_DEFAULT_DAYS})
    form.fields["days"].widget.attrs["max"] = settings.API_TOKEN_MAX_DAYS  # the service enforces it
    new_key = ""
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = api_token_create(
                viewer=viewer,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                read_only=form.cleaned_data["read_only"],
            )
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message_th)
        else:
            form = TokenForm(initial={"days": settings.API_TOKEN_DEFAULT_DAYS})
    tokens = [(t, api_token_is_active(t)) for t in api_tokens_visible(viewer=viewer, everyone=everyone)[:500]]
    return render(
        request,
        "organisations/tokens.html",
        {"form": form, "tokens": tokens, "new_key": new_key, "everyone": everyone, "may_see_all": viewer.is_opdc},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        token = api_token_revoke(viewer=viewer_for(request.user), token_id=pk)
    except ServiceError as exc:
        messages.error(request, exc.message_th)
    else:
        messages.success(request, _("ยกเลิกโทเค็น %(name)s แล้ว") % {"name": token.name})
    return redirect(request.POST.get("next") or "token-list")
