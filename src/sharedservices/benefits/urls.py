from django.urls import path

from sharedservices.benefits.views import baselines, entry, exports, page, reviews

app_name = "benefits"
urlpatterns = [
    path("benefits.csv", exports.dashboard_csv, name="dashboard-csv"),
    path("<int:pk>/benefits/", page.benefits, name="page"),
    path("<int:pk>/benefits/export.csv", page.export_csv, name="export-csv"),
    path("<int:pk>/benefits/enter/", entry.enter, name="enter"),
    path("<int:pk>/benefits/upload/", entry.upload, name="upload"),
    path("<int:pk>/benefits/indicators/add/", entry.indicator_add, name="indicator-add"),
    path(
        "<int:pk>/benefits/indicators/<int:indicator_pk>/baselines/<str:code>/",
        baselines.baseline_edit,
        name="baseline",
    ),
    path("<int:pk>/benefits/reviews/add/", reviews.review_add, name="review-add"),
    path("<int:pk>/benefits/cost-share/", reviews.cost_share, name="cost-share"),
]
