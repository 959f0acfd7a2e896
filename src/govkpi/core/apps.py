from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "govkpi.core"
    verbose_name = "ส่วนกลาง"
