"""WSGI entry point (gunicorn sharedservices.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservices.settings")
application = get_wsgi_application()

# Import every view (and build the API's schema models) now rather than on the first
# request: that is seconds of work, which a fresh worker would otherwise do while
# requests queue behind it. Gunicorn loads this module before a worker accepts any
# request (and once, before forking, with ``preload_app``).
get_resolver().url_patterns  # noqa: B018 (evaluated for its imports)
