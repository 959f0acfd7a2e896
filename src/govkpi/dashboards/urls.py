from django.urls import path

from govkpi.dashboards import alignment_views, forecast_views, views

urlpatterns = [
    path("dashboards/national/", views.national, name="dashboard-national"),
    path("dashboards/provinces/", views.provinces, name="dashboard-provinces"),
    path("dashboards/organisation/<str:code>/", views.organisation, name="dashboard-organisation"),
    path("dashboards/alignment/", alignment_views.alignment, name="dashboard-alignment"),
    path("dashboards/forecast/", forecast_views.forecast, name="dashboard-forecast"),
    path("dashboards/forecast/at-risk/", forecast_views.at_risk, name="dashboard-forecast-at-risk"),
    path("dashboards/forecast/calibration/", forecast_views.calibration, name="dashboard-forecast-calibration"),
]
