from django.apps import AppConfig


class BasketConfig(AppConfig):
    name = "govkpi.basket"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the background import jobs ("basket.import", "proposal.import").
        from govkpi.basket import excel  # noqa: F401
        from govkpi.kpis import importing  # noqa: F401
