from django.urls import path

from sharedservices.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
]
