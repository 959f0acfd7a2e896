from django.urls import path

from govkpi.notifications import views

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read-all/", views.notifications_all_read, name="inbox-read-all"),
    path("inbox/<int:pk>/read/", views.notification_read, name="inbox-read"),
    path("inbox/<int:pk>/open/", views.notification_open, name="inbox-open"),
    path("account/notifications/", views.notification_settings, name="notification-settings"),
]
