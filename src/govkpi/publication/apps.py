from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "govkpi.publication"
    label = "publication"
    verbose_name = "การเผยแพร่ผลการประเมิน"
