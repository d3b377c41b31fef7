from django.urls import path

from sharedservices.programme import views

app_name = "programme"
urlpatterns = [
    path("", views.index, name="index"),
    path("opportunities/<int:pk>/", views.opportunity, name="opportunity"),
]
