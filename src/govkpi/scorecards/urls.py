from django.urls import path

from govkpi.scorecards import views

urlpatterns = [
    path("scorecards/", views.scorecard_index, name="scorecard-index"),
    path("scorecards/<str:org_code>/<int:year>/<int:months>/", views.scorecard_detail, name="scorecard-detail"),
    path(
        "scorecards/<str:org_code>/<int:year>/<int:months>/scorecard.xlsx",
        views.scorecard_excel,
        name="scorecard-excel",
    ),
    path(
        "scorecards/<str:org_code>/<int:year>/<int:months>/simulate/",
        views.scorecard_simulate,
        name="scorecard-simulate",
    ),
]
