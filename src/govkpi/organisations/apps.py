from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "govkpi.organisations"
    default_auto_field = "django.db.models.BigAutoField"
