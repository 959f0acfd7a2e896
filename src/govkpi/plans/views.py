"""The national plan tree page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govkpi.plans.selectors import plan_tree


def plan_tree_view(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/tree.html", {"tree": plan_tree()})
