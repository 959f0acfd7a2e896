from django.apps import AppConfig


class WorklistConfig(AppConfig):
    name = "govkpi.worklist"
    default_auto_field = "django.db.models.BigAutoField"
