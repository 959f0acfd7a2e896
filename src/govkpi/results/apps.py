from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "govkpi.results"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from govkpi.results import excel  # noqa: F401  registers the "results.import" job handler
