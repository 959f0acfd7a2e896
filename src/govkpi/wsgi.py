"""WSGI entry point for gunicorn. It refuses to serve without a real SECRET_KEY in production."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govkpi.settings")
application = get_wsgi_application()
if settings.SECRET_KEY_MISSING:
    raise ImproperlyConfigured(settings.SECRET_KEY_MESSAGE)
