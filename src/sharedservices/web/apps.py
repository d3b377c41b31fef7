from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "sharedservices.web"
    verbose_name = "Web pages"

    def ready(self):
        # Configure Celery from Django settings whenever Django runs, so tasks
        # sent from views go to the configured broker (or run eagerly).
        from sharedservices.celery import app  # noqa: F401

        # "Enter the title", not "This field is required." (web/govuk_errors.py).
        from sharedservices.web.govuk_errors import install

        install()
