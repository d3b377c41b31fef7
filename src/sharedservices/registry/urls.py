from django.urls import path

from sharedservices.registry.views import downloads, register

app_name = "registry"
urlpatterns = [
    path("", register.index, name="index"),
    path("add/", register.add, name="add"),
    path("import/", register.import_file, name="import"),
    path("import/template.csv", downloads.template_csv, name="template-csv"),
    path("import/template.xlsx", downloads.template_xlsx_view, name="template-xlsx"),
    path("export.csv", downloads.export_csv, name="export-csv"),
    path("export.xlsx", downloads.export_xlsx, name="export-xlsx"),
    path("<int:pk>/", register.detail, name="detail"),
    path("<int:pk>/edit/", register.edit, name="edit"),
]
