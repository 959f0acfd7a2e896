"""URLs of reports: the committee summary, meeting packs, and Excel exports of the list pages."""

from django.urls import path

from govkpi.reports import views

urlpatterns = [
    path("reports/summary/", views.summary_page, name="report-summary"),
    path("reports/summary/download/", views.summary_download, name="report-summary-download"),
    path("reports/meetings/<int:pk>/pack/", views.meeting_pack_page, name="report-meeting-pack"),
    path("reports/meetings/<int:pk>/pack/build/", views.meeting_pack_start, name="report-meeting-pack-build"),
    path("kpis/export.xlsx", views.kpi_export, name="kpi-export"),
    path("organisations/export.xlsx", views.organisation_export, name="organisation-export"),
    path("basket/export.xlsx", views.basket_export, name="basket-export"),
    path("frameworks/export.xlsx", views.framework_export, name="framework-export"),
]
