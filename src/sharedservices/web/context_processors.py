from django.conf import settings
from django.urls import reverse


def service(request):
    """The service name and the navigation, with the current section marked."""
    match = getattr(request, "resolver_match", None)
    namespace = getattr(match, "namespace", "")
    if namespace == "web" and getattr(match, "url_name", "") not in ("home", "dashboard"):
        namespace = ""  # the footer's pages are no section of the navigation
    items = [
        ("web", "Home", reverse("web:dashboard" if request.user.is_authenticated else "web:home")),
        ("councils", "Councils", reverse("councils:index")),
        ("registry", "Register", reverse("registry:index")),
        ("national", "Map and statistics", reverse("national:map")),
    ]
    if request.user.is_authenticated:
        items += [
            ("programme", "Programme", reverse("programme:index")),
            ("cases", "Business cases", reverse("cases:index")),
            ("jobs", "Find partners", reverse("jobs:find-partners")),
        ]
    return {
        "service_name": settings.SERVICE_NAME,
        "navigation": [
            {"text": text, "href": href, "active": namespace == ns} for ns, text, href in items
        ],
    }
