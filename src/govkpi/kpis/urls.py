"""Pages of proposals (the coordinator's editor, the review workflow, the Excel round trip), joint and
cascaded KPIs, change requests and KPI versions."""

from django.urls import path

from govkpi.kpis import proposal_excel_views as xv
from govkpi.kpis import proposal_views as pv
from govkpi.kpis import shared_views as sv
from govkpi.kpis import versioning_views as cv

urlpatterns = [
    path("proposals/", pv.proposal_list, name="proposal-list"),
    path("proposals/start/", pv.proposal_start, name="proposal-start"),
    path("proposals/<int:pk>/", pv.proposal_detail, name="proposal-detail"),
    path("proposals/<int:pk>/rules/", pv.proposal_rules, name="proposal-rules"),
    path("proposals/<int:pk>/transition/", pv.proposal_transition, name="proposal-transition"),
    path("proposals/<int:pk>/extension/", pv.proposal_extension, name="proposal-extension"),
    path("proposals/<int:pk>/basket/", pv.basket_pick, name="proposal-basket"),
    path("proposals/<int:pk>/basket/<str:code>/add/", pv.basket_add, name="proposal-basket-add"),
    path("proposals/<int:pk>/kpis/new/", pv.kpi_new, name="proposal-kpi-new"),
    path("proposals/<int:pk>/kpis/<int:kpi_pk>/edit/", pv.kpi_edit, name="proposal-kpi-edit"),
    path("proposals/<int:pk>/kpis/<int:kpi_pk>/remove/", pv.kpi_remove, name="proposal-kpi-remove"),
    path("proposals/<int:pk>/comments/", pv.proposal_comment_add, name="proposal-comment-add"),
    path(
        "proposals/<int:pk>/comments/<int:comment_pk>/reply/", pv.proposal_comment_reply, name="proposal-comment-reply"
    ),
    path(
        "proposals/<int:pk>/comments/<int:comment_pk>/resolve/",
        pv.proposal_comment_resolve,
        name="proposal-comment-resolve",
    ),
    path("proposals/<int:pk>/excel/", xv.proposal_excel, name="proposal-excel"),
    path("proposals/<int:pk>/excel/template.xlsx", xv.proposal_excel_download, name="proposal-excel-download"),
    path("joint-kpis/", sv.joint_list, name="joint-list"),
    path("joint-kpis/new/", sv.joint_new, name="joint-new"),
    path("joint-kpis/<int:pk>/", sv.joint_detail, name="joint-detail"),
    path("cascaded-kpis/", sv.cascade_list, name="cascade-list"),
    path("cascaded-kpis/new/", sv.cascade_new, name="cascade-new"),
    path("change-requests/", cv.change_request_list, name="change-request-list"),
    path("change-requests/new/", cv.change_request_create, name="change-request-create"),
    path("change-requests/<int:pk>/", cv.change_request_detail, name="change-request-detail"),
    path("change-requests/<int:pk>/decision/", cv.change_request_decide, name="change-request-decide"),
    path("kpis/<int:pk>/versions/", cv.kpi_versions, name="kpi-versions"),
]
