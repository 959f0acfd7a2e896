from django.apps import AppConfig


class BasketConfig(AppConfig):
    name = "govkpi.basket"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from govkpi.basket import excel  # noqa: F401  registers the "basket.import" job handler
