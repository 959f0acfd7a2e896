from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "govkpi.dashboards"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "แดชบอร์ด"
