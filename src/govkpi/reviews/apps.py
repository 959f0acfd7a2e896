from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "govkpi.reviews"
    default_auto_field = "django.db.models.BigAutoField"
