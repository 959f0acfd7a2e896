"""URLs of the Thai web UI; each domain app adds its own pages here."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from govkpi.frameworks import views as framework_views
from govkpi.kpis import views as kpi_views
from govkpi.organisations import token_views
from govkpi.plans import views as plan_views
from govkpi.web import framework_design_views, job_views, organisation_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/tokens/", token_views.token_list, name="token-list"),
    path("account/tokens/<int:pk>/revoke/", token_views.token_revoke, name="token-revoke"),
    path("organisations/", organisation_views.organisation_list, name="organisation-list"),
    path("organisations/<str:code>/", organisation_views.organisation_detail, name="organisation-detail"),
    path("plans/", plan_views.plan_tree_view, name="plan-tree"),
    path("frameworks/", framework_views.framework_list, name="framework-list"),
    path("frameworks/<int:pk>/", framework_views.framework_detail, name="framework-detail"),
    path("frameworks/new/", framework_design_views.framework_new, name="framework-new"),
    path("frameworks/<int:pk>/design/", framework_design_views.framework_design, name="framework-design"),
    path("frameworks/<int:pk>/announce/", framework_design_views.framework_announce, name="framework-announce"),
    path("kpis/", kpi_views.kpi_list, name="kpi-list"),
    path("kpis/<int:pk>/", kpi_views.kpi_detail, name="kpi-detail"),
    path("jobs/", job_views.job_list, name="job-list"),
    path("jobs/<uuid:pk>/", job_views.job_detail, name="job-detail"),
    path("jobs/<uuid:pk>/download/", job_views.job_download, name="job-download"),
    path("", include("govkpi.reports.urls")),
    path("", include("govkpi.scorecards.urls")),
    path("", include("govkpi.notifications.urls")),
    path("", include("govkpi.reviews.urls")),
    path("", include("govkpi.dashboards.urls")),
    path("", include("govkpi.portal.urls")),
    path("", include("govkpi.publication.urls")),
    path("", include("govkpi.basket.urls")),
    path("", include("govkpi.kpis.urls")),
    path("", include("govkpi.results.urls")),
    path("", include("govkpi.organisations.urls")),
]
