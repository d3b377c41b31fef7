from django.urls import path

from sharedservices.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.find_partners, name="find-partners"),
    path("jobs/<int:pk>/", views.detail, name="detail"),
]
