from django.apps import AppConfig

from govkpi.core.signals import score_inputs_changed


class ScorecardsConfig(AppConfig):
    """Scorecards from stored data: building the engine's input, rescoring, pages, simulator."""

    name = "govkpi.scorecards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not above: the receiver's module loads models, which Django allows only
        # once every app is registered (the documented place to connect signals).
        from govkpi.scorecards.receivers import rescore_on_change

        score_inputs_changed.connect(rescore_on_change, dispatch_uid="scorecards.rescore_on_change")
