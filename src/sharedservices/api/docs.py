"""The browsable API docs, served from this service: Swagger UI comes from the
locked npm package (``swagger-ui-dist``, built into static/vendor/), never a CDN,
so ``/api/v1/docs`` works with no internet; the page has a language and no
inline script."""

from __future__ import annotations

from django.shortcuts import render
from ninja.openapi.docs import Swagger, _csrf_needed


class LocalSwagger(Swagger):
    def render_page(self, request, api, **kwargs):
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(
            request,
            "api/swagger.html",
            {"swagger_settings": settings, "api": api, "add_csrf": _csrf_needed(api)},
        )
