"""Top-level URLs: the Thai web UI, the REST API and the admin."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from govkpi.api.main import api
from govkpi.core.cache_policy import language_switch
from govkpi.web import operations

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/setlang/", language_switch, name="set_language"),
    path("healthz", operations.healthz, name="healthz"),
    path("metrics", operations.metrics, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("govkpi.web.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "govkpi.web.views.error_400"
handler403 = "govkpi.web.views.error_403"
handler404 = "govkpi.web.views.error_404"
handler500 = "govkpi.web.views.error_500"
