"""WSGI entry point for gunicorn. It refuses to serve without a real SECRET_KEY in production."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
application = get_wsgi_application()
if settings.SECRET_KEY_MISSING:
    raise ImproperlyConfigured(settings.SECRET_KEY_MESSAGE)

# Every URL pattern, the API's ~1,300 schemas with them, is loaded now as the worker starts and not
# in its first request, which would otherwise wait 3–6 s (9.6 s in the deadline rush on a busy machine).
get_resolver().url_patterns  # noqa: B018
