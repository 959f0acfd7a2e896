"""The national plan tree."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from govkpi.api.schemas import ERRORS
from govkpi.plans.models import PlanNode

router = Router()


class PlanNodeOut(Schema):
    code: str
    kind: str
    parent: str | None
    title_th: str
    title_en: str

    @staticmethod
    def resolve_parent(obj: PlanNode) -> str | None:
        return obj.parent.code if obj.parent else None


@router.get("/", response={200: list[PlanNodeOut], **ERRORS}, summary="แผนระดับชาติ")
def list_plan_nodes(request: HttpRequest, kind: PlanNode.Kind | None = None) -> object:
    qs = PlanNode.objects.select_related("parent")
    if kind:
        qs = qs.filter(kind=kind.value)
    return list(qs)
