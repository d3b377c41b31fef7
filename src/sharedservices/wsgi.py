"""WSGI entry point (gunicorn sharedservices.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservices.settings")
application = get_wsgi_application()
