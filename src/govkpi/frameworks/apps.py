from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "govkpi.frameworks"
    default_auto_field = "django.db.models.BigAutoField"
