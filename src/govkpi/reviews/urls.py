"""Pages of committees and meetings, resolutions and recommendations."""

from django.urls import path

from govkpi.reviews import views

urlpatterns = [
    path("committees/", views.committee_list, name="committee-list"),
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/new/", views.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/agenda/", views.agenda_item_add, name="agenda-item-add"),
    path("meetings/<int:pk>/recommendations/", views.recommendation_add, name="recommendation-add"),
    path("agenda/<int:pk>/resolution/", views.resolution_record, name="resolution-record"),
    path("recommendations/", views.recommendation_list, name="recommendation-list"),
    path("recommendations/<int:pk>/answer/", views.recommendation_answer, name="recommendation-answer"),
]
