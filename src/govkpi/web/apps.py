from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class WebConfig(AppConfig):
    name = "govkpi.web"
    default = True
    default_auto_field = "django.db.models.BigAutoField"


class GovkpiAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our two-factor admin site as `admin.site`."""

    default = False
    default_site = "govkpi.web.admin_site.GovkpiAdminSite"
