from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """In-app inbox and e-mail notifications (deadline reminders: `results.reminders`)."""

    name = "govkpi.notifications"
    default_auto_field = "django.db.models.BigAutoField"
