from django.urls import path

from sharedservices.reports import officers, views

app_name = "reports"
report = "cases/<int:pk>/reports/<str:code>/<slug:meeting>/"
urlpatterns = [
    path("cases/<int:pk>/reports/", views.case_reports, name="case"),
    path(report, views.report_page, name="report"),
    path(report + "details/", views.details, name="details"),
    path(report + "implications/<slug:kind>/", views.implication, name="implication"),
    path(report + "exempt/", views.exempt, name="exempt"),
    path(report + "publish/", views.publish, name="publish"),
    path(report + "download/", views.download, name="download"),
    path("reports/published/", views.published_list, name="published-list"),
    path("reports/published/<int:published_id>/", views.published_file, name="published"),
    path("reports/templates/<str:code>/", views.template_upload, name="template"),
    path(
        "reports/statutory-officers/<str:code>/",
        officers.statutory_officers_page,
        name="statutory-officers",
    ),
    path(
        "reports/statutory-officers/<str:code>/<slug:post>/",
        officers.statutory_officer_edit,
        name="statutory-officer",
    ),
]
