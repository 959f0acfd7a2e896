from django.urls import path

from govkpi.dashboards import alignment_views, forecast_views, quality_views, strategic_views, views

urlpatterns = [
    path("dashboards/national/", views.national, name="dashboard-national"),
    path("dashboards/provinces/", views.provinces, name="dashboard-provinces"),
    path("dashboards/organisation/<str:code>/", views.organisation, name="dashboard-organisation"),
    path("dashboards/alignment/", alignment_views.alignment, name="dashboard-alignment"),
    path("strategic-kpis/", strategic_views.strategic_list_page, name="strategic-list"),
    path("strategic-kpis/<int:pk>/", strategic_views.strategic_detail_page, name="strategic-detail"),
    path("strategic-kpis/<int:pk>/rollup.xlsx", strategic_views.strategic_export, name="strategic-export"),
    path("proposals/<int:pk>/quality/", quality_views.proposal_quality_panel, name="proposal-quality"),
    path("dashboards/forecast/", forecast_views.forecast, name="dashboard-forecast"),
    path("dashboards/forecast/at-risk/", forecast_views.at_risk, name="dashboard-forecast-at-risk"),
    path("dashboards/forecast/calibration/", forecast_views.calibration, name="dashboard-forecast-calibration"),
]
