from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "govkpi.frameworks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not above: it loads models, which Django allows once apps are registered.
        from govkpi.frameworks import score_inputs

        score_inputs.connect()
