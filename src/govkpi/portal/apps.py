from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "govkpi.portal"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "เว็บไซต์เผยแพร่ผลการประเมิน"
