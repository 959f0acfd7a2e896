from django.apps import AppConfig


class KpisConfig(AppConfig):
    name = "govkpi.kpis"
    default_auto_field = "django.db.models.BigAutoField"
