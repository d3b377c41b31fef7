from django.conf import settings
from django.urls import reverse


def service(request):
    """The service name and the navigation, with the current section marked."""
    namespace = getattr(getattr(request, "resolver_match", None), "namespace", "")
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
