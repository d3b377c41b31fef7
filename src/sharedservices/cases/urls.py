from django.urls import path

from sharedservices.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
]
