from django.urls import path

from sharedservices.registry.views import register

app_name = "registry"
urlpatterns = [
    path("", register.index, name="index"),
    path("add/", register.add, name="add"),
    path("import/", register.import_file, name="import"),
    path("<int:pk>/", register.detail, name="detail"),
    path("<int:pk>/edit/", register.edit, name="edit"),
]
