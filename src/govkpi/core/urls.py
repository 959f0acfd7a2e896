"""Pages of background jobs."""

from django.urls import path

from govkpi.core import job_views

urlpatterns = [
    path("jobs/", job_views.job_list, name="job-list"),
    path("jobs/<uuid:pk>/", job_views.job_detail, name="job-detail"),
    path("jobs/<uuid:pk>/download/", job_views.job_download, name="job-download"),
]
