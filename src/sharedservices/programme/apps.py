from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "sharedservices.programme"
    verbose_name = "Programmes and opportunities"

    def ready(self):
        from sharedservices.programme import panels  # noqa: F401  (registers the council panel)
