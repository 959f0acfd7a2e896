from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "govkpi.organisations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from govkpi.organisations import people_excel  # noqa: F401  registers the "people.import" job handler
