from django.apps import AppConfig


class BasketConfig(AppConfig):
    name = "govkpi.basket"
    default_auto_field = "django.db.models.BigAutoField"
