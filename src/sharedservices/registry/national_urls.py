"""Top-level pages of the national picture: ``/map/`` and ``/stats/``."""

from django.urls import path

from sharedservices.registry.views import national, reorganisation

app_name = "national"
urlpatterns = [
    path("map/", national.national_map, name="map"),
    path("stats/", national.stats, name="stats"),
    path("reorganisations/", reorganisation.national, name="reorganisations"),
    path("reorganisations/effects.csv", reorganisation.effects_csv, name="reorganisations-csv"),
]
