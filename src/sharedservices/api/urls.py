from django.urls import path

from sharedservices.api.main import api

urlpatterns = [path("", api.urls)]
