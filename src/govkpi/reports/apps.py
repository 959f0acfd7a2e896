from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "govkpi.reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from govkpi.reports import jobs  # noqa: F401  (registers the job handlers)
