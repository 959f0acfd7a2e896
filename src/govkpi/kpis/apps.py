from django.apps import AppConfig


class KpisConfig(AppConfig):
    name = "govkpi.kpis"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from govkpi.kpis import importing  # noqa: F401  registers the "proposal.import" job handler
