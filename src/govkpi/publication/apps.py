from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "govkpi.publication"
    label = "publication"
    verbose_name = "การเผยแพร่ผลการประเมิน"

    def ready(self) -> None:
        from govkpi.publication import jobs  # noqa: F401  (registers the job handlers)
