from django.urls import path

from govkpi.results import views

urlpatterns = [
    path("results/", views.result_index, name="result-index"),
    path("results/appeals/", views.appeal_list, name="appeal-list"),
    path("results/verify/", views.verification_queue, name="verification-queue"),
    path("results/appeals/<int:pk>/", views.appeal_detail, name="appeal-detail"),
    path("results/appeals/new/<int:result_id>/", views.appeal_new, name="appeal-new"),
    path("results/evidence/<int:pk>/delete/", views.evidence_delete, name="evidence-delete"),
    path("results/year/<int:year>/<str:group>/", views.framework_results, name="result-framework"),
    path(
        "results/year/<int:year>/<str:group>/<int:months>/template.xlsx", views.import_template, name="result-template"
    ),
    path("results/year/<int:year>/<str:group>/<int:months>/import/", views.import_upload, name="result-import"),
    path("results/year/<int:year>/<str:group>/lessons/", views.lessons_framework, name="lessons-framework"),
    path("results/<str:org_code>/<int:year>/lessons/", views.lessons_organisation, name="lessons-organisation"),
    path("results/<str:org_code>/<int:year>/<int:months>/", views.result_sheet, name="result-sheet"),
    path(
        "results/<str:org_code>/<int:year>/<int:months>/round/<str:action>/",
        views.round_action,
        name="result-round-action",
    ),
    path("results/<str:org_code>/<int:year>/<int:months>/bulk/<str:action>/", views.round_bulk, name="result-bulk"),
    path(
        "results/<str:org_code>/<int:year>/<int:months>/kpi/<int:kpi_id>/<str:action>/",
        views.result_action,
        name="result-action",
    ),
]
