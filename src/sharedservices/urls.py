from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Shared Services Hub administration"
admin.site.site_title = "Shared Services Hub"

urlpatterns = [
    path("", include("sharedservices.web.urls")),
    path("accounts/", include("sharedservices.accounts.urls")),
    path("councils/", include("sharedservices.councils.urls")),
    path("register/", include("sharedservices.registry.urls")),
    path("register/", include("sharedservices.benefits.urls")),
    path("", include("sharedservices.registry.national_urls")),
    path("programmes/", include("sharedservices.programme.urls")),
    path("cases/", include("sharedservices.cases.urls")),
    path("", include("sharedservices.governance.urls")),
    path("", include("sharedservices.reports.urls")),
    path("partners/", include("sharedservices.jobs.urls")),
    path("api/v1/", include("sharedservices.api.urls")),
    path("admin/", admin.site.urls),
    path("", include("sharedservices.operations.urls")),
]
