from django.urls import path

from sharedservices.councils import views

app_name = "councils"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.detail, name="detail"),
]
