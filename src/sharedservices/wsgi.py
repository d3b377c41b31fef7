"""WSGI entry point (gunicorn sharedservices.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservices.settings")
application = get_wsgi_application()

# Import every view, build the URL tables and compile every template now rather than on
# the first requests: seconds of work, which a fresh worker would otherwise do while
# requests queue behind it. Gunicorn loads this module before a worker accepts any
# request (and once, before forking, with ``preload_app``).
from sharedservices.operations.warmup import warm_up  # noqa: E402 (needs the settings)

warm_up()
