from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    """Scorecards from stored data: building the engine's input, rescoring, pages, simulator."""

    name = "govkpi.scorecards"
    default_auto_field = "django.db.models.BigAutoField"
